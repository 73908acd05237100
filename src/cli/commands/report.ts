/**
 * `sales-ledger report <workbook.xlsx> (--daily D | --monthly M | --annual Y | --aging --as-of D) [-o out.xlsx] [--json]`
 * Builds one report from a converted ledger or a raw clerk workbook (imported in memory). The
 * source workbook is never modified: `-o` writes a new workbook holding the report sheet.
 */
import { resolve } from "node:path";
import { describeIssue, t, type Locale } from "../../core/i18n";
import type { Issue } from "../../core/result";
import type { Ledger } from "../../core/ledger";
import { buildReport, checkPeriod, renderSpecText, type ReportKind } from "../../core/reports";
import type { WorkbookPort } from "../../app/workbook-port";
import type { XlsxWorkbook } from "../../hosts/xlsx/xlsx-workbook";
import { openLedgerCached } from "../ledger-cache";
import { nothingImported } from "../../app/load-ledger";
import { CliUsageError, EXIT_OK, fail, parseArgs, printJson, type CliIo, type OptionSpec } from "../io";

const OPTIONS: readonly OptionSpec[] = [
  { name: "daily", kind: "value" },
  { name: "monthly", kind: "value" },
  { name: "annual", kind: "value" },
  { name: "aging", kind: "flag" },
  { name: "as-of", kind: "value" },
  { name: "out", short: "o", kind: "value" },
  { name: "json", kind: "flag" },
  { name: "no-cache", kind: "flag" },
];

/** Today as `YYYY-MM-DD` in local time (the CLI may read the clock; core may not). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Open a workbook and load its ledger; an unreadable file is one message (exit 2). The source is
 * only read, so it is opened read-only (streamed from the zip, no ExcelJS object model).
 */
export async function openLedgerForCli(io: CliIo, path: string, options: { readonly noCache?: boolean } = {}): Promise<{ ok: true; ledger: Ledger; port: WorkbookPort; issues: readonly Issue[] } | { ok: false; code: number }> {
  const locale = io.locale ?? "zh-CN";
  // Through the import cache (src/cli/ledger-cache.ts) unless --no-cache: same bytes, same ledger.
  const opened = await openLedgerCached(resolve(io.cwd, path), {
    useCache: !options.noCache,
    onWriteFailed: (file, detail) => io.stderr(`${t("cli.cacheWriteFailed", { path: file, detail }, locale)}\n`),
  });
  if (!opened.ok) return { ok: false, code: fail(io, opened.issues.map((i) => describeIssue(i, locale)).join("\n")) };
  const { loaded, port } = opened.value;
  // A raw workbook in which nothing could be imported is unreadable input, not an empty report.
  const empty = nothingImported(loaded);
  if (empty) return { ok: false, code: fail(io, describeIssue(empty, locale)) };
  return { ok: true, ledger: loaded.ledger, port, issues: loaded.issues };
}

/**
 * A new ExcelJS-backed workbook for `-o`, loading ExcelJS only now: a report to stdout never pays
 * for its module load (~0.25 s).
 * @example const target = newXlsxWorkbook(); await target.writeSheet(spec); await target.save("月报.xlsx")
 */
export function newXlsxWorkbook(): XlsxWorkbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
  return (require("../../hosts/xlsx/xlsx-workbook") as typeof import("../../hosts/xlsx/xlsx-workbook")).XlsxWorkbook.create();
}

/** Issues that stop loading (severity error) are counted for one stderr line; the report still runs. */
export function warnLoadIssues(io: CliIo, issues: readonly Issue[], locale: Locale): void {
  const errors = issues.filter((i) => i.severity !== "warning").length;
  if (errors > 0) io.stderr(`${t("reports.cli.loadIssues", { count: errors }, locale)}\n`);
  // A confirmed balance that no longer holds is always said, by name (DESIGN.md: never silently accepted).
  for (const i of issues) if (i.code === "records.ledger.confirmationBreach") io.stderr(`${describeIssue(i, locale)}\n`);
}

/**
 * Run `report` with the arguments after the subcommand. Returns the exit code.
 * @example await runReport(["台账.xlsx", "--monthly", "2025-03", "--json"], io)
 */
export async function runReport(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = io.locale ?? "zh-CN";
  const usage = t("reports.cli.usage", {}, locale);
  let kind: ReportKind;
  let period: string;
  let args;
  try {
    args = parseArgs(argv, OPTIONS, locale);
  } catch (e) {
    if (e instanceof CliUsageError) return fail(io, `${e.message}\n${usage}`);
    throw e;
  }
  const [workbook, ...extra] = args.positionals;
  if (workbook === undefined) return fail(io, t("reports.cli.missingWorkbook", { usage }, locale));
  if (extra.length > 0) return fail(io, t("reports.cli.tooManyWorkbooks", { extra: extra.join(" ") }, locale));
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

  const opened = await openLedgerForCli(io, workbook, { noCache: args.flags.has("no-cache") });
  if (!opened.ok) return opened.code;
  const built = buildReport(opened.ledger, kind, period, { today: localToday(), locale });
  if (!built.ok) return fail(io, built.issues.map((i) => describeIssue(i, locale)).join("\n"));
  const { spec, data } = built.value;

  const out = args.values.get("out");
  if (out !== undefined && resolve(io.cwd, out) === resolve(io.cwd, workbook)) return fail(io, t("reports.cli.outIsSource", { path: resolve(io.cwd, out) }, locale));
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
