/**
 * Custom worksheet functions, namespace LEDGER. The JSDoc of each function is the metadata
 * source: CustomFunctionsMetadataPlugin generates `functions.json` (English names and help) from
 * it and appends `CustomFunctions.associate(...)` calls; `functions-zh-CN.json` carries the zh-CN
 * names and help (same ids, checked by test/shell/functions-metadata.test.ts).
 *
 * Live results: the ledger functions are STREAMING functions. Each formula registers its
 * invocation with `LiveFormulas`; when a ledger table changes, the add-in calls
 * `cache.invalidate()`, the index is rebuilt once (debounced) and every formula on the grid is
 * re-evaluated and pushed with `setResult` only if its value changed. Why streaming: a
 * non-volatile function is never recalculated when a table it does not reference changes, and
 * `@volatile` would recompute every LEDGER formula on every edit anywhere in the workbook (and
 * still read a stale index). Excel cancels the stream when the formula is deleted or its
 * arguments change (`onCanceled`), so nothing leaks. DAXIE depends on its argument only and
 * is an ordinary function. Optional parameters are marked `[name]` in the JSDoc and have no
 * TypeScript default: Excel passes `null` for an omitted one (custom-functions-parameter-options.md).
 *
 * Never #BUSY! forever: a ledger read slower than `timeoutMs` first shows #N/A with a message,
 * then the real value when the read completes; every failure becomes #N/A or #VALUE! with a
 * message from the `functions` catalogue. A missing table or failed read is retried every
 * `retryMs`, so formulas typed before the workbook was converted come alive after it is.
 */
import { pickLocale, t, type Locale } from "../src/core/i18n";
import type { Issue, Result } from "../src/core/result";
import * as L from "../src/app/ledger-functions";
import type { LedgerIndexCache, LiveFormulas } from "../src/app/ledger-index-cache";

/** What the functions need from the runtime (set once by the add-in, or by a test). */
export interface FunctionServices {
  readonly cache: LedgerIndexCache;
  readonly live: LiveFormulas;
  /** Today's local civil date `YYYY-MM-DD` (default for BALANCE/AGING `asOf`). */
  readonly today: () => string;
  /** Language of error messages. */
  readonly locale: Locale;
  /** After this many ms of reading the ledger, show a message instead of #BUSY! (default 10 s). */
  readonly timeoutMs?: number;
  /** A formula showing "table missing" or "read failed" tries again after this many ms (default 15 s). */
  readonly retryMs?: number;
}

/** Failures that may go away by themselves (the clerk converts the workbook, Excel recovers). */
const RETRY_CODES = new Set(["functions.missingTable", "functions.loadFailed"]);

let services: FunctionServices | undefined;
/** Formulas Excel evaluated before the add-in was ready: they start once it is. */
let waiting: ((s: FunctionServices) => void)[] = [];

/** Install (or, with undefined, remove) the runtime services; formulas waiting for them start. */
export function configureFunctions(s: FunctionServices | undefined): void {
  services = s;
  if (!s) {
    waiting = [];
    return;
  }
  for (const start of waiting.splice(0)) start(s);
}

/** Office's UI language when Office.js is loaded (it is before any function runs), else undefined: the "not ready" message speaks it. */
function officeDisplayLanguage(): string | undefined {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return office?.context?.displayLanguage;
}

/** Turn an issue into the Excel error it stands for, worded in `locale`. */
export function toExcelError(issue: Issue, locale: Locale): CustomFunctions.Error {
  const params: Record<string, string | number> = { ...(issue.params ?? {}) };
  if (issue.value !== undefined && params.value === undefined) params.value = issue.value;
  const code = L.excelErrorOf(issue) === "notAvailable" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, t(issue.code, params, locale));
}

type Compute<T> = (index: L.FunctionIndex, today: string) => Result<T>;

/**
 * Run a ledger computation as a live (streaming) formula. Before the add-in is ready (Excel may
 * evaluate formulas before Office.onReady), the cell says so and the formula starts when it is.
 */
function stream<T>(invocation: CustomFunctions.StreamingInvocation<T>, compute: Compute<T>): void {
  if (services) {
    run(services, invocation, compute);
    return;
  }
  let cancelled = false;
  invocation.onCanceled = () => {
    cancelled = true;
  };
  invocation.setResult(toExcelError({ code: "functions.notReady" }, pickLocale(officeDisplayLanguage())));
  waiting.push((s) => {
    if (!cancelled) run(s, invocation, compute);
  });
}

