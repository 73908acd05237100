/**
 * Measuring helpers shared by the runner and the per-case child: medians, peak memory (Linux
 * /proc, reset between phases), and `/usr/bin/time -v` for child processes (python, soffice).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Peak resident set size of this process so far, MB (VmHWM), or the current RSS off Linux. */
export function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through to the current RSS
  }
  return process.memoryUsage().rss / 1048576;
}

/**
 * Resets the peak RSS to the current RSS (Linux ≥ 4.0, `clear_refs` 5), so a phase's peak can be
 * read on its own. Returns false where that is not possible (the peak then covers the whole process).
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** What an external command cost. */
export interface ExternalRun {
  readonly code: number | null;
  readonly wallMs: number;
  /** Max RSS of the command (and its children, as `time` reports it), MB; null when unknown. */
  readonly peakMb: number | null;
  /** User + system CPU time of the command (and its children), ms; null when unknown. */
  readonly cpuMs: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const HAVE_GNU_TIME = existsSync("/usr/bin/time");

/** Runs a command to completion, wall-clock timed here, peak memory from `/usr/bin/time -v` when present. */
export function runExternal(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ExternalRun> {
  const argv = HAVE_GNU_TIME ? ["-v", cmd, ...args] : [...args];
  const bin = HAVE_GNU_TIME ? "/usr/bin/time" : cmd;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : null;
      resolve({ code, wallMs, peakMb: m ? Number(m[1]) / 1024 : null, cpuMs, stdout: out, stderr: err });
    });
  });
}

/** Rounds for display and JSON: 3 significant figures below 100, integers above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x) >= 100) return Math.round(x);
  return Number(x.toPrecision(3));
}
