/**
 * Convert a clerk's workbook into a ledger: import every user sheet, create the ledger tables
 * (客户, 产品, 订单, 回款, 退货, 对账 as real tables with formats and validation) and the 导入问题
 * sheet. The user's sheets are only read, never changed.
 */
import type { WorkbookPort, Progress, WriteSheetResult } from "./workbook-port";
import { Ledger } from "../core/ledger";
import { ledgerTableSpecs, LEDGER_TABLES } from "../core/ledger-tables";
import { importIssuesSheet, type ImportReport } from "../core/import/report";
import type { ImportOverrides, ImportResult } from "../core/import/types";
import { fail, ok, type Issue, type Result } from "../core/result";
import type { Locale } from "../core/i18n";
import { EXCEL_MAX_ROWS } from "../core/table-spec";
import { detectWorkbook } from "./detect-workbook";

/** Options for `convertWorkbook`. */
export interface ConvertOptions {
  readonly overrides?: ImportOverrides;
  readonly locale?: Locale;
  readonly onProgress?: Progress;
  /** The workbook's file name: a year for month-only dates (`2023销售台账.xlsx`). */
  readonly fileName?: string;
  /** Rows one sheet can hold (default Excel's 1,048,576). */
  readonly maxRows?: number;
}

/** What a conversion produced. */
export interface ConvertResult {
  readonly report: ImportReport;
  readonly ledger: Ledger;
  readonly result: ImportResult;
  /** Sheets created, in order (ledger tables, then the issues sheet). */
  readonly sheetsCreated: readonly string[];
}

/** A free sheet name: `name`, else `name（台账）`, `name（台账2）`, … */
function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = `${name}（台账${i === 1 ? "" : i}）`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Import and write the ledger. Fails (nothing written) when the workbook already holds our ledger
 * tables, when no sheet holds ledger data, when a ledger table would not fit in a sheet, or when a
 * defined name (Name Manager) already has a ledger table's name.
 * @example const r = await convertWorkbook(port); if (r.ok) r.value.report.ledger.orders.lines
 */
export async function convertWorkbook(port: WorkbookPort, options: ConvertOptions = {}): Promise<Result<ConvertResult>> {
  const tables = await port.listTables();
  const existing = tables.find((tb) => Object.values(LEDGER_TABLES).some((d) => d.tableName === tb.name));
  if (existing) return fail({ code: "import.alreadyConverted", params: { sheet: existing.sheetName, table: existing.name } });
  // Excel refuses a table named like a defined name or another table (any case, e.g. her own table
  // `orders`): say so before reading, let alone writing — the Excel host would fail half-way.
  const names = new Set([...(await port.listNames()), ...tables.map((tb) => tb.name)].map((n) => n.toLowerCase()));
  const clashes: Issue[] = Object.values(LEDGER_TABLES)
    .filter((d) => names.has(d.tableName.toLowerCase()))
    .map((d) => ({ code: "import.tableNameTaken", params: { table: d.tableName } }));
  if (clashes.length > 0) return { ok: false, issues: clashes };
  const { result, report } = await detectWorkbook(port, options);
  const imported = result.tallies.reduce((n, x) => n + x.imported, 0);
  if (imported === 0) {
    return fail({ code: "import.nothingImported", params: { sheets: result.detections.map((d) => d.sheet).join("、") } });
  }
  const ledger = Ledger.build(result.input);
  const specs = ledgerTableSpecs(result.input);
  const issuesSheet = importIssuesSheet(result, options.locale ?? "zh-CN");
  // A sheet holds 1,048,576 rows: say so before anything is written, never write a sheet Excel would cut.
  const max = options.maxRows ?? EXCEL_MAX_ROWS;
  const count = (n: number): string => n.toLocaleString("en-US");
  const tooLong: Issue[] = [
    ...specs.filter((s) => s.rows.length + 1 > max).map((s) => ({ code: "import.tooManyRows", params: { sheet: s.sheetName, rows: count(s.rows.length + 1), max: count(max) } })),
    ...(issuesSheet.rows.length > max ? [{ code: "import.tooManyRows", params: { sheet: issuesSheet.name, rows: count(issuesSheet.rows.length), max: count(max) } }] : []),
  ];
  if (tooLong.length > 0) return { ok: false, issues: tooLong };
  const taken = new Set((await port.listSheets()).map((s) => s.name));
  const created: string[] = [];
  const problems: Issue[] = [];
  for (const spec of specs) {
    const sheetName = freeName(spec.sheetName, taken);
    taken.add(sheetName);
    const r: WriteSheetResult = await port.createTable({ ...spec, sheetName });
    if (!r.ok) problems.push(r.code === "table.nameTaken" ? { code: "import.tableNameTaken", params: { table: r.table } } : { code: "import.sheetTaken", params: { sheet: r.sheet } });
    else created.push(sheetName);
  }
  const issuesName = freeName(issuesSheet.name, taken);
  const w = await port.writeSheet({ ...issuesSheet, name: issuesName });
  if (w.ok) created.push(issuesName);
  else problems.push({ code: "import.sheetTaken", params: { sheet: w.sheet } });
  if (problems.length > 0) return { ok: false, issues: problems };
  return ok({ report, ledger, result, sheetsCreated: created });
}
