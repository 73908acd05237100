/**
 * Counts of what each reliability suite tried, written to one JSON file so the README's
 * reliability section can quote the last run. One entry per suite, replaced on every run.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";

/** Where the last run's counts go (outside the repository: it changes on every run). */
export const SUMMARY_FILE = process.env.RELIABILITY_SUMMARY ?? "/tmp/reliability-last-run.json";

/** A suite's tally: named counters plus pass/fail of its checks. */
export class SuiteCounter {
  readonly counts: Record<string, number> = {};
  private passed = 0;
  private failed = 0;

  constructor(readonly suite: string) {}

  /** Add `n` to counter `key`. */
  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  /** A jest test whose pass/fail is counted in the summary. */
  test(name: string, fn: () => Promise<void> | void, timeout?: number): void {
    test(
      name,
      async () => {
        try {
          await fn();
          this.passed++;
        } catch (e) {
          this.failed++;
          throw e;
        }
      },
      timeout,
    );
  }

  /** Merge this suite's line into the summary file (read, replace our entry, write atomically). */
  write(): void {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(SUMMARY_FILE, "utf8")) as Record<string, unknown>;
    } catch {
      all = {};
    }
    all[this.suite] = { at: new Date().toISOString(), tests: { passed: this.passed, failed: this.failed }, ...this.counts };
    const tmp = `${SUMMARY_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(tmp, SUMMARY_FILE);
  }
}

/** A counter for `suite` whose line is written after all its tests. */
export function trackSuite(suite: string): SuiteCounter {
  const counter = new SuiteCounter(suite);
  afterAll(() => counter.write());
  return counter;
}
