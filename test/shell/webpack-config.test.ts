/**
 * The webpack configuration, checked without running webpack (a build takes a minute here; the
 * built output is checked by `npx tsx test/shell/check-dist.ts` after `npm run build:addin`).
 */
import fs from "fs";
import path from "path";

jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: jest.fn(async () => ({ key: "KEY", cert: "CERT", ca: "CA" })) }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const factory = require("../../webpack.config.js") as ((env: Record<string, unknown>, argv: { mode: string }) => Promise<Config>) & { OUTPUT: Record<string, string>; contentSecurityPolicy(dev: boolean): string };

interface Plugin {
  constructor: { name: string };
  userOptions?: { filename?: string; template?: string; chunks?: string[] };
  options?: { input?: string; output?: string };
  patterns?: { from: string; to: string; transform?: (c: Buffer) => string }[];
}
interface Config {
  entry: Record<string, string>;
  output: { path: string; filename: string; clean: { keep: RegExp } };
  resolve: { fallback: Record<string, false> };
  module: { rules: { use: { loader: string; options: { transpileOnly: boolean } } }[] };
  plugins: Plugin[];
  devServer?: { port: number; server: { type: string; options: unknown } };
  devtool: string | false;
}

const root = path.resolve(__dirname, "../..");

describe("webpack.config.js", () => {
  it("builds the task pane, functions and commands into ONE shared-runtime page", async () => {
    const config = await factory({}, { mode: "production" });
    expect(config.entry).toEqual({ taskpane: "./taskpane/index.tsx", functions: "./functions/bootstrap.ts", commands: "./commands/commands.ts", notice: "./commands/notice.ts" });
    const pages = config.plugins.filter((p) => p.constructor.name === "HtmlWebpackPlugin").map((p) => [p.userOptions?.filename, p.userOptions?.template, p.userOptions?.chunks]);
    expect(pages).toEqual([
      ["taskpane.html", "./taskpane/taskpane.html", ["functions", "commands", "taskpane"]],
      ["notice.html", "./commands/notice.html", ["notice"]],
    ]);
    for (const [, template] of pages) expect(fs.existsSync(path.join(root, template as string))).toBe(true);
  });

  it("generates functions.json from functions/functions.ts and copies the zh-CN metadata, icons and manifest", async () => {
    const config = await factory({}, { mode: "production" });
    const meta = config.plugins.find((p) => p.constructor.name === "CustomFunctionsMetadataPlugin");
    expect(meta?.options).toEqual({ input: "./functions/functions.ts", output: factory.OUTPUT.functionsMetadata });
    const copy = config.plugins.find((p) => p.constructor.name === "CopyPlugin");
    const patterns = copy?.patterns ?? [];
    expect(patterns.map((p) => `${p.from} -> ${p.to}`)).toEqual([
      "assets/*.png -> assets/[name][ext]",
      "assets/help.html -> help.html",
      "commands/notice.css -> notice.css",
      "functions/functions-zh-CN.json -> functions-zh-CN.json",
      "manifest.xml -> manifest.xml",
    ]);
    const manifest = patterns.find((p) => p.from === "manifest.xml")!;
    const prod = manifest.transform!(fs.readFileSync(path.join(root, "manifest.xml")));
    expect(prod).not.toContain("localhost");
    expect(prod).toContain("https://sales-ledger.example.com/taskpane.html");
    const dev = await factory({}, { mode: "development" });
    const devManifest = dev.plugins.find((p) => p.constructor.name === "CopyPlugin")!.patterns!.find((p) => p.from === "manifest.xml")!;
    expect(String(devManifest.transform!(fs.readFileSync(path.join(root, "manifest.xml"))))).toContain("https://localhost:3000/taskpane.html");
  });

  it("transpiles only (type checking is separate), keeps Node built-ins and dist/lib out", async () => {
    const config = await factory({}, { mode: "production" });
    expect(config.module.rules[0]!.use.loader).toBe("ts-loader");
    expect(config.module.rules[0]!.use.options.transpileOnly).toBe(true);
    expect(config.resolve.fallback).toMatchObject({ fs: false, path: false, os: false, crypto: false, stream: false, zlib: false, child_process: false });
    expect(config.output.clean.keep.test("lib/index.js")).toBe(true);
    expect(config.output.path).toBe(path.join(root, "dist"));
    expect(config.plugins.map((p) => p.constructor.name)).toContain("ForbiddenModulesPlugin");
    expect(config.devtool).toBe(false);
  });

  it("asks for the dev certificate only when serving, on https://localhost:3000", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const certs = require("office-addin-dev-certs") as { getHttpsServerOptions: jest.Mock };
    certs.getHttpsServerOptions.mockClear();
    expect((await factory({}, { mode: "development" })).devServer).toBeUndefined();
    expect(certs.getHttpsServerOptions).not.toHaveBeenCalled();
    const served = await factory({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(certs.getHttpsServerOptions).toHaveBeenCalledTimes(1);
    expect(served.devServer?.port).toBe(3000);
    expect(served.devServer?.server).toEqual({ type: "https", options: { key: "KEY", cert: "CERT", ca: "CA" } });
    expect(served.devtool).toBe("source-map"); // never eval: the CSP forbids it
  });

  it("has a strict Content-Security-Policy: scripts only from us and appsforoffice.microsoft.com", () => {
    expect(factory.contentSecurityPolicy(false)).toMatchInlineSnapshot(
      `"default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"`,
    );
    expect(factory.contentSecurityPolicy(false)).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});
