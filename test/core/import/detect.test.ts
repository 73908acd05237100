import { detectSheet } from "../../../src/core/import/detect";
import { grid } from "./grid";

const mappingOf = (d: ReturnType<typeof detectSheet>): Record<string, string> => Object.fromEntries(d.mapping.map((m) => [m.field, `${m.header}@${m.how}`]));

describe("detectSheet", () => {
  it("finds the header under merged titles and a 制表 line, and maps it with reasons", () => {
    const g = grid(
      "3月",
      [
        ["2025年3月销售明细", null, null, null, null, null],
        ["制表：张丽     单位：元", null, null, null, null, null],
        ["日期", "购货单位", "规格型号", "数量(个)", "单 价", "金额（元）"],
        ["2025.3.5", "长沙华兴", "HX-100", 2, 10, 20],
      ],
      { merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 5 }] },
    );
    const d = detectSheet(g);
    expect({ role: d.role, headerRow: d.headerRow, year: d.year, blocks: d.blocks.length }).toEqual({ role: "orders", headerRow: 2, year: 2025, blocks: 1 });
    expect(mappingOf(d)).toMatchInlineSnapshot(`
{
  "amount": "金额(元)@exact",
  "customer": "购货单位@exact",
  "date": "日期@exact",
  "model": "规格型号@exact",
  "price": "单 价@exact",
  "qty": "数量(个)@exact",
}
`);
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it("classifies payments, customers, products, returns and other sheets", () => {
    const role = (name: string, header: string[]): string => detectSheet(grid(name, [header, header.map(() => "x")])).role;
    expect([
      role("回款", ["日期", "客户名称", "回款金额", "方式", "备注"]),
      role("Sheet2", ["收款日期", "付款单位", "金额", "收款方式", "凭证号"]),
      role("客户档案", ["客户名称", "联系人", "电话", "地址", "结算方式"]),
      role("价格表", ["型号", "品名", "单位", "单价"]),
      role("退货登记", ["日期", "客户", "型号", "数量", "金额", "退货原因"]),
      role("库存", ["车型", "车型编码", "指导价", "入库时间", "库龄时间（天）"]),
      role("Sheet3", ["姓名", "部门", "工资"]),
    ]).toEqual(["payments", "payments", "customers", "products", "returns", "other", "other"]);
  });

  it("uses the ship date when there is no order date, and says so", () => {
    const d = detectSheet(grid("发货", [["客户", "型号", "数量", "金额", "交期"], ["甲", "M1", 1, 2, "2025-03-05"]]));
    expect(d.mapping.find((m) => m.field === "date")).toMatchObject({ header: "交期", how: "fallback" });
    expect(d.reasons.map((r) => r.code)).toContain("import.reason.dateFromShipDate");
  });

  it("treats the same header further down as a new block", () => {
    const header = ["日期", "客户", "型号", "数量", "金额"];
    const d = detectSheet(grid("明细", [["一月"], header, ["2025-01-02", "甲", "M1", 1, 10], ["二月"], header, ["2025-02-02", "乙", "M2", 2, 20]]));
    expect(d.blocks.map((b) => [b.headerRow, b.firstRow, b.lastRow])).toEqual([
      [1, 2, 3],
      [4, 5, 5],
    ]);
  });

  it("maps customer-sheet columns to customer fields (结算方式 is the terms there)", () => {
    const d = detectSheet(grid("客户", [["客户名称", "结算方式", "类别"], ["甲", "月结", "A"]]));
    expect(d.role).toBe("customers");
    expect(d.mapping.map((m) => m.field)).toEqual(["customer", "terms", "class"]);
  });

  it("obeys overrides of role and mapping (by header text or column letter)", () => {
    const g = grid("Sheet1", [["时间", "单位", "编号", "合计", "实付"], ["2025-01-02", "甲", "M1", 12, 10]]);
    const d = detectSheet(g, { role: "orders", mapping: { amount: "实付", qty: "D", customer: "不存在的列" } });
    expect(d.role).toBe("orders");
    expect(d.confidence).toBe(1);
    expect(d.mapping.filter((m) => m.how === "override").map((m) => `${m.field}=${m.header}`)).toEqual(["qty=合计", "amount=实付"]);
    expect(d.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["import.reason.roleOverride", "import.reason.overrideHeaderMissing"]));
  });

  it("says when there is no header at all", () => {
    const d = detectSheet(grid("空", [[1, 2], [3, 4]]));
    expect({ role: d.role, headerRow: d.headerRow, reasons: d.reasons.map((r) => r.code) }).toEqual({ role: "other", headerRow: null, reasons: ["import.reason.noHeader"] });
  });

  it("reads a two-row header (merged parent over sub-headers, vertical merges)", () => {
    const g = grid(
      "销售",
      [
        ["日期", "客户", "销售情况", null, null],
        [null, null, "数量", "单价", "金额（万元）"],
        [45721, "甲", 2, 3, 0.0006],
      ],
      { merges: [{ row: 0, col: 0, rowEnd: 1, colEnd: 0 }, { row: 0, col: 1, rowEnd: 1, colEnd: 1 }, { row: 0, col: 2, rowEnd: 0, colEnd: 4 }] },
    );
    const d = detectSheet(g);
    expect({ role: d.role, headerRow: d.headerRow, fields: d.mapping.map((m) => `${m.field}${m.scale ? `×${m.scale}` : ""}`) }).toEqual({ role: "orders", headerRow: 1, fields: ["date", "customer", "qty", "price", "amount×10000"] });
    // Without merges down the first columns, the two rows are read as one band.
    const loose = grid("销售", [["日期", "客户", "销售情况", null, null], [null, null, "数量", "单价", "金额"], [45721, "甲", 2, 3, 6]], { merges: [{ row: 0, col: 2, rowEnd: 0, colEnd: 4 }] });
    const d2 = detectSheet(loose);
    expect({ headerRow: d2.headerRow, fields: d2.mapping.map((m) => m.field) }).toEqual({ headerRow: 1, fields: ["date", "customer", "qty", "price", "amount"] });
    expect(d2.reasons.map((r) => r.code)).toContain("import.reason.twoRowHeader");
  });

  it("does not take a customer × month summary or a model × month matrix for a master list", () => {
    const summary = grid("汇总", [["客户", "1月", "2月", "合计"], ["甲", 10, 20, 30]]);
    const matrix = grid("统计", [["型号", "1月", "2月"], ["HX-1", 3, 4]]);
    expect([detectSheet(summary).role, detectSheet(matrix).role]).toEqual(["other", "other"]);
    expect(detectSheet(grid("客户", [["客户", "备注"], ["甲", "老客户"]])).role).toBe("customers");
  });

  it("maps ERP exports and English invoice lists", () => {
    const map = (name: string, header: string[], row: (string | number)[]): string => {
      const d = detectSheet(grid(name, [header, row]));
      return `${d.role}: ${d.mapping.map((m) => `${m.field}=${m.header}`).join(" ")}`;
    };
    expect(map("销售出库单列表", ["单据日期", "单据编号", "客户名称", "存货编码", "存货名称", "规格型号", "主计量单位", "数量", "含税单价", "价税合计", "税额", "无税金额"], ["2025-03-01", "XS001", "甲", "A01", "水槽", "HX-1", "个", 2, 113, 226, 26, 200])).toBe(
      "orders: date=单据日期 orderNo=单据编号 customer=客户名称 productName=存货名称 model=规格型号 unit=主计量单位 qty=数量 price=含税单价 amount=价税合计",
    );
    expect(map("Sheet1", ["Invoice Date", "Invoice No.", "Customer", "Product", "Quantity", "Unit Price", "Line Total", "Sales Rep"], ["2025-03-01", "INV1", "ACME", "Widget", 2, 10, 20, "Bob"])).toBe(
      "orders: date=Invoice Date orderNo=Invoice No. customer=Customer productName=Product model=Product qty=Quantity price=Unit Price amount=Line Total",
    );
    expect(map("订单跟踪", ["下单日期", "客户", "型号", "数量", "交货日期", "发货日期", "物流", "运单号", "状态"], ["2025-03-01", "甲", "HX-1", 2, "2025-03-05", "2025-03-04", "顺丰", "SF1", "已发货"])).toBe(
      "orders: date=下单日期 customer=客户 model=型号 qty=数量 shipDate=发货日期 carrier=物流 trackingNo=运单号 status=状态",
    );
  });
});
