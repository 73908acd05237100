/**
 * What the entry forms share: the context a form is checked in, field issues, and the readers
 * for form text (quantities, discounts, dates, amounts) that report in the `entry` catalogue.
 */
import { parseDate } from "../dates";
import { t } from "../i18n";
import type { Ledger } from "../ledger";
import { parseMoney } from "../money";
import { fail, ok, type Issue, type Result } from "../result";
import type { Customer } from "../schemas/records";
import { isBlank, normalizeText } from "../text";

/** A form value as typed (numbers when the form already gives one). */
export type DraftValue = string | number | null | undefined;

/** The context a draft is checked in. */
export interface EntryContext {
  /** Today's date `YYYY-MM-DD` (core has no clock): default order/payment date, "future" checks. */
  readonly today: string;
  /** A manager's approval for rules that allow one (`OVERRIDABLE_RULES`); its note is kept on the record. */
  readonly overrides?: { readonly approvalNote?: string };
  /** Settlement cut-off day for 月结 customers (default 25: periods run 26th–25th; 31 = calendar months). */
  readonly cutoffDay?: number;
  /** Adding a further line to an existing order number (same customer) instead of a new order. */
  readonly addLine?: boolean;
}

/** The outcome of a valid draft: the record to append, and warnings to show (approved rules included). */
export interface Entered<T> {
  readonly record: T;
  readonly warnings: readonly Issue[];
}

/** Business rules a manager's approval note can override (the others cannot be overridden). */
export const OVERRIDABLE_RULES: ReadonlySet<string> = new Set([
  "entry.rule.prepaymentRequired",
  "entry.rule.lastPeriodUnpaid",
  "entry.rule.creditLimit",
  "entry.rule.productNeedsApproval",
  "entry.rule.returnExceedsOrder",
]);

/** Far enough ahead to include everything on the books. */
export const ALL_BOOKED = "9999-12-31";

/** An issue on a form field. */
export function fieldIssue(field: string, code: string, value?: DraftValue, params?: Readonly<Record<string, string | number>>, severity?: "error" | "warning"): Issue {
  return {
    code,
    at: { field },
    ...(value !== undefined && value !== null ? { value: String(value) } : {}),
    ...(params ? { params } : {}),
    ...(severity ? { severity } : {}),
  };
}

/** Normalized text, or undefined when blank. */
export function text(v: DraftValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === "number" ? String(v) : v;
  return isBlank(s) ? undefined : normalizeText(s);
}

/** The most characters one Excel cell holds: longer text would be cut off or refused when written. */
export const CELL_TEXT_MAX = 32_767;

/** `32768` → `32,768` (counts in messages). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `entry.text.tooLong` for each of `fields` whose text, as it would be written, is longer than one
 * Excel cell holds (`CELL_TEXT_MAX`), instead of letting Excel cut it off or refuse the row.
 * @example tooLongFields({ notes: "备".repeat(40_000) }, ["notes"]) // [{ code: "entry.text.tooLong", at: { field: "notes" }, params: { length: "40,000", max: "32,767" } }]
 */
export function tooLongFields<D extends object>(draft: D, fields: readonly (keyof D & string)[]): Issue[] {
  return fields.flatMap((field) => {
    const value = draft[field];
    const s = typeof value === "string" || typeof value === "number" ? text(value) : undefined;
    return s !== undefined && s.length > CELL_TEXT_MAX ? [fieldIssue(field, "entry.text.tooLong", undefined, { length: grouped(s.length), max: grouped(CELL_TEXT_MAX) })] : [];
  });
}

/**
 * `entry.approval.tooLong` when `written` (a field's text with the approval note appended) no
 * longer fits one Excel cell, else undefined.
 */
export function approvalTooLong(field: string, written: string | undefined): Issue | undefined {
  if (written === undefined || written.length <= CELL_TEXT_MAX) return undefined;
  return fieldIssue(field, "entry.approval.tooLong", undefined, { length: grouped(written.length), max: grouped(CELL_TEXT_MAX) });
}

/** Units clerks type after a quantity (`10台`, `5 件`, `20pcs`). */
const UNIT_SUFFIX = /\s*(?:件|台|个|套|箱|只|支|把|米|吨|条|张|包|盒|桶|卷|片|块|pcs?)$/i;

/**
 * A quantity: a finite number, commas allowed (`1,200`), full-width digits fine, a trailing unit
 * (`10台`) ignored. Undefined for anything else (`abc`, `1,2`).
 * @example readNumber("１,２００件") // 1200
 */
