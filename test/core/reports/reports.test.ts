/* eslint-disable no-irregular-whitespace -- the layouts use the ideographic space (U+3000) as Chinese forms do */
import fc from "fast-check";
import { Ledger } from "../../../src/core/ledger";
import { nameKey } from "../../../src/core/text";
import { monthsOfYear, monthRange } from "../../../src/core/periods";
import { addDays, diffDays } from "../../../src/core/dates";
import { dailyReport, monthlyReport, annualReport, agingReport, customerAging, buildReport, checkPeriod, renderSpecText, BUCKET_KEYS, type ReportLedger } from "../../../src/core/reports";
import { smallLedger } from "../../builders/report-fixtures";
import { arbLedgerInput } from "../../builders/ledger-builder";
import { formulaMismatches } from "../../builders/spec-eval";
import type { LedgerInput } from "../../../src/core/schemas/records";

const RUNS = { numRuns: 60 };
// Ledgers over Jan–Apr 2025 (120 days from 2025-01-01).
const arbLedger = arbLedgerInput({ start: "2025-01-01", days: 120, maxOrders: 40 }).map((input) => ({ input, ledger: Ledger.build(input) }));
const arbMonth = fc.constantFrom("2025-01", "2025-02", "2025-03", "2025-04");

/** Independent oracle: Σ non-cancelled order amounts by order date in [from, to], per nameKey(customer). */
function oracleSales(input: LedgerInput, from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of input.orders) {
    if (o.status === "已取消" || o.date < from || o.date > to) continue;
    const k = nameKey(o.customer);
    out.set(k, (out.get(k) ?? 0) + o.amountFen);
  }
  return out;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

test("the Ledger satisfies the reports' view of it", () => {
  const view: ReportLedger = Ledger.build({ customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] });
  expect(view.customerNames()).toEqual([]);
});

describe("monthly report", () => {
  test("Σ customer × model = customer total = grand total = independent sum, to the fen", () => {
    fc.assert(
      fc.property(arbLedger, arbMonth, ({ input, ledger }, month) => {
        const { data, spec } = monthlyReport(ledger, month);
        const { from, to } = monthRange(month);
        const oracle = oracleSales(input, from, to);
        const byCustomer = new Map<string, number>();
        for (const r of data.rows) byCustomer.set(nameKey(r.customer), (byCustomer.get(nameKey(r.customer)) ?? 0) + r.amountFen);
        expect([...byCustomer.entries()].filter(([, v]) => v !== 0).sort()).toEqual([...oracle.entries()].filter(([, v]) => v !== 0).sort());
        expect(sum(data.rows.map((r) => r.amountFen))).toBe(data.totals.amountFen);
        expect(sum(data.customers.map((c) => c.closingFen))).toBe(ledger.totalReceivable(to));
        expect(data.totals.closingFen).toBe(ledger.totalReceivable(to));
        expect(formulaMismatches(spec)).toEqual([]);
      }),
      RUNS,
    );
  });

  test("Σ days of a month = the month (daily totals and the last day's month-to-date)", () => {
    fc.assert(
      fc.property(arbLedger, arbMonth, ({ ledger }, month) => {
        const { from, to } = monthRange(month);
        const monthly = monthlyReport(ledger, month).data;
        let days = 0;
        let qty = 0;
        for (let d = from; d <= to; d = addDays(d, 1)) {
          const daily = dailyReport(ledger, d).data;
          days += daily.totals.amountFen;
          qty += daily.totals.qty;
          expect(sum(daily.rows.map((r) => r.amountFen))).toBe(daily.totals.amountFen);
          expect(sum(daily.rows.map((r) => r.mtdAmountFen))).toBe(daily.totals.mtdAmountFen);
        }
        expect(days).toBe(monthly.totals.amountFen);
        expect(qty).toBe(monthly.totals.qty);
        expect(dailyReport(ledger, to).data.totals.mtdAmountFen).toBe(monthly.totals.amountFen);
      }),
      { numRuns: 15 },
    );
  });
});

