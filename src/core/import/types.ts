/**
 * The importer's shapes: a sheet as a grid of raw cells, what detection found in it, and what each
 * source row became (imported, rejected with reasons, or skipped with a reason).
 */
import type { Issue } from "../result";
import type { LedgerInput } from "../schemas/records";
import type { RawCell } from "../ledger-tables";
import type { FormHeader, FormTrailer } from "./form-header";
import type { MonthDates } from "./month-dates";

export type { RawCell };

/** A merged area, 0-based inclusive sheet coordinates. */
export interface MergeArea {
  readonly row: number;
  readonly col: number;
  readonly rowEnd: number;
  readonly colEnd: number;
}

/** A whole sheet's used range in memory (the app assembles it from the port's chunks). */
export interface SheetGrid {
  readonly name: string;
  /** 0-based sheet row of `values[0]`. */
  readonly startRow: number;
  /** 0-based sheet column of `values[r][0]`. */
  readonly startCol: number;
  readonly values: readonly (readonly RawCell[])[];
  /** Number formats, same shape as values (missing → `General`). */
  readonly formats: readonly (readonly string[])[];
  /** Formula text (with `=`) or null, same shape as values (may be empty when unknown). */
  readonly formulas: readonly (readonly (string | null)[])[];
  readonly merges: readonly MergeArea[];
}

/** What a sheet holds. */
export type SheetRole = "orders" | "payments" | "customers" | "products" | "returns" | "other";

/** Every role, in report order. */
export const SHEET_ROLES: readonly SheetRole[] = ["orders", "payments", "customers", "products", "returns", "other"];

/** Fields a column can map to (one vocabulary for every role; each role uses its subset). */
export type ImportField =
  | "date"
  | "shipDate"
  | "customer"
  | "model"
  | "productName"
  | "series"
  | "unit"
  | "qty"
  | "price"
  | "discount"
  | "amount"
  | "listAmount"
  | "orderNo"
  | "warehouse"
  | "region"
  | "status"
  | "carrier"
  | "trackingNo"
  | "notes"
  | "method"
  | "account"
  | "ref"
  | "kind"
  | "code"
  | "terms"
  | "creditLimit"
  | "paymentDays"
  | "contact"
  | "phone"
  | "address"
  | "class"
  | "openingBalance"
  | "openingDate"
  | "needsApproval"
  | "reason"
  | "resolution"
  /** 往来账 (a receivable journal): 借方 raises what the customer owes (a sale), 贷方 lowers it (money received), 余额 is the running balance. */
  | "debit"
  | "credit"
  | "balance"
  /** 支出 in a bank statement pasted as the 回款 sheet: money going out, never a payment received. */
  | "outflow"
  /** A journal's 方向 (借/贷/平): the side of an absolute 余额. */
  | "direction"
  /** A journal's date split into 月 | 日 (and 年) columns. */
  | "dateMonth"
  | "dateDay"
  | "dateYear";

/**
 * A column choice the import is not sure of: two or more columns explain the data about equally
 * well (headers and values), so the clerk confirms (task pane) or overrides (`--map`) it.
 */
export interface UncertainChoice {
  readonly field: ImportField;
  /** The column the import took (0-based sheet column, header as found), or null when it left the field unmapped. */
  readonly chosen: { readonly col: number; readonly header: string } | null;
  /** The other columns that could be this field, best first. */
  readonly alternatives: readonly { readonly col: number; readonly header: string }[];
  /** Why it is uncertain, as a catalogue code with params. */
  readonly reason: Issue;
}

/** One column → field choice, with why. */
export interface ColumnChoice {
  readonly field: ImportField;
  /** 0-based sheet column. */
  readonly col: number;
  /** Header text as found (normalized). */
  readonly header: string;
  /** How it was chosen: `exact` synonym, `contains` a synonym, `override` by the user, `fallback` (e.g. ship date used as date). */
  readonly how: "exact" | "contains" | "override" | "fallback";
  /** The synonym that matched (or the override text). */
  readonly matched: string;
  /** Money columns headed in 万元 / 千元: multiply the cell by this. Absent means 1. */
  readonly scale?: number;
}

