/**
 * `sales-ledger demo`: the main job on the bundled sample workbook. Imports
 * `samples/sample-workbook.xlsx` into `out/demo-ledger.xlsx`, prints a readable summary, then
 * (when the report and statement commands are available) makes the month's report, the annual
 * report, aging, and the month-end statements from the new ledger.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { t } from "../../core/i18n";
import { describeIssue } from "../../core/i18n";
import { convertWorkbook } from "../../app/convert-workbook";
import { GraftWorkbook } from "../../hosts/xlsx/graft-workbook";
import { settlementPeriod } from "../../core/periods";
import { EXIT_OK, fail, parseArgs, type CliIo } from "../io";
import { formatImportSummary } from "./import";

/** The folder holding package.json (the sample ships beside it). */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "samples"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Where the sample workbook lives. */
export function samplePath(): string {
  return join(packageRoot(), "samples", "sample-workbook.xlsx");
}

/**
 * Run the demo. `--out DIR` changes the output folder (default `out/` under the current folder).
 * @example await runDemo([], io)
 */
export async function runDemo(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = io.locale ?? "zh-CN";
  const args = parseArgs(argv, [{ name: "out", short: "o", kind: "value" }], locale);
  const outDir = join(io.cwd, args.values.get("out") ?? "out");
  const sample = samplePath();
  // As `import -o` does: the sample's own parts copied as they are, the ledger added.
  const opened = await GraftWorkbook.open(sample);
  if (!opened.ok) return fail(io, opened.issues.map((i) => describeIssue(i, locale)).join("\n"));
  io.stdout(`${t("cli.demo.title", { file: relative(io.cwd, sample) || sample }, locale)}\n\n`);
  const converted = await convertWorkbook(opened.value, { locale });
  if (!converted.ok) return fail(io, converted.issues.map((i) => describeIssue(i, locale)).join("\n"));
  mkdirSync(outDir, { recursive: true });
  const ledgerPath = join(outDir, "demo-ledger.xlsx");
  await opened.value.save(ledgerPath);
  const { report, ledger, sheetsCreated } = converted.value;
  io.stdout(formatImportSummary(report, locale, 12));
  io.stdout(`${t("cli.import.wrote", { path: relative(io.cwd, ledgerPath), sheets: sheetsCreated.join("、") }, locale)}\n`);

  // Reports and statements from the new ledger, when those commands are built.
  const dates = ledger.orders.map((o) => o.date).sort();
  const last = dates[dates.length - 1];
  if (!last) return EXIT_OK;
  const month = last.slice(0, 7);
  const year = last.slice(0, 4);
  const period = settlementPeriod(`${month}-25`);
  const rel = (p: string): string => relative(io.cwd, p);
  type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const loadReport = async (): Promise<Command> => (require("./report") as { runReport: Command }).runReport;
  const loadStatement = async (): Promise<Command> => (require("./statement") as { runStatement: Command }).runStatement;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const steps: { title: string; load: () => Promise<(argv: readonly string[], io: CliIo) => Promise<number>>; argv: string[] }[] = [
    { title: t("cli.demo.monthly", { month }, locale), load: loadReport, argv: [ledgerPath, "--monthly", month, "-o", join(outDir, `demo-monthly-${month}.xlsx`)] },
    { title: t("cli.demo.annual", { year }, locale), load: loadReport, argv: [ledgerPath, "--annual", year, "-o", join(outDir, `demo-annual-${year}.xlsx`)] },
    { title: t("cli.demo.aging", { date: period.to }, locale), load: loadReport, argv: [ledgerPath, "--aging", "--as-of", period.to, "-o", join(outDir, `demo-aging-${period.to}.xlsx`)] },
    { title: t("cli.demo.statements", { from: period.from, to: period.to }, locale), load: loadStatement, argv: [ledgerPath, "--all-monthly", "--from", period.from, "--to", period.to, "-o", join(outDir, "statements")] },
  ];
  for (const step of steps) {
    io.stdout(`\n${step.title}\n`);
    let run: (argv: readonly string[], io: CliIo) => Promise<number>;
    try {
      run = await step.load();
    } catch {
      io.stdout(`  ${t("cli.demo.unavailable", {}, locale)}\n`);
      continue;
    }
    const code = await run(step.argv, io);
    if (code !== EXIT_OK) io.stdout(`  ${t("cli.demo.stepFailed", { code }, locale)}\n`);
  }
  io.stdout(`\n${t("cli.demo.done", { dir: rel(outDir) || "." }, locale)}\n`);
  return EXIT_OK;
}
