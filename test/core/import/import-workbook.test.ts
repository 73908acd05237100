import fc from "fast-check";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import type { RawCell, SheetGrid } from "../../../src/core/import/types";
import { buildImportReport } from "../../../src/core/import/report";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => `${i.at?.column ?? ""}/${i.code}`).join("+")}` : ""}`);

describe("importWorkbook: rows", () => {
  const month = grid(
    "3月",
    [
      ["2025年3月销售明细"],
      ["日期", "客户名称", "型号", "数量", "单价", "金额", "备注"],
      ["2025.3.5", "长沙华兴（集团）", "HX-100", "12件", "¥1,000.00", 12000, null],
      ["3月6日", "长沙华兴(集团) ", "hx-100", 2, 1000, null, null],
      [null, null, null, null, null, null, null],
      ["2025-02-29", "郑州宏达", "HX-100", 1, 1000, 1000, null],
      [null, "小 计", null, 14, null, 13000, null],
      ["2025/3/8", "郑州宏达", "ZD-2", -1, 500, -500, "退货"],
      ["2025/3/9", "郑州宏达", "ZD-2", 1, 500, "待定", null],
      ["2025/3/9", "", "ZD-2", 1, 500, 500, null],
      ["合计", null, null, null, null, 13500, null],
      ["制表人：王芳"],
    ],
    { merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 6 }] },
  );

  it("imports, rejects or skips every row, with reasons", () => {
    const r = importWorkbook([month]);
    expect(kinds(r, "3月")).toMatchInlineSnapshot(`
[
  "3:imported",
  "4:imported",
  "5:skipped:blank",
  "6:rejected:A/date.impossible",
  "7:skipped:subtotal",
  "8:imported",
  "9:rejected:F/money.notANumber",
  "10:rejected:B/import.missingValue",
  "11:skipped:subtotal",
  "12:skipped:note",
]
`);
    expect(r.tallies).toEqual([{ sheet: "3月", role: "orders", rows: 10, imported: 3, rejected: 3, skipped: 4 }]);
  });

  it("normalizes values, matches spelling variants, computes a missing amount, keeps returns negative", () => {
    const r = importWorkbook([month]);
    expect(r.input.orders.map((o) => [o.date, o.customer, o.model, o.qty, o.priceFen, o.amountFen, o.source?.row])).toEqual([
      ["2025-03-05", "长沙华兴（集团）", "HX-100", 12, 100000, 1200000, 3],
      ["2025-03-06", "长沙华兴（集团）", "HX-100", 2, 100000, 200000, 4],
      ["2025-03-08", "郑州宏达", "ZD-2", -1, 50000, -50000, 8],
    ]);
    expect(r.input.customers.map((c) => [c.name, c.derived])).toEqual([
      ["长沙华兴（集团）", true],
      ["郑州宏达", true],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(["import.warn.customersDerived", "import.warn.productsDerived"]);
  });

  it("locates a rejected cell: sheet, row, column, header, value", () => {
    const r = importWorkbook([month]);
    const rejected = (r.outcomes["3月"] ?? []).find((o) => o.kind === "rejected");
    expect(rejected).toEqual({ kind: "rejected", row: 6, issues: [{ code: "date.impossible", value: "2025-02-29", at: { sheet: "3月", row: 6, column: "A", header: "日期", field: "date" } }] });
  });

  it("matches customers and models to the master sheets and reports names it had to add", () => {
    const customers = grid("客户", [["客户名称", "结算方式"], ["长沙华兴（集团）", "月结"], ["郑州宏达", "现结"]]);
    const products = grid("价格表", [["型号", "品名", "单价"], ["HX-100", "水槽", "¥1,000"], ["ZD-2", "阀门", 500]]);
    const orders = grid("订单", [["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", "长沙华兴 (集团)", "ＨＸ－１００", 1, 1000], ["2025-03-05", "西安新客户", "NEW-1", 1, 10]]);
    const r = importWorkbook([orders, customers, products]);
    expect(r.input.orders.map((o) => [o.customer, o.model])).toEqual([
      ["长沙华兴（集团）", "HX-100"],
      ["西安新客户", "NEW-1"],
    ]);
    expect(r.input.customers.map((c) => `${c.name}:${c.terms ?? ""}:${c.derived}`)).toEqual(["长沙华兴（集团）:月结:false", "郑州宏达:现结:false", "西安新客户::true"]);
    expect(r.input.products.map((p) => `${p.model}:${p.priceFen ?? ""}:${p.derived}`)).toEqual(["HX-100:100000:false", "ZD-2:50000:false", "NEW-1::true"]);
    expect(r.warnings.map((w) => `${w.code}:${w.value}:${w.at?.sheet}!${w.at?.column}${w.at?.row}`)).toEqual(["import.warn.customerAdded:西安新客户:订单!B3", "import.warn.modelAdded:NEW-1:订单!C3"]);
    expect(r.derivedCustomers).toBe(false);
  });

  it("takes cached formula results, computes simple formulas without one, rejects the rest", () => {
    const g = grid(
      "明细",
      [
        ["日期", "客户", "型号", "数量", "单价", "金额"],
        ["2025-03-05", "甲", "M1", 3, 2.5, 7.5],
        ["2025-03-05", "甲", "M1", 4, 2.5, null],
        ["2025-03-05", "甲", "M1", 4, 2.5, null],
      ],
      { formulas: [[null, null, null, null, null, null], [null, null, null, null, null, "=D2*E2"], [null, null, null, null, null, "=D3*E3"], [null, null, null, null, null, "=VLOOKUP(C4,价格!A:B,2,0)*D4"]] },
    );
    const r = importWorkbook([g]);
    expect(kinds(r, "明细")).toEqual(["2:imported", "3:imported", "4:rejected:F/import.formulaNoValue"]);
    expect(r.input.orders.map((o) => o.amountFen)).toEqual([750, 1000]);
  });

  it("warns when the amount disagrees with quantity × price by more than a fen", () => {
    const g = grid("明细", [["日期", "客户", "型号", "数量", "单价", "金额"], ["2025-03-05", "甲", "M1", 3, 2.5, 7.51], ["2025-03-05", "甲", "M1", 3, 2.5, 7.6]]);
    const r = importWorkbook([g]);
    const warnings = (r.outcomes["明细"] ?? []).map((o) => (o.kind === "imported" ? o.warnings.map((w) => w.code) : []));
    expect(warnings).toEqual([[], ["import.warn.amountMismatch"]]);
    expect(r.input.orders.map((o) => o.amountFen)).toEqual([751, 760]);
  });

  it("reads 3月5日 with the year of the title, else the workbook's usual year", () => {
    const a = grid("一", [["客户", "日期", "金额", "数量"], ["甲", "2024-06-01", 1, 1], ["甲", "6月2日", 1, 1]]);
    const b = grid("二", [["客户", "日期", "金额", "数量"], ["甲", "7月3日", 1, 1]]);
    const c = grid("三", [["2023年销售"], ["客户", "日期", "金额", "数量"], ["甲", "7月3日", 1, 1]]);
    const r = importWorkbook([a, b, c]);
    expect(r.input.orders.map((o) => o.date)).toEqual(["2024-06-01", "2024-06-02", "2024-07-03", "2023-07-03"]);
  });

  it("unions sheets of one role, carries merged dates down, and uses the 1904 system when asked", () => {
    const jan = grid("1月", [["日期", "客户", "型号", "数量", "金额"], [45658, "甲", "M1", 1, 1], [null, "乙", "M1", 1, 1]], { merges: [{ row: 1, col: 0, rowEnd: 2, colEnd: 0 }], formats: [["General"], ["yyyy-mm-dd"], ["General"]] });
    const feb = grid("2月", [["订单日期", "购货单位", "规格型号", "销售数量", "金额（元）"], [45689, "甲", "M1", 2, "2.00"]]);
    expect(importWorkbook([jan, feb]).input.orders.map((o) => `${o.date}/${o.customer}/${o.source?.sheet}`)).toEqual(["2025-01-01/甲/1月", "2025-01-01/乙/1月", "2025-02-01/甲/2月"]);
    expect(importWorkbook([feb], { date1904: true }).input.orders[0]?.date).toBe("2029-02-02");
  });

  it("honours role and mapping overrides", () => {
    const g = grid("Sheet1", [["时间", "单位", "编号", "件", "实付"], ["2025-01-02", "甲", "M1", 12, 10]]);
    const r = importWorkbook([g], { overrides: { roles: { Sheet1: "orders" }, mappings: { "*": { qty: "件", amount: "实付", customer: "单位", date: "时间", model: "编号" } } } });
    expect(r.input.orders.map((o) => [o.date, o.customer, o.model, o.qty, o.amountFen])).toEqual([["2025-01-02", "甲", "M1", 12, 1000]]);
  });

  it("imports payments (折让 as an allowance) and skips duplicate master rows", () => {
    const pay = grid("回款", [["日期", "客户名称", "回款金额", "方式"], ["2025-03-05", "甲", "1,000.00元", "转账"], ["2025-03-06", "甲", 50, "折让"]]);
    const cust = grid("客户", [["客户名称", "电话"], ["甲", 13800000000], ["甲 ", 1]]);
    const r = importWorkbook([pay, cust]);
    expect(r.input.payments.map((p) => [p.date, p.customer, p.amountFen, p.allowance])).toEqual([
      ["2025-03-05", "甲", 100000, false],
      ["2025-03-06", "甲", 5000, true],
    ]);
    expect(r.input.customers.map((c) => [c.name, c.phone])).toEqual([["甲", "13800000000"]]);
    expect(kinds(r, "客户")).toEqual(["2:imported", "3:skipped:duplicateMaster"]);
  });
});

