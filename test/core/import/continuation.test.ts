import { importWorkbook } from "../../../src/core/import/import-workbook";
import { describeIssue } from "../../../src/core/i18n";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => `${i.at?.column ?? ""}/${i.code}`).join("+")}` : ""}`);

describe("importWorkbook: further lines of an order (no date, customer or order number of their own)", () => {
  const sheet = grid("订单明细", [
    ["日期", "订单号", "客户", "型号", "数量", "单价", "金额"],
    ["2025-03-05", "XS001", "长沙华兴商贸", "A-1", 1, 10, 10],
    [null, null, null, "B-2", 2, 20, 40],
    [null, null, null, "C-3", 3, 30, 90],
    ["2025-03-06", "XS002", "郑州宏达", "A-1", 1, 10, 10],
    ["2025-03-06", "XS003", null, "A-1", 1, 10, 10],
    [null, null, null, "B-2", 1, 20, 20],
    ["汇总", null, null, null, 9, null, 180],
  ]);

  it("take the order's date, customer and number from the line above, and the clerk is told how many did", () => {
    const r = importWorkbook([sheet]);
    expect(kinds(r, "订单明细")).toEqual(["2:imported", "3:imported", "4:imported", "5:imported", "6:rejected:C/import.missingValue", "7:rejected:A/import.missingValue+C/import.missingValue", "8:skipped:subtotal"]);
    expect(r.input.orders.map((o) => [o.date, o.orderNo, o.customer, o.model, o.amountFen])).toEqual([
      ["2025-03-05", "XS001", "长沙华兴商贸", "A-1", 1000],
      ["2025-03-05", "XS001", "长沙华兴商贸", "B-2", 4000],
      ["2025-03-05", "XS001", "长沙华兴商贸", "C-3", 9000],
      ["2025-03-06", "XS002", "郑州宏达", "A-1", 1000],
    ]);
    expect(r.warnings.map((w) => describeIssue(w, "zh-CN"))[0]).toBe("「订单明细」：有 2 行没有填日期、客户和订单号，按同一订单的上一行补全");
  });

  it("are never guessed under a refused line, nor when only the customer is missing (row 6 and 7 above)", () => {
    const r = importWorkbook([sheet]);
    const t = r.tallies[0]!;
    expect([t.imported, t.rejected, t.skipped, t.rows]).toEqual([4, 2, 1, 7]);
  });

  it("a payments sheet is not read that way: a payment without a customer stays refused", () => {
    const pay = grid("回款", [["收款日期", "付款单位", "金额", "收款方式"], ["2025-03-05", "长沙华兴商贸", 100, "转账"], [null, null, 50, "现金"]]);
    const r = importWorkbook([pay]);
    expect(kinds(r, "回款")).toEqual(["2:imported", "3:rejected:A/import.missingValue+B/import.missingValue"]);
  });
});
