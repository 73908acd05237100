/**
 * The Office.js host: `new ExcelWorkbook()` is the WorkbookPort the add-in (task pane, ribbon
 * commands) hands to the app use cases. Failures a clerk must see come as `HostIssueError.issue`.
 */
export { ExcelWorkbook, HostIssueError, META_SHEET, type ExcelRun, type ExcelWorkbookOptions } from "./excel-workbook";
