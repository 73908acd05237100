/**
 * Pure helpers of the Excel host: encoding cells for `range.values`/`formulas`/`numberFormat`,
 * planning chunks under the payload budget, decoding read cells, units. No Office.js calls here.
 */
import type { CellStyle, SpecCell } from "../../core/sheet-spec";
import type { RawCell, WriteCell } from "../../app/workbook-port";

/** Excel on the web refuses requests/responses over 5 MB; we aim for ~4 MB a sync. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
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

/** One row ready for a range write: values, and sparse masks (null = leave the cell alone). */
export interface EncodedRow {
  readonly values: (string | number | boolean | null)[];
  /** `@` where a string goes, so Excel keeps it as text (set BEFORE values). */
  readonly textMask: (string | null)[] | null;
  readonly formulas: (string | null)[] | null;
  /** Number formats to set AFTER values (restores string cells from `@`). */
  readonly formats: (string | null)[] | null;
  /** JSON bytes this row adds to a request. */
  readonly bytes: number;
}

function finish(values: (string | number | boolean | null)[], textMask: (string | null)[], formulas: (string | null)[], formats: (string | null)[]): EncodedRow {
  const anyMask = textMask.some((x) => x !== null);
  const anyFormula = formulas.some((x) => x !== null);
  const anyFormat = formats.some((x) => x !== null);
  const bytes = jsonBytes(values) + (anyMask ? jsonBytes(textMask) : 0) + (anyFormula ? jsonBytes(formulas) : 0) + (anyFormat ? jsonBytes(formats) : 0);
  return { values, textMask: anyMask ? textMask : null, formulas: anyFormula ? formulas : null, formats: anyFormat ? formats : null, bytes };
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
 * string cells get back after being entered as text.
 */
export function encodeWriteRow(cells: readonly WriteCell[], columnFormat: (col: number) => string, date1904: boolean): EncodedRow {
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
  }
  return finish(values, mask, [], formats);
}

/** Split rows into chunks of ≤ `maxRows` rows and ≤ `maxBytes` bytes (a row over budget is its own chunk). */
export function planChunks(rows: readonly { readonly bytes: number }[], maxBytes = CHUNK_BYTES, maxRows = CHUNK_ROWS): { start: number; end: number; bytes: number }[] {
  const out: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    if (i > start && (bytes + row.bytes > maxBytes || i - start >= maxRows)) {
      out.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += row.bytes;
  });
  if (rows.length > start) out.push({ start, end: rows.length, bytes });
  return out;
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
