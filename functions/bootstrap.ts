/**
 * Webpack entry `functions` (dist/functions.js, loaded by the shared-runtime page taskpane.html):
 * registers the LEDGER.* functions (the metadata plugin appends `CustomFunctions.associate` calls
 * to ./functions) and, once Office is ready, gives them the workbook: an index cache over the
 * Excel host's WorkbookPort, invalidated whenever a ledger table changes.
 */
import { configureFunctions } from "./functions";
import { LedgerIndexCache, LiveFormulas, loadFunctionIndex } from "../src/app/ledger-index-cache";
import { LEDGER_TABLES } from "../src/core/ledger-tables";
import { pickLocale } from "../src/core/i18n";
import type { WorkbookPort } from "../src/app/workbook-port";
import { ExcelWorkbook } from "../src/hosts/excel/excel-workbook";

/** A port that may offer a table-change subscription (same optional convention the task pane uses). */
type ObservablePort = WorkbookPort & { onTablesChanged?: (cb: (tables: readonly string[]) => void) => () => void };

const LEDGER_TABLE_NAMES = new Set(Object.values(LEDGER_TABLES).map((d) => d.tableName.toLowerCase()));

/** Today's local civil date (the clerk's day). */
function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Options of `startLedgerFunctions` (tests). */
export interface StartOptions {
  /** Wait after a table change before re-evaluating (default 300 ms). */
  readonly debounceMs?: number;
  readonly today?: () => string;
}

/**
 * Wire the functions to a workbook. Returns the cache so the rest of the shared runtime can call
 * `invalidate()` after it writes to a ledger table itself.
 */
export function startLedgerFunctions(port: ObservablePort, locale = pickLocale(Office.context.displayLanguage), opts: StartOptions = {}): LedgerIndexCache {
  const cache = new LedgerIndexCache(() => loadFunctionIndex(port));
  const live = new LiveFormulas(cache, opts.debounceMs);
  configureFunctions({ cache, live, today: opts.today ?? localToday, locale });
  if (typeof port.onTablesChanged === "function") {
    port.onTablesChanged((tables) => {
      if (tables.length === 0 || tables.some((t) => LEDGER_TABLE_NAMES.has(t.toLowerCase()))) cache.invalidate();
    });
  }
  return cache;
}

Office.onReady(() => {
  startLedgerFunctions(new ExcelWorkbook());
});
