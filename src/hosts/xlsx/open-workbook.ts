/**
 * Opening a clerk's file safely: sniff the bytes first so an old `.xls`, an encrypted workbook, a
 * CSV or a damaged zip gets one clear issue (never an ExcelJS stack trace), then load with ExcelJS.
 */
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { fail, ok, type Result } from "../../core/result";
// The reader needs the ExcelJS fixes whoever loads first.
import "./exceljs-patches";
import { notXlsxIssue, readWorkbookFile } from "./sniff";

export { sniffWorkbook, notXlsxIssue, type FileKind, type OpenIssueCode } from "./sniff";

/** An ExcelJS workbook loaded from a buffer, or one issue saying why not. */
export async function loadWorkbookBytes(bytes: Uint8Array, name: string): Promise<Result<ExcelJS.Workbook>> {
  const file = basename(name);
  const refused = notXlsxIssue(bytes, name);
  if (refused) return fail(refused);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS accepts a Node Buffer; copy so a caller's array is never held.
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    return fail({ code: "cli.open.corrupt", params: { file, detail: e instanceof Error ? e.message.split("\n")[0]!.slice(0, 160) : String(e) } });
  }
  if (wb.worksheets.length === 0) return fail({ code: "cli.open.corrupt", params: { file, detail: "no worksheets" } });
  return ok(wb);
}

/** Read and load a workbook file, with a clear issue for a missing, foreign or damaged file. */
export async function loadWorkbookFile(path: string): Promise<Result<ExcelJS.Workbook>> {
  const bytes = await readWorkbookFile(path);
  return bytes.ok ? loadWorkbookBytes(bytes.value, path) : bytes;
}
