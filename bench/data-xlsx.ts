/**
 * Writes the synthetic clerk workbook (`toClerkWorkbook`) to a real .xlsx for the end-to-end case:
 * number formats (dates are serials with a date format, as Excel stores them), the merged title
 * row, and amount formulas with their cached results. Cached per seed and size under the OS temp
 * directory, since writing 100,000 rows takes a while and is not what is measured.
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClerkSheet } from "./data";
import { DEFAULT_SEED, generateLedger, toClerkWorkbook } from "./data";

/** Streams the sheets to `path` (written to a temp name first, so a half-written file is never reused). */
export async function writeClerkXlsx(sheets: readonly ClerkSheet[], path: string): Promise<void> {
  const ExcelJS = (await import("exceljs")).default;
  const tmp = `${path}.${process.pid}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const m of s.merges) ws.mergeCells(m.row + 1, m.col + 1, m.rowEnd + 1, m.colEnd + 1);
    for (let r = 0; r < s.values.length; r++) {
      const values = s.values[r] ?? [];
      const formats = s.formats[r] ?? [];
      const formulas = s.formulas[r] ?? [];
      const row = ws.getRow(r + 1);
      for (let c = 0; c < values.length; c++) {
        const v = values[c] ?? null;
        const f = formulas[c] ?? null;
        if (v === null && f === null) continue;
        const cell = row.getCell(c + 1);
        if (f !== null) cell.value = { formula: f.replace(/^=/, ""), result: typeof v === "number" || typeof v === "string" ? v : undefined } as never;
        else if (v !== null && typeof v === "object") cell.value = { error: v.error } as never;
        else cell.value = v;
        const nf = formats[c];
        if (nf && nf !== "General") cell.numFmt = nf;
      }
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
  renameSync(tmp, path);
}

/** Path of the cached clerk workbook for a size, writing it first when missing. */
export async function clerkXlsxFor(lines: number, seed = DEFAULT_SEED): Promise<{ path: string; writeMs: number }> {
  const dir = join(tmpdir(), "sales-ledger-bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `clerk-${seed}-${lines}.xlsx`);
  if (existsSync(path)) return { path, writeMs: 0 };
  const t0 = performance.now();
  await writeClerkXlsx(toClerkWorkbook(generateLedger({ lines, seed }).input, seed), path);
  return { path, writeMs: performance.now() - t0 };
}
