/**
 * What the ribbon buttons do, without Office: 生成日报 (today), 生成月报 (this month), 生成年报
 * (this year) and 生成对账单 (every 月结 customer, the latest settlement period that has ended, by the
 * cut-off day the clerk set in the 对账 screen's 本公司信息 · 对账设置, 25 when unset) —
 * the same use cases the task pane calls (`generateReport`, `generateStatements`). Returns the
 * notice to show the clerk; never throws (a bug becomes a `functions.command.failed` notice).
 */
import { describeIssue, t, type Locale } from "../src/core/i18n";
import type { Issue } from "../src/core/result";
import { monthOf, previousPeriod, settlementPeriod, type DateRange } from "../src/core/periods";
import type { WorkbookPort } from "../src/app/workbook-port";
import type { generateReport as GenerateReport } from "../src/app/generate-report";
import { readCutoffDay, type generateStatements as GenerateStatements } from "../src/app/generate-statements";

/** The four ExecuteFunction buttons. */
export type CommandKind = "daily" | "monthly" | "annual" | "statements";

/** The manifest's `<FunctionName>` of each button. */
export const COMMAND_FUNCTIONS: Readonly<Record<string, CommandKind>> = {
  generateDailyReport: "daily",
  generateMonthlyReport: "monthly",
  generateAnnualReport: "annual",
  generateStatements: "statements",
};

/** What a command needs; the use cases are injected so tests can run them on any port. */
export interface CommandDeps {
  readonly port: WorkbookPort;
  /** Today's local civil date `YYYY-MM-DD`. */
  readonly today: string;
  readonly locale: Locale;
  readonly generateReport: typeof GenerateReport;
  readonly generateStatements: typeof GenerateStatements;
  /** Statement cut-off day; default the workbook's setting `statement.cutoffDay` (25 when unset: periods run 26th – 25th). */
  readonly cutoffDay?: number;
}

/** What to tell the clerk afterwards. */
export interface Notice {
  readonly ok: boolean;
  readonly title: string;
  readonly message: string;
  /** Sheets written (for activating the first one). */
  readonly sheets: readonly string[];
}

/**
 * The latest settlement period that has ended by `today` (on the cut-off day itself, the period
 * ending today), the same rule as the task pane's 对账 screen.
 * @example lastEndedPeriod("2025-03-27") // { from: "2025-02-26", to: "2025-03-25" }
 */
export function lastEndedPeriod(today: string, cutoffDay = 25): DateRange {
  const current = settlementPeriod(today, cutoffDay);
  return current.to === today ? current : previousPeriod(current, cutoffDay);
}

function words(issues: readonly Issue[], locale: Locale): string {
  return issues.map((i) => describeIssue(i, locale)).join("\n");
}

/** Run one ribbon command. */
export async function runCommand(kind: CommandKind, deps: CommandDeps): Promise<Notice> {
  const { locale } = deps;
  const title = t("functions.command.title", {}, locale);
  const failed = (message: string): Notice => ({ ok: false, title, message: t("functions.command.failed", { message }, locale), sheets: [] });
  try {
    if (kind === "statements") {
      const period = lastEndedPeriod(deps.today, deps.cutoffDay ?? (await readCutoffDay(deps.port)));
      const r = await deps.generateStatements(deps.port, undefined, { customers: "all-monthly", from: period.from, to: period.to, locale });
      if (!r.ok) return failed(words(r.issues, locale));
      const sheets = r.value.written.map((w) => w.sheet);
      const notes = words(r.value.issues, locale);
      if (sheets.length === 0) return { ok: false, title, message: t("functions.command.nothing", { reason: notes || `${period.from} ~ ${period.to}` }, locale), sheets };
      return { ok: true, title, message: [t("functions.command.done", { sheets: sheets.join("、") }, locale), notes].filter(Boolean).join("\n"), sheets };
    }
    const period = kind === "daily" ? deps.today : kind === "monthly" ? monthOf(deps.today) : deps.today.slice(0, 4);
    const r = await deps.generateReport(deps.port, undefined, { kind, period, today: deps.today, locale });
    if (!r.ok) return failed(words(r.issues, locale));
    const notes = words(r.value.loadIssues.filter((i) => i.severity !== "warning").slice(0, 5), locale);
    return { ok: true, title, message: [t("functions.command.done", { sheets: r.value.sheet }, locale), notes].filter(Boolean).join("\n"), sheets: [r.value.sheet] };
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  }
}
