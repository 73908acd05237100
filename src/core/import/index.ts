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
export { importWarnings, importUncertain, countWarnings, type LocatedWarning, type LocatedUncertain } from "./outcomes";
export { importEnding, looksLikeTransactions, type ImportEnding, type SheetProblem } from "./ending";
export { applyProfile, parseProfile, profileOf, serializeProfile, headerSignature, ImportProfile, PROFILE_SETTING, type ProfileUse } from "./import-profile";
export * from "./types";
