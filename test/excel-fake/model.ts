/**
 * The in-memory workbook behind the fake Excel JavaScript API: sheets of sparse rows, styles,
 * merges, tables, validation, page layout. Pure state plus Excel's cell-entry rules; the proxy
 * layer (`api.ts`) queues operations against it and applies them at `context.sync()`.
 */

/** A stored cell value: `null` is an empty cell; errors keep their Excel text (`#N/A`). */
export type StoredValue = string | number | boolean | null | { readonly error: string };

/** One row of a sheet, columnar to keep 100,000-row sheets light. */
export interface RowState {
  v: StoredValue[];
  /** Formula text (with `=`) by column, when the cell holds a formula. */
  f?: (string | undefined)[];
  /** Number format by column; `undefined` is `General`. */
  nf?: (string | undefined)[];
}

/** Visual style of one cell (only cells that were styled have one). */
export interface CellStyleState {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fontName?: string;
  fill?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  /** Border style by edge (`EdgeTop`, `EdgeBottom`, `EdgeLeft`, `EdgeRight`): `Continuous`/`None` + weight. */
  borders?: Record<string, { style: string; weight: string; color?: string }>;
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string };
}

/** A rectangle, 0-based, with size. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  /** Whole table including the header row. */
  rect: Rect;
  showHeaders: boolean;
  handlers: ((args: unknown) => Promise<unknown> | void)[];
}

/** A defined name (Formulas ▸ Name Manager): workbook-scoped when `sheet` is null, else that sheet's own. */
export interface NameState {
  name: string;
  /** What it refers to, as a formula (`=Sheet1!$A$1:$B$2`, `=0.13`). */
  formula: string;
  sheet: SheetState | null;
  visible: boolean;
  comment: string;
}

/**
 * Excel's rule for a defined or table name: a letter, `_` or `\` first, then letters, digits, `_`
 * and `.`; not a cell reference (`A1`, `R1C1`, `R`, `C`). Case-insensitive, at most 255 characters.
 * https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64
 */
export function isValidName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && /^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

export interface ValidationState {
  rect: Rect;
  rule: unknown;
}

export interface PageLayoutState {
  paperSize?: string;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  centerFooter?: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  rows: (RowState | undefined)[];
  styles: Map<string, CellStyleState>;
  merges: Rect[];
  /** Column width in points, by column. */
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  freeze: { rows: number; cols: number } | null;
  pageLayout: PageLayoutState;
  validations: ValidationState[];
  /** PivotTables on this sheet (see `pivot.ts`); they go when the sheet is deleted. */
  pivots: PivotState[];
  deleted: boolean;
}

/**
 * A PivotTable: its source (a table), the cache of the source taken at creation/refresh (as Excel
 * keeps one), its fields by axis, and the cells its rendering covers.
 */
export interface PivotState {
  id: string;
  name: string;
  sheet: SheetState;
  source: TableState;
  /** Source headers and rows as of creation or the last `refresh()`. */
  cache: { headers: string[]; rows: StoredValue[][] };
  /** Top-left cell of the PivotTable body (filters render above it). */
  anchor: { row: number; col: number };
  rows: string[];
  columns: string[];
  filters: string[];
  data: { id: string; field: string; name: string; numberFormat: string; summarizeBy: string }[];
  layoutType: "Compact" | "Tabular" | "Outline";
  /** Cells the rendered PivotTable covers, filter area included. */
  rect: Rect;
}

