/**
 * The LEDGER.* worksheet functions as pure functions over a `FunctionIndex`: the index is built
 * once from a `Ledger` (per-customer arrays sorted by date with prefix sums), so each call is a
 * binary search — O(log n) — or a map look-up. Arguments arrive as Excel passes them (`unknown`:
 * numbers, text, null for an omitted optional argument); results are numbers in yuan, text, or a
 * 2-D array. Failures are `Result` issues with codes of the i18n area `functions`;
 * `excelErrorOf` says which Excel error (#N/A or #VALUE!) each one becomes.
 *
 * Definitions (stated once, used by every function):
 * - SALES/QTY: order lines by ORDER date, 已取消 lines excluded, negative lines (returns written in
 *   the orders table) netted in — the same basis as the daily/monthly reports' customer × model rows.
 * - COLLECTED: payments by payment date; 折让 (allowances) are not collections and are excluded.
 * - BALANCE/AGING: the receivable (ship date, else order date), exactly `Ledger.balance`.
 */
import type { Ledger } from "../core/ledger";
import type { Issue, Result } from "../core/result";
import { fail, ok } from "../core/result";
import type { OrderLine, OrderStatus } from "../core/schemas/records";
import { LEDGER_TABLES, type LedgerTableKind } from "../core/ledger-tables";
import { isoToExcelSerial, parseDate } from "../core/dates";
import { fenToYuan, parseMoney } from "../core/money";
import { toRmbUpper } from "../core/rmb-uppercase";
import { customerAging } from "../core/reports/aging";
import type { AgingBuckets, BUCKET_KEYS } from "../core/reports/types";
import { isBlank, nameKey, normalizeText } from "../core/text";
import { countUpTo, dayNumber, isoOfDayNumber } from "../core/day-number";

/** One aging bucket, as in the aging report and the CLI JSON (`buckets`). */
export type AgingBucket = (typeof BUCKET_KEYS)[number];

/** A customer's balance split into aging buckets (fen); the buckets sum to the balance. */
export type AgingSplit = AgingBuckets;

/** How to age one customer's balance at `asOf` (fen per bucket). */
export type AgingOf = (ledger: Ledger, customer: string, asOf: string) => AgingSplit;

/**
 * The aging report's own computation (src/core/reports/aging.ts, FIFO, due = receivable date +
 * payment days), so LEDGER.AGING and the aging report can never disagree.
 */
export const reportAging: AgingOf = (ledger, customer, asOf) => customerAging(ledger, customer, asOf).buckets;

/** Which Excel error an issue becomes. `#N/A`: the thing is not there; `#VALUE!`: a bad argument. */
export type ExcelErrorKind = "notAvailable" | "invalidValue";

/** Codes that mean "not found / not available" (→ #N/A); every other code is a bad argument (→ #VALUE!). */
const NOT_AVAILABLE = new Set([
  "functions.unknownCustomer",
  "functions.unknownModel",
  "functions.unknownOrder",
  "functions.noOrders",
  "functions.noSales",
  "functions.missingTable",
  "functions.loadFailed",
  "functions.loadTimeout",
  "functions.notReady",
]);

/**
 * The Excel error kind of a function issue.
 * @example excelErrorOf({ code: "functions.unknownCustomer" }) // "notAvailable"
 */
export function excelErrorOf(issue: Issue): ExcelErrorKind {
  return NOT_AVAILABLE.has(issue.code) ? "notAvailable" : "invalidValue";
}


/** Dated amounts sorted by day with prefix sums: Σ over any date range in O(log n). */
class Series {
  readonly days: Int32Array;
  /** cum[i] = Σ amount of entries 0..i-1 (cum[0] = 0). */
  private readonly cumFen: Float64Array;
  private readonly cumQty: Float64Array;

  constructor(entries: readonly { readonly day: number; readonly fen: number; readonly qty: number }[]) {
    const sorted = [...entries].sort((a, b) => a.day - b.day);
    this.days = new Int32Array(sorted.length);
    this.cumFen = new Float64Array(sorted.length + 1);
    this.cumQty = new Float64Array(sorted.length + 1);
    sorted.forEach((e, i) => {
      this.days[i] = e.day;
      this.cumFen[i + 1] = (this.cumFen[i] as number) + e.fen;
      this.cumQty[i + 1] = (this.cumQty[i] as number) + e.qty;
    });
  }

