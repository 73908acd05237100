import * as lib from "../src";
import { join } from "node:path";

const SAMPLE = join(__dirname, "..", "samples", "sample-workbook.xlsx");

describe("the package entry (what README's library snippet uses)", () => {
  it("exports the documented names", () => {
    const documented = ["importWorkbook", "monthlyReport", "statement", "toRmbUpper", "XlsxWorkbook", "loadLedger", "convertWorkbook", "generateReport", "generateStatements", "Ledger"];
    expect(documented.filter((name) => typeof (lib as Record<string, unknown>)[name] !== "function")).toEqual([]);
  });

  it("toRmbUpper(123456) is the DESIGN.md example", () => {
    expect(lib.toRmbUpper(123456)).toBe("壹仟贰佰叁拾肆元伍角陆分");
  });

  it("runs README's snippet on the bundled sample: the monthly total equals the ledger's own sum", async () => {
    const opened = await lib.XlsxWorkbook.open(SAMPLE);
    if (!opened.ok) throw new Error(lib.describeIssue(opened.issues[0]!));
    const { ledger } = await lib.loadLedger(opened.value);
    const { data } = lib.monthlyReport(ledger, "2025-03");
    const expected = ledger.ordersBetween("2025-03-01", "2025-03-31").reduce((sum, line) => sum + line.amountFen, 0);
    const rowsSum = data.rows.reduce((sum, row) => sum + (row.amountFen ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(rowsSum).toBe(expected);
  });
});
