/**
 * Peer: arquero 7 (groupby / rollup / pivot / window verbs) over column tables of the same rows.
 * Building the tables (and the movements table, the analogue of `Ledger.build`'s indexes) is timed
 * separately and excluded. Results are materialized with `.objects()`, as our reports hand back rows.
 * arquero is ESM only: it is loaded with a dynamic import.
 */
import type { BenchLedger } from "../data";
import type { Check } from "./types";

/* eslint-disable @typescript-eslint/no-explicit-any -- arquero's verbs take expression strings; its table type adds nothing here. */
type Aq = any;
type Table = any;

/** Loaded tables. */
export interface AqPeer {
  readonly aq: Aq;
  readonly orders: Table;
  readonly payments: Table;
  readonly returns: Table;
  readonly customers: Table;
  readonly movements: Table;
  readonly loadMs: number;
}

const EPOCH = Date.UTC(1970, 0, 1);
const dayCache = new Map<string, number>();
function epochDays(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) dayCache.set(iso, (d = Math.round((Date.parse(iso + "T00:00:00Z") - EPOCH) / 86_400_000)));
  return d;
}

/** Imports arquero and builds column tables. */
export async function loadArquero(b: BenchLedger): Promise<AqPeer> {
  const aq: Aq = await import("arquero");
  const t0 = performance.now();
  const { customers, orders, payments, returns } = b.input;
  const col = <T, V>(xs: readonly T[], f: (x: T) => V): V[] => xs.map(f);
  const ordersT = aq.table({
    order_no: col(orders, (o) => o.orderNo ?? null),
    date: col(orders, (o) => o.date),
    customer: col(orders, (o) => o.customer),
    model: col(orders, (o) => o.model),
    qty: col(orders, (o) => o.qty),
    amount: col(orders, (o) => o.amountFen),
    account: col(orders, (o) => o.warehouse ?? null),
    status: col(orders, (o) => o.status),
    ship_date: col(orders, (o) => o.shipDate ?? null),
  });
  const paymentsT = aq.table({
    date: col(payments, (p) => p.date),
    customer: col(payments, (p) => p.customer),
    amount: col(payments, (p) => p.amountFen),
    account: col(payments, (p) => p.account ?? ""),
    allowance: col(payments, (p) => p.allowance),
  });
  const returnsT = aq.table({ date: col(returns, (r) => r.date), customer: col(returns, (r) => r.customer), amount: col(returns, (r) => r.amountFen) });
  const customersT = aq.table({
    customer: col(customers, (c) => c.name),
    terms: col(customers, (c) => c.terms ?? null),
    pd: col(customers, (c) => c.paymentDays ?? 0),
    opening: col(customers, (c) => c.openingBalanceFen),
    opening_day: col(customers, (c) => (c.openingDate === undefined ? -1e9 : epochDays(c.openingDate))),
  });
  // Receivable movements, as DuckDB's `movements` table and the Ledger's index.
  const mv: { customer: string[]; date: string[]; day: number[]; kind: string[]; amount: number[]; src: number[] } = { customer: [], date: [], day: [], kind: [], amount: [], src: [] };
  const push = (customer: string, date: string, kind: string, amount: number, src: number): void => {
    mv.customer.push(customer);
    mv.date.push(date);
    mv.day.push(epochDays(date));
    mv.kind.push(kind);
    mv.amount.push(amount);
    mv.src.push(src);
  };
  for (const o of orders) if (o.status !== "已取消") push(o.customer, o.shipDate ?? o.date, o.amountFen < 0 ? "return" : "sale", o.amountFen, 0);
  for (const r of returns) push(r.customer, r.date, "return", -r.amountFen, 1);
  for (const p of payments) push(p.customer, p.date, p.allowance ? "allowance" : "payment", -p.amountFen, 2);
  const movementsT = aq.table(mv).orderby("customer", "date", "src").reify();
  return { aq, orders: ordersT, payments: paymentsT, returns: returnsT, customers: customersT, movements: movementsT, loadMs: performance.now() - t0 };
}

const sum = (rows: readonly Record<string, unknown>[], key: string): number => rows.reduce((s, r) => s + (Number(r[key]) || 0), 0);

