/* eslint-disable */
// Builds the Excel add-in into dist/: one shared-runtime page (taskpane.html) that loads the task
// pane, the custom functions and the ribbon commands (Microsoft's "Configure your Office Add-in to
// use a shared runtime": one HtmlWebpackPlugin page listing all three chunks), the custom
// functions metadata (functions.json, generated from functions/functions.ts JSDoc) and its zh-CN
// translation, the icons, and manifest.xml (URLs rewritten to `urlProd` in production builds).
"use strict";

const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** Where the dev server serves the add-in (the URLs written in manifest.xml). */
const urlDev = "https://localhost:3000/";
/** Where the production build is hosted. CHANGE THIS before `npm run build:addin` for a real deployment (see README). */
const urlProd = "https://sales-ledger.example.com/";

/** Add-in Id of the dev manifest (manifest.xml) and of the production one: two Ids, so a sideloaded dev copy never replaces or shadows the deployed add-in. */
const idDev = "5b0f3c2e-8d41-4f6a-9c1e-7a2d6e4b9f10";
const idProd = "e706491a-8db7-42ce-b801-b19a09cd3499";

/** The manifest with every dev-server address (URLs and the AppDomain origin) moved to `urlProd`, and the production Id. */
function productionManifest(xml) {
  const id = `<Id>${idDev}</Id>`;
  if (!xml.includes(id)) throw new Error(`manifest.xml: no ${id} to replace with the production Id`);
  return xml.replace(id, `<Id>${idProd}</Id>`).split(urlDev).join(urlProd).split(urlDev.replace(/\/$/, "")).join(urlProd.replace(/\/$/, ""));
}

/** Output names the manifest refers to (test/shell/manifest.test.ts checks they agree). */
const OUTPUT = {
  page: "taskpane.html",
  help: "help.html",
  functionsScript: "functions.js",
  functionsMetadata: "functions.json",
  functionsMetadataZh: "functions-zh-CN.json",
};

/**
 * Content-Security-Policy of the page: scripts only from us and Microsoft's Office.js CDN; styles
 * inline (Fluent UI injects its CSS at run time); no plugins, no foreign forms or frames.
 */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    "script-src 'self' https://appsforoffice.microsoft.com",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " wss://localhost:3000" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Puts the CSP <meta> right after <meta charset>, before any script, in every emitted page. */
class ContentSecurityPolicyPlugin {
  constructor(policy) {
    this.policy = policy;
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("ContentSecurityPolicyPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("ContentSecurityPolicyPlugin", (data) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${this.policy}" />`;
        const html = data.html.replace(/(<meta\s+charset=[^>]*>)/i, `$1\n    ${meta}`);
        if (html === data.html) throw new Error(`${data.outputName}: no <meta charset> to put the Content-Security-Policy after`);
        data.html = html;
        return data;
      });
    });
  }
}

/** Fails the build if a browser bundle pulls in ExcelJS or a Node built-in (DESIGN.md "Lean"). */
class ForbiddenModulesPlugin {
  apply(compiler) {
    compiler.hooks.afterCompile.tap("ForbiddenModulesPlugin", (compilation) => {
      for (const module of compilation.modules) {
        const resource = module.resource || "";
        if (/[\\/]node_modules[\\/](exceljs|jszip|archiver|unzipper)[\\/]/.test(resource)) {
          compilation.errors.push(new Error(`The add-in bundle must not contain ExcelJS or zip libraries: ${resource}`));
        }
      }
    });
  }
}

/** Node built-ins the browser bundles must never need (a `false` fallback makes an import fail loudly at run time, not silently bundle a polyfill). */
const NODE_BUILTINS = ["fs", "path", "os", "crypto", "stream", "zlib", "child_process", "url", "util", "buffer", "http", "https", "net", "tls"];

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const root = __dirname;

  const config = {
    context: root,
    devtool: dev ? "source-map" : false, // never eval-based: the page's CSP forbids eval
    entry: {
      taskpane: "./taskpane/index.tsx",
      functions: "./functions/bootstrap.ts",
      commands: "./commands/commands.ts",
      notice: "./commands/notice.ts",
    },
    output: {
      path: path.resolve(root, "dist"),
      filename: "[name].js",
      clean: { keep: /^lib[\\/]/ }, // dist/lib is the library build (tsc), not ours to delete
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
      fallback: Object.fromEntries(NODE_BUILTINS.map((m) => [m, false])),
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // type checking is `npm run typecheck`
              configFile: path.resolve(root, "tsconfig.json"),
              compilerOptions: { module: "es2022", moduleResolution: "bundler", noEmit: false, sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./functions/functions.ts", output: OUTPUT.functionsMetadata }),
      new HtmlWebpackPlugin({
        filename: OUTPUT.page,
        template: "./taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({ filename: "notice.html", template: "./commands/notice.html", chunks: ["notice"] }),
      new ContentSecurityPolicyPlugin(contentSecurityPolicy(dev)),
      new ForbiddenModulesPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/help.html", to: "help.html" },
          { from: "commands/notice.css", to: "notice.css" },
          { from: "functions/functions-zh-CN.json", to: OUTPUT.functionsMetadataZh },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : productionManifest(content.toString())),
          },
        ],
      }),
    ],
    optimization: {
      // Code the commands and the task pane share (core, zod, i18n) is downloaded once. functions.js
      // stays self-contained: the manifest's custom functions <Script> points at it alone.
      splitChunks: {
        chunks: (chunk) => chunk.name !== "functions",
        minSize: 20000,
        name: (module, chunks, cacheGroup) => (chunks.length > 1 ? "shared" : `${cacheGroup}-${chunks.map((c) => c.name).join("-")}`),
      },
    },
    performance: { hints: false }, // sizes are reported by test/shell/check-dist.ts instead
    stats: "errors-warnings",
  };

  if (serving) {
    // Only the dev server needs the localhost certificate (office-addin-dev-certs installs it once).
    const devCerts = require("office-addin-dev-certs");
    config.devServer = {
      port: 3000,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devCerts.getHttpsServerOptions() },
      static: { directory: path.resolve(root, "dist"), watch: false },
    };
  }
  return config;
};

module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
module.exports.OUTPUT = OUTPUT;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.productionManifest = productionManifest;
module.exports.idDev = idDev;
module.exports.idProd = idProd;
