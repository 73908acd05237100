/**
 * The ledger: validated records plus the indexes every report, statement and entry rule needs.
 * Built once (`Ledger.build`), then read-only. Sized for a million order lines: plain arrays,
 * typed-array indexes sorted once, and per-customer prefix sums so `balance` is O(log n).
 *
 * Receivable rules (DESIGN.md): a movement is dated by ship date, else order date; cancelled
 * (已取消) lines never count; order lines are signed (a negative quantity is a return, a negative
 * amount with a quantity that is not negative is an allowance: a price adjustment / 折让 line of an
 * export); returns-table records, payments and allowances (折让) are credits.
 *
 * Opening balance (期初应收): `openingBalanceFen` stands at the end of `openingDate`. Movements
 * dated on or before `openingDate` are taken to be inside that figure (records.ts: "balances count
 * movements after it"), so they are left out of `movements` and `balance` and reported once in
 * `warnings` (`records.ledger.beforeOpening`). Without an `openingDate` the opening counts at
 * every date. Hence: balance(c, asOf) = opening·[no openingDate or asOf ≥ openingDate]
 * + Σ counted movements dated ≤ asOf.
 *
 * Unknown customer: names are matched by `nameKey`. A name that only occurs in transactions gets
 * a balance from its movements (opening 0) and `findCustomer` returns undefined; a name with
 * nothing at all has balance 0 and no movements.
 */
import type { Issue } from "./result";
import type { Confirmation, Customer, LedgerInput, OrderLine, Payment, Product, ReturnRecord, SourceRef } from "./schemas/records";
import { nameKey } from "./text";
import { countUpTo, dayNumber, isoOfDayNumber } from "./day-number";

/** Kind of a receivable movement. */
export type MovementKind = "sale" | "return" | "payment" | "allowance";

/** Which table a movement (or any record) comes from, and its index in that table. */
export interface RecordRef {
  readonly table: "orders" | "payments" | "returns";
  readonly index: number;
}

/** One change of a customer's receivable, dated by its receivable date. */
export interface Movement {
  /** Receivable date: ship date, else order date (payments/returns: their date). */
  readonly date: string;
  readonly kind: MovementKind;
  /** Order number (sales, returns) or payment reference. */
  readonly ref?: string;
  readonly model?: string;
  /** Signed like the amount: returns-table quantities are shown negative. */
  readonly qty?: number;
  readonly priceFen?: number;
  /** Signed effect on the receivable: + for sales, − for returns, payments and allowances. */
  readonly amountFen: number;
  readonly notes?: string;
  readonly source?: SourceRef;
  /** The record behind it (to link back or edit). */
  readonly record: RecordRef;
}

/** A confirmed (已确认) balance that the ledger no longer agrees with. */
export interface ConfirmationBreach {
  readonly customer: string;
  readonly asOf: string;
  readonly confirmedFen: number;
  readonly currentFen: number;
  /** currentFen − confirmedFen. */
  readonly differenceFen: number;
  readonly confirmation: Confirmation;
  /**
   * Movements dated ≤ asOf whose amount alone equals the difference: the likely added or edited
   * record. Only a hint — without edit history the ledger cannot know which change broke it
   * (a deleted record, or several edits, leave this empty).
   */
  readonly suspects: readonly Movement[];
  /**
   * Only when a snapshot of this confirmation was passed to `checkConfirmations`: the movements
   * dated ≤ asOf that are new since it (added or edited records), and the fingerprints of the
   * ones that are gone (deleted or edited). Together they account for the difference exactly.
   */
  readonly changes?: { readonly added: readonly Movement[]; readonly removed: readonly string[] };
}

/**
 * What a customer's confirmed balance was made of, taken when the confirmation is recorded
 * (`ledger.snapshot`) and kept by the app (e.g. as a setting), so a later breach can name the
 * exact records that changed.
 */
export interface ConfirmationSnapshot {
  readonly customer: string;
  readonly asOf: string;
  /** `movementFingerprint` of every movement dated ≤ asOf. */
  readonly movements: readonly string[];
}