  /** Σ fen and qty of entries dated in [fromDay, toDay]. */
  between(fromDay: number, toDay: number): { fen: number; qty: number } {
    if (fromDay > toDay) return { fen: 0, qty: 0 };
    const a = countUpTo(this.days, fromDay - 1);
    const b = countUpTo(this.days, toDay);
    return { fen: (this.cumFen[b] as number) - (this.cumFen[a] as number), qty: (this.cumQty[b] as number) - (this.cumQty[a] as number) };
  }

  /** Last day of any entry, or 0 when empty. */
  lastDay(): number {
    return this.days.length ? (this.days[this.days.length - 1] as number) : 0;
  }
}

interface CustomerEntry {
  readonly name: string;
  readonly sales: Series;
  readonly salesByModel: ReadonlyMap<string, Series>;
  readonly collected: Series;
}

/** Options of `FunctionIndex.build`. */
export interface FunctionIndexOptions {
  /** Workbook uses the 1904 date system (serial arguments and LASTORDER results follow it). */
  readonly date1904?: boolean;
  /** Ledger tables that were not found in the workbook (functions needing them say which). */
  readonly missingTables?: readonly LedgerTableKind[];
  /** The aging computation; default `reportAging` (the aging report's). */
  readonly agingOf?: AgingOf;
}

const MIN_DAY = 0;
const MAX_DAY = 99991231;
/** Ranking sizes TOPCUSTOMERS accepts. */
export const MAX_TOP = 1000;

/**
 * Everything the worksheet functions read, built once from a Ledger. Immutable except for small
 * memo tables (aging per customer/date, rankings per period), which die with the index when the
 * cache invalidates it.
 */
export class FunctionIndex {
  readonly ledger: Ledger;
  readonly date1904: boolean;
  readonly missingTables: readonly LedgerTableKind[];
  private readonly agingOf: AgingOf;
  private readonly byKey = new Map<string, CustomerEntry>();
  private readonly byCode = new Map<string, CustomerEntry>();
  private readonly modelKeys = new Set<string>();
  private readonly agingMemo = new Map<string, AgingSplit>();
  private readonly rankingMemo = new Map<string, readonly (readonly [string, number])[]>();

  private constructor(ledger: Ledger, opts: FunctionIndexOptions) {
    this.ledger = ledger;
    this.date1904 = opts.date1904 ?? false;
    this.missingTables = opts.missingTables ?? [];
    this.agingOf = opts.agingOf ?? reportAging;
    type Entry = { day: number; fen: number; qty: number };
    const sales = new Map<string, Entry[]>();
    const salesByModel = new Map<string, Map<string, Entry[]>>();
    const collected = new Map<string, Entry[]>();
    const push = <K>(m: Map<K, Entry[]>, k: K, e: Entry): void => {
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    };
    for (const o of ledger.orders) {
      const mk = nameKey(o.model);
      this.modelKeys.add(mk);
      if (o.status === "已取消") continue;
      const ck = nameKey(o.customer);
      const e = { day: dayNumber(o.date), fen: o.amountFen, qty: o.qty };
      push(sales, ck, e);
      let models = salesByModel.get(ck);
      if (!models) salesByModel.set(ck, (models = new Map()));
      push(models, mk, e);
    }
    for (const p of ledger.payments) {
      if (p.allowance) continue;
      push(collected, nameKey(p.customer), { day: dayNumber(p.date), fen: p.amountFen, qty: 0 });
    }
    for (const p of ledger.products) this.modelKeys.add(nameKey(p.model));
    for (const name of ledger.customerNames()) {
      const key = nameKey(name);
      if (this.byKey.has(key)) continue;
      const models = new Map<string, Series>();
      for (const [mk, list] of salesByModel.get(key) ?? []) models.set(mk, new Series(list));
      this.byKey.set(key, { name, sales: new Series(sales.get(key) ?? []), salesByModel: models, collected: new Series(collected.get(key) ?? []) });
    }
    for (const c of ledger.customers) {
      const entry = this.byKey.get(nameKey(c.name));
      if (c.code && entry && !isBlank(c.code)) this.byCode.set(nameKey(c.code), entry);
    }
  }

