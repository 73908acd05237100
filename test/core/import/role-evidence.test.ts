import { detectSheet } from "../../../src/core/import/detect";
import { describeReason } from "../../../src/core/import/report";
import { PROFILE_SCAN_ROWS, profileColumn, roleEvidence, whyNotImported } from "../../../src/core/import/role-evidence";
import type { RawCell, SheetGrid } from "../../../src/core/import/types";
import { grid } from "./grid";

const codes = (d: ReturnType<typeof detectSheet>): string[] => d.reasons.map((r) => r.code);
const why = (d: ReturnType<typeof detectSheet>): string => {
  const r = whyNotImported(d);
  return r ? `${r.code} ${JSON.stringify(r.params ?? {})}` : "(imported)";
};

/** Order lines of three customers buying the same few models, without a date column. */
function undatedLines(title?: string): SheetGrid {
  const rows: RawCell[][] = [["客户名称", "物料编码", "物料名称", "数量", "单价", "金额", "类别"]];
  const customers = ["长沙华兴商贸", "湘潭建材", "株洲五金"];
  for (let i = 0; i < 12; i++) rows.push([customers[i % 3]!, `HX-${i % 4}`, `泵轴${i % 4}`, i + 1, 10, (i + 1) * 10, "ZTAN"]);
  return grid("Sheet1", title ? [[title], ...rows] : rows);
}

