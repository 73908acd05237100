/**
 * The add-in's reach: manifest.xml names no remote origin beyond our own and Microsoft's Office.js
 * CDN (appsforoffice.microsoft.com); every page has a strict Content-Security-Policy (injected by
 * the webpack build for the templates, written in the file for copied pages); no page, template
 * or browser-side source talks to any other host.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { trackSuite } from "./summary";

const counter = trackSuite("manifest");
const ROOT = join(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** Every attribute value and text in the manifest that is a URL (namespaces excluded). */
function manifestUrls(xml: string): { where: string; url: string }[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: true });
  const doc = parser.parse(xml) as unknown;
  const out: { where: string; url: string }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === "string") {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(node.trim())) out.push({ where: path, url: node.trim() });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${path}[${i}]`));
      return;
    }
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k.startsWith("@xmlns") || k === "@xsi:type") continue;
        walk(v, `${path}/${k}`);
      }
    }
  };
  walk(doc, "");
  return out;
}

/** Parsed CSP: directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) m.set(name.toLowerCase(), sources);
  }
  return m;
}

/** What makes a policy not strict (empty = strict). `allowedHosts` are origins a source may name. */
function cspProblems(policy: string, allowedHosts: readonly string[]): string[] {
  const csp = parseCsp(policy);
  const bad: string[] = [];
  const def = csp.get("default-src");
  if (!def || !def.every((s) => s === "'self'" || s === "'none'")) bad.push(`default-src ${def?.join(" ") ?? "missing"}`);
  const script = csp.get("script-src") ?? def ?? [];
  for (const s of script) if (["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:"].includes(s) || s.startsWith("http://")) bad.push(`script-src allows ${s}`);
  const object = csp.get("object-src") ?? def;
  if (!object || !object.includes("'none'")) bad.push("object-src is not 'none'");
  if (!csp.has("base-uri")) bad.push("no base-uri");
  for (const [name, sources] of csp) {
    for (const s of sources) {
      if (s === "*" || /^\*\./.test(s)) bad.push(`${name} allows wildcard ${s}`);
      if (/^(https?|wss?):\/\//.test(s) && !allowedHosts.includes(s.replace(/\/$/, ""))) bad.push(`${name} allows ${s}`);
    }
  }
  return bad;
}

/** src/href URLs in an HTML page. */
function htmlUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href|action|data)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
}

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

interface WebpackLike {
  plugins?: { constructor: { name: string }; policy?: string }[];
}

async function buildPolicy(mode: "production" | "development"): Promise<string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const make = require(join(ROOT, "webpack.config.js")) as (env: Record<string, unknown>, options: { mode: string }) => Promise<WebpackLike>;
  const config = await make({}, { mode });
  return config.plugins?.find((p) => typeof p.policy === "string")?.policy;
}

describe("manifest and pages: no remote reach beyond ours and Office.js", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  const urls = manifestUrls(manifest);
  const source = urls.find((u) => /SourceLocation/.test(u.where))?.url;
  const ours = source ? new URL(source).origin : "";

  counter.test("every URL in manifest.xml is https on our own origin (AppDomains included)", () => {
    expect(source).toBeDefined();
    expect(urls.length).toBeGreaterThan(5);
    const foreign = urls.filter((u) => {
      const url = new URL(u.url);
      return url.protocol !== "https:" || url.origin !== ours;
    });
    expect(foreign).toEqual([]);
    counter.add("manifestUrls", urls.length);
  });

  counter.test("the production build moves every manifest URL to one production origin", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { urlDev, urlProd } = require(join(ROOT, "webpack.config.js")) as { urlDev: string; urlProd: string };
    const prod = manifest.split(urlDev).join(urlProd).split(urlDev.replace(/\/$/, "")).join(urlProd.replace(/\/$/, ""));
    const origins = new Set(manifestUrls(prod).map((u) => new URL(u.url).origin));
    expect([...origins]).toEqual([new URL(urlProd).origin]);
  });

  counter.test("the built pages get a strict Content-Security-Policy (production and development)", async () => {
    for (const mode of ["production", "development"] as const) {
      const policy = await buildPolicy(mode);
      expect(policy).toBeDefined();
      const allowed = [OFFICE_CDN, ...(mode === "development" ? ["wss://localhost:3000"] : [])];
      expect({ mode, problems: cspProblems(policy ?? "", allowed) }).toEqual({ mode, problems: [] });
      counter.add("policiesChecked");
    }
  });

  const TEMPLATES = ["taskpane/taskpane.html", "commands/notice.html"];
  counter.test("templates can take the injected policy: <meta charset> comes before any script, and no inline script (the policy forbids it)", () => {
    for (const t of TEMPLATES) {
      const html = readFileSync(join(ROOT, t), "utf8");
      const charset = html.search(/<meta\s+charset=/i);
      const script = html.search(/<script\b/i);
      expect({ t, charsetFirst: charset >= 0 && (script < 0 || charset < script) }).toEqual({ t, charsetFirst: true });
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc=/.test(m[1] ?? "") || (m[2] ?? "").trim() !== "");
      expect({ t, inline: inline.length }).toEqual({ t, inline: 0 });
      expect({ t, handlers: /\son[a-z]+\s*=/i.test(html) }).toEqual({ t, handlers: false });
      counter.add("pagesChecked");
    }
  });

  counter.test("copied pages carry their own strict policy", () => {
    const html = readFileSync(join(ROOT, "assets/help.html"), "utf8");
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/i.exec(html);
    expect(meta).not.toBeNull();
    expect(cspProblems(meta?.[2] ?? "", [])).toEqual([]);
    counter.add("pagesChecked");
  });

  counter.test("pages load scripts, styles and images only from us or the Office.js CDN", () => {
    for (const page of [...TEMPLATES, "assets/help.html"]) {
      const remote = htmlUrls(readFileSync(join(ROOT, page), "utf8")).filter((u) => /^[a-z]+:\/\//i.test(u) || u.startsWith("//"));
      expect({ page, foreign: remote.filter((u) => !u.startsWith(`${OFFICE_CDN}/`)) }).toEqual({ page, foreign: [] });
    }
  });

  counter.test("browser-side code names no other host and opens no network channel of its own", () => {
    const dirs = ["taskpane", "functions", "commands", "src/app", "src/core"];
    const problems: string[] = [];
    let scanned = 0;
    for (const d of dirs) {
      for (const f of files(join(ROOT, d), /\.(ts|tsx|js|mjs)$/)) {
        scanned++;
        const code = readFileSync(f, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
        for (const m of code.matchAll(/\b(?:https?|wss?):\/\/[^\s"'`)]+/g)) {
          const origin = new URL(m[0]).origin;
          if (origin !== OFFICE_CDN && origin !== ours) problems.push(`${relative(ROOT, f)}: ${m[0]}`);
        }
        for (const m of code.matchAll(/\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\s*\(/g)) problems.push(`${relative(ROOT, f)}: ${m[1]}(`);
      }
    }
    expect(problems).toEqual([]);
    counter.add("sourcesScanned", scanned);
  });
});