  /**
   * Build the index (O(n log n) once).
   * @example const index = FunctionIndex.build(Ledger.build(input), { date1904: false });
   */
  static build(ledger: Ledger, opts: FunctionIndexOptions = {}): FunctionIndex {
    return new FunctionIndex(ledger, opts);
  }

  /** The customer a clerk typed (any spelling `nameKey` unifies, or the customer code). */
  customer(raw: string): CustomerEntry | undefined {
    const key = nameKey(raw);
    return this.byKey.get(key) ?? this.byCode.get(key);
  }

  /** True when the model occurs in the products table or in any order line. */
  knowsModel(raw: string): boolean {
    return this.modelKeys.has(nameKey(raw));
  }

  /** Every customer entry, in the ledger's customer order. */
  customers(): IterableIterator<CustomerEntry> {
    return this.byKey.values();
  }

  /** Memoized aging split of one customer. */
  aging(name: string, asOf: string): AgingSplit {
    const key = `${name}\u0000${asOf}`;
    let split = this.agingMemo.get(key);
    if (!split) {
      split = this.agingOf(this.ledger, name, asOf);
      this.agingMemo.set(key, split);
    }
    return split;
  }

  /** Memoized ranking of customers by sales in [fromDay, toDay] (positive sales only, largest first). */
  ranking(fromDay: number, toDay: number): readonly (readonly [string, number])[] {
    const key = `${fromDay}-${toDay}`;
    let rows = this.rankingMemo.get(key);
    if (!rows) {
      const all: [string, number][] = [];
      for (const c of this.byKey.values()) {
        const fen = c.sales.between(fromDay, toDay).fen;
        if (fen > 0) all.push([c.name, fen]);
      }
      all.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      rows = all;
      this.rankingMemo.set(key, rows);
    }
    return rows;
  }
}

// ---------------------------------------------------------------------------------------------
// Argument parsing: Excel passes numbers (serial dates too), text, booleans, or null when omitted.

/** True for an omitted optional argument (Excel passes null; a blank cell arrives as "" or 0-length). */
function omitted(raw: unknown): boolean {
  return raw === undefined || raw === null || isBlank(raw);
}

function shown(raw: unknown): string {
  return typeof raw === "string" ? raw : JSON.stringify(raw) ?? String(raw);
}

/** A required text argument (numbers become text: customer codes and order numbers are often digits). */
function textArg(raw: unknown, code: string): Result<string> {
  if (typeof raw === "number" && Number.isFinite(raw)) return ok(String(raw));
  if (typeof raw !== "string" || isBlank(raw)) return fail({ code, value: raw === null || raw === undefined ? "" : shown(raw) });
  return ok(normalizeText(raw));
}

/** An optional date argument as a day number; `fallback` when omitted. Serial numbers or text. */
function dateArg(raw: unknown, fallback: number, date1904: boolean): Result<number> {
  if (omitted(raw)) return ok(fallback);
  if (typeof raw !== "number" && typeof raw !== "string") return fail({ code: "functions.badDate", value: shown(raw) });
  const r = parseDate(raw, { date1904 });
  if (!r.ok) return r; // the dates module says what is wrong (impossible date, needs a year, …)
  return ok(dayNumber(r.value));
}

function periodArgs(from: unknown, to: unknown, date1904: boolean): Result<{ from: number; to: number }> {
  const f = dateArg(from, MIN_DAY, date1904);
  if (!f.ok) return f;
  const t = dateArg(to, MAX_DAY, date1904);
  if (!t.ok) return t;
  if (f.value > t.value) return fail({ code: "functions.badPeriod", params: { from: isoOfDayNumber(f.value), to: isoOfDayNumber(t.value) } });
  return ok({ from: f.value, to: t.value });
}

function needTables(index: FunctionIndex, kinds: readonly LedgerTableKind[]): Result<true> {
  const missing = kinds.find((k) => index.missingTables.includes(k));
  if (!missing) return ok(true);
  const def = LEDGER_TABLES[missing];
  return fail({ code: "functions.missingTable", params: { sheet: def.sheetName, table: def.tableName } });
}

