/**
 * Day numbers: a civil date as the integer `yyyymmdd`, which sorts like the date and packs into an
 * Int32Array — what the ledger's indexes and the custom functions' prefix sums search with.
 */

/**
 * The day number of an ISO date (no validation: callers hold validated dates).
 * @example dayNumber("2025-03-05") // 20250305
 */
export function dayNumber(iso: string): number {
  const y = iso.charCodeAt(0) * 1000 + iso.charCodeAt(1) * 100 + iso.charCodeAt(2) * 10 + iso.charCodeAt(3) - 48 * 1111;
  return y * 10000 + (iso.charCodeAt(5) * 10 + iso.charCodeAt(6) - 528) * 100 + iso.charCodeAt(8) * 10 + iso.charCodeAt(9) - 528;
}

/**
 * The ISO date of a day number.
 * @example isoOfDayNumber(20250305) // "2025-03-05"
 */
export function isoOfDayNumber(day: number): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * How many entries of the ascending `days` are ≤ `day` (binary search).
 * @example countUpTo(Int32Array.of(20250301, 20250305, 20250305), 20250305) // 3
 */
export function countUpTo(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
