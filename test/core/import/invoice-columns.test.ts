import { importWorkbook } from "../../../src/core/import/import-workbook";
import { grid } from "./grid";

describe("importWorkbook: an invoice-style sheet (金额 before tax, 税额, 价税合计)", () => {
  it("takes 价税合计 as the amount the customer owes, not the pre-tax 金额 beside it", () => {
    const g = grid("销售明细", [
      ["日期", "客户", "规格型号", "数量", "含税单价", "金额", "税额", "价税合计"],
      ["2025-05-01", "华兴", "Y1", 2, 113, 200, 26, 226],
    ]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.mapping.filter((m) => m.field === "amount" || m.field === "price").map((m) => `${m.field}←${m.header}`)).toEqual(["price←含税单价", "amount←价税合计"]);
    expect(r.input.orders.map((o) => [o.amountFen, o.priceFen])).toEqual([[22600, 11300]]);
    expect((r.outcomes["销售明细"] ?? []).flatMap((o) => (o.kind === "imported" ? o.warnings : []))).toEqual([]);
  });
});
