/**
 * `sales-ledger statement <workbook.xlsx> (--customer NAME | --all-monthly) --from D --to D [-o out] [--pdf] [--json]`
 * `-o dir/` writes one .xlsx per customer named by customer and period; `-o file.xlsx` writes one
 * workbook with a sheet per customer. `--pdf` converts the written files with LibreOffice
 * (`soffice --headless --convert-to pdf`) when it is installed, and says so plainly when it is not.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describeIssue, t } from "../../core/i18n";
import { formatFen } from "../../core/money";
import { isIsoDate } from "../../core/dates";
import { statementPeriodLabel } from "../../core/sheet-names";
import { monthlyStatementCustomers, statementBatch, type CompanyInfo } from "../../core/statement";
import { readCompany } from "../../app/generate-statements";
import { EXIT_OK, EXIT_USAGE, fail, printJson, type CliIo, type OptionSpec } from "../io";
import { localToday, newXlsxWorkbook, openLedgerForCli, parseLedgerCommand, refuseOutIsSource, warnLoadIssues } from "./ledger-command";
import { sameFile } from "../same-file";

const OPTIONS: readonly OptionSpec[] = [
  { name: "customer", kind: "multi" },
  { name: "all-monthly", kind: "flag" },
  { name: "from", kind: "value" },
  { name: "to", kind: "value" },
  { name: "out", short: "o", kind: "value" },
  { name: "pdf", kind: "flag" },
  { name: "json", kind: "flag" },
  { name: "company", kind: "value" },
  { name: "date", kind: "value" },
  { name: "no-cache", kind: "flag" },
  { name: "progress", kind: "flag" },
];

/** Where LibreOffice usually lives when it is not on the PATH. */
export const SOFFICE_PLACES: readonly string[] = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
];

/** Where LibreOffice's `soffice` is, or null: `$SOFFICE`, then `PATH`, then the usual install places. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env, places: readonly string[] = SOFFICE_PLACES): string | null {
  const candidates = [env.SOFFICE, ...(env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => [join(dir, "soffice"), join(dir, "soffice.exe")]), ...places];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not here: try the next place
    }
  }
  return null;
}

/** LibreOffice settings for our private profile: recalculate every formula on load (never trust cached values). */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Convert files with LibreOffice into `outDir` (`to`: `pdf`, or a `csv:…` filter). Runs with a
 * private, throw-away user profile (so several conversions can run at once) that makes LibreOffice
 * recalculate every formula on load. Rejects with LibreOffice's message on failure.
 */
