/**
 * SheetSpec: everything a host needs to render one sheet (report, statement, issue list), and
 * nothing host-specific. Reports and statements are pure `Ledger → SheetSpec`; both hosts render a
 * spec to the same cells. Rows and columns are 0-based here; hosts translate to A1.
 */

/** A civil date cell: hosts write an Excel date serial with a date number format. */
export interface DateCell {
  readonly date: string; // YYYY-MM-DD
}

/** A formula cell with the value we computed, so a reader without recalculation sees the same figure. */
export interface FormulaCell {
  /** Formula in A1 style, with the leading `=`, English function names (e.g. `=SUM(B5:B9)`). */
  readonly formula: string;
  readonly value: string | number | boolean | null;
}

/** Value of one cell in a spec. Strings are always written as text, never parsed as formulas. */
export type SpecCell = string | number | boolean | null | DateCell | FormulaCell;

/** A rectangle, 0-based inclusive. */
export interface CellRange {
  readonly row: number;
  readonly col: number;
  readonly rowEnd: number;
  readonly colEnd: number;
}

export type BorderWeight = "thin" | "medium" | "none";

/** Visual style of a range. Absent members mean "host default". */
export interface CellStyle {
  /** Excel number format, e.g. `#,##0.00`, `yyyy-mm-dd`, `@`. */
  readonly numberFormat?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  /** `#RRGGBB` */
  readonly fontColor?: string;
  /** `#RRGGBB` background */
  readonly fill?: string;
  readonly hAlign?: "left" | "center" | "right";
  readonly vAlign?: "top" | "middle" | "bottom";
  readonly wrap?: boolean;
  /** Border drawn on every cell edge of the range (`all`) or only around it (`outline`). */
  readonly border?: { readonly weight: BorderWeight; readonly scope: "all" | "outline" | "bottom" | "top" };
}

export interface StyledRange {
  readonly range: CellRange;
  readonly style: CellStyle;
}

/** Page setup: clerks print reports and fax statements. */
export interface PrintSetup {
  readonly paperSize: "A4";
  readonly orientation: "portrait" | "landscape";
  /** Fit all columns on one page wide (height unlimited). */
  readonly fitToWidth: boolean;
  /** 0-based inclusive rows repeated at the top of every printed page. */
  readonly repeatRows?: { readonly first: number; readonly last: number };
  /** Centre footer text, e.g. page numbers `第 &P 页 / 共 &N 页`. */
  readonly footer?: string;
}

/** What made the sheet; hosts record it in the ownership mark. */
export type SheetKind = "daily" | "monthly" | "annual" | "aging" | "statement" | "issues" | "summary";

/** One sheet, fully described. */
export interface SheetSpec {
  /** Excel sheet name: ≤ 31 chars, none of `[]:*?/\`. */
  readonly name: string;
  readonly kind: SheetKind;
  /** Dense grid from A1; rows may be shorter than the widest row. */
  readonly rows: readonly (readonly SpecCell[])[];
  readonly styles: readonly StyledRange[];
  readonly merges: readonly CellRange[];
  /** Widths in Excel character units, by column index. */
  readonly columnWidths: readonly number[];
  /** Rows and columns frozen at the top-left. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly print: PrintSetup;
  /** Named cells for tests and for hyperlinks: name → 0-based position. */
  readonly anchors: Readonly<Record<string, { readonly row: number; readonly col: number }>>;
  /** Hyperlinks inside the workbook, e.g. from an issue row to the source cell. */
  readonly links?: readonly { readonly row: number; readonly col: number; readonly target: { readonly sheet: string; readonly cell: string } }[];
}

/** Column letters for a 0-based index. @example columnLetter(0) // "A"; columnLetter(27) // "AB" */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address of a 0-based cell. @example a1(0, 0) // "A1"; a1(4, 2) // "C5" */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** A1 address of a 0-based range. @example rangeA1({ row: 0, col: 0, rowEnd: 1, colEnd: 2 }) // "A1:C2" */
export function rangeA1(r: CellRange): string {
  return `${a1(r.row, r.col)}:${a1(r.rowEnd, r.colEnd)}`;
}
