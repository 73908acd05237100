/**
 * Get a Ledger from any workbook: a converted one (our ledger tables are read back, bad rows
 * reported) or a clerk's raw workbook (imported in memory, nothing written). The CLI `report` and
 * `statement` commands and the task pane start here.
 */
import type { WorkbookPort, Progress } from "./workbook-port";
import { Ledger } from "../core/ledger";
import { LEDGER_TABLE_ORDER, LEDGER_TABLES, rowToRecord, type LedgerRecordOf, type LedgerTableKind } from "../core/ledger-tables";
import type { Issue } from "../core/result";
import type { LedgerInput } from "../core/schemas/records";
import type { ImportReport } from "../core/import/report";
import type { ImportOverrides } from "../core/import/types";
import type { Locale } from "../core/i18n";
import { formatFen } from "../core/money";
import { detectWorkbook } from "./detect-workbook";

/** What `loadLedger` found. */
export interface LoadedLedger {
  readonly ledger: Ledger;
  /** Rows of the ledger tables that could not be read (converted workbooks), or rejected rows (raw ones). */
  readonly issues: readonly Issue[];
  /** Present when the workbook was a raw one, imported in memory. */
  readonly report?: ImportReport;
  /** `tables` when read from our ledger tables, `import` when imported in memory. */
  readonly source: "tables" | "import";
}

/** Options for `loadLedger`. */
export interface LoadLedgerOptions {
  readonly overrides?: ImportOverrides;
  readonly locale?: Locale;
  readonly onProgress?: Progress;
  /** The workbook's file name: a year for month-only dates (`2023销售台账.xlsx`). */
  readonly fileName?: string;
}

/**
 * Read the ledger tables when the workbook has them (the 订单 table is the mark of a converted
 * ledger), else import the raw workbook in memory.
 * @example const { ledger } = await loadLedger(port); ledger.totalReceivable("2025-06-30")
 */
export async function loadLedger(port: WorkbookPort, options: LoadLedgerOptions = {}): Promise<LoadedLedger> {
  const tables = await port.listTables();
  const hasLedger = tables.some((tb) => tb.name === LEDGER_TABLES.orders.tableName);
  if (!hasLedger) {
    const { result, report } = await detectWorkbook(port, options);
    const issues: Issue[] = [];
    for (const rows of Object.values(result.outcomes)) for (const o of rows) if (o.kind === "rejected") issues.push(...o.issues);
    return { ledger: Ledger.build(result.input), issues, report, source: "import" };
  }
  const date1904 = await port.date1904();
  const issues: Issue[] = [];
  const input: { -readonly [K in keyof LedgerInput]: LedgerInput[K][number][] } = { customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] };
  let confirmationsSheet: string = LEDGER_TABLES.confirmations.sheetName;
  for (const kind of LEDGER_TABLE_ORDER) {
    const data = await port.readTable(LEDGER_TABLES[kind].tableName);
    if (!data) continue;
    if (kind === "confirmations") confirmationsSheet = data.sheetName;
    data.rows.forEach((row, i) => {
      if (row.every((v) => v === null || v === "")) return;
      const r = rowToRecord(kind, data.headers, row, { sheet: data.sheetName, row: i + 2, date1904 });
      if (r.ok) pushRecord(input, kind, r.value);
      else issues.push(...r.issues);
    });
  }
  const ledger = Ledger.build(input);
  issues.push(...confirmationBreaches(ledger, confirmationsSheet));
  return { ledger, issues, source: "tables" };
}

/**
 * The issue when a raw workbook gave nothing to import (no sheet holds ledger rows), else null: a
 * report or statement from it would be empty, so the CLI refuses it as unreadable input (exit 2).
 * @example const empty = nothingImported(await loadLedger(port)); if (empty) describeIssue(empty)
 */
export function nothingImported(loaded: LoadedLedger): Issue | null {
  if (loaded.source !== "import" || !loaded.report) return null;
  if (loaded.report.sheets.some((s) => s.imported > 0)) return null;
  return { code: "import.nothingImported", params: { sheets: loaded.report.sheets.map((s) => s.name).join("、") } };
}

/**
 * A confirmed balance (对账 已确认) that the ledger no longer gives: a record inside the confirmed
 * period was changed since. A warning: the ledger still loads, the clerk is told.
 * @example confirmationBreaches(ledger, "对账")[0]?.params?.current // "150.00"
 */
export function confirmationBreaches(ledger: Ledger, sheet: string = LEDGER_TABLES.confirmations.sheetName): Issue[] {
  return ledger.checkConfirmations().map((b) => ({
    code: "records.ledger.confirmationBreach",
    severity: "warning",
    at: { sheet },
    params: { customer: b.customer, asOf: b.asOf, confirmed: formatFen(b.confirmedFen), current: formatFen(b.currentFen), difference: formatFen(b.differenceFen) },
  }));
}

function pushRecord<K extends LedgerTableKind>(input: { -readonly [T in keyof LedgerInput]: LedgerInput[T][number][] }, kind: K, rec: LedgerRecordOf[K]): void {
  (input[kind] as LedgerRecordOf[K][]).push(rec);
}
