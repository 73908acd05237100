import { customerHeading } from "../../../src/core/import/detect";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}`);

describe("customerHeading", () => {
  it("reads 客户：… / 购货单位：… and nothing else", () => {
    expect(["客户：长沙华兴商贸有限公司", "购货单位: 郑州宏达", "客户名称：岳阳中联 ", "Customer: ACME"].map((v) => customerHeading(v))).toEqual(["长沙华兴商贸有限公司", "郑州宏达", "岳阳中联", "ACME"]);
    expect(["长沙华兴商贸有限公司", "客户", "备注：客户要求加急", 3].map((v) => customerHeading(v))).toEqual([null, null, null, null]);
  });
});

describe("importWorkbook: customers named by heading rows (no customer column)", () => {
  it("name the customer of the lines under them; a line above the first heading is refused", () => {
    const g = grid("发货明细", [
      ["日期", "型号", "数量", "单价", "金额"],
      ["2025-08-01", "Y0", 1, 100, 100],
      ["客户：长沙华兴商贸有限公司"],
      ["2025-08-01", "Y1", 1, 100, 100],
      ["2025-08-02", "Y2", 2, 100, 200],
      ["小计", null, 3, null, 300],
      ["客户：郑州宏达机电"],
      ["2025-08-03", "Y1", 1, 100, 100],
    ]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.role).toBe("orders");
    expect(kinds(r, "发货明细")).toEqual(["2:rejected:import.missingValue", "3:skipped:customerHeading", "4:imported", "5:imported", "6:skipped:subtotal", "7:skipped:customerHeading", "8:imported"]);
    expect(r.input.orders.map((o) => [o.customer, o.model])).toEqual([["长沙华兴商贸有限公司", "Y1"], ["长沙华兴商贸有限公司", "Y2"], ["郑州宏达机电", "Y1"]]);
  });

  it("a sheet with a customer column is read as before: a 客户：… line there is a note", () => {
    const g = grid("明细", [["日期", "客户", "型号", "数量", "金额"], ["客户：甲"], ["2025-08-01", "乙", "A", 1, 10]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.customerHeadings).toBe(false);
    expect(kinds(r, "明细")).toEqual(["2:skipped:note", "3:imported"]);
    expect(r.input.orders[0]!.customer).toBe("乙");
  });
});
