/**
 * The importer recovers the known truth of generated messy clerk workbooks (title rows, 小计/合计,
 * text numbers and dates, name variants, formulas with and without cached values, one sheet a
 * month, defects that must be rejected).
 */
import fc from "fast-check";
import { buildMessyWorkbook } from "../../builders/messy-workbook";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import { detectWorkbook } from "../../../src/app/detect-workbook";

async function importMessy(seed: number, opts: Parameters<typeof buildMessyWorkbook>[1] = {}) {
  const { workbook, truth } = buildMessyWorkbook(seed, opts);
  const { result, report } = await detectWorkbook(XlsxWorkbook.wrap(workbook));
  return { truth, result, report };
}

describe("messy workbook generator × importer", () => {
  it("recovers every order line, payment and master exactly (fixed seed)", async () => {
    const { truth, result, report } = await importMessy(11);
    expect(result.input.orders.map((o) => ({ sheet: o.source?.sheet, row: o.source?.row, date: o.date, customer: o.customer, model: o.model, qty: o.qty, amountFen: o.amountFen }))).toEqual(
      truth.orders.map((o) => ({ sheet: o.sheet, row: o.row, date: o.date, customer: o.customer, model: o.model, qty: o.qty, amountFen: o.amountFen })),
    );
    expect(result.input.payments.map((p) => [p.date, p.customer, p.amountFen, p.allowance])).toEqual(truth.payments.map((p) => [p.date, p.customer, p.amountFen, p.allowance]));
    expect(result.input.customers.map((c) => c.name)).toEqual([...truth.customers, ...truth.addedCustomers]);
    expect(result.input.products.map((p) => p.model)).toEqual(truth.products);
    expect(report.ledger.orders).toMatchObject({ lines: truth.totals.orderLines, qty: truth.totals.orderQty, amountFen: truth.totals.orderAmountFen, returnLines: truth.totals.returnLines });
    expect(report.ledger.payments).toEqual({ count: truth.totals.paymentCount, amountFen: truth.totals.paymentAmountFen });
  });

  it("property: roles, conservation, rejected and skipped rows and totals match the truth", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 }), async (seed, months, linesPerMonth) => {
        const { truth, result, report } = await importMessy(seed, { months, linesPerMonth, defectRate: 0.08, returnRate: 0.08 });
        const roles = Object.fromEntries(result.detections.map((d) => [d.sheet, d.role]));
        expect(roles).toEqual(truth.roles);
        for (const t of result.tallies) {
          expect(t.rows).toBe(truth.rows[t.sheet]);
          expect(t.imported + t.rejected + t.skipped).toBe(t.rows);
        }
        const rejected = report.rejected.map((r) => `${r.sheet}!${r.row}`).sort();
        expect(rejected).toEqual(truth.rejected.map((r) => `${r.sheet}!${r.row}`).sort());
        const rejectedCodes = Object.entries(result.outcomes).flatMap(([sheet, os]) => os.flatMap((o) => (o.kind === "rejected" ? o.issues.map((i) => `${sheet}!${o.row}!${i.at?.column}:${i.code}`) : [])));
        expect(rejectedCodes.sort()).toEqual(truth.rejected.map((r) => `${r.sheet}!${r.row}!${r.column}:${r.code}`).sort());
        const skipped = Object.entries(result.outcomes).flatMap(([sheet, os]) => os.flatMap((o) => (o.kind === "skipped" ? [`${sheet}!${o.row}:${o.reason.code}`] : [])));
        expect(skipped.sort()).toEqual(truth.skipped.map((s) => `${s.sheet}!${s.row}:${s.code}`).sort());
        expect(report.ledger.orders.lines).toBe(truth.totals.orderLines);
        expect(report.ledger.orders.amountFen).toBe(truth.totals.orderAmountFen);
        expect(report.ledger.orders.qty).toBe(truth.totals.orderQty);
        expect(report.ledger.payments.amountFen).toBe(truth.totals.paymentAmountFen);
        expect(new Set(result.input.customers.map((c) => c.name))).toEqual(new Set([...truth.customers, ...truth.addedCustomers]));
      }),
      { numRuns: 25 },
    );
  });

  it("survives a save/load round trip through .xlsx bytes (cached values, dates, merges)", async () => {
    const { workbook, truth } = buildMessyWorkbook(5, { months: 2, linesPerMonth: 15 });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const loaded = await XlsxWorkbook.fromBuffer(bytes, "messy.xlsx");
    if (!loaded.ok) throw new Error("load failed");
    const { result } = await detectWorkbook(loaded.value);
    expect(result.input.orders.map((o) => [o.source?.sheet, o.source?.row, o.date, o.amountFen])).toEqual(truth.orders.map((o) => [o.sheet, o.row, o.date, o.amountFen]));
  });
});
