/**
 * Pure helpers of the Excel host: encoding cells for `range.values`/`formulas`/`numberFormat`,
 * planning chunks under the payload budget, decoding read cells, units. No Office.js calls here.
 */
import type { CellStyle, SpecCell } from "../../core/sheet-spec";
import type { RawCell, WriteCell } from "../../app/workbook-port";

/**
 * Excel on the web refuses requests/responses over "5MB" (resource-limits-and-performance-optimization.md,
 * office-js-docs-pr); read as 5,000,000 bytes, the smaller reading. We aim for ~4 MB of cell data a
 * sync, leaving the rest for the request's own framing.
 */
export const PAYLOAD_LIMIT = 5_000_000;
/** Cell data per sync (counted exactly, see `planWrite`). */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Framing allowance per queued operation (object path, property name) on top of its JSON data. */
export const OP_BYTES = 256;
/** At most this many rows per chunk (DESIGN.md: 20,000 rows or ~4 MB). */
export const CHUNK_ROWS = 20_000;
/** Number format given to date cells that have no style format. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
/** Text number format: Excel stores whatever is entered into such a cell verbatim. */
export const TEXT_FORMAT = "@";

/** Days from 1899-12-30 to a civil date (1900 system; `date1904` subtracts 1,462 days). @example isoToSerial("2025-03-05") // 45721 */
export function isoToSerial(iso: string, date1904 = false): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a civil date: ${iso}`);
  const days = Math.round((Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return date1904 ? days - 1462 : days;
}

/**
 * OOXML column width (characters of the default font, as ExcelJS `column.width` takes it) →
 * points, what Office.js `format.columnWidth` takes: Calibri 11 has a 7 px maximum digit width,
 * pixels = trunc(((256·w + trunc(128/7)) / 256) · 7), and a point is 4/3 px.
 * @example charWidthToPoints(10) // 52.5
 */
export function charWidthToPoints(width: number): number {
  const px = Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7);
  return px * 0.75;
}

/** A string Excel would read as a formula if entered through `Range.values` (see `isFormulaText`), written on its own. */
export interface FormulaText {
  readonly col: number;
  readonly text: string;
}

/** One row ready for a range write: values, and sparse masks (null = leave the cell alone). */
export interface EncodedRow {
  /** Values; a formula-looking string is `null` here (it goes through `formulaTexts`). */
  readonly values: (string | number | boolean | null)[];
  /** `@` where a string goes (set BEFORE values), for number- and date-like text. */
  readonly textMask: (string | null)[] | null;
  readonly formulas: (string | null)[] | null;
  /** Number formats to set AFTER values (restores string cells from `@`). */
  readonly formats: (string | null)[] | null;
  /** Strings starting with `=`, `+`, `-` or `@`, each written as a typed string value (see `ExcelWorkbook`). */
  readonly formulaTexts: readonly FormulaText[] | null;
  /** JSON bytes of this row alone in a range write (all grids it needs). */
  readonly bytes: number;
}

/**
 * Range.values (excel.range.yml, office-js-docs-reference): "If the returned value starts with a
 * plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula." `@` is
 * Excel's implicit-intersection operator; no page says how a value starting with it is taken, so it
 * is treated the same. No page says a `@` number format changes this.
 */
export function isFormulaText(s: string): boolean {
  return /^[=+\-@]/.test(s);
}

function finish(values: (string | number | boolean | null)[], textMask: (string | null)[], formulas: (string | null)[], formats: (string | null)[]): EncodedRow {
  const texts: FormulaText[] = [];
  values.forEach((v, c) => {
    if (typeof v === "string" && isFormulaText(v)) {
      texts.push({ col: c, text: v });
      values[c] = null;
      textMask[c] = null;
    }
  });
  const anyMask = textMask.some((x) => x !== null);
  const anyFormula = formulas.some((x) => x !== null);
  const anyFormat = formats.some((x) => x !== null);
  const row = { values, textMask: anyMask ? textMask : null, formulas: anyFormula ? formulas : null, formats: anyFormat ? formats : null, formulaTexts: texts.length ? texts : null, bytes: 0 };
  const [one] = planWrite([row], values.length, "range", Infinity, Infinity);
  return { ...row, bytes: one?.bytes ?? 0 };
}

/** Bytes a formula-looking string costs: its own operation, the text JSON-escaped twice over (the `="…"` form doubles quotes). */
export function formulaTextBytes(t: FormulaText): number {
  return OP_BYTES + 2 * jsonBytes(t.text) + 48;
}

/** Excel's limits (support.microsoft.com "Excel specifications and limits"): 8,192 characters a formula, 255 a text constant in it. */
const FORMULA_MAX = 8192;
const FORMULA_TEXT_MAX = 255;

/**
 * A formula whose value is exactly `text` (`="=abc"`, longer text as 255-character constants joined
 * with `&`), or null when it would not fit a formula or holds a line break.
 * @example textFormula('=1+1') // '="=1+1"'
 */
export function textFormula(text: string): string | null {
  if (/[\r\n]/.test(text)) return null;
  const parts: string[] = [];
  const chars = Array.from(text); // code points: a constant never ends inside a surrogate pair
  for (let i = 0; i < chars.length; i += FORMULA_TEXT_MAX) parts.push(`"${chars.slice(i, i + FORMULA_TEXT_MAX).join("").replace(/"/g, '""')}"`);
  const f = `=${parts.join("&")}`;
  return f.length <= FORMULA_MAX ? f : null;
}

