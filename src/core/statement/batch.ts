/**
 * Month-end batch: which customers get a statement, the period to use, and one statement each
 * with sheet names unique within the batch.
 */
import { ok, fail, type Result } from "../result";
import { monthRange, settlementPeriodOfMonth, type DateRange } from "../periods";
import type { ReportLedger } from "../reports/ledger-view";
import { uniqueSheetNames } from "../sheet-names";
import { statement, type Statement, type StatementOptions } from "./statement";
import { isIsoDate } from "../dates";

/**
 * The statement period ending in `month` (YYYY-MM): a settlement period closing on `cutoff`
 * (default 25: the 26th of last month to the 25th), or the calendar month for `"calendar"`.
 * @example statementPeriod("2025-03") // { from: "2025-02-26", to: "2025-03-25" }
 * @example statementPeriod("2025-03", "calendar") // { from: "2025-03-01", to: "2025-03-31" }
 */
export function statementPeriod(month: string, cutoff: number | "calendar" = 25): DateRange {
  return cutoff === "calendar" ? monthRange(month) : settlementPeriodOfMonth(month, cutoff);
}

/**
 * 月结 customers that need a statement for [from, to]: activity in the period or a non-zero
 * closing balance. Ledger order (master order).
 */
export function monthlyStatementCustomers(ledger: ReportLedger, from: string, to: string): string[] {
  const out: string[] = [];
  for (const name of ledger.customerNames()) {
    if (ledger.findCustomer(name)?.terms !== "月结") continue;
    if (ledger.balance(name, to) !== 0 || ledger.movements(name, from, to).length > 0) out.push(name);
  }
  return out;
}

/**
 * One statement per customer (fails with every unknown customer listed, making none);
 * sheet names made unique within the batch.
 */
export function statementBatch(ledger: ReportLedger, customers: readonly string[], from: string, to: string, opts: StatementOptions): Result<Statement[]> {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) return fail({ code: "statement.badPeriod", params: { from, to } });
  const made: Statement[] = [];
  const issues = [];
  for (const c of customers) {
    const r = statement(ledger, c, from, to, opts);
    if (r.ok) made.push(r.value);
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const names = uniqueSheetNames(made.map((s) => s.spec.name));
  return ok(made.map((s, i) => ({ ...s, spec: { ...s.spec, name: names[i] ?? s.spec.name } })));
}