export function readNumber(v: DraftValue): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const s = text(v)?.replace(UNIT_SUFFIX, "");
  if (s === undefined || !/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(s) || !/\d/.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

const CHINESE_DIGITS: Readonly<Record<string, string>> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/**
 * A discount as the rate paid (0 < rate ≤ 1): `0.9`, `90%`, `9折`, `九折`, `8.5折`, `85折`, `八五折`.
 * Undefined for text that is none of these or a rate outside (0, 1].
 * @example readDiscount("95折") // 0.95
 */
export function readDiscount(v: DraftValue): number | undefined {
  let rate: number | undefined;
  if (typeof v === "number") rate = v;
  else {
    const s = (text(v) ?? "").replace(/[一二三四五六七八九]/g, (c) => CHINESE_DIGITS[c] ?? c);
    const zhe = /^(\d+(?:\.\d+)?)\s*折$/.exec(s);
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
    if (zhe) {
      const n = Number(zhe[1]);
      rate = n < 10 ? n / 10 : n / 100;
    } else if (pct) rate = Number(pct[1]) / 100;
    else if (/^\d*\.?\d+$/.test(s)) rate = Number(s);
  }
  return rate !== undefined && Number.isFinite(rate) && rate > 0 && rate <= 1 ? Math.round(rate * 1e6) / 1e6 : undefined;
}

/** A form date (any way a clerk types it; a year-less date takes today's year); blank → `fallback`. */
export function readDate(field: string, v: DraftValue, today: string, fallback?: string): Result<string | undefined> {
  if (text(v) === undefined) return ok(fallback);
  const r = parseDate(v, { year: Number(today.slice(0, 4)) });
  return r.ok ? r : fail(fieldIssue(field, "entry.date.invalid", v));
}

/** Errors and warnings found while reading a draft, in the order found. */
export interface Found {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

/**
 * The form's customer: required (an error when blank); a name not in the customer master is a
 * warning (the record keeps it as typed, a new customer). `customer` is the master's entry.
 */
export function readCustomer(v: DraftValue, ledger: Ledger, found: Found): { readonly customerText: string | undefined; readonly customer: Customer | undefined } {
  const customerText = text(v);
  const customer = customerText === undefined ? undefined : ledger.findCustomer(customerText);
  if (customerText === undefined) found.errors.push(fieldIssue("customer", "entry.customer.required"));
  else if (!customer) found.warnings.push(fieldIssue("customer", "entry.customer.unknown", customerText, { customer: customerText }, "warning"));
  return { customerText, customer };
}

/** The record's date (field `date`): blank = today; unreadable is an error, after today a warning. */
export function readEntryDate(v: DraftValue, ctx: EntryContext, found: Found): Result<string | undefined> {
  const date = readDate("date", v, ctx.today, ctx.today);
  if (!date.ok) found.errors.push(...date.issues);
  else if (date.value !== undefined && date.value > ctx.today) found.warnings.push(fieldIssue("date", "entry.date.future", date.value, { today: ctx.today }, "warning"));
  return date;
}

/** A form amount in yuan → fen (`1,234.50`, `¥1234.5`, `1234.5元`); blank → undefined. */
export function readMoney(field: string, v: DraftValue): Result<number | undefined> {
  if (text(v) === undefined) return ok(undefined);
  const r = parseMoney(v);
  return r.ok ? r : fail(fieldIssue(field, "entry.amount.invalid", v));
}

/** The approval note, when one was given (blank counts as none). */
export function approvalNote(ctx: EntryContext): string | undefined {
  return text(ctx.overrides?.approvalNote);
}

/**
 * Split rule breaches by the approval note: without one they are errors; with one, the
 * overridable ones become warnings carrying the note and the rest stay errors.
 */
export function applyApproval(breaches: readonly Issue[], ctx: EntryContext): { errors: Issue[]; approved: Issue[] } {
  const note = approvalNote(ctx);
  const errors: Issue[] = [];
  const approved: Issue[] = [];
  for (const b of breaches) {
    if (note !== undefined && OVERRIDABLE_RULES.has(b.code)) approved.push({ ...b, severity: "warning", params: { ...(b.params ?? {}), note } });
    else errors.push({ ...b, severity: "error" });
  }
  return { errors, approved };
}

/** The line's notes with an approval note appended (the tag is catalogue text, in Chinese: ledger data is). */
export function withApproval(notes: string | undefined, note: string | undefined): string | undefined {
  if (note === undefined) return notes;
  const tag = t("entry.approval.tag", { note }, "zh-CN");
  return notes ? `${notes}；${tag}` : tag;
}

/** Drop undefined fields, so the record compares and serializes like a parsed one. */
export function clean<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
