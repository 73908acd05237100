/**
 * sales-ledger — the library. The same core the add-in and the CLI run on, for Node and bundlers.
 *
 * @example
 * import { toRmbUpper, openXlsx, loadLedger, monthlyReport } from "sales-ledger";
 * toRmbUpper(123456); // "壹仟贰佰叁拾肆元伍角陆分"
 */
// Values
export * from "./core/result";
export * from "./core/money";
export * from "./core/rmb-uppercase";
export * from "./core/dates";
export * from "./core/periods";
export * from "./core/text";
export { t, describeIssue, pickLocale, catalogues, type Locale } from "./core/i18n";
// Records and the ledger
export * from "./core/schemas/records";
export { Ledger, type Movement, type ConfirmationBreach, type ConfirmationSnapshot } from "./core/ledger";
export * from "./core/ledger-tables";
// Import, reports, statements
export { importWorkbook, type ImportOptions } from "./core/import/import-workbook";
export * from "./core/reports";
export * from "./core/statement";
export * from "./core/sheet-names";
export * from "./core/sheet-spec";
export * from "./core/entry";
// Use cases on any WorkbookPort
export type { WorkbookPort, GridChunk, SheetInfo, TableData, WriteSheetResult, Progress } from "./app/workbook-port";
export type { RawCell, WriteCell, ColumnValidation, TableColumnSpec, TableSpec } from "./core/table-spec";
export { convertWorkbook, type ConvertOptions, type ConvertResult } from "./app/convert-workbook";
export { detectWorkbook } from "./app/detect-workbook";
export { loadLedger, type LoadedLedger } from "./app/load-ledger";
export { generateReport } from "./app/generate-report";
export { generateStatements } from "./app/generate-statements";
export { enterOrder } from "./app/enter-order";
export { enterPayment } from "./app/enter-payment";
export { enterReturn } from "./app/enter-return";
export { recordConfirmation } from "./app/record-confirmation";
// Hosts
export { XlsxWorkbook } from "./hosts/xlsx/xlsx-workbook";
export { loadWorkbookFile, loadWorkbookBytes } from "./hosts/xlsx/open-workbook";
