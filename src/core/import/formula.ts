/**
 * A tiny evaluator for the simple formulas clerks write when a cell has no cached result
 * (files saved by scripts or some WPS versions): `=F4*G4`, `=F4-G4`, `=SUM(F4:F9)`, `=ROUND(F4*G4,2)`.
 * Anything else (other sheets, lookups, text) is refused, never guessed.
 */

/** Reads a cell's number by 0-based sheet row/col; null when it is not a number (blank counts as 0). */
export type CellNumberReader = (row: number, col: number) => number | null;

type Token = { t: "num"; v: number } | { t: "ref"; row: number; col: number } | { t: "op"; v: string } | { t: "fn"; v: string };

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?/i.exec(rest);
    if (num) {
      const text = num[0];
      const v = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
      out.push({ t: "num", v });
      i += text.length;
      continue;
    }
    const ref = /^\$?([A-Z]{1,3})\$?(\d+)/i.exec(rest);
    const fn = /^([A-Z][A-Z0-9.]*)\s*\(/i.exec(rest);
    if (fn && (!ref || fn[1]!.length > ref[0].length || /^[A-Z]+\s*\(/i.test(rest))) {
      out.push({ t: "fn", v: fn[1]!.toUpperCase() });
      i += fn[1]!.length;
      continue;
    }
    if (ref) {
      out.push({ t: "ref", row: Number(ref[2]) - 1, col: colIndex(ref[1]!.toUpperCase()) });
      i += ref[0].length;
      continue;
    }
    if ("+-*/(),:".includes(rest[0]!)) {
      out.push({ t: "op", v: rest[0]! });
      i += 1;
      continue;
    }
    return null; // sheet references (!), strings, comparisons: not simple
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly read: CellNumberReader,
  ) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  private peekOp(v: string): boolean {
    const tk = this.tokens[this.i];
    return tk?.t === "op" && tk.v === v;
  }

  expr(): number | null {
    let left = this.term();
    while (left !== null && (this.peekOp("+") || this.peekOp("-"))) {
      const op = (this.tokens[this.i++] as { v: string }).v;
      const right = this.term();
      if (right === null) return null;
      left = op === "+" ? left + right : left - right;
    }
    return left;
  }

  private term(): number | null {
    let left = this.factor();
    while (left !== null && (this.peekOp("*") || this.peekOp("/"))) {
      const op = (this.tokens[this.i++] as { v: string }).v;
      const right = this.factor();
      if (right === null) return null;
      if (op === "/" && right === 0) return null;
      left = op === "*" ? left * right : left / right;
    }
    return left;
  }

  /** A list of numbers: a range `A1:B3` expands, a single expression gives one. */
  private argument(): number[] | null {
    const tk = this.tokens[this.i];
    const next = this.tokens[this.i + 1];
    const after = this.tokens[this.i + 2];
    if (tk?.t === "ref" && next?.t === "op" && next.v === ":" && after?.t === "ref") {
      this.i += 3;
      const out: number[] = [];
      for (let r = Math.min(tk.row, after.row); r <= Math.max(tk.row, after.row); r++) {
        for (let c = Math.min(tk.col, after.col); c <= Math.max(tk.col, after.col); c++) {
          const v = this.read(r, c);
          if (v === null) return null;
          out.push(v);
        }
      }
      return out;
    }
    const v = this.expr();
    return v === null ? null : [v];
  }

  private factor(): number | null {
    const tk = this.tokens[this.i];
    if (!tk) return null;
    if (tk.t === "op" && (tk.v === "-" || tk.v === "+")) {
      this.i++;
      const v = this.factor();
      return v === null ? null : tk.v === "-" ? -v : v;
    }
    if (tk.t === "num") {
      this.i++;
      return tk.v;
    }
    if (tk.t === "ref") {
      this.i++;
      return this.read(tk.row, tk.col);
    }
    if (tk.t === "op" && tk.v === "(") {
      this.i++;
      const v = this.expr();
      if (!this.peekOp(")")) return null;
      this.i++;
      return v;
    }
    if (tk.t === "fn") {
      this.i++;
      if (!this.peekOp("(")) return null;
      this.i++;
      const args: number[][] = [];
      while (!this.peekOp(")")) {
        const a = this.argument();
        if (a === null) return null;
        args.push(a);
        if (this.peekOp(",")) this.i++;
        else if (!this.peekOp(")")) return null;
      }
      this.i++;
      const flat = args.flat();
      switch (tk.v) {
        case "SUM":
          return flat.reduce((s, x) => s + x, 0);
        case "PRODUCT":
          return flat.reduce((s, x) => s * x, 1);
        case "ABS":
          return args.length === 1 && flat.length === 1 ? Math.abs(flat[0]!) : null;
        case "ROUND": {
          if (args.length !== 2 || args[0]!.length !== 1 || args[1]!.length !== 1) return null;
          const digits = args[1]![0]!;
          const f = 10 ** digits;
          const x = args[0]![0]!;
          return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
        }
        default:
          return null;
      }
    }
    return null;
  }
}

/**
 * Evaluate a simple formula, or null when it is not simple (or refers to a non-number).
 * @example evaluateSimpleFormula("=F4*G4", (r, c) => (c === 5 ? 3 : 2.5)) // 7.5
 */
export function evaluateSimpleFormula(formula: string, read: CellNumberReader): number | null {
  const src = formula.trim().replace(/^=/, "");
  const tokens = tokenize(src);
  if (!tokens || tokens.length === 0) return null;
  const p = new Parser(tokens, read);
  const v = p.expr();
  if (v === null || !p.done() || !Number.isFinite(v)) return null;
  return v;
}
