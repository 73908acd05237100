/**
 * Row semantics of the import (issue 15, classes 3, 4, 9): signs and statuses follow stated rules,
 * only essential fields reject a row, and names keep the clerk's spelling while matching across
 * variants.
 */
import fc from "fast-check";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { buildImportReport, describeCellIssue } from "../../../src/core/import/report";
import { lineSign } from "../../../src/core/import/line-sign";
import { readStatus } from "../../../src/core/import/order-status";
import { isEssentialField } from "../../../src/core/import/essential-fields";
import { parseDiscount } from "../../../src/core/import/cells";
import type { RawCell, RowOutcome } from "../../../src/core/import/types";
import { Ledger } from "../../../src/core/ledger";
import { statement } from "../../../src/core/statement/statement";
import { monthlyReport } from "../../../src/core/reports/monthly";
import { LEDGER_TABLES, orderToRow, customerToRow, rowToRecord } from "../../../src/core/ledger-tables";
import type { Issue } from "../../../src/core/result";
import { grid } from "./grid";

const company = { name: "某某公司" };
const outcome = (r: ReturnType<typeof importWorkbook>, sheet: string, row: number): RowOutcome | undefined => r.outcomes[sheet]?.find((o) => o.row === row);
const warningsOf = (o: RowOutcome | undefined): readonly Issue[] => (o?.kind === "imported" ? o.warnings : []);
/** A warning as `column/code/value`, where it points. */
const where = (w: Issue): string => `${w.at?.sheet}!${w.at?.column ?? ""}${w.at?.row ?? ""}/${w.code}/${w.value ?? ""}`;

describe("signs: a credit stays a credit", () => {
  const sheet = grid("出货明细", [
    ["日期", "客户", "型号", "数量", "单价", "金额"],
    ["2025-03-05", "长沙华兴", "HX-100", 10, 100, 1000],
    ["2025-03-06", "长沙华兴", "HX-100", 10, -5, -50], // a price adjustment on the 10 pieces above
    ["2025-03-07", "长沙华兴", "HX-100", 0, null, -30], // an allowance with no goods
    ["2025-03-08", "长沙华兴", "HX-100", -2, 100, -200], // a return
    ["2025-03-09", "长沙华兴", "HX-100", -1, 100, 100], // a return typed with a positive amount
  ]);
  const r = importWorkbook([sheet]);

  it("keeps a negative amount with a quantity that is not negative negative, and says so on the row", () => {
    expect(r.input.orders.map((o) => [o.qty, o.amountFen])).toEqual([
      [10, 100000],
      [10, -5000],
      [0, -3000],
      [-2, -20000],
      [-1, -10000],
    ]);
    expect(warningsOf(outcome(r, "出货明细", 3)).map(where)).toEqual(["出货明细!F3/import.warn.creditLine/-50"]);
    expect(warningsOf(outcome(r, "出货明细", 4)).map(where)).toEqual(["出货明细!F4/import.warn.creditLine/-30"]);
    expect(warningsOf(outcome(r, "出货明细", 5))).toEqual([]);
    expect(warningsOf(outcome(r, "出货明细", 6)).map(where)).toEqual(["出货明细!F6/import.warn.signMismatch/100"]);
    const w = warningsOf(outcome(r, "出货明细", 3))[0]!;
    expect(w.at).toEqual({ sheet: "出货明细", row: 3, column: "F", header: "金额", field: "amount" });
    expect([describeCellIssue(w, "zh-CN"), describeCellIssue(w, "en-US")]).toMatchInlineSnapshot(`
[
  "F 列 （金额）：数量 10、金额 -50：金额为负而数量不为负，按贷项（折让 / 价格调整）导入，冲减应收，不算销售",
  "column F, (金额): Quantity 10, amount -50: a negative amount with a quantity that is not negative is imported as a credit (allowance / price adjustment): it lowers the receivable and is not a sale",
]
`);
  });

  it("lists such a line as an allowance (折让) in the statement and the monthly report, a return as a return", () => {
    const ledger = Ledger.build(r.input);
    const st = statement(ledger, "长沙华兴", "2025-03-01", "2025-03-31", { company });
    if (!st.ok) throw new Error("no statement");
    expect(st.value.data.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ["sale", 100000],
      ["allowance", -5000],
      ["allowance", -3000],
      ["return", -20000],
      ["return", -10000],
    ]);
    expect(st.value.data.closingFen).toBe(100000 - 5000 - 3000 - 20000 - 10000);
    const m = monthlyReport(ledger, "2025-03").data.customers[0];
    expect([m?.salesFen, m?.returnsFen, m?.allowanceFen]).toEqual([100000, 30000, 8000]);
  });

  it("a sheet without a quantity column: a negative amount is a return of one lot, never a sale", () => {
    const g = grid("流水", [
      ["日期", "客户", "金额"],
      ["2025-03-05", "甲", 500],
      ["2025-03-06", "甲", -80],
    ]);
    const x = importWorkbook([g]);
    expect(x.input.orders.map((o) => [o.qty, o.amountFen])).toEqual([
      [1, 50000],
      [-1, -8000],
    ]);
    expect(warningsOf(outcome(x, "流水", 3))).toEqual([]);
  });

  it("property: the sign rule never makes a negative amount positive unless the quantity is negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), (qty, fen, hasQty) => {
        const s = lineSign(qty, fen, hasQty);
        if (fen < 0 && qty >= 0) return s.amountFen === fen && (hasQty ? s.reading === "credit" && s.warning === "import.warn.creditLine" : s.reading === "return");
        if (qty < 0) return s.amountFen === -Math.abs(fen) && s.reading === "return";
        return s.amountFen === fen && s.reading === "sale" && s.warning === undefined;
      }),
    );
  });
});

