/**
 * Opening a clerk's file safely: sniff the bytes first so an old `.xls`, an encrypted workbook, a
 * CSV or a damaged zip gets one clear issue (never an ExcelJS stack trace), then load with ExcelJS.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { fail, ok, type Result } from "../../core/result";
// The reader needs the ExcelJS fixes whoever loads first.
import "./exceljs-patches";

/** What the first bytes say the file is. */
export type FileKind = "xlsx" | "ole-xls" | "ole-encrypted" | "csv" | "empty" | "unknown";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** UTF-16LE bytes of `s` (OLE directory entry names are stored that way). */
function utf16(s: string): Buffer {
  return Buffer.from(s, "utf16le");
}

/**
 * Classify a file by its bytes (and name for text files). An OLE container holding an
 * `EncryptionInfo` stream is an encrypted .xlsx (Excel's "password to open"); other OLE files are
 * legacy .xls workbooks.
 * @example sniffWorkbook(Buffer.from("PK\x03\x04"), "a.xlsx") // "xlsx"
 */
export function sniffWorkbook(bytes: Uint8Array, name: string): FileKind {
  if (bytes.length === 0) return "empty";
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return buf.includes(utf16("EncryptionInfo")) || buf.includes(utf16("EncryptedPackage")) ? "ole-encrypted" : "ole-xls";
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  const ext = extname(name).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv";
  // Text that looks like comma/tab separated lines.
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8");
  if (!head.includes("\u0000") && /[,\t]/.test(head) && /\n/.test(head)) return "csv";
  return "unknown";
}

/** Issue codes (area `host`-like, worded in the `cli` catalogue) for a file we cannot read. */
export type OpenIssueCode =
  | "cli.open.notFound"
  | "cli.open.notAFile"
  | "cli.open.legacyXls"
  | "cli.open.encrypted"
  | "cli.open.csv"
  | "cli.open.empty"
  | "cli.open.corrupt"
  | "cli.open.unknownFormat";

/** An ExcelJS workbook loaded from a buffer, or one issue saying why not. */
export async function loadWorkbookBytes(bytes: Uint8Array, name: string): Promise<Result<ExcelJS.Workbook>> {
  const kind = sniffWorkbook(bytes, name);
  const file = basename(name);
  switch (kind) {
    case "ole-xls":
      return fail({ code: "cli.open.legacyXls", params: { file, path: name } });
    case "ole-encrypted":
      return fail({ code: "cli.open.encrypted", params: { file } });
    case "csv":
      return fail({ code: "cli.open.csv", params: { file, path: name } });
    case "empty":
      return fail({ code: "cli.open.empty", params: { file } });
    case "unknown":
      return fail({ code: "cli.open.unknownFormat", params: { file } });
    default:
      break;
  }
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
  const file = basename(path);
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail({ code: "cli.open.notAFile", params: { file, path } });
  } catch {
    return fail({ code: "cli.open.notFound", params: { file, path } });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fail({ code: "cli.open.corrupt", params: { file, detail: e instanceof Error ? e.message : String(e) } });
  }
  return loadWorkbookBytes(bytes, path);
}
