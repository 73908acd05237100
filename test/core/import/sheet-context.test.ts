import { columnSignature, sheetNameCustomer, sheetNameKind, workbookContext } from "../../../src/core/import/sheet-context";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { Ledger } from "../../../src/core/ledger";
import { describeIssue } from "../../../src/core/i18n";
import type { RawCell } from "../../../src/core/import/types";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}`);
const zh = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] => (r.detections.find((d) => d.sheet === sheet)?.reasons ?? []).map((x) => describeIssue(x, "zh-CN"));

/** A small trader's 账本 page: one customer's sales and receipts, no customer column. */
const ledgerPage = (name: string, rows: RawCell[][], title?: string) =>
  grid(name, [...(title ? [[title]] : []), ["日期", "品名/型号", "数量", "单价", "金额", "收款", "余额"], ...rows]);
const page = [
  ["2025-03-05", "HX-100", 2, 100, 200, null, 200],
  ["2025-03-10", null, null, null, null, 150, 50],
  ["2025-03-12", "HX-200", 1, 80, 80, null, 130],
];

describe("sheetNameKind", () => {
  it("knows a firm's name, a period or a kind of record, and a name that could be a region or a product line", () => {
    expect(["湘潭电机厂", "长沙华兴商贸有限公司", "株洲联诚贸易", "岳阳五金店"].map(sheetNameKind)).toEqual(["party", "party", "party", "party"]);
    expect(["1月", "Sheet1", "汇总", "明细", "2025", "2025年", "一月", "销售明细", "Q1", "Sheet 3", "客户档案", "Summary", "流水", "现金日记账"].map(sheetNameKind)).toEqual(Array(14).fill("notParty"));
    expect(["长沙华兴", "张三", "华东", "湖南", "电机配件"].map(sheetNameKind)).toEqual(["maybe", "maybe", "maybe", "maybe", "maybe"]);
  });

  it("takes a firm's name alone, a name-like one only with sibling sheets of the same columns, never a region's", () => {
    expect(sheetNameCustomer("湘潭电机厂", undefined)).toMatchObject({ take: true, customer: "湘潭电机厂", reason: { code: "import.reason.customerFromSheetName" } });
    expect(sheetNameCustomer("长沙华兴", { sameColumns: ["株洲联诚", "湘潭电机厂"] })).toMatchObject({ take: true, reason: { code: "import.reason.customerFromSheetNames", params: { count: 3 } } });
    expect(sheetNameCustomer("长沙华兴", { sameColumns: [] })).toMatchObject({ take: false, reason: { code: "import.uncertain.sheetNameCustomer" } });
    // Siblings that are months or a summary are no evidence.
    expect(sheetNameCustomer("长沙华兴", { sameColumns: ["1月", "汇总"] })).toMatchObject({ take: false });
    expect(sheetNameCustomer("华东", { sameColumns: ["华南", "华北"] })).toMatchObject({ take: false });
    expect(sheetNameCustomer("2月", { sameColumns: ["1月"] })).toBeNull();
  });

  it("compares sheets by their header fields, wherever the header row is", () => {
    const a = ledgerPage("长沙华兴", page);
    const b = ledgerPage("株洲联诚", page, "株洲联诚 往来");
    const c = grid("客户", [["客户名称", "电话", "地址"], ["甲", "1", "x"]]);
    expect(columnSignature(a)).toBe(columnSignature(b));
    expect(columnSignature(c)).not.toBe(columnSignature(a));
    expect(workbookContext([a, b, c]).get("长沙华兴")).toEqual({ sameColumns: ["株洲联诚"] });
  });
});

describe("importWorkbook: one sheet per customer", () => {
  const book = [ledgerPage("长沙华兴", page), ledgerPage("湘潭电机厂", page), ledgerPage("株洲联诚", page), ledgerPage("1月", page)];

  it("each sheet's name is its customer; 金额 rows are sales, 收款 rows receipts; a sheet named 1月 is not a customer", () => {
    const r = importWorkbook(book);
    expect(r.detections.map((d) => [d.sheet, d.role, d.sheetCustomer])).toEqual([
      ["长沙华兴", "orders", "长沙华兴"],
      ["湘潭电机厂", "orders", "湘潭电机厂"],
      ["株洲联诚", "orders", "株洲联诚"],
      ["1月", "other", null],
    ]);
    expect(zh(r, "长沙华兴")).toContain("表中没有客户列：3 张工作表（长沙华兴、湘潭电机厂、株洲联诚）列相同、只是表名不同，按一客户一张表读，本表的客户是「长沙华兴」");
    expect(zh(r, "湘潭电机厂")).toContain("表中没有客户列，工作表名「湘潭电机厂」是单位名称，按客户处理");
    expect(zh(r, "长沙华兴")).toContain("「金额」是销售金额、「收款」是收到的货款（单独成行），按往来账读：「金额」记销售，「收款」记回款");
    expect(kinds(r, "长沙华兴")).toEqual(["2:imported", "3:imported", "4:imported"]);
    expect(kinds(r, "1月")).toEqual(["2:skipped:sheetNotImported", "3:skipped:sheetNotImported", "4:skipped:sheetNotImported"]);
    expect(r.input.orders.filter((o) => o.customer === "长沙华兴").map((o) => [o.date, o.model, o.qty, o.amountFen])).toEqual([
      ["2025-03-05", "HX-100", 2, 20000],
      ["2025-03-12", "HX-200", 1, 8000],
    ]);
    expect(r.input.payments.map((p) => [p.customer, p.date, p.amountFen])).toEqual([
      ["长沙华兴", "2025-03-10", 15000],
      ["湘潭电机厂", "2025-03-10", 15000],
      ["株洲联诚", "2025-03-10", 15000],
    ]);
    // The 余额 the clerk wrote is what the ledger owes at the end.
    expect(Ledger.build(r.input).balance("株洲联诚", "2025-03-31")).toBe(13000);
  });

  it("the title's customer wins over the sheet name; a customer column wins over both", () => {
    const titled = ledgerPage("湘潭电机厂", page, "客户：湘潭电机厂有限公司");
    const withColumn = grid("湘潭电机厂", [["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", "长沙华兴", "HX-1", 1, 10]]);
    const r = importWorkbook([titled]);
    expect(r.detections[0]!.sheetCustomer).toBe("湘潭电机厂有限公司");
    expect(r.detections[0]!.reasons.map((x) => x.code)).not.toContain("import.reason.customerFromSheetName");
    const c = importWorkbook([withColumn]);
    expect([c.detections[0]!.sheetCustomer, c.input.orders[0]?.customer]).toEqual([null, "长沙华兴"]);
  });

  it("a lone sheet whose name could be a region or a product line is asked about, not guessed", () => {
    const r = importWorkbook([ledgerPage("华东", page)]);
    const d = r.detections[0]!;
    expect(d.role).toBe("other");
    expect(d.uncertain).toEqual([{ field: "customer", chosen: null, alternatives: [], reason: { code: "import.uncertain.sheetNameCustomer", params: { sheet: "华东" }, severity: "warning" } }]);
    expect(describeIssue(d.uncertain[0]!.reason, "zh-CN")).toMatchInlineSnapshot(`"表中没有客户列，工作表名「华东」可能是客户，也可能是地区或产品类别，没有按客户导入。如果「华东」是客户，请在表头上方加一行「客户：华东」后重新导入"`);
    // Nothing is lost: every row is skipped with the reason, and the clerk's fix (a title line) works.
    expect(kinds(r, "华东")).toEqual(["2:skipped:sheetNotImported", "3:skipped:sheetNotImported", "4:skipped:sheetNotImported"]);
    const fixed = importWorkbook([ledgerPage("华东", page, "客户：华东")]);
    expect(fixed.input.orders.map((o) => o.customer)).toEqual(["华东", "华东"]);
  });

  it("sheets named like product lines (电机, 水泵, 阀门) or after their own goods are asked about, even side by side", () => {
    const r = importWorkbook([ledgerPage("电机", page), ledgerPage("水泵", page), ledgerPage("阀门", page)]);
    expect(r.detections.map((d) => [d.role, d.uncertain[0]?.reason.code])).toEqual(Array(3).fill(["other", "import.uncertain.sheetNameCustomer"]));
    const own = [["2025-03-05", "金龙电器 Y2电机", 1, 100, 100, null, 100]];
    expect(sheetNameCustomer("金龙电器", { sameColumns: ["长沙华兴"] }, ["金龙电器 Y2电机"])).toMatchObject({ take: false });
    const named = importWorkbook([ledgerPage("金龙电器", own), ledgerPage("长沙华兴", page)]);
    expect(named.detections.map((d) => d.sheetCustomer)).toEqual([null, "长沙华兴"]);
  });

  it("an order sheet without receipts on their own rows keeps 已收 as it was (no journal reading)", () => {
    const g = grid("湘潭电机厂", [["日期", "型号", "数量", "单价", "金额", "已收"], ["2025-03-05", "HX-1", 2, 10, 20, 20], ["2025-03-06", "HX-2", 1, 10, 10, null]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.mapping.map((m) => m.field)).not.toContain("credit");
    expect(r.input.orders.map((o) => o.amountFen)).toEqual([2000, 1000]);
  });

  it("conservation: every row of every sheet is imported, rejected or skipped", () => {
    const r = importWorkbook([...book, ledgerPage("华东", page)]);
    for (const t of r.tallies) expect(t.imported + t.rejected + t.skipped).toBe(t.rows);
  });
});
