/**
 * Column profiles: what a column's values are (dates, numbers, codes, names, currency codes,
 * a 序号 sequence, blanks), from one cheap pass over a bounded sample of data rows. Detection
 * uses them as evidence beside the header words.
 */
import { isDateFormat } from "../dates";
import { parseMoney } from "../money";
import { normalizeCached, parseQty } from "./cells";
import type { RawCell, SheetGrid } from "./types";

/** Data rows a profile reads (from the top of the block): enough to see a column's kind, never the whole sheet. */
export const PROFILE_SAMPLE_ROWS = 300;

/** What one column's sampled values are; shares are of the filled (non-blank) cells. */
export interface ColumnProfile {
  /** Sampled rows (filled or not). */
  readonly rows: number;
  readonly filled: number;
  /** Numbers, or text that reads as money / a number (`¥1,200.00`, `12件` is not). */
  readonly numeric: number;
  readonly integers: number;
  /** Date cells (date-formatted numbers, `20250305`) and date-like text. */
  readonly dates: number;
  /** Fixed-shape alphanumerics with a digit (C0012, HX-100A, 2025030501). */
  readonly codes: number;
  /** Words: CJK or Latin text that is not a code (company and person names, product names). */
  readonly names: number;
  /** Currency codes or names (USD, 美元, CNY, 人民币 …), upper-cased as found. */
  readonly currencies: ReadonlySet<string>;
  /** 1, 2, 3 … down the column (a 序号), at least 3 steps. */
  readonly sequence: boolean;
  /** Distinct filled values / filled. */
  readonly distinctRatio: number;
  /** Each sampled row's value as a number (yuan or a count), or null: for the row arithmetic. */
  readonly values: readonly (number | null)[];
}

const CODE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-_./#]{2,}$/;
const CJK = /[\u3400-\u9fff]/;
const DATE_TEXT = /^(19|20)\d{2}\s*[年\-./]\s*\d{1,2}(\s*[月\-./]\s*\d{1,2}\s*[日号]?)?|^\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|^\d{1,2}[-/]\d{1,2}[-/](19|20)?\d{2}$/;
const CURRENCY = /^(USD|US\$|CNY|RMB|EUR|HKD|JPY|GBP|TWD|KRW|SGD|AUD|CAD|CHF|人民币|美元|美金|欧元|港币|港元|日元|英镑|台币|韩元)$/i;

/** A cell's number for the arithmetic, when it reads as one. */
function numberOf(v: RawCell | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = normalizeCached(v);
  if (s === "" || !/\d/.test(s)) return null;
  const r = parseMoney(s);
  if (r.ok) return r.value / 100;
  // A count with its unit (12件, 3.5 ㎡) is a number too.
  const q = parseQty(s);
  return q.ok ? q.value : null;
}

/**
 * Profile local column `c` over data rows `[from, to]` (local, inclusive), at most `limit` rows.
 * @example profileColumn(grid, 1, 2, 300).names // share of name-like cells in C2:C301, as a count
 */
export function profileColumn(grid: SheetGrid, c: number, from: number, to: number, limit = PROFILE_SAMPLE_ROWS): ColumnProfile {
  const end = Math.min(to, from + limit - 1, grid.values.length - 1);
  let filled = 0;
  let numeric = 0;
  let integers = 0;
  let dates = 0;
  let codes = 0;
  let names = 0;
  let steps = 0;
  let stepOk = 0;
  let prevInt: number | null = null;
  const distinct = new Set<string>();
  const currencies = new Set<string>();
  const values: (number | null)[] = [];
  for (let r = from; r <= end; r++) {
    const v = grid.values[r]?.[c];
    if (v === null || v === undefined || (typeof v === "string" && normalizeCached(v) === "")) {
      values.push(null);
      continue;
    }
    filled++;
    if (typeof v === "number") {
      const fmt = grid.formats[r]?.[c];
      const isDate = (fmt !== undefined && isDateFormat(fmt)) || (Number.isInteger(v) && v >= 19700101 && v <= 21001231);
      if (isDate) dates++;
      else {
        numeric++;
        if (Number.isInteger(v)) integers++;
      }
      distinct.add(String(v));
      values.push(isDate ? null : v);
      if (!isDate && Number.isInteger(v)) {
        if (prevInt !== null) {
          steps++;
          if (v === prevInt + 1) stepOk++;
        }
        prevInt = v;
      } else prevInt = null;
      continue;
    }
    prevInt = null;
    if (typeof v !== "string") {
      values.push(null);
      continue;
    }
    const s = normalizeCached(v);
    distinct.add(s);
    if (CURRENCY.test(s)) {
      currencies.add(s.toUpperCase());
      names++;
      values.push(null);
      continue;
    }
    if (DATE_TEXT.test(s)) {
      dates++;
      values.push(null);
      continue;
    }
    const n = numberOf(s);
    values.push(n);
    if (n !== null) {
      numeric++;
      if (Number.isInteger(n)) integers++;
      continue;
    }
    if (CODE.test(s)) codes++;
    else if (CJK.test(s) || /^[A-Za-z][A-Za-z .&'-]+$/.test(s)) names++;
  }
  return { rows: end - from + 1, filled, numeric, integers, dates, codes, names, currencies, sequence: steps >= 3 && stepOk >= steps * 0.9, distinctRatio: filled === 0 ? 0 : distinct.size / filled, values };
}

/** Share of a profile's filled cells that are of one kind (0 when the column is blank). */
export function share(p: ColumnProfile, kind: "numeric" | "integers" | "dates" | "codes" | "names"): number {
  return p.filled === 0 ? 0 : p[kind] / p.filled;
}
