/**
 * Honest endings: sales-like sheets that give no order, payment or return end the import as a
 * failure with each sheet's real reason; a real ledger with some rejected rows does not. And
 * `--map` implies the role its columns need.
 */
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { importEnding, looksLikeTransactions } from "../../../src/core/import/ending";
import { buildImportReport, endingIssues } from "../../../src/core/import/report";
import { detectSheet } from "../../../src/core/import/detect";
import { describeIssue } from "../../../src/core/i18n";
import { grid } from "./grid";

const master = grid("客户档案", [
  ["客户名称", "联系人", "电话"],
  ["长沙华兴", "王", "123"],
]);
const badDates = grid("销售", [
  ["日期", "客户", "型号", "数量", "金额"],
  ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
  ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
  ["2025-03-01", "", "XY-100", 2, 20],
]);
const good = grid("3月", [
  ["日期", "客户", "型号", "数量", "金额"],
  ["2025-03-05", "长沙华兴", "XY-100", 2, 20],
  ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
]);

describe("importEnding", () => {
  it("every sales row rejected, only a master imported: nothing, with the top reasons counted", () => {
    const result = importWorkbook([badDates, master]);
    const ending = importEnding(result);
    expect([ending.nothing, ending.problems.map((p) => p.sheet)]).toEqual([true, ["销售"]]);
    expect(endingIssues(result).map((i) => describeIssue(i))).toMatchInlineSnapshot(`
[
  "没有导入任何订单、回款或退货（工作表：销售、客户档案）。各工作表的原因如下",
  "「销售」：3 行数据全部未导入。主要原因：A 列 （日期）：日期不存在：2025-02-30（2 行，如第 2 行）；B 列 （客户）：缺少客户（1 行，如第 4 行）",
]
`);
    expect(buildImportReport(result, "en-US").problems).toMatchInlineSnapshot(`
[
  {
    "code": "import.problem.allRejected",
    "message": "All 3 data rows were rejected. Main reasons: column A, (日期): No such date: 2025-02-30 (2 rows, e.g. row 2); column B, (客户): customer is missing (1 rows, e.g. row 4)",
    "sheet": "销售",
  },
]
`);
  });

  it("a real ledger with some rejected rows ends well; a sales sheet that gave nothing is still named", () => {
    expect(importEnding(importWorkbook([good, master]))).toEqual({ nothing: false, problems: [] });
    const mixed = importEnding(importWorkbook([good, badDates]));
    expect([mixed.nothing, mixed.problems.map((p) => `${p.sheet}:${p.issue.code}`)]).toEqual([false, ["销售:import.problem.allRejected"]]);
  });

  it("a sheet refused on value evidence (purchases) ends with that reason, not the catch-all", () => {
    const po = grid("Sheet1", [["日期", "供应商", "型号", "数量", "金额"], ["2025-03-01", "甲厂", "M1", 1, 10], ["2025-03-02", "乙厂", "M2", 2, 20]]);
    const issues = endingIssues(importWorkbook([po]));
    expect(issues.map((i) => i.code)).toEqual(["import.nothingImported", "import.reason.purchasesNoBuyer"]);
    expect(describeIssue(issues[1]!)).toContain("供应商");
  });

  it("says no header, columns missing or other data for sheets that gave nothing", () => {
    const noHeader = grid("Sheet1", [[1, 2, 3], [4, 5, 6]]);
    const noCustomer = grid("流水", [
      ["日期", "型号", "数量", "金额"],
      ["2025-03-05", "XY-100", 2, 20],
    ]);
    const stock = grid("库存", [
      ["入库时间", "型号", "库存数量", "采购价"],
      ["2025-03-05", "XY-100", 2, 20],
    ]);
    const result = importWorkbook([noHeader, noCustomer, stock]);
    expect(endingIssues(result).map((i) => describeIssue(i))).toMatchInlineSnapshot(`
[
  "没有导入任何订单、回款或退货（工作表：Sheet1、流水、库存）。各工作表的原因如下",
  "「Sheet1」：前 2 行中找不到表头（列名），一行也没有读",
  "「流水」：缺少客户列，没有按销售数据导入",
  "「库存」：看起来是库存、进货等其他数据，没有导入",
]
`);
    // A sheet with dates and amounts but no customer looks like sales data; an inventory sheet does not.
    expect(result.detections.map((d) => `${d.sheet}:${looksLikeTransactions(d)}`)).toEqual(["Sheet1:false", "流水:true", "库存:false"]);
  });

  it("a sales-like sheet read as a master (dates and quantities on a 产品 sheet) gives no orders: nothing, and it says why", () => {
    const soldItems = grid("产品销售", [
      ["date", "sku", "quantity", "unit price"],
      ["2025-03-05", "XY-100", 2, 10],
      ["2025-03-06", "XY-200", 1, 15],
    ]);
    const result = importWorkbook([soldItems]);
    const d = result.detections[0]!;
    expect([d.role, looksLikeTransactions(d), importEnding(result).nothing]).toEqual(["products", true, true]);
    expect(endingIssues(result).map((i) => describeIssue(i))[1]).toBe("「产品销售」：当作产品表读了 2 行，但它有日期、数量、单价这些交易才有的列，没有得到任何订单或回款");
  });

  it("a master-only workbook (no sales-like sheet) is not a failure", () => {
    expect(importEnding(importWorkbook([master])).nothing).toBe(false);
  });
});

describe("--map implies the role it needs", () => {
  const unknownWords = grid("流水", [
    ["日子", "买家", "货号", "件数", "钱"],
    ["2025-03-05", "长沙华兴", "XY-100", 2, 20],
  ]);
  const payments = grid("回款记录", [
    ["日子", "付款人", "钱"],
    ["2025-03-05", "长沙华兴", 40],
  ]);

  it("customer + date + amount + qty named by the clerk make an orders sheet, and the reasons say so", () => {
    expect(detectSheet(unknownWords).role).toBe("other");
    const d = detectSheet(unknownWords, { mapping: { date: "日子", customer: "买家", amount: "钱", qty: "件数" } });
    expect(d.role).toBe("orders");
    expect(d.reasons.find((r) => r.code === "import.reason.roleFromMap")?.params).toEqual({ role: "orders", fields: "date,customer,amount" });
    const r = importWorkbook([unknownWords], { overrides: { mappings: { 流水: { date: "日子", customer: "买家", amount: "钱", qty: "件数" } } } });
    expect(r.input.orders.map((o) => `${o.date}:${o.customer}:${o.qty}:${o.amountFen}`)).toEqual(["2025-03-05:长沙华兴:2:2000"]);
  });

  it("date + amount + customer on a sheet named 回款 make payments", () => {
    expect(detectSheet(payments).role).toBe("other");
    const d = detectSheet(payments, { mapping: { date: "日子", amount: "钱" } });
    expect([d.role, d.reasons.some((r) => r.code === "import.reason.roleFromMap")]).toEqual(["payments", true]);
  });

  it("a --map that changes nothing about the role adds no such reason; --role still wins", () => {
    const plain = grid("3月", [
      ["日期", "客户", "型号", "数量", "金额", "实收"],
      ["2025-03-05", "长沙华兴", "XY-100", 2, 20, 20],
    ]);
    const d = detectSheet(plain, { mapping: { amount: "实收" } });
    expect([d.role, d.reasons.some((r) => r.code === "import.reason.roleFromMap")]).toEqual(["orders", false]);
    expect(detectSheet(unknownWords, { role: "returns", mapping: { date: "日子", customer: "买家", amount: "钱" } }).role).toBe("returns");
  });
});
