/**
 * Order numbers: `XS` + order date + `-` + a 3-digit sequence of the day (`XS20250305-001`).
 */
import type { Ledger } from "../ledger";
import { nameKey } from "../text";

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
  return firstFreeAfter(prefix, n, (no) => ledger.hasOrderNo(no));
}

/**
 * A free order number for `date` among numbers read straight from the 订单 table (to renumber an
 * entry that collided): past the highest `XS<date>-nnn` in `used`, skipping any number in `used`
 * (compared as `nameKey`) or that `opts.taken` says is taken, and then `opts.skip` more free ones
 * (so entries renumbering from the same read-back, each with its own `skip`, never pick the same one).
 * @example nextFreeOrderNo("2025-03-31", ["XS20250331-001", "XS20250331-001"]) // "XS20250331-002"
 * @example nextFreeOrderNo("2025-03-31", ["XS20250331-001"], { skip: 1 }) // "XS20250331-003"
 */
export function nextFreeOrderNo(date: string, used: Iterable<string>, opts: { readonly taken?: (orderNo: string) => boolean; readonly skip?: number } = {}): string {
  const prefix = `XS${date.replace(/-/g, "")}-`;
  const pattern = new RegExp(`^${prefix}(\\d+)$`, "i");
  const keys = new Set<string>();
  let n = 0;
  for (const no of used) {
    keys.add(nameKey(no));
    const m = pattern.exec(no.trim());
    if (m) n = Math.max(n, Number(m[1]));
  }
  const taken = (no: string): boolean => keys.has(nameKey(no)) || (opts.taken?.(no) ?? false);
  let candidate = firstFreeAfter(prefix, n, taken);
  for (let k = 0; k < (opts.skip ?? 0); k++) candidate = firstFreeAfter(prefix, Number(candidate.slice(prefix.length)), taken);
  return candidate;
}

/** `prefix` + the first 3-digit (or wider) sequence number after `n` that `taken` does not hold. */
function firstFreeAfter(prefix: string, n: number, taken: (orderNo: string) => boolean): string {
  let candidate: string;
  do {
    n++;
    candidate = `${prefix}${String(n).padStart(3, "0")}`;
  } while (taken(candidate));
  return candidate;
}