/** `rows.add` values of an append: strings (entered after, as text) and empty cells go as `""`. */
export function addValues(r: EncodedRow): (string | number | boolean)[] {
  return r.values.map((v, c) => (r.textMask?.[c] ? "" : (v ?? "")));
}

/** Values of the text write after `rows.add`: the strings only. */
export function stringValues(r: EncodedRow): (string | null)[] {
  return r.values.map((v, c) => (r.textMask?.[c] ? (v as string) : null));
}

/** One grid (2-D array property) a write sends: its per-row JSON, or null where the row has nothing (sent as a row of nulls when another row of the chunk has something). */
interface GridCost {
  readonly always: boolean;
  bytes(r: EncodedRow): number | null;
}

const RANGE_GRIDS: readonly GridCost[] = [
  { always: false, bytes: (r) => (r.textMask ? jsonBytes(r.textMask) : null) },
  { always: true, bytes: (r) => jsonBytes(r.values) },
  { always: false, bytes: (r) => (r.formulas ? jsonBytes(r.formulas) : null) },
  { always: false, bytes: (r) => (r.formats ? jsonBytes(r.formats) : null) },
];
const APPEND_GRIDS: readonly GridCost[] = [
  { always: true, bytes: (r) => jsonBytes(addValues(r)) },
  { always: false, bytes: (r) => (r.textMask ? jsonBytes(r.textMask) : null) },
  { always: false, bytes: (r) => (r.textMask ? jsonBytes(stringValues(r)) : null) },
  { always: false, bytes: (r) => (r.formats ? jsonBytes(r.formats) : null) },
];

/**
 * Split rows into chunks of ≤ `maxRows` rows and ≤ `maxBytes` bytes, counting exactly the JSON the
 * host sends for them: in `range` mode the `numberFormat` mask, `values`, `formulas` and final
 * `numberFormat` grids that `ExcelWorkbook.queueRows` sets (a grid is sent when any row of the chunk
 * needs it, the other rows as rows of `null`), in `append` mode `rows.add`'s values plus the text
 * write after it; each formula-looking string's own write; `OP_BYTES` per operation. A row over
 * budget is its own chunk.
 */
export function planWrite(rows: readonly EncodedRow[], width: number, mode: "range" | "append", maxBytes = CHUNK_BYTES, maxRows = CHUNK_ROWS): { start: number; end: number; bytes: number }[] {
  const grids = mode === "range" ? RANGE_GRIDS : APPEND_GRIDS;
  const pad = jsonBytes(new Array<null>(width).fill(null));
  const out: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let own = grids.map(() => 0);
  let empty = grids.map(() => 0);
  let used = grids.map((g) => g.always);
  let texts = 0;
  const total = (n: number, o: number[], e: number[], u: boolean[], t: number): number =>
    t + o.reduce((sum, b, i) => (u[i] ? sum + OP_BYTES + 2 + b + (e[i] ?? 0) * pad + Math.max(0, n - 1) : sum), 0);
  rows.forEach((row, i) => {
    const costs = grids.map((g) => g.bytes(row));
    const t = (row.formulaTexts ?? []).reduce((n, x) => n + formulaTextBytes(x), 0);
    const o2 = own.map((b, k) => b + (costs[k] ?? 0));
    const e2 = empty.map((b, k) => b + (costs[k] === null ? 1 : 0));
    const u2 = used.map((u, k) => u || costs[k] !== null);
    const n = i - start;
    if (n > 0 && (total(n + 1, o2, e2, u2, texts + t) > maxBytes || n >= maxRows)) {
      out.push({ start, end: i, bytes: total(n, own, empty, used, texts) });
      start = i;
      own = costs.map((c) => c ?? 0);
      empty = costs.map((c) => (c === null ? 1 : 0));
      used = grids.map((g, k) => g.always || costs[k] !== null);
      texts = t;
      return;
    }
    own = o2;
    empty = e2;
    used = u2;
    texts += t;
  });
  if (rows.length > start) out.push({ start, end: rows.length, bytes: total(rows.length - start, own, empty, used, texts) });
  return out;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 16);

/** UTF-8 bytes of a value's JSON (what a request carries). */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "null";
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  return encoder.encodeInto(s, scratch).written;
}

