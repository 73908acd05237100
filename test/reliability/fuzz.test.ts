/**
 * Fuzzing: generated hostile workbooks through the importer, the reports and the statements.
 * Nothing throws; every sheet conserves its rows (imported + rejected + skipped = rows, each row
 * exactly once); every rejection has a worded reason and a location; every record is valid; every
 * sheet we would write is one Excel can hold.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { importWorkbook } from "../../src/core/import/import-workbook";
import { buildImportReport, importIssuesSheet } from "../../src/core/import/report";
import type { ImportResult, SheetGrid } from "../../src/core/import/types";
import { catalogues, describeIssue, type Locale } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";
import { Ledger } from "../../src/core/ledger";
import { buildReport, BUCKET_KEYS, renderSpecText, type ReportKind } from "../../src/core/reports";
import { statement } from "../../src/core/statement";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { Customer, OrderLine, Payment, Product, ReturnRecord } from "../../src/core/schemas/records";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { ReadOnlyWorkbook } from "../../src/hosts/xlsx/read-only-workbook";
import { GraftWorkbook } from "../../src/hosts/xlsx/graft-workbook";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { detectWorkbook } from "../../src/app/detect-workbook";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { loadLedger } from "../../src/app/load-ledger";
import { parseOverrides } from "../../src/cli/commands/import";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { FakeExcel } from "../excel-fake";
import { arbHostileGrid, arbHostileWorkbook, gridsToExcelJs, gridsToFake, LONG_TEXT, MAX_CELL_TEXT } from "../builders/hostile";
import { trackSuite } from "./summary";
import { chunks } from "../builders/port-reads";
import { assertAsyncProperty, assertProperty } from "./property";

const counter = trackSuite("fuzz");
const LOCALES: readonly Locale[] = ["zh-CN", "en-US"];

/** Placeholders of a catalogue template that the issue does not fill (empty when all are filled). */
function unfilled(issue: Issue, locale: Locale): string[] {
  const template = catalogues[locale][issue.code];
  if (template === undefined) return [`<no message for ${issue.code}>`];
  const keys = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return keys.filter((k) => !(issue.params && Object.prototype.hasOwnProperty.call(issue.params, k)) && !(k === "value" && issue.value !== undefined));
}

/** Every problem with one issue as a rejection reason: code worded in both languages, located, params filled. */
function reasonProblems(issue: Issue, sheet: string, row: number): string[] {
  const out: string[] = [];
  for (const locale of LOCALES) for (const k of unfilled(issue, locale)) out.push(`${issue.code}: ${locale} placeholder {${k}} not filled`);
  if (issue.at?.sheet !== sheet) out.push(`${issue.code}: at.sheet ${String(issue.at?.sheet)} ≠ ${sheet}`);
  if (issue.at?.row !== row) out.push(`${issue.code}: at.row ${String(issue.at?.row)} ≠ ${row}`);
  for (const locale of LOCALES) if (describeIssue(issue, locale).trim() === "") out.push(`${issue.code}: empty ${locale} text`);
  return out;
}