function monthEnd(ym: string): string {
  const last = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();
  return `${ym}-${String(last).padStart(2, "0")}`;
}

/** 销售日报 (see duckDaily). */
export function aqDaily(p: AqPeer, b: BenchLedger): Check {
  const d = b.day;
  const m0 = d.slice(0, 8) + "01";
  const pairs = p.orders
    .params({ d, m0 })
    .filter("(r, $) => r.status !== '已取消' && r.date >= $.m0 && r.date <= $.d")
    .derive({ dq: "(r, $) => r.date === $.d ? r.qty : 0", da: "(r, $) => r.date === $.d ? r.amount : 0" })
    .groupby("customer", "model")
    .rollup({ qty: "r => op.sum(r.dq)", amount: "r => op.sum(r.da)", mtdQty: "r => op.sum(r.qty)", mtdAmount: "r => op.sum(r.amount)" })
    .orderby("customer", "model")
    .objects();
  const coll = p.payments
    .params({ d })
    .filter("(r, $) => r.date === $.d && !r.allowance")
    .groupby("account", "customer")
    .rollup({ collected: "r => op.sum(r.amount)" })
    .orderby("account", "customer")
    .objects();
  return { amountFen: sum(pairs, "amount"), mtdAmountFen: sum(pairs, "mtdAmount"), rows: pairs.length, collectedFen: sum(coll, "collected") };
}

/** 销售月报 (see duckMonthly). */
export function aqMonthly(p: AqPeer, b: BenchLedger): Check {
  const { aq } = p;
  const from = b.month + "-01";
  const to = monthEnd(b.month);
  const live = p.orders.params({ from, to }).filter("(r, $) => r.status !== '已取消' && r.date >= $.from && r.date <= $.to");
  const pairs = live.groupby("customer", "model").rollup({ qty: "r => op.sum(r.qty)", amount: "r => op.sum(r.amount)" }).orderby("customer", "model").objects();
  const s = live.groupby("customer").rollup({ sales: "r => op.sum(r.amount > 0 ? r.amount : 0)", neg: "r => op.sum(r.amount < 0 ? -r.amount : 0)" });
  const r = p.returns.params({ from, to }).filter("(r, $) => r.date >= $.from && r.date <= $.to").groupby("customer").rollup({ ret: "r => op.sum(r.amount)" });
  const pm = p.payments
    .params({ from, to })
    .filter("(r, $) => r.date >= $.from && r.date <= $.to")
    .groupby("customer")
    .rollup({ allow: "r => op.sum(r.allowance ? r.amount : 0)", coll: "r => op.sum(r.allowance ? 0 : r.amount)" });
  const bal = p.movements
    .params({ to })
    .filter("(r, $) => r.date <= $.to")
    .join_left(p.customers.select("customer", "opening_day"), "customer")
    .filter("r => r.day > r.opening_day || r.opening_day === undefined")
    .groupby("customer")
    .rollup({ mv: "r => op.sum(r.amount)" });
  const cust = p.customers
    .join_left(s, "customer")
    .join_left(r, "customer")
    .join_left(pm, "customer")
    .join_left(bal, "customer")
    .derive({ returns: "r => (r.neg || 0) + (r.ret || 0)", closing: "r => r.opening + (r.mv || 0)" })
    .orderby("customer")
    .objects();
  void aq;
  return { amountFen: sum(pairs, "amount"), rows: pairs.length, closingFen: sum(cust, "closing") };
}

/** 销售年报 (see duckAnnual). */
export function aqAnnual(p: AqPeer, b: BenchLedger): Check {
  const y = String(b.year);
  const sales = p.orders
    .params({ y })
    .filter("(r, $) => r.status !== '已取消' && op.substring(r.date, 0, 4) === $.y")
    .derive({ ym: "r => op.substring(r.date, 0, 7)" })
    .groupby("customer")
    .pivot("ym", { amount: "r => op.sum(r.amount)" })
    .orderby("customer")
    .objects();
  const coll = p.payments
    .params({ y })
    .filter("(r, $) => !r.allowance && op.substring(r.date, 0, 4) === $.y")
    .derive({ ym: "r => op.substring(r.date, 0, 7)" })
    .groupby("customer")
    .pivot("ym", { amount: "r => op.sum(r.amount)" })
    .orderby("customer")
    .objects();
  const total = (rows: Record<string, unknown>[]): number => rows.reduce((s, r) => s + Object.entries(r).reduce((t, [k, v]) => (k === "customer" ? t : t + (Number(v) || 0)), 0), 0);
  return { amountFen: total(sales), rows: sales.length, collectedFen: total(coll) };
}

