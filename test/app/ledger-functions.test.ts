import fc from "fast-check";
import { Ledger } from "../../src/core/ledger";
import { t } from "../../src/core/i18n";
import { isoToExcelSerial } from "../../src/core/dates";
import { customerAging } from "../../src/core/reports/aging";
import { BUCKET_KEYS, type AgingReportData, type MonthlyReportData } from "../../src/core/reports/types";
import { buildReport } from "../../src/core/reports";
import type { Result } from "../../src/core/result";
import * as L from "../../src/app/ledger-functions";
import { aCustomer, anOrder, aPayment, aReturn, arbLedgerInput, isoPlus, ledgerInput } from "../builders/ledger-builder";

/** A small ledger with every case the functions distinguish. */
const input = ledgerInput({
  customers: [
    aCustomer({ name: "长沙华兴商贸", code: "C001", paymentDays: 30, openingBalanceFen: 100_000, openingDate: "2024-12-31" }),
    aCustomer({ name: "郑州宏达（集团）", code: "C002", terms: "月结" }),
    aCustomer({ name: "西安秦川电器" }),
  ],
  orders: [
    anOrder({ orderNo: "SO-1", customer: "长沙华兴商贸", date: "2025-01-10", model: "XY-100", qty: 10, priceFen: 12_345, status: "已签收", shipDate: "2025-01-12" }),
    anOrder({ orderNo: "SO-1", customer: "长沙华兴商贸", date: "2025-01-10", model: "XY-200", qty: 2, priceFen: 50_000, status: "已发货", shipDate: "2025-01-12" }),
    anOrder({ orderNo: "SO-2", customer: "长沙华兴 商贸", date: "2025-02-03", model: "xy-100", qty: 5, priceFen: 12_345, status: "已确认" }),
    anOrder({ orderNo: "SO-3", customer: "长沙华兴商贸", date: "2025-02-20", model: "XY-100", qty: 99, priceFen: 12_345, status: "已取消" }),
    anOrder({ orderNo: "SO-4", customer: "长沙华兴商贸", date: "2025-03-01", model: "XY-100", qty: -1, priceFen: 12_345, status: "已签收" }),
    anOrder({ orderNo: "SO-5", customer: "郑州宏达(集团)", date: "2025-02-15", model: "ZK-5", qty: 3, priceFen: 100_000, status: "已发货", shipDate: "2025-02-16" }),
    anOrder({ orderNo: "SO-6", customer: "西安秦川电器", date: "2025-03-02", model: "ZK-5", qty: 1, priceFen: 70_000, status: "已取消" }),
  ],
  payments: [
    aPayment({ customer: "长沙华兴商贸", date: "2025-01-20", amountFen: 100_000 }),
    aPayment({ customer: "长沙华兴商贸", date: "2025-02-25", amountFen: 5_000, allowance: true }),
    aPayment({ customer: "郑州宏达（集团）", date: "2025-03-05", amountFen: 150_000 }),
  ],
  returns: [aReturn({ customer: "郑州宏达（集团）", date: "2025-03-06", amountFen: 10_000, model: "ZK-5", qty: 0.1 })],
});
const ledger = Ledger.build(input);
const index = L.FunctionIndex.build(ledger);
const TODAY = "2025-03-31";

/** The value of an ok result (fails the test with the issue otherwise). */
function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

/** The error of a failed result as the cell would show it: Excel error kind and zh-CN message. */
function cellError(r: Result<unknown>): string {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  const issue = r.issues[0]!;
  return `${L.excelErrorOf(issue) === "notAvailable" ? "#N/A" : "#VALUE!"} ${t(issue.code, { ...(issue.params ?? {}), ...(issue.value !== undefined ? { value: issue.value } : {}) })}`;
}

