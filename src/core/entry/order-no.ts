/**
 * Order numbers: `XS` + order date + `-` + a 3-digit sequence of the day (`XS20250305-001`).
 */
import type { Ledger } from "../ledger";

/**
 * The next free order number for `date`: one past the highest `XS<date>-nnn` on that day's orders,
 * skipping any number already used anywhere in the ledger. The sequence widens past 999.
 * @example nextOrderNo(ledger, "2025-03-05") // "XS20250305-001" on an empty day
 */
export function nextOrderNo(ledger: Ledger, date: string): string {
  const prefix = `XS${date.replace(/-/g, "")}-`;
  const pattern = new RegExp(`^${prefix}(\\d+)$`, "i");
  let n = 0;
  for (const o of ledger.ordersBetween(date, date, { includeCancelled: true })) {
    const m = o.orderNo ? pattern.exec(o.orderNo.trim()) : null;
    if (m) n = Math.max(n, Number(m[1]));
  }
  let candidate: string;
  do {
    n++;
    candidate = `${prefix}${String(n).padStart(3, "0")}`;
  } while (ledger.hasOrderNo(candidate));
  return candidate;
}
