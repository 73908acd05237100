/**
 * Honest outcomes: every warning reaches the report, located and tied to its row's outcome; the
 * column choices the import is not sure of (hand-made `SheetDetection.uncertain`, before the
 * inference fills it in) come first in the report, the 导入问题 sheet and the CLI summary.
 */
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { buildImportReport, describeUncertain, importIssuesSheet } from "../../../src/core/import/report";
import { importWarnings, importUncertain, countWarnings } from "../../../src/core/import/outcomes";
import type { ImportResult, UncertainChoice } from "../../../src/core/import/types";
import { formatImportSummary } from "../../../src/cli/commands/import";
import { grid } from "./grid";

const customers = grid("客户", [
  ["客户名称", "联系人"],
  ["长沙华兴", "王"],
]);
const orders = grid("3月", [
  ["日期", "客户", "型号", "数量", "单价", "金额"],
  ["2025-03-05", "长沙华兴", "XY-100", 2, 10, 25],
  ["2025-03-06", "西安新客户", "XY-100", 1, 10, 10],
  ["2025-03-07", "", "XY-100", 1, 10, 10],
]);

const QTY_UNSURE: UncertainChoice = {
  field: "qty",
  chosen: { col: 3, header: "数量" },
  alternatives: [{ col: 6, header: "未交数量" }],
  reason: { code: "import.reason.fieldsFound", params: { role: "orders", fields: "qty" } },
};

/** The result with a hand-made uncertain choice on 3月 (what the inference will fill in). */
function withUncertain(result: ImportResult, choices: readonly UncertainChoice[]): ImportResult {
  return { ...result, detections: result.detections.map((d) => (d.sheet === "3月" ? { ...d, uncertain: choices } : d)) };
}

describe("importWarnings", () => {
  it("lists each warning once, with sheet, row, column, header, value and whether the row was imported", () => {
    const r = importWorkbook([customers, orders]);
    const ws = importWarnings(r);
    expect(ws.map((w) => [w.sheet, w.row, w.column, w.header, w.value, w.issue.code, w.rowOutcome])).toEqual([
      ["3月", 2, "F", "金额", "25", "import.warn.amountMismatch", "imported"],
      // Raised on the row and kept as a workbook warning too: listed once.
      ["3月", 3, "B", "客户", "西安新客户", "import.warn.customerAdded", "imported"],
      [null, null, null, null, null, "import.warn.productsDerived", null],
    ]);
    expect(countWarnings(ws).map((c) => `${c.code}:${c.count}`)).toEqual(["import.warn.amountMismatch:1", "import.warn.customerAdded:1", "import.warn.productsDerived:1"]);
  });

  it("the report's warnings are objects with every key, and each sheet counts its own", () => {
    const report = buildImportReport(importWorkbook([customers, orders]));
    expect(report.warnings[0]).toEqual({ sheet: "3月", row: 2, column: "F", header: "金额", value: "25", code: "import.warn.amountMismatch", message: "金额 25 与 数量×单价 20 不一致，以表中金额为准", imported: true });
    expect(report.sheets.map((s) => `${s.name}:${s.warnings}`)).toEqual(["客户:0", "3月:2"]);
    expect(buildImportReport(importWorkbook([customers, orders]), "en-US").warnings[1]?.message).toBe('Customer "西安新客户" is not in the customer sheet; added');
  });

  it("the 导入问题 sheet lists warned rows with a link to the cell and 已导入（有提醒）, rejected rows with 未导入", () => {
    const spec = importIssuesSheet(importWorkbook([customers, orders]));
    const warned = spec.anchors?.firstWarned?.row ?? -1;
    const rejected = spec.anchors?.firstRejected?.row ?? -1;
    expect(spec.rows[rejected - 1]).toEqual(["工作表", "行", "列", "列名", "原值", "原因", "定位", "结果"]);
    expect(spec.rows[rejected]).toEqual(["3月", 4, "B", "客户", null, "缺少客户", "3月!B4", "未导入"]);
    expect(spec.rows.slice(warned, warned + 2)).toEqual([
      ["3月", 2, "F", "金额", "25", "金额 25 与 数量×单价 20 不一致，以表中金额为准", "3月!F2", "已导入（有提醒）"],
      ["3月", 3, "B", "客户", "西安新客户", "客户「西安新客户」不在客户表中，已自动添加", "3月!B3", "已导入（有提醒）"],
    ]);
    expect(spec.links?.filter((l) => l.row >= warned && l.row < warned + 2).map((l) => `${l.target.sheet}!${l.target.cell}`)).toEqual(["3月!F2", "3月!B3"]);
    // Workbook-level notes stay in the notes section.
    expect(spec.rows.slice(spec.anchors?.warnings?.row ?? 0)).toEqual([["提醒"], ["工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）"]]);
  });
});

