/**
 * `npm run bench [-- --json] [-- --quick] [-- --case=a,b] [-- --sizes=10000,100000] [-- --runs=N]
 *  [-- --no-peers] [-- --lo-calls=N]` (LibreOffice recalculates N of the 10,000 calls, default 2,000,
 *  scaled to 10,000) [-- --from-json=saved.json] (print the table of a saved --json run).
 *
 * Runs every case × size × implementation (ours and the peers) in a fresh child process, one after
 * another (never two at once: this is a shared 2-core machine), and prints a table of medians,
 * peer medians, ratios (ours / peer) and peak memory. With `--json`, stdout is exactly one JSON
 * object `{ machine, cases: [ { name, lines, oursMs, peer, peerMs, ratio, peakMb, … } ] }`;
 * progress goes to stderr either way.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem, release } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CASES } from "./cases";
import type { Job, JobResult } from "./child";
import { round } from "./measure";

const ROOT = join(__dirname, "..");
const CHILD_TIMEOUT_MS = 15 * 60_000;

interface Args {
  readonly json: boolean;
  readonly quick: boolean;
  readonly cases: readonly string[] | null;
  readonly sizes: readonly number[] | null;
  readonly runs: number | null;
  readonly peers: boolean;
  readonly opts: Readonly<Record<string, string>>;
}

function parseArgs(argv: readonly string[]): Args {
  const val = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string): string[] | null => val(name)?.split(",").filter(Boolean) ?? null;
  const runs = val("runs");
  return {
    json: argv.includes("--json"),
    quick: argv.includes("--quick"),
    cases: list("case"),
    sizes: list("sizes")?.map(Number) ?? null,
    runs: runs === undefined ? null : Number(runs),
    peers: !argv.includes("--no-peers"),
    opts: val("lo-calls") === undefined ? {} : { loCalls: val("lo-calls") as string },
  };
}

function version(cmd: string, args: readonly string[]): string | null {
  try {
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 60_000 });
    return r.status === 0 ? (r.stdout || r.stderr).trim().split("\n")[0] ?? null : null;
  } catch {
    return null;
  }
}

function pkgVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memGb: round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    duckdb: pkgVersion("@duckdb/node-api"),
    arquero: pkgVersion("arquero"),
    pandas: version("/usr/bin/python3", ["-c", "import pandas, openpyxl; print('pandas', pandas.__version__, 'openpyxl', openpyxl.__version__)"]),
    libreoffice: version("soffice", ["--version"]),
    loadAvgAtStart: loadavg().map(round),
    startedAt: new Date().toISOString(),
  };
}

function runChild(job: Job): Promise<JobResult> {
  return new Promise((resolve) => {
    const args = ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", join(ROOT, "bench", "child.ts"), JSON.stringify(job)];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (line) {
        resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as JobResult);
        return;
      }
      resolve({ job, ok: false, error: `child exited ${code ?? signal}: ${err.trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}

/** One row of the output. */
interface CaseRow {
  name: string;
  lines: number;
  oursMs: number | null;
  peer: string | null;
  peerMs: number | null;
  ratio: number | null;
  peakMb: number | null;
  [extra: string]: unknown;
}

function sameChecks(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined, keys: readonly string[]): boolean | null {
  if (!a || !b) return null;
  const common = keys.filter((k) => k in a && k in b);
  if (common.length === 0) return null;
  return common.every((k) => a[k] === b[k]);
}

