/**
 * Node side of the sandbox: reads an .xlsx with ExcelJS into a WorkbookSnapshot (so ExcelJS stays
 * on the server and never enters a browser bundle).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import type { RawCell } from "../src/app/workbook-port";
import type { SheetSnapshot, WorkbookSnapshot } from "./snapshot";

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's effective epoch) to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** Days between the 1900 and 1904 systems' epochs. */
const OFFSET_1904 = 1_462;

/** Reads `file` into a snapshot. */
export async function readXlsxSnapshot(file: string): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => sheets.push(readSheet(ws, date1904)));
  return { source: path.basename(file), date1904, sheets };
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  const values: RawCell[][] = [];
  const formats: string[][] = [];
  const formulas: (string | null)[][] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (_cell, col) => {
      width = Math.max(width, col);
    });
    void rowNumber;
  });
  const height = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  for (let r = 1; r <= height; r++) {
    const row = ws.getRow(r);
    const v: RawCell[] = [];
    const f: string[] = [];
    const fx: (string | null)[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const [value, formula] = cellValue(cell.value, date1904);
      v.push(value);
      f.push(cell.numFmt || "General");
      fx.push(formula);
    }
    values.push(v);
    formats.push(f);
    formulas.push(fx);
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((m) => m !== null);
  const state = ws.state === "hidden" || ws.state === "veryHidden" ? ws.state : "visible";
  return { name: ws.name, visibility: state, values, formats, formulas, merges };
}

function cellValue(v: ExcelJS.CellValue, date1904: boolean): [RawCell, string | null] {
  if (v === null || v === undefined) return [null, null];
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return [v, null];
  if (v instanceof Date) return [dateToSerial(v, date1904), null];
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const fv = v as { formula?: string; sharedFormula?: string; result?: unknown };
      const [res] = cellValue((fv.result ?? null) as ExcelJS.CellValue, date1904);
      const text = fv.formula ?? fv.sharedFormula ?? "";
      return [res, `=${text}`];
    }
    if ("richText" in v) return [v.richText.map((p) => p.text).join(""), null];
    if ("text" in v && "hyperlink" in v) return [String(v.text), null];
    if ("error" in v) return [{ error: String(v.error) }, null];
  }
  return [String(v), null];
}

function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / MS_PER_DAY + EPOCH_1900;
  return date1904 ? serial - OFFSET_1904 : serial;
}

function parseRange(ref: string): SheetSnapshot["merges"][number] | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: colIndex(m[1] ?? "A"), rowEnd: Number(m[4]) - 1, colEnd: colIndex(m[3] ?? "A") };
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