/**
 * A movement's identity for comparing two versions of a ledger: date, kind, amount, reference,
 * model, quantity (the record position is left out: rows move when others are inserted).
 * @example movementFingerprint({ date: "2025-03-05", kind: "payment", amountFen: -500, ref: "工行", record }) // "2025-03-05|payment|-500|工行||"
 */
export function movementFingerprint(m: Movement): string {
  return [m.date, m.kind, m.amountFen, m.ref ?? "", m.model ?? "", m.qty ?? ""].join("|");
}

/** Options of the order look-ups. */
export interface OrderQuery {
  /** Include 已取消 lines (default false: they are not sales). */
  readonly includeCancelled?: boolean;
}

const SEQ = 2 ** 25; // ids per date slot in a sort key; (YYYYMMDD·2+1)·2^25 < 2^53
const MAX_RECORDS = SEQ - 1;
const FAR_FUTURE = 99991231;

interface Group {
  readonly key: string;
  /** Position in groupOrder. */
  readonly index: number;
  /** Counted movements (sizes the per-group arrays). */
  count: number;
  name: string;
  customer: Customer | undefined;
  openingFen: number;
  /** YYYYMMDD of openingDate, or 0 when there is none. */
  openingDay: number;
  orders: number[];
  payments: number[];
  returns: number[];
  /** Movement ids (global), by receivable date, sales first, then source order. */
  mvIds: Int32Array;
  mvDays: Int32Array;
  /** mvCum[i] = Σ amounts of movements 0..i. */
  mvCum: Float64Array;
  beforeOpening: number;
}

