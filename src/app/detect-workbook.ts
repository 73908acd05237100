/**
 * Read a workbook's sheets through the port and run the importer in memory: what the task pane's
 * 台账设置 screen shows before converting (roles, mappings with reasons, what would be rejected).
 */
import type { SheetInfo, WorkbookPort, Progress } from "./workbook-port";
import type { SheetGrid } from "../core/import/types";
import { importWorkbook } from "../core/import/import-workbook";
import { buildImportReport, type ImportReport } from "../core/import/report";
import type { ImportOverrides, ImportResult } from "../core/import/types";
import { t, type Locale } from "../core/i18n";
import { LEDGER_TABLES } from "../core/ledger-tables";
import { IMPORT_ISSUES_SHEET } from "../core/import/report";

/** Sheets the importer reads: the user's own (not sheets the add-in made, not our ledger tables). */
export function userSheets(sheets: readonly SheetInfo[]): SheetInfo[] {
  return sheets.filter((s) => s.ownedKind === null && s.name !== IMPORT_ISSUES_SHEET);
}

/** Assemble a sheet's chunks into one grid. */
export async function readGrid(port: WorkbookPort, sheet: SheetInfo, onRows?: (rows: number) => void): Promise<SheetGrid> {
  const values: SheetGrid["values"][number][] = [];
  const formats: SheetGrid["formats"][number][] = [];
  const formulas: SheetGrid["formulas"][number][] = [];
  let startRow = sheet.startRow;
  let startCol = sheet.startCol;
  let first = true;
  for await (const chunk of port.readSheet(sheet.name)) {
    if (first) {
      startRow = chunk.startRow;
      startCol = chunk.startCol;
      first = false;
    }
    // Chunks are contiguous; pad if a host skipped rows.
    while (startRow + values.length < chunk.startRow) {
      values.push([]);
      formats.push([]);
      formulas.push([]);
    }
    values.push(...chunk.values);
    formats.push(...chunk.formats);
    formulas.push(...chunk.formulas);
    onRows?.(chunk.values.length);
  }
  return { name: sheet.name, startRow, startCol, values, formats, formulas, merges: sheet.merges };
}

/** Options for detecting / importing a workbook. */
export interface DetectWorkbookOptions {
  readonly overrides?: ImportOverrides;
  readonly locale?: Locale;
  readonly onProgress?: Progress;
  /** The workbook's file name: a year for month-only dates (`2023销售台账.xlsx`). */
  readonly fileName?: string;
}

/** A workbook read and imported in memory (nothing written). */
export interface WorkbookImport {
  readonly result: ImportResult;
  readonly report: ImportReport;
  readonly date1904: boolean;
}

/**
 * Read every user sheet and import it in memory. Our own ledger tables and generated sheets are
 * left out, so a converted ledger is not imported into itself.
 * @example const { report } = await detectWorkbook(port); report.sheets.map((s) => s.role)
 */
export async function detectWorkbook(port: WorkbookPort, options: DetectWorkbookOptions = {}): Promise<WorkbookImport> {
  const locale = options.locale ?? "zh-CN";
  const all = await port.listSheets();
  const tables = await port.listTables();
  const ledgerTableSheets = new Set(tables.filter((tb) => Object.values(LEDGER_TABLES).some((d) => d.tableName === tb.name)).map((tb) => tb.sheetName));
  const sheets = userSheets(all).filter((s) => !ledgerTableSheets.has(s.name));
  const total = sheets.reduce((n, s) => n + s.rowCount, 0);
  let done = 0;
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    grids.push(
      await readGrid(port, s, (rows) => {
        done += rows;
        options.onProgress?.(done, total);
      }),
    );
  }
  const date1904 = await port.date1904();
  const result = importWorkbook(grids, { date1904, ...(options.overrides ? { overrides: options.overrides } : {}), noModelPlaceholder: t("import.placeholder.noModel", {}, locale), noCustomerPlaceholder: t("import.placeholder.noCustomer", {}, locale), ...(options.fileName !== undefined ? { fileName: options.fileName } : {}) });
  return { result, report: buildImportReport(result, locale), date1904 };
}
