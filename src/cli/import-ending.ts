/**
 * The one message of a CLI command whose workbook gave nothing to import: what, then each sheet's
 * real reason (every row rejected and why, no header, columns missing …), then how to correct it.
 * Shared by `import` and the commands that import in memory (`report`, `statement`).
 */
import { t, type Locale } from "../core/i18n";
import type { ImportReport } from "../core/import/report";

/**
 * The message for an import report with `nothingImported`.
 * @example if (report.nothingImported) return fail(io, nothingMessage(report, locale));
 */
export function nothingMessage(report: Pick<ImportReport, "sheets" | "problems">, locale: Locale = "zh-CN"): string {
  const lines = [t("import.nothingImported", { sheets: report.sheets.map((s) => s.name).join("、") }, locale)];
  for (const p of report.problems) lines.push(`  ${t("cli.import.problemSheet", { sheet: p.sheet, problem: p.message }, locale)}`);
  lines.push(t("cli.import.fixHint", {}, locale));
  return lines.join("\n");
}
