/**
 * `sales-ledger report <workbook.xlsx> (--daily D | --monthly M | --annual Y | --aging --as-of D) [-o out.xlsx] [--json]`
 * Builds one report from a converted ledger or a raw clerk workbook (imported in memory). The
 * source workbook is never modified: `-o` writes a new workbook holding the report sheet.
 */
import { resolve } from "node:path";
import { describeIssue, t } from "../../core/i18n";
import { buildReport, checkPeriod, renderSpecText, type ReportKind } from "../../core/reports";
import { EXIT_OK, fail, printJson, type CliIo, type OptionSpec } from "../io";
import { localToday, newXlsxWorkbook, openLedgerForCli, parseLedgerCommand, refuseOutIsSource, warnLoadIssues } from "./ledger-command";

const OPTIONS: readonly OptionSpec[] = [
  { name: "daily", kind: "value" },
  { name: "monthly", kind: "value" },
  { name: "annual", kind: "value" },
  { name: "aging", kind: "flag" },
  { name: "as-of", kind: "value" },
  { name: "out", short: "o", kind: "value" },
  { name: "json", kind: "flag" },
  { name: "no-cache", kind: "flag" },
  { name: "progress", kind: "flag" },
];

// Shared with `statement`; still exported from here for callers that import them from `report`.
export { localToday, newXlsxWorkbook, openLedgerForCli, warnLoadIssues } from "./ledger-command";

/**
 * Run `report` with the arguments after the subcommand. Returns the exit code.
 * @example await runReport(["台账.xlsx", "--monthly", "2025-03", "--json"], io)
 */
export async function runReport(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseLedgerCommand(argv, io, OPTIONS, "reports");
  if (!parsed.ok) return parsed.code;
  const { args, workbook, locale, usage } = parsed.value;
  let kind: ReportKind;
  let period: string;
  const chosen = (["daily", "monthly", "annual"] as const).filter((k) => args.values.has(k));
  const aging = args.flags.has("aging");
  if (chosen.length + (aging ? 1 : 0) !== 1) return fail(io, `${t("reports.cli.needOneKind", {}, locale)}\n${usage}`);
  if (aging) {
    const asOf = args.values.get("as-of");
    if (asOf === undefined) return fail(io, t("reports.cli.agingNeedsAsOf", {}, locale));
    kind = "aging";
    period = asOf;
  } else {
    if (args.values.has("as-of")) return fail(io, t("reports.cli.asOfWithoutAging", {}, locale));
    kind = chosen[0] as ReportKind;
    period = args.values.get(kind) ?? "";
  }
  const checked = checkPeriod(kind, period);
  if (!checked.ok) return fail(io, checked.issues.map((i) => describeIssue(i, locale)).join("\n"));

  const opened = await openLedgerForCli(io, workbook, { noCache: args.flags.has("no-cache"), progress: args.flags.has("progress") });
  if (!opened.ok) return opened.code;
  const built = buildReport(opened.ledger, kind, period, { today: localToday(), locale });
  if (!built.ok) return fail(io, built.issues.map((i) => describeIssue(i, locale)).join("\n"));
  const { spec, data } = built.value;

  const out = args.values.get("out");
  const refused = refuseOutIsSource(io, out, workbook, locale);
  if (refused !== undefined) return refused;
  if (out !== undefined) {
    const target = newXlsxWorkbook();
    const written = await target.writeSheet(spec);
    if (!written.ok) throw new Error(`a new workbook refused ${written.sheet}`);
    try {
      await target.save(resolve(io.cwd, out));
    } catch (e) {
      return fail(io, t("cli.writeFailed", { path: out, detail: e instanceof Error ? e.message : String(e) }, locale));
    }
  }
  if (args.flags.has("json")) {
    printJson(io, data);
  } else {
    io.stdout(`${renderSpecText(spec).join("\n")}\n`);
    if (out !== undefined) io.stdout(`${t("reports.cli.written", { sheet: spec.name, path: resolve(io.cwd, out) }, locale)}\n`);
  }
  warnLoadIssues(io, opened.issues, locale);
  return EXIT_OK;
}
