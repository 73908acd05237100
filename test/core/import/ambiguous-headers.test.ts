import { importWorkbook } from "../../../src/core/import/import-workbook";
import { grid } from "./grid";
import { describeIssue } from "../../../src/core/i18n";

describe("importWorkbook: 单位 — a unit of measure, or the customer", () => {
  it("is the customer when it holds names of firms (日期 | 单位 | 品名 | 数量 | 金额)", () => {
    const g = grid("销售", [
      ["日期", "单位", "品名", "数量", "单价", "金额"],
      ["2025-07-01", "长沙华兴商贸有限公司", "电机", 1, 100, 100],
      ["2025-07-02", "郑州宏达机电", "电机", 2, 100, 200],
      ["2025-07-03", "岳阳中联建材厂", "水泵", 3, 100, 300],
    ]);
    const r = importWorkbook([g]);
    const d = r.detections[0]!;
    expect([d.role, d.mapping.find((m) => m.header === "单位")?.field, d.reasons.some((x) => x.code === "import.reason.unitIsCustomer")]).toEqual(["orders", "customer", true]);
    expect(r.input.orders.map((o) => o.customer)).toEqual(["长沙华兴商贸有限公司", "郑州宏达机电", "岳阳中联建材厂"]);
  });

  it("stays the unit when it holds 件, 台, 套 — in a price list and beside a customer column", () => {
    const prices = grid("价目表", [["型号", "品名", "单位", "单价"], ["YX-1", "电机", "台", 100], ["YX-2", "水泵", "台", 80], ["FM-1", "阀门", "套", 20]]);
    const orders = grid("3月", [["日期", "客户", "型号", "单位", "数量", "金额"], ["2025-03-01", "华兴", "YX-1", "台", 1, 100], ["2025-03-02", "宏达", "YX-2", "台", 2, 160]]);
    const r = importWorkbook([prices, orders]);
    expect(r.detections.map((d) => [d.role, d.mapping.find((m) => m.header === "单位")?.field])).toEqual([["products", "unit"], ["orders", "unit"]]);
    expect(r.input.products.map((p) => [p.model, p.unit])).toEqual([["YX-1", "台"], ["YX-2", "台"], ["FM-1", "套"]]);
  });
});

describe("importWorkbook: a second table beside the first (发货 on the left, 回款 on the right)", () => {
  it("is said in one warning naming its columns, never dropped silently; a sheet without one says nothing", () => {
    const g = grid("华兴台账", [
      ["日期", "客户", "型号", "数量", "金额", null, "回款日期", "付款单位", "回款金额"],
      ["2025-03-01", "华兴", "A", 1, 10, null, "2025-03-10", "华兴", 10],
    ]);
    const r = importWorkbook([g]);
    expect(r.input.orders).toHaveLength(1);
    expect(r.warnings.filter((w) => w.code === "import.warn.sideTable").map((w) => describeIssue(w, "zh-CN"))).toEqual(["「华兴台账」：G–I 列（回款日期、付款单位、回款金额）是旁边的另一张表，没有导入；请把它移到单独的工作表后再导入"]);
    const plain = importWorkbook([grid("3月", [["日期", "客户", "型号", "数量", "金额", null, "备注"], ["2025-03-01", "华兴", "A", 1, 10, null, "加急"]])]);
    expect(plain.warnings.filter((w) => w.code === "import.warn.sideTable")).toEqual([]);
  });
});

describe("importWorkbook: a sheet longer than a function call takes arguments", () => {
  it("is detected and imported whole (200,000 rows: no spread of the rows into Math.max)", () => {
    const rows: (string | number | null)[][] = [["日期", "客户", "型号", "数量", "金额", null, "备注"]];
    for (let i = 0; i < 200_000; i++) rows.push(["2025-03-01", "华兴", "A", 1, 10, null, null]);
    const r = importWorkbook([grid("大表", rows)]);
    expect([r.detections[0]!.role, r.tallies[0]!.imported]).toEqual(["orders", 200_000]);
  });
});
