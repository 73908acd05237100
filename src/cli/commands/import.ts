/**
 * `sales-ledger import <workbook.xlsx> [-o ledger.xlsx] [--json] [--progress] [--map field=Header]... [--role Sheet=orders]...`
 * Imports a clerk's workbook. With `-o`, writes a new workbook: the input's sheets unchanged plus
 * the ledger tables and the 导入问题 sheet. Without `-o`, nothing is written (a dry run that
 * reports what would be imported). The input file is never written. Both read through the streaming
 * reader (`ReadOnlyWorkbook`; `-o` through `GraftWorkbook`, which writes the output as the input's zip
 * parts copied byte for byte plus ours), so a 1,048,576-row sheet fits in a bounded amount of memory;
 * progress goes to stderr on a terminal, or always with `--progress`.
 */
import { realpathSync } from "node:fs";
import { resolve, basename } from "node:path";
import { describeIssue, t, type Locale } from "../../core/i18n";
import { formatFen } from "../../core/money";
import { FIELD_SYNONYMS } from "../../core/import/synonyms";
import { SHEET_ROLES, type ImportField, type ImportOverrides, type SheetRole } from "../../core/import/types";
import { fieldLabel, roleLabel, type ImportReport } from "../../core/import/report";
import { convertWorkbook } from "../../app/convert-workbook";
import { detectWorkbook } from "../../app/detect-workbook";
import { GraftWorkbook } from "../../hosts/xlsx/graft-workbook";
import { ReadOnlyWorkbook } from "../../hosts/xlsx/read-only-workbook";
import type { Result } from "../../core/result";
import { EXIT_OK, EXIT_USAGE, fail, parseArgs, printJson, usageError, type CliIo, type OptionSpec } from "../io";
import { createProgress, progressMode, type CliProgress } from "../progress";

const OPTIONS: readonly OptionSpec[] = [
  { name: "out", short: "o", kind: "value" },
  { name: "json", kind: "flag" },
  { name: "progress", kind: "flag" },
  { name: "map", short: "m", kind: "multi" },
  { name: "role", short: "r", kind: "multi" },
];

/**
 * Open a workbook for a command with `open`; an unreadable file prints one message and gives exit code 2.
 * @example await openWorkbookForCli(io, "销售.xlsx", (p) => ReadOnlyWorkbook.open(p))
 */
export async function openWorkbookForCli<P>(io: CliIo, path: string, open: (fullPath: string) => Promise<Result<P>>): Promise<{ ok: true; port: P; path: string } | { ok: false; code: number }> {
  const locale = io.locale ?? "zh-CN";
  const full = resolve(io.cwd, path);
  const opened = await open(full);
  if (!opened.ok) return { ok: false, code: fail(io, opened.issues.map((i) => describeIssue(i, locale)).join("\n")) };
  return { ok: true, port: opened.value, path: full };
}

/** Progress callbacks for reading a workbook: cells read per sheet, then the import step. */
function readingProgress(progress: CliProgress): { onScan: (sheet: string, done: number, total: number) => void; onProgress: (done: number, total: number) => void } {
  return {
    onScan: (sheet, done, total) => progress.percent("cli.progress.reading", { sheet }, done, total),
    onProgress: (done, total) => {
      if (done >= total) progress.step("cli.progress.importing", { rows: total.toLocaleString("en-US") });
    },
  };
}

/**
 * Parse `--map` and `--role` values into overrides. `--map field=Header` applies to every sheet;
 * `--map 'Sheet!field=Header'` to one. `--role Sheet=orders`.
 */