describe("statuses: void lines are kept as 已取消, counted nowhere", () => {
  const sheet = grid("订单", [
    ["日期", "客户", "型号", "数量", "金额", "状态", "备注"],
    ["2025-03-05", "甲", "A", 1, 100, "已发货", null],
    ["2025-03-05", "甲", "A", 1, 200, "作废", null],
    ["2025-03-05", "甲", "A", 1, 300, "Cancelled", null],
    ["2025-03-05", "甲", "A", 1, 400, "待定", null],
    ["2025-03-05", "甲", "A", 1, 500, null, "已作废"],
    ["2025-03-05", "甲", "A", 1, 600, "未发货", null],
    ["2025-03-05", "甲", "A", 1, 700, "已关闭", null],
    ["2025-03-05", "甲", "A", 1, 800, "已关闭", null],
    ["2025-03-05", "甲", "A", -1, -900, "红冲", null],
  ]);
  const r = importWorkbook([sheet]);

  it("imports every row; void ones as 已取消 with a warning at the cell; unknown statuses kept and said", () => {
    expect(r.tallies[0]).toMatchObject({ rows: 9, imported: 9, rejected: 0, skipped: 0 });
    expect(r.input.orders.map((o) => `${o.amountFen / 100}:${o.status}`)).toEqual(["100:已发货", "200:已取消", "300:已取消", "400:已确认", "500:已取消", "600:已确认", "700:已确认", "800:已确认", "-900:已确认"]);
    expect([3, 4, 5, 6].map((row) => warningsOf(outcome(r, "订单", row)).map(where))).toEqual([["订单!F3/import.warn.voidLine/作废"], ["订单!F4/import.warn.voidLine/Cancelled"], ["订单!F5/import.warn.unknownStatus/待定"], ["订单!G6/import.warn.voidLine/已作废"]]);
    // 关闭 and 红冲 lines stand; said once per sheet and word, with the count.
    expect(r.warnings.filter((w) => /closedLines|reversalLines/.test(w.code)).map((w) => `${w.code}:${w.value}:${w.params?.count}`)).toEqual(["import.warn.closedLines:已关闭:2", "import.warn.reversalLines:红冲:1"]);
  });

  it("the receivable, the statement and the import summary leave 已取消 out", () => {
    const ledger = Ledger.build(r.input);
    expect(ledger.balance("甲", "2025-12-31")).toBe((100 + 400 + 600 + 700 + 800 - 900) * 100);
    const summary = buildImportReport(r).ledger.orders;
    expect([summary.lines, summary.cancelledLines, summary.amountFen]).toEqual([6, 3, (100 + 400 + 600 + 700 + 800 - 900) * 100]);
  });

  it("a void payment row is skipped with the reason (a payment has no status to keep)", () => {
    const pay = grid("回款", [
      ["日期", "客户", "回款金额", "状态"],
      ["2025-03-05", "甲", 100, "正常"],
      ["2025-03-06", "甲", 200, "已撤销"],
    ]);
    const x = importWorkbook([pay], { overrides: { roles: { 回款: "payments" } } });
    expect(x.input.payments.map((p) => p.amountFen)).toEqual([10000]);
    expect(outcome(x, "回款", 3)).toEqual({ kind: "skipped", row: 3, reason: { code: "import.skip.voidRow", at: { sheet: "回款", row: 3, column: "D", header: "状态", field: "status" }, value: "已撤销" } });
  });

  it("reads the status words clerks and ERPs write", () => {
    const read = (s: string): string => {
      const x = readStatus(s);
      return x.kind === "status" ? x.status : x.kind;
    };
    expect(["作废", "已作废", "取消", "已取消", "撤销", "已删除", "void", "Voided", "CANCELED", "cancelled", "deleted", "无效"].map(read).every((k) => k === "void")).toBe(true);
    expect(["红冲", "已红冲", "冲销", "Reversed"].map(read).every((k) => k === "reversal")).toBe(true);
    expect(["关闭", "已关闭", "结案", "已完成", "Closed", "Completed"].map(read).every((k) => k === "closed")).toBe(true);
    expect(["未发货", "待发货", "部分发货", "已出库", "未签收", "已签收", "Delivered", "Shipped", "待审核", "审核中", "已审核", "未取消", "新建"].map(read)).toEqual(["已确认", "已确认", "已发货", "已发货", "已发货", "已签收", "已签收", "已发货", "已接单", "已接单", "已确认", "已确认", "已接单"]);
    expect(read("看情况")).toBe("unknown");
  });
});

