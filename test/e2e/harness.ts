/**
 * What the browser tests stand on: the sandbox server on a free port, Debian's Chromium driven by
 * playwright-core (never a downloaded browser), named steps that print PASS/FAIL, and cleanup
 * that always runs. Every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SCREENSHOTS = path.join(ROOT, "test", "e2e", "screenshots");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The running sandbox. */
export interface Sandbox {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `sandbox/serve.ts` on `port` and waits (≤ timeoutMs) for its ready line. */
export async function startSandbox(port: number, extraArgs: readonly string[] = [], timeoutMs = 240_000): Promise<Sandbox> {
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const child: ChildProcess = spawn(process.execPath, [tsx, path.join(ROOT, "sandbox", "serve.ts"), "--port", String(port), ...extraArgs], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }, 5000);
    await exited;
    clearTimeout(t);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sandbox not ready after ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes("sandbox: ready at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`sandbox exited (${code}) before it was ready:\n${output}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const line = /sandbox: built in [^\n]+/.exec(output)?.[0];
  if (line) log(`  ${line.replace("sandbox: ", "sandbox ")}`);
  return { url: `http://127.0.0.1:${port}/`, stop };
}

/** The browser, one page, and its cleanup. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a fresh profile directory. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
    locale: "zh-CN",
    timeout: 60_000,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    async close() {
      await Promise.race([context.close(), new Promise((r) => setTimeout(r, 15_000))]);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Result of one step. */
export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs named steps in order; after the first failure the rest are reported as skipped. */
export class Steps {
  readonly results: StepResult[] = [];
  private failed = false;
  /** Page to photograph when a step fails (test/e2e/screenshots/failed-<n>.png). */
  page: Page | null = null;

  async run(name: string, body: () => Promise<void>): Promise<void> {
    if (this.failed) {
      this.results.push({ name, ok: false, ms: 0, error: "skipped (an earlier step failed)" });
      log(`SKIP  ${name}`);
      return;
    }
    const t0 = Date.now();
    try {
      await body();
      const ms = Date.now() - t0;
      this.results.push({ name, ok: true, ms });
      log(`PASS  ${name} (${(ms / 1000).toFixed(1)} s)`);
    } catch (e) {
      const ms = Date.now() - t0;
      const error = e instanceof Error ? e.message : String(e);
      this.failed = true;
      this.results.push({ name, ok: false, ms, error });
      if (this.page) {
        const shot = await screenshot(this.page, `failed-${this.results.length}`).catch(() => null);
        if (shot) log(`      screenshot: ${shot}`);
      }
      log(`FAIL  ${name} (${(ms / 1000).toFixed(1)} s)\n      ${error.split("\n").slice(0, 12).join("\n      ")}`);
    }
  }

  get allPassed(): boolean {
    return this.results.length > 0 && this.results.every((r) => r.ok);
  }
}

/** Fails with `message` unless `cond`. */
export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Removes the screenshots of an earlier run (so a stale failed-*.png never misleads). */
export function clearScreenshots(): void {
  if (!fs.existsSync(SCREENSHOTS)) return;
  for (const f of fs.readdirSync(SCREENSHOTS)) if (f.endsWith(".png")) fs.rmSync(path.join(SCREENSHOTS, f));
}

/** Writes a screenshot of the page (or one element) to test/e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, selector?: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path: file, timeout: 10_000 });
  else await page.screenshot({ path: file, timeout: 10_000 });
  return path.relative(ROOT, file);
}
