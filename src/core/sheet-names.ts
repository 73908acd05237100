/**
 * Predictable sheet names for the sheets the add-in generates, so re-generating a report finds
 * (and replaces) its own sheet: `日报 2025-03-05`, `月报 2025-03`, `年报 2025`, `账龄 2025-06-30`,
 * `对账单 <customer> <period>`. Names are always Chinese (they are identifiers, not prose) and
 * always legal Excel sheet names: ≤ 31 UTF-16 units, none of `[]:*?/\`, no leading/trailing `'`.
 */

/** Excel's limit on a sheet name, in UTF-16 code units. */
export const MAX_SHEET_NAME = 31;

const FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * Make `raw` a legal sheet name: forbidden characters become `_`, control characters are dropped,
 * leading/trailing apostrophes are removed, and the result is cut to `max` units without splitting
 * a surrogate pair. An empty result becomes `_`.
 * @example sanitizeSheetName("A/B:[C]") // "A_B__C_"
 */
export function sanitizeSheetName(raw: string, max: number = MAX_SHEET_NAME): string {
  // eslint-disable-next-line no-control-regex
  let s = raw.replace(FORBIDDEN, "_").replace(/[\u0000-\u001f\u007f]/g, "").replace(/^'+|'+$/g, "");
  s = truncateUnits(s, max).replace(/'+$/, "");
  return s.length > 0 ? s : "_";
}

/** Cut `s` to at most `max` UTF-16 units, never leaving half a surrogate pair. */
export function truncateUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // high surrogate whose partner would be cut off
  return s.slice(0, cut);
}

/** `日报 2025-03-05` */
export function dailySheetName(date: string): string {
  return sanitizeSheetName(`日报 ${date}`);
}

/** `月报 2025-03` */
export function monthlySheetName(month: string): string {
  return sanitizeSheetName(`月报 ${month}`);
}

/** `年报 2025` */
export function annualSheetName(year: string): string {
  return sanitizeSheetName(`年报 ${year}`);
}

/** `账龄 2025-06-30` */
export function agingSheetName(asOf: string): string {
  return sanitizeSheetName(`账龄 ${asOf}`);
}

/**
 * The period label used in statement names: `2025-03` when `from..to` is a calendar month or a
 * settlement period ending in that month (26th–25th style, i.e. `to` is in the month after `from`
 * and the span is about one month), else `20250301-20250415`.
 * @example statementPeriodLabel("2025-02-26", "2025-03-25") // "2025-03"
 */
export function statementPeriodLabel(from: string, to: string): string {
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const fd = Number(from.slice(8, 10));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  const td = Number(to.slice(8, 10));
  const sameMonth = fy === ty && fm === tm && fd === 1 && td === daysInMonth(ty, tm);
  const nextMonth = (ty * 12 + tm) - (fy * 12 + fm) === 1 && fd === td + 1;
  if (sameMonth || nextMonth) return to.slice(0, 7);
  return `${from.replace(/-/g, "")}-${to.replace(/-/g, "")}`;
}

function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/**
 * `对账单 <customer> <period>`: the customer name is cut so the period always survives.
 * @example statementSheetName("湖南长沙某某贸易有限公司", "2025-02-26", "2025-03-25") // "对账单 湖南长沙某某贸易有限公司 2025-03"
 */
export function statementSheetName(customer: string, from: string, to: string): string {
  const period = statementPeriodLabel(from, to);
  const prefix = "对账单 ";
  const room = MAX_SHEET_NAME - prefix.length - 1 - period.length;
  const cleanCustomer = sanitizeSheetName(customer, Math.max(1, room));
  return sanitizeSheetName(`${prefix}${cleanCustomer} ${period}`);
}

/**
 * Make names unique within one batch (case-insensitive, as Excel compares): the second
 * `对账单 X 2025-03` becomes `对账单 X 2025-03 (2)`, cutting the base so the suffix fits.
 */
export function uniqueSheetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = truncateUnits(name, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    seen.add(candidate.toLowerCase());
    out.push(candidate);
  }
  return out;
}