export async function convertWithSoffice(soffice: string, files: readonly string[], outDir: string, to: string, timeoutMs = 120_000): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), "sales-ledger-lo-"));
  try {
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), RECALC_PROFILE);
    await new Promise<void>((done, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, ...files],
        { timeout: timeoutMs },
        (error, _stdout, stderr) => (error ? reject(new Error(String(stderr || error.message).trim())) : done()),
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Longest file name we write, in UTF-8 bytes: under the usual 255-byte limit with room for a temp name's suffix. */
export const MAX_FILE_NAME_BYTES = 200;

/** A file name from free text: no path separators or characters Windows forbids, no dots or spaces at the ends. */
export function safeFileName(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_").replace(/^[.\s]+|[.\s]+$/g, "") || "_";
}

/** `s` cut to at most `bytes` UTF-8 bytes, on a character boundary (a surrogate pair is never split). */
export function cutToBytes(s: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, "utf8");
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** A short stable tag of a customer's full name (the same customer always gets the same one). */
function nameTag(customer: string): string {
  return createHash("sha256").update(customer, "utf8").digest("hex").slice(0, 6);
}

/**
 * `对账单_<customer>_<period>.xlsx`: the period always kept, the whole name at most
 * `MAX_FILE_NAME_BYTES` UTF-8 bytes. A customer name that had to be cut gets a short stable tag
 * (`~a1b2c3`, from the full name), so two long names never end up the same file; `tagged` forces it.
 * @example statementFileName({ customer: "长沙华兴", from: "2025-03-01", to: "2025-03-31" }) // "对账单_长沙华兴_2025-03.xlsx"
 */
export function statementFileName(d: { readonly customer: string; readonly from: string; readonly to: string }, tagged = false): string {
  const head = "对账单_";
  const tail = `_${safeFileName(statementPeriodLabel(d.from, d.to))}.xlsx`;
  const tag = `~${nameTag(d.customer)}`;
  const customer = safeFileName(d.customer);
  const room = MAX_FILE_NAME_BYTES - Buffer.byteLength(head + tail, "utf8");
  if (!tagged && Buffer.byteLength(customer, "utf8") <= room) return `${head}${customer}${tail}`;
  const cut = cutToBytes(customer, room - tag.length).replace(/[.\s]+$/, "");
  return `${head}${cut}${tag}${tail}`;
}

/**
 * One file name per statement, never two the same (compared case-insensitively, as Windows and
 * macOS do): names that collide after cleaning all take their stable tag; a clash left after that
 * (two tags alike) takes a counter.
 */
export function statementFileNames(list: readonly { readonly customer: string; readonly from: string; readonly to: string }[]): string[] {
  const key = (n: string): string => n.normalize("NFC").toLowerCase();
  const plain = list.map((d) => statementFileName(d));
  const count = new Map<string, number>();
  for (const n of plain) count.set(key(n), (count.get(key(n)) ?? 0) + 1);
  const used = new Set<string>();
  return list.map((d, i) => {
    let name = (count.get(key(plain[i]!)) ?? 0) > 1 ? statementFileName(d, true) : plain[i]!;
    for (let n = 2; used.has(key(name)); n++) name = statementFileName(d, true).replace(/\.xlsx$/, ` (${n}).xlsx`);
    used.add(key(name));
    return name;
  });
}

/**
 * Run `statement` with the arguments after the subcommand. Returns the exit code.
 * @example await runStatement(["台账.xlsx", "--all-monthly", "--from", "2025-02-26", "--to", "2025-03-25", "-o", "out/", "--pdf"], io)
 */
export async function runStatement(argv: readonly string[], io: CliIo, deps: { readonly findSoffice?: () => string | null } = {}): Promise<number> {
  const parsed = parseLedgerCommand(argv, io, OPTIONS, "statement");
  if (!parsed.ok) return parsed.code;
  const { args, workbook, locale, usage } = parsed.value;
  const named = args.multi.get("customer") ?? [];
  const allMonthly = args.flags.has("all-monthly");
  if ((named.length > 0) === allMonthly) return fail(io, `${t("statement.cli.needCustomer", {}, locale)}\n${usage}`);
  const from = args.values.get("from");
  const to = args.values.get("to");
  if (from === undefined || to === undefined) return fail(io, `${t("statement.cli.needPeriod", {}, locale)}\n${usage}`);
  const date = args.values.get("date");
  for (const d of [from, to, ...(date === undefined ? [] : [date])]) if (!isIsoDate(d)) return fail(io, t("statement.cli.badDate", { value: d }, locale));
  const out = args.values.get("out");
  const pdf = args.flags.has("pdf");
  if (pdf && out === undefined) return fail(io, t("statement.cli.pdfNeedsOut", {}, locale));
  const refused = refuseOutIsSource(io, out, workbook, locale);
  if (refused !== undefined) return refused;

  const opened = await openLedgerForCli(io, workbook, { noCache: args.flags.has("no-cache"), progress: args.flags.has("progress") });
  if (!opened.ok) return opened.code;
  warnLoadIssues(io, opened.issues, locale);
  const { ledger } = opened;
  const companyName = args.values.get("company");
  const company: CompanyInfo = companyName !== undefined ? { name: companyName } : (await readCompany(opened.port)).company;
  const customers = allMonthly ? monthlyStatementCustomers(ledger, from, to) : named;
  const batch = statementBatch(ledger, customers, from, to, { company, date: date ?? localToday(), locale });
  if (!batch.ok) return fail(io, batch.issues.map((i) => describeIssue(i, locale)).join("\n"));
  const statements = batch.value;

  const messages: string[] = [];
  if (customers.length === 0) messages.push(t("statement.noMonthlyCustomers", { from, to }, locale));
  const files: string[] = [];
  let outDir: string | undefined;
  if (out !== undefined) {
    const target = resolve(io.cwd, out);
    const dirMode = /[\\/]$/.test(out) || (existsSync(target) && statSync(target).isDirectory()) || !/\.xlsx$/i.test(out);
    if (dirMode) {
      mkdirSync(target, { recursive: true });
      outDir = target;
      const names = statementFileNames(statements.map((s) => s.data));
      const paths = names.map((n) => join(target, n));
      // No statement may land on the workbook it was made from (same file by identity, any letter case).
      const source = resolve(io.cwd, workbook);
      const clash = paths.find((p) => sameFile(p, source));
      if (clash !== undefined) return fail(io, t("reports.cli.outIsSource", { path: clash }, locale));
      for (const [i, s] of statements.entries()) {
        const wb = newXlsxWorkbook();
        const written = await wb.writeSheet(s.spec);
        if (!written.ok) throw new Error(`a new workbook refused ${written.sheet}`);
        const path = paths[i]!;
        try {
          await wb.save(path);
        } catch (e) {
          // What was written before the failure is said too: the count said is the count on disk.
          for (const m of messages) io.stdout(`${m}\n`);
          return fail(io, t("cli.writeFailed", { path, detail: e instanceof Error ? e.message : String(e) }, locale));
        }
        files.push(path);
        messages.push(t("statement.cli.written", { sheet: s.spec.name, path }, locale));
      }
    } else {
      outDir = resolve(target, "..");
      mkdirSync(outDir, { recursive: true });
      const wb = newXlsxWorkbook();
      for (const s of statements) {
        const written = await wb.writeSheet(s.spec);
        if (!written.ok) throw new Error(`a new workbook refused ${written.sheet}`);
        messages.push(t("statement.cli.written", { sheet: s.spec.name, path: target }, locale));
      }
      try {
        await wb.save(target);
      } catch (e) {
        return fail(io, t("cli.writeFailed", { path: out, detail: e instanceof Error ? e.message : String(e) }, locale));
      }
      files.push(target);
    }
  }

  let code = EXIT_OK;
  if (pdf && outDir !== undefined && files.length > 0) {
    const soffice = (deps.findSoffice ?? findSoffice)();
    if (soffice === null) {
      messages.push(t("statement.cli.noSoffice", {}, locale));
      code = EXIT_USAGE;
    } else {
      try {
        await convertWithSoffice(soffice, files, outDir, "pdf");
        for (const f of files) messages.push(t("statement.cli.writtenPdf", { path: f.replace(/\.xlsx$/i, ".pdf") }, locale));
      } catch (e) {
        messages.push(t("statement.cli.pdfFailed", { reason: e instanceof Error ? e.message : String(e) }, locale));
        code = EXIT_USAGE;
      }
    }
  }

  if (args.flags.has("json")) {
    printJson(io, { statements: statements.map((s) => s.data) });
    for (const m of messages) io.stderr(`${m}\n`);
  } else {
    for (const s of statements) {
      const d = s.data;
      io.stdout(`${t("statement.cli.summary", { customer: d.customer, opening: formatFen(d.openingFen), debit: formatFen(d.debitFen), credit: formatFen(d.creditFen), closing: formatFen(d.closingFen), upper: d.closingUpper }, locale)}\n`);
    }
    for (const m of messages) (code === EXIT_OK ? io.stdout : io.stderr)(`${m}\n`);
  }
  return code;
}
