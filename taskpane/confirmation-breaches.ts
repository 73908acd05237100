/**
 * Confirmation breaches for the 对账 screen: a balance the customer confirmed (已确认) that the
 * ledger no longer gives, because a record inside the confirmed period was changed. `loadLedger`
 * reports them as `records.ledger.confirmationBreach` warnings; the pane lists them in its own words.
 */
import type { Issue } from "../src/core/result";

/** One breach as the pane shows it (amounts already formatted, `1,234.50`). */
export interface BreachRow {
  readonly customer: string;
  /** The confirmed period's end (`YYYY-MM-DD`). */
  readonly asOf: string;
  readonly confirmed: string;
  readonly current: string;
  /** Current − confirmed. */
  readonly difference: string;
}

/** The code `loadLedger` gives a breach. */
export const BREACH_CODE = "records.ledger.confirmationBreach";

/**
 * The breaches among the ledger's load issues, by period end then customer.
 * @example breachRows(loaded.issues)[0] // { customer: "长沙华兴商贸", asOf: "2025-03-25", confirmed: "1,000.00", current: "900.00", difference: "-100.00" }
 */
export function breachRows(issues: readonly Issue[]): BreachRow[] {
  return issues
    .filter((i) => i.code === BREACH_CODE)
    .map((i) => {
      const p = i.params ?? {};
      const s = (k: string): string => String(p[k] ?? "");
      return { customer: s("customer"), asOf: s("asOf"), confirmed: s("confirmed"), current: s("current"), difference: s("difference") };
    })
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.customer.localeCompare(b.customer, "zh-CN"));
}
