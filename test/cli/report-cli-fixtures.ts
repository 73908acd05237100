/** Shared by the `report` and `statement` CLI tests: a recording CliIo, a ledger workbook on disk, LibreOffice recalculation. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { convertWithSoffice, findSoffice } from "../../src/cli/commands/statement";
import type { CliIo } from "../../src/cli/io";
import { ledgerTableSpecs } from "../../src/core/ledger-tables";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import type { LedgerInput } from "../../src/core/schemas/records";
import { smallLedgerInput } from "../builders/report-fixtures";

/** A CliIo that records what a command prints. */
export function recordingIo(cwd: string): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", cwd, locale: "zh-CN" as const, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

/** Write a ledger (default: the small one) as a converted ledger workbook (the ledger tables) to `path`. */
export async function writeLedgerWorkbook(path: string, input: LedgerInput = smallLedgerInput()): Promise<void> {
  const wb = XlsxWorkbook.create();
  for (const spec of ledgerTableSpecs(input)) await wb.createTable(spec);
  await wb.save(path);
}

/**
 * Recalculate a written workbook in LibreOffice with every cached formula result wiped first (so
 * only a real recalculation shows figures), and return its first sheet as CSV rows of cells.
 * Returns the number of formulas wiped too. One soffice call.
 */
export async function recalcWithLibreOffice(file: string, workDir: string): Promise<{ formulas: number; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let formulas = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v !== null && typeof v === "object" && "formula" in v && typeof v.formula === "string") {
          cell.value = { formula: v.formula, result: 0 } as ExcelJS.CellFormulaValue;
          formulas++;
        }
      }),
    ),
  );
  const wiped = join(workDir, "wiped.xlsx");
  await wb.xlsx.writeFile(wiped);
  const soffice = findSoffice();
  if (soffice === null) throw new Error("LibreOffice (soffice) is required for this test; CI installs it");
  await convertWithSoffice(soffice, [wiped], workDir, "csv:Text - txt - csv (StarCalc):44,34,76", 60_000);
  const csv = readFileSync(join(workDir, "wiped.csv"), "utf8").split("\n");
  const rows = csv.map((line) => (line.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "")));
  return { formulas, rows };
}