/** Conservation and reasons for one import; returns a list of violations (empty = all good). */
function importViolations(grids: readonly SheetGrid[], result: ImportResult): string[] {
  const bad: string[] = [];
  const importedByRole = { orders: 0, payments: 0, returns: 0, customers: 0, products: 0, other: 0 };
  for (const g of grids) {
    const det = result.detections.find((d) => d.sheet === g.name);
    const tally = result.tallies.find((x) => x.sheet === g.name);
    const outcomes = Object.prototype.hasOwnProperty.call(result.outcomes, g.name) ? result.outcomes[g.name] : undefined;
    if (!det || !tally || !outcomes) {
      bad.push(`${g.name}: no detection/tally/outcomes`);
      continue;
    }
    const lastRow = g.startRow + g.values.length - 1;
    const firstData = det.headerRow === null ? g.startRow : det.headerRow + 1;
    const rows = Math.max(0, lastRow - firstData + 1);
    if (tally.rows !== rows) bad.push(`${g.name}: tally.rows ${tally.rows} ≠ ${rows} rows below the header`);
    if (tally.imported + tally.rejected + tally.skipped !== tally.rows) bad.push(`${g.name}: ${tally.imported}+${tally.rejected}+${tally.skipped} ≠ ${tally.rows}`);
    if (outcomes.length !== rows) bad.push(`${g.name}: ${outcomes.length} outcomes for ${rows} rows`);
    outcomes.forEach((o, i) => {
      if (o.row !== firstData + 1 + i) bad.push(`${g.name}: outcome ${i} is row ${o.row}, expected ${firstData + 1 + i}`);
      if (o.kind === "rejected") {
        if (o.issues.length === 0) bad.push(`${g.name}!${o.row}: rejected without a reason`);
        for (const issue of o.issues) bad.push(...reasonProblems(issue, g.name, o.row).map((p) => `${g.name}!${o.row}: ${p}`));
      } else if (o.kind === "skipped") {
        bad.push(...reasonProblems(o.reason, g.name, o.row).map((p) => `${g.name}!${o.row} (skip): ${p}`));
      } else {
        importedByRole[det.role]++;
        for (const w of o.warnings) for (const locale of LOCALES) for (const k of unfilled(w, locale)) bad.push(`${g.name}!${o.row}: warning ${w.code} {${k}} not filled`);
      }
    });
  }
  const input = result.input;
  const txSheets = importedByRole.orders + importedByRole.payments + importedByRole.returns;
  // A journal row with both 借方 and 贷方 is a sale and a payment: count the source rows the records come from.
  const txRows = new Set([...input.orders, ...input.payments, ...input.returns].map((x, i) => (x.source ? `${x.source.sheet}\u0000${x.source.row}` : `#${i}`)));
  const txRecords = txRows.size;
  if (txSheets !== txRecords) bad.push(`imported transaction rows ${txSheets} ≠ source rows of records ${txRecords}`);
  const masterCustomers = input.customers.filter((c) => !c.derived).length;
  if (importedByRole.customers !== masterCustomers) bad.push(`imported customer rows ${importedByRole.customers} ≠ master customers ${masterCustomers}`);
  const masterProducts = input.products.filter((p) => !p.derived).length;
  if (importedByRole.products !== masterProducts) bad.push(`imported product rows ${importedByRole.products} ≠ master products ${masterProducts}`);
  // Every record is schema-valid (money a safe integer of fen, real dates).
  const schemas = [
    [Customer, input.customers],
    [Product, input.products],
    [OrderLine, input.orders],
    [Payment, input.payments],
    [ReturnRecord, input.returns],
  ] as const;
  for (const [schema, records] of schemas) {
    for (const rec of records as readonly unknown[]) {
      const r = (schema as { safeParse(x: unknown): { success: boolean; error?: { message: string } } }).safeParse(rec);
      if (!r.success) bad.push(`invalid record ${JSON.stringify(rec).slice(0, 200)}: ${r.error?.message.slice(0, 200) ?? ""}`);
    }
  }
  for (const w of result.warnings) for (const locale of LOCALES) for (const k of unfilled(w, locale)) bad.push(`workbook warning ${w.code} {${k}} not filled`);
  return bad;
}

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/;

