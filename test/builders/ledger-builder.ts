/**
 * Ledger fixtures for tests: one-record builders with sensible defaults (`aCustomer`, `anOrder`, …),
 * a fast-check arbitrary of whole ledgers (`arbLedgerInput`), a seeded one-off (`buildLedgerInput`)
 * and a large deterministic ledger for sizing checks (`bigLedgerInput`).
 */
import fc from "fast-check";
import type { Confirmation, Customer, LedgerInput, OrderLine, OrderStatus, Payment, PaymentTerms, Product, ReturnRecord } from "../../src/core/schemas/records";

/** `2025-01-01` + n days, as ISO (UTC arithmetic; tests only). */
export function isoPlus(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A customer; only `name` is usually worth giving. */
export function aCustomer(over: Partial<Customer> & { name: string }): Customer {
  return { openingBalanceFen: 0, derived: false, ...over };
}

/** A product. */
export function aProduct(over: Partial<Product> & { model: string }): Product {
  return { needsApproval: false, derived: false, ...over };
}

/** An order line; amount defaults to price × qty. */
export function anOrder(over: Partial<OrderLine> & { customer: string; date: string }): OrderLine {
  const qty = over.qty ?? 1;
  const priceFen = over.priceFen ?? 10000;
  return { model: "M-1", qty, priceFen, amountFen: Math.round(priceFen * qty), status: "已确认", ...over };
}

/** A payment (set `allowance: true` for a 折让). */
export function aPayment(over: Partial<Payment> & { customer: string; date: string; amountFen: number }): Payment {
  return { allowance: false, ...over };
}

/** A returns-table record (positive credited amount). */
export function aReturn(over: Partial<ReturnRecord> & { customer: string; date: string; amountFen: number }): ReturnRecord {
  return { ...over };
}

/** A confirmation, confirmed (已确认) by default. */
export function aConfirmation(over: Partial<Confirmation> & { customer: string; asOf: string; balanceFen: number }): Confirmation {
  return { status: "已确认", ...over };
}

/** A LedgerInput with empty tables, overridden by `over`. */
export function ledgerInput(over: Partial<LedgerInput> = {}): LedgerInput {
  return { customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [], ...over };
}

/** Master names the arbitraries draw from. */
export const CUSTOMER_POOL = ["长沙华兴商贸", "郑州宏达（集团）", "西安秦川电器", "武汉江城五金", "Acme Trading"] as const;
/** Spellings of pool names as clerks type them in transaction rows (same `nameKey`). */
export const CUSTOMER_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  "郑州宏达（集团）": ["郑州宏达(集团)", "郑州宏达 （集团）"],
  "Acme Trading": ["ACME TRADING", "acme  trading"],
};
/** Names that only ever occur in transactions (never in the master). */
export const STRAY_CUSTOMERS = ["散户王五"] as const;
/** Models the arbitraries draw from. */
export const MODEL_POOL = ["XY-100", "XY-200", "ZK-5", "定制-9"] as const;

const STATUSES: readonly OrderStatus[] = ["已接单", "已确认", "已发货", "已签收", "已取消"];
const TERMS: readonly PaymentTerms[] = ["月结", "款到发货", "现结"];

/** Options of `arbLedgerInput`. */
export interface ArbLedgerOptions {
  readonly maxOrders?: number;
  readonly maxPayments?: number;
  readonly maxReturns?: number;
  /** First day of the generated period (default 2025-01-01); dates span `days` days from it. */
  readonly start?: string;
  readonly days?: number;
  /** Allow opening dates on customers (default true). */
  readonly openingDates?: boolean;
}

/**
 * Whole ledgers: a master of 1–5 customers (terms, credit limits, opening balances, sometimes an
 * opening date), products, order lines (returns as negative lines, cancelled lines, ship dates),
 * payments and allowances, returns-table records. Transaction rows spell names in variants and
 * sometimes name a customer missing from the master. No confirmations (derive them in the test).
 */