describe("importWorkbook: the less common shapes", () => {
  it("reads 万元 amounts, text serial dates, and 合计 inside a note as a note", () => {
    const g = grid("销售", [["日期", "客户", "型号", "数量", "金额（万元）", "备注"], ["45721", "甲", "M1", 1, 1.25, "合计两批发货"], [45722, "甲", "M1", 1, "0.5", null]]);
    const r = importWorkbook([g]);
    expect(kinds(r, "销售")).toEqual(["2:imported", "3:imported"]);
    expect(r.input.orders.map((o) => [o.date, o.amountFen, o.notes])).toEqual([
      ["2025-03-05", 1250000, "合计两批发货"],
      ["2025-03-06", 500000, undefined],
    ]);
  });

  it("skips a lone section label (三月份) in an order sheet, but reads a lone name in a customer list", () => {
    const orders = grid("明细", [["日期", "客户", "型号", "数量", "金额"], ["三月份"], ["2025-03-05", "甲", "M1", 1, 10]]);
    const customers = grid("客户", [["客户名称", "电话"], ["乙"]]);
    const r = importWorkbook([orders, customers]);
    expect([...kinds(r, "明细"), ...kinds(r, "客户")]).toEqual(["2:skipped:note", "3:imported", "2:imported"]);
  });

  it("matches names that differ only by the company ending or a model's dashes, and says so", () => {
    const customers = grid("客户", [["客户名称", "电话"], ["长沙华兴建材有限公司", 1], ["郑州宏达有限公司", 2], ["郑州宏达公司", 3]]);
    const products = grid("产品", [["型号", "单价"], ["HX-100", 10]]);
    const orders = grid("订单", [["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", "长沙华兴建材", "HX100", 1, 10], ["2025-03-06", "长沙华兴建材", "hx 100", 1, 10], ["2025-03-06", "郑州宏达", "HX-100", 1, 10]]);
    const r = importWorkbook([customers, products, orders]);
    expect(r.input.orders.map((o) => `${o.customer}/${o.model}`)).toEqual(["长沙华兴建材有限公司/HX-100", "长沙华兴建材有限公司/HX-100", "郑州宏达/HX-100"]);
    expect(r.warnings.map((w) => `${w.code}:${w.value}`)).toEqual([
      "import.warn.customerMatchedLoosely:长沙华兴建材",
      "import.warn.modelMatchedLoosely:HX100",
      "import.warn.customerAdded:郑州宏达",
    ]);
  });

  it("treats /, —, 无 as empty, and an unreadable price beside an amount as a warning", () => {
    const g = grid("明细", [["日期", "客户", "型号", "数量", "单价", "金额", "折扣"], ["2025-03-05", "甲", "M1", 2, "面议", 300, "/"], ["2025-03-05", "甲", "M1", "—", 10, 20, "无"], ["2025-03-05", "甲", "M1", 2, "面议", "/", null]]);
    const r = importWorkbook([g]);
    expect(kinds(r, "明细")).toEqual(["2:imported", "3:imported", "4:rejected:E/money.notANumber+F/import.missingValue"]);
    expect(r.input.orders.map((o) => [o.qty, o.priceFen, o.amountFen])).toEqual([
      [2, undefined, 30000],
      [2, 1000, 2000],
    ]);
    const first = (r.outcomes["明细"] ?? [])[0];
    expect(first?.kind === "imported" ? first.warnings.map((w) => `${w.code}:${w.severity}`) : []).toEqual(["money.notANumber:warning"]);
  });

  it("reads a one-sheet-per-customer workbook: the customer named in the title", () => {
    const g = grid("华兴", [["客户对账明细"], ["客户：长沙华兴建材有限公司      日期：2025年3月"], ["日期", "型号", "数量", "单价", "金额"], ["3月5日", "HX-1", 2, 10, 20]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]?.reasons.map((x) => x.code)).toContain("import.reason.customerFromTitle");
    expect(r.input.orders.map((o) => [o.date, o.customer, o.amountFen])).toEqual([["2025-03-05", "长沙华兴建材有限公司", 2000]]);
  });

  it("imports an order sheet without a customer column when the user says it is one", () => {
    const g = grid("门店流水", [["日期", "型号", "数量", "金额"], ["2025-03-05", "M1", 1, 10]]);
    expect(importWorkbook([g]).tallies[0]?.role).toBe("other");
    const r = importWorkbook([g], { overrides: { roles: { 门店流水: "orders" } }, noCustomerPlaceholder: "（未注明客户）" });
    // A placeholder is a name like any other: kept as spelled (the 订单 table reads it back the same).
    expect(r.input.orders.map((o) => [o.customer, o.amountFen])).toEqual([["（未注明客户）", 1000]]);
  });

  it("reads returns sheets as return records with positive credits", () => {
    const g = grid("退货登记", [["日期", "客户", "型号", "数量", "金额", "退货原因"], ["2025-03-05", "甲", "M1", -2, -20, "破损"]]);
    const r = importWorkbook([g]);
    expect(r.input.returns).toEqual([{ date: "2025-03-05", customer: "甲", model: "M1", qty: 2, amountFen: 2000, reason: "破损", source: { sheet: "退货登记", row: 2 } }]);
  });
});

