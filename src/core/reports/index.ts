/**
 * Reports: pure `Ledger → { spec, data }`. `buildReport` picks one by kind and checks the period.
 */
import { fail, ok, type Result } from "../result";
import type { ReportLedger } from "./ledger-view";
import { dailyReport } from "./daily";
import { monthlyReport } from "./monthly";
import { annualReport } from "./annual";
import { agingReport } from "./aging";
import type { Report, ReportData, ReportKind, ReportOptions } from "./types";

export { dailyReport } from "./daily";
export { monthlyReport } from "./monthly";
export { annualReport } from "./annual";
export { agingReport, customerAging, agingPaymentDays, bucketOf } from "./aging";
export { renderSpecText } from "./render-text";
export type { ReportLedger, LedgerMovement } from "./ledger-view";
export * from "./types";

const PERIOD: Record<ReportKind, RegExp> = {
  daily: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  annual: /^\d{4}$/,
  aging: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/** True when `iso` is a real calendar date. */
function realDate(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= ([31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0);
}

/**
 * Check a report period for its kind: daily/aging `YYYY-MM-DD`, monthly `YYYY-MM`, annual `YYYY`.
 * @example checkPeriod("monthly", "2025-3") // fails with reports.badPeriod
 */
export function checkPeriod(kind: ReportKind, period: string): Result<string> {
  const re = PERIOD[kind];
  if (!re.test(period) || ((kind === "daily" || kind === "aging") && !realDate(period))) {
    return fail({ code: "reports.badPeriod", value: period, params: { kind } });
  }
  return ok(period);
}

/**
 * Build the report of `kind` for `period`.
 * @example buildReport(ledger, "monthly", "2025-03") // ok({ spec, data })
 */
export function buildReport(ledger: ReportLedger, kind: ReportKind, period: string, opts: ReportOptions = {}): Result<Report<ReportData>> {
  const checked = checkPeriod(kind, period);
  if (!checked.ok) return checked;
  switch (kind) {
    case "daily":
      return ok(dailyReport(ledger, period, opts));
    case "monthly":
      return ok(monthlyReport(ledger, period, opts));
    case "annual":
      return ok(annualReport(ledger, period, opts));
    case "aging":
      return ok(agingReport(ledger, period, opts));
  }
}

/** Is `s` one of the report kinds? */
export function isReportKind(s: string): s is ReportKind {
  return s === "daily" || s === "monthly" || s === "annual" || s === "aging";
}