describe("only essential fields reject a row", () => {
  it("a Discount of 0 is no discount; an unreadable discount beside an amount is a warning", () => {
    expect([parseDiscount(0), parseDiscount("0%"), parseDiscount("0")]).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 1 },
      { ok: true, value: 1 },
    ]);
    const g = grid("Orders", [
      ["Order Date", "Customer", "Item Code", "Qty", "Unit Price", "Discount", "Amount"],
      ["2025-03-05", "Acme Ltd", "X-1", 2, 50, 0, 100],
      ["2025-03-05", "Acme Ltd", "X-1", 2, 50, "VIP", 100],
      ["2025-03-05", "Acme Ltd", "X-1", 2, 50, "VIP", null],
    ]);
    const r = importWorkbook([g]);
    expect(r.outcomes.Orders?.map((o) => o.kind)).toEqual(["imported", "imported", "rejected"]);
    expect(r.input.orders.map((o) => [o.amountFen, o.discount])).toEqual([
      [10000, undefined],
      [10000, undefined],
    ]);
    expect(warningsOf(outcome(r, "Orders", 3)).map(where)).toEqual(["Orders!F3/import.badDiscount/VIP"]);
    // Without an amount the discount is needed to compute it: then it rejects, at the cell.
    const rej = outcome(r, "Orders", 4);
    expect(rej?.kind === "rejected" ? rej.issues.map(where) : []).toEqual(["Orders!F4/import.badDiscount/VIP"]);
  });

  it("reads a discount the way the row's arithmetic supports: rate paid, share off, or money off — said when not the rate paid", () => {
    const g = grid("Orders", [
      ["Date", "Customer", "Item", "Qty", "Price", "Discount", "Amount"],
      ["2025-03-05", "Acme", "X-1", 10, 10, 0.9, 90], // 九折: rate paid
      ["2025-03-05", "Acme", "X-1", 10, 10, 0.1, 90], // 10 % off
      ["2025-03-05", "Acme", "X-1", 10, 10, "10%", 90],
      ["2025-03-05", "Acme", "X-1", 10, 10, 10, 90], // 10 (percent) off
      ["2025-03-05", "Acme", "X-1", 20, 10, 5, 195], // 5.00 off the line
      ["2025-03-05", "Acme", "X-1", 10, 10, 0.5, 70], // fits no reading: kept as read, the mismatch said
    ]);
    const r = importWorkbook([g]);
    expect(r.input.orders.map((o) => [o.amountFen, o.discount])).toEqual([
      [9000, 0.9],
      [9000, 0.9],
      [9000, 0.9],
      [9000, 0.9],
      [19500, 0.975],
      [7000, 0.5],
    ]);
    expect([2, 3, 4, 5, 6, 7].map((row) => warningsOf(outcome(r, "Orders", row)).map((w) => w.code))).toEqual([[], ["import.warn.discountOff"], ["import.warn.discountOff"], ["import.warn.discountOff"], ["import.warn.discountMoney"], ["import.warn.amountMismatch"]]);
  });

  it("a blank or 无 规格 takes the part number (料件编号), else the product name, else a placeholder — each said", () => {
    const g = grid("出货", [
      ["出货日期", "客户", "料件编号", "品名", "规格", "数量", "金额"],
      ["2025-03-05", "甲", "P-1001", "电机", "Y2-90", 1, 100],
      ["2025-03-05", "甲", "P-1002", "水泵", "无", 1, 100],
      ["2025-03-05", "甲", null, "阀门", null, 1, 100],
      ["2025-03-05", "甲", null, null, "", 1, 100],
    ]);
    const r = importWorkbook([g], { noModelPlaceholder: "（未注明型号）" });
    expect(r.tallies[0]).toMatchObject({ imported: 4, rejected: 0 });
    expect(r.input.orders.map((o) => o.model)).toEqual(["Y2-90", "P-1002", "阀门", "（未注明型号）"]);
    expect([3, 4, 5].map((row) => warningsOf(outcome(r, "出货", row)).map(where))).toEqual([["出货!C3/import.warn.modelFromColumn/P-1002"], ["出货!D4/import.warn.modelFromName/阀门"], ["出货!E5/import.warn.modelPlaceholder/（未注明型号）"]]);
  });

  it("a blank quantity beside an amount keeps the line (0 pieces), said; without an amount it rejects", () => {
    const g = grid("3月", [
      ["日期", "客户", "型号", "数量", "金额"],
      ["2025-03-05", "甲", "A", null, 100],
      ["2025-03-05", "甲", "A", null, null],
    ]);
    const r = importWorkbook([g]);
    expect(r.input.orders.map((o) => [o.qty, o.amountFen])).toEqual([[0, 10000]]);
    expect(warningsOf(outcome(r, "3月", 2)).map(where)).toEqual(["3月!D2/import.warn.qtyMissing/"]);
    expect(outcome(r, "3月", 3)?.kind).toBe("rejected");
  });

  const orderHeaders = ["日期", "客户", "型号", "数量", "单价", "金额", "仓库", "发货日期", "状态", "订单号", "备注", "承运商", "区域"];
  const good: RawCell[] = ["2025-03-05", "甲", "A", 2, 50, 100, "长沙库", "2025-03-06", "已发货", "SO-1", "加急", "顺丰", "华中"];

  it("property: an unreadable cell in any non-essential column keeps the row, with a warning at that cell", () => {
    // Columns E (单价) onwards, except F (金额).
    const optional = orderHeaders.map((_, i) => i).filter((i) => i >= 4 && i !== 5);
    fc.assert(
      fc.property(fc.subarray(optional, { minLength: 1 }), fc.constantFrom<RawCell>({ error: "#N/A" }, { error: "#VALUE!" }, "2025-02-30"), (cols, bad) => {
        const row = good.map((v, i) => (cols.includes(i) ? (i === 4 || i === 7 ? (typeof bad === "string" ? "见合同" : bad) : bad) : v));
        // A bad text date in a text column is just text; only the price and ship date read it.
        const r = importWorkbook([grid("3月", [orderHeaders, row])]);
        const o = outcome(r, "3月", 2);
        if (o?.kind !== "imported") return false;
        const expectWarn = cols.filter((c) => typeof row[c] === "object" || c === 4 || c === 7);
        const warned = new Set(o.warnings.map((w) => w.at?.column));
        return r.input.orders.length === 1 && r.input.orders[0]?.amountFen === 10000 && expectWarn.every((c) => warned.has(String.fromCharCode(65 + c)));
      }),
      { numRuns: 60 },
    );
  });

  it("an unreadable essential cell rejects: date, customer, amount", () => {
    for (const c of [0, 1, 5]) {
      const row = good.map((v, i) => (i === c ? { error: "#N/A" } : v));
      const r = importWorkbook([grid("3月", [orderHeaders, row])]);
      const o = outcome(r, "3月", 2);
      expect(o?.kind === "rejected" ? o.issues.map((i) => i.at?.column) : o?.kind).toEqual([String.fromCharCode(65 + c)]);
    }
  });

  it("a master's non-essential cell never costs the customer or the product", () => {
    const customers = grid("客户", [
      ["客户名称", "信用额度", "期初日期", "电话"],
      ["甲", "很多", "2025-02-30", { error: "#REF!" }],
    ]);
    const products = grid("产品", [
      ["型号", "品名", "单价"],
      ["A", "电机", -5],
    ]);
    const r = importWorkbook([customers, products]);
    expect(r.input.customers.map((c) => [c.name, c.creditLimitFen, c.openingDate, c.phone])).toEqual([["甲", undefined, undefined, undefined]]);
    expect(warningsOf(outcome(r, "客户", 2)).map((w) => `${w.at?.column}/${w.code}`).sort()).toEqual(["B/money.notANumber", "C/date.impossible", "D/import.cellError"]);
    expect(r.input.products.map((p) => [p.model, p.priceFen])).toEqual([["A", undefined]]);
    expect(warningsOf(outcome(r, "产品", 2)).map((w) => `${w.at?.column}/${w.code}`)).toEqual(["C/import.negativePrice"]);
  });

  it("the essential fields, per role", () => {
    expect((["date", "customer", "amount", "qty", "discount", "price", "model", "shipDate", "warehouse", "phone"] as const).filter((f) => isEssentialField("orders", f))).toEqual(["date", "customer", "amount", "qty"]);
    expect((["date", "customer", "amount", "method", "ref"] as const).filter((f) => isEssentialField("payments", f))).toEqual(["date", "customer", "amount"]);
    expect((["customer", "creditLimit", "openingBalance", "terms"] as const).filter((f) => isEssentialField("customers", f))).toEqual(["customer"]);
  });
});

