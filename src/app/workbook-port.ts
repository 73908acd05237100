/**
 * WorkbookPort: what the app needs from a workbook, and nothing more. The Office.js host
 * (`src/hosts/excel`) and the ExcelJS host (`src/hosts/xlsx`) implement it; use cases in `src/app`
 * never know which one they run on.
 */
import type { SheetSpec } from "../core/sheet-spec";
import type { PivotSpec, RawCell, WriteCell, TableSpec } from "../core/table-spec";

export type { RawCell, WriteCell } from "../core/table-spec";

/**
 * A block of rows of a sheet's used range. Rows may be shorter than the range (a host may end a
 * row at its last value when the range is far bigger than what it holds): a missing cell reads as
 * null, `General`, no formula.
 */
export interface GridChunk {
  /** 0-based sheet row of `values[0]`. */
  readonly startRow: number;
  /** 0-based sheet column of `values[r][0]`. */
  readonly startCol: number;
  readonly values: readonly (readonly RawCell[])[];
  /** Number format of every cell (`General` when none): dates hide here. */
  readonly formats: readonly (readonly string[])[];
  /** Formula text (with `=`) where the cell holds a formula, else null. Same shape as values. */
  readonly formulas: readonly (readonly (string | null)[])[];
}

/** What `listSheets` tells about one sheet. */
export interface SheetInfo {
  readonly name: string;
  readonly visible: boolean;
  /** Used range size (0 × 0 when empty). */
  readonly rowCount: number;
  readonly columnCount: number;
  /** 0-based position of the used range's top-left cell. */
  readonly startRow: number;
  readonly startCol: number;
  /** Merged areas (0-based inclusive) — titles are often merged. */
  readonly merges: readonly { readonly row: number; readonly col: number; readonly rowEnd: number; readonly colEnd: number }[];
  /** Set when the add-in made this sheet (see `writeSheet`). */
  readonly ownedKind: string | null;
}

export type { ColumnValidation, TableColumnSpec, TableSpec } from "../core/table-spec";

/** Contents of an existing table, as raw cells (`RawCell` semantics: dates are serials). */
export interface TableData {
  readonly name: string;
  readonly sheetName: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly RawCell[])[];
}

/** Outcome of writing a sheet the add-in owns. */
export type WriteSheetResult =
  | { readonly ok: true; readonly replaced: boolean }
  | { readonly ok: false; readonly code: "sheet.userSheetExists"; readonly sheet: string }
  /** `createTable` only: the workbook already has a table or a defined name called `table`. */
  | { readonly ok: false; readonly code: "table.nameTaken"; readonly sheet: string; readonly table: string };

export type { PivotSpec, PivotValueSpec } from "../core/table-spec";

/** Outcome of `createPivotTable`. */
export type PivotResult =
  | { readonly ok: true; readonly replaced: boolean }
  | { readonly ok: false; readonly code: "sheet.userSheetExists"; readonly sheet: string }
  /** This Excel has no PivotTable API (ExcelApi 1.8: Excel 2019 / Microsoft 365 / Excel on the web). */
  | { readonly ok: false; readonly code: "pivot.unsupported" }
  | { readonly ok: false; readonly code: "pivot.noSourceTable"; readonly table: string };

/** Progress callback for long work: done/total in rows. */
export type Progress = (done: number, total: number) => void;

/**
 * The workbook, as the app sees it. Ownership: hosts keep a very-hidden sheet `_ledger_meta`
 * (column A `owned`, B sheet name, C kind; or `setting`, key, value) so both hosts mark owned
 * sheets the same way and a user's sheet is never replaced.
 */
export interface WorkbookPort {
  /** Every sheet, in workbook order (the meta sheet excluded). */
  listSheets(): Promise<readonly SheetInfo[]>;
  /** True when dates are counted from 1904 (old Mac workbooks). */
  date1904(): Promise<boolean>;
  /** Used range in row chunks (≤ 20,000 rows or ~4 MB each), top to bottom. */
  readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk>;
  /** Tables in the workbook. */
  listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]>;
  /**
   * The workbook's defined names (Formulas ▸ Name Manager) that a new table may not be called:
   * workbook-scoped and sheet-scoped names alike (Excel refuses a table name equal to either,
   * case-insensitively), hidden ones too, but not Excel's built-in `_xlnm.*` names (print titles,
   * print area, filter ranges). Each name once (case-insensitively), in no particular order.
   * @example (await port.listNames()).some((n) => n.toLowerCase() === "orders")
   */
  listNames(): Promise<readonly string[]>;
  /** A table's header and body, or null when there is no such table. */
  readTable(name: string): Promise<TableData | null>;
  /** Append rows at the end of a table (never rewrites it). Returns the new row count. */
  appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number>;
  /**
   * Overwrite a few cells of one body row (`rowIndex` 0-based, as in `readTable`'s rows), each keyed
   * by its column's header (or ledger field name); only those cells are written, never the table.
   * Strings stay text, as in `appendRows`. Used to renumber a just-appended order that collided.
   */
  updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void>;
  /**
   * Create a sheet holding one table, with formats and validation. Fails, writing nothing, if the
   * sheet exists (`sheet.userSheetExists`) or a table or defined name already has the table's name,
   * in any case (`table.nameTaken`).
   */
  createTable(spec: TableSpec): Promise<WriteSheetResult>;
  /** Create or replace a sheet the add-in owns; refuses to touch a user's sheet of the same name. */
  writeSheet(spec: SheetSpec): Promise<WriteSheetResult>;
  /** Read/write the add-in's settings (company name, cut-off day, …) kept in the meta sheet. */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Optional: only hosts that can make native PivotTables have it (the Office.js host; the xlsx
   * hosts don't). Creates or replaces the add-in's own sheet `spec.sheetName` holding the title
   * and a PivotTable over the table `spec.sourceTable`; refuses a user's sheet of that name, as
   * `writeSheet` does.
   */
  createPivotTable?(spec: PivotSpec): Promise<PivotResult>;
}

/** True for Excel's built-in names (`_xlnm.Print_Titles`, `_xlnm._FilterDatabase`, …), which `listNames` leaves out. */
export function isBuiltInName(name: string): boolean {
  return name.toLowerCase().startsWith("_xlnm.");
}

/** `names` without built-in ones, each once (case-insensitively, first spelling kept): what `listNames` returns. */
export function distinctUserNames(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = n.toLowerCase();
    if (n === "" || isBuiltInName(n) || seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}