export function parseOverrides(maps: readonly string[], roles: readonly string[], locale: Locale = "zh-CN"): ImportOverrides {
  // Keyed by sheet names (user text, may be __proto__): a Map, turned into own keys at the end.
  const mappings = new Map<string, Record<string, string>>();
  for (const m of maps) {
    const eq = m.indexOf("=");
    if (eq <= 0 || eq === m.length - 1) usageError("cli.import.badMap", { value: m }, locale);
    const left = m.slice(0, eq).trim();
    const header = m.slice(eq + 1).trim();
    const bang = left.lastIndexOf("!");
    const sheet = bang >= 0 ? left.slice(0, bang) : "*";
    const field = bang >= 0 ? left.slice(bang + 1) : left;
    if (!Object.prototype.hasOwnProperty.call(FIELD_SYNONYMS, field)) usageError("cli.import.unknownField", { field, fields: Object.keys(FIELD_SYNONYMS).join(", ") }, locale);
    const forSheet = mappings.get(sheet) ?? {};
    forSheet[field as ImportField] = header;
    mappings.set(sheet, forSheet);
  }
  const roleMap = new Map<string, SheetRole>();
  for (const r of roles) {
    const eq = r.lastIndexOf("=");
    if (eq <= 0) usageError("cli.import.badRole", { value: r }, locale);
    const sheet = r.slice(0, eq).trim();
    const role = r.slice(eq + 1).trim() as SheetRole;
    if (!SHEET_ROLES.includes(role)) usageError("cli.import.unknownRole", { role, roles: SHEET_ROLES.join(", ") }, locale);
    roleMap.set(sheet, role);
  }
  return { ...(mappings.size ? { mappings: Object.fromEntries(mappings) } : {}), ...(roleMap.size ? { roles: Object.fromEntries(roleMap) } : {}) };
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** A readable summary of an import, for the terminal (and the demo). */
export function formatImportSummary(report: ImportReport, locale: Locale = "zh-CN", maxRejected = 20): string {
  const L = (code: string, params: Readonly<Record<string, string | number>> = {}): string => t(code, params, locale);
  const lines: string[] = [];
  for (const s of report.sheets) {
    lines.push(L("cli.import.sheetLine", { sheet: s.name, role: roleLabel(s.role, locale), confidence: Math.round(s.confidence * 100), headerRow: s.headerRow ?? "—" }));
    const mapping = Object.entries(s.mapping).map(([f, h]) => `${fieldLabel(f, locale)}←${h}`);
    if (mapping.length > 0) lines.push(`  ${L("cli.import.mappingLine", { mapping: mapping.join(locale === "zh-CN" ? "，" : ", ") })}`);
    // The mapping line already says what was found; reasons matter when the call was hard.
    if (s.role === "other" || s.confidence < 0.6 || s.reasons.length > 2) lines.push(`  ${L("cli.import.reasonsLine", { reasons: s.reasons.join(locale === "zh-CN" ? "；" : "; ") })}`);
    lines.push(`  ${L("cli.import.countLine", { rows: s.rows, imported: s.imported, rejected: s.rejected, skipped: s.skipped })}`);
  }
  const g = report.ledger;
  lines.push(
    L("cli.import.ledgerLine", {
      customers: g.customers,
      customersNote: g.derivedCustomers ? L("cli.import.derived") : "",
      products: g.products,
      productsNote: g.derivedProducts ? L("cli.import.derived") : "",
      lines: g.orders.lines,
      qty: g.orders.qty,
      amount: formatFen(g.orders.amountFen),
      returnLines: g.orders.returnLines,
      returnAmount: formatFen(g.orders.returnAmountFen),
      payments: g.payments.count,
      paymentAmount: formatFen(g.payments.amountFen),
      returns: g.returns.count,
      returnsAmount: formatFen(g.returns.amountFen),
    }),
  );
  if (report.rejected.length > 0) {
    lines.push(L("cli.import.rejectedTitle", { count: report.rejected.length }));
    for (const r of report.rejected.slice(0, maxRejected)) lines.push(`  ${L("cli.import.rejectedLine", { sheet: r.sheet, row: r.row, reasons: r.reasons.join("；") })}`);
    if (report.rejected.length > maxRejected) lines.push(`  ${L("cli.import.more", { count: report.rejected.length - maxRejected })}`);
  }
  const skipped = report.skipped.filter((s) => s.count > 0);
  if (skipped.length > 0) {
    lines.push(L("cli.import.skippedTitle"));
    // One line a sheet: 「1月」小计 / 合计行 3 行，空行 1 行
    const bySheet = new Map<string, string[]>();
    for (const s of skipped) bySheet.set(s.sheet, [...(bySheet.get(s.sheet) ?? []), L("cli.import.skippedPart", { reason: s.reason, count: s.count })]);
    for (const [sheet, parts] of bySheet) lines.push(`  ${L("cli.import.skippedLine", { sheet, parts: parts.join(locale === "zh-CN" ? "，" : ", ") })}`);
  }
  if (report.warnings.length > 0) {
    lines.push(L("cli.import.warningsTitle", { count: report.warnings.length }));
    for (const w of report.warnings.slice(0, 10)) lines.push(`  ${w}`);
    if (report.warnings.length > 10) lines.push(`  ${L("cli.import.more", { count: report.warnings.length - 10 })}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Run `import` with the arguments after the subcommand. Returns the exit code.
 * @example await runImport(["销售.xlsx", "-o", "台账.xlsx"], io)
 */
export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = io.locale ?? "zh-CN";
  const args = parseArgs(argv, OPTIONS, locale);
  if (args.positionals.length === 0) return fail(io, `${t("cli.missingWorkbook", {}, locale)}\n${t("cli.import.usage", {}, locale)}`);
  if (args.positionals.length > 1) return fail(io, `${t("cli.tooManyArguments", { args: args.positionals.slice(1).join(" ") }, locale)}\n${t("cli.import.usage", {}, locale)}`);
  const input = args.positionals[0]!;
  const overrides = parseOverrides(args.multi.get("map") ?? [], args.multi.get("role") ?? [], locale);
  const outArg = args.values.get("out");
  const out = outArg !== undefined ? resolve(io.cwd, outArg) : undefined;
  if (out !== undefined && !/\.xls[xm]$/i.test(out)) return fail(io, t("cli.import.outNotXlsx", { path: outArg ?? "" }, locale));
  const json = args.flags.has("json");
  const progress = createProgress(io, progressMode(args.flags.has("progress"), io.stderrIsTty === true));
  const { onScan, onProgress } = readingProgress(progress);

  if (out === undefined) {
    const opened = await openWorkbookForCli(io, input, (p) => ReadOnlyWorkbook.open(p, { onScan }));
    if (!opened.ok) return opened.code;
    const { report } = await detectWorkbook(opened.port, { overrides, locale, onProgress, fileName: basename(opened.path) });
    progress.end();
    const nothing = report.sheets.every((s) => s.imported === 0);
    if (json) printJson(io, report); // the --json contract: one object on stdout, even for nothing
    else {
      // The summary says what each sheet was taken for: what the clerk needs to pick --role / --map.
      io.stdout(`${t("cli.import.readFile", { file: basename(opened.path) }, locale)}\n`);
      io.stdout(formatImportSummary(report, locale));
      if (!nothing) io.stdout(`${t("cli.import.dryRunHint", {}, locale)}\n`);
    }
    // Nothing importable is unreadable input (exit 2, as with -o), not an empty success.
    if (nothing) return fail(io, t("import.nothingImported", { sheets: report.sheets.map((s) => s.name).join("、") }, locale));
    return EXIT_OK;
  }

  if (sameFile(out, resolve(io.cwd, input))) return fail(io, t("cli.import.outIsInput", { path: outArg ?? "" }, locale));
  // The output is the input's zip with our parts added: her sheets, charts and pivots copied byte for byte.
  const opened = await openWorkbookForCli(io, input, (p) => GraftWorkbook.open(p, { onScan }));
  if (!opened.ok) return opened.code;
  const converted = await convertWorkbook(opened.port, { overrides, locale, onProgress, fileName: basename(opened.path) });
  if (!converted.ok) {
    progress.end();
    if (json) {
      // The contract wants one JSON object on stdout even when nothing could be written.
      const { report } = await detectWorkbook(opened.port, { overrides, locale, fileName: basename(opened.path) });
      printJson(io, report);
    }
    return fail(io, converted.issues.map((i) => describeIssue(i, locale)).join("\n"));
  }
  try {
    const target = outArg ?? out;
    progress.percent("cli.progress.writing", { path: target }, 0, 1);
    const saved = await opened.port.save(out, { onProgress: (done, total) => progress.percent("cli.progress.writing", { path: target }, done, total) });
    if (saved.macrosDropped) {
      progress.end();
      io.stderr(`${t("cli.import.macrosDropped", { path: outArg ?? out }, locale)}\n`);
    }
  } catch (e) {
    progress.end();
    return fail(io, t("cli.writeFailed", { path: outArg ?? out, detail: e instanceof Error ? e.message : String(e) }, locale));
  }
  progress.end();
  const { report, sheetsCreated } = converted.value;
  if (json) printJson(io, report);
  else {
    io.stdout(`${t("cli.import.readFile", { file: basename(opened.path) }, locale)}\n`);
    io.stdout(formatImportSummary(report, locale));
    io.stdout(`${t("cli.import.wrote", { path: outArg ?? out, sheets: sheetsCreated.join("、") }, locale)}\n`);
  }
  return EXIT_OK;
}

export { EXIT_USAGE };
