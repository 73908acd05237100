/**
 * The README's reliability table from the last run's counts:
 *   npx jest test/reliability && npx tsx test/reliability/heavy/summary-table.ts
 * Reads `/tmp/reliability-last-run.json` (or `$RELIABILITY_SUMMARY`) and prints Markdown.
 */
import { readFileSync } from "node:fs";
import { SUMMARY_FILE } from "../summary";

interface Line {
  readonly at: string;
  readonly tests: { readonly passed: number; readonly failed: number };
  readonly [count: string]: unknown;
}

const all = JSON.parse(readFileSync(SUMMARY_FILE, "utf8")) as Record<string, Line>;
const rows = Object.entries(all).map(([suite, line]) => {
  const counts = Object.entries(line)
    .filter(([k, v]) => k !== "at" && k !== "tests" && typeof v === "number")
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(", ");
  return `| ${suite} | ${line.tests.passed} / ${line.tests.passed + line.tests.failed} | ${counts} | ${line.at.slice(0, 16).replace("T", " ")} |`;
});
process.stdout.write(["| suite | tests passed | what it tried | run at (UTC) |", "|---|---|---|---|", ...rows].join("\n") + "\n");
