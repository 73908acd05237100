/**
 * The importer's public surface: detect a clerk's sheets, import them into ledger records with
 * every row accounted for, and word the result (`ImportReport`, the 导入问题 sheet).
 * @example
 * const result = importWorkbook(grids, { date1904: false });
 * const report = buildImportReport(result); // the CLI `import --json` object
 */
export { importWorkbook, type ImportOptions } from "./import-workbook";
export { detectSheet, mapHeaderRow, moneyScale, HEADER_SCAN_ROWS, type DetectOptions } from "./detect";
export { headerKey, matchHeader, FIELD_SYNONYMS, type HeaderMatch } from "./synonyms";
export { evaluateSimpleFormula, type CellNumberReader } from "./formula";
export { parseQty, parseDiscount, parseDateCell, parseTerms, parseStatus, cellText } from "./cells";
export { buildImportReport, importIssuesSheet, summarizeLedger, describeCellIssue, describeReason, fieldLabel, roleLabel, IMPORT_ISSUES_SHEET, type ImportReport, type ImportReportSheet, type ImportLedgerSummary } from "./report";
export * from "./types";
