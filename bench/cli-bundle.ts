/**
 * Our code as users run it: compiled JavaScript, not TypeScript through tsx. Transpiles src/,
 * bench/ and test/excel-fake/ file by file with esbuild (the compiler tsx itself uses) into a temp
 * directory, keeping the layout, so lazily loaded modules stay lazy (as after `npm run build:lib`)
 * and one half-edited file elsewhere cannot break the rest. Dependencies resolve through NODE_PATH.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "..");

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** A compiled copy of the tree: `root` mirrors the repository (`root/src/cli/main.js`, …). */
export interface CompiledTree {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly ms: number;
  /** Files that did not compile (left out; loading them fails alone). */
  readonly failed: readonly string[];
}

/** Transpiles the tree (with external source maps) into `dir` (default: a fresh temp directory). */
export async function compileTree(dir = join(tmpdir(), `sales-ledger-bench-js-${process.pid}`)): Promise<CompiledTree> {
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const esbuild = await import("esbuild");
  const files = [join(ROOT, "src"), join(ROOT, "bench"), join(ROOT, "test", "excel-fake")].flatMap(tsFiles);
  const failed: string[] = [];
  await Promise.all(
    files.map(async (file) => {
      const rel = relative(ROOT, file);
      const out = join(dir, rel.replace(/\.ts$/, ".js"));
      try {
        const r = await esbuild.transform(readFileSync(file, "utf8"), { loader: "ts", format: "cjs", platform: "node", target: "node20", sourcemap: "external", sourcefile: file, keepNames: true });
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, `${r.code}//# sourceMappingURL=${basename(out)}.map\n`);
        writeFileSync(`${out}.map`, r.map);
      } catch {
        failed.push(rel);
      }
    }),
  );
  return { root: dir, env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") }, ms: performance.now() - t0, failed };
}

/** The compiled CLI entry point. */
export async function bundleCli(): Promise<{ file: string; root: string; env: NodeJS.ProcessEnv; bundleMs: number }> {
  const t = await compileTree();
  return { file: join(t.root, "src", "cli", "main.js"), root: t.root, env: t.env, bundleMs: t.ms };
}