/**
 * Encode one SheetSpec row. `formatOf(col)` gives the style number format of the cell (if any).
 * Strings get `@` first and their final format after, so `=x`, `+x`, `-x`, `@x`, `001`, `2025-3-5`
 * all stay the text they are (Office.js: a value that starts with `+ - =` is a formula).
 */
export function encodeSpecRow(cells: readonly SpecCell[], width: number, formatOf: (col: number) => string | undefined, date1904: boolean): EncodedRow {
  const values: (string | number | boolean | null)[] = new Array(width).fill(null);
  const mask: (string | null)[] = new Array(width).fill(null);
  const formulas: (string | null)[] = new Array(width).fill(null);
  const formats: (string | null)[] = new Array(width).fill(null);
  for (let c = 0; c < width; c++) {
    const cell = cells[c] ?? null;
    const styleFormat = formatOf(c);
    if (cell === null) {
      if (styleFormat !== undefined) formats[c] = styleFormat;
    } else if (typeof cell === "string") {
      values[c] = cell;
      mask[c] = TEXT_FORMAT;
      formats[c] = styleFormat ?? "General";
      if (cell === "") mask[c] = null;
    } else if (typeof cell === "number" || typeof cell === "boolean") {
      values[c] = cell;
      if (styleFormat !== undefined) formats[c] = styleFormat;
    } else if ("date" in cell) {
      values[c] = isoToSerial(cell.date, date1904);
      formats[c] = styleFormat ?? DEFAULT_DATE_FORMAT;
    } else {
      formulas[c] = cell.formula;
      if (styleFormat !== undefined) formats[c] = styleFormat;
    }
  }
  return finish(values, mask, formulas, formats);
}

/**
 * Encode one table row (`WriteCell`s). `columnFormat(col)` is the column's number format, which
 * string cells get back after being entered as text — and, with `everyCell`, every cell of the row
 * (a new table's column formats, written with the values inside the chunk budget).
 */
export function encodeWriteRow(cells: readonly WriteCell[], columnFormat: (col: number) => string, date1904: boolean, everyCell = false): EncodedRow {
  const width = cells.length;
  const values: (string | number | boolean | null)[] = new Array(width).fill(null);
  const mask: (string | null)[] = new Array(width).fill(null);
  const formats: (string | null)[] = new Array(width).fill(null);
  for (let c = 0; c < width; c++) {
    const cell = cells[c] ?? null;
    if (cell === null) values[c] = "";
    else if (typeof cell === "string") {
      values[c] = cell;
      if (cell !== "") {
        mask[c] = TEXT_FORMAT;
        formats[c] = columnFormat(c);
      }
    } else if (typeof cell === "number" || typeof cell === "boolean") values[c] = cell;
    else values[c] = isoToSerial(cell.date, date1904);
    if (everyCell) formats[c] = columnFormat(c);
  }
  return finish(values, mask, [], formats);
}

/** A 2-D slice of one mask of encoded rows, or null when the slice has nothing to set. */
export function maskGrid(rows: readonly EncodedRow[], pick: (r: EncodedRow) => (string | null)[] | null, width: number): (string | null)[][] | null {
  if (!rows.some((r) => pick(r) !== null)) return null;
  return rows.map((r) => pick(r) ?? new Array<string | null>(width).fill(null));
}

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/** A cell from `range.values` → RawCell: `''` is empty, Excel error strings become `{ error }`. */
export function decodeValue(v: unknown): RawCell {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" && ERROR_TEXT.test(v)) return { error: v };
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * A cell from `range.values` with its `range.valueTypes` entry → RawCell. Office.js gives an error
 * and a text that reads like one (`#N/A` typed as a note) as the same string: only the type tells.
 * @example decodeTypedValue("#N/A", "String") // "#N/A"
 */
export function decodeTypedValue(v: unknown, valueType: string | undefined): RawCell {
  if (valueType === undefined) return decodeValue(v);
  if (v === "" || v === null || v === undefined) return null;
  if (valueType === "Error") return { error: String(v) };
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * A cell from `range.formulas` → formula or null. Office.js gives the constant for non-formula
 * cells, so a text cell `=abc` comes back as `=abc` in both arrays: equal means text.
 */
export function decodeFormula(f: unknown, v: unknown): string | null {
  return typeof f === "string" && f.length > 1 && f.startsWith("=") && f !== v ? f : null;
}

/** Office.js alignment names. */
export function hAlign(a: NonNullable<CellStyle["hAlign"]>): "Left" | "Center" | "Right" {
  return a === "left" ? "Left" : a === "center" ? "Center" : "Right";
}

/** Office.js vertical alignment names. */
export function vAlign(a: NonNullable<CellStyle["vAlign"]>): "Top" | "Center" | "Bottom" {
  return a === "top" ? "Top" : a === "middle" ? "Center" : "Bottom";
}

/** Quote a sheet name for an address (`'Q1 报表'!A1`). */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
