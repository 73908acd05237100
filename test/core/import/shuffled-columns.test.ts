/**
 * Column order is not evidence: the import of a generated messy workbook and of the same workbook
 * with every sheet's columns shuffled give the same records, rejections and skips.
 */
import fc from "fast-check";
import { buildMessyWorkbook, seededRng } from "../../builders/messy-workbook";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import { readGrid, userSheets } from "../../../src/app/detect-workbook";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { columnLetter } from "../../../src/core/sheet-spec";
import type { ImportResult, SheetGrid } from "../../../src/core/import/types";

async function gridsOf(seed: number, opts: Parameters<typeof buildMessyWorkbook>[1]): Promise<{ grids: SheetGrid[]; date1904: boolean }> {
  const port = XlsxWorkbook.wrap(buildMessyWorkbook(seed, opts).workbook);
  const grids: SheetGrid[] = [];
  for (const s of userSheets(await port.listSheets())) grids.push(await readGrid(port, s));
  return { grids, date1904: await port.date1904() };
}

function letterIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The grid with its columns in another order (`to[c]` is where local column c goes); title rows merged across the width stay as they are, formula references follow their cells. */
function shuffleColumns(g: SheetGrid, rng: () => number): SheetGrid {
  const width = g.values[0]?.length ?? 0;
  const to = Array.from({ length: width }, (_, i) => i);
  for (let i = width - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [to[i], to[j]] = [to[j]!, to[i]!];
  }
  const wide = g.merges.filter((m) => m.col === g.startCol && m.colEnd - m.col + 1 >= width);
  for (const m of g.merges) if (!wide.includes(m) && m.colEnd !== m.col) throw new Error(`a merge across some columns cannot be shuffled: ${JSON.stringify(m)}`);
  const titleRow = (r: number): boolean => wide.some((m) => g.startRow + r >= m.row && g.startRow + r <= m.rowEnd);
  const move = <T>(rows: readonly (readonly T[])[], fill: T, map: (v: T) => T = (v) => v): T[][] =>
    rows.map((row, r) => {
      if (titleRow(r)) return row.map(map);
      const out = new Array<T>(width).fill(fill);
      row.forEach((v, c) => (out[to[c]!] = map(v)));
      return out;
    });
  const ref = (f: string | null): string | null =>
    f === null ? null : f.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (_, d1: string, letters: string, d2: string, row: string) => `${d1}${columnLetter(g.startCol + (to[letterIndex(letters) - g.startCol] ?? letterIndex(letters) - g.startCol))}${d2}${row}`);
  return {
    ...g,
    values: move(g.values, null),
    formats: move(g.formats, "General"),
    formulas: g.formulas.length > 0 ? move(g.formulas, null, ref) : g.formulas,
    merges: g.merges.map((m) => (wide.includes(m) ? m : { ...m, col: g.startCol + to[m.col - g.startCol]!, colEnd: g.startCol + to[m.col - g.startCol]! })),
  };
}

/** A month sheet with one more quantity column (订购数量, random counts) that the row arithmetic must tell from the real one. */
function withDecoyQty(g: SheetGrid, rng: () => number): SheetGrid {
  const header = g.values.findIndex((row) => row.includes("备注"));
  if (header < 0 || !/月$/.test(g.name)) return g;
  const width = g.values[0]?.length ?? 0;
  const cell = (r: number): number | string | null => (r === header ? "订购数量" : r > header && (g.values[r] ?? []).filter((v) => v !== null && v !== "").length >= 5 ? 1 + Math.floor(rng() * 40) : null);
  return {
    ...g,
    values: g.values.map((row, r) => [...row, cell(r)]),
    formats: g.formats.map((row) => [...row, "General"]),
    formulas: g.formulas.map((row) => [...row, null]),
    merges: g.merges.map((m) => (m.col === g.startCol && m.colEnd - m.col + 1 >= width ? { ...m, colEnd: m.colEnd + 1 } : m)),
  };
}

/** What an import produced, column positions left out. */
function records(r: ImportResult) {
  return {
    roles: r.detections.map((d) => [d.sheet, d.role, d.mapping.map((m) => `${m.field}←${m.header}`).sort()]),
    orders: r.input.orders.map((o) => [o.source?.sheet, o.source?.row, o.date, o.customer, o.model, o.qty, o.priceFen, o.amountFen]),
    payments: r.input.payments.map((p) => [p.date, p.customer, p.amountFen, p.allowance]),
    customers: r.input.customers.map((c) => [c.name, c.code, c.terms, c.creditLimitFen]),
    products: r.input.products.map((p) => [p.model, p.name, p.unit, p.priceFen]),
    outcomes: Object.entries(r.outcomes).map(([sheet, os]) => [sheet, os.map((o) => (o.kind === "rejected" ? `${o.row}:rejected:${o.issues.map((i) => i.code).sort().join(",")}` : o.kind === "skipped" ? `${o.row}:skipped:${o.reason.code}` : `${o.row}:imported:${o.warnings.map((w) => w.code).sort().join(",")}`))]),
    tallies: r.tallies,
  };
}

describe("import × shuffled columns", () => {
  it("property: a messy workbook and the same workbook with its columns shuffled import to the same records", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), async (seed, shuffleSeed, months) => {
        const { grids, date1904 } = await gridsOf(seed, { months, linesPerMonth: 20, defectRate: 0.08, returnRate: 0.08 });
        const rng = seededRng(shuffleSeed);
        const straight = importWorkbook(grids, { date1904 });
        const shuffled = importWorkbook(grids.map((g) => shuffleColumns(g, rng)), { date1904 });
        expect(straight.input.orders.length).toBeGreaterThan(0);
        expect(records(shuffled)).toEqual(records(straight));
      }),
      { numRuns: 15 },
    );
  });

  it("property: a decoy quantity column (订购数量) is told from the real one by qty × price ≈ amount, in any column order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), async (seed, shuffleSeed) => {
        const { grids, date1904 } = await gridsOf(seed, { months: 2, linesPerMonth: 20, defectRate: 0.05, returnRate: 0.05 });
        const rng = seededRng(shuffleSeed);
        const straight = importWorkbook(grids, { date1904 });
        const decoyed = importWorkbook(grids.map((g) => shuffleColumns(withDecoyQty(g, rng), rng)), { date1904 });
        const lines = (r: ImportResult) => r.input.orders.map((o) => [o.source?.sheet, o.source?.row, o.qty, o.amountFen]);
        expect(lines(decoyed)).toEqual(lines(straight));
        expect(decoyed.detections.filter((d) => /月$/.test(d.sheet)).map((d) => d.mapping.find((m) => m.field === "qty")?.header)).not.toContain("订购数量");
      }),
      { numRuns: 10 },
    );
  });
});
