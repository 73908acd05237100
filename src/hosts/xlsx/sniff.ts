/**
 * What kind of file a clerk handed us, from its first bytes — without loading ExcelJS, so the
 * read-only CLI path (`read-only-workbook.ts`) can refuse an .xls, an encrypted workbook or a CSV
 * with one clear issue and never pay for ExcelJS's module load.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fail, ok, type Result } from "../../core/result";

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

/** Issue codes (worded in the `cli` catalogue) for a file we cannot read. */
export type OpenIssueCode =
  | "cli.open.notFound"
  | "cli.open.notAFile"
  | "cli.open.legacyXls"
  | "cli.open.encrypted"
  | "cli.open.csv"
  | "cli.open.empty"
  | "cli.open.corrupt"
  | "cli.open.unknownFormat";

/**
 * The issue for a file that is not an .xlsx (legacy .xls, encrypted, CSV, empty, unknown), or null
 * when the bytes look like an .xlsx zip (which may still turn out damaged when unzipped).
 * @example notXlsxIssue(Buffer.from("a,b\n1,2\n"), "x.csv")?.code // "cli.open.csv"
 */
export function notXlsxIssue(bytes: Uint8Array, name: string): { readonly code: OpenIssueCode; readonly params: Readonly<Record<string, string>> } | null {
  const file = basename(name);
  switch (sniffWorkbook(bytes, name)) {
    case "ole-xls":
      return { code: "cli.open.legacyXls", params: { file, path: name } };
    case "ole-encrypted":
      return { code: "cli.open.encrypted", params: { file } };
    case "csv":
      return { code: "cli.open.csv", params: { file, path: name } };
    case "empty":
      return { code: "cli.open.empty", params: { file } };
    case "unknown":
      return { code: "cli.open.unknownFormat", params: { file } };
    default:
      return null;
  }
}

/**
 * The bytes of a workbook file, or one clear issue when the path is missing, a folder, or unreadable.
 * Both xlsx readers (ExcelJS and the read-only scanner) open files through this.
 * @example const r = await readWorkbookFile("台账.xlsx"); if (r.ok) sniffWorkbook(r.value, "台账.xlsx")
 */
export async function readWorkbookFile(path: string): Promise<Result<Buffer>> {
  const file = basename(path);
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail({ code: "cli.open.notAFile", params: { file, path } });
  } catch {
    return fail({ code: "cli.open.notFound", params: { file, path } });
  }
  try {
    return ok(await readFile(path));
  } catch (e) {
    return fail({ code: "cli.open.corrupt", params: { file, detail: e instanceof Error ? e.message : String(e) } });
  }
}
