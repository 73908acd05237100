/**
 * Evidence-based column choice: header words propose, the values and the row arithmetic decide;
 * where two columns explain the data about equally well, the choice is reported as uncertain.
 */
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { detectSheet } from "../../../src/core/import/detect";
import { matchHeader } from "../../../src/core/import/synonyms";
import { profileColumn } from "../../../src/core/import/profile";
import { describeIssue } from "../../../src/core/i18n";
import type { RawCell, SheetDetection } from "../../../src/core/import/types";
import { grid } from "./grid";

const mapped = (d: SheetDetection, ...fields: string[]): string[] => fields.map((f) => `${f}←${d.mapping.find((m) => m.field === f)?.header ?? "-"}`);

describe("qty × price ≈ amount ties quantity, price and amount together", () => {
  it("takes the quantity that agrees with the amount (未交订单数量 left of 订单数量, 订货数量 vs 发货数量)", () => {
    const rows: RawCell[][] = [["日期", "客户", "型号", "未交订单数量", "订单数量", "单价", "订单金额"]];
    for (let i = 0; i < 8; i++) rows.push(["2025-03-01", "华兴", "A1", i % 3, 10 + i, 2.5, (10 + i) * 2.5]);
    const r = importWorkbook([grid("订单", rows)]);
    const d = r.detections[0]!;
    expect(mapped(d, "qty", "price", "amount")).toEqual(["qty←订单数量", "price←单价", "amount←订单金额"]);
    expect(r.input.orders.map((o) => o.qty)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    // Two exact synonyms: the header list prefers 订货数量, the rows say 发货数量.
    const rows2: RawCell[][] = [["日期", "客户", "型号", "订货数量", "发货数量", "单价", "金额"]];
    for (let i = 0; i < 6; i++) rows2.push(["2025-03-01", "华兴", "A1", 20, 5 + i, 3, (5 + i) * 3]);
    const d2 = detectSheet(grid("发货", rows2));
    expect(mapped(d2, "qty")).toEqual(["qty←发货数量"]);
    expect(d2.reasons.filter((x) => x.code === "import.reason.chosenByArithmetic").map((x) => describeIssue(x, "zh-CN"))).toEqual(["数量 × 单价 ≈ 金额 在 6 行中有 100% 成立：数量取「发货数量」、单价取「单价」、金额取「金额」"]);
    expect(d2.uncertain).toEqual([]);
  });

  it("reads 本币 price and amount, not 原币 (USD) ones, and says nothing about currency then", () => {
    const rows: RawCell[][] = [["日期", "客户", "型号", "数量", "币种", "汇率", "原币单价", "原币金额", "本币单价", "本币金额"]];
    for (let i = 1; i <= 5; i++) rows.push(["2025-03-01", "华兴", "A1", i, "USD", 7.1, 10, 10 * i, 71, 71 * i]);
    const r = importWorkbook([grid("外销", rows)]);
    expect(mapped(r.detections[0]!, "price", "amount")).toEqual(["price←本币单价", "amount←本币金额"]);
    expect(r.input.orders.map((o) => o.amountFen)).toEqual([7100, 14200, 21300, 28400, 35500]);
    expect(r.warnings.filter((w) => w.code.startsWith("import.warn.foreign"))).toEqual([]);
  });

  it("never reads foreign-currency amounts as RMB silently: a 币种 of USD with only those amounts is a warning (naming the 汇率 column when there is one)", () => {
    const usd = (rate: boolean): RawCell[][] => {
      const rows: RawCell[][] = [["日期", "客户", "型号", "数量", "币种", ...(rate ? ["汇率"] : []), "单价", "金额"]];
      for (let i = 1; i <= 4; i++) rows.push(["2025-03-01", "Acme Inc.", "A1", i, i === 2 ? "CNY" : "USD", ...(rate ? [7.1] : []), 10, 10 * i]);
      return rows;
    };
    const plain = importWorkbook([grid("外销", usd(false))]);
    expect(plain.warnings.filter((w) => w.code.startsWith("import.warn.foreign")).map((w) => describeIssue(w, "zh-CN"))).toEqual(["「外销」：金额列「金额」（G 列）不是人民币（币种：USD），导入时没有换算；请改用本币金额列，或换算后再导入"]);
    const withRate = importWorkbook([grid("外销", usd(true))]);
    expect(withRate.warnings.filter((w) => w.code.startsWith("import.warn.foreign")).map((w) => [w.code, w.params?.rate])).toEqual([["import.warn.foreignCurrencyRate", "汇率"]]);
    const rmb = importWorkbook([grid("内销", usd(false).map((r, i) => (i === 0 ? r : r.map((v) => (v === "USD" ? "人民币" : v)))))]);
    expect(rmb.warnings.filter((w) => w.code.startsWith("import.warn.foreign"))).toEqual([]);
  });

  it("keeps tax-inclusive with tax-inclusive: 价税合计 as the amount, 含税单价 as the price (not the pre-tax 单价 that agrees with 金额)", () => {
    const rows: RawCell[][] = [["日期", "客户", "规格型号", "数量", "单价", "含税单价", "金额", "税额", "价税合计"]];
    for (let i = 1; i <= 4; i++) rows.push(["2025-05-01", "华兴", "Y1", i, 100, 113, 100 * i, 13 * i, 113 * i]);
    const r = importWorkbook([grid("销售明细", rows)]);
    expect(mapped(r.detections[0]!, "price", "amount")).toEqual(["price←含税单价", "amount←价税合计"]);
    expect(r.input.orders.map((o) => [o.priceFen, o.amountFen])).toEqual([[11300, 11300], [11300, 22600], [11300, 33900], [11300, 45200]]);
    expect((r.outcomes["销售明细"] ?? []).flatMap((o) => (o.kind === "imported" ? o.warnings : []))).toEqual([]);
  });
});

describe("a column of names over a column of codes for the customer", () => {
  it("takes 客户简称 (names) over 订单客户 (C0012 codes) and keeps the codes as the customer code", () => {
    const g = grid("订单", [
      ["日期", "订单客户", "客户简称", "型号", "数量", "金额"],
      ["2025-03-01", "C0012", "长沙华兴", "A1", 1, 10],
      ["2025-03-02", "C0013", "郑州宏达", "A1", 2, 20],
      ["2025-03-03", "C0012", "长沙华兴", "A1", 3, 30],
    ]);
    const r = importWorkbook([g]);
    const d = r.detections[0]!;
    expect(mapped(d, "customer", "code")).toEqual(["customer←客户简称", "code←订单客户"]);
    expect(r.input.orders.map((o) => o.customer)).toEqual(["长沙华兴", "郑州宏达", "长沙华兴"]);
    expect(d.reasons.filter((x) => x.code === "import.reason.chosenByValues" || x.code === "import.reason.customerCodeKept").map((x) => describeIssue(x, "zh-CN"))).toEqual([
      "客户取 C 列「客户简称」而不是 B 列「订单客户」：按列里的数据判断（如名称优先于编码、数字列才是金额）",
      "B 列「订单客户」里是客户编码，按客户编码保留",
    ]);
  });

  it("reads an ERP's 交易对象 (codes) | 交易对象名称 (names) as the customer's code and name", () => {
    const g = grid("出货单查询", [
      ["单据日期", "交易对象", "交易对象名称", "料件编号", "出货数量", "本币含税金额"],
      ["2025-03-01", "C0012", "长沙华兴", "A1", 1, 10],
      ["2025-03-02", "C0013", "郑州宏达", "A1", 2, 20],
    ]);
    const r = importWorkbook([g]);
    expect(mapped(r.detections[0]!, "customer", "code")).toEqual(["customer←交易对象名称", "code←交易对象"]);
    expect(r.input.orders.map((o) => o.customer)).toEqual(["长沙华兴", "郑州宏达"]);
  });

  it("never takes a 序号 (1, 2, 3 …) as the customer, even when the header says 客户", () => {
    const g = grid("客户", [
      ["客户", "联系人", "电话", "结算方式"],
      [1, "张丽", "0731-1", "月结"],
      [2, "王芳", "0731-2", "月结"],
      [3, "李强", "0731-3", "现结"],
      [4, "赵敏", "0731-4", "月结"],
    ]);
    const d = detectSheet(g);
    expect([d.mapping.some((m) => m.field === "customer"), d.role]).toEqual([false, "other"]);
    expect(d.reasons.filter((x) => x.code === "import.reason.sequenceNotName").map((x) => describeIssue(x, "zh-CN"))).toEqual(["A 列「客户」是序号（1、2、3…），不当作客户"]);
  });
});

describe("headers with brackets", () => {
  it("reads the meaning inside the bracket (PO（订单号） is the order number, not 报关单号) and a unit there as a unit", () => {
    expect(["PO（订单号）", "Qty（数量）", "金额（元）", "金额(万元)", "数量(kg)", "日期（订单）", "单价【含税】"].map((h) => matchHeader(h)?.field)).toEqual(["orderNo", "qty", "amount", "amount", "qty", "date", "price"]);
    const d = detectSheet(grid("收入", [["日期", "客户", "报关单号", "PO（订单号）", "型号", "数量", "金额（万元）"], ["2025-05-01", "华兴", "5300123", "PO-88", "A1", 1, 0.5]]));
    expect(d.mapping.filter((m) => m.field === "orderNo" || m.field === "amount").map((m) => `${m.field}←${m.header}${m.scale ? `×${m.scale}` : ""}`)).toEqual(["orderNo←PO(订单号)", "amount←金额(万元)×10000"]);
  });
});

describe("a merged title directly above the header row", () => {
  it("is a title, never the upper half of a two-row header (客户档案（2025年） over 序号 | 客户名称 | …)", () => {
    const g = grid(
      "客户档案",
      [
        ["客户档案（2025年）", null, null, null, null, null],
        ["序号", "客户名称", "联系人", "结算方式", "信用额度", "期初应收"],
        [1, "长沙华兴商贸有限公司", "张丽", "月结", 50000, 1200],
        [2, "郑州宏达机电", "王芳", "现结", 0, 0],
        [3, "岳阳中联建材厂", "李强", "月结", 80000, 300.5],
      ],
      { merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 5 }] },
    );
    const r = importWorkbook([g]);
    const d = r.detections[0]!;
    expect([d.role, d.headerRow, d.reasons.some((x) => x.code === "import.reason.twoRowHeader"), ...mapped(d, "customer", "terms")]).toEqual(["customers", 1, false, "customer←客户名称", "terms←结算方式"]);
    expect(r.input.customers.map((c) => [c.name, c.terms, c.creditLimitFen, c.openingBalanceFen])).toEqual([
      ["长沙华兴商贸有限公司", "月结", 5000000, 120000],
      ["郑州宏达机电", "现结", 0, 0],
      ["岳阳中联建材厂", "月结", 8000000, 30050],
    ]);
  });

  it("a merged parent over some of the columns, beside other headers, is still the upper half of a two-row header", () => {
    const d = detectSheet(grid("销售", [["日期", "客户", "销售情况", null, null], [null, null, "数量", "单价", "金额"], [45721, "甲", 2, 3, 6]], { merges: [{ row: 0, col: 2, rowEnd: 0, colEnd: 4 }] }));
    expect(d.reasons.some((x) => x.code === "import.reason.twoRowHeader")).toBe(true);
  });
});