/** What would stop Excel (or the hosts) from holding a generated sheet. */
export function specViolations(spec: SheetSpec): string[] {
  const bad: string[] = [];
  const name = spec.name;
  if (name.length === 0 || name.length > 31 || FORBIDDEN_SHEET_CHARS.test(name) || /^'|'$/.test(name)) bad.push(`bad sheet name ${JSON.stringify(name)}`);
  spec.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell === "string" && cell.length > MAX_CELL_TEXT) bad.push(`${name}!R${r + 1}C${c + 1}: text of ${cell.length} chars > ${MAX_CELL_TEXT}`);
      if (typeof cell === "number" && !Number.isFinite(cell)) bad.push(`${name}!R${r + 1}C${c + 1}: number ${cell}`);
      if (cell !== null && typeof cell === "object" && "formula" in cell && typeof cell.value === "number" && !Number.isFinite(cell.value)) bad.push(`${name}!R${r + 1}C${c + 1}: formula value ${cell.value}`);
    });
  });
  const merges = spec.merges.filter((m) => m.rowEnd > m.row || m.colEnd > m.col);
  for (let i = 0; i < merges.length; i++) {
    for (let j = i + 1; j < merges.length; j++) {
      const a = merges[i]!;
      const b = merges[j]!;
      if (a.row <= b.rowEnd && b.row <= a.rowEnd && a.col <= b.colEnd && b.col <= a.colEnd) bad.push(`${name}: overlapping merges ${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  }
  return bad;
}

/** Numbers in report/statement data: finite, and fields ending `Fen` safe integers. */
function dataViolations(value: unknown, path = "data"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => dataViolations(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => {
      const own = /Fen$/.test(k) && typeof v === "number" && !Number.isSafeInteger(v) ? [`${path}.${k} = ${v} not a safe integer`] : [];
      return [...own, ...dataViolations(v, `${path}.${k}`)];
    });
  }
  return [];
}

function firstDate(ledger: Ledger): string {
  return ledger.dateRange()?.from ?? "2025-03-05";
}

describe("fuzz: hostile workbooks through the importer", () => {
  counter.test("every row of every sheet is imported, rejected with a located reason, or skipped with a reason", () => {
    let cases = 0;
    assertProperty(
      fc.property(arbHostileWorkbook(), (grids) => {
        const result = importWorkbook(grids);
        const bad = importViolations(grids, result);
        cases++;
        for (const t of result.tallies) {
          counter.add("rowsConserved", t.rows);
          counter.add("rowsImported", t.imported);
          counter.add("rowsRejected", t.rejected);
          counter.add("rowsSkipped", t.skipped);
        }
        counter.add("sheets", grids.length);
        expect(bad).toEqual([]);
      }),
      { numRuns: 200 },
    );
    counter.add("importCases", cases);
  });

  counter.test("the import report and the 导入问题 sheet are complete and writable", () => {
    assertProperty(
      fc.property(arbHostileWorkbook({ maxRows: 15 }), (grids) => {
        const result = importWorkbook(grids);
        for (const locale of LOCALES) {
          const report = buildImportReport(result, locale);
          const rejected = result.tallies.reduce((n, x) => n + x.rejected, 0);
          expect(report.rejected).toHaveLength(rejected);
          for (const r of report.rejected) {
            expect(r.reasons.length).toBeGreaterThan(0);
            expect(r.reasons.filter((s) => s.trim() === "")).toEqual([]);
          }
          const sheet = importIssuesSheet(result, locale);
          expect(specViolations(sheet)).toEqual([]);
        }
        counter.add("reportCases");
      }),
      { numRuns: 100 },
    );
  });

  counter.test("a header-only sheet and a sheet of nothing but the longest text conserve their rows", () => {
    const headerOnly: SheetGrid = { name: "1月销售", startRow: 0, startCol: 0, values: [["日期", "客户", "型号", "数量", "金额"]], formats: [], formulas: [], merges: [] };
    const long: SheetGrid = { name: "回款", startRow: 0, startCol: 0, values: [["日期", "客户", "金额"], [LONG_TEXT, LONG_TEXT, LONG_TEXT], ["2025-03-05", LONG_TEXT, 100]], formats: [], formulas: [], merges: [] };
    const result = importWorkbook([headerOnly, long]);
    expect(importViolations([headerOnly, long], result)).toEqual([]);
    expect(result.tallies.find((x) => x.sheet === "1月销售")).toMatchObject({ rows: 0, imported: 0, rejected: 0, skipped: 0 });
    expect(result.tallies.find((x) => x.sheet === "回款")?.rows).toBe(2);
    for (const spec of [importIssuesSheet(result, "zh-CN"), importIssuesSheet(result, "en-US")]) expect(specViolations(spec)).toEqual([]);
    counter.add("importCases", 1);
  });
});

describe("fuzz: regressions the properties found (minimal inputs)", () => {
  const grid = (name: string, values: SheetGrid["values"], formulas: SheetGrid["formulas"] = []): SheetGrid => ({ name, startRow: 0, startCol: 0, values, formats: [], formulas, merges: [] });

  counter.test("regression: a row whose optional text cannot be read is counted once — kept with a warning, its record once (never both rejected and imported)", () => {
    for (const [name, extra] of [["回款", "备注"], ["退货", "原因"]] as const) {
      const g = grid(name, [["日期", "客户", "金额", extra], ["2025-03-05", "长沙华兴", 100, null]], [[null, null, null, null], [null, null, null, "=SUM(A1:A1)"]]);
      const result = importWorkbook([g]);
      const tally = result.tallies[0]!;
      const records = result.input.payments.length + result.input.returns.length;
      // 备注 / 原因 are not essential (src/core/import/essential-fields.ts): the row is kept, the cell said.
      expect({ rejected: tally.rejected, imported: tally.imported, records }).toEqual({ rejected: 0, imported: 1, records: 1 });
      const o = result.outcomes[name]?.[0];
      expect(o?.kind === "imported" ? o.warnings.map((w) => `${w.at?.column}/${w.code}`) : o?.kind).toEqual(["D/import.formulaNoValue"]);
      counter.add("regressionCases");
    }
  });

  counter.test("regression: a sheet named __proto__ keeps its outcomes, overrides and nothing leaks into Object.prototype", () => {
    const g = grid("__proto__", [["日期", "客户", "货款"], ["2025-03-05", "长沙华兴", "abc"]]);
    const overrides = parseOverrides(["__proto__!amount=货款"], ["__proto__=payments"]);
    try {
      expect(({} as Record<string, unknown>).amount).toBeUndefined();
      expect(Object.keys(overrides.mappings ?? {})).toEqual(["__proto__"]);
      expect(Object.keys(overrides.roles ?? {})).toEqual(["__proto__"]);
      const result = importWorkbook([g], { overrides });
      expect(Object.keys(result.outcomes)).toEqual(["__proto__"]);
      expect(result.detections[0]?.role).toBe("payments");
      // The rejected row is visible to everyone who walks the outcomes (loadLedger uses Object.values).
      expect(Object.values(result.outcomes).flat().filter((o) => o.kind === "rejected")).toHaveLength(1);
    } finally {
      delete (Object.prototype as Record<string, unknown>).amount;
    }
    counter.add("regressionCases");
  });

  counter.test("regression: a sheet named constructor keeps its detected role when another sheet's role is overridden", () => {
    const g = grid("constructor", [["日期", "客户", "金额", "付款方式"], ["2025-03-05", "长沙华兴", 100, "转账"]]);
    const plain = importWorkbook([g]);
    expect(plain.detections[0]?.role).toBe("payments");
    const result = importWorkbook([g], { overrides: { roles: { 其他: "orders" } } });
    expect([typeof result.detections[0]?.role, result.detections[0]?.role]).toEqual(["string", "payments"]);
    expect([result.input.payments.length, result.input.orders.length]).toEqual([1, 0]);
    counter.add("regressionCases");
  });

  counter.test("regression: a statement for a customer whose name is Excel's longest text is still writable", () => {
    const g = grid("1月销售", [["日期", "客户", "型号", "数量", "金额"], [45721, LONG_TEXT, "XY-100", 1, 100]]);
    const result = importWorkbook([g]);
    const ledger = Ledger.build(result.input);
    // Either the importer refuses the name (with a reason) or every sheet made from it fits Excel.
    if (result.tallies[0]?.imported === 0) {
      expect(result.tallies[0]).toMatchObject({ rejected: 1 });
    } else {
      const s = statement(ledger, LONG_TEXT, "2025-03-01", "2025-03-31", { company: { name: "某某公司" } });
      expect(s.ok).toBe(true);
      if (s.ok) expect(specViolations(s.value.spec)).toEqual([]);
      const monthly = buildReport(ledger, "monthly", "2025-03");
      if (monthly.ok) expect(specViolations(monthly.value.spec)).toEqual([]);
    }
    counter.add("regressionCases");
  });

  counter.test("regression: a discount that rounds to zero is refused, never imported as a free line (beside an amount it is dropped, said)", () => {
    const g = grid("销售", [["日期", "客户", "型号", "数量", "单价", "折扣", "金额"], ["2025-03-05", "长沙华兴", "XY-100", 2, 100, 0.00001, null], ["2025-03-05", "长沙华兴", "XY-100", 2, 100, 5e-324, 200]]);
    const result = importWorkbook([g]);
    const invalid = result.input.orders.filter((o) => !OrderLine.safeParse(o).success);
    expect(invalid).toEqual([]);
    expect(result.outcomes["销售"]?.map((o) => o.kind)).toEqual(["rejected", "imported"]);
    expect(result.input.orders.map((o) => [o.amountFen, o.discount])).toEqual([[20000, undefined]]);
    const kept = result.outcomes["销售"]?.[1];
    expect(kept?.kind === "imported" ? kept.warnings.map((w) => `${w.at?.column}/${w.code}`) : kept?.kind).toEqual(["F/import.badDiscount"]);
    counter.add("regressionCases");
  });

  counter.test("regression: a row whose block has no amount column says so, with its sheet", () => {
    const g = grid("回款", [["日期", "客户", "金额"], ["2025-03-05", "长沙华兴", 100], ["日期", "客户"], ["2025-03-06", "长沙华兴"]]);
    const result = importWorkbook([g]);
    const row4 = result.outcomes["回款"]?.find((o) => o.row === 4);
    expect(row4?.kind).toBe("rejected");
    if (row4?.kind !== "rejected") return;
    expect(row4.issues.map((i) => ({ code: i.code, sheet: i.at?.sheet, row: i.at?.row, field: i.at?.field }))).toEqual([{ code: "import.missingValue", sheet: "回款", row: 4, field: "amount" }]);
    counter.add("regressionCases");
  });
});

describe("fuzz: reports and statements over hostile imports", () => {
  counter.test("every report and statement builds, balances, and is writable", () => {
    assertProperty(
      fc.property(arbHostileWorkbook({ maxRows: 20 }), fc.constantFrom<Locale>("zh-CN", "en-US"), (grids, locale) => {
        const result = importWorkbook(grids);
        const ledger = Ledger.build(result.input);
        const day = firstDate(ledger);
        const periods: Record<ReportKind, string> = { daily: day, monthly: day.slice(0, 7), annual: day.slice(0, 4), aging: day };
        for (const kind of Object.keys(periods) as ReportKind[]) {
          const built = buildReport(ledger, kind, periods[kind], { locale, today: "2026-01-01" });
          expect(built.ok).toBe(true);
          if (!built.ok) continue;
          expect(specViolations(built.value.spec)).toEqual([]);
          expect(dataViolations(built.value.data)).toEqual([]);
          expect(renderSpecText(built.value.spec).length).toBeGreaterThan(0);
          const data = built.value.data;
          if (data.kind === "aging") {
            for (const row of data.rows) expect(BUCKET_KEYS.reduce((s, k) => s + row.buckets[k], 0)).toBe(row.balanceFen);
            expect(data.totals.balanceFen).toBe(ledger.totalReceivable(day));
          }
          if (data.kind === "monthly") expect(data.rows.reduce((s, r) => s + r.amountFen, 0)).toBe(data.totals.amountFen);
          counter.add("reports");
        }
        const month = day.slice(0, 7);
        const from = `${month}-01`;
        const to = `${month}-28`;
        for (const name of ledger.customerNames().slice(0, 4)) {
          const s = statement(ledger, name, from, to, { company: { name: "某某公司" }, locale });
          expect(s.ok).toBe(true);
          if (!s.ok) continue;
          const d = s.value.data;
          expect(d.closingFen).toBe(d.openingFen + d.lines.reduce((n, l) => n + l.amountFen, 0));
          expect(d.closingFen).toBe(ledger.balance(name, to));
          expect(d.closingFen).toBe(d.openingFen + d.debitFen - d.creditFen);
          let running = d.openingFen;
          for (const l of d.lines) {
            running += l.amountFen;
            expect(l.balanceFen).toBe(running);
          }
          expect(specViolations(s.value.spec)).toEqual([]);
          expect(dataViolations(d)).toEqual([]);
          counter.add("statements");
        }
        counter.add("reportStatementCases");
      }),
      { numRuns: 100 },
    );
  });
});

describe("fuzz: hostile workbooks through the xlsx host", () => {
  counter.test("read back through ExcelJS, every used-range row below the header is accounted for", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 6 }), { minLength: 1, maxLength: 2 }), async (raw) => {
        const grids = raw.map((g, i) => ({ ...g, name: `${g.name}${i}` }));
        const wb = gridsToExcelJs(grids);
        const opened = await XlsxWorkbook.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "fuzz.xlsx");
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        const port = opened.value;
        const infos = await port.listSheets();
        const { result } = await detectWorkbook(port);
        for (const info of infos) {
          const tally = result.tallies.find((x) => x.sheet === info.name);
          const det = result.detections.find((d) => d.sheet === info.name);
          if (info.rowCount === 0) {
            expect(tally?.rows ?? 0).toBe(0);
            continue;
          }
          expect(tally).toBeDefined();
          expect(det).toBeDefined();
          if (!tally || !det) continue;
          const below = det.headerRow === null ? info.rowCount : info.startRow + info.rowCount - 1 - det.headerRow;
          expect(tally.rows).toBe(below);
          expect(tally.imported + tally.rejected + tally.skipped).toBe(tally.rows);
          counter.add("xlsxRowsConserved", tally.rows);
        }
        counter.add("xlsxCases");
      }),
      { numRuns: 25, endOnFailure: true }, // no shrinking: each run is a whole workbook round trip
    );
  });
});

describe("fuzz: both hosts read hostile workbooks alike", () => {
  counter.test("regression: the xlsx host keeps a text, error or boolean formula result, and a huge number, in a date-formatted cell", async () => {
    const grid: SheetGrid = { name: "s", startRow: 0, startCol: 0, values: [["日期", "长沙华兴", { error: "#N/A" }, true, 1e15]], formats: [["General", "m/d/yyyy", "m/d/yyyy", "yyyy-mm-dd", "m/d/yyyy"]], formulas: [[null, '=VLOOKUP(A1,客户!A:B,2,0)', "=NA()", "=TRUE()", null]], merges: [] };
    const opened = await XlsxWorkbook.fromBuffer(Buffer.from(await gridsToExcelJs([grid]).xlsx.writeBuffer()), "s.xlsx");
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const values: unknown[] = [];
    for await (const chunk of opened.value.readSheet("s")) values.push(...chunk.values);
    expect(values).toEqual([["日期", "长沙华兴", { error: "#N/A" }, true, 1e15]]);
    counter.add("regressionCases");
  });

  counter.test("regression: the Excel host keeps a text cell that reads \"#N/A\" as text (only real errors are errors)", async () => {
    const grid: SheetGrid = { name: "回款", startRow: 0, startCol: 0, values: [["日期", "客户", "金额", "备注"], [45721, "长沙华兴", 100, "#N/A"], [45722, "长沙华兴", 100, { error: "#N/A" }]], formats: [], formulas: [], merges: [] };
    const fake = new FakeExcel();
    gridsToFake([grid], fake);
    const excel = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
    const values: unknown[] = [];
    for await (const chunk of excel.readSheet("回款")) values.push(...chunk.values);
    expect(values.slice(1).map((r) => (r as unknown[])[3])).toEqual(["#N/A", { error: "#N/A" }]);
    const opened = await XlsxWorkbook.fromBuffer(Buffer.from(await gridsToExcelJs([grid]).xlsx.writeBuffer()), "s.xlsx");
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const [x, e] = [await detectWorkbook(opened.value), await detectWorkbook(excel)];
    expect(e.result.tallies).toEqual(x.result.tallies);
    counter.add("regressionCases");
  });

  counter.test("the xlsx host and the Excel host (fake) import the same cells into the same tallies and ledger", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 6 }), { minLength: 1, maxLength: 2 }), async (raw) => {
        const grids = raw.map((g, i) => ({ ...g, name: `${g.name}${i}` }));
        const opened = await XlsxWorkbook.fromBuffer(Buffer.from(await gridsToExcelJs(grids).xlsx.writeBuffer()), "fuzz.xlsx");
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        const fake = new FakeExcel();
        gridsToFake(grids, fake);
        const excel = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
        const [x, e] = [await detectWorkbook(opened.value), await detectWorkbook(excel)];
        const view = (r: typeof x): unknown => ({
          tallies: r.result.tallies.filter((t) => t.rows > 0).map((t) => ({ ...t })),
          rejected: r.report.rejected,
          ledger: r.report.ledger,
        });
        expect(view(e)).toEqual(view(x));
        counter.add("crossHostCases");
      }),
      { numRuns: 20, endOnFailure: true }, // no shrinking: each run reads through both hosts
    );
  });
});

describe("fuzz: the CLI's read-only reader and the ExcelJS host read hostile files alike", () => {
  counter.test("regression: a formula whose cached result is 0 or FALSE reads as 0 / false on every host (not as an empty cell)", async () => {
    const grid: SheetGrid = { name: "s", startRow: 0, startCol: 0, values: [[0, false, 5]], formats: [], formulas: [["=D1-D1", "=D1>9", null]], merges: [] };
    const bytes = Buffer.from(await gridsToExcelJs([grid]).xlsx.writeBuffer());
    const a = await XlsxWorkbook.fromBuffer(bytes, "f.xlsx");
    const b = ReadOnlyWorkbook.fromBuffer(bytes, "f.xlsx");
    const fake = new FakeExcel();
    gridsToFake([grid], fake);
    const e = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
    expect([a.ok, b.ok]).toEqual([true, true]);
    if (!a.ok || !b.ok) return;
    const first = async (port: WorkbookPort): Promise<unknown> => {
      for await (const chunk of port.readSheet("s")) return chunk.values;
      return null;
    };
    expect({ excel: await first(e), xlsx: await first(a.value), readOnly: await first(b.value) }).toEqual({ excel: [[0, false, 5]], xlsx: [[0, false, 5]], readOnly: [[0, false, 5]] });
    counter.add("regressionCases");
  });

  counter.test("regression: a huge number in a date-formatted cell reads as the number through both readers", async () => {
    const grid: SheetGrid = { name: "s", startRow: 0, startCol: 0, values: [[9007199254740991, 1e15, 45721]], formats: [["yyyy-mm-dd", "m/d/yyyy", "yyyy-mm-dd"]], formulas: [], merges: [] };
    const bytes = Buffer.from(await gridsToExcelJs([grid]).xlsx.writeBuffer());
    const a = await XlsxWorkbook.fromBuffer(bytes, "f.xlsx");
    const b = ReadOnlyWorkbook.fromBuffer(bytes, "f.xlsx");
    expect([a.ok, b.ok]).toEqual([true, true]);
    if (!a.ok || !b.ok) return;
    const first = async (port: WorkbookPort): Promise<unknown> => {
      for await (const chunk of port.readSheet("s")) return chunk.values;
      return null;
    };
    expect({ xlsx: await first(a.value), readOnly: await first(b.value) }).toEqual({ xlsx: [[9007199254740991, 1e15, 45721]], readOnly: [[9007199254740991, 1e15, 45721]] });
    counter.add("regressionCases");
  });

  counter.test("regression: line breaks in text read the same through both readers (XML turns CR LF and CR into LF)", async () => {
    const grid: SheetGrid = { name: "s", startRow: 0, startCol: 0, values: [["line1\r\nline2", "a\rb", "c\nd"]], formats: [], formulas: [], merges: [] };
    const bytes = Buffer.from(await gridsToExcelJs([grid]).xlsx.writeBuffer());
    const a = await XlsxWorkbook.fromBuffer(bytes, "f.xlsx");
    const b = ReadOnlyWorkbook.fromBuffer(bytes, "f.xlsx");
    expect([a.ok, b.ok]).toEqual([true, true]);
    if (!a.ok || !b.ok) return;
    const first = async (port: WorkbookPort): Promise<unknown> => {
      for await (const chunk of port.readSheet("s")) return chunk.values;
      return null;
    };
    expect(await first(b.value)).toEqual(await first(a.value));
    expect(await first(a.value)).toEqual([["line1\nline2", "a\nb", "c\nd"]]);
    counter.add("regressionCases");
  });

  counter.test("every chunk (values, formats, formulas), sheet list and table read the same through both readers", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 6 }), { minLength: 1, maxLength: 3 }), async (raw) => {
        const grids = raw.map((g, i) => ({ ...g, name: `${g.name.slice(0, 20)}${i}` }));
        const bytes = Buffer.from(await gridsToExcelJs(grids).xlsx.writeBuffer());
        const a = await XlsxWorkbook.fromBuffer(bytes, "f.xlsx");
        const b = ReadOnlyWorkbook.fromBuffer(bytes, "f.xlsx");
        expect([a.ok, b.ok]).toEqual([true, true]);
        if (!a.ok || !b.ok) return;
        expect(await b.value.listSheets()).toEqual(await a.value.listSheets());
        for (const g of grids) expect(await chunks(b.value, g.name)).toEqual(await chunks(a.value, g.name));
        counter.add("readerCases");
      }),
      { numRuns: 25, endOnFailure: true }, // no shrinking: each run writes and parses a workbook twice
    );
  });
});

describe("fuzz: nothing is lost between import and the converted ledger", () => {
  /** A sheet that always imports, so every case converts and the hostile sheets ride along. */
  const SURE_SHEET: SheetGrid = {
    name: "台账基础",
    startRow: 0,
    startCol: 0,
    values: [["日期", "客户", "型号", "数量", "单价", "金额", "备注"], [45721, "长沙华兴商贸", "XY-100", 10, 12.5, 125, "=1+1"], [45722, "郑州宏达(集团)", "XY-200", -1, 100, -100, null]],
    formats: [],
    formulas: [],
    merges: [],
  };

  counter.test("convert, save, reopen, load: the ledger tables give back exactly the imported records (xlsx host)", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 7 }), { minLength: 1, maxLength: 3 }), async (raw) => {
        const grids = [SURE_SHEET, ...raw.map((g, i) => ({ ...g, name: `${g.name.slice(0, 20)}${i}` }))];
        const port = XlsxWorkbook.wrap(gridsToExcelJs(grids));
        const converted = await convertWorkbook(port);
        if (!converted.ok) {
          // Nothing importable is a refusal with a reason, never a half-written workbook.
          expect(converted.issues.length).toBeGreaterThan(0);
          expect((await port.listTables()).length).toBe(0);
          return;
        }
        const input = converted.value.result.input;
        const reopened = await XlsxWorkbook.fromBuffer(await port.toBuffer(), "ledger.xlsx");
        expect(reopened.ok).toBe(true);
        if (!reopened.ok) return;
        const loaded = await loadLedger(reopened.value);
        expect(loaded.source).toBe("tables");
        expect(loaded.issues.filter((i) => i.severity !== "warning")).toEqual([]);
        const sum = (xs: readonly { amountFen: number }[]): number => xs.reduce((n, x) => n + x.amountFen, 0);
        const l = loaded.ledger;
        expect({ customers: l.customers.length, products: l.products.length, orders: l.orders.length, ordersFen: sum(l.orders), payments: l.payments.length, paymentsFen: sum(l.payments), returns: l.returns.length, returnsFen: sum(l.returns) }).toEqual({
          customers: input.customers.length,
          products: input.products.length,
          orders: input.orders.length,
          ordersFen: sum(input.orders),
          payments: input.payments.length,
          paymentsFen: sum(input.payments),
          returns: input.returns.length,
          returnsFen: sum(input.returns),
        });
        counter.add("convertRoundTrips");
        counter.add("recordsRoundTripped", input.orders.length + input.payments.length + input.returns.length + input.customers.length + input.products.length);
      }),
      { numRuns: 25, endOnFailure: true }, // no shrinking: each run converts and reloads a workbook
    );
  });

  counter.test("import -o's writer (GraftWorkbook): convert, save, reopen with both readers: the same records, the source sheets read the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "h9-fuzz-graft-"));
    try {
      let n = 0;
      await assertAsyncProperty(
        fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 7 }), { minLength: 1, maxLength: 3 }), async (raw) => {
          const grids = [SURE_SHEET, ...raw.map((g, i) => ({ ...g, name: `${g.name.slice(0, 20)}${i}` }))];
          const bytes = Buffer.from(await gridsToExcelJs(grids).xlsx.writeBuffer());
          const opened = await GraftWorkbook.fromBuffer(bytes, "fuzz.xlsx");
          if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
          const converted = await convertWorkbook(opened.value);
          if (!converted.ok) {
            expect(converted.issues.length).toBeGreaterThan(0);
            return;
          }
          const out = join(dir, `ledger-${n++}.xlsx`);
          await opened.value.save(out);
          const source = ReadOnlyWorkbook.fromBuffer(bytes, "fuzz.xlsx");
          if (!source.ok) throw new Error("source unreadable");
          for (const reopen of [(p: string) => XlsxWorkbook.open(p), (p: string) => ReadOnlyWorkbook.open(p)]) {
            const r = await reopen(out);
            if (!r.ok) throw new Error(JSON.stringify(r.issues));
            const loaded = await loadLedger(r.value);
            expect(loaded.source).toBe("tables");
            expect(loaded.issues.filter((i) => i.severity !== "warning")).toEqual([]);
            const { customers, products, orders, payments, returns } = converted.value.result.input;
            const strip = <T extends object>(xs: readonly T[]): T[] => xs.map((x) => JSON.parse(JSON.stringify(x)) as T);
            expect(strip([loaded.ledger.customers, loaded.ledger.products, loaded.ledger.orders, loaded.ledger.payments, loaded.ledger.returns])).toEqual(strip([customers, products, orders, payments, returns]));
          }
          // The clerk's own sheets are byte-copied parts: every chunk reads as before.
          const after = ReadOnlyWorkbook.fromBuffer(readFileSync(out), "ledger.xlsx");
          if (!after.ok) throw new Error("output unreadable");
          for (const g of grids) expect(await chunks(after.value, g.name)).toEqual(await chunks(source.value, g.name));
          counter.add("graftRoundTrips");
        }),
        { numRuns: 15, endOnFailure: true },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  counter.test("convert, load: the ledger tables give back exactly the imported records (Excel host, fake)", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(arbHostileGrid({ maxRows: 12, maxCols: 7 }), { minLength: 1, maxLength: 3 }), async (raw) => {
        const grids = [SURE_SHEET, ...raw.map((g, i) => ({ ...g, name: `${g.name.slice(0, 20)}${i}` }))];
        const fake = new FakeExcel();
        gridsToFake(grids, fake);
        const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
        const converted = await convertWorkbook(port);
        if (!converted.ok) {
          // Nothing importable is a refusal with a reason, never a half-written workbook.
          expect(converted.issues.length).toBeGreaterThan(0);
          expect((await port.listTables()).length).toBe(0);
          return;
        }
        const input = converted.value.result.input;
        const loaded = await loadLedger(port);
        expect(loaded.source).toBe("tables");
        expect(loaded.issues.filter((i) => i.severity !== "warning")).toEqual([]);
        const sum = (xs: readonly { amountFen: number }[]): number => xs.reduce((n, x) => n + x.amountFen, 0);
        const l = loaded.ledger;
        expect({ customers: l.customers.length, products: l.products.length, orders: l.orders.length, ordersFen: sum(l.orders), payments: l.payments.length, paymentsFen: sum(l.payments), returns: l.returns.length, returnsFen: sum(l.returns) }).toEqual({
          customers: input.customers.length,
          products: input.products.length,
          orders: input.orders.length,
          ordersFen: sum(input.orders),
          payments: input.payments.length,
          paymentsFen: sum(input.payments),
          returns: input.returns.length,
          returnsFen: sum(input.returns),
        });
        counter.add("convertRoundTripsExcel");
        counter.add("recordsRoundTripped", input.orders.length + input.payments.length + input.returns.length + input.customers.length + input.products.length);
      }),
      { numRuns: 20, endOnFailure: true }, // no shrinking: each run converts a workbook
    );
  });
});

