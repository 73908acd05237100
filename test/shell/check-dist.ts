/**
 * Checks what `npm run build:addin` emitted in dist/ (run after the build; a webpack build is too
 * slow for a unit test): every file the manifest points at exists, the shared-runtime page loads
 * the functions, commands and task pane bundles under a CSP, functions.json is exactly what the
 * JSDoc generates, functions.js runs on its own (the manifest's <Script>) and registers every
 * function, the manifest points at the production address and passes the offline checks,
 * and no bundle carries ExcelJS or a zip library. Prints the bundle sizes. Exit 1 on a problem.
 *
 * Usage: npm run build:addin && npx tsx test/shell/check-dist.ts
 */
import fs from "fs";
import path from "path";
import vm from "vm";
import zlib from "zlib";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { checkManifest } from "./manifest-checker";
import { osfResolve } from "./osf-manifest";
import { COMMAND_FUNCTIONS } from "../../commands/run-command";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as { urlProd: string; idProd: string; OUTPUT: { page: string; functionsScript: string; functionsMetadata: string; functionsMetadataZh: string; help: string } };

async function main(): Promise<number> {
  const root = path.resolve(__dirname, "../..");
  const dist = path.join(root, "dist");
  const problems: string[] = [];
  const read = (f: string): string => fs.readFileSync(path.join(dist, f), "utf8");
  const required = ["taskpane.html", "taskpane.js", "functions.js", "functions.json", "functions-zh-CN.json", "commands.js", "notice.html", "notice.js", "notice.css", "help.html", "manifest.xml", ...[16, 32, 64, 80, 128].map((s) => `assets/icon-${s}.png`)];
  for (const f of required) if (!fs.existsSync(path.join(dist, f))) problems.push(`missing dist/${f}`);
  if (problems.length) return report(problems, dist);

  const page = read("taskpane.html");
  const csp = page.indexOf("Content-Security-Policy");
  const firstScript = page.indexOf("<script");
  if (csp < 0 || csp > firstScript) problems.push("taskpane.html: the Content-Security-Policy meta must come before the first script");
  for (const chunk of ["functions.js", "commands.js", "taskpane.js"]) if (!new RegExp(`<script[^>]+src="?${chunk.replace(".", "\\.")}`).test(page)) problems.push(`taskpane.html does not load ${chunk}`);
  if (!read("notice.html").includes("Content-Security-Policy")) problems.push("notice.html has no Content-Security-Policy");

  const generated = await generateCustomFunctionsMetadata([path.join(root, "functions/functions.ts")]);
  if (JSON.stringify(JSON.parse(read("functions.json"))) !== JSON.stringify(JSON.parse(generated.metadataJson))) problems.push("dist/functions.json differs from the metadata generated from functions/functions.ts");
  const functionsJs = read("functions.js");
  for (const f of (JSON.parse(generated.metadataJson) as { functions: { id: string }[] }).functions) {
    if (!functionsJs.includes(`associate("${f.id}"`)) problems.push(`functions.js does not associate ${f.id}`);
  }

  // The manifest's custom functions <Script> is functions.js alone: run it by itself and see it register every function.
  const associated: string[] = [];
  const sandbox: Record<string, unknown> = {
    Office: { onReady: () => undefined, context: { displayLanguage: "zh-CN" } },
    CustomFunctions: { associate: (id: string) => associated.push(id), Error: class {}, ErrorCode: {} },
    setTimeout, clearTimeout, TextEncoder, TextDecoder, URL, URLSearchParams, Intl,
  };
  sandbox.self = sandbox.window = sandbox.globalThis = sandbox;
  try {
    vm.runInNewContext(functionsJs, sandbox);
  } catch (e) {
    problems.push(`functions.js does not run on its own: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ids = (JSON.parse(generated.metadataJson) as { functions: { id: string }[] }).functions.map((f) => f.id);
  if (associated.join() !== ids.join()) problems.push(`functions.js alone associates [${associated.join(", ")}], expected [${ids.join(", ")}]`);

  const origin = webpackConfig.urlProd.replace(/\/$/, "");
  problems.push(...checkManifest(read("manifest.xml"), { origin, assetsDir: path.join(dist, "assets"), output: webpackConfig.OUTPUT, namespace: "LEDGER", commandFunctions: Object.keys(COMMAND_FUNCTIONS), addInId: webpackConfig.idProd }).map((p) => `dist/manifest.xml: ${p}`));
  // Microsoft's manifest parser: English Office gets functions.json, every other language the zh-CN default.
  for (const [locale, file] of [["zh-CN", webpackConfig.OUTPUT.functionsMetadataZh], ["en-US", webpackConfig.OUTPUT.functionsMetadata], ["zh-TW", webpackConfig.OUTPUT.functionsMetadataZh], ["de-DE", webpackConfig.OUTPUT.functionsMetadataZh]] as const) {
    const got = osfResolve(read("manifest.xml"), locale).functionsMetadataUrl;
    if (got !== `${origin}/${file}`) problems.push(`dist/manifest.xml: Office in ${locale} gets ${got}, not ${origin}/${file} (OSF parser)`);
  }

  for (const f of fs.readdirSync(dist).filter((x) => x.endsWith(".js"))) {
    const js = read(f);
    for (const marker of ["xl/worksheets/", "JSZip", "exceljs", "require(\"fs\")"]) if (js.includes(marker)) problems.push(`dist/${f} contains "${marker}" (ExcelJS, zip or Node code in a browser bundle)`);
  }
  return report(problems, dist);
}

function report(problems: string[], dist: string): number {
  const rows = fs.existsSync(dist)
    ? fs.readdirSync(dist).filter((f) => /\.(js|html|json|css)$/.test(f)).map((f) => {
        const buf = fs.readFileSync(path.join(dist, f));
        return `${f.padEnd(24)} ${String(buf.length).padStart(9)} B  ${String(zlib.gzipSync(buf).length).padStart(8)} B gzip`;
      })
    : [];
  process.stdout.write(`${rows.join("\n")}\n`);
  if (problems.length) {
    process.stderr.write(`dist check FAILED:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return 1;
  }
  process.stdout.write("dist check passed\n");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
