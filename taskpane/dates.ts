/**
 * Calendar defaults of the pane: yesterday for the 日报 (due by 9:00), last month for 月报, the
 * settlement period just ended for 对账. The arithmetic is core's; the clock is `PaneServices.today()`.
 */
import { dayBefore } from "../src/core/dates";
import { monthOf, previousPeriod, settlementPeriod } from "../src/core/periods";

/** The day before. @example yesterdayOf("2025-03-01") // "2025-02-28" */
export function yesterdayOf(today: string): string {
  return dayBefore(today);
}

/** `YYYY-MM` of a date. */
export function monthOfIso(date: string): string {
  return monthOf(date);
}

/** The month before. @example previousMonth("2025-01") // "2024-12" */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * The latest settlement period (26th – cut-off day, default 25th) that has ended by `today`: on
 * 2025-03-27 that is 2025-02-26 … 2025-03-25; on 2025-03-10, 2025-01-26 … 2025-02-25.
 */
export function lastSettlementPeriod(today: string, cutoffDay = 25): { from: string; to: string } {
  const current = settlementPeriod(today, cutoffDay);
  return current.to <= today ? current : previousPeriod(current, cutoffDay);
}
