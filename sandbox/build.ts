/**
 * Builds the sandbox's browser bundle (sandbox/client.tsx: the real task pane components beside the
 * grid, over the in-memory Excel fake) with webpack's Node API. A separate config from the add-in's
 * webpack.config.js because the sandbox bundle carries the fake, which production must never ship.
 */
import path from "node:path";
import webpack from "webpack";

/** Where the bundle and the filesystem cache go (inside the gitignored .tmp/). */
export const sandboxOutDir = path.resolve(__dirname, "..", ".tmp", "sandbox-dist");

/** The webpack configuration of the sandbox bundle. */
export function sandboxConfig(mode: "development" | "production"): webpack.Configuration {
  return {
    mode,
    context: path.resolve(__dirname, ".."),
    entry: { sandbox: "./sandbox/client.tsx" },
    output: { path: sandboxOutDir, filename: "[name].js", clean: false },
    devtool: false,
    target: "web",
    resolve: {
      extensions: [".tsx", ".ts", ".js"],
      // test/excel-fake can export itself to .xlsx with ExcelJS; the page never does, so ExcelJS stays out.
      alias: { exceljs: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Types are checked by `npm run typecheck`; here we only strip them, as ES modules so webpack can tree-shake.
            options: { transpileOnly: true, compilerOptions: { module: "es2022", moduleResolution: "bundler", noEmit: false } },
          },
        },
      ],
    },
    performance: { hints: false },
    cache: { type: "filesystem", cacheDirectory: path.join(sandboxOutDir, "..", "sandbox-webpack-cache") },
    infrastructureLogging: { level: "error" },
    stats: "errors-only",
  };
}

/** Builds the bundle; resolves with the bundle's path or rejects with webpack's errors. */
export function buildSandbox(mode: "development" | "production" = "development"): Promise<string> {
  return new Promise((resolve, reject) => {
    const compiler = webpack(sandboxConfig(mode));
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(stats ? stats.toString({ all: false, errors: true, colors: false }) : "webpack: no stats"));
      }
      resolve(path.join(sandboxOutDir, "sandbox.js"));
    });
  });
}
