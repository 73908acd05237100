/**
 * Column arrays of the sales data, built once per ledger and kept (the ledger is read-only): order
 * lines (cancelled excluded) and payments in source order, as typed arrays of day numbers,
 * customer/model indexes and amounts. Reports then aggregate with one tight loop over numbers
 * (a range test on an Int32Array costs less than sorting or copying record arrays) instead of
 * walking record objects — what makes a million lines fast.
 */
import { customerIndex, modelIndex, type NameIndex, type ReportLedger } from "./ledger-view";
import { epochDay } from "./layout";

/** The columns. Days are `YYYYMMDD` integers, in source order (not sorted). */
export interface SalesColumns {
  readonly customers: NameIndex;
  readonly models: NameIndex;
  readonly orderDay: Int32Array;
  readonly orderCustomer: Int32Array;
  readonly orderModel: Int32Array;
  readonly orderQty: Float64Array;
  readonly orderAmount: Float64Array;
  readonly paymentDay: Int32Array;
  readonly paymentCustomer: Int32Array;
  readonly paymentAmount: Float64Array;
  /** 1 for an allowance (折让), 0 for money received. */
  readonly paymentAllowance: Uint8Array;
}

const cache = new WeakMap<ReportLedger, SalesColumns>();

/** `2025-03-05` → 20250305 without allocating (input already validated). */
export function dayNumber(iso: string): number {
  return (
    (iso.charCodeAt(0) - 48) * 10_000_000 +
    (iso.charCodeAt(1) - 48) * 1_000_000 +
    (iso.charCodeAt(2) - 48) * 100_000 +
    (iso.charCodeAt(3) - 48) * 10_000 +
    (iso.charCodeAt(5) - 48) * 1000 +
    (iso.charCodeAt(6) - 48) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

/** The ledger's columns (built on first use, then cached with the ledger). */
export function salesColumns(ledger: ReportLedger): SalesColumns {
  const hit = cache.get(ledger);
  if (hit) return hit;
  const customers = customerIndex(ledger);
  const models = modelIndex(ledger);
  const orders = ledger.orders;
  const n = orders.length;
  const orderDay = new Int32Array(n);
  const orderCustomer = new Int32Array(n);
  const orderModel = new Int32Array(n);
  const orderQty = new Float64Array(n);
  const orderAmount = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    if (o === undefined || o.status === "已取消") continue;
    orderDay[k] = dayNumber(o.date);
    orderCustomer[k] = customers.of(o.customer);
    orderModel[k] = models.of(o.model);
    orderQty[k] = o.qty;
    orderAmount[k] = o.amountFen;
    k++;
  }
  const payments = ledger.payments;
  const m = payments.length;
  const paymentDay = new Int32Array(m);
  const paymentCustomer = new Int32Array(m);
  const paymentAmount = new Float64Array(m);
  const paymentAllowance = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const p = payments[i];
    if (p === undefined) continue;
    paymentDay[i] = dayNumber(p.date);
    paymentCustomer[i] = customers.of(p.customer);
    paymentAmount[i] = p.amountFen;
    paymentAllowance[i] = p.allowance ? 1 : 0;
  }
  const columns: SalesColumns = {
    customers,
    models,
    orderDay: orderDay.subarray(0, k),
    orderCustomer: orderCustomer.subarray(0, k),
    orderModel: orderModel.subarray(0, k),
    orderQty: orderQty.subarray(0, k),
    orderAmount: orderAmount.subarray(0, k),
    paymentDay,
    paymentCustomer,
    paymentAmount,
    paymentAllowance,
  };
  cache.set(ledger, columns);
  return columns;
}

/**
 * Receivable movements as columns (unsorted): epoch day of the receivable date (ship date, else
 * order date), customer index, signed amount. The same movements `Ledger.movements` counts:
 * cancelled lines left out, and movements on or before a customer's opening date left out (the
 * opening balance stands for them).
 */
export interface ReceivableColumns {
  readonly customers: NameIndex;
  readonly day: Int32Array;
  readonly customer: Int32Array;
  readonly amount: Float64Array;
}

const receivableCache = new WeakMap<ReportLedger, ReceivableColumns>();

/** The ledger's receivable columns (built on first use, then cached with the ledger). */
export function receivableColumns(ledger: ReportLedger): ReceivableColumns {
  const hit = receivableCache.get(ledger);
  if (hit) return hit;
  const customers = salesColumns(ledger).customers;
  const openingDay: number[] = [];
  const cutoff = (c: number): number => {
    let d = openingDay[c];
    if (d === undefined) {
      const date = ledger.openingOf(customers.name(c)).date;
      d = date === undefined ? -Infinity : epochDay(date);
      openingDay[c] = d;
    }
    return d;
  };
  const n = ledger.orders.length + ledger.returns.length + ledger.payments.length;
  const day = new Int32Array(n);
  const customer = new Int32Array(n);
  const amount = new Float64Array(n);
  let k = 0;
  const add = (c: number, d: number, fen: number): void => {
    if (d <= cutoff(c)) return;
    day[k] = d;
    customer[k] = c;
    amount[k] = fen;
    k++;
  };
  for (const o of ledger.orders) if (o.status !== "已取消") add(customers.of(o.customer), epochDay(o.shipDate ?? o.date), o.amountFen);
  for (const r of ledger.returns) add(customers.of(r.customer), epochDay(r.date), -r.amountFen);
  for (const p of ledger.payments) add(customers.of(p.customer), epochDay(p.date), -p.amountFen);
  const columns: ReceivableColumns = { customers, day: day.subarray(0, k), customer: customer.subarray(0, k), amount: amount.subarray(0, k) };
  receivableCache.set(ledger, columns);
  return columns;
}
