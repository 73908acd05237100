// The layer rules of DESIGN.md, enforced: imports point downward only, and only src/hosts/excel
// (and the fake that stands in for Excel in tests) may touch the Excel API.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeModules = ["fs", "fs/*", "node:*", "path", "os", "child_process", "crypto", "url", "zlib", "stream"];
const excelGlobal = { name: "Excel", message: "Only src/hosts/excel may use the Excel API (DESIGN.md layers)." };

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "test/e2e/screenshots/", "**/*.js", "!eslint.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-globals": ["error", excelGlobal],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/app/**", "**/hosts/**", "**/cli/**", "../app", "../hosts", "../cli"], message: "src/core is the bottom layer: it imports nothing above it." },
        { group: ["exceljs", "react", "react-dom", "@fluentui/*", ...nodeModules], message: "src/core is pure: no fs, no Node, no UI, no ExcelJS." },
      ] }],
      "no-restricted-globals": ["error", excelGlobal, { name: "Office", message: "src/core has no Office." }, { name: "document", message: "src/core has no DOM." }, { name: "window", message: "src/core has no DOM." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No clock in core: pass `today` in." }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No clock in core: pass `today` in." }],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/hosts/**", "**/cli/**", "../hosts", "../cli"], message: "src/app is written against the WorkbookPort, not a host." },
        { group: ["exceljs", "react", "react-dom", "@fluentui/*", ...nodeModules], message: "src/app has no fs, no UI, no ExcelJS." },
      ] }],
      "no-restricted-globals": ["error", excelGlobal, { name: "Office", message: "src/app has no Office." }],
    },
  },
  {
    files: ["src/hosts/excel/**/*.ts", "test/excel-fake/**/*.ts", "test/hosts/excel/**/*.ts"],
    rules: { "no-restricted-globals": "off" },
  },
  {
    files: ["taskpane/**/*.{ts,tsx}", "functions/**/*.ts", "commands/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/hosts/xlsx/**", "**/cli/**", "exceljs", ...nodeModules], message: "The add-in runs in the browser: no Node, no ExcelJS." },
      ] }],
    },
  },
);