export function arbLedgerInput(opts: ArbLedgerOptions = {}): fc.Arbitrary<LedgerInput> {
  const start = opts.start ?? "2025-01-01";
  const days = opts.days ?? 120;
  const arbDate = fc.integer({ min: 0, max: days - 1 }).map((n) => isoPlus(start, n));
  const allNames = [...CUSTOMER_POOL, ...STRAY_CUSTOMERS];
  const arbTxName = fc.constantFrom(...allNames).chain((n) => fc.constantFrom(n, ...(CUSTOMER_VARIANTS[n] ?? [])));
  const arbCustomer = (name: string): fc.Arbitrary<Customer> =>
    fc.record({
      terms: fc.option(fc.constantFrom(...TERMS), { nil: undefined }),
      creditLimitFen: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }),
      paymentDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
      openingBalanceFen: fc.integer({ min: -100_000, max: 5_000_000 }),
      openingDate: opts.openingDates === false ? fc.constant(undefined) : fc.option(arbDate, { nil: undefined, freq: 3 }),
    }).map((r) => {
      const c: Customer = { name, openingBalanceFen: r.openingBalanceFen, derived: false };
      return clean({ ...c, terms: r.terms, creditLimitFen: r.creditLimitFen, paymentDays: r.paymentDays, openingDate: r.openingDate });
    });
  const arbCustomers = fc.subarray([...CUSTOMER_POOL], { minLength: 1 }).chain((names) => fc.tuple(...names.map(arbCustomer)));
  const arbProducts = fc.subarray([...MODEL_POOL], { minLength: 1 }).chain((models) =>
    fc.tuple(...models.map((model) => fc.record({ priceFen: fc.integer({ min: 100, max: 500_000 }), needsApproval: fc.boolean() }).map((r): Product => ({ model, priceFen: r.priceFen, needsApproval: r.needsApproval || model.startsWith("定制"), derived: false })))),
  );
  const arbOrder: fc.Arbitrary<OrderLine> = fc
    .record({
      n: fc.integer({ min: 1, max: 999 }),
      date: arbDate,
      customer: arbTxName,
      model: fc.constantFrom(...MODEL_POOL),
      qty: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) }),
      priceFen: fc.integer({ min: 100, max: 200_000 }),
      status: fc.constantFrom(...STATUSES),
      shipLag: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
    })
    .map((r) =>
      clean({
        orderNo: `XS${r.date.replace(/-/g, "")}-${String(r.n).padStart(3, "0")}`,
        date: r.date,
        customer: r.customer,
        model: r.model,
        qty: r.qty,
        priceFen: r.priceFen,
        amountFen: r.priceFen * r.qty,
        status: r.status,
        shipDate: r.shipLag === undefined ? undefined : isoPlus(r.date, r.shipLag),
      }),
    );
  const arbPayment: fc.Arbitrary<Payment> = fc.record({ date: arbDate, customer: arbTxName, amountFen: fc.integer({ min: 1, max: 3_000_000 }), allowance: fc.boolean() });
  const arbReturn: fc.Arbitrary<ReturnRecord> = fc.record({ date: arbDate, customer: arbTxName, amountFen: fc.integer({ min: 1, max: 500_000 }), model: fc.constantFrom(...MODEL_POOL), qty: fc.integer({ min: 1, max: 5 }) });
  return fc
    .record({
      customers: arbCustomers,
      products: arbProducts,
      orders: fc.array(arbOrder, { maxLength: opts.maxOrders ?? 40 }),
      payments: fc.array(arbPayment, { maxLength: opts.maxPayments ?? 15 }),
      returns: fc.array(arbReturn, { maxLength: opts.maxReturns ?? 5 }),
    })
    .map((r): LedgerInput => ({ ...r, confirmations: [] }));
}

/** One deterministic generated ledger (same seed, same ledger). */
export function buildLedgerInput(seed: number, opts: ArbLedgerOptions = {}): LedgerInput {
  const [input] = fc.sample(arbLedgerInput(opts), { seed, numRuns: 1 });
  if (!input) throw new Error("buildLedgerInput: no sample");
  return input;
}

/**
 * A large ledger for sizing checks and benchmarks, without fast-check (fast for a million lines):
 * `customers` customers, `orders` lines over 2024–2025, a payment every 5 lines. Deterministic.
 */
export function bigLedgerInput(orders: number, customers = 200, seed = 1): LedgerInput {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const names = Array.from({ length: customers }, (_, i) => `客户${String(i).padStart(4, "0")}`);
  const days = Array.from({ length: 730 }, (_, i) => isoPlus("2024-01-01", i));
  const cs: Customer[] = names.map((name, i) => ({ name, terms: i % 3 === 0 ? "款到发货" : "月结", openingBalanceFen: i * 100, derived: false }));
  const ps: Product[] = MODEL_POOL.map((model) => ({ model, priceFen: 10_000, needsApproval: false, derived: false }));
  const os: OrderLine[] = new Array<OrderLine>(orders);
  const pays: Payment[] = [];
  for (let i = 0; i < orders; i++) {
    const d = Math.floor(rnd() * 730);
    const qty = 1 + Math.floor(rnd() * 20);
    const customer = names[Math.floor(rnd() * customers)] as string;
    const date = days[d] as string;
    os[i] = { orderNo: `XS${date.replace(/-/g, "")}-${i}`, date, customer, model: MODEL_POOL[i % 4] as string, qty, priceFen: 10_000, amountFen: qty * 10_000, status: i % 50 === 0 ? "已取消" : "已发货", shipDate: days[Math.min(729, d + 2)] as string };
    if (i % 5 === 0) pays.push({ date: days[Math.min(729, d + 10)] as string, customer, amountFen: 50_000, allowance: false });
  }
  return { customers: cs, products: ps, orders: os, payments: pays, returns: [], confirmations: [] };
}

function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
