/**
 * The Office.js side of the pane: the WorkbookPort over Excel.run (src/hosts/excel's ExcelWorkbook)
 * and the table-change subscription. The only file of taskpane/ that knows it runs inside Excel.
 */
import { ExcelWorkbook } from "../src/hosts/excel/excel-workbook";
import type { Unsubscribe } from "./services";

/** The WorkbookPort of the open workbook. */
export function createOfficePort(): ExcelWorkbook {
  return new ExcelWorkbook();
}

/** Table-change subscription of the Excel host (workbook `tables.onChanged`, ExcelApi 1.7). */
export function officeTablesChanged(port: ExcelWorkbook): (cb: (tables: readonly string[]) => void) => Unsubscribe {
  return (cb) => port.onTablesChanged(cb);
}
