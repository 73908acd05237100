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
  const sheets = report.sheets.map((s) => s.name).join("、");
  const only = report.problems.length === 1 ? report.problems[0] : undefined;
  const lines = only ? [t("cli.import.nothingOne", { sheets, sheet: only.sheet, problem: only.message }, locale)] : [t("import.nothingImported", { sheets }, locale), ...report.problems.map((p) => `  ${t("cli.import.problemSheet", { sheet: p.sheet, problem: p.message }, locale)}`)];
  // How to correct, only where --role / --map can: a misread sheet, not an empty one.
  if (report.problems.some((p) => CORRECTABLE.has(p.code))) lines.push(t("cli.import.fixHint", {}, locale));
  return lines.join("\n");
}

/** Problems a `--role` or `--map` can correct. */
const CORRECTABLE: ReadonlySet<string> = new Set(["import.problem.notSales", "import.problem.otherData", "import.problem.allRejected", "import.problem.readAsMaster"]);