describe("annual report", () => {
  test("Σ months = year; each month = the monthly report; collections likewise", () => {
    fc.assert(
      fc.property(arbLedger, ({ ledger }) => {
        const { data, spec } = annualReport(ledger, "2025");
        const months = monthsOfYear("2025");
        for (const r of data.rows) {
          expect(sum(months.map((m) => r.months[m] ?? 0))).toBe(r.amountFen);
          expect(sum(months.map((m) => r.collectedMonths[m] ?? 0))).toBe(r.collectedFen);
        }
        let year = 0;
        let collected = 0;
        for (const m of months) {
          const monthly = monthlyReport(ledger, m).data;
          expect(data.totals.months[m]).toBe(monthly.totals.amountFen);
          expect(data.totals.collectedMonths[m]).toBe(monthly.totals.collectedFen);
          year += monthly.totals.amountFen;
          collected += monthly.totals.collectedFen;
        }
        expect(data.totals.amountFen).toBe(year);
        expect(data.totals.collectedFen).toBe(collected);
        expect(sum(data.rows.map((r) => r.amountFen))).toBe(year);
        expect(formulaMismatches(spec)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("aging report", () => {
  test("buckets sum to each balance; Σ balances = total receivable; no negative bucket for a positive balance", () => {
    fc.assert(
      fc.property(arbLedger, fc.integer({ min: 0, max: 200 }), ({ ledger }, n) => {
        const asOf = addDays("2025-01-01", n);
        const { data, spec } = agingReport(ledger, asOf);
        for (const r of data.rows) {
          expect(sum(BUCKET_KEYS.map((k) => r.buckets[k]))).toBe(r.balanceFen);
          expect(r.balanceFen).toBe(ledger.balance(r.customer, asOf));
          // The report's one-pass columns and the per-customer movements path agree.
          expect(customerAging(ledger, r.customer, asOf)).toEqual({ balanceFen: r.balanceFen, buckets: r.buckets });
          if (r.balanceFen > 0) for (const k of BUCKET_KEYS) expect(r.buckets[k]).toBeGreaterThanOrEqual(0);
        }
        expect(data.totals.balanceFen).toBe(ledger.totalReceivable(asOf));
        expect(sum(BUCKET_KEYS.map((k) => data.totals.buckets[k]))).toBe(data.totals.balanceFen);
        expect(formulaMismatches(spec)).toEqual([]);
      }),
      RUNS,
    );
  });

  test("FIFO agrees with a naive oracle: debts in date order, credits consume the oldest first", () => {
    fc.assert(
      fc.property(arbLedger, fc.integer({ min: 0, max: 200 }), ({ ledger }, n) => {
        const asOf = addDays("2025-01-01", n);
        for (const r of agingReport(ledger, asOf).data.rows) {
          if (r.balanceFen <= 0) continue;
          const moves = ledger.movements(r.customer, undefined, asOf);
          const opening = ledger.openingOf(r.customer);
          const debts: { date: string; fen: number }[] = moves.filter((m) => m.amountFen > 0).map((m) => ({ date: m.date, fen: m.amountFen }));
          let credits = -sum(moves.filter((m) => m.amountFen < 0).map((m) => m.amountFen));
          if (opening.date === undefined || asOf >= opening.date) {
            if (opening.amountFen > 0) debts.push({ date: opening.date ?? moves[0]?.date ?? asOf, fen: opening.amountFen });
            else credits -= opening.amountFen;
          }
          debts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
          const expected: Record<string, number> = { current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 0 };
          for (const d of debts) {
            const used = Math.min(d.fen, credits);
            credits -= used;
            const late = diffDays(asOf, d.date) - r.paymentDays;
            const key = late <= 0 ? "current" : late <= 30 ? "1-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : late <= 120 ? "91-120" : "120+";
            expected[key] = (expected[key] ?? 0) + d.fen - used;
          }
          expect(r.buckets).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  test("FIFO: payments settle the oldest debts first; due = ship date + payment days", () => {
    const ledger = Ledger.build({
      customers: [{ name: "甲", terms: "月结", openingBalanceFen: 0, derived: false }, { name: "乙", paymentDays: 10, openingBalanceFen: 50000, openingDate: "2024-12-31", derived: false }],
      products: [],
      orders: [
        { date: "2025-01-05", customer: "甲", model: "A", qty: 1, amountFen: 100000, status: "已发货", shipDate: "2025-01-10" }, // due 02-09 → 141 days at 06-30
        { date: "2025-04-01", customer: "甲", model: "A", qty: 1, amountFen: 200000, status: "已发货" }, // due 05-01 → 60 days
        { date: "2025-06-20", customer: "甲", model: "A", qty: 1, amountFen: 300000, status: "已确认" }, // due 07-20 → current
        { date: "2025-06-01", customer: "甲", model: "A", qty: 1, amountFen: 999900, status: "已取消" },
        { date: "2025-06-25", customer: "乙", model: "A", qty: 1, amountFen: 10000, status: "已确认" }, // due 07-05 → current
      ],
      payments: [{ date: "2025-06-28", customer: "甲", amountFen: 150000, allowance: false }],
      returns: [],
      confirmations: [],
    });
    const { data } = agingReport(ledger, "2025-06-30");
    expect(data.rows).toEqual([
      { customer: "甲", paymentDays: 30, balanceFen: 450000, buckets: { current: 300000, "1-30": 0, "31-60": 150000, "61-90": 0, "91-120": 0, "120+": 0 } },
      // Opening 500.00 stands at 2024-12-31, due 2025-01-10: 171 days past due.
      { customer: "乙", paymentDays: 10, balanceFen: 60000, buckets: { current: 10000, "1-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 50000 } },
    ]);
  });

  test("a credit balance goes to 未到期 with a note", () => {
    const ledger = Ledger.build({
      customers: [{ name: "丙", openingBalanceFen: 0, derived: false }],
      products: [],
      orders: [{ date: "2025-01-05", customer: "丙", model: "A", qty: 1, amountFen: 10000, status: "已发货" }],
      payments: [{ date: "2025-01-06", customer: "丙", amountFen: 30000, allowance: false }],
      returns: [],
      confirmations: [],
    });
    const { data, spec } = agingReport(ledger, "2025-06-30");
    expect(data.rows[0]?.buckets).toEqual({ current: -20000, "1-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 0 });
    expect(spec.rows.at(-1)).toEqual(["丙 余额为负（预收或多付 200.00 元），全额列入「未到期」。"]);
  });
});

describe("buildReport", () => {
  test("checks the period for its kind", () => {
    expect(checkPeriod("monthly", "2025-3").ok).toBe(false);
    expect(checkPeriod("daily", "2025-02-29").ok).toBe(false);
    expect(checkPeriod("annual", "2025").ok).toBe(true);
    const ledger = Ledger.build({ customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] });
    expect(buildReport(ledger, "aging", "2025-13-01")).toEqual({ ok: false, issues: [{ code: "reports.badPeriod", value: "2025-13-01", params: { kind: "aging" } }] });
    const r = buildReport(ledger, "daily", "2025-03-05");
    expect(r.ok && r.value.spec.name).toBe("日报 2025-03-05");
  });

  test("every report states its date basis and prints A4 fit to width with a repeated header row", () => {
    const ledger = Ledger.build({ customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] });
    for (const [kind, period, basis] of [["daily", "2025-03-05", "订单日期"], ["monthly", "2025-03", "订单日期"], ["annual", "2025", "订单日期"], ["aging", "2025-03-31", "发货日期"]] as const) {
      const r = buildReport(ledger, kind, period);
      if (!r.ok) throw new Error("failed");
      const text = r.value.spec.rows.flat().filter((c) => typeof c === "string").join("\n");
      expect(text).toContain("口径");
      expect(text).toContain(basis);
      expect(r.value.spec.print).toMatchObject({ paperSize: "A4", fitToWidth: true });
      expect(r.value.spec.print.repeatRows).toBeDefined();
      expect(r.value.spec.freeze?.rows).toBeGreaterThan(0);
    }
  });
});

describe("layout snapshots", () => {
  test("a small monthly report (text rendering)", () => {
    const { spec, data } = monthlyReport(smallLedger(), "2025-03", { today: "2025-04-01" });
    expect(spec.name).toBe("月报 2025-03");
    expect(data.totals).toEqual({ qty: 50, amountFen: 417300, salesFen: 429300, returnsFen: 18600, allowanceFen: 5000, collectedFen: 1050000, closingFen: 555700 });
    expect(renderSpecText(spec).join("\n")).toMatchInlineSnapshot(`
"销售月报
月份：2025-03（2025-03-01 至 2025-03-31）
口径：销售、退货按订单日期（单独登记的退货按退货日期）统计，已取消的订单行不计；回款、折让按回款日期；期末应收按发货日期（无发货日期按订单日期），截至 2025-03-31。
制表日期：2025-04-01　金额单位：元
一、销售明细（按客户、型号）
客户 | 型号 | 数量 | 金额（元）
长沙华兴商贸有限公司 | XY-100 | 14 | 1,680.00
长沙华兴商贸有限公司 | XY-200 | 4 | 1,002.00
长沙华兴商贸有限公司 小计 |  | 18 | 2,682.00
郑州宏达（集团） | XY-200 | 2 | 501.00
郑州宏达（集团） | ZK-5 | 30 | 990.00
郑州宏达（集团） 小计 |  | 32 | 1,491.00
合计 |  | 50 | 4,173.00

二、客户汇总
客户 | 销售额（元） | 退货（元） | 折让（元） | 回款（元） | 期末应收（元）
长沙华兴商贸有限公司 | 2,802.00 | 120.00 | 50.00 | 10,000.00 | 4,632.00
郑州宏达（集团） | 1,491.00 | 66.00 | 0.00 | 500.00 | 925.00
合计 | 4,293.00 | 186.00 | 50.00 | 10,500.00 | 5,557.00"
`);
  });

  test("a small daily report (text rendering)", () => {
    expect(renderSpecText(dailyReport(smallLedger(), "2025-03-05").spec).join("\n")).toMatchInlineSnapshot(`
"销售日报
日期：2025-03-05（星期三）　本月累计：2025-03-01 至 2025-03-05
口径：销售按订单日期统计，已取消的订单行不计；回款按回款日期，按回款账户/仓库（未填时按客户所属仓库、区域）分组。
金额单位：元
一、销售（按客户、型号）
客户 | 型号 | 当日数量 | 当日金额（元） | 本月累计数量 | 本月累计金额（元）
长沙华兴商贸有限公司 | XY-100 | 0 | 0.00 | 10 | 1,200.00
长沙华兴商贸有限公司 | XY-200 | 0 | 0.00 | 4 | 1,002.00
长沙华兴商贸有限公司 小计 |  | 0 | 0.00 | 14 | 2,202.00
郑州宏达（集团） | ZK-5 | 30 | 990.00 | 30 | 990.00
郑州宏达（集团） 小计 |  | 30 | 990.00 | 30 | 990.00
合计 |  | 30 | 990.00 | 44 | 3,192.00

二、当日回款（按区域/仓库、客户）
区域/仓库 | 客户 | 回款金额（元）
长沙库 | 长沙华兴商贸有限公司 | 10,000.00
长沙库 小计 |  | 10,000.00
合计 |  | 10,000.00"
`);
  });
});
