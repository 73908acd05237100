/** The sandbox's WorkbookPort: the real Office.js host (ExcelWorkbook) over the fake's `run`. */
import { ExcelWorkbook, type ExcelRun } from "../src/hosts/excel/excel-workbook";
import type { FakeExcel } from "../test/excel-fake";

/** ExcelWorkbook driving `fake` exactly as it would drive Excel. */
export function createFakePort(fake: FakeExcel): ExcelWorkbook {
  return new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: () => Promise.resolve() });
}
