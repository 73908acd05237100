// `npm run test:e2e`: the browser tests of the task pane in the sandbox. A thin launcher: the tests
// are TypeScript (they share the catalogues and the app with the product), run with tsx, under a
// hard time limit so a hung browser can never hang CI.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const LIMIT_MS = 10 * 60 * 1000;

const child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(here, "sandbox.e2e.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  detached: true,
});
const timer = setTimeout(() => {
  process.stderr.write(`e2e: no result after ${LIMIT_MS / 1000} s, stopping\n`);
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  process.exitCode = 1;
}, LIMIT_MS);
child.on("exit", (code, signal) => {
  clearTimeout(timer);
  process.exitCode = code ?? (signal ? 1 : 0);
});
