/**
 * `npm run sandbox`: the task pane in a browser without Excel. Builds the sandbox bundle, reads the
 * sample workbook with ExcelJS (server side), and serves
 *   /               the page (task pane left, grid of the fake workbook right)
 *   /sandbox.js     the bundle
 *   /workbook.json  the workbook snapshot the page loads into the in-memory Excel fake
 * Options: --port N (default 3100, or $PORT), --workbook FILE (default samples/sample-workbook.xlsx),
 *          --prod (production-mode bundle), --no-build (reuse the last bundle).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { buildSandbox, sandboxOutDir } from "./build";
import { readXlsxSnapshot } from "./read-xlsx";

const root = path.resolve(__dirname, "..");

interface Options {
  readonly port: number;
  readonly workbook: string;
  readonly mode: "development" | "production";
  readonly build: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let port = Number(process.env.PORT ?? 3100);
  let workbook = path.join(root, "samples", "sample-workbook.xlsx");
  let mode: Options["mode"] = "development";
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port") port = Number(argv[++i]);
    else if (a === "--workbook") workbook = path.resolve(String(argv[++i]));
    else if (a === "--prod") mode = "production";
    else if (a === "--no-build") build = false;
    else throw new Error(`sandbox: unknown option ${a}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`sandbox: bad port ${port}`);
  return { port, workbook, mode, build };
}

function page(css: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>销售内勤台账 · 沙盒</title>
<style>
  html, body { margin: 0; height: 100%; font-family: "Segoe UI", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
  #root { height: 100%; }
${css}
</style>
</head>
<body><div id="root"><p style="padding:12px">正在加载沙盒…</p></div><script src="/sandbox.js"></script></body>
</html>`;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.workbook)) throw new Error(`sandbox: workbook not found: ${opts.workbook}`);
  const bundle = path.join(sandboxOutDir, "sandbox.js");
  if (opts.build) {
    const started = Date.now();
    process.stdout.write(`sandbox: building the ${opts.mode} bundle…\n`);
    await buildSandbox(opts.mode);
    process.stdout.write(`sandbox: built in ${((Date.now() - started) / 1000).toFixed(1)} s (${Math.round(fs.statSync(bundle).size / 1024)} KiB)\n`);
  } else if (!fs.existsSync(bundle)) {
    throw new Error("sandbox: --no-build but no bundle yet; run once without it");
  }
  const snapshot = JSON.stringify(await readXlsxSnapshot(opts.workbook));
  const html = page(fs.readFileSync(path.join(__dirname, "sandbox.css"), "utf8"));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET") return send(405, "text/plain; charset=utf-8", "method not allowed");
    if (url.pathname === "/" || url.pathname === "/index.html") return send(200, "text/html; charset=utf-8", html);
    if (url.pathname === "/sandbox.js") {
      fs.readFile(bundle, (err, data) => (err ? send(500, "text/plain; charset=utf-8", String(err)) : send(200, "text/javascript; charset=utf-8", data)));
      return;
    }
    if (url.pathname === "/favicon.ico") return send(204, "text/plain; charset=utf-8", "");
    if (url.pathname === "/workbook.json") return send(200, "application/json; charset=utf-8", snapshot);
    return send(404, "text/plain; charset=utf-8", "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  // The e2e runner waits for this exact line.
  process.stdout.write(`sandbox: ready at http://localhost:${port}/\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