/** `2025-03-05` → 20250305 (no validation: the records are validated). */
function checkedDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Ledger: not an ISO date: ${iso}`);
  return dayNumber(iso);
}

/** Number of entries in sorted `days` that are < day. */
function lowerBound(days: Int32Array, day: number): number {
  return countUpTo(days, day - 1);
}

/** Sort record indexes by a day each; returns [ids, days] both sorted (stable by index). */
function sortByDay(days: Int32Array): [Int32Array, Int32Array] {
  const keys = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) keys[i] = (days[i] as number) * SEQ + i;
  keys.sort();
  const ids = new Int32Array(days.length);
  const sortedDays = new Int32Array(days.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const id = k % SEQ;
    ids[i] = id;
    sortedDays[i] = days[id] as number;
  }
  return [ids, sortedDays];
}

/**
 * The ledger. Customer and model arguments may be spelt any way `nameKey` unifies (spaces,
 * full-width brackets, case).
 * @example
 * const ledger = Ledger.build(input);
 * ledger.balance("长沙华兴", "2025-03-31"); // fen
 */
export class Ledger {
  /** Customers as given (master order). */
  readonly customers: readonly Customer[];
  readonly products: readonly Product[];
  /** Every order line, cancelled ones included, in source order. */
  readonly orders: readonly OrderLine[];
  readonly payments: readonly Payment[];
  readonly returns: readonly ReturnRecord[];
  readonly confirmations: readonly Confirmation[];
  /** Things noticed while building (duplicate master names, movements before an opening date). Warnings only. */
  readonly warnings: readonly Issue[];

  private readonly keyCache = new Map<string, string>();
  private readonly groups = new Map<string, Group>();
  private readonly groupOrder: Group[] = [];
  private readonly productByKey = new Map<string, Product>();
  private readonly ordersByModel = new Map<string, number[]>();
  /** Built on first use: most ledgers are never asked for an order number. */
  private ordersByNo: Map<string, number[]> | undefined;
  private readonly orderIdsByDate: Int32Array;
  private readonly orderDaysSorted: Int32Array;
  private readonly paymentIdsByDate: Int32Array;
  private readonly paymentDaysSorted: Int32Array;
  private readonly returnIdsByDate: Int32Array;
  private readonly returnDaysSorted: Int32Array;
  private readonly minDay: number;
  private readonly maxDay: number;

  private constructor(input: LedgerInput) {
    this.customers = input.customers;
    this.products = input.products;
    this.orders = input.orders;
    this.payments = input.payments;
    this.returns = input.returns;
    this.confirmations = input.confirmations;
    const total = input.orders.length + input.payments.length + input.returns.length;
    if (total > MAX_RECORDS) throw new Error(`Ledger: too many records (${total} > ${MAX_RECORDS})`);
    const warnings: Issue[] = [];

    for (const c of input.customers) {
      const key = this.key(c.name);
      const existing = this.groups.get(key);
      if (existing?.customer) {
        warnings.push({ code: "records.ledger.duplicateCustomer", severity: "warning", params: { customer: c.name, first: existing.customer.name } });
        continue;
      }
      const g = this.group(c.name);
      g.customer = c;
      g.name = c.name;
      g.openingFen = c.openingBalanceFen ?? 0;
      g.openingDay = c.openingDate ? dayNumber(c.openingDate) : 0;
    }
    for (const p of input.products) {
      const key = this.key(p.model);
      if (!this.productByKey.has(key)) this.productByKey.set(key, p);
    }

    let minDay = FAR_FUTURE;
    let maxDay = 0;
    const seen = (d: number): void => {
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    };

    // Movements: global id = orders [0,nO), returns [nO, nO+nR), payments after. Sort key packs
    // (day, credit-after-sale, id) into one float so a typed-array sort orders them.
    const nO = input.orders.length;
    const nR = input.returns.length;
    const idGroup = new Int32Array(total).fill(-1);
    const idKey = new Float64Array(total);
    const addMovement = (id: number, g: Group, day: number, credit: boolean): void => {
      if (g.openingDay && day <= g.openingDay) {
        g.beforeOpening++;
        return;
      }
      idGroup[id] = g.index;
      idKey[id] = (day * 2 + (credit ? 1 : 0)) * SEQ + id;
      g.count++;
    };

    const orderDays = new Int32Array(nO);
    for (let i = 0; i < nO; i++) {
      const o = input.orders[i] as OrderLine;
      const g = this.group(o.customer);
      g.orders.push(i);
      const day = dayNumber(o.date);
      orderDays[i] = day;
      seen(day);
      pushTo(this.ordersByModel, this.key(o.model), i);
      if (o.status === "已取消") continue;
      const recvDay = o.shipDate ? dayNumber(o.shipDate) : day;
      if (o.shipDate) seen(recvDay);
      addMovement(i, g, recvDay, o.amountFen < 0 || o.qty < 0);
    }
    const returnDays = new Int32Array(nR);
    for (let i = 0; i < nR; i++) {
      const r = input.returns[i] as ReturnRecord;
      const g = this.group(r.customer);
      g.returns.push(i);
      const day = dayNumber(r.date);
      returnDays[i] = day;
      seen(day);
      addMovement(nO + i, g, day, true);
    }
    const paymentDays = new Int32Array(input.payments.length);
    for (let i = 0; i < input.payments.length; i++) {
      const p = input.payments[i] as Payment;
      const g = this.group(p.customer);
      g.payments.push(i);
      const day = dayNumber(p.date);
      paymentDays[i] = day;
      seen(day);
      addMovement(nO + nR + i, g, day, true);
    }

    // Per group: collect keys, sort, then ids/days/prefix sums.
    const keysOf = this.groupOrder.map((g) => new Float64Array(g.count));
    const filled = new Int32Array(this.groupOrder.length);
    for (let id = 0; id < total; id++) {
      const gi = idGroup[id] as number;
      if (gi < 0) continue;
      const at = filled[gi] as number;
      (keysOf[gi] as Float64Array)[at] = idKey[id] as number;
      filled[gi] = at + 1;
    }
    for (const g of this.groupOrder) {
      const keys = keysOf[g.index] as Float64Array;
      keys.sort();
      g.mvIds = new Int32Array(keys.length);
      g.mvDays = new Int32Array(keys.length);
      g.mvCum = new Float64Array(keys.length);
      let sum = 0;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as number;
        const id = k % SEQ;
        g.mvIds[i] = id;
        g.mvDays[i] = Math.floor(Math.floor(k / SEQ) / 2);
        sum += this.amountOfId(id);
        g.mvCum[i] = sum;
      }
      if (g.beforeOpening > 0) {
        warnings.push({
          code: "records.ledger.beforeOpening",
          severity: "warning",
          params: { customer: g.name, count: g.beforeOpening, date: g.customer?.openingDate ?? "" },
        });
      }
    }

    [this.orderIdsByDate, this.orderDaysSorted] = sortByDay(orderDays);
    [this.paymentIdsByDate, this.paymentDaysSorted] = sortByDay(paymentDays);
    [this.returnIdsByDate, this.returnDaysSorted] = sortByDay(returnDays);
    this.minDay = minDay;
    this.maxDay = maxDay;
    this.warnings = warnings;
  }

  /**
   * Build a ledger from validated records (the input arrays are kept, not copied: do not mutate them).
   * @example Ledger.build({ customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] })
   */
  static build(input: LedgerInput): Ledger {
    return new Ledger(input);
  }

  /** The master record for a name (any spelling `nameKey` unifies), or undefined. */
  findCustomer(name: string): Customer | undefined {
    return this.groups.get(this.key(name))?.customer;
  }

  /** The product for a model (any spelling `nameKey` unifies), or undefined. */
  findProduct(model: string): Product | undefined {
    return this.productByKey.get(this.key(model));
  }

  /** Every line of an order number (cancelled included), in source order. */
  findOrder(orderNo: string): OrderLine[] {
    return (this.orderNoIndex().get(nameKey(orderNo)) ?? []).map((i) => this.orders[i] as OrderLine);
  }

  /** True when some line carries this order number. */
  hasOrderNo(orderNo: string): boolean {
    return this.orderNoIndex().has(nameKey(orderNo));
  }

  private orderNoIndex(): Map<string, number[]> {
    if (!this.ordersByNo) {
      this.ordersByNo = new Map();
      for (let i = 0; i < this.orders.length; i++) {
        const no = (this.orders[i] as OrderLine).orderNo;
        if (no) pushTo(this.ordersByNo, nameKey(no), i);
      }
    }
    return this.ordersByNo;
  }

  /** Customer names: master names in master order, then names seen only in transactions (first spelling). */
  customerNames(): string[] {
    return this.groupOrder.map((g) => g.name);
  }

  /** First and last date of any transaction (order, ship, payment, return), or undefined when empty. */
  dateRange(): { from: string; to: string } | undefined {
    return this.maxDay === 0 ? undefined : { from: isoOfDayNumber(this.minDay), to: isoOfDayNumber(this.maxDay) };
  }

  /** A customer's order lines in source order (cancelled left out unless asked). */
  ordersOf(customer: string, query: OrderQuery = {}): OrderLine[] {
    return this.pickOrders(this.groups.get(this.key(customer))?.orders ?? [], query);
  }

  /** Order lines of one model in source order (cancelled left out unless asked). */
  ordersOfModel(model: string, query: OrderQuery = {}): OrderLine[] {
    return this.pickOrders(this.ordersByModel.get(this.key(model)) ?? [], query);
  }

  /** A customer's payments (and allowances) in source order. */
  paymentsOf(customer: string): Payment[] {
    return (this.groups.get(this.key(customer))?.payments ?? []).map((i) => this.payments[i] as Payment);
  }

  /** A customer's returns-table records in source order. */
  returnsOf(customer: string): ReturnRecord[] {
    return (this.groups.get(this.key(customer))?.returns ?? []).map((i) => this.returns[i] as ReturnRecord);
  }

  /**
   * Order lines with order date in [from, to] (inclusive), by date then source order. Cancelled
   * lines are left out unless asked: sales reports go by order date and never count them.
   */
  ordersBetween(from: string, to: string, query: OrderQuery = {}): OrderLine[] {
    const a = lowerBound(this.orderDaysSorted, checkedDay(from));
    const b = countUpTo(this.orderDaysSorted, checkedDay(to));
    const out: OrderLine[] = [];
    for (let i = a; i < b; i++) {
      const o = this.orders[this.orderIdsByDate[i] as number] as OrderLine;
      if (query.includeCancelled || o.status !== "已取消") out.push(o);
    }
    return out;
  }

  /** Payments (and allowances) dated in [from, to], by date then source order. */
  paymentsBetween(from: string, to: string): Payment[] {
    const a = lowerBound(this.paymentDaysSorted, checkedDay(from));
    const b = countUpTo(this.paymentDaysSorted, checkedDay(to));
    const out: Payment[] = [];
    for (let i = a; i < b; i++) out.push(this.payments[this.paymentIdsByDate[i] as number] as Payment);
    return out;
  }

  /** Returns-table records dated in [from, to], by date then source order. */
  returnsBetween(from: string, to: string): ReturnRecord[] {
    const a = lowerBound(this.returnDaysSorted, checkedDay(from));
    const b = countUpTo(this.returnDaysSorted, checkedDay(to));
    const out: ReturnRecord[] = [];
    for (let i = a; i < b; i++) out.push(this.returns[this.returnIdsByDate[i] as number] as ReturnRecord);
    return out;
  }

  /**
   * The opening balance as the ledger counts it: amount, and the date it stands at (undefined =
   * counts at every date). Unknown names: 0.
   */
  openingOf(customer: string): { amountFen: number; date?: string } {
    const g = this.groups.get(this.key(customer));
    if (!g) return { amountFen: 0 };
    return g.openingDay ? { amountFen: g.openingFen, date: isoOfDayNumber(g.openingDay) } : { amountFen: g.openingFen };
  }

  /**
   * A customer's receivable movements dated in [from, to] (both optional, inclusive), by
   * receivable date, sales before credits on the same day, then source order (orders, returns
   * table, payments). Movements dated on or before the customer's opening date are not included.
   */
  movements(customer: string, from?: string, to?: string): Movement[] {
    const g = this.groups.get(this.key(customer));
    if (!g) return [];
    const a = from === undefined ? 0 : lowerBound(g.mvDays, checkedDay(from));
    const b = to === undefined ? g.mvDays.length : countUpTo(g.mvDays, checkedDay(to));
    const out: Movement[] = [];
    for (let i = a; i < b; i++) out.push(this.movementOf(g.mvIds[i] as number));
    return out;
  }

  /**
   * Receivable balance at the end of `asOf`, in fen: opening (when it stands by then) + sales −
   * returns − payments − allowances dated ≤ asOf. O(log n).
   * @example ledger.balance("长沙华兴", "2025-03-25")
   */
  balance(customer: string, asOf: string): number {
    const day = checkedDay(asOf);
    const g = this.groups.get(this.key(customer));
    return g ? this.groupBalance(g, day) : 0;
  }

  /** Σ balances of every customer at the end of `asOf`. */
  totalReceivable(asOf: string): number {
    const day = checkedDay(asOf);
    let sum = 0;
    for (const g of this.groupOrder) sum += this.groupBalance(g, day);
    return sum;
  }

  /**
   * Every 已确认 confirmation whose confirmed balance the ledger no longer agrees with, in
   * confirmation order. A confirmation of an unknown name is checked against balance 0. With
   * `snapshots` (from `snapshot`, taken when the confirmations were recorded), a breach also
   * lists exactly which movements were added and removed since.
   */
  checkConfirmations(snapshots: readonly ConfirmationSnapshot[] = []): ConfirmationBreach[] {
    const out: ConfirmationBreach[] = [];
    for (const c of this.confirmations) {
      if (c.status !== "已确认") continue;
      const currentFen = this.balance(c.customer, c.asOf);
      if (currentFen === c.balanceFen) continue;
      const differenceFen = currentFen - c.balanceFen;
      const upTo = this.movements(c.customer, undefined, c.asOf);
      const suspects = upTo.filter((m) => m.amountFen === differenceFen);
      const key = this.key(c.customer);
      const snap = snapshots.find((s) => s.asOf === c.asOf && this.key(s.customer) === key);
      const breach: ConfirmationBreach = { customer: c.customer, asOf: c.asOf, confirmedFen: c.balanceFen, currentFen, differenceFen, confirmation: c, suspects };
      out.push(snap ? { ...breach, changes: diffMovements(snap.movements, upTo) } : breach);
    }
    return out;
  }

  /**
   * The movements behind a customer's balance at `asOf`, to keep with a confirmation.
   * @example ledger.snapshot("长沙华兴", "2025-03-25").movements.length
   */
  snapshot(customer: string, asOf: string): ConfirmationSnapshot {
    return { customer, asOf, movements: this.movements(customer, undefined, asOf).map(movementFingerprint) };
  }

  private groupBalance(g: Group, day: number): number {
    const opening = g.openingDay === 0 || day >= g.openingDay ? g.openingFen : 0;
    const n = countUpTo(g.mvDays, day);
    return opening + (n === 0 ? 0 : (g.mvCum[n - 1] as number));
  }

  private pickOrders(ids: readonly number[], query: OrderQuery): OrderLine[] {
    const out: OrderLine[] = [];
    for (const i of ids) {
      const o = this.orders[i] as OrderLine;
      if (query.includeCancelled || o.status !== "已取消") out.push(o);
    }
    return out;
  }

  private amountOfId(id: number): number {
    const nO = this.orders.length;
    const nR = this.returns.length;
    if (id < nO) return (this.orders[id] as OrderLine).amountFen;
    if (id < nO + nR) return -(this.returns[id - nO] as ReturnRecord).amountFen;
    return -(this.payments[id - nO - nR] as Payment).amountFen;
  }

  private movementOf(id: number): Movement {
    const nO = this.orders.length;
    const nR = this.returns.length;
    if (id < nO) {
      const o = this.orders[id] as OrderLine;
      return clean({
        date: o.shipDate ?? o.date,
        // A negative quantity is goods back; a negative amount without one is a credit (price adjustment, 折让).
        kind: o.qty < 0 ? "return" : o.amountFen < 0 ? "allowance" : "sale",
        ref: o.orderNo,
        model: o.model,
        qty: o.qty,
        priceFen: o.priceFen,
        amountFen: o.amountFen,
        notes: o.notes,
        source: o.source,
        record: { table: "orders", index: id },
      });
    }
    if (id < nO + nR) {
      const r = this.returns[id - nO] as ReturnRecord;
      return clean({
        date: r.date,
        kind: "return",
        ref: r.orderNo,
        model: r.model,
        qty: r.qty === undefined ? undefined : -Math.abs(r.qty),
        amountFen: -r.amountFen,
        notes: r.reason,
        source: r.source,
        record: { table: "returns", index: id - nO },
      });
    }
    const p = this.payments[id - nO - nR] as Payment;
    return clean({
      date: p.date,
      kind: p.allowance ? "allowance" : "payment",
      ref: p.ref,
      amountFen: -p.amountFen,
      notes: p.notes,
      source: p.source,
      record: { table: "payments", index: id - nO - nR },
    });
  }

  private key(s: string): string {
    let k = this.keyCache.get(s);
    if (k === undefined) {
      k = nameKey(s);
      this.keyCache.set(s, k);
    }
    return k;
  }

  private group(name: string): Group {
    const key = this.key(name);
    let g = this.groups.get(key);
    if (!g) {
      g = {
        key,
        index: this.groupOrder.length,
        count: 0,
        name,
        customer: undefined,
        openingFen: 0,
        openingDay: 0,
        orders: [],
        payments: [],
        returns: [],
        mvIds: new Int32Array(0),
        mvDays: new Int32Array(0),
        mvCum: new Float64Array(0),
        beforeOpening: 0,
      };
      this.groups.set(key, g);
      this.groupOrder.push(g);
    }
    return g;
  }
}

/** Multiset difference: movements not in `before`, and fingerprints of `before` no longer present. */
function diffMovements(before: readonly string[], now: readonly Movement[]): { added: Movement[]; removed: string[] } {
  const left = new Map<string, number>();
  for (const f of before) left.set(f, (left.get(f) ?? 0) + 1);
  const added: Movement[] = [];
  for (const m of now) {
    const f = movementFingerprint(m);
    const n = left.get(f) ?? 0;
    if (n > 0) left.set(f, n - 1);
    else added.push(m);
  }
  const removed: string[] = [];
  for (const [f, n] of left) for (let i = 0; i < n; i++) removed.push(f);
  return { added, removed };
}

function pushTo(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Drop undefined optional fields so movements compare and print cleanly. */
function clean(m: { [K in keyof Movement]: Movement[K] | undefined }): Movement {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k] = v;
  return out as unknown as Movement;
}
