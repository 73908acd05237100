/**
 * What the task pane needs from its surroundings: a workbook (through the WorkbookPort), the
 * language, today's civil date, and optionally a table-change subscription. `index.tsx` builds it
 * over Office.js; the sandbox builds it over the in-memory Excel fake.
 */
import type { WorkbookPort } from "../src/app/workbook-port";
import type { Locale } from "../src/core/i18n";

/** Unsubscribe function returned by subscriptions. */
export type Unsubscribe = () => void;

/** Everything the screens use. Screens never call Excel.run; they call src/app use cases with `port`. */
export interface PaneServices {
  readonly port: WorkbookPort;
  readonly locale: Locale;
  /** Today's local civil date `YYYY-MM-DD` (the clock lives here, not in core). */
  today(): string;
  /**
   * Calls `cb` with the names of tables whose data changed (Orders, Payments, …), when the host can
   * tell. Absent when the host cannot: the pane then hides the auto-refresh switch.
   */
  readonly onTablesChanged?: (cb: (tables: readonly string[]) => void) => Unsubscribe;
}

/** Local civil date of a JS Date, `YYYY-MM-DD` (local time: the clerk's day, not UTC's). */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
