/**
 * A tiny evaluator for the formulas our reports and statements write (`=A1+B2-C3`, `=SUM(A1:A9)`,
 * `=SUBTOTAL(9,A1:A9)` skipping nested SUBTOTALs, `=0`), so tests can check that every formula
 * recomputes to the value we stored — without a spreadsheet program.
 */
import type { SheetSpec, SpecCell } from "../../src/core/sheet-spec";

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function ref(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`bad ref ${a1}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1] ?? "A") };
}

/** Evaluate every formula cell of `spec` from the cells it references (recursively). */
export function evaluateSpec(spec: SheetSpec): (row: number, col: number) => number {
  const cache = new Map<string, number>();
  const cellAt = (row: number, col: number): SpecCell | undefined => spec.rows[row]?.[col];
  const isSubtotal = (c: SpecCell | undefined): boolean => typeof c === "object" && c !== null && "formula" in c && c.formula.startsWith("=SUBTOTAL(");
  const value = (row: number, col: number): number => {
    const key = `${row}:${col}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const c = cellAt(row, col);
    let v = 0;
    if (typeof c === "number") v = c;
    else if (typeof c === "object" && c !== null && "formula" in c) v = evalFormula(c.formula.slice(1));
    cache.set(key, v);
    return v;
  };
  const rangeSum = (range: string, skipSubtotals: boolean): number => {
    const [a, b] = range.split(":");
    const p = ref(a ?? "");
    const q = ref(b ?? a ?? "");
    let s = 0;
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) if (!(skipSubtotals && isSubtotal(cellAt(r, c)))) s += value(r, c);
    return s;
  };
  const evalFormula = (f: string): number => {
    let m = /^SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(f);
    if (m) return rangeSum(m[1] ?? "", false);
    m = /^SUBTOTAL\(9,([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(f);
    if (m) return rangeSum(m[1] ?? "", true);
    if (!/^[A-Z0-9+\-.]+$/.test(f)) throw new Error(`unsupported formula =${f}`);
    let total = 0;
    for (const term of f.match(/[+-]?[^+-]+/g) ?? []) {
      const sign = term.startsWith("-") ? -1 : 1;
      const body = term.replace(/^[+-]/, "");
      total += sign * (/^\d/.test(body) ? Number(body) : value(ref(body).row, ref(body).col));
    }
    return total;
  };
  return value;
}

/** Every formula cell whose recomputed value differs from the stored one by half a fen or more. */
export function formulaMismatches(spec: SheetSpec): string[] {
  const value = evaluateSpec(spec);
  const out: string[] = [];
  spec.rows.forEach((row, r) =>
    row.forEach((c, col) => {
      if (typeof c === "object" && c !== null && "formula" in c && typeof c.value === "number") {
        const got = value(r, col);
        if (Math.abs(got - c.value) >= 0.005) out.push(`${r}:${col} ${c.formula} = ${got} ≠ ${c.value}`);
      }
    }),
  );
  return out;
}
