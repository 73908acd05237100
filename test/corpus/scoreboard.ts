/**
 * `npm run corpus`: import every workbook of test/fixtures/corpus through the CLI (`import --json`),
 * compare with the clerk's expectation (expect/<name>.json) and print the scoreboard; `--json` prints it
 * as one JSON object instead. Exit 0 whatever the score (the score is the output, not a gate).
 */
import { join } from "node:path";
import { CORPUS_DIR, loadExpectations } from "./expectation";
import { formatScoreboard, judge, totals, type Verdict } from "./judge";
import { runImport } from "./run-import";

async function run(): Promise<void> {
  const asJson = process.argv.includes("--json");
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const verdicts: Verdict[] = [];
  for (const e of loadExpectations()) {
    if (only.length > 0 && !only.some((o) => e.file.includes(o))) continue;
    verdicts.push(judge(e, await runImport(join(CORPUS_DIR, e.file))));
    if (!asJson) process.stderr.write(".");
  }
  if (!asJson) process.stderr.write("\n");
  if (asJson) process.stdout.write(`${JSON.stringify({ verdicts, totals: totals(verdicts) }, null, 2)}\n`);
  else process.stdout.write(formatScoreboard(verdicts));
}

run().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