describe("importWorkbook: conservation", () => {
  const cell: fc.Arbitrary<RawCell> = fc.oneof(
    fc.constant(null),
    fc.constantFrom("日期", "客户", "型号", "数量", "单价", "金额", "回款金额", "小计", "合计", "制表：张三", "甲", "乙（集团）", "HX-100", "2025.3.5", "3月5日", "2018-02-29", "¥1,234.50", "１２", "abc", "", " "),
    fc.integer({ min: -50, max: 50000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.boolean(),
    fc.constant({ error: "#N/A" }),
  );
  const arbGrid = (name: string): fc.Arbitrary<SheetGrid> =>
    fc
      .record({
        header: fc.boolean(),
        rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 25 }),
        startRow: fc.integer({ min: 0, max: 3 }),
        formulaRow: fc.integer({ min: 0, max: 30 }),
      })
      .map(({ header, rows, startRow, formulaRow }) => {
        const values = header ? [["日期", "客户", "型号", "数量", "单价", "金额"], ...rows] : rows;
        const g = grid(name, values as RawCell[][], { startRow });
        const formulas = g.values.map((r, i) => r.map((_, c) => (i === formulaRow && c === 5 ? "=D2*E2" : null)));
        return { ...g, formulas };
      });

  it("accounts for every data row: imported + rejected + skipped = rows, one outcome per row", () => {
    fc.assert(
      fc.property(fc.array(arbGrid("S"), { minLength: 1, maxLength: 3 }), (grids) => {
        const named = grids.map((g, i) => ({ ...g, name: `S${i}` }));
        const r = importWorkbook(named);
        for (const t of r.tallies) {
          const outcomes = r.outcomes[t.sheet] ?? [];
          const rowsSeen = new Set(outcomes.map((o) => o.row));
          if (t.imported + t.rejected + t.skipped !== t.rows || outcomes.length !== t.rows || rowsSeen.size !== t.rows) return false;
        }
        const imported = r.tallies.reduce((n, t) => n + t.imported, 0);
        return imported === r.input.orders.length + r.input.payments.length + r.input.returns.length + r.input.customers.filter((c) => !c.derived).length + r.input.products.filter((p) => !p.derived).length;
      }),
      { numRuns: 200 },
    );
  });
});

