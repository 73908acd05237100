import ExcelJS from "exceljs";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { confirmationBreaches, loadLedger, nothingImported } from "../../src/app/load-ledger";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { describeIssue } from "../../src/core/i18n";
import { Ledger } from "../../src/core/ledger";
import { Customer, OrderLine } from "../../src/core/schemas/records";

describe("confirmationBreaches", () => {
  const customers = [Customer.parse({ name: "长沙华兴商贸" })];
  const line = (amountFen: number) => OrderLine.parse({ date: "2025-03-05", customer: "长沙华兴商贸", model: "XY-100", qty: 10, amountFen });
  const confirmed = { customer: "长沙华兴商贸", asOf: "2025-03-25", balanceFen: 12_500, status: "已确认" as const };
  const build = (amountFen: number, status: "已确认" | "已发送" = "已确认") =>
    Ledger.build({ customers, products: [], orders: [line(amountFen)], payments: [], returns: [], confirmations: [{ ...confirmed, status }] });

  it("says nothing while the confirmed balance still holds, or for a statement only sent", () => {
    expect([confirmationBreaches(build(12_500)), confirmationBreaches(build(15_000, "已发送"))]).toEqual([[], []]);
  });

  it("names the customer, the confirmed and the current balance, as a warning on the 对账 sheet", () => {
    const issues = confirmationBreaches(build(15_000));
    expect(issues.map((i) => [i.severity, i.at?.sheet])).toEqual([["warning", "对账"]]);
    expect(issues.flatMap((i) => [describeIssue(i, "zh-CN"), describeIssue(i, "en-US")])).toMatchInlineSnapshot(`
[
  "「对账」：「长沙华兴商贸」截至 2025-03-25 已确认余额 125.00 元，现账面余额 150.00 元（相差 25.00 元）：对账期内的记录被改动过",
  "sheet "对账": "长沙华兴商贸": the balance at 2025-03-25 was confirmed as 125.00, the ledger now says 150.00 (difference 25.00): a record inside the confirmed period was changed",
]
`);
  });
});

describe("nothingImported", () => {
  it("names the sheets of a raw workbook that gave nothing; null once any row imported, or for ledger tables", async () => {
    const blank = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    blank.workbook.addWorksheet("Sheet1");
    const empty = nothingImported(await loadLedger(blank));
    expect(empty && describeIssue(empty)).toMatchInlineSnapshot(`"没有导入任何订单、回款或退货（工作表：Sheet1）。各工作表的原因如下"`);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("3月").addRows([["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", "长沙华兴", "XY-100", 1, 100]]);
    const raw = XlsxWorkbook.wrap(wb);
    expect(nothingImported(await loadLedger(raw))).toBeNull();
    expect((await convertWorkbook(raw)).ok).toBe(true);
    expect(nothingImported(await loadLedger(raw))).toBeNull();
  });
});
