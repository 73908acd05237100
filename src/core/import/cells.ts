/**
 * Cell readers for the importer: one clerk's cell → one typed value, or issue codes the catalogue
 * words. Money and dates go through `money.ts` and `dates.ts`; this adds quantities, discounts,
 * text, flags and payment terms.
 */
import { fail, ok, type Result } from "../result";
import { parseDate } from "../dates";
import { parseMoney } from "../money";
import { displayText, normalizeText } from "../text";
import { readStatus } from "./order-status";
import type { PaymentTerms, OrderStatus } from "../schemas/records";
import type { RawCell } from "./types";

/** Normalized texts already seen (data columns repeat the same names), within a bound. */
const textCache = new Map<string, string>();

/** `normalizeText`, remembered: a column of 100,000 rows holds a few hundred distinct names. */
export function normalizeCached(s: string): string {
  let out = textCache.get(s);
  if (out === undefined) {
    if (textCache.size >= 100_000) textCache.clear();
    out = normalizeText(s);
    textCache.set(s, out);
  }
  return out;
}

/** A cell as display text: strings normalized; numbers without float noise; blanks → undefined. */
export function cellText(v: RawCell | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    const s = normalizeCached(v);
    return s === "" ? undefined : s;
  }
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return undefined;
}

/** Names as spelled (`displayText`), remembered like `normalizeCached`. */
const displayCache = new Map<string, string>();

/** A cell as a name, spelled as the clerk typed it (full-width brackets kept); blanks → undefined. */
export function cellName(v: RawCell | undefined): string | undefined {
  if (typeof v !== "string") return cellText(v);
  let out = displayCache.get(v);
  if (out === undefined) {
    if (displayCache.size >= 100_000) displayCache.clear();
    out = displayText(v);
    displayCache.set(v, out);
  }
  return out === "" ? undefined : out;
}

/**
 * `parseMoney`, with a shortcut for the usual number cell (yuan with at most a few decimals): the
 * result is the same — under 1e7 yuan, an amount within 1e-6 fen of a whole fen is that fen at
 * Excel's 15 significant digits too — without going through decimal digit strings.
 * @example parseMoneyCell(1234.5) // { ok: true, value: 123450 }
 */
export function parseMoneyCell(v: RawCell | undefined): Result<number> {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v < 1e13 && v > -1e13) return ok(v === 0 ? 0 : v * 100);
    if (v < 1e7 && v > -1e7) {
      const fen = Math.round(v * 100);
      if (Math.abs(v * 100 - fen) < 1e-6) return ok(fen === 0 ? 0 : fen);
    }
  }
  return parseMoney(v);
}

/** Marks a clerk types for "nothing here": `/`, `—`, `无`, `N/A` (a lone `-` is money's zero, so not here). */
const PLACEHOLDER = /^(\/|\\|—|–|―|_|~|～|无|空|n\/?a|null|none|×)$/i;

/** True for a blank cell or a placeholder meaning "nothing" (`/`, `—`, `无`, `N/A`). */
export function isEmptyish(v: RawCell | undefined): boolean {
  if (isBlankCell(v)) return true;
  return typeof v === "string" && v.length <= 6 && PLACEHOLDER.test(normalizeCached(v));
}

/** Whitespace of every kind (NBSP, U+3000, zero-width): what a blank-looking string holds. */
const BLANK_TEXT = /^[\s\u00A0\u3000\u200B-\u200D\u2060\uFEFF]*$/;

/** True when a cell holds nothing a clerk would see. */
export function isBlankCell(v: RawCell | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return BLANK_TEXT.test(v);
  return false;
}

const QTY_TEXT = /^([+-]?)\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*([^\d\s.,+-].{0,5})?$/;

/**
 * A quantity: numbers as they are; text like `12`, `1,200`, `１２`, `12件`, `3.5 ㎡`, `(2)` (a
 * return). Issues: `import.qty.empty`, `import.qty.notANumber`.
 * @example parseQty("12件") // { ok: true, value: 12 }
 */
