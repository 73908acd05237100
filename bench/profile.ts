/**
 * Profiles one benchmark job and names the hot lines in the TypeScript sources:
 * `npx tsx bench/profile.ts <case> <lines> [impl=ours] [--runs=1] [--top=25]`, or any entry point
 * with its arguments: `npx tsx bench/profile.ts --entry=src/cli/main.ts -- report book.xlsx --monthly 2025-12`.
 *
 * tsx compiles with whitespace minified, so a plain `--cpu-prof` only says "line 2". Here the tree
 * is compiled file by file (bench/cli-bundle.ts, with source maps), the job runs under
 * `node --cpu-prof`, and every sample is mapped back to `src/…ts:line` — per function (self and
 * total) and per source line (from V8's position ticks).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { SourceMapConsumer, type RawSourceMap } from "source-map";
import { compileTree } from "./cli-bundle";

const ROOT = join(__dirname, "..");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const dashdash = process.argv.indexOf("--");
  const own = dashdash < 0 ? process.argv.slice(2) : process.argv.slice(2, dashdash);
  const passThrough = dashdash < 0 ? [] : process.argv.slice(dashdash + 1);
  const entry = own.find((a) => a.startsWith("--entry="))?.slice(8);
  const pos = own.filter((a) => !a.startsWith("--"));
  const [name, linesArg, impl = "ours"] = pos;
  if (!entry && (!name || !linesArg)) {
    process.stderr.write("usage: tsx bench/profile.ts <case> <lines> [impl] [--runs=1] [--top=25]\n");
    process.exit(2);
  }
  const opt = (k: string, d: number): number => Number(own.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d);
  const runs = opt("runs", 1);
  const top = opt("top", 25);
  const dir = join(tmpdir(), `sales-ledger-profile-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const tree = await compileTree(join(dir, "js"));
  if (tree.failed.length > 0) process.stderr.write(`not compiled (half-edited?): ${tree.failed.join(", ")}\n`);
  const outfile = join(tree.root, (entry ?? "bench/child.ts").replace(/\.ts$/, ".js"));
  const args = entry ? passThrough : [JSON.stringify({ case: name, lines: Number(linesArg), impl, runs, quick: false })];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "--cpu-prof", "--cpu-prof-dir", dir, outfile, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: tree.env });
  const result = entry ? `exit ${r.status}, ${(performance.now() - t0).toFixed(0)} ms, ${r.stdout.length} bytes of stdout` : r.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  process.stdout.write(`${result ?? "no result"}\n`);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;

  // One source map per compiled file; V8 reports positions in the compiled code.
  const maps = new Map<string, { map: SourceMapConsumer; lineOrigin: Map<number, string> } | null>();
  const mapOf = async (url: string): Promise<{ map: SourceMapConsumer; lineOrigin: Map<number, string> } | null> => {
    const path = url.replace(/^file:\/\//, "");
    if (!path.startsWith(tree.root) || !existsSync(`${path}.map`)) return null;
    let m = maps.get(path);
    if (m === undefined) {
      const map = await new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, "utf8")) as RawSourceMap);
      // First original position on each generated line, for V8's line-level ticks.
      const lineOrigin = new Map<number, string>();
      map.eachMapping((mm) => {
        if (mm.source && !lineOrigin.has(mm.generatedLine)) lineOrigin.set(mm.generatedLine, `${relative(ROOT, mm.source)}:${mm.originalLine}`);
      });
      maps.set(path, (m = { map, lineOrigin }));
    }
    return m;
  };
  for (const n of profile.nodes) await mapOf(n.callFrame.url);
  const label = (n: ProfileNode): string => {
    const f = n.callFrame;
    const m = maps.get(f.url.replace(/^file:\/\//, ""));
    if (m) {
      const o = m.map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
      if (o.source) return `${f.functionName || "(anonymous)"} ${relative(ROOT, o.source)}:${o.line ?? 0}`;
    }
    return `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "node_modules/")}:${f.lineNumber + 1}`;
  };

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const msPerTick = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id);
    if (!n) continue;
    const l = label(n);
    self.set(l, (self.get(l) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const k = label(node);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + ms);
      seen.add(k);
    }
  }
  const lines = new Map<string, number>();
  for (const n of profile.nodes) {
    const m = maps.get(n.callFrame.url.replace(/^file:\/\//, ""));
    if (!m) continue;
    for (const t of n.positionTicks ?? []) {
      const k = `${m.lineOrigin.get(t.line) ?? `${n.callFrame.url}:${t.line}`}  (${n.callFrame.functionName || "anonymous"})`;
      lines.set(k, (lines.get(k) ?? 0) + t.ticks * msPerTick);
    }
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const show = (title: string, m: Map<string, number>): void => {
    process.stdout.write(`\n${title} (whole process ${totalMs.toFixed(0)} ms${entry ? "" : ", data generation included"})\n`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${k}\n`);
  };
  show("self time by function", self);
  show("total time by function", total);
  show("self time by source line", lines);
  process.stdout.write(`\nprofile: ${join(dir, file)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
