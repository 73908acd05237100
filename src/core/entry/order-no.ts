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

/** One round's verdict on a generated order number just written: keep it, or take `next`. */
export type OrderNoVerdict = { readonly keep: true } | { readonly keep: false; readonly next: string };

/**
 * One round of check-after-write for a generated order number of `date`, on the 订单 numbers just
 * read back (`numbers[i]` is body row i's, "" when blank) with our row at `mine`. A number our row
 * appended (`renumbered` false) is kept unless a row above holds it: rows only grow downward, so the
 * lower of two rows always sees the upper one. A number we wrote in an earlier round (`renumbered`
 * true) is kept only when no other row holds it, since a pane that wrote it first may have checked
 * before we wrote. A row that yields takes the k-th free number of the day, k = the rows above it
 * seen to yield too (rows under a same-day duplicate, plus our own group's top row when we are
 * renumbering), so panes that read the same table never pick the same number.
 * @example orderNoVerdict("2025-03-31", ["XS20250331-001", "XS20250331-001"], 1, false) // { keep: false, next: "XS20250331-002" }
 */
export function orderNoVerdict(date: string, numbers: readonly string[], mine: number, renumbered: boolean, taken?: (orderNo: string) => boolean): OrderNoVerdict {
  const keys = numbers.map((n) => (n.trim() === "" ? "" : nameKey(n)));
  const own = keys[mine] ?? "";
  const top = keys.indexOf(own);
  const clash = own !== "" && (renumbered ? keys.some((k, i) => i !== mine && k === own) : top < mine);
  if (!clash) return { keep: true };
  const pattern = new RegExp(`^XS${date.replace(/-/g, "")}-\\d+$`, "i");
  let skip = 0;
  for (let i = 0; i < mine; i++) {
    const k = keys[i] ?? "";
    if (k !== "" && pattern.test(numbers[i]!.trim()) && keys.indexOf(k) < i) skip++;
  }
  if (renumbered && top < mine) skip++;
  return { keep: false, next: nextFreeOrderNo(date, numbers, { taken, skip }) };
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
