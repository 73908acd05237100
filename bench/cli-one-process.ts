/**
 * What `sales-ledger report` does, four times, in ONE process: open the workbook, load (import) the
 * ledger once, build the daily, monthly, annual and aging reports and write each to its own .xlsx —
 * the same modules the CLI uses (the read-only reader for the source, loadLedger, buildReport, the
 * ExcelJS host for the output). It measures what a
 * several-reports-per-invocation CLI would cost, next to the four real CLI runs.
 * `node cli-one-process.js <workbook.xlsx> <outDir> <day> <month> <year> <asOf>`; prints the totals as JSON.
 */
import { join } from "node:path";
import { XlsxWorkbook } from "../src/hosts/xlsx/xlsx-workbook";
import { ReadOnlyWorkbook } from "../src/hosts/xlsx/read-only-workbook";
import { loadLedger } from "../src/app/load-ledger";
import { buildReport, type ReportKind } from "../src/core/reports";

async function main(): Promise<void> {
  const [path, outDir, day, month, year, asOf] = process.argv.slice(2);
  if (!path || !outDir || !day || !month || !year || !asOf) throw new Error("usage: cli-one-process <workbook> <outDir> <day> <month> <year> <asOf>");
  const opened = await ReadOnlyWorkbook.open(path);
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
  const { ledger } = await loadLedger(opened.value);
  const totals: Record<string, Readonly<Record<string, unknown>>> = {};
  const jobs: [ReportKind, string][] = [["daily", day], ["monthly", month], ["annual", year], ["aging", asOf]];
  for (const [kind, period] of jobs) {
    const built = buildReport(ledger, kind, period, { today: asOf });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const target = XlsxWorkbook.create();
    const written = await target.writeSheet(built.value.spec);
    if (!written.ok) throw new Error(`refused ${written.sheet}`);
    await target.save(join(outDir, `one-${kind}.xlsx`));
    totals[kind] = built.value.data.totals;
  }
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