export function parseQty(v: RawCell | undefined): Result<number> {
  if (v === null || v === undefined) return fail({ code: "import.qty.empty" });
  // A whole quantity under 15 digits already is what 15 significant digits give (-0 reads as 0 there too).
  if (typeof v === "number" && Number.isInteger(v) && v < 1e15 && v > -1e15) return ok(v === 0 ? 0 : v);
  if (typeof v === "number") return Number.isFinite(v) ? ok(Number(v.toPrecision(15))) : fail({ code: "import.qty.notANumber", value: String(v) });
  if (typeof v !== "string") return fail({ code: "import.qty.notANumber", value: typeof v === "object" ? v.error : String(v) });
  let s = normalizeText(v).replace(/[\u2212\u2010-\u2013]/g, "-");
  if (s === "") return fail({ code: "import.qty.empty" });
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = (paren[1] ?? "").trim();
  }
  const m = QTY_TEXT.exec(s);
  if (!m || (m[2]?.includes(",") && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(m[2]))) return fail({ code: "import.qty.notANumber", value: v });
  const n = Number((m[2] ?? "").replace(/,/g, ""));
  if (!Number.isFinite(n)) return fail({ code: "import.qty.notANumber", value: v });
  const signed = m[1] === "-" !== negative ? -n : n;
  return ok(signed === 0 ? 0 : signed);
}

/**
 * A discount as the rate paid: `0.9`, `90%`, `9折`, `9.5折`, `85折`, `九折`, `90` (percent). 1 means
 * none, and so does 0 (`0`, `0%`: an export's "no discount"; nobody sells at a rate of 0). Issue
 * `import.discount.invalid`.
 * @example parseDiscount("9折") // { ok: true, value: 0.9 }
 */
export function parseDiscount(v: RawCell | undefined): Result<number> {
  if (v === null || v === undefined) return fail({ code: "import.discount.empty" });
  const bad = fail<number>({ code: "import.discount.invalid", value: typeof v === "object" ? v.error : String(v) });
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    const cn: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
    let s = normalizeText(v).replace(/\s/g, "");
    if (s === "") return fail({ code: "import.discount.empty" });
    const cnMatch = /^([一二三四五六七八九])([一二三四五六七八九五])?折$/.exec(s);
    if (cnMatch) {
      const a = cn[cnMatch[1]!] ?? 0;
      const b = cnMatch[2] ? (cn[cnMatch[2]] ?? 0) : 0;
      return ok(Math.round((a / 10 + b / 100) * 10000) / 10000);
    }
    const zhe = /^(\d+(?:\.\d+)?)折$/.exec(s);
    if (zhe) {
      const x = Number(zhe[1]);
      return rateOf(x >= 10 ? x / 100 : x / 10, bad);
    }
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(s);
    if (pct) s = String(Number(pct[1]) / 100);
    if (pct && Number(s) === 0) return ok(1);
    n = Number(s);
    if (!Number.isFinite(n)) return bad;
    if (pct) return rateOf(n, bad);
  } else return bad;
  if (n === 0) return ok(1);
  if (n > 1 && n <= 10) n = n / 10;
  else if (n > 10 && n <= 100) n = n / 100;
  return rateOf(n, bad);
}

/** A rate rounded to 4 places, checked after rounding (0.00001 rounds to 0: no discount is free). */
function rateOf(n: number, bad: Result<number>): Result<number> {
  const rate = Math.round(n * 10000) / 10000;
  return rate > 0 && rate <= 1 ? ok(rate) : bad;
}

/** Options for reading a date cell. */
export interface DateCellOptions {
  readonly date1904: boolean;
  /** Year for `3月5日`-style text. */
  readonly year?: number | null;
  readonly numberFormat?: string;
}

/**
 * A date cell → civil date, refusing implausible years (a quantity typed in the date column
 * would otherwise become a date in 1900). Issues from `parseDate`, plus `import.date.implausible`.
 */
