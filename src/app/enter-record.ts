/**
 * The shared last step of every entry form: append the one validated record as one new row of its
 * ledger table (never rewriting the table: co-authoring safe), after checking the table is there.
 */
import type { Entered } from "../core/entry";
import { LEDGER_TABLES, type LedgerTableKind, type WriteCell } from "../core/ledger-tables";
import { fail, ok, type Issue, type Result } from "../core/result";
import type { WorkbookPort } from "./workbook-port";

/** What an entry use case returns: the record appended, warnings to show, the table's new row count. */
export interface EnterOutcome<T> {
  readonly record: T;
  readonly warnings: readonly Issue[];
  /** Data rows in the table after the append. */
  readonly rowCount: number;
}

/**
 * Append `validated.record` (as `toRow` makes it) to ledger table `kind`: one `listTables` and one
 * `appendRows` call. A workbook without that table gets `entry.table.missing` and is not touched.
 */
export async function appendRecord<T>(port: WorkbookPort, kind: LedgerTableKind, validated: Result<Entered<T>>, toRow: (record: T) => WriteCell[]): Promise<Result<EnterOutcome<T>>> {
  if (!validated.ok) return validated;
  const def = LEDGER_TABLES[kind];
  const tables = await port.listTables();
  if (!tables.some((t) => t.name === def.tableName)) return fail({ code: "entry.table.missing", params: { table: def.tableName, sheet: def.sheetName } });
  const rowCount = await port.appendRows(def.tableName, [toRow(validated.value.record)]);
  return ok({ record: validated.value.record, warnings: validated.value.warnings, rowCount });
}