describe("uncertain choices", () => {
  const twoQty = (): RawCell[][] => {
    const rows: RawCell[][] = [["日期", "客户", "型号", "数量", "数量", "金额"]];
    for (let i = 1; i <= 4; i++) rows.push(["2025-03-01", "华兴", "A1", i, i * 2, 10 * i]);
    return rows;
  };

  it("are filled when two columns explain the data equally well: the one taken, the alternatives, a catalogue reason", () => {
    const d = detectSheet(grid("订单", twoQty()));
    expect(d.uncertain.map((u) => ({ field: u.field, chosen: u.chosen, alternatives: u.alternatives, code: u.reason.code }))).toEqual([{ field: "qty", chosen: { col: 3, header: "数量" }, alternatives: [{ col: 4, header: "数量" }], code: "import.uncertain.column" }]);
    expect(describeIssue(d.uncertain[0]!.reason, "zh-CN")).toBe("「订单」：数量可能是 D 列「数量」，也可能是 「数量」(E)：表头和数据都分不出哪个对，暂取「数量」，请确认（或用 --map 指定）");
    expect(describeIssue(d.uncertain[0]!.reason, "en-US")).toBe('sheet "订单": The quantity could be column D "数量" or 「数量」(E): neither the headers nor the values tell them apart; "数量" was taken, please confirm (or use --map)');
    // The reasons still explain the choice.
    expect(d.reasons.map((x) => x.code)).toContain("import.reason.fieldsFound");
  });

  it("are settled by the clerk's mapping, and empty when the evidence is clear", () => {
    expect(detectSheet(grid("订单", twoQty()), { mapping: { qty: "E" } }).uncertain).toEqual([]);
    const clear = detectSheet(grid("订单", [["日期", "客户", "型号", "数量", "单价", "金额"], ["2025-03-01", "华兴", "A1", 1, 10, 10]]));
    expect(clear.uncertain).toEqual([]);
  });

  it("are listed when qty × price ≈ amount holds for both readings (订货金额 and 出库金额 alike)", () => {
    const rows: RawCell[][] = [["日期", "客户", "型号", "数量", "单价", "订货金额", "出库金额"]];
    for (let i = 1; i <= 4; i++) rows.push(["2025-03-01", "华兴", "A1", i, 5, 5 * i, 5 * i]);
    const d = detectSheet(grid("订单", rows));
    expect(d.uncertain.map((u) => [u.field, u.chosen?.header, u.alternatives.map((a) => a.header), u.reason.code])).toEqual([["amount", "订货金额", ["出库金额"], "import.uncertain.arithmetic"]]);
  });
});

