/**
 * One benchmark job in its own process (so peak memory belongs to one case and one
 * implementation): `node --expose-gc --import tsx bench/child.ts '<json job>'`. Generates the data,
 * sets up (not timed), runs the measured work `runs` times, and prints one line
 * `BENCH_RESULT {json}` on stdout.
 */
import { caseByName, type RunOut } from "./cases";
import { generateLedger, type BenchLedger } from "./data";
import { median, peakRssMb, resetPeakRss } from "./measure";

/** The job the runner hands over. */
export interface Job {
  readonly case: string;
  readonly lines: number;
  readonly impl: string;
  readonly runs: number;
  readonly quick: boolean;
  readonly opts?: Readonly<Record<string, string>>;
}

/** What the child reports back. */
export interface JobResult {
  readonly job: Job;
  readonly ok: boolean;
  readonly error?: string;
  readonly medianMs?: number;
  readonly runsMs?: readonly number[];
  /** Median CPU time (user + system) of the runs, ms: the figure that load on a shared machine disturbs least. */
  readonly cpuMs?: number;
  /** Peak RSS during the measured runs (reset after setup), MB. */
  readonly peakMb?: number;
  /** Peak RSS of the whole process including data generation and setup, MB. */
  readonly processPeakMb?: number;
  readonly genMs?: number;
  readonly setupMs?: number;
  readonly check?: Readonly<Record<string, number>>;
  readonly info?: Readonly<Record<string, unknown>>;
  readonly extra?: Readonly<Record<string, unknown>>;
}

async function main(): Promise<JobResult> {
  const job = JSON.parse(process.argv[2] ?? "{}") as Job;
  const def = caseByName(job.case);
  if (!def) return { job, ok: false, error: `unknown case ${job.case}` };
  const setup = job.impl === "ours" ? def.ours : def.peers[job.impl];
  if (!setup) return { job, ok: false, error: `unknown implementation ${job.impl}` };
  let data: BenchLedger | undefined;
  let genMs = 0;
  const ctx = {
    lines: job.lines,
    quick: job.quick,
    opts: job.opts ?? {},
    data: () => {
      if (!data) {
        const t = performance.now();
        data = generateLedger({ lines: job.lines, ...(def.customers ? { customers: def.customers } : {}) });
        genMs = performance.now() - t;
      }
      return data;
    },
  };
  const t0 = performance.now();
  const prepared = await setup(ctx);
  const setupMs = performance.now() - t0 - genMs;
  const processPeakBefore = peakRssMb();
  (globalThis as { gc?: () => void }).gc?.();
  const resetOk = resetPeakRss();
  const runsMs: number[] = [];
  const cpus: number[] = [];
  let out: RunOut | undefined;
  const externalPeaks: number[] = [];
  for (let i = 0; i < job.runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    out = await prepared.run();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c);
    runsMs.push(out.ms ?? ms);
    // External programs report their own CPU; in-process work (DuckDB's threads included) is this process's.
    cpus.push(out.cpuMs ?? (cpu.user + cpu.system) / 1000);
    if (out.peakMb !== undefined) externalPeaks.push(out.peakMb);
  }
  const peakMb = externalPeaks.length > 0 ? Math.max(...externalPeaks) : peakRssMb();
  const after = prepared.after ? await prepared.after() : {};
  return {
    job,
    ok: true,
    medianMs: median(runsMs),
    runsMs,
    cpuMs: median(cpus),
    peakMb,
    processPeakMb: Math.max(processPeakBefore, peakRssMb()),
    genMs,
    setupMs,
    check: out?.check ?? {},
    info: { ...(prepared.info ?? {}), ...(resetOk ? {} : { peakIncludesSetup: true }) },
    extra: { ...(out?.extra ?? {}), ...after },
  };
}

main().then(
  (r) => {
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    const job = JSON.parse(process.argv[2] ?? "{}") as Job;
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
    process.stdout.write(`BENCH_RESULT ${JSON.stringify({ job, ok: false, error: msg })}\n`);
    process.exit(1);
  },
);