function run<T>(s: FunctionServices, invocation: CustomFunctions.StreamingInvocation<T>, compute: Compute<T>): void {
  let last: string | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const emit = (value: T | CustomFunctions.Error): void => {
    const key = value instanceof CustomFunctions.Error ? `E${value.code}:${value.message ?? ""}` : `V${JSON.stringify(value)}`;
    if (key === last) return;
    last = key;
    invocation.setResult(value);
  };
  const fail = (issue: Issue): void => {
    emit(toExcelError(issue, s.locale));
    if (RETRY_CODES.has(issue.code) && !cancelled && retry === undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        if (!cancelled) void evaluate();
      }, s.retryMs ?? 15_000);
    }
  };
  const answer = (index: L.FunctionIndex): void => {
    const r = compute(index, s.today());
    if (r.ok) emit(r.value);
    else fail(r.issues[0] ?? { code: "functions.loadFailed", params: { message: "" } });
  };
  const evaluate = async (): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const ready = s.cache.peek();
      if (ready) return answer(ready); // the usual case: no timer, no promise per formula
      const built = s.cache.get();
      const slow = new Promise<"slow">((resolve) => {
        timer = setTimeout(() => resolve("slow"), s.timeoutMs ?? 10_000);
      });
      if ((await Promise.race([built, slow])) === "slow") fail({ code: "functions.loadTimeout" });
      const index = await built;
      if (!index.ok) return fail(index.issues[0] ?? { code: "functions.loadFailed", params: { message: "" } });
      answer(index.value);
    } catch (e) {
      // A bug must still end the formula's #BUSY!: show it in the cell rather than hang.
      fail({ code: "functions.loadFailed", params: { message: e instanceof Error ? e.message : String(e) } });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };
  const remove = s.live.add(evaluate);
  invocation.onCanceled = () => {
    cancelled = true;
    if (retry !== undefined) clearTimeout(retry);
    remove();
  };
}

/**
 * Sales amount of a customer (yuan), by order date; cancelled lines excluded, return lines netted.
 * @customfunction SALES
 * @param customer Customer name or customer code.
 * @param [model] Product model; leave empty for all models.
 * @param [from] First order date (inclusive): a date or text such as 2025-03-01; empty for no limit.
 * @param [to] Last order date (inclusive); empty for no limit.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function sales(customer: string, model: string, from: number | string, to: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index) => L.sales(index, customer, model, from, to));
}

/**
 * Quantity sold to a customer, by order date; cancelled lines excluded, return lines netted.
 * @customfunction QTY
 * @param customer Customer name or customer code.
 * @param [model] Product model; leave empty for all models.
 * @param [from] First order date (inclusive); empty for no limit.
 * @param [to] Last order date (inclusive); empty for no limit.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function qty(customer: string, model: string, from: number | string, to: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index) => L.qty(index, customer, model, from, to));
}

/**
 * Money collected from a customer (yuan), by payment date; allowances (discounts) excluded.
 * @customfunction COLLECTED
 * @param customer Customer name or customer code.
 * @param [from] First payment date (inclusive); empty for no limit.
 * @param [to] Last payment date (inclusive); empty for no limit.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function collected(customer: string, from: number | string, to: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index) => L.collected(index, customer, from, to));
}

/**
 * Receivable balance of a customer (yuan) at the end of a day: opening + sales - returns - payments - allowances.
 * @customfunction BALANCE
 * @param customer Customer name or customer code.
 * @param [asOf] Balance date (inclusive); empty for today.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function balance(customer: string, asOf: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index, today) => L.balance(index, customer, asOf, today));
}

/**
 * Part of a customer's balance (yuan) in one aging bucket, days past due (due = ship date + payment days).
 * @customfunction AGING
 * @param customer Customer name or customer code.
 * @param bucket current, 1-30, 31-60, 61-90, 91-120, 120+ or total.
 * @param [asOf] Aging date; empty for today.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function aging(customer: string, bucket: string, asOf: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index, today) => L.aging(index, customer, bucket, asOf, today));
}

/**
 * Status of an order: the least advanced status of its lines that are not cancelled.
 * @customfunction ORDERSTATUS
 * @param orderNo Order number.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function orderStatus(orderNo: string, invocation: CustomFunctions.StreamingInvocation<string>): void {
  stream(invocation, (index) => L.orderStatus(index, orderNo));
}

/**
 * Date of a customer's latest order that is not cancelled (format the cell as a date).
 * @customfunction LASTORDER
 * @param customer Customer name or customer code.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function lastOrder(customer: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, (index) => L.lastOrder(index, customer));
}

/**
 * The customers with the largest sales in a period: rows of customer and amount (yuan), spilling down.
 * @customfunction TOPCUSTOMERS
 * @param n How many customers (1 to 1000).
 * @param [from] First order date (inclusive); empty for no limit.
 * @param [to] Last order date (inclusive); empty for no limit.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function topCustomers(n: number, from: number | string, to: number | string, invocation: CustomFunctions.StreamingInvocation<Array<Array<string | number>>>): void {
  stream(invocation, (index) => L.topCustomers(index, n, from, to));
}

/**
 * An amount in Chinese uppercase (RMB daxie), e.g. 1234.56 gives 壹仟贰佰叁拾肆元伍角陆分.
 * @customfunction DAXIE
 * @param amount Amount in yuan: a number or text such as ¥1,234.56.
 * @returns The amount in RMB uppercase.
 */
export function daxie(amount: number | string): string {
  const r = L.daxie(amount);
  if (r.ok) return r.value;
  throw toExcelError(r.issues[0] ?? { code: "functions.badAmount", value: String(amount) }, services?.locale ?? "zh-CN");
}