const fmtLines = (n: number): string => (n % 1000 !== 0 ? n.toLocaleString("en-US") : n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const fmtMs = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)} ms`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Re-print the table of a saved `--json` run (for BENCHMARKS.md), without running anything.
  const saved = process.argv.slice(2).find((a) => a.startsWith("--from-json="))?.slice("--from-json=".length);
  if (saved) {
    // Tolerates npm's "> sales-ledger@… bench" banner above the object (`npm run` without -s prints it).
    const text = readFileSync(saved, "utf8");
    const r = JSON.parse(text.slice(text.indexOf("{"))) as { machine: Record<string, unknown>; cases: CaseRow[] };
    printTable(r.cases, r.machine, Number(r.machine.totalSeconds ?? 0));
    return;
  }
  const t0 = Date.now();
  const m = machine();
  const jobs: Job[] = [];
  for (const def of CASES) {
    if (args.cases && !args.cases.includes(def.name)) continue;
    const sizes = (args.sizes ?? (args.quick ? def.quickSizes : def.sizes)).filter((s) => args.sizes === null || def.sizes.includes(s) || def.quickSizes.includes(s));
    for (const lines of sizes) {
      const base = def.runs ? def.runs(lines, args.quick) : lines >= 1_000_000 ? 3 : 5;
      const runs = args.runs ?? (args.quick ? Math.min(base, 3) : base);
      for (const impl of ["ours", ...(args.peers ? Object.keys(def.peers) : [])]) jobs.push({ case: def.name, lines, impl, runs: args.runs ?? def.implRuns?.[impl] ?? runs, quick: args.quick, opts: args.opts });
    }
  }
  const results: JobResult[] = [];
  for (const [i, job] of jobs.entries()) {
    const r = await runChild(job);
    results.push(r);
    const what = `[${i + 1}/${jobs.length}] ${job.case} ${fmtLines(job.lines)} ${job.impl}`;
    process.stderr.write(r.ok ? `${what}: ${fmtMs(r.medianMs)} (median of ${job.runs}), peak ${Math.round(r.peakMb ?? 0)} MB\n` : `${what}: FAILED ${r.error?.split("\n")[0] ?? ""}\n`);
  }

  const rows: CaseRow[] = [];
  const byKey = new Map<string, JobResult>();
  for (const r of results) byKey.set(`${r.job.case}|${r.job.lines}|${r.job.impl}`, r);
  for (const def of CASES) {
    const sizes = [...new Set(results.filter((r) => r.job.case === def.name).map((r) => r.job.lines))];
    for (const lines of sizes) {
      const ours = byKey.get(`${def.name}|${lines}|ours`);
      const base = {
        name: def.name,
        lines,
        oursMs: ours?.ok ? round(ours.medianMs ?? NaN) : null,
        oursCpuMs: ours?.ok && Number.isFinite(ours.cpuMs) ? round(ours.cpuMs ?? NaN) : null,
        oursFirstMs: ours?.ok ? round(ours.runsMs?.[0] ?? NaN) : null,
        peakMb: ours?.ok ? round(ours.peakMb ?? NaN) : null,
        ...(ours?.ok ? { oursRunsMs: ours.runsMs?.map(round), oursProcessPeakMb: round(ours.processPeakMb ?? NaN), check: ours.check, ...(ours.extra ?? {}), ...(ours.info ?? {}) } : { oursError: ours?.error?.split("\n")[0] ?? "not run" }),
      };
      const peers = Object.keys(def.peers).map((p) => [p, byKey.get(`${def.name}|${lines}|${p}`)] as const).filter(([, r]) => r !== undefined);
      if (peers.length === 0) rows.push({ ...base, peer: null, peerMs: null, ratio: null });
      for (const [peer, r] of peers) {
        const peerMs = r?.ok ? round(r.medianMs ?? NaN) : null;
        rows.push({
          ...base,
          peer,
          peerMs,
          ratio: base.oursMs !== null && peerMs ? round(base.oursMs / peerMs) : null,
          cpuRatio: typeof base.oursCpuMs === "number" && r?.ok && Number.isFinite(r.cpuMs) && r.cpuMs ? round(base.oursCpuMs / (r.cpuMs ?? NaN)) : null,
          ...(r?.ok ? { peerFirstMs: round(r.runsMs?.[0] ?? NaN), peerCpuMs: Number.isFinite(r.cpuMs) ? round(r.cpuMs ?? NaN) : null, peerPeakMb: round(r.peakMb ?? NaN), peerRunsMs: r.runsMs?.map(round), peerCheck: r.check, peerInfo: { ...(r.info ?? {}), ...(r.extra ?? {}) }, checksAgree: sameChecks(ours?.check, r.check, def.compare) } : { peerError: r?.error?.split("\n")[0] ?? "not run" }),
        });
      }
    }
  }
  const totalS = Math.round((Date.now() - t0) / 1000);
  if (args.json) {
    process.stdout.write(JSON.stringify({ machine: { ...m, totalSeconds: totalS, args: process.argv.slice(2) }, cases: rows }) + "\n");
    return;
  }
  printTable(rows, m, totalS);
}

function printTable(rows: readonly CaseRow[], m: Record<string, unknown>, totalS: number): void {
  const head = ["case", "lines", "ours", "(cpu)", "(1st)", "peer", "peer time", "(cpu)", "(1st)", "ratio", "peak MB", "peer MB", "check", "notes"];
  const cpu = (x: unknown): string => (typeof x === "number" ? fmtMs(x) : "—");
  const body = rows.map((r) => [
    r.name,
    fmtLines(r.lines),
    r.oursMs === null ? `FAILED` : fmtMs(r.oursMs),
    cpu(r.oursCpuMs),
    cpu(r.oursFirstMs),
    r.peer ?? "—",
    r.peer === null ? "—" : r.peerMs === null ? "FAILED" : fmtMs(r.peerMs),
    cpu(r.peerCpuMs),
    cpu(r.peerFirstMs),
    r.ratio === null ? "—" : `${r.ratio}×`,
    r.peakMb === null ? "—" : String(Math.round(r.peakMb)),
    typeof r.peerPeakMb === "number" ? String(Math.round(r.peerPeakMb)) : "—",
    r.checksAgree === true ? "same" : r.checksAgree === false ? "DIFFER" : "—",
    notes(r),
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i] ?? ""))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c + " ".repeat(Math.max(0, (widths[i] ?? 0) - width(c)))).join("  ");
  const out = [
    `machine: ${String(m.cpu)} × ${String(m.cores)}, ${String(m.memGb)} GB, ${String(m.node)}, DuckDB ${String(m.duckdb)}, arquero ${String(m.arquero)}, ${String(m.pandas ?? "no pandas")}, ${String(m.libreoffice ?? "no LibreOffice")}`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    `ratio = ours / peer wall time (below 1 = we are faster). Medians of the runs; (1st) = the first run in a fresh process (caches cold); (cpu) = median user+system CPU time, which load from other processes disturbs less than wall time; peak = max RSS during the measured runs. Load average at start ${JSON.stringify(m.loadAvgAtStart)}. Total ${totalS} s.`,
  ];
  process.stdout.write(out.join("\n") + "\n");
}

/** Display width (CJK characters take two columns). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function notes(r: CaseRow): string {
  const parts: string[] = [];
  if (typeof r.oursError === "string") parts.push(`ours: ${r.oursError.slice(0, 60)}`);
  if (typeof r.peerError === "string") parts.push(`peer: ${r.peerError.slice(0, 60)}`);
  for (const k of ["rowsPerSec", "statements", "indexHeapMb", "calls", "oneProcessMs", "outputMb"]) if (typeof r[k] === "number") parts.push(`${k}=${round(r[k] as number)}`);
  if (typeof r.peerInfo === "object" && r.peerInfo !== null && "measuredCalls" in r.peerInfo) parts.push(`peer measured ${String((r.peerInfo as { measuredCalls: unknown }).measuredCalls)} calls, scaled`);
  if (typeof r.syncsPerOp === "object" && r.syncsPerOp !== null) {
    // "readSheet 3758 rows" → "readSheet 3", "writeSheet 月报 536 rows" → "月报 3"
    const label = (op: string): string => (op.startsWith("writeSheet") ? (op.split(" ")[1] ?? op) : (op.split(" ")[0] ?? op));
    parts.push(`syncs: ${Object.entries(r.syncsPerOp as Record<string, number>).map(([op, n]) => `${label(op)} ${n}`).join(", ")}`);
  }
  return parts.join("; ");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
