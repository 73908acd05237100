/**
 * What the commands that read a ledger (`report`, `statement`) share: parsing their arguments down
 * to the one workbook named, refusing `-o` onto the source, opening the ledger (one message and exit
 * 2 when unreadable), saying its load problems, today's date, and a new workbook for `-o`.
 */
import { resolve } from "node:path";
import { describeIssue, t, type Locale } from "../../core/i18n";
import type { Issue } from "../../core/result";
import type { Ledger } from "../../core/ledger";
import type { WorkbookPort } from "../../app/workbook-port";
import type { XlsxWorkbook } from "../../hosts/xlsx/xlsx-workbook";
import { openLedgerCached } from "../ledger-cache";
import { nothingImported } from "../../app/load-ledger";
import { nothingMessage } from "../import-ending";
import { CliUsageError, fail, parseArgs, type CliIo, type OptionSpec, type ParsedArgs } from "../io";
import { createProgress, progressMode } from "../progress";
import { sameFile } from "../same-file";

/** A ledger command's arguments: the options parsed and the one workbook named. */
export interface LedgerCommandArgs {
  readonly args: ParsedArgs;
  readonly workbook: string;
  readonly locale: Locale;
  /** The command's usage text (for messages that end with it). */
  readonly usage: string;
}

/**
 * Parse `argv` by `options`; exactly one positional, the workbook. Messages come from the
 * command's catalogue area (`<area>.cli.usage`, `.missingWorkbook`, `.tooManyWorkbooks`); a usage
 * error is printed with the usage and comes back as its exit code.
 * @example const parsed = parseLedgerCommand(argv, io, OPTIONS, "reports"); if (!parsed.ok) return parsed.code;
 */
export function parseLedgerCommand(argv: readonly string[], io: CliIo, options: readonly OptionSpec[], area: "reports" | "statement"): { ok: true; value: LedgerCommandArgs } | { ok: false; code: number } {
  const locale = io.locale ?? "zh-CN";
  const usage = t(`${area}.cli.usage`, {}, locale);
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, options, locale);
  } catch (e) {
    if (e instanceof CliUsageError) return { ok: false, code: fail(io, `${e.message}\n${usage}`) };
    throw e;
  }
  const [workbook, ...extra] = args.positionals;
  if (workbook === undefined) return { ok: false, code: fail(io, t(`${area}.cli.missingWorkbook`, { usage }, locale)) };
  if (extra.length > 0) return { ok: false, code: fail(io, t(`${area}.cli.tooManyWorkbooks`, { extra: extra.join(" ") }, locale)) };
  return { ok: true, value: { args, workbook, locale, usage } };
}

/** The exit code when `-o` names the source workbook itself (never overwritten), else undefined. */
export function refuseOutIsSource(io: CliIo, out: string | undefined, workbook: string, locale: Locale): number | undefined {
  // The same file by identity too: a symlink, a hard link or another letter case of the source.
  if (out === undefined || !sameFile(resolve(io.cwd, out), resolve(io.cwd, workbook))) return undefined;
  return fail(io, t("reports.cli.outIsSource", { path: resolve(io.cwd, out) }, locale));
}

/** Today as `YYYY-MM-DD` in local time (the CLI may read the clock; core may not). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Open a workbook and load its ledger; an unreadable file is one message (exit 2). The source is
 * only read, so it is opened read-only (streamed from the zip, no ExcelJS object model). Reading
 * shows progress on stderr on a terminal, or always with `progress` (`--progress`).
 */
export async function openLedgerForCli(io: CliIo, path: string, options: { readonly noCache?: boolean; readonly progress?: boolean } = {}): Promise<{ ok: true; ledger: Ledger; port: WorkbookPort; issues: readonly Issue[] } | { ok: false; code: number }> {
  const locale = io.locale ?? "zh-CN";
  const progress = createProgress(io, progressMode(options.progress === true, io.stderrIsTty === true));
  // Through the import cache (src/cli/ledger-cache.ts) unless --no-cache: same bytes, same ledger.
  const opened = await openLedgerCached(resolve(io.cwd, path), {
    useCache: !options.noCache,
    onWriteFailed: (file, detail) => io.stderr(`${t("cli.cacheWriteFailed", { path: file, detail }, locale)}\n`),
    onScan: (sheet, done, total) => progress.percent("cli.progress.reading", { sheet }, done, total),
  });
  progress.end();
  if (!opened.ok) return { ok: false, code: fail(io, opened.issues.map((i) => describeIssue(i, locale)).join("\n")) };
  const { loaded, port } = opened.value;
  // A raw workbook in which nothing could be imported is unreadable input, not an empty report.
  const empty = nothingImported(loaded);
  if (empty) return { ok: false, code: fail(io, loaded.report ? nothingMessage(loaded.report, locale) : describeIssue(empty, locale)) };
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

/** Issues that stop loading (severity error) are counted for one stderr line; the command still runs. */
export function warnLoadIssues(io: CliIo, issues: readonly Issue[], locale: Locale): void {
  const errors = issues.filter((i) => i.severity !== "warning").length;
  if (errors > 0) io.stderr(`${t("reports.cli.loadIssues", { count: errors }, locale)}\n`);
  // A confirmed balance that no longer holds is always said, by name (DESIGN.md: never silently accepted).
  for (const i of issues) if (i.code === "records.ledger.confirmationBreach") io.stderr(`${describeIssue(i, locale)}\n`);
}
