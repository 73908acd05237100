/**
 * The sign rule of an order line, from its quantity and amount as read:
 *
 * | qty            | amount | the line is                      | amount kept | said               |
 * |----------------|--------|----------------------------------|-------------|--------------------|
 * | > 0 or 0       | ≥ 0    | a sale                           | as read     | —                  |
 * | < 0            | ≤ 0    | a return                         | as read     | —                  |
 * | < 0            | > 0    | a return (goods came back)       | negated     | `import.warn.signMismatch` |
 * | > 0 or 0       | < 0    | a credit: price adjustment / 折让 | as read (negative) | `import.warn.creditLine` |
 * | no qty column  | < 0    | a return of one lot (qty −1)     | as read     | —                  |
 *
 * A credit is never turned into a sale: it lowers the receivable, and the ledger lists it as an
 * allowance (折让) because no goods came back (ledger.ts: a line with a negative amount and a
 * quantity that is not negative).
 */

/** What the sign rule made of a line. */
export interface LineSign {
  readonly amountFen: number;
  readonly reading: "sale" | "return" | "credit";
  /** The warning the row carries, when the signs needed a rule. */
  readonly warning?: "import.warn.signMismatch" | "import.warn.creditLine";
}

/**
 * Apply the sign rule.
 * @example lineSign(5, -1000, true) // { amountFen: -1000, reading: "credit", warning: "import.warn.creditLine" }
 */
export function lineSign(qty: number, amountFen: number, hasQtyColumn: boolean): LineSign {
  if (qty < 0 && amountFen > 0) return { amountFen: -amountFen, reading: "return", warning: "import.warn.signMismatch" };
  if (qty < 0 || (amountFen < 0 && !hasQtyColumn)) return { amountFen, reading: "return" };
  if (amountFen < 0) return { amountFen, reading: "credit", warning: "import.warn.creditLine" };
  return { amountFen, reading: "sale" };
}
