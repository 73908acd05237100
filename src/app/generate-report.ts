/**
 * Use case 生成报表: build a daily, monthly, annual or aging report from the ledger and write it to
 * its predictable sheet (`日报 2025-03-05`, …). Re-generating replaces only the add-in's own sheet;
 * a user's sheet of the same name is never touched (`sheet.userSheetExists`).
 */
import type { Locale } from "../core/i18n";
import type { Ledger } from "../core/ledger";
import { fail, ok, type Issue, type Result } from "../core/result";
import { buildReport, type ReportData, type ReportKind } from "../core/reports";
import type { SheetSpec } from "../core/sheet-spec";
import { loadLedger } from "./load-ledger";
import type { WorkbookPort } from "./workbook-port";

/** What to generate. */
export interface GenerateReportRequest {
  readonly kind: ReportKind;
  /** daily/aging `YYYY-MM-DD`, monthly `YYYY-MM`, annual `YYYY`. */
  readonly period: string;
  /** Printed as 制表日期 (the app passes the clock in). */
  readonly today?: string;
  readonly locale?: Locale;
}

/** What was written. */
export interface GenerateReportOutcome {
  readonly sheet: string;
  /** True when an earlier copy of the add-in's sheet was replaced. */
  readonly replaced: boolean;
  readonly spec: SheetSpec;
  readonly data: ReportData;
  /** Problems met while loading the ledger (rows rejected on import etc.); the report was still made. */
  readonly loadIssues: readonly Issue[];
}

/**
 * Generate one report into the workbook. Loads the ledger through `loadLedger(port)` unless given.
 * @example await generateReport(port, undefined, { kind: "monthly", period: "2025-03", today: "2025-04-01" })
 */
export async function generateReport(port: WorkbookPort, ledger: Ledger | undefined, request: GenerateReportRequest): Promise<Result<GenerateReportOutcome>> {
  let loadIssues: readonly Issue[] = [];
  let source = ledger;
  if (!source) {
    const loaded = await loadLedger(port);
    source = loaded.ledger;
    loadIssues = loaded.issues;
  }
  const built = buildReport(source, request.kind, request.period, { ...(request.today ? { today: request.today } : {}), ...(request.locale ? { locale: request.locale } : {}) });
  if (!built.ok) return built;
  const { spec, data } = built.value;
  const written = await port.writeSheet(spec);
  if (!written.ok) return fail({ code: written.code, params: { sheet: written.sheet } });
  return ok({ sheet: spec.name, replaced: written.replaced, spec, data, loadIssues });
}
