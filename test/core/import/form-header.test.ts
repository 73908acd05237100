import { isFormHeader, isKeyValueRow, readFormHeader } from "../../../src/core/import/form-header";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { describeIssue } from "../../../src/core/i18n";
import type { RawCell } from "../../../src/core/import/types";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}`);
const general = (rows: RawCell[][]): string[][] => rows.map((r) => r.map(() => "General"));

/** A 送货单: title, key–value block (one-cell and two-cell pairs), item table, 合计 with 大写, footer. */
const deliveryRows: RawCell[][] = [
  ["长沙市某某机电有限公司 送货单", null, null, null, null, null],
  ["收货单位：", "湘潭电机厂", null, "日期：", 45721, null],
  ["单号：XS-20250305-01", null, null, "仓库：一号库", null, null],
  ["地址：湘潭市岳塘区", null, null, "联系人：王工  电话：13800000000", null, null],
  ["型号", "规格", "单位", "数量", "单价", "金额"],
  ["HX-100", "220V", "台", 2, 1500, 3000],
  ["HX-200", "380V", "台", 1, 2200, 2200],
  ["合计", "人民币大写：伍仟贰佰元整", null, 3, null, 5200],
  ["备注：货到验收后签字回传"],
  ["制单：张三", null, "审核：李四", null, "收货人签字：", null],
  ["收货单位（盖章）：", null, null, null, null, null],
];

function delivery(name = "送货单"): ReturnType<typeof grid> {
  const formats = general(deliveryRows);
  formats[1]![4] = "yyyy-mm-dd";
  return grid(name, deliveryRows, { formats, merges: [{ row: 1, col: 1, rowEnd: 1, colEnd: 2 }] });
}

describe("readFormHeader", () => {
  it("reads key and value in one cell, in adjacent (merged) cells, two pairs in one cell, and without a colon", () => {
    const g = delivery();
    const f = readFormHeader(g, 0, 3)!;
    expect(Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [k, [v.text, v.row, v.col]]))).toEqual({
      customer: ["湘潭电机厂", 1, 1],
      date: ["45721", 1, 4],
      orderNo: ["XS-20250305-01", 2, 0],
      warehouse: ["一号库", 2, 3],
      address: ["湘潭市岳塘区", 3, 0],
      contact: ["王工", 3, 3],
      phone: ["13800000000", 3, 3],
    });
    expect(f.fields.date?.value).toBe(45721);
    const bare = grid("x", [["客户", "长沙华兴", "日期", "2025年3月5日"]]);
    expect(readFormHeader(bare, 0, 0)?.fields.customer?.text).toBe("长沙华兴");
  });

  it("never takes a signature line for a field, and tells a key–value line from a header", () => {
    const sig = grid("x", [["收货单位（盖章）：", "湘潭电机厂"], ["收货人签字：", "王工"]]);
    expect(readFormHeader(sig, 0, 1)).toBeNull();
    const g = delivery();
    expect([1, 2, 3, 4].map((r) => isKeyValueRow(g, r))).toEqual([true, true, true, false]);
  });

  it("a lone 客户：… line is a title, not a form; a number, a warehouse or a value in its own cell make a form", () => {
    const title = readFormHeader(grid("x", [["客户：长沙华兴建材有限公司      日期：2025年3月"]]), 0, 0)!;
    expect(isFormHeader(title, false)).toBe(false);
    expect(isFormHeader(title, true)).toBe(true);
    expect(isFormHeader(readFormHeader(grid("x", [["收货单位：", "长沙华兴"]]), 0, 0)!, false)).toBe(true);
    expect(isFormHeader(readFormHeader(grid("x", [["客户：长沙华兴  单号：XS-1"]]), 0, 0)!, false)).toBe(true);
  });
});

describe("importWorkbook: a form with a header block (送货单 / 发货单 / 出库单)", () => {
  it("gives every line the block's customer, date, number and warehouse; skips the footer after the last 合计 with a reason", () => {
    const r = importWorkbook([delivery()]);
    const d = r.detections[0]!;
    expect([d.role, d.headerRow, d.sheetCustomer]).toEqual(["orders", 4, "湘潭电机厂"]);
    expect(kinds(r, "送货单")).toEqual(["6:imported", "7:imported", "8:skipped:subtotal", "9:skipped:formFooter", "10:skipped:formFooter", "11:skipped:formFooter"]);
    expect(r.input.orders.map((o) => [o.date, o.customer, o.model, o.qty, o.amountFen, o.orderNo, o.warehouse])).toEqual([
      ["2025-03-05", "湘潭电机厂", "HX-100", 2, 300000, "XS-20250305-01", "一号库"],
      ["2025-03-05", "湘潭电机厂", "HX-200", 1, 220000, "XS-20250305-01", "一号库"],
    ]);
    expect(d.reasons.map((x) => describeIssue(x, "zh-CN"))).toEqual(
      expect.arrayContaining([
        "第 2–4 行是单据表头（收货单位=湘潭电机厂，日期=E2，单号=XS-20250305-01，仓库=一号库，地址=湘潭市岳塘区，联系人=王工，电话=13800000000），其中的客户、日期、单号、仓库用于下面的每一行",
        "表中没有客户列，按单据表头「收货单位」中的「湘潭电机厂」处理",
        "单据最后一个合计行以下的备注、签字等行不是明细，已跳过",
        "表中没有日期列，按单据表头「日期」的日期（E2 单元格）处理",
      ]),
    );
    // The block's 地址 / 电话 / 联系人 go to the customer derived from it.
    expect(r.input.customers.map((c) => [c.name, c.address, c.phone, c.contact, c.derived])).toEqual([["湘潭电机厂", "湘潭市岳塘区", "13800000000", "王工", true]]);
    const footer = r.outcomes["送货单"]![4]!;
    expect(footer.kind === "skipped" ? describeIssue(footer.reason, "zh-CN") : "").toBe("「送货单」 第 10 行 A 列：单据合计以下的备注 / 签字行");
  });

  it("several forms stacked in one sheet: each form's lines take its own header block", () => {
    const second: RawCell[][] = [
      ["送货单", null, null, null, null, null],
      ["收货单位：株洲联诚贸易", null, null, "日期：2025年3月7日", null, null],
      ["单号：XS-20250307-02", null, null, null, null, null],
      ["型号", "规格", "单位", "数量", "单价", "金额"],
      ["HX-300", "220V", "台", 4, 500, 2000],
      ["合计", "人民币大写：贰仟元整", null, 4, null, 2000],
      ["制单：张三", null, "审核：李四", null, null, null],
    ];
    const rows = [...deliveryRows, [], ...second];
    const formats = general(rows);
    formats[1]![4] = "yyyy-mm-dd";
    const r = importWorkbook([grid("三月送货", rows, { formats })]);
    const d = r.detections[0]!;
    expect(d.blocks.map((b) => [b.headerRow, b.form?.fields.customer?.text])).toEqual([[4, "湘潭电机厂"], [15, "株洲联诚贸易"]]);
    expect(d.reasons.map((x) => x.code)).toContain("import.reason.stackedForms");
    expect(kinds(r, "三月送货")).toEqual([
      "6:imported", "7:imported", "8:skipped:subtotal", "9:skipped:formFooter", "10:skipped:formFooter", "11:skipped:formFooter",
      "12:skipped:blank", "13:skipped:formHeader", "14:skipped:formHeader", "15:skipped:formHeader", "16:skipped:repeatedHeader",
      "17:imported", "18:skipped:subtotal", "19:skipped:formFooter",
    ]);
    expect(r.input.orders.map((o) => [o.date, o.customer, o.model, o.orderNo])).toEqual([
      ["2025-03-05", "湘潭电机厂", "HX-100", "XS-20250305-01"],
      ["2025-03-05", "湘潭电机厂", "HX-200", "XS-20250305-01"],
      ["2025-03-07", "株洲联诚贸易", "HX-300", "XS-20250307-02"],
    ]);
  });

  it("the table's own columns win over the block; a block date that cannot be read refuses the lines and says why", () => {
    const own = grid("出库单", [["出库单"], ["客户：长沙华兴  单号：CK-9"], ["日期", "客户", "单号", "型号", "数量", "金额"], ["2025-03-08", "株洲联诚", "CK-1", "HX-1", 1, 10], ["合计", null, null, null, 1, 10]]);
    const r = importWorkbook([own]);
    expect(r.input.orders.map((o) => [o.date, o.customer, o.orderNo])).toEqual([["2025-03-08", "株洲联诚", "CK-1"]]);
    const bad = grid("发货单", [["发货单"], ["收货单位：", "长沙华兴", "日期：", "2025年2月30日"], ["型号", "数量", "单价", "金额"], ["HX-1", 1, 10, 10]]);
    const b = importWorkbook([bad]);
    expect(kinds(b, "发货单")).toEqual(["4:rejected:import.missingValue"]);
    expect(b.warnings.map((w) => describeIssue(w, "zh-CN"))).toContain("「发货单」 第 2 行 D 列：单据表头中的日期「2025年2月30日」无法使用（date.impossible），这张单据没有日期列的行未能导入");
  });

  it("an ordinary ledger with a title line is no form: rows after a 合计 are read as before", () => {
    const g = grid("明细", [["客户：长沙华兴建材"], ["日期", "型号", "数量", "金额"], ["2025-03-01", "A", 1, 10], ["合计", null, 1, 10], ["2025-03-02", "B", 2, 20]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.blocks[0]!.trailer).toBeUndefined();
    expect(kinds(r, "明细")).toEqual(["3:imported", "4:skipped:subtotal", "5:imported"]);
  });

  it("a ledger titled like a form (出库单汇总): a line after a 合计 is still a line, only rows without figures are footer", () => {
    const g = grid("出库", [["销售出库单汇总"], ["日期", "客户", "型号", "数量", "金额"], ["2025-03-01", "甲", "A", 1, 10], ["1月合计", null, null, 1, 10], ["2025-03-02", "乙", "B", 2, 20], ["制表：张三"], ["审核：", null, "李四"]]);
    const r = importWorkbook([g]);
    expect(kinds(r, "出库")).toEqual(["3:imported", "4:skipped:subtotal", "5:imported", "6:skipped:formFooter", "7:skipped:formFooter"]);
  });

  it("conservation on a stacked-forms sheet", () => {
    const rows = [...deliveryRows, [], ...deliveryRows];
    const r = importWorkbook([grid("x", rows)]);
    for (const t of r.tallies) expect(t.imported + t.rejected + t.skipped).toBe(t.rows);
  });
});
