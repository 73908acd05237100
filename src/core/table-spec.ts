/**
 * TableSpec: a structured Excel table the add-in creates (订单, 回款, 客户, …), and the cell values that
 * go in and come out of workbooks. Like SheetSpec it is host-neutral: both hosts read and write these.
 */

/** Rows in one Excel worksheet (2^20): a table or sheet longer than this cannot be written. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** A raw cell as read from a workbook (dates are serial numbers). */
export type RawCell = string | number | boolean | null | { readonly error: string };

/** A value written into a table row (strings are always text). */
export type WriteCell = string | number | boolean | null | { readonly date: string };

/** Data validation of a column. */
export type ColumnValidation =
  | { readonly type: "list"; readonly values: readonly string[] }
  | { readonly type: "decimal"; readonly min?: number; readonly max?: number }
  | { readonly type: "wholeNumber"; readonly min?: number; readonly max?: number }
  | { readonly type: "date" };

/** A table column. */
export interface TableColumnSpec {
  readonly header: string;
  readonly field: string;
  readonly numberFormat?: string;
  readonly validation?: ColumnValidation;
  readonly width?: number;
}

/** A table to create. */
export interface TableSpec {
  readonly sheetName: string;
  readonly tableName: string;
  readonly columns: readonly TableColumnSpec[];
  readonly rows: readonly (readonly WriteCell[])[];
}

/** One value column of a PivotTable: the source header, summed, shown with `numberFormat`. */
export interface PivotValueSpec {
  readonly header: string;
  readonly numberFormat?: string;
  /** Caption of the value column (Excel's default is `Sum of <header>`); must differ from every source header. */
  readonly label?: string;
}

/**
 * A native PivotTable over one of the workbook's tables, on a sheet the add-in owns: the title in
 * A1, the PivotTable below it. Fields are named by their source table headers.
 */
export interface PivotSpec {
  readonly sheetName: string;
  readonly pivotName: string;
  /** Name of the source table (e.g. `Orders`). */
  readonly sourceTable: string;
  /** Row fields, outermost first. */
  readonly rows: readonly string[];
  readonly columns?: readonly string[];
  /** Value fields, summed. */
  readonly values: readonly PivotValueSpec[];
  /** Report filter fields (shown above the PivotTable, every item selected). */
  readonly filters?: readonly string[];
  /** Text of A1 (always text, never a formula). */
  readonly title?: string;
}