describe("names keep their spelling, and match across variants", () => {
  const legal = "赛卓电子科技（上海）股份有限公司";
  const half = "赛卓电子科技(上海)股份有限公司";

  it("stores and prints the master's spelling; half-width orders still belong to it", () => {
    const customers = grid("客户档案", [
      ["客户名称", "结算方式"],
      [legal, "月结"],
    ]);
    const orders = grid("订单", [
      ["日期", "客户", "型号", "数量", "金额"],
      ["2025-03-05", half, "Ａ－１", 1, 100],
      ["2025-03-06", ` 赛卓电子科技 (上海) 股份有限公司 `, "A-1", 1, 200],
    ]);
    const r = importWorkbook([orders, customers]);
    expect(r.input.customers.map((c) => c.name)).toEqual([legal]);
    expect(r.input.orders.map((o) => o.customer)).toEqual([legal, legal]);
    // An order typed later with half-width brackets: the same customer.
    const later = { ...r.input.orders[0]!, customer: half, date: "2025-03-07", amountFen: 300_00, source: undefined };
    const ledger = Ledger.build({ ...r.input, orders: [...r.input.orders, later] });
    expect(ledger.balance(legal, "2025-03-31")).toBe(600_00);
    const st = statement(ledger, half, "2025-03-01", "2025-03-31", { company });
    if (!st.ok) throw new Error("no statement");
    expect(st.value.data.customer).toBe(legal);
    expect(st.value.data.lines.map((l) => l.amountFen)).toEqual([100_00, 200_00, 300_00]);
    const text = JSON.stringify(st.value.spec);
    expect(text).toContain(legal);
    expect(text).not.toContain(half);
    expect(monthlyReport(ledger, "2025-03").data.customers.map((c) => c.customer)).toEqual([legal]);
  });

  it("without a master, keeps the first spelling seen in the transactions", () => {
    const orders = grid("订单", [
      ["日期", "客户", "型号", "数量", "金额"],
      ["2025-03-05", legal, "ＡＢ（大）", 1, 100],
      ["2025-03-06", half, "AB(大)", 1, 200],
    ]);
    const r = importWorkbook([orders]);
    expect(r.input.customers.map((c) => c.name)).toEqual([legal]);
    expect(r.input.orders.map((o) => [o.customer, o.model])).toEqual([
      [legal, "ＡＢ（大）"],
      [legal, "ＡＢ（大）"],
    ]);
  });

  it("the converted ledger reads the spelling back unchanged", () => {
    const r = importWorkbook([grid("订单", [["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", legal, "X（大）", 1, 100]])]);
    const headers = (kind: "orders" | "customers"): string[] => LEDGER_TABLES[kind].columns.map((c) => c.header);
    const cells = (row: readonly unknown[]): RawCell[] => row.map((v) => (v !== null && typeof v === "object" && "date" in v ? 45721 : (v as RawCell)));
    const back = rowToRecord("orders", headers("orders"), cells(orderToRow(r.input.orders[0]!)), { sheet: "订单", row: 2 });
    expect(back.ok && [back.value.customer, back.value.model]).toEqual([legal, "X（大）"]);
    const cust = rowToRecord("customers", headers("customers"), cells(customerToRow(r.input.customers[0]!)), { sheet: "客户", row: 2 });
    expect(cust.ok && cust.value.name).toBe(legal);
  });
});

describe("a cell read twice is said once", () => {
  it("a payment's unreadable note (read for a void mark, then for the record) is one warning", () => {
    const pay = grid("回款", [
      ["日期", "客户", "回款金额", "状态", "备注"],
      ["2025-03-05", "甲", 100, { error: "#N/A" }, { error: "#N/A" }],
    ]);
    const r = importWorkbook([pay], { overrides: { roles: { 回款: "payments" } } });
    expect(warningsOf(outcome(r, "回款", 2)).map((w) => `${w.at?.column}/${w.code}`)).toEqual(["D/import.cellError", "E/import.cellError"]);
    expect(r.input.payments.map((p) => p.amountFen)).toEqual([10000]);
  });
});