export function parseDateCell(cell: RawCell | undefined, opts: DateCellOptions): Result<string> {
  if (typeof cell !== "number" || Object.is(cell, -0)) return parseDateCellUncached(cell, opts);
  const memo = serialMemo(opts);
  let r = memo.get(cell);
  if (r === undefined) {
    r = parseDateCellUncached(cell, opts);
    if (memo.size < 50_000) memo.set(cell, r);
  }
  return r;
}

/** Results for date serials, per options: a date column of 100,000 rows holds a few thousand days. */
const serialCaches = new Map<string, Map<number, Result<string>>>();
let lastOptions: DateCellOptions | undefined;
let lastCache: Map<number, Result<string>> | undefined;

function serialMemo(opts: DateCellOptions): Map<number, Result<string>> {
  if (lastCache !== undefined && lastOptions !== undefined && lastOptions.date1904 === opts.date1904 && lastOptions.year === opts.year && lastOptions.numberFormat === opts.numberFormat) return lastCache;
  const key = `${opts.date1904 ? 1 : 0}|${opts.year ?? ""}|${opts.numberFormat ?? ""}`;
  let cache = serialCaches.get(key);
  if (cache === undefined) {
    if (serialCaches.size >= 1000) serialCaches.clear();
    cache = new Map();
    serialCaches.set(key, cache);
  }
  lastOptions = opts;
  lastCache = cache;
  return cache;
}

function parseDateCellUncached(cell: RawCell | undefined, opts: DateCellOptions): Result<string> {
  let v = cell;
  if (v === null || v === undefined) return fail({ code: "date.empty" });
  if (typeof v === "object") return fail({ code: "import.cellError", value: v.error });
  if (typeof v === "boolean") return fail({ code: "date.unrecognized", value: String(v) });
  // A serial typed or pasted as text ("45721") is still a serial.
  if (typeof v === "string" && /^\s*\d{5}(\.\d+)?\s*$/.test(v)) v = Number(v);
  const r = parseDate(v, { date1904: opts.date1904, ...(opts.year ? { year: opts.year } : {}), ...(opts.numberFormat ? { numberFormat: opts.numberFormat } : {}) });
  if (!r.ok) return r;
  const year = Number(r.value.slice(0, 4));
  if (year < 1970 || year > 2100) return fail({ code: "import.date.implausible", value: typeof v === "number" ? String(v) : v });
  return r;
}

/**
 * Payment terms as the clerk writes them → 月结 / 款到发货 / 现结, or undefined when unknown.
 * @example parseTerms("月结30天") // "月结"
 */
export function parseTerms(text: string): PaymentTerms | undefined {
  const s = text.replace(/\s/g, "").toLowerCase();
  if (/月结|月付|月清|monthly|net\d*/.test(s)) return "月结";
  if (/款到发货|先款后货|预付|款到|prepa|cia|cashinadvance/.test(s)) return "款到发货";
  if (/现结|现款|现金|货到付款|cod|cash/.test(s)) return "现结";
  return undefined;
}

/**
 * Order status words → the ledger's statuses (void words → 已取消), or undefined for text that is
 * no status of the ledger (unknown, 关闭, 红冲: see `readStatus`).
 * @example parseStatus("已作废") // "已取消"
 */
export function parseStatus(text: string): OrderStatus | undefined {
  const r = readStatus(text);
  return r.kind === "status" ? r.status : r.kind === "void" ? "已取消" : undefined;
}

/** Yes/no cells: `是`, `Y`, `√`, `TRUE`, `1`, `需要` → true. */
export function parseFlag(v: RawCell | undefined): boolean {
  if (v === true) return true;
  if (typeof v === "number") return v !== 0;
  const s = cellText(v)?.toLowerCase() ?? "";
  return ["是", "y", "yes", "true", "√", "✓", "1", "需要", "要", "需"].includes(s);
}

/** Whole days from `30`, `30天`, `月结30天`. */
export function parseDays(v: RawCell | undefined): number | undefined {
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 ? v : undefined;
  const m = /(\d+)/.exec(cellText(v) ?? "");
  return m ? Number(m[1]) : undefined;
}