/** 账龄 (see duckAging: FIFO, open part = newest debits up to the balance). */
export function aqAging(p: AqPeer, b: BenchLedger): Check {
  const { aq } = p;
  const t = b.today;
  const tDay = epochDays(t);
  const live = p.movements
    .params({ t })
    .filter("(r, $) => r.date <= $.t")
    .join_left(p.customers.select("customer", "opening_day", "pd"), "customer")
    .filter("r => r.day > r.opening_day");
  const openingRows = p.customers.filter("r => r.opening > 0").derive({ amount: "r => r.opening", day: "r => r.opening_day" }).select("customer", "day", "amount", "pd");
  const bal = live
    .select("customer", "amount")
    .concat(p.customers.derive({ amount: "r => r.opening" }).select("customer", "amount"))
    .groupby("customer")
    .rollup({ balance: "r => op.sum(r.amount)" });
  const debits = live.filter("r => r.amount > 0").select("customer", "day", "amount", "pd").concat(openingRows);
  const aged = debits
    .join(bal, "customer")
    .groupby("customer")
    .orderby(aq.desc("day"))
    .derive({ newer: aq.rolling("r => op.sum(r.amount)") })
    .ungroup()
    .params({ tDay })
    .derive({ open: "r => op.least(r.amount, op.greatest(0, r.balance - (r.newer - r.amount)))", past: "(r, $) => $.tDay - (r.day + r.pd)" })
    .filter("r => r.open > 0")
    .groupby("customer")
    .rollup({
      cur: "r => op.sum(r.past <= 0 ? r.open : 0)",
      b30: "r => op.sum(r.past >= 1 && r.past <= 30 ? r.open : 0)",
      b60: "r => op.sum(r.past >= 31 && r.past <= 60 ? r.open : 0)",
      b90: "r => op.sum(r.past >= 61 && r.past <= 90 ? r.open : 0)",
      b120: "r => op.sum(r.past >= 91 && r.past <= 120 ? r.open : 0)",
      bover: "r => op.sum(r.past > 120 ? r.open : 0)",
    });
  const out = bal.join_left(aged, "customer").orderby("customer").objects();
  return { balanceFen: sum(out, "balance"), rows: out.length, over120Fen: sum(out, "bover") };
}

/** 对账单 for every 月结 customer (see duckStatements). */
export function aqStatements(p: AqPeer, b: BenchLedger): Check {
  const { aq } = p;
  const { from, to } = b.period;
  const mc = p.customers.filter("r => r.terms === '月结'").select("customer", "opening", "opening_day");
  const mvs = p.movements.semijoin(mc, "customer").join(mc, "customer").filter("r => r.day > r.opening_day");
  const op = mc
    .join_left(mvs.params({ from }).filter("(r, $) => r.date < $.from").groupby("customer").rollup({ before: "r => op.sum(r.amount)" }), "customer")
    .derive({ start: "r => r.opening + (r.before || 0)" })
    .select("customer", "start");
  const lines = mvs
    .params({ from, to })
    .filter("(r, $) => r.date >= $.from && r.date <= $.to")
    .select("customer", "date", "kind", "amount", "src")
    .join(op, "customer")
    .groupby("customer")
    .orderby("date", "src")
    .derive({ balance: aq.rolling("r => op.sum(r.amount)") })
    .derive({ balance: "r => r.balance + r.start" })
    .ungroup()
    .objects();
  const closing = new Map<string, number>();
  for (const r of op.objects() as { customer: string; start: number }[]) closing.set(r.customer, r.start);
  for (const r of lines as { customer: string; balance: number }[]) closing.set(r.customer, r.balance);
  let closingFen = 0;
  for (const v of closing.values()) closingFen += v;
  return { statements: closing.size, rows: lines.length, closingFen };
}