describe("uncertain choices: a chosen amount blank where its rival has values", () => {
  it("asks when 含税销售额 is blank on rows where 不含税销售金额 has values", () => {
    const rows: RawCell[][] = [["日期", "客户", "型号", "数量", "含税单价", "含税销售额", "不含税销售金额"]];
    for (let i = 1; i <= 20; i++) rows.push(["2025-05-01", "华兴", "A1", i, 113, i > 15 ? null : 113 * i, 100 * i]);
    const d = detectSheet(grid("收入", rows));
    expect(mapped(d, "amount")).toEqual(["amount←含税销售额"]);
    expect(d.uncertain.map((u) => [u.field, u.chosen?.header, u.alternatives.map((a) => a.header), u.reason.code])).toEqual([["amount", "含税销售额", ["不含税销售金额"], "import.uncertain.blanks"]]);
    expect(describeIssue(d.uncertain[0]!.reason, "zh-CN")).toBe("「收入」：金额取了 F 列「含税销售额」，但它比 「不含税销售金额」(G) 多 5 行空白：哪一列才是金额说不清，请确认（或用 --map 指定）");
  });
});

describe("profileColumn", () => {
  it("tells numbers, dates, codes, names, currencies and a 序号 apart, on a bounded sample", () => {
    const rows: RawCell[][] = [["h", "h", "h", "h", "h"]];
    for (let i = 1; i <= 400; i++) rows.push([i, `C${String(i).padStart(4, "0")}`, "长沙华兴", i % 2 ? "USD" : "CNY", `¥${i}.50`]);
    const g = grid("x", rows);
    const [seq, codes, names, cur, money] = [0, 1, 2, 3, 4].map((c) => profileColumn(g, c, 1, 400));
    expect([seq!.rows, seq!.sequence, codes!.codes, names!.names, [...cur!.currencies].sort(), money!.numeric, money!.values[0]]).toEqual([300, true, 300, 300, ["CNY", "USD"], 300, 1.5]);
  });
});