describe("LEDGER.SALES / QTY", () => {
  it("sums order lines by order date, cancelled left out, return lines netted, any spelling of the name", () => {
    // 123450 + 100000 + 61725 − 12345 fen (SO-3 cancelled)
    expect(value(L.sales(index, "长沙华兴商贸", null, null, null))).toBe(2728.3);
    expect(value(L.sales(index, "长沙华兴 商贸", "", "", ""))).toBe(2728.3);
    expect(value(L.sales(index, "C001", null, null, null))).toBe(2728.3); // customer code
    expect(value(L.qty(index, "长沙华兴商贸", null, null, null))).toBe(16);
  });

  it("filters by model (any spelling) and by period given as text or serial", () => {
    expect(value(L.sales(index, "长沙华兴商贸", "XY-100", null, null))).toBe(1728.3);
    expect(value(L.qty(index, "长沙华兴商贸", "ｘｙ－１００", null, null))).toBe(14);
    expect(value(L.sales(index, "长沙华兴商贸", null, "2025-02-01", "2025年2月28日"))).toBe(617.25);
    expect(value(L.sales(index, "长沙华兴商贸", null, isoToExcelSerial("2025-01-10"), isoToExcelSerial("2025-01-10")))).toBe(2234.5);
    expect(value(L.sales(index, "长沙华兴商贸", null, "2025/3/1", null))).toBe(-123.45);
    expect(value(L.sales(index, "长沙华兴商贸", "ZK-5", null, null))).toBe(0); // known model, never bought
  });

  it("answers #N/A for an unknown customer or model and #VALUE! for a bad date or period", () => {
    expect(cellError(L.sales(index, "不存在的客户", null, null, null))).toBe("#N/A 未找到客户：不存在的客户");
    expect(cellError(L.sales(index, "长沙华兴商贸", "NO-SUCH", null, null))).toBe("#N/A 未找到型号：NO-SUCH");
    expect(cellError(L.sales(index, "", null, null, null))).toBe("#VALUE! 请填写客户名称");
    expect(cellError(L.sales(index, null, null, null, null))).toBe("#VALUE! 请填写客户名称");
    expect(cellError(L.sales(index, "长沙华兴商贸", null, "2025-02-30", null))).toBe("#VALUE! 日期不存在：2025-02-30");
    expect(L.sales(index, "长沙华兴商贸", null, "2025-02-30", null)).toMatchObject({ ok: false, issues: [{ code: "date.impossible" }] });
    expect(L.sales(index, "长沙华兴商贸", null, true, null)).toMatchObject({ ok: false, issues: [{ code: "functions.badDate" }] });
    expect(cellError(L.sales(index, "长沙华兴商贸", null, "2025-03-01", "2025-02-01"))).toBe("#VALUE! 起始日期 2025-03-01 晚于截止日期 2025-02-01");
  });

  it("equals a brute-force sum over the ledger for any period (property)", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 130 }), (inp, a, b) => {
        const lg = Ledger.build(inp);
        const ix = L.FunctionIndex.build(lg);
        const from = isoPlus("2025-01-01", Math.min(a, b));
        const to = isoPlus("2025-01-01", Math.max(a, b));
        for (const name of lg.customerNames()) {
          const lines = lg.ordersBetween(from, to).filter((o) => ix.customer(o.customer)?.name === name);
          const fen = lines.reduce((s, o) => s + o.amountFen, 0);
          expect(value(L.sales(ix, name, null, from, to))).toBe(fen / 100);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("LEDGER.SALES / QTY / COLLECTED / BALANCE and the monthly report", () => {
  it("agree on every row of the month (property)", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.constantFrom("2025-01", "2025-02", "2025-03"), (inp, month) => {
        const lg = Ledger.build(inp);
        const ix = L.FunctionIndex.build(lg);
        const report = buildReport(lg, "monthly", month);
        if (!report.ok) throw new Error(JSON.stringify(report.issues));
        const last = isoPlus(`${month === "2025-03" ? "2025-04" : month === "2025-02" ? "2025-03" : "2025-02"}-01`, -1);
        for (const row of (report.value.data as MonthlyReportData).rows) {
          expect([row.customer, row.model, Math.round(value(L.sales(ix, row.customer, row.model, `${month}-01`, last)) * 100)]).toEqual([row.customer, row.model, row.amountFen]);
          expect(value(L.qty(ix, row.customer, row.model, `${month}-01`, last))).toBeCloseTo(row.qty, 6);
        }
        for (const c of (report.value.data as MonthlyReportData).customers) {
          expect([c.customer, Math.round(value(L.collected(ix, c.customer, `${month}-01`, last)) * 100)]).toEqual([c.customer, c.collectedFen]);
          expect([c.customer, Math.round(value(L.balance(ix, c.customer, last, TODAY)) * 100)]).toEqual([c.customer, c.closingFen]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("LEDGER.COLLECTED", () => {
  it("sums payments by date and leaves allowances (折让) out", () => {
    expect(value(L.collected(index, "长沙华兴商贸", null, null))).toBe(1000);
    expect(value(L.collected(index, "长沙华兴商贸", "2025-02-01", null))).toBe(0);
    expect(value(L.collected(index, "郑州宏达（集团）", "2025-03-01", "2025-03-31"))).toBe(1500);
  });
});

describe("LEDGER.BALANCE", () => {
  it("is the ledger's receivable (opening + sales − returns − payments − allowances), default today", () => {
    // 1000.00 + 2234.50 (shipped 01-12) + 617.25 − 123.45 − 1000 − 50
    expect(value(L.balance(index, "长沙华兴商贸", null, TODAY))).toBe(2678.3);
    expect(value(L.balance(index, "长沙华兴商贸", "2025-01-11", TODAY))).toBe(1000);
    expect(value(L.balance(index, "郑州宏达（集团）", "2025-03-31", TODAY))).toBe(1400);
    expect(value(L.balance(index, "长沙华兴商贸", null, "2025-01-12"))).toBe(3234.5);
  });

  it("equals Ledger.balance for every customer and date (property)", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.integer({ min: 0, max: 130 }), (inp, d) => {
        const lg = Ledger.build(inp);
        const ix = L.FunctionIndex.build(lg);
        const asOf = isoPlus("2025-01-01", d);
        for (const name of lg.customerNames()) expect(value(L.balance(ix, name, asOf, TODAY))).toBe(lg.balance(name, asOf) / 100);
      }),
      { numRuns: 100 },
    );
  });
});

describe("LEDGER.AGING", () => {
  it("is the aging report's bucket (same computation), and the buckets sum to the balance", () => {
    const report = customerAging(ledger, "长沙华兴商贸", TODAY).buckets;
    const got = BUCKET_KEYS.map((b) => value(L.aging(index, "长沙华兴商贸", b, null, TODAY)));
    expect(got).toEqual(BUCKET_KEYS.map((b) => report[b] / 100));
    expect(Math.round(got.reduce((s, x) => s + x, 0) * 100)).toBe(Math.round(value(L.balance(index, "长沙华兴商贸", null, TODAY)) * 100));
    expect(value(L.aging(index, "长沙华兴商贸", "合计", null, TODAY))).toBe(2678.3);
  });

  it("matches the aging report for every customer and date (property)", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.integer({ min: 0, max: 200 }), (inp, d) => {
        const lg = Ledger.build(inp);
        const ix = L.FunctionIndex.build(lg);
        const asOf = isoPlus("2025-01-01", d);
        const report = buildReport(lg, "aging", asOf);
        if (!report.ok) throw new Error(JSON.stringify(report.issues));
        for (const row of (report.value.data as AgingReportData).rows) {
          const got = BUCKET_KEYS.map((b) => Math.round(value(L.aging(ix, row.customer, b, asOf, TODAY)) * 100));
          expect([row.customer, ...got]).toEqual([row.customer, ...BUCKET_KEYS.map((b) => row.buckets[b])]);
          expect(got.reduce((a, b) => a + b, 0)).toBe(row.balanceFen);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("accepts Chinese bucket names and refuses others with the list of valid ones", () => {
    expect(value(L.parseBucket("未到期"))).toBe("current");
    expect(value(L.parseBucket("120天以上"))).toBe("120+");
    expect(value(L.parseBucket(" 31～60天 "))).toBe("31-60");
    expect(cellError(L.aging(index, "长沙华兴商贸", "45", null, TODAY))).toBe("#VALUE! 账龄区间无效：45（可用：未到期、1-30、31-60、61-90、91-120、120+、合计）");
  });
});

describe("LEDGER.ORDERSTATUS", () => {
  it("is the least advanced live line's status; 已取消 only when all lines are", () => {
    expect(value(L.orderStatus(index, "SO-1"))).toBe("已发货");
    expect(value(L.orderStatus(index, "so-2"))).toBe("已确认");
    expect(value(L.orderStatus(index, "SO-3"))).toBe("已取消");
    expect(cellError(L.orderStatus(index, "SO-404"))).toBe("#N/A 未找到订单：SO-404");
    expect(cellError(L.orderStatus(index, ""))).toBe("#VALUE! 请填写订单号");
  });
});

describe("LEDGER.DAXIE", () => {
  it("writes amounts in RMB uppercase from numbers or money text", () => {
    expect(value(L.daxie(1234.56))).toBe("壹仟贰佰叁拾肆元伍角陆分");
    expect(value(L.daxie("¥1,234.50"))).toBe("壹仟贰佰叁拾肆元伍角");
    expect(value(L.daxie(0))).toBe("零元整");
    expect(cellError(L.daxie("abc"))).toBe("#VALUE! 金额无法识别：abc");
    expect(cellError(L.daxie(null))).toBe("#VALUE! 金额无法识别：");
  });
});

describe("LEDGER.LASTORDER", () => {
  it("is the latest live order date as a serial (1900 or 1904 system)", () => {
    expect(value(L.lastOrder(index, "长沙华兴商贸"))).toBe(isoToExcelSerial("2025-03-01"));
    expect(value(L.lastOrder(L.FunctionIndex.build(ledger, { date1904: true }), "长沙华兴商贸"))).toBe(isoToExcelSerial("2025-03-01", true));
    expect(cellError(L.lastOrder(index, "西安秦川电器"))).toBe("#N/A 客户「西安秦川电器」还没有订单");
  });
});

describe("LEDGER.TOPCUSTOMERS", () => {
  it("ranks customers by sales in the period, largest first, as rows [customer, yuan]", () => {
    expect(value(L.topCustomers(index, 5, null, null))).toEqual([
      ["郑州宏达（集团）", 3000],
      ["长沙华兴商贸", 2728.3],
    ]);
    expect(value(L.topCustomers(index, "1", "2025-01-01", "2025-01-31"))).toEqual([["长沙华兴商贸", 2234.5]]);
    expect(cellError(L.topCustomers(index, 0, null, null))).toBe("#VALUE! 名次数必须是 1 到 1000 的整数：0");
    expect(cellError(L.topCustomers(index, 2.5, null, null))).toBe("#VALUE! 名次数必须是 1 到 1000 的整数：2.5");
    expect(cellError(L.topCustomers(index, 3, "2030-01-01", null))).toBe("#N/A 期间内没有销售");
  });
});

describe("missing ledger tables", () => {
  it("name the table the function needs", () => {
    const noPayments = L.FunctionIndex.build(ledger, { missingTables: ["payments"] });
    expect(cellError(L.collected(noPayments, "长沙华兴商贸", null, null))).toBe("#N/A 缺少台账表「回款」（Payments）：请先在任务窗格「台账设置」中转换工作簿");
    expect(cellError(L.balance(noPayments, "长沙华兴商贸", null, TODAY))).toBe("#N/A 缺少台账表「回款」（Payments）：请先在任务窗格「台账设置」中转换工作簿");
    expect(value(L.sales(noPayments, "长沙华兴商贸", null, null, null))).toBe(2728.3); // orders are there
  });
});