/** A header row and the data rows under it, up to the next header or the end of the used range. */
export interface HeaderBlock {
  /** 0-based sheet row of the header. */
  readonly headerRow: number;
  /** 0-based sheet rows of the data (inclusive); `lastRow < firstRow` when there are none. */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly mapping: readonly ColumnChoice[];
  /** A form's header block above this table (送货单: 收货单位, 日期, 单号 …): fields for every line below. */
  readonly form?: FormHeader;
  /** A form's last 合计, its footer (notes, signatures) and where a next stacked form starts. */
  readonly trailer?: FormTrailer;
}

/** What detection concluded about one sheet. */
export interface SheetDetection {
  readonly sheet: string;
  readonly role: SheetRole;
  /** 0..1: how sure the role is. */
  readonly confidence: number;
  /** Why this role (issue-like codes the catalogue words). */
  readonly reasons: readonly Issue[];
  /** Role scores, for the task pane to show alternatives. */
  readonly scores: Readonly<Record<SheetRole, number>>;
  /** First block's header row (0-based sheet row), null when no header was found. */
  readonly headerRow: number | null;
  readonly blocks: readonly HeaderBlock[];
  /** Mapping of the first block (the one shown to the user). */
  readonly mapping: readonly ColumnChoice[];
  /** Year found in the sheet name or title rows (for `3月5日`-style dates). */
  readonly year: number | null;
  /** A customer named in the title rows (`客户：长沙华兴`), for a one-sheet-per-customer workbook without a customer column. */
  readonly sheetCustomer: string | null;
  /**
   * Where rows take their date when the sheet has no date column: one date in the title (a daily
   * sheet: `日期：2025年3月5日`, a sheet named `3月5日`; `text` as written, a month-day needs the year)
   * or date heading rows (`2025年3月5日` alone on a row, dating the lines below it). Null otherwise.
   */
  readonly sheetDate: { readonly from: "title"; readonly text: string } | { readonly from: "headings" } | null;
  /** A date column holding only months (1–12, 3月), with the year found for it; absent otherwise. */
  readonly monthDates?: MonthDates;
  /** Column choices the import is not sure of (listed first to the clerk); empty when every choice is clear. */
  readonly uncertain: readonly UncertainChoice[];
  /** True when the sheet has no customer column and heading rows (`客户：长沙华兴`) name the customer of the lines below them. */
  readonly customerHeadings: boolean;
  /** 0-based rows above the first header (titles), and the used range's first/last rows. */
  readonly firstRow: number;
  readonly lastRow: number;
}

/** What became of one source row. */
export type RowOutcome =
  | { readonly kind: "imported"; readonly row: number; readonly warnings: readonly Issue[] }
  | { readonly kind: "rejected"; readonly row: number; readonly issues: readonly Issue[] }
  | { readonly kind: "skipped"; readonly row: number; readonly reason: Issue };

/** Per-sheet tally; `imported + rejected + skipped = rows` (conservation). */
export interface SheetTally {
  readonly sheet: string;
  readonly role: SheetRole;
  /** Data rows below the first header within the used range (all rows when there is no header). */
  readonly rows: number;
  readonly imported: number;
  readonly rejected: number;
  readonly skipped: number;
}

/** User corrections: roles per sheet and `field → header` per sheet (or for all sheets). */
export interface ImportOverrides {
  readonly roles?: Readonly<Record<string, SheetRole>>;
  /** `{ sheet: { field: header } }`; sheet `*` applies to every sheet that has that header. */
  readonly mappings?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Everything the importer hands back. */
export interface ImportResult {
  readonly detections: readonly SheetDetection[];
  /** Records ready for `Ledger.build`. */
  readonly input: LedgerInput;
  /** Every source row's outcome, per sheet. */
  readonly outcomes: Readonly<Record<string, readonly RowOutcome[]>>;
  readonly tallies: readonly SheetTally[];
  /** Workbook-level warnings (e.g. names added to an existing master, derived masters). */
  readonly warnings: readonly Issue[];
  /** True when the customer / product master came from transactions, not a master sheet. */
  readonly derivedCustomers: boolean;
  readonly derivedProducts: boolean;
}