describe("role evidence: a master lists each party or model once, transaction lines repeat them", () => {
  it("takes order lines without a date for orders missing their date, never a product master", () => {
    const d = detectSheet(undatedLines());
    expect(d.role).toBe("other");
    expect(codes(d)).toContain("import.reason.notProductsCustomer");
    expect(why(d)).toBe(`import.reason.incomplete {"role":"orders","missing":"date","fields":"customer,model,productName,qty,price,amount,series"}`);
    // A date in the title makes the same lines an order sheet.
    const dated = detectSheet(undatedLines("日期：2025年3月5日"));
    expect({ role: dated.role, sheetDate: dated.sheetDate }).toEqual({ role: "orders", sheetDate: { from: "title", text: "2025年3月5日" } });
  });

  it("takes a list whose product column repeats, with quantities and amounts, for lines; a price list stays a master", () => {
    const sales = grid("Sheet1", [["产品名称", "销售员", "数量", "标准单价", "成交金额"], ...["网卡", "网卡", "鼠标", "鼠标", "鼠标", "键盘", "网卡", "键盘"].map((p, i) => [p, "王丽", i + 1, 10, (i + 1) * 10])]);
    const d = detectSheet(sales);
    expect(d.role).toBe("other");
    expect(d.reasons.find((r) => r.code === "import.reason.notProductsRepeats")?.params).toEqual({ header: "产品名称", rows: 8, distinct: 3 });
    expect(why(d)).toBe(`import.reason.incomplete {"role":"orders","missing":"customer,date","fields":"productName,qty,price,amount"}`);
    const prices = grid("Sheet1", [["产品名称", "单位", "标准单价"], ["网卡", "个", 178], ["鼠标", "个", 299], ["键盘", "个", 120], ["音箱", "对", 260], ["硬盘", "块", 420]]);
    expect(detectSheet(prices).role).toBe("products");
    // Quantities beside line amounts are lines (or stock) even when each model appears once.
    const once = grid("Sheet1", [["物料编码", "物料名称", "数量", "单价", "金额"], ["P1", "泵轴", 1, 0, 0], ["P2", "叶轮", 2, 0, 0]]);
    expect(detectSheet(once).role).toBe("other");
    expect(codes(detectSheet(once))).toContain("import.reason.notProductsAmounts");
  });

  it("takes a receipts log whose payer repeats for receipts missing their date, not a customer master", () => {
    const payers = ["苏州五洲国际", "苏州五洲国际", "海南散团", "海南散团", "海南散团", "上海春秋"];
    const log = grid("Sheet1", [["付款单位", "团号", "金额", "计调负责人", "凭证字号"], ...payers.map((p, i) => [p, `2019061${i}H`, 1000 + i, "", `记-0002${i}`])]);
    const d = detectSheet(log);
    expect(d.role).toBe("other");
    expect(d.reasons.find((r) => r.code === "import.reason.notCustomersRepeats")?.params).toEqual({ header: "付款单位", rows: 6, distinct: 3 });
    expect(why(d)).toBe(`import.reason.incomplete {"role":"payments","missing":"date","fields":"customer,amount,contact,ref"}`);
  });

  it("keeps a customer master a master: each customer once, or repeated per contact without money", () => {
    const master = grid("Sheet1", [["客户名称", "联系人", "电话", "地址"], ["长沙华兴", "张三", "1390000", "长沙"], ["湘潭建材", "李四", "1390001", "湘潭"], ["株洲五金", "王五", "1390002", "株洲"], ["岳阳商贸", "赵六", "1390003", "岳阳"], ["常德建材", "钱七", "1390004", "常德"]]);
    expect(detectSheet(master).role).toBe("customers");
    const contacts = grid("客户", [["客户名称", "联系人", "电话"], ...["甲公司", "甲公司", "甲公司", "乙公司", "乙公司", "乙公司"].map((c, i) => [c, `联系人${i}`, `139${i}`])]);
    expect(detectSheet(contacts).role).toBe("customers");
    // Dated money is a movement, whatever the name column does.
    const moves = grid("客户", [["日期", "客户名称", "金额"], ["2025-03-01", "甲公司", 100]]);
    expect(detectSheet(moves).role).not.toBe("customers");
  });

  it("refuses a reconciliation of two sources, but keeps a ledger with a clerk's 核对 tick or an ERP's 差异 columns", () => {
    const recon = grid("订单-客户", [["客户订购单号", "客户简称", "检查系统订购单号", "属于系统", "检查台账订单号", "属于台账", "对比结果"], ...[1, 2, 3, 4, 5, 6].map((i) => [`PO-${i}`, i % 2 ? "欣旺达" : "兰钧", null, "系统", null, i % 3 ? "台账" : null, i % 3 ? null : "台账无"])]);
    const d = detectSheet(recon);
    expect(d.role).toBe("other");
    expect(why(d)).toBe(`import.reason.reconciliation {"headers":"对比结果"}`);
    const byName = detectSheet(grid("系统与台账对比", [["客户", "日期", "金额"], ["甲", "2025-03-01", 100]]));
    expect(why(byName)).toBe(`import.reason.reconciliation {"headers":"系统与台账对比"}`);
    const ticked = grid("3月", [["日期", "客户", "型号", "数量", "金额", "核对"], ["2025-03-01", "甲", "M1", 1, 10, "√"], ["2025-03-02", "乙", "M2", 2, 20, ""]]);
    expect(detectSheet(ticked).role).toBe("orders");
    const erp = grid("出货单查询", [["单据日期", "客户名称", "产品编号", "出货数量", "已对账数量", "差异数量", "单价", "金额", "差异含税金额"], ["2025-03-01", "甲", "M1", 1, 1, 0, 10, 10, 0]]);
    expect(detectSheet(erp).role).toBe("orders");
  });

  it("refuses purchase documents: the supplier varies while the buyer is always us; a sales invoice list is sales", () => {
    const suppliers = ["汉高（中国）投资有限公司", "武汉市欣程瑞商贸有限公司", "武汉市欣程瑞商贸有限公司", "湖北纸业有限公司"];
    const header = ["发票号码", "开票日期", "金额", "购买方识别号", "销售方纳税人名称"];
    const bought = grid("Sheet1", [header, ...suppliers.map((s, i) => [`N${i}`, "2024-02-29", 100 + i, "914209025942250113", s])]);
    const d = detectSheet(bought);
    expect(d.role).toBe("other");
    expect(why(d)).toBe(`import.reason.purchases {"seller":"销售方纳税人名称","buyer":"购买方识别号","value":"914209025942250113"}`);
    const sold = grid("Sheet1", [["发票号码", "开票日期", "金额", "购方名称", "销方名称"], ...suppliers.map((s, i) => [`N${i}`, "2024-02-29", 100 + i, s, "本公司"])]);
    expect(detectSheet(sold).role).toBe("orders");
    // A supplier column without any customer: purchases too. A product list naming each model's supplier stays a product list.
    const po = detectSheet(grid("Sheet1", [["日期", "供应商", "型号", "数量", "金额"], ["2025-03-01", "甲厂", "M1", 1, 10], ["2025-03-02", "乙厂", "M2", 2, 20]]));
    expect(why(po)).toBe(`import.reason.purchasesNoBuyer {"seller":"供应商"}`);
    expect(detectSheet(grid("价格表", [["型号", "单价", "供应商"], ["M1", 10, "甲厂"], ["M2", 20, "乙厂"]])).role).toBe("products");
  });

  it("says a summary or a cross-tab is one, and an incomplete sheet what it lacks", () => {
    const pivot = detectSheet(grid("Sheet4", [["科室", "求和项:设备数量"], ["一科", 19], ["二科", 36]]));
    expect(why(pivot)).toBe(`import.reason.summarySheet {"headers":"求和项:设备数量"}`);
    const cities = detectSheet(grid("Sheet1", [["商品名称", "北京出库销量", "上海出库销量", "广州出库销量"], ["荣耀V40", 747, 666, 578]]));
    expect(why(cities)).toBe(`import.reason.crossTab {"headers":"北京出库销量、上海出库销量、广州出库销量"}`);
    const months = detectSheet(grid("Sheet1", [["型号", "1月", "2月", "3月"], ["HX-1", 3, 4, 5]]));
    expect(why(months)).toBe(`import.reason.crossTab {"headers":"1月、2月、3月"}`);
    const noCustomer = detectSheet(grid("Sheet1", [["业务日期", "课程名称", "金额"], ["2025-03-01", "Python", 100]]));
    expect(why(noCustomer)).toBe(`import.reason.incomplete {"role":"orders","missing":"customer","fields":"date,productName,amount"}`);
    // Stock keeps its own reason: it is not an order sheet lacking something.
    const stock = detectSheet(grid("库存", [["车型", "车型编码", "指导价", "入库时间"], ["CX-5", "A1", "17.98万", "2019-01-02"]]));
    expect(stock.role).toBe("other");
    expect(whyNotImported(stock)?.code).not.toBe("import.reason.incomplete");
  });

  it("words the new reasons in both languages", () => {
    const d = detectSheet(undatedLines());
    const incomplete = whyNotImported(d)!;
    expect(describeReason(incomplete, "zh-CN")).toMatchInlineSnapshot(`"像订单（有 客户、型号、品名、数量、单价、金额、系列 列），但缺少 日期，标题里也没有找到，未导入（如表中另有这样的列，可用 --map 字段=列名 指定）"`);
    expect(describeReason(incomplete, "en-US")).toMatchInlineSnapshot(`"Looks like orders (columns: customer, model, product name, quantity, price, amount, series) but has no date, neither as a column nor in the title; not imported (if another column holds it, name it with --map field=header)"`);
    const purchases = { code: "import.reason.purchases", params: { seller: "销售方名称", buyer: "购买方识别号", value: "9142" } };
    expect(describeReason(purchases, "zh-CN")).toMatchInlineSnapshot(`"是采购 / 进项单据，不是本公司的销售：「销售方名称」列是供应商（销售方），「购买方识别号」列每行都是同一家（9142，即本公司），未导入"`);
  });

  it("profiles columns from a bounded sample: a sheet of 1,048,576 rows is never read through", () => {
    const rows = 1_048_576;
    let reads = 0;
    const header: RawCell[] = ["客户名称", "型号", "数量", "金额"];
    const backing = new Array<undefined>(rows).fill(undefined);
    const values = new Proxy(backing, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) {
          reads++;
          const r = Number(key);
          return r === 0 ? header : [`客户${r % 7}`, `M${r % 5}`, 1, 10];
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as unknown as RawCell[][];
    const g: SheetGrid = { name: "Sheet1", startRow: 0, startCol: 0, values, formats: [], formulas: [], merges: [] };
    const p = profileColumn(g, 1, 0);
    expect({ values: p.values, distinct: p.distinct }).toEqual({ values: 500, distinct: 7 });
    reads = 0;
    const mapping = [
      { field: "customer" as const, col: 0, header: "客户名称", how: "exact" as const, matched: "客户名称" },
      { field: "model" as const, col: 1, header: "型号", how: "exact" as const, matched: "型号" },
      { field: "qty" as const, col: 2, header: "数量", how: "exact" as const, matched: "数量" },
      { field: "amount" as const, col: 3, header: "金额", how: "exact" as const, matched: "金额" },
    ];
    const ev = roleEvidence({ grid: g, band: [0], dataStart: 1, mapping, fields: new Set(mapping.map((m) => m.field)), names: ["Sheet1"] });
    expect([...ev.ruledOut.keys()].sort()).toEqual(["customers", "products"]);
    expect(reads).toBeLessThanOrEqual(4 * PROFILE_SCAN_ROWS);
  });
});