describe("uncertain column choices", () => {
  it("are worded with the column taken and the others, in both languages", () => {
    expect(describeUncertain(QTY_UNSURE)).toMatchInlineSnapshot(`"数量：用了 D 列「数量」，也可能是 G 列「未交数量」（识别为订单：找到的列 数量）"`);
    expect(describeUncertain({ ...QTY_UNSURE, chosen: null }, "en-US")).toMatchInlineSnapshot(`"quantity: no column taken; it could be column G "未交数量" (Recognised as orders: columns found quantity)"`);
  });

  it("come first in the report, the 导入问题 sheet and the CLI summary", () => {
    const result = withUncertain(importWorkbook([customers, orders]), [QTY_UNSURE]);
    expect(importUncertain(result).map((u) => `${u.sheet}:${u.choice.field}`)).toEqual(["3月:qty"]);
    const report = buildImportReport(result);
    expect(Object.keys(report).slice(0, 2)).toEqual(["sheets", "uncertain"]);
    expect(report.uncertain).toEqual([
      { sheet: "3月", field: "qty", chosen: { column: "D", header: "数量" }, alternatives: [{ column: "G", header: "未交数量" }], reason: "识别为订单：找到的列 数量", message: "数量：用了 D 列「数量」，也可能是 G 列「未交数量」（识别为订单：找到的列 数量）" },
    ]);
    expect(report.sheets.map((s) => s.uncertain)).toEqual([0, 1]);
    const spec = importIssuesSheet(result);
    expect(spec.rows.slice(1, 5)).toEqual([
      [],
      ["需要确认的列（导入时没有把握，请先核对）"],
      ["工作表", "字段", "采用的列", "也可能是", "原因", "如何改正"],
      ["3月", "数量", "D 列「数量」", "G 列「未交数量」", "识别为订单：找到的列 数量", "在「台账设置」的列对应中确认或改选；命令行：--map '3月!qty=未交数量'"],
    ]);
    expect(formatImportSummary(report)).toMatchInlineSnapshot(`
"需要确认的列（1）——导入时没有把握，请先核对：
  「3月」数量：用了 D 列「数量」，也可能是 G 列「未交数量」（识别为订单：找到的列 数量）
    如应改用「未交数量」：--map '3月!qty=未交数量'
工作表「客户」：客户（把握 89%），表头在第 1 行
  列：客户←客户名称，联系人←联系人
  1 行：导入 1，未导入 0，跳过 0
工作表「3月」：订单（把握 67%），表头在第 1 行
  列：日期←日期，客户←客户，型号←型号，数量←数量，单价←单价，金额←金额
  3 行：导入 2（提醒 2 条），未导入 1，跳过 0
台账：客户 2 个，产品 1 个（由交易推导）；订单 2 行，数量 3，金额 35.00（其中退货 0 行，0.00）；回款 0 笔，0.00；退货单 0 笔，0.00
未导入的行（1）：
  「3月」第 4 行：B 列 （客户）：缺少客户
提醒（3）：
  「3月」 第 2 行 F 列 （金额）：金额 25 与 数量×单价 20 不一致，以表中金额为准
  「3月」 第 3 行 B 列 （客户）：客户「西安新客户」不在客户表中，已自动添加
  工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）
"
`);
  });

  it("the CLI summary counts warnings by kind and shows the first ten", () => {
    const rows: (string | number)[][] = [["日期", "客户", "型号", "数量", "单价", "金额"]];
    for (let i = 1; i <= 12; i++) rows.push([`2025-03-${String(i).padStart(2, "0")}`, "长沙华兴", "XY-100", 1, 10, 11]);
    const text = formatImportSummary(buildImportReport(importWorkbook([customers, grid("3月", rows)])));
    const tail = text.slice(text.indexOf("提醒（"));
    expect(tail.split("\n").slice(0, 3)).toEqual(["提醒（13）：", "  按类别：金额 11 与 数量×单价 10 不一致，以表中金额为准 等 12 条；工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”） 等 1 条", "  「3月」 第 2 行 F 列 （金额）：金额 11 与 数量×单价 10 不一致，以表中金额为准"]);
    expect(tail.split("\n").filter((l) => l.includes("第 ")).length).toBe(10);
    expect(tail).toContain("……另有 3 条，见「导入问题」工作表");
  });
});