/** Excel's limits (https://support.microsoft.com/office/excel-specifications-and-limits). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Column letters for a 0-based index. */
export function colLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based column index of letters (`A` → 0). */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `A1:C3` of a rect (a single cell prints as `A1`, like Excel). */
export function rectA1(r: Rect): string {
  const tl = `${colLetters(r.col)}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

/** Sheet name as Excel prints it in an address: quoted when it holds anything but letters/digits/_. */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Parse an A1 reference (`B2`, `A1:C3`, `A:C`, `2:5`, optionally `Sheet!`-prefixed) into a rect.
 * Returns the sheet part separately. Throws on nonsense (Excel: `InvalidArgument`).
 */
export function parseA1(address: string): { sheet: string | null; rect: Rect } | null {
  let sheet: string | null = null;
  let ref = address.trim();
  const bang = ref.lastIndexOf("!");
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  ref = ref.replace(/\$/g, "").toUpperCase();
  const [a, b] = ref.split(":");
  const cell = /^([A-Z]+)(\d+)$/;
  const colOnly = /^([A-Z]+)$/;
  const rowOnly = /^(\d+)$/;
  const end = b ?? a;
  if (a === undefined || end === undefined) return null;
  let m1 = cell.exec(a);
  let m2 = cell.exec(end);
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1, r2 = Number(m2[2]) - 1, c1 = colIndex(m1[1] as string), c2 = colIndex(m2[1] as string);
    return { sheet, rect: { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 } };
  }
  m1 = colOnly.exec(a);
  m2 = colOnly.exec(end);
  if (m1 && m2) {
    const c1 = colIndex(m1[1] as string), c2 = colIndex(m2[1] as string);
    return { sheet, rect: { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 } };
  }
  m1 = rowOnly.exec(a);
  m2 = rowOnly.exec(end);
  if (m1 && m2) {
    const r1 = Number(m1[1]) - 1, r2 = Number(m2[1]) - 1;
    return { sheet, rect: { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLS } };
  }
  return null;
}

const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?%?$/i;
const ISO_DATE_TEXT = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Days since 1899-12-30 (Excel 1900 system, valid after 1900-03-01). */
export function serialOf(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel stores when a string is entered through `range.values` (it behaves like typing into
 * the cell — see https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values):
 * a text-formatted (`@`) cell keeps the string; otherwise `=…` becomes a formula, `+…`/`-…`/`@…`
 * that are not numbers become formulas too (`=+…`), numeric text becomes a number, `TRUE`/`FALSE`
 * booleans, and ISO-like dates date serials with a date format.
 */
export function enterString(s: string, numberFormat: string | undefined, via: EntryPath = "typing"): { v: StoredValue; f?: string; nf?: string } {
  // Range.values (excel.range.yml): "If the returned value starts with a plus ("+"), minus ("-"), or
  // equal sign ("="), Excel interprets this value as a formula." No page names an exception (a `@`
  // format included), so through the API such a string is a formula whatever the cell's format.
  if (via === "api" && /^[=+-]/.test(s)) return { v: null, f: s.startsWith("=") ? s : `=${s}` };
  if (numberFormat === "@") return { v: s };
  if (s.length > 1 && s.startsWith("=")) return { v: null, f: s };
  const trimmed = s.trim();
  if (trimmed !== "" && NUMBER_TEXT.test(trimmed) && /\d/.test(trimmed)) {
    const pct = trimmed.endsWith("%");
    const n = Number(trimmed.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { v: pct ? n / 100 : n, ...(pct && numberFormat === undefined ? { nf: "0%" } : {}) };
  }
  if (/^(true|false)$/i.test(trimmed)) return { v: trimmed.toLowerCase() === "true" };
  if (s.length > 1 && /^[+\-@]/.test(s)) return { v: null, f: s.startsWith("@") ? `=${s}` : `=${s}` };
  const dm = ISO_DATE_TEXT.exec(trimmed);
  if (dm) {
    const y = Number(dm[1]), m = Number(dm[2]), d = Number(dm[3]);
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d) {
      return { v: serialOf(y, m, d), ...(numberFormat === undefined ? { nf: "yyyy/m/d" } : {}) };
    }
  }
  return { v: s };
}

/** Get or create a row. */
export function rowAt(sheet: SheetState, r: number): RowState {
  let row = sheet.rows[r];
  if (!row) {
    row = { v: [] };
    sheet.rows[r] = row;
  }
  return row;
}

/** Number format of a cell (`General` when none). */
export function formatAt(sheet: SheetState, r: number, c: number): string {
  return sheet.rows[r]?.nf?.[c] ?? "General";
}

/** Set one cell's number format (`General`/`''` clears it). Never re-parses the value, like Excel. */
export function setFormat(sheet: SheetState, r: number, c: number, nf: string): void {
  const row = rowAt(sheet, r);
  if (!row.nf) row.nf = [];
  row.nf[c] = nf === "General" || nf === "" ? undefined : nf;
}

function clearFormulaAt(row: RowState, c: number): void {
  if (row.f) row.f[c] = undefined;
}

/** Enter one value the way `range.values` does. `null` leaves the cell alone; `''` clears it. */
/** How a value reaches a cell: written by an add-in through the API, or typed by the user (Excel's UI rules). */
export type EntryPath = "api" | "typing";

export function enterValue(sheet: SheetState, r: number, c: number, value: unknown, via: EntryPath = "api"): void {
  if (value === null || value === undefined) return;
  const row = rowAt(sheet, r);
  if (typeof value === "number" || typeof value === "boolean") {
    row.v[c] = value;
    clearFormulaAt(row, c);
    return;
  }
  if (typeof value !== "string") throw new TypeError(`unsupported cell value ${JSON.stringify(value)}`);
  if (value === "") {
    row.v[c] = null;
    clearFormulaAt(row, c);
    return;
  }
  const nf = row.nf?.[c];
  const entered = enterString(value, nf, via);
  row.v[c] = entered.v;
  if (entered.f !== undefined) {
    if (!row.f) row.f = [];
    row.f[c] = entered.f;
  } else clearFormulaAt(row, c);
  if (entered.nf !== undefined) setFormat(sheet, r, c, entered.nf);
}

/** Used range: smallest rect covering every cell with a value (valuesOnly) or a value or format. */
export function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
  let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const mark = (c: number): void => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    row.v.forEach((v, c) => {
      if (v !== null && v !== undefined) mark(c);
    });
    row.f?.forEach((f, c) => {
      if (f !== undefined) mark(c);
    });
    if (!valuesOnly) row.nf?.forEach((nf, c) => {
      if (nf !== undefined) mark(c);
    });
  });
  if (!valuesOnly) for (const key of sheet.styles.keys()) {
    const [r, c] = key.split(":").map(Number) as [number, number];
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  if (r1 < 0) return null;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** True when two rects share a cell. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** A new empty sheet. */
export function newSheet(id: string, name: string): SheetState {
  return {
    id,
    name,
    visibility: "Visible",
    rows: [],
    styles: new Map(),
    merges: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    freeze: null,
    pageLayout: {},
    validations: [],
    pivots: [],
    deleted: false,
  };
}

/** Style of a cell, created on demand. */
export function styleAt(sheet: SheetState, r: number, c: number): CellStyleState {
  const key = `${r}:${c}`;
  let s = sheet.styles.get(key);
  if (!s) {
    s = {};
    sheet.styles.set(key, s);
  }
  return s;
}
