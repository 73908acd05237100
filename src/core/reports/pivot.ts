/**
 * One-pass aggregation helpers: customer × model cells keyed by dense indexes (no per-row
 * objects or string keys), and the row order reports print them in.
 */
import { masterOrder, type SheetBuilder } from "./layout";
import type { NameIndex } from "./ledger-view";
import { a1, type FormulaCell } from "../sheet-spec";

/** Room for model indexes in a numeric pair key (customer * SPAN + model stays a safe integer). */
const SPAN = 2 ** 21;

/** Sums per customer × model, two measure pairs (e.g. month-to-date and day). */
export class PairSums {
  private readonly slots = new Map<number, number>();
  readonly cust: number[] = [];
  readonly model: number[] = [];
  readonly qty: number[] = [];
  readonly amt: number[] = [];
  /** Second measure pair (daily: the day itself); zero unless `addSecond` is used. */
  readonly qty2: number[] = [];
  readonly amt2: number[] = [];

  /** Slot of a pair, created on first use. */
  slot(c: number, m: number): number {
    const key = c * SPAN + m;
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.cust.length;
      this.slots.set(key, s);
      this.cust.push(c);
      this.model.push(m);
      this.qty.push(0);
      this.amt.push(0);
      this.qty2.push(0);
      this.amt2.push(0);
    }
    return s;
  }

  /** Number of pairs. */
  get size(): number {
    return this.cust.length;
  }
}

/** A dense 0..n-1 rank array for the indexes of `index` in print order (-1 = unused). */
export function ranks(index: NameIndex, used: (i: number) => boolean): { order: number[]; rank: Int32Array } {
  const order = masterOrder(index.names, index.seeded, used);
  const rank = new Int32Array(index.names.length).fill(-1);
  order.forEach((idx, r) => (rank[idx] = r));
  return { order, rank };
}

/** Pair slots sorted by customer rank, then model rank. */
export function orderedSlots(sums: PairSums, customers: NameIndex, models: NameIndex): number[] {
  const usedC = new Uint8Array(customers.names.length);
  const usedM = new Uint8Array(models.names.length);
  for (let s = 0; s < sums.size; s++) {
    usedC[sums.cust[s] ?? 0] = 1;
    usedM[sums.model[s] ?? 0] = 1;
  }
  const cr = ranks(customers, (i) => usedC[i] === 1).rank;
  const mr = ranks(models, (i) => usedM[i] === 1).rank;
  const slots = Array.from({ length: sums.size }, (_, i) => i);
  return slots.sort((a, b) => (cr[sums.cust[a] ?? 0] ?? 0) - (cr[sums.cust[b] ?? 0] ?? 0) || (mr[sums.model[a] ?? 0] ?? 0) - (mr[sums.model[b] ?? 0] ?? 0));
}

/** `=SUBTOTAL(9,C6:C20)` with its value (SUBTOTAL skips nested subtotals, so totals can span them). */
export function subtotalCell(col: number, firstRow: number, lastRow: number, value: number): FormulaCell {
  if (lastRow < firstRow) return { formula: "=0", value: 0 };
  return { formula: `=SUBTOTAL(9,${a1(firstRow, col)}:${a1(lastRow, col)})`, value };
}

/** `=SUM(B6:M6)` with its value. */
export function sumCell(row: number, col: number, colEnd: number, value: number): FormulaCell {
  return { formula: `=SUM(${a1(row, col)}:${a1(row, colEnd)})`, value };
}

/** Exact sum of fen (integers) as yuan for a formula's computed value. */
export function fenSumToYuan(fen: number): number {
  return fen / 100;
}

/** Style a block of data rows: money columns, quantity columns and borders. */
export function styleBlock(b: SheetBuilder, first: number, last: number, width: number, moneyCols: readonly number[], qtyCols: readonly number[], moneyFormat: string, qtyFormat: string): void {
  if (last < first) return;
  b.style(first, 0, last, width - 1, { border: { weight: "thin", scope: "all" } });
  for (const c of moneyCols) b.style(first, c, last, c, { numberFormat: moneyFormat });
  for (const c of qtyCols) b.style(first, c, last, c, { numberFormat: qtyFormat });
}