describe("importWorkbook: names a record cannot hold", () => {
  it("rejects a customer name over 255 characters with a reason that says so (a statement title embeds the name); a model that long is not a model: the row is kept under a placeholder, said", () => {
    const long = "华".repeat(300);
    const sheet = grid("3月", [
      ["日期", "客户", "型号", "数量", "金额"],
      [45721, long, "XY-100", 1, 100],
      [45721, "长沙华兴", long, 1, 100],
      [45721, "长沙华兴", "XY-100", 1, 100],
    ]);
    const r = importWorkbook([sheet]);
    expect(kinds(r, "3月")).toEqual(["2:rejected:B/records.tooLong", "3:imported", "4:imported"]);
    const row3 = r.outcomes["3月"]?.[1];
    expect(row3?.kind === "imported" ? row3.warnings.map((w) => `${w.at?.column}/${w.code}/${w.severity}`) : []).toEqual(["C/import.warn.modelPlaceholder/warning", "C/records.tooLong/warning"]);
    expect(r.input.orders.map((o) => o.model)).toEqual(["-", "XY-100"]);
    const report = [buildImportReport(r, "zh-CN"), buildImportReport(r, "en-US")].map((x) => x.rejected.map((j) => j.reasons.join("；")));
    expect(report).toMatchInlineSnapshot(`
[
  [
    "B 列 （客户）：客户过长（300 个字），最多 255 个字",
  ],
  [
    "column B, (客户): customer is too long (300 characters; at most 255)",
  ],
]
`);
    expect(r.input.customers.map((c) => c.name)).toEqual(["长沙华兴"]);
  });
});
