import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import { convertWorkbook } from "../../../src/app/convert-workbook";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-workbook.xlsx");

async function open(path: string): Promise<XlsxWorkbook> {
  const r = await XlsxWorkbook.open(path);
  if (!r.ok) throw new Error(`cannot open ${path}`);
  return r.value;
}

describe("XlsxWorkbook.appendRows on a ledger saved and opened again", () => {
  const dir = mkdtempSync(join(tmpdir(), "sl-reopen-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("appends to the reopened table (ExcelJS loads tables without their row model) and keeps every other row", async () => {
    const wb = await open(SAMPLE);
    const converted = await convertWorkbook(wb);
    expect(converted.ok).toBe(true);
    await wb.save(join(dir, "ledger.xlsx"));

    const again = await open(join(dir, "ledger.xlsx"));
    const ordersBefore = await again.readTable("Orders");
    const paymentsBefore = await again.readTable("Payments");
    const width = paymentsBefore?.headers.length ?? 0;
    const row = [{ date: "2025-11-01" }, "长沙华兴", 100, ...Array.from({ length: width - 3 }, () => null)];
    const count = await again.appendRows("Payments", [row]);
    expect(count).toBe((paymentsBefore?.rows.length ?? 0) + 1);
    await again.save(join(dir, "ledger2.xlsx"));

    const third = await open(join(dir, "ledger2.xlsx"));
    const payments = await third.readTable("Payments");
    expect(payments?.rows.length).toBe(count);
    expect(payments?.rows.at(-1)?.slice(0, 3)).toEqual([45962, "长沙华兴", 100]);
    expect(payments?.rows.slice(0, -1)).toEqual(paymentsBefore?.rows);
    expect((await third.readTable("Orders"))?.rows).toEqual(ordersBefore?.rows);
  });
});
