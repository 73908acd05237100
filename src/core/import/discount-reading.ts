/**
 * Which way a discount column is written, decided per row by its arithmetic: 折扣 0.9 is the rate
 * paid (九折), but an export's `Discount` 0.1 or 10% is the share taken off, and a `Discount` of
 * 5.00 may be money off the line. When the line's amount, price and quantity are all there, the
 * reading that makes price × qty agree with the amount is the one taken; the rate-paid reading
 * stays unless another one fits and it does not.
 */

/** How a discount cell was read. */
export interface DiscountReading {
  /** Rate paid, 0 < rate ≤ 1 (1: none). */
  readonly rate: number;
  readonly reading: "paid" | "off" | "money";
}

/** Round a rate to 4 places, as `parseDiscount` does. */
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * The reading of a discount that fits `grossFen` (price × qty) → `amountFen`, or undefined when the
 * row cannot say (no positive gross and amount) or no reading fits.
 * @example readDiscount(10000, 9000, 0.1, 10) // { rate: 0.9, reading: "off" }
 * @example readDiscount(10000, 9000, 1, 1000) // { rate: 0.9, reading: "off" } (a Discount of 10: 10 % off)
 */
export function readDiscount(grossFen: number, amountFen: number, paidRate: number | undefined, moneyFen: number | undefined): DiscountReading | undefined {
  // The cell as a plain number (money is in fen): 10 may be 10 % off.
  const raw = moneyFen === undefined ? undefined : moneyFen / 100;
  if (!(grossFen > 0) || !(amountFen > 0) || amountFen > grossFen) return undefined;
  const tol = Math.max(1, Math.round(grossFen * 0.0001));
  const fits = (rate: number): boolean => Math.abs(grossFen * rate - amountFen) <= tol;
  if (paidRate !== undefined && fits(paidRate)) return { rate: paidRate, reading: "paid" };
  if (paidRate !== undefined && paidRate < 1 && fits(round4(1 - paidRate))) return { rate: round4(1 - paidRate), reading: "off" };
  if (raw !== undefined && raw >= 1 && raw < 100 && fits(round4(1 - raw / 100))) return { rate: round4(1 - raw / 100), reading: "off" };
  if (moneyFen !== undefined && moneyFen > 0 && moneyFen < grossFen && Math.abs(grossFen - moneyFen - amountFen) <= 1) return { rate: round4(amountFen / grossFen), reading: "money" };
  return undefined;
}
