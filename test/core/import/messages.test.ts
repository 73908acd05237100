import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogues } from "../../../src/core/i18n";
import { FIELD_SYNONYMS } from "../../../src/core/import/synonyms";
import { SHEET_ROLES } from "../../../src/core/import/types";

const ROOT = join(__dirname, "../../..");
const FILES = [
  "src/core/import/import-workbook.ts",
  "src/core/import/detect.ts",
  "src/core/import/role-evidence.ts",
  "src/core/import/cells.ts",
  "src/core/import/report.ts",
  "src/core/ledger-tables.ts",
  "src/app/convert-workbook.ts",
  "src/app/detect-workbook.ts",
  "src/hosts/xlsx/open-workbook.ts",
  "src/cli/io.ts",
  "src/cli/main.ts",
  "src/cli/commands/import.ts",
  "src/cli/commands/demo.ts",
];

describe("importer and CLI messages", () => {
  it("every issue code and message key used has words in both languages", () => {
    const used = new Set<string>();
    for (const f of FILES) {
      const src = readFileSync(join(ROOT, f), "utf8");
      for (const m of src.matchAll(/["'`]((?:import|cli|money|date)\.[A-Za-z0-9.]+)["'`]/g)) if (!m[1]!.endsWith(".") && !m[1]!.endsWith(".ts")) used.add(m[1]!);
    }
    for (const f of Object.keys(FIELD_SYNONYMS)) used.add(`import.field.${f}`);
    for (const r of SHEET_ROLES) used.add(`import.role.${r}`);
    const missing = [...used].filter((k) => !(k in catalogues["zh-CN"]) || !(k in catalogues["en-US"]));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });
});
