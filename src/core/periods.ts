/**
 * Reporting periods: calendar months and years, and the settlement period (结算期/对账期) many
 * companies close on a cut-off day, e.g. the 26th of last month to the 25th of this one.
 * All periods are inclusive `{ from, to }` civil dates.
 */
import { addDays, daysInMonth, isIsoDate } from "./dates";

/** An inclusive date range of civil dates `YYYY-MM-DD`. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function parseMonth(month: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const y = Number(m?.[1]);
  const mm = Number(m?.[2]);
  if (!m || mm < 1 || mm > 12) throw new RangeError(`not a month YYYY-MM: ${month}`);
  return [y, mm];
}

function assertIso(iso: string): void {
  if (!isIsoDate(iso)) throw new RangeError(`not a civil date YYYY-MM-DD: ${iso}`);
}

/**
 * The month `YYYY-MM` a date falls in. Throws `RangeError` for an invalid date.
 * @example monthOf("2025-03-05") // "2025-03"
 */
export function monthOf(iso: string): string {
  assertIso(iso);
  return iso.slice(0, 7);
}

/**
 * First and last day of a month (February per leap year). Throws `RangeError` for a bad month.
 * @example monthRange("2024-02") // { from: "2024-02-01", to: "2024-02-29" }
 */
export function monthRange(month: string): DateRange {
  const [y, m] = parseMonth(month);
  return { from: `${month}-01`, to: `${month}-${pad2(daysInMonth(y, m))}` };
}

/**
 * First and last day of a year (number or `"YYYY"`). Throws `RangeError` outside 1–9999.
 * @example yearRange(2025) // { from: "2025-01-01", to: "2025-12-31" }
 */
export function yearRange(year: number | string): DateRange {
  const y = typeof year === "number" ? year : /^\d{4}$/.test(year) ? Number(year) : NaN;
  if (!Number.isInteger(y) || y < 1 || y > 9999) throw new RangeError(`not a year: ${year}`);
  const yyyy = String(y).padStart(4, "0");
  return { from: `${yyyy}-01-01`, to: `${yyyy}-12-31` };
}

/**
 * The twelve months of a year. @example monthsOfYear(2025) // ["2025-01", …, "2025-12"]
 */
export function monthsOfYear(year: number | string): string[] {
  const yyyy = yearRange(year).from.slice(0, 4);
  return Array.from({ length: 12 }, (_, i) => `${yyyy}-${pad2(i + 1)}`);
}

function assertCutoff(cutoffDay: number): void {
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 31) throw new RangeError(`cut-off day must be 1–31: ${cutoffDay}`);
}

/** The cut-off date inside a month: the cut-off day, or the month's last day when the month is shorter. */
function cutoffIn(y: number, m: number, cutoffDay: number): string {
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(Math.min(cutoffDay, daysInMonth(y, m)))}`;
}

function shiftMonth(y: number, m: number, delta: number): [number, number] {
  const index = y * 12 + (m - 1) + delta;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/**
 * The settlement period ending in `month` (`YYYY-MM`): from the day after the previous month's
 * cut-off to this month's cut-off. A cut-off day beyond a month's length means that month's last
 * day, so 28–31 follow month ends in short months (31 = calendar months; 30 gives Jan 31–Feb 28,
 * Mar 1–Mar 30, Mar 31–Apr 30, …). Throws `RangeError` for a bad month or a cut-off outside 1–31.
 * @example settlementPeriodOfMonth("2025-03") // { from: "2025-02-26", to: "2025-03-25" }
 */
export function settlementPeriodOfMonth(month: string, cutoffDay = 25): DateRange {
  const [y, m] = parseMonth(month);
  assertCutoff(cutoffDay);
  const [py, pm] = shiftMonth(y, m, -1);
  return { from: addDays(cutoffIn(py, pm, cutoffDay), 1), to: cutoffIn(y, m, cutoffDay) };
}

/**
 * The settlement period containing `iso`, with periods closing on `cutoffDay` (default 25: the 26th
 * of the previous month to the 25th). Consecutive periods tile the calendar without gap or
 * overlap. See `settlementPeriodOfMonth` for cut-offs of 28–31.
 * @example settlementPeriod("2025-03-05") // { from: "2025-02-26", to: "2025-03-25" }
 * @example settlementPeriod("2025-03-26") // { from: "2025-03-26", to: "2025-04-25" }
 * @example settlementPeriod("2025-03-15", 31) // { from: "2025-03-01", to: "2025-03-31" }
 */
export function settlementPeriod(iso: string, cutoffDay = 25): DateRange {
  assertIso(iso);
  assertCutoff(cutoffDay);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const ending = iso <= cutoffIn(y, m, cutoffDay) ? [y, m] : shiftMonth(y, m, 1);
  return settlementPeriodOfMonth(`${String(ending[0]).padStart(4, "0")}-${pad2(ending[1] ?? 1)}`, cutoffDay);
}

/**
 * The settlement period just before `period` (the one containing the day before `period.from`).
 * With `cutoffDay` 31 this is the previous calendar month.
 * @example previousPeriod({ from: "2025-02-26", to: "2025-03-25" }) // { from: "2025-01-26", to: "2025-02-25" }
 */
export function previousPeriod(period: DateRange, cutoffDay = 25): DateRange {
  return settlementPeriod(addDays(period.from, -1), cutoffDay);
}

/**
 * The settlement period just after `period` (the one containing the day after `period.to`).
 * @example nextPeriod({ from: "2025-02-26", to: "2025-03-25" }) // { from: "2025-03-26", to: "2025-04-25" }
 */
export function nextPeriod(period: DateRange, cutoffDay = 25): DateRange {
  return settlementPeriod(addDays(period.to, 1), cutoffDay);
}
