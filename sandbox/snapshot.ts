/**
 * A workbook as plain JSON, shipped from the sandbox server to the page, where it is loaded into the
 * in-memory Excel fake. Values follow Office.js `values` semantics (dates are serial numbers).
 * Browser-safe: no Node imports here.
 */
import type { RawCell } from "../src/app/workbook-port";

/** One sheet: a dense grid from A1 (rows may be shorter than the widest). */
export interface SheetSnapshot {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  readonly values: readonly (readonly RawCell[])[];
  /** Number formats, same shape as values (`General` when none). */
  readonly formats: readonly (readonly string[])[];
  /** Formula text (with `=`) or null, same shape as values; values hold the cached results. */
  readonly formulas: readonly (readonly (string | null)[])[];
  /** Merged areas, 0-based inclusive. */
  readonly merges: readonly { readonly row: number; readonly col: number; readonly rowEnd: number; readonly colEnd: number }[];
}

/** The whole workbook. */
export interface WorkbookSnapshot {
  readonly source: string;
  readonly date1904: boolean;
  readonly sheets: readonly SheetSnapshot[];
}