function customerArg(index: FunctionIndex, raw: unknown): Result<CustomerEntry> {
  const name = textArg(raw, "functions.customerRequired");
  if (!name.ok) return name;
  const entry = index.customer(name.value);
  return entry ? ok(entry) : fail({ code: "functions.unknownCustomer", params: { customer: name.value } });
}

/** Yuan for Excel, from fen (a sum of integers, so exact). */
function yuan(fen: number): number {
  return fenToYuan(fen);
}

/** Remove float noise from a sum of quantities (e.g. 0.1 + 0.2). */
function cleanQty(q: number): number {
  return Math.round(q * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// The functions. Each takes the raw Excel arguments; `today` is the caller's civil date.

function salesSeries(index: FunctionIndex, customer: unknown, model: unknown): Result<{ series: Series | undefined }> {
  const tables = needTables(index, ["orders"]);
  if (!tables.ok) return tables;
  const c = customerArg(index, customer);
  if (!c.ok) return c;
  if (omitted(model)) return ok({ series: c.value.sales });
  const m = textArg(model, "functions.badModel");
  if (!m.ok) return m;
  if (!index.knowsModel(m.value)) return fail({ code: "functions.unknownModel", params: { model: m.value } });
  return ok({ series: c.value.salesByModel.get(nameKey(m.value)) });
}

/**
 * LEDGER.SALES: a customer's sales amount (yuan) by order date, optionally one model and a period.
 * @example sales(index, "长沙华兴", null, "2025-03-01", "2025-03-31") // { ok: true, value: 12345.6 }
 */
export function sales(index: FunctionIndex, customer: unknown, model: unknown, from: unknown, to: unknown): Result<number> {
  const s = salesSeries(index, customer, model);
  if (!s.ok) return s;
  const p = periodArgs(from, to, index.date1904);
  if (!p.ok) return p;
  return ok(yuan(s.value.series?.between(p.value.from, p.value.to).fen ?? 0));
}

/** LEDGER.QTY: quantity sold, same arguments and basis as SALES. */
export function qty(index: FunctionIndex, customer: unknown, model: unknown, from: unknown, to: unknown): Result<number> {
  const s = salesSeries(index, customer, model);
  if (!s.ok) return s;
  const p = periodArgs(from, to, index.date1904);
  if (!p.ok) return p;
  return ok(cleanQty(s.value.series?.between(p.value.from, p.value.to).qty ?? 0));
}

/** LEDGER.COLLECTED: money received (yuan) from a customer by payment date; allowances excluded. */
export function collected(index: FunctionIndex, customer: unknown, from: unknown, to: unknown): Result<number> {
  const tables = needTables(index, ["payments"]);
  if (!tables.ok) return tables;
  const c = customerArg(index, customer);
  if (!c.ok) return c;
  const p = periodArgs(from, to, index.date1904);
  if (!p.ok) return p;
  return ok(yuan(c.value.collected.between(p.value.from, p.value.to).fen));
}

/** LEDGER.BALANCE: receivable (yuan) at the end of `asOf` (default today), as `Ledger.balance`. */
export function balance(index: FunctionIndex, customer: unknown, asOf: unknown, today: string): Result<number> {
  const tables = needTables(index, ["orders", "payments", "returns"]);
  if (!tables.ok) return tables;
  const c = customerArg(index, customer);
  if (!c.ok) return c;
  const d = dateArg(asOf, dayNumber(today), index.date1904);
  if (!d.ok) return d;
  return ok(yuan(index.ledger.balance(c.value.name, isoOfDayNumber(d.value))));
}

const BUCKET_ALIASES: Readonly<Record<string, AgingBucket | "total">> = {
  current: "current", "未到期": "current", "0": "current",
  "1-30": "1-30", "31-60": "31-60", "61-90": "61-90", "91-120": "91-120",
  "120+": "120+", ">120": "120+", "120以上": "120+", "120天以上": "120+", "over120": "120+",
  total: "total", "合计": "total", "余额": "total",
};

/** Parse an aging bucket argument: `current`/未到期, `1-30`, `31-60`, `61-90`, `91-120`, `120+`, or `total`/合计. */
export function parseBucket(raw: unknown): Result<AgingBucket | "total"> {
  if (typeof raw !== "string" && typeof raw !== "number") return fail({ code: "functions.badBucket", value: raw === null || raw === undefined ? "" : shown(raw) });
  const key = normalizeText(String(raw)).toLowerCase().replace(/\s/g, "").replace(/天$/, "").replace(/[～~—–]/g, "-");
  const bucket = BUCKET_ALIASES[key];
  return bucket ? ok(bucket) : fail({ code: "functions.badBucket", value: String(raw) });
}

/** LEDGER.AGING: the part of a customer's balance (yuan) in one aging bucket at `asOf` (default today). */
export function aging(index: FunctionIndex, customer: unknown, bucket: unknown, asOf: unknown, today: string): Result<number> {
  const tables = needTables(index, ["orders", "payments", "returns"]);
  if (!tables.ok) return tables;
  const c = customerArg(index, customer);
  if (!c.ok) return c;
  const b = parseBucket(bucket);
  if (!b.ok) return b;
  const d = dateArg(asOf, dayNumber(today), index.date1904);
  if (!d.ok) return d;
  const asOfIso = isoOfDayNumber(d.value);
  if (b.value === "total") return ok(yuan(index.ledger.balance(c.value.name, asOfIso)));
  return ok(yuan(index.aging(c.value.name, asOfIso)[b.value]));
}

const STATUS_ORDER: readonly OrderStatus[] = ["已接单", "已确认", "已发货", "已签收"];

/**
 * LEDGER.ORDERSTATUS: an order's status. An order is only as far along as its least advanced
 * live line; 已取消 only when every line is cancelled.
 */
export function orderStatus(index: FunctionIndex, orderNo: unknown): Result<string> {
  const tables = needTables(index, ["orders"]);
  if (!tables.ok) return tables;
  const no = textArg(orderNo, "functions.orderNoRequired");
  if (!no.ok) return no;
  const lines: OrderLine[] = index.ledger.findOrder(no.value);
  if (lines.length === 0) return fail({ code: "functions.unknownOrder", params: { orderNo: no.value } });
  let rank = Infinity;
  for (const l of lines) {
    const r = STATUS_ORDER.indexOf(l.status);
    if (r >= 0 && r < rank) rank = r;
  }
  return ok(rank === Infinity ? "已取消" : (STATUS_ORDER[rank] as string));
}

/**
 * LEDGER.DAXIE: an amount in RMB uppercase (大写), e.g. 1234.56 → 壹仟贰佰叁拾肆元伍角陆分.
 * Accepts numbers (yuan) and money text (`¥1,234.56`).
 */
export function daxie(amount: unknown): Result<string> {
  if (omitted(amount) || typeof amount === "boolean") return fail({ code: "functions.badAmount", value: amount === null || amount === undefined ? "" : shown(amount) });
  const fen = parseMoney(amount);
  if (!fen.ok) return fen; // the money module says what is wrong
  return ok(toRmbUpper(fen.value));
}

/** LEDGER.LASTORDER: date of the customer's latest (not cancelled) order, as an Excel date serial. */
export function lastOrder(index: FunctionIndex, customer: unknown): Result<number> {
  const tables = needTables(index, ["orders"]);
  if (!tables.ok) return tables;
  const c = customerArg(index, customer);
  if (!c.ok) return c;
  const day = c.value.sales.lastDay();
  if (day === 0) return fail({ code: "functions.noOrders", params: { customer: c.value.name } });
  return ok(isoToExcelSerial(isoOfDayNumber(day), index.date1904));
}

/**
 * LEDGER.TOPCUSTOMERS: the `n` customers with the largest sales in the period, as rows
 * `[customer, amount (yuan)]` (a dynamic array spilling down).
 */
export function topCustomers(index: FunctionIndex, n: unknown, from: unknown, to: unknown): Result<(string | number)[][]> {
  const tables = needTables(index, ["orders"]);
  if (!tables.ok) return tables;
  const count = typeof n === "string" && !isBlank(n) ? Number(normalizeText(n)) : n;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_TOP) return fail({ code: "functions.badTopN", value: omitted(n) ? "" : shown(n), params: { max: MAX_TOP } });
  const p = periodArgs(from, to, index.date1904);
  if (!p.ok) return p;
  const rows = index.ranking(p.value.from, p.value.to).slice(0, count);
  if (rows.length === 0) return fail({ code: "functions.noSales" });
  return ok(rows.map(([name, fen]) => [name, yuan(fen)]));
}
