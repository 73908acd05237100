/**
 * A read-only WorkbookPort over an .xlsx file for the CLI's `report` and `statement`: it unzips
 * the parts it needs and scans the sheet XML directly instead of building ExcelJS's object model
 * (≈10× faster, a fraction of the memory). Reads follow the ExcelJS host (`xlsx-workbook.ts`)
 * exactly — the same cell semantics (`cells.ts`), formats, merges, tables and meta sheet — and the
 * differential test `test/hosts/xlsx/read-only-workbook.test.ts` holds the two together.
 */
import { isUtf8 } from "node:buffer";
import { basename, posix } from "node:path";
import { distinctUserNames, type GridChunk, type Progress, type RawCell, type SheetInfo, type TableData, type TableSpec, type WorkbookPort, type WriteCell, type WriteSheetResult } from "../../app/workbook-port";
import type { SheetSpec } from "../../core/sheet-spec";
import { fail, ok, type Result } from "../../core/result";
import { dateToSerial } from "./cells";
import { denseGrid } from "./grid-shape";
import { notXlsxIssue, readWorkbookFile } from "./sniff";
import { unprefixXml } from "./xml-namespaces";
import { inflateBudget, readZipDirectory, unzipEntry, type InflateBudget, type ZipEntry } from "./zip";
import { WorkbookDamagedError } from "./damaged";

/* eslint-disable @typescript-eslint/no-require-imports -- ExcelJS's own helpers keep the semantics identical to the ExcelJS host */
const exceljsUtils = require("exceljs/lib/utils/utils") as { xmlDecode(s: string): string; isDateFmt(f: string | undefined): boolean; excelToDate(v: number, date1904: boolean): Date };
const { slideFormula } = require("exceljs/lib/utils/shared-formula") as { slideFormula(formula: string, from: string, to: string): string };
const NumFmtXform = require("exceljs/lib/xlsx/xform/style/numfmt-xform") as { getDefaultFmtCode(id: number): string | undefined };
/* eslint-enable @typescript-eslint/no-require-imports */

/** Same names and chunking as the ExcelJS host, so both give identical chunks. */
const META_SHEET = "_ledger_meta";
const CHUNK_ROWS = 5000;
/** Sheet XML is decoded and scanned this many bytes at a time (whole rows). */
const SLICE_BYTES = 4 * 1024 * 1024;
const ROW_CLOSE = "</row>";

// ---- XML scanning -----------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character data as the SAX parser ExcelJS uses gives it: line ends normalized, entities decoded. */
function decodeText(raw: string): string {
  return decodeXml(raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw);
}

/** An attribute value as the SAX parser gives it: line ends and whitespace normalized, entities decoded. */
function decodeAttr(raw: string): string {
  return decodeXml(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ") : raw);
}

/** Entities decoded (`&amp;`, `&#x4e2d;`, …). */
function decodeXml(raw: string): string {
  // XML 1.0 §2.11: a parser turns CR LF and a lone CR into LF first (ExcelJS's parser does too).
  const s = raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === "#") return charRef(body);
    return ENTITIES[body] ?? m;
  });
}

/** The character of a reference body (`#x4e2d`, `#20013`); one XML cannot hold makes the file damaged. */
function charRef(body: string): string {
  const n = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  // XML 1.0 §2.2: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (Excel writes others as `_xHHHH_`).
  const allowed = n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
  if (!allowed) throw new WorkbookDamagedError("corrupt", `character reference &${body}; is not allowed in XML`);
  return String.fromCodePoint(n);
}

/** An unterminated construct: the file is damaged (never scanned again from the start). */
function unterminated(what: string): never {
  throw new WorkbookDamagedError("corrupt", `unterminated ${what}`);
}

/**
 * Index of the `>` ending the tag that starts at `lt` (a `>` inside a quoted attribute value does
 * not end it), or -1. One pass, whatever the number of `>` inside quotes.
 */
function tagEnd(xml: string, lt: number): number {
  let gt = xml.indexOf(">", lt);
  if (gt < 0) return -1;
  // Fast path: no quote before the first `>`, or quotes that balance.
  let inQ = 0;
  let i = lt;
  for (;;) {
    for (; i < gt; i++) {
      const ch = xml.charCodeAt(i);
      if (inQ === 0) {
        if (ch === 34 || ch === 39) inQ = ch;
      } else if (ch === inQ) inQ = 0;
    }
    if (inQ === 0) return gt;
    i = gt;
    gt = xml.indexOf(">", gt + 1);
    if (gt < 0) return -1;
  }
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of a start tag's text (`name a="1" b="2"`), entity-decoded. */
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(tag)) !== null) out[m[1]!] = decodeAttr(m[2] ?? m[3] ?? "");
  return out;
}

/** One attribute without building the whole map (hot path). */
function attr(tag: string, name: string): string | undefined {
  let i = tag.indexOf(` ${name}=`);
  if (i < 0) {
    i = tag.indexOf(`\t${name}=`);
    if (i < 0) i = tag.indexOf(`\n${name}=`);
    if (i < 0) return undefined;
  }
  const q = i + name.length + 2;
  const quote = tag[q];
  if (quote !== '"' && quote !== "'") return attrs(tag)[name];
  const end = tag.indexOf(quote, q + 1);
  return decodeAttr(tag.slice(q + 1, end));
}

type XmlEvent = (kind: "open" | "close" | "text", name: string, body: string, selfClosing: boolean) => void;

/** A minimal pull scan over XML: start/end tags (name + raw attribute text) and text runs (raw; CDATA named `#cdata`). */
function scanXml(xml: string, on: XmlEvent, from = 0, to = xml.length): void {
  let p = from;
  while (p < to) {
    const lt = xml.indexOf("<", p);
    if (lt < 0 || lt >= to) {
      if (p < to) on("text", "", xml.slice(p, to), false);
      return;
    }
    if (lt > p) on("text", "", xml.slice(p, lt), false);
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0 || end >= to) unterminated("<![CDATA[");
        on("text", "#cdata", xml.slice(lt + 9, end), false);
        p = end + 3;
        continue;
      }
      const comment = xml.startsWith("<!--", lt);
      const end = comment ? xml.indexOf("-->", lt + 4) : xml.indexOf(">", lt);
      if (end < 0 || end >= to) unterminated(comment ? "<!--" : "<!");
      p = end + (comment ? 3 : 1);
      continue;
    }
    if (c === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0 || end >= to) unterminated("<?");
      p = end + 2;
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (gt < 0 || gt >= to) unterminated("tag");
    if (c === 47 /* / */) {
      on("close", xml.slice(lt + 2, gt).trim(), "", false);
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      let n = 0;
      while (n < inner.length) {
        const ch = inner.charCodeAt(n);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
        n++;
      }
      const name = inner.slice(0, n);
      on("open", name, inner, selfClosing);
      if (selfClosing) on("close", name, "", true);
    }
    p = gt + 1;
  }
}

/** A text event's characters. ExcelJS listens to no CDATA events: CDATA reads as nothing. */
function textOf(name: string, raw: string): string {
  return name === "#cdata" ? "" : decodeText(raw);
}

/** What `scanSheetData` reports, in document order. */
interface SheetDataHandler {
  /** A row starts; false stops the scan. */
  row(r: string | undefined, s: string | undefined): boolean;
  cellOpen(r: string | undefined, t: string | undefined, s: string | undefined): void;
  formula(text: string | undefined, t: string | undefined, si: string | undefined, ref: string | undefined): void;
  /** Text of `<v>`, or of an inline string's direct `<t>` (ExcelJS adds both to the value). */
  value(text: string): void;
  /** Text of an inline rich-text run's `<t>`. */
  run(text: string): void;
  cellClose(): void;
}

// The one-letter attributes of the tag `shortAttrs` last read (module state: no allocation per cell).
let attrR: string | undefined;
let attrS: string | undefined;
let attrT: string | undefined;

/**
 * Reads the one-letter attributes `r`, `s`, `t` of a `<c>` or `<row>` tag (double-quoted, as every
 * writer does; the caller takes the careful path otherwise) in one pass from `from` to `gt`.
 */
function shortAttrs(xml: string, from: number, gt: number): void {
  attrR = attrS = attrT = undefined;
  let i = from;
  while (i < gt) {
    const eq = xml.indexOf("=", i);
    if (eq < 0 || eq >= gt) return;
    // Name: back from `=` to the whitespace before it.
    let ns = eq - 1;
    while (ns > i && xml.charCodeAt(ns - 1) > 32) ns--;
    const q = xml.indexOf('"', eq);
    const qe = xml.indexOf('"', q + 1);
    if (q < 0 || qe < 0) return;
    if (eq - ns === 1) {
      const ch = xml.charCodeAt(ns);
      if (ch === 114) attrR = decodeXml(xml.slice(q + 1, qe));
      else if (ch === 115) attrS = shortValue(xml, q + 1, qe);
      else if (ch === 116) attrT = shortValue(xml, q + 1, qe);
    }
    i = qe + 1;
  }
}

/** Style indexes as strings, shared: a sheet's `s="…"` values repeat, so slicing each one is waste. */
const STYLE_IDS: string[] = Array.from({ length: 256 }, (_, i) => String(i));
const CELL_TYPES: ReadonlyMap<string, string> = new Map(["s", "n", "b", "e", "str", "inlineStr", "d"].map((t) => [t, t]));

/** An attribute value `xml[from, to)`: a shared string for a small style index or a known cell type, else decoded. */
function shortValue(xml: string, from: number, to: number): string {
  const len = to - from;
  if (len >= 1 && len <= 3) {
    let n = 0;
    for (let i = from; i < to; i++) {
      const d = xml.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        n = -1;
        break;
      }
      n = n * 10 + d;
    }
    // Digits without a leading zero (so `"07"` keeps its own text) under 256.
    if (n >= 0 && n < 256 && (len === 1 || xml.charCodeAt(from) !== 48)) return STYLE_IDS[n]!;
  }
  const raw = xml.slice(from, to);
  return CELL_TYPES.get(raw) ?? decodeXml(raw);
}

/** Index after the closing tag of the last `elementText` (module state: no tuple per cell). */
let elementEnd = 0;

/** Element text up to `</name>` from `from`; sets `elementEnd` to the index after the closing tag. */
function elementText(xml: string, from: number, name: "f" | "v" | "t"): string {
  const close = name === "v" ? "</v>" : name === "t" ? "</t>" : "</f>";
  const end = xml.indexOf(close, from);
  if (end < 0) unterminated(`<${name}>`);
  const raw = xml.slice(from, end);
  if (raw.indexOf("<") >= 0) {
    // CDATA (or markup where none belongs): keep only the text events ExcelJS listens to.
    let text = "";
    scanXml(raw, (kind, n, body) => {
      if (kind === "text") text += textOf(n, body);
    });
    elementEnd = end + close.length;
    return text;
  }
  elementEnd = end + close.length;
  return decodeText(raw);
}

/**
 * The hot loop: the cells of `<sheetData>` without a general XML tokenizer. Only the elements a
 * cell's value depends on are looked at (row, c, f, v, is/t, r/t); everything else is skipped.
 */
function scanSheetData(xml: string, from: number, to: number, h: SheetDataHandler): boolean {
  let p = from;
  let inCell = false;
  let inIs = false;
  let inRun = false;
  let phonetic = 0;
  // Every writer we know quotes attributes with `"`; anything else takes the careful path.
  const sq = xml.indexOf("='", from);
  const slow = sq >= 0 && sq < to;
  while (p < to) {
    const lt = xml.indexOf("<", p);
    if (lt < 0 || lt >= to) return true;
    const c1 = xml.charCodeAt(lt + 1);
    const gt = xml.indexOf(">", lt);
    if (gt < 0) unterminated("tag");
    p = gt + 1;
    if (c1 === 47 /* / */) {
      const len = gt - lt - 2;
      const c2 = xml.charCodeAt(lt + 2);
      if (len === 1 && c2 === 99 /* c */) {
        if (inCell) h.cellClose();
        inCell = false;
        inIs = false;
      } else if (len === 1 && c2 === 114 /* r */) inRun = false;
      else if (len === 2 && c2 === 105 /* is */) inIs = false;
      else if (len === 3 && c2 === 114 && xml.charCodeAt(lt + 3) === 80 /* rPh */) phonetic--;
      continue;
    }
    if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
      // Skipped whole: a comment, CDATA or processing instruction may hold `<` and `>`.
      const close = c1 === 63 ? "?>" : xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : ">";
      // A doctype (or any other `<!`) has no place among cells: unterminated, or misplaced.
      if (close === ">") unterminated("<!");
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) unterminated(close === "?>" ? "<?" : close === "-->" ? "<!--" : "<![CDATA[");
      p = end + close.length;
      continue;
    }
    // Tag name length.
    let n = lt + 1;
    while (n < gt) {
      const ch = xml.charCodeAt(n);
      if (ch === 32 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
      n++;
    }
    const len = n - lt - 1;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    if (len === 1) {
      switch (c1) {
        case 99: // c
          inCell = true;
          inIs = false;
          inRun = false;
          if (slow) {
            const a = attrs(xml.slice(lt + 1, gt));
            h.cellOpen(a.r, a.t, a.s);
          } else {
            shortAttrs(xml, n, gt);
            h.cellOpen(attrR, attrT, attrS);
          }
          if (selfClosing) {
            h.cellClose();
            inCell = false;
          }
          break;
        case 102: {
          // f
          if (!inCell) break;
          let text: string | undefined;
          if (!selfClosing) {
            text = elementText(xml, gt + 1, "f");
            p = elementEnd;
          }
          const a = selfClosing || xml.indexOf("=", lt) < gt ? attrs(xml.slice(lt + 2, selfClosing ? gt - 1 : gt)) : {};
          h.formula(text === "" ? undefined : text, a.t, a.si, a.ref);
          break;
        }
        case 118: {
          // v
          if (!inCell || selfClosing) break;
          const text = elementText(xml, gt + 1, "v");
          p = elementEnd;
          if (text !== "") h.value(text);
          break;
        }
        case 116: {
          // t
          if (!inCell || selfClosing) break;
          const text = elementText(xml, gt + 1, "t");
          p = elementEnd;
          if (inRun) {
            if (phonetic === 0) h.run(text);
          } else if (text !== "") h.value(text);
          break;
        }
        case 114: // r (a rich-text run of an inline string)
          if (inCell && inIs && !selfClosing && phonetic === 0) inRun = true;
          break;
        default:
          break;
      }
    } else if (len === 3 && c1 === 114 && xml.charCodeAt(lt + 2) === 111 && xml.charCodeAt(lt + 3) === 119) {
      // row
      if (slow) {
        const a = attrs(xml.slice(lt + 1, gt));
        if (!h.row(a.r, a.s)) return false;
      } else {
        shortAttrs(xml, n, gt);
        if (!h.row(attrR, attrS)) return false;
      }
    } else if (len === 2 && c1 === 105 && xml.charCodeAt(lt + 2) === 115) {
      // is
      if (inCell && !selfClosing) inIs = true;
    } else if (len === 3 && c1 === 114 && xml.charCodeAt(lt + 2) === 80) {
      // rPh
      if (!selfClosing) phonetic++;
    }
  }
  return true;
}

/** 0-based column of an address like `AB12` (or `$AB$12`). */
function columnOf(addr: string): number {
  let col = 0;
  for (let i = 0; i < addr.length; i++) {
    let ch = addr.charCodeAt(i);
    if (ch === 36) continue;
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  return col - 1;
}

// ---- addresses --------------------------------------------------------------------------------

function decodeAddress(addr: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  const s = addr.toUpperCase();
  while (i < s.length) {
    const ch = s.charCodeAt(i);
    if (ch === 36) {
      i++;
      continue;
    }
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
    i++;
  }
  const row = Number(s.slice(i).replace(/\$/g, ""));
  return { row: row - 1, col: col - 1 };
}

function decodeRange(ref: string): { row: number; col: number; rowEnd: number; colEnd: number } {
  const [a, b] = ref.replace(/^.*!/, "").split(":");
  const s = decodeAddress(a!);
  const e = decodeAddress(b ?? a!);
  return { row: Math.min(s.row, e.row), col: Math.min(s.col, e.col), rowEnd: Math.max(s.row, e.row), colEnd: Math.max(s.col, e.col) };
}

function encodeAddress(row: number, col: number): string {
  let c = col + 1;
  let letters = "";
  while (c > 0) {
    const m = (c - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

// ---- workbook parts ---------------------------------------------------------------------------

interface Styles {
  /** cellXfs index → number format (undefined: none, i.e. `General`). */
  readonly formats: readonly (string | undefined)[];
  /** cellXfs index → ExcelJS reads its numbers as dates. */
  readonly isDate: readonly boolean[];
  readonly count: number;
}

function parseStyles(xml: string | null): Styles {
  if (xml === null) return { formats: [], isDate: [], count: 0 };
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let depth: "none" | "cellXfs" = "none";
  scanXml(xml, (kind, name, body) => {
    if (kind === "open") {
      if (name === "numFmt") {
        const a = attrs(body);
        if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, "$1"));
      } else if (name === "cellXfs") depth = "cellXfs";
      else if (name === "xf" && depth === "cellXfs") xfs.push(parseInt(attr(body, "numFmtId") ?? "", 10));
    } else if (kind === "close" && name === "cellXfs") depth = "none";
  });
  const formats = xfs.map((id) => (id ? (custom.get(id) ?? NumFmtXform.getDefaultFmtCode(id)) || undefined : undefined));
  return { formats, isDate: formats.map((f) => f !== undefined && exceljsUtils.isDateFmt(f)), count: xfs.length };
}

/** Shared strings: plain text, or the rich-text runs' text joined (as `cells.ts` flattens them). */
type SharedString = string | { readonly rich: string } | { readonly empty: true };

function xDecode(s: string): string {
  return s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function parseSharedStrings(xml: string | null): SharedString[] {
  if (xml === null) return [];
  const out: SharedString[] = [];
  let inSi = false;
  let phonetic = false;
  let inRun = false;
  let inT = false;
  let text: string[] = [];
  let plain: string | undefined;
  let runs: string[] | undefined;
  let runText: string | undefined;
  scanXml(xml, (kind, name, body) => {
    if (kind === "text") {
      if (inT && !phonetic) text.push(textOf(name, body));
      return;
    }
    if (kind === "open") {
      if (name === "si") {
        inSi = true;
        plain = undefined;
        runs = undefined;
      } else if (!inSi) return;
      else if (name === "rPh") phonetic = true;
      else if (name === "r" && !phonetic) {
        inRun = true;
        runText = undefined;
      } else if (name === "t") {
        inT = true;
        text = [];
      }
      return;
    }
    if (name === "t") {
      inT = false;
      if (phonetic) return;
      const s = xDecode(text.join(""));
      if (inRun) runText = s;
      else {
        // ExcelJS: a direct <t> replaces what the entry held so far.
        plain = s;
        runs = undefined;
      }
    } else if (name === "r" && !phonetic) {
      inRun = false;
      (runs ??= []).push(runText ?? "");
    } else if (name === "rPh") phonetic = false;
    else if (name === "si") {
      inSi = false;
      // ExcelJS: a direct <t> after runs replaces them; runs alone are rich text.
      out.push(runs !== undefined ? { rich: runs.join("") } : plain !== undefined ? plain : { empty: true });
    }
  });
  return out;
}

interface SheetRef {
  readonly name: string;
  readonly state: string | undefined;
  readonly path: string;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target));
}

function parseRels(xml: string | null, partPath: string): Map<string, string> {
  const out = new Map<string, string>();
  if (xml === null) return out;
  scanXml(xml, (kind, name, body) => {
    if (kind !== "open" || name !== "Relationship") return;
    const a = attrs(body);
    if (a.Id !== undefined && a.Target !== undefined) out.set(a.Id, a.TargetMode === "External" ? a.Target : resolvePart(partPath, a.Target));
  });
  return out;
}

function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

// ---- sheets -----------------------------------------------------------------------------------

/** One row as ExcelJS holds it after loading: cells present in the file or made by merges. */
interface ParsedRow {
  /** ExcelJS `row.cellCount`: 1 + the last column index with a cell object. */
  count: number;
  values: RawCell[];
  /** Number format of cells that exist; `undefined` where no cell object exists. */
  formats: (string | undefined)[];
  formulas: (string | null)[];
  /** Column indexes holding a value that makes the used range (ExcelJS: not null, not "", not a merge slave). */
  used: boolean[];
  /** Row style's number format (new cells take it before the column's). */
  rowFormat: string | undefined;
  /** Date-formatted numbers as stored (only kept in 1904 workbooks, where headers read them in the 1900 system). */
  dateRaw?: (number | undefined)[];
  /** True when the row holds any non-null cell (ExcelJS `row.hasValues`). */
  hasValues: boolean;
  /** Cells that exist in the row (so a row whose one cell is in XFD is read sparse, not 16,384 wide). */
  cells: number;
}

interface ParsedTable {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly (string | undefined)[];
}

interface ParsedSheet {
  readonly rows: (ParsedRow | undefined)[];
  readonly colFormats: (string | undefined)[];
  readonly merges: { row: number; col: number; rowEnd: number; colEnd: number }[];
  readonly tables: ParsedTable[];
  /** The used range (ExcelJS host's `usedRange`), or null when the sheet is empty. */
  readonly used: { row: number; col: number; rowEnd: number; colEnd: number } | null;
}

interface SheetContext {
  readonly styles: Styles;
  readonly strings: readonly SharedString[];
  readonly date1904: boolean;
  /** Bytes of sheet XML decoded at a time. */
  readonly sliceBytes: number;
  readonly onScan: ((sheet: string, bytesDone: number, bytesTotal: number) => void) | undefined;
}

/** Options for `ReadOnlyWorkbook.open` / `fromBuffer`. */
export interface ReadOnlyWorkbookOptions {
  /** Sheet XML is decoded and scanned this many bytes at a time, cut after a whole row (default 4 MiB; tests use tiny slices). */
  readonly sliceBytes?: number;
  /** Called as a sheet's cells are read (once per slice): a whole sheet is read the first time any of it is asked for. */
  readonly onScan?: (sheet: string, bytesDone: number, bytesTotal: number) => void;
}

interface SheetOutline {
  /** The sheet part as UTF-8 bytes: decoded a slice at a time, so a 1,048,576-row sheet never becomes one string. */
  readonly xml: Buffer;
  /** Byte offsets of `<sheetData` and `</sheetData>` (-1 when absent). */
  readonly sdStart: number;
  readonly sdEnd: number;
  readonly colFormats: (string | undefined)[];
  readonly merges: { row: number; col: number; rowEnd: number; colEnd: number }[];
  readonly hyperlinks: ReadonlySet<string>;
  readonly tables: ParsedTable[];
}

function newRow(rowFormat: string | undefined): ParsedRow {
  return { count: 0, values: [], formats: [], formulas: [], used: [], rowFormat, hasValues: false, cells: 0 };
}

/** Number format of a style index attribute (none for 0, a missing or unknown style). */
function fmtOf(styles: Styles, s: string | undefined): string | undefined {
  const id = s === undefined ? 0 : parseInt(s, 10);
  return id ? styles.formats[id] : undefined;
}

/** Value of a number cell: a date format turns it into an ExcelJS `Date`, read back as a serial. */
function numberValue(n: number, isDate: boolean, date1904: boolean): RawCell {
  // Same rule as the ExcelJS host (exceljs-patches.ts): only a number Excel can show as a date is one.
  if (isDate && Math.abs(n) <= 2_958_465) {
    const d = exceljsUtils.excelToDate(n, date1904);
    return Number.isNaN(d.getTime()) ? { error: "#VALUE!" } : dateToSerial(d, date1904);
  }
  return Number.isFinite(n) ? n : { error: "#NUM!" };
}

/** A sheet without its cells: what lies outside `<sheetData>` (cheap: no cell is parsed). */
function parseOutline(xml: Buffer, styles: Styles, rels: Map<string, string>, readPart: (path: string) => string | null): SheetOutline {
  const colFormats: (string | undefined)[] = [];
  const merges: SheetOutline["merges"] = [];
  const hyperlinks = new Set<string>();
  const tableIds: string[] = [];
  // Parts outside sheetData first (hyperlinks change how a cell reads).
  const sdStart = xml.indexOf("<sheetData");
  const sdEnd = xml.lastIndexOf("</sheetData>");
  const outside = (kind: string, name: string, body: string): void => {
    if (kind !== "open") return;
    if (name === "col") {
      const a = attrs(body);
      const styleId = a.style ? parseInt(a.style, 10) : 0;
      const fmt = styleId ? fmtOf(styles, a.style) : undefined;
      const min = parseInt(a.min ?? "0", 10);
      const max = parseInt(a.max ?? "0", 10);
      for (let c = min; c <= max && c <= 16384; c++) colFormats[c - 1] = fmt;
    } else if (name === "mergeCell") {
      const ref = attr(body, "ref");
      if (ref) merges.push(decodeRange(ref));
    } else if (name === "hyperlink") {
      const a = attrs(body);
      if (a["r:id"] && a.ref) hyperlinks.add(a.ref);
    } else if (name === "tablePart") {
      const id = attr(body, "r:id");
      if (id) tableIds.push(id);
    }
  };
  if (sdStart < 0) scanXml(xml.toString("utf8"), outside);
  else {
    scanXml(xml.toString("utf8", 0, sdStart), outside);
    if (sdEnd >= 0) scanXml(xml.toString("utf8", sdEnd), outside);
  }

  // Tables.
  const tables: ParsedTable[] = [];
  for (const id of tableIds) {
    const path = rels.get(id);
    const txml = path ? readPart(path) : null;
    if (txml === null) continue;
    let name: string | undefined;
    let ref: string | undefined;
    const columns: (string | undefined)[] = [];
    scanXml(txml, (kind, tag, body) => {
      if (kind !== "open") return;
      if (tag === "table") {
        const a = attrs(body);
        name = a.name;
        ref = a.ref;
      } else if (tag === "tableColumn") columns.push(attr(body, "name"));
    });
    if (name === undefined || ref === undefined) continue;
    const existing = tables.findIndex((t) => t.name === name);
    const t = { name, ref, columns };
    if (existing >= 0) tables[existing] = t;
    else tables.push(t);
  }
  return { xml, sdStart, sdEnd, colFormats, merges, hyperlinks, tables };
}

/**
 * The cells of a sheet as ExcelJS holds them after loading. `maxRow` (0-based) stops early: enough
 * for table headers without reading a whole sheet.
 */
function parseSheet(name: string, outline: SheetOutline, ctx: SheetContext, maxRow = Infinity): ParsedSheet {
  const { styles, strings, date1904, sliceBytes, onScan } = ctx;
  const { xml, sdStart, sdEnd, colFormats, merges, hyperlinks, tables } = outline;
  const rows: (ParsedRow | undefined)[] = [];
  const sharedMasters = new Map<string, { formula: string; address: string }>();

  // Cells.
  let row: ParsedRow | undefined;
  let rowIndex = -1;
  let prevCol = -1;
  let cellAddr = "";
  let cellCol = 0;
  let cellType: string | undefined;
  let cellStyle: string | undefined;
  let value: string | undefined;
  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let fref: string | undefined;
  let runs: string[] | undefined;

  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  let lastFormats: (string | undefined)[] | undefined;
  const finishCell = (): void => {
    // A cell outside any `<row>`: the sheet is damaged (nothing to put it in).
    if (!row) throw new WorkbookDamagedError("corrupt", `cell ${cellAddr || "?"} outside a <row>`);
    const r = row;
    const styleId = cellStyle === undefined ? 0 : parseInt(cellStyle, 10);
    const fmt = styleId ? styles.formats[styleId] : undefined;
    const styled = !!styleId;
    const isDate = styleId ? styles.isDate[styleId] === true : false;
    const isFormula = !!formula || shareType !== undefined;
    let v: RawCell = null;
    let f: string | null = null;
    let hasValue = false;
    let used = false;
    let dateRaw: number | undefined;
    if (isFormula) {
      hasValue = true;
      let result: RawCell = null;
      if (value) {
        if (cellType === "str") result = exceljsUtils.xmlDecode(value.replace(/\r\n?/g, "\n"));
        else if (cellType === "b") result = parseInt(value, 10) !== 0;
        else if (cellType === "e") result = { error: value };
        else {
          const n = parseFloat(value);
          result = numberValue(n, isDate, date1904);
          // A cached 0 is a value (Office.js reads 0); only an unparseable number is none.
          if (Number.isNaN(n)) result = null;
          if (date1904 && isDate) dateRaw = n;
        }
      }
      // An empty-text result reads as an empty cell, as in Office.js; FALSE stays false.
      v = result === "" ? null : result;
      let text: string | undefined = formula || undefined;
      let formulaKey = !!formula;
      if (shareType === "shared") {
        if (fref) sharedMasters.set(si ?? "", { formula: formula ?? "", address: cellAddr });
        else {
          const master = si !== undefined ? sharedMasters.get(si) : undefined;
          text = master ? slideFormula(master.formula, master.address, cellAddr) : undefined;
          formulaKey = master !== undefined;
        }
      }
      f = text ? `=${text.replace(/^=/, "")}` : null;
      // ExcelJS's value then has neither `formula` nor `sharedFormula`: `cells.ts` stringifies the object.
      if (!formulaKey) v = "[object Object]";
      used = true;
    } else if (runs !== undefined) {
      hasValue = true;
      v = runs.join("");
      used = true;
    } else if (value !== undefined) {
      hasValue = true;
      switch (cellType) {
        case "s": {
          const s = strings[parseInt(value, 10)];
          v = s === undefined ? null : typeof s === "string" ? s : "rich" in s ? s.rich : "[object Object]";
          used = typeof s !== "string" || s !== "";
          break;
        }
        case "str":
          v = exceljsUtils.xmlDecode(value.replace(/\r\n?/g, "\n"));
          used = v !== "";
          break;
        case "inlineStr":
          v = value;
          used = v !== "";
          break;
        case "b":
          v = parseInt(value, 10) !== 0;
          used = true;
          break;
        case "e":
          v = { error: value };
          used = true;
          break;
        default: {
          const n = parseFloat(value);
          v = numberValue(n, isDate, date1904);
          if (date1904 && isDate) dateRaw = n;
          used = true;
        }
      }
    }
    const link = hyperlinks.has(cellAddr);
    if (link) {
      // ExcelJS turns the cell into a hyperlink: its text reads, its formula is gone.
      f = null;
      used = true;
      if (!hasValue) v = "[object Object]";
      hasValue = true;
    }
    if (!hasValue && !styled) return; // ExcelJS drops such a cell (a "merge" placeholder)
    const c = cellCol;
    if (r.formats[c] === undefined) r.cells++;
    r.values[c] = v;
    r.formats[c] = fmt ?? "General";
    r.formulas[c] = f;
    r.used[c] = used;
    if (dateRaw !== undefined) (r.dateRaw ??= [])[c] = dateRaw;
    if (hasValue) r.hasValues = true;
    if (used) {
      if (rowIndex < top) top = rowIndex;
      if (rowIndex > bottom) bottom = rowIndex;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    if (c + 1 > r.count) r.count = c + 1;
  };

  const handler: SheetDataHandler = {
    row(r, s) {
      if (row) lastFormats = compactRow(row, lastFormats);
      row = undefined;
      rowIndex = r !== undefined ? parseInt(r, 10) - 1 : rowIndex + 1;
      if (rowIndex > maxRow) return false;
      row = newRow(s ? fmtOf(styles, s) : undefined);
      rows[rowIndex] = row;
      prevCol = -1;
      return true;
    },
    cellOpen(r, t, s) {
      if (r !== undefined) {
        cellAddr = r;
        cellCol = columnOf(r);
      } else {
        cellCol = prevCol + 1;
        cellAddr = encodeAddress(rowIndex, cellCol);
      }
      prevCol = cellCol;
      cellType = t;
      cellStyle = s;
      value = undefined;
      formula = undefined;
      shareType = undefined;
      si = undefined;
      fref = undefined;
      runs = undefined;
    },
    formula(text, t, sharedIndex, ref) {
      if (text !== undefined) formula = (formula ?? "") + text;
      shareType = t;
      si = sharedIndex;
      fref = ref;
    },
    value(text) {
      value = (value ?? "") + text;
    },
    run(text) {
      (runs ??= []).push(xDecode(text));
    },
    cellClose: finishCell,
  };
  if (sdStart >= 0) {
    const end = sdEnd >= 0 ? sdEnd : xml.length;
    // Slices end right after a `</row>` (ASCII, so never inside a UTF-8 character): each is whole rows.
    for (let from = sdStart; from < end; ) {
      let to = Math.min(end, from + sliceBytes);
      if (to < end) {
        const close = xml.lastIndexOf(ROW_CLOSE, to - ROW_CLOSE.length);
        to = close >= from ? close + ROW_CLOSE.length : xml.indexOf(ROW_CLOSE, from) + ROW_CLOSE.length;
        if (to < ROW_CLOSE.length || to > end) to = end;
      }
      const text = xml.toString("utf8", from, to);
      if (!scanSheetData(text, 0, text.length, handler)) break;
      from = to;
      onScan?.(name, from - sdStart, end - sdStart);
    }
  }

  if (row) compactRow(row, lastFormats);

  // Merges, as ExcelJS applies them on load (styles kept): slaves read empty. Only rows and cells
  // that exist are touched (a missing cell already reads as a merge makes it: null, the row's or
  // column's format), so a merge over A1:XFD1048576 costs what the sheet holds, not 17 billion cells.
  let slaveHadValue = false;
  const own = new Set<ParsedRow>();
  const present: number[] = [];
  if (merges.length > 0) rows.forEach((_r, i) => void present.push(i));
  for (const m of merges) {
    const last = Math.min(m.rowEnd, maxRow);
    for (let k = lowerBound(present, m.row); k < present.length && present[k]! <= last; k++) {
      const r = present[k]!;
      const pr = rows[r]!;
      const cols = m.colEnd - m.col + 1 <= 4 * pr.cells + 64 ? null : Object.keys(pr.formats).map(Number);
      const each = (c: number): void => {
        if (c < m.col || c > m.colEnd || pr.formats[c] === undefined || (r === m.row && c === m.col)) return;
        if (!own.has(pr)) {
          // Compacted rows share arrays: copy before changing this one.
          pr.formulas = pr.formulas.slice();
          own.add(pr);
        }
        if (pr.used[c]) slaveHadValue = true;
        pr.values[c] = null;
        pr.formulas[c] = null;
        pr.used[c] = false;
        pr.hasValues = true; // a merge slave is a non-null cell type in ExcelJS
        if (pr.dateRaw) pr.dateRaw[c] = undefined;
      };
      if (cols) cols.forEach(each);
      else for (let c = m.col; c <= Math.min(m.colEnd, pr.count - 1); c++) each(c);
    }
  }

  const sheet = { rows, colFormats, merges, tables, used: bottom < 0 ? null : { row: top, col: left, rowEnd: bottom, colEnd: right } };
  // A value hidden under a merge no longer counts: recount (rare).
  const result = slaveHadValue ? { ...sheet, used: usedRange(sheet) } : sheet;
  // The range is known: `used` is not read again.
  for (const r of rows) if (r) r.used = NO_USED;
  return result;
}

/** First index of sorted `xs` holding a value ≥ `v`. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows `r` (called in ascending order) that a merge covers: ExcelJS makes their cells on load.
 * A walk over the merges' row intervals, sorted once.
 */
function mergeCover(merges: readonly { row: number; rowEnd: number }[]): (r: number) => boolean {
  const spans = merges.map((m) => [m.row, m.rowEnd] as const).sort((a, b) => a[0] - b[0]);
  let k = 0;
  let reach = -1;
  return (r) => {
    while (k < spans.length && spans[k]![0] <= r) reach = Math.max(reach, spans[k++]![1]);
    return r <= reach;
  };
}

/**
 * The merges `listSheets` gives: each as it is, except one bigger than the dense budget (a merge
 * over A1:XFD1048576), which is cut to the used range — or left out when it lies outside it — so
 * no reader of the grid walks billions of merged cells that hold nothing.
 */
function listedMerges(merges: readonly { row: number; col: number; rowEnd: number; colEnd: number }[], used: { row: number; col: number; rowEnd: number; colEnd: number } | null): { row: number; col: number; rowEnd: number; colEnd: number }[] {
  const out: { row: number; col: number; rowEnd: number; colEnd: number }[] = [];
  for (const m of merges) {
    if (denseGrid(m.rowEnd - m.row + 1, m.colEnd - m.col + 1)) {
      out.push({ ...m });
      continue;
    }
    if (!used) continue;
    const cut = { row: Math.max(m.row, used.row), col: Math.max(m.col, used.col), rowEnd: Math.min(m.rowEnd, used.rowEnd), colEnd: Math.min(m.colEnd, used.colEnd) };
    if (cut.row <= cut.rowEnd && cut.col <= cut.colEnd) out.push(cut);
  }
  return out;
}

/** The row of a chunk that holds nothing (shared: chunks are read-only). */
const EMPTY_ROW: never[] = [];

/**
 * The last column in `[from, to]` of `row` holding a value or a formula, or -1. `sparse` walks the
 * cells that exist (their keys) instead of every column up to the row's last cell.
 */
function lastFilled(row: ParsedRow, from: number, to: number, sparse: boolean): number {
  if (row.cells === 0) return -1;
  const filled = (c: number): boolean => (row.values[c] ?? null) !== null || (row.formulas[c] ?? null) !== null;
  if (!sparse) {
    for (let c = Math.min(row.count - 1, to); c >= from; c--) if (filled(c)) return c;
    return -1;
  }
  const keys = Object.keys(row.formats);
  for (let k = keys.length - 1; k >= 0; k--) {
    const c = Number(keys[k]);
    if (c >= from && c <= to && filled(c)) return c;
  }
  return -1;
}

const NO_FORMULAS: (string | null)[] = [];
const NO_USED: boolean[] = [];

/**
 * A row is complete: from here on it is only read (merges copy before changing it). A row with the
 * previous row's formats shares its array, a row without a formula shares an empty one, and the
 * rest are copied to their exact length — a 1,048,576-row sheet then takes about a quarter of the
 * memory. Returns the formats array the next row may share.
 */
function compactRow(r: ParsedRow, lastFormats: (string | undefined)[] | undefined): (string | undefined)[] {
  if (lastFormats !== undefined && sameFormats(lastFormats, r.formats)) r.formats = lastFormats;
  else r.formats = r.formats.slice();
  r.formulas = r.formulas.every((f) => f === null) ? NO_FORMULAS : r.formulas.slice();
  r.used = r.used.slice();
  r.values = r.values.slice();
  return r.formats;
}

/** Same length and the same formats at every index (holes included). */
function sameFormats(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function usedRange(sheet: Pick<ParsedSheet, "rows">): { row: number; col: number; rowEnd: number; colEnd: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  sheet.rows.forEach((r, i) => {
    if (!r || !r.hasValues) return;
    const u = r.used;
    for (let c = 0; c < u.length; c++) {
      if (!u[c]) continue;
      if (i < top) top = i;
      if (i > bottom) bottom = i;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  });
  return bottom < 0 ? null : { row: top, col: left, rowEnd: bottom, colEnd: right };
}

/** Same length and the same strings in order. */
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A cell's raw value as the ExcelJS host reads it (`date1904` false re-reads dates in the 1900 system). */
function cellValue(r: ParsedRow | undefined, c: number, date1904: boolean, wbDate1904: boolean): RawCell {
  if (!r) return null;
  if (date1904 !== wbDate1904) {
    const raw = r.dateRaw?.[c];
    if (raw !== undefined) return numberValue(raw, true, date1904);
  }
  return r.values[c] ?? null;
}

// ---- the port ---------------------------------------------------------------------------------

/**
 * An .xlsx file opened for reading only. Every read gives what `XlsxWorkbook` gives on the same
 * file; every write throws (a bug: the CLI writes its output through `XlsxWorkbook`).
 * @example
 * const r = await ReadOnlyWorkbook.open("销售台账.xlsx");
 * if (r.ok) console.log((await r.value.listSheets()).map((s) => s.name));
 */
export class ReadOnlyWorkbook implements WorkbookPort {
  private readonly parsed = new Map<string, ParsedSheet>();
  private readonly outlines = new Map<string, SheetOutline>();
  private readonly heads = new Map<string, { maxRow: number; sheet: ParsedSheet }>();
  private readonly sheetRels = new Map<string, Map<string, string>>();
  private metaCache: { kind: string; key: string; value: string }[] | undefined;

  private constructor(
    private readonly zip: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly sheetRefs: readonly SheetRef[],
    private readonly is1904: boolean,
    private readonly styles: Styles,
    private readonly strings: readonly SharedString[],
    private readonly sliceBytes: number,
    private readonly onScan: SheetContext["onScan"],
    /** Every `<definedName>` of xl/workbook.xml, as spelled there. */
    private readonly definedNames: readonly string[],
    /** The file's name, for a damaged part found later. */
    private readonly file: string,
    /** What the parts still to be read may inflate to (zip-bomb limit, shared with the parts read at open). */
    private readonly budget: InflateBudget,
    /** Parts read so far whose bytes are not UTF-8 (read with U+FFFD in their place). */
    private readonly notUtf8: Set<string>,
  ) {}

  /** Parts read so far whose bytes are not valid UTF-8: a writer must not copy them as they are. */
  partsNotUtf8(): ReadonlySet<string> {
    return this.notUtf8;
  }

  /** Run a lazy read: damage found in a part (bad XML, a zip bomb) names this file. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof WorkbookDamagedError) throw e.withFile(this.file);
      throw e;
    }
  }

  /** Open a file; a missing, legacy, encrypted or damaged file is an issue (same codes as `XlsxWorkbook.open`). */
  static async open(path: string, options: ReadOnlyWorkbookOptions = {}): Promise<Result<ReadOnlyWorkbook>> {
    const bytes = await readWorkbookFile(path);
    return bytes.ok ? ReadOnlyWorkbook.fromBuffer(bytes.value, path, options) : bytes;
  }

  /** Open from bytes (`name` words errors and recognises CSV). */
  static fromBuffer(bytes: Uint8Array, name = "workbook.xlsx", options: ReadOnlyWorkbookOptions = {}): Result<ReadOnlyWorkbook> {
    const file = basename(name);
    const refused = notXlsxIssue(bytes, name);
    if (refused) return fail(refused);
    try {
      const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const entries = readZipDirectory(zip);
      const budget = inflateBudget();
      const notUtf8 = new Set<string>();
      const read = (p: string): string | null => {
        const e = entries.get(p);
        if (!e) return null;
        const buf = unzipEntry(zip, e, budget);
        if (!isUtf8(buf)) notUtf8.add(p);
        return unprefixXml(buf).toString("utf8");
      };
      const wbPath = "xl/workbook.xml";
      const wbXml = read(wbPath);
      if (wbXml === null) throw new Error("no xl/workbook.xml");
      const rels = parseRels(read(relsPathOf(wbPath)), wbPath);
      const sheets: SheetRef[] = [];
      const names: string[] = [];
      let is1904 = false;
      scanXml(wbXml, (kind, tag, body) => {
        if (kind !== "open") return;
        if (tag === "workbookPr") is1904 = attr(body, "date1904") === "1";
        else if (tag === "definedName") names.push(attrs(body).name ?? "");
        else if (tag === "sheet") {
          const a = attrs(body);
          const path = a["r:id"] !== undefined ? rels.get(a["r:id"]) : undefined;
          if (a.name !== undefined && path !== undefined && entries.has(path)) sheets.push({ name: a.name, state: a.state, path });
        }
      });
      if (sheets.length === 0) return fail({ code: "cli.open.corrupt", params: { file, detail: "no worksheets" } });
      const styles = parseStyles(read("xl/styles.xml"));
      const ssPath = [...rels.values()].find((p) => /sharedStrings[^/]*\.xml$/i.test(p)) ?? "xl/sharedStrings.xml";
      const strings = parseSharedStrings(read(ssPath));
      return ok(new ReadOnlyWorkbook(zip, entries, sheets, is1904, styles, strings, Math.max(1, options.sliceBytes ?? SLICE_BYTES), options.onScan, names, file, budget, notUtf8));
    } catch (e) {
      if (e instanceof WorkbookDamagedError) return fail(e.withFile(file).issue());
      return fail({ code: "cli.open.corrupt", params: { file, detail: e instanceof Error ? e.message.split("\n")[0]!.slice(0, 160) : String(e) } });
    }
  }

  private readPart(path: string): string | null {
    return this.readBytes(path)?.toString("utf8") ?? null;
  }

  private readBytes(path: string): Buffer | null {
    const e = this.entries.get(path);
    if (!e) return null;
    const buf = unzipEntry(this.zip, e, this.budget);
    if (!isUtf8(buf)) this.notUtf8.add(path);
    return unprefixXml(buf);
  }

  private get ctx(): SheetContext {
    return { styles: this.styles, strings: this.strings, date1904: this.is1904, sliceBytes: this.sliceBytes, onScan: this.onScan };
  }

  private rels(ref: SheetRef): Map<string, string> {
    let r = this.sheetRels.get(ref.name);
    if (!r) {
      r = this.guard(() => parseRels(this.readPart(relsPathOf(ref.path)), ref.path));
      this.sheetRels.set(ref.name, r);
    }
    return r;
  }

  /** The sheet's outline (tables, merges, column formats), its XML kept until the cells are parsed. */
  private outline(ref: SheetRef): SheetOutline {
    let o = this.outlines.get(ref.name);
    if (!o) {
      const rels = this.rels(ref);
      o = this.guard(() => parseOutline(this.readBytes(ref.path) ?? Buffer.alloc(0), this.styles, rels, (p) => this.readPart(p)));
      this.outlines.set(ref.name, o);
    }
    return o;
  }

  private sheet(ref: SheetRef): ParsedSheet {
    let s = this.parsed.get(ref.name);
    if (!s) {
      const outline = this.outline(ref);
      s = this.guard(() => parseSheet(ref.name, outline, this.ctx));
      this.parsed.set(ref.name, s);
      this.heads.delete(ref.name);
      // The cells are all here now: drop the XML, keep the outline's small parts.
      const o = this.outlines.get(ref.name)!;
      this.outlines.set(ref.name, { ...o, xml: Buffer.alloc(0), sdStart: -1, sdEnd: -1 });
    }
    return s;
  }

  /** Rows up to `maxRow` (0-based) — the whole sheet when it is parsed already. */
  private head(ref: SheetRef, maxRow: number): ParsedSheet {
    const full = this.parsed.get(ref.name);
    if (full) return full;
    const cached = this.heads.get(ref.name);
    if (cached && cached.maxRow >= maxRow) return cached.sheet;
    const outline = this.outline(ref);
    const sheet = this.guard(() => parseSheet(ref.name, outline, this.ctx, maxRow));
    this.heads.set(ref.name, { maxRow, sheet });
    return sheet;
  }

  private userSheets(): SheetRef[] {
    return this.sheetRefs.filter((s) => s.name !== META_SHEET);
  }

  private metaRows(): { kind: string; key: string; value: string }[] {
    if (this.metaCache) return this.metaCache;
    const ref = this.sheetRefs.find((s) => s.name === META_SHEET);
    const out: { kind: string; key: string; value: string }[] = [];
    if (ref) {
      for (const r of this.sheet(ref).rows) {
        if (!r || !r.hasValues) continue;
        const v = (c: number): string => {
          const raw = cellValue(r, c, false, this.is1904);
          return raw === null || typeof raw === "object" ? "" : String(raw);
        };
        out.push({ kind: v(0), key: v(1), value: v(2) });
      }
    }
    this.metaCache = out;
    return out;
  }

  async getSetting(key: string): Promise<string | null> {
    return this.metaRows().find((r) => r.kind === "setting" && r.key === key)?.value ?? null;
  }

  async date1904(): Promise<boolean> {
    return this.is1904;
  }

  /** The `<definedName>`s of xl/workbook.xml, any scope, built-in `_xlnm.*` ones left out. */
  async listNames(): Promise<readonly string[]> {
    return distinctUserNames(this.definedNames);
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    const meta = this.metaRows();
    return this.userSheets().map((ref) => {
      const s = this.sheet(ref);
      const used = s.used;
      return {
        name: ref.name,
        visible: ref.state === undefined || ref.state === "visible",
        rowCount: used ? used.rowEnd - used.row + 1 : 0,
        columnCount: used ? used.colEnd - used.col + 1 : 0,
        startRow: used?.row ?? 0,
        startCol: used?.col ?? 0,
        merges: listedMerges(s.merges, used),
        ownedKind: meta.find((r) => r.kind === "owned" && r.key === ref.name)?.value ?? null,
      };
    });
  }

  async *readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk> {
    const ref = this.sheetRefs.find((s) => s.name === name);
    if (!ref || name === META_SHEET) return;
    const s = this.sheet(ref);
    const used = s.used;
    if (!used) return;
    const total = used.rowEnd - used.row + 1;
    const width = used.colEnd - used.col + 1;
    // A used range the size of what it holds comes as whole rows; a bigger one (a stray value in
    // XFD1048576) has each row end at its last value or formula, and a row far wider than its cells
    // is sparse: the cost then follows the cells, never the range's area.
    const dense = denseGrid(total, width);
    const covered = mergeCover(s.merges);
    // The chunks are read-only (GridChunk): rows with the same formats, and rows without a formula,
    // share one array, so a 100,000-row sheet does not keep 200,000 copies of the same row alive.
    let lastFormats: string[] | undefined;
    let noFormulas: (string | null)[] | undefined;
    for (let start = used.row; start <= used.rowEnd; start += CHUNK_ROWS) {
      const end = Math.min(used.rowEnd, start + CHUNK_ROWS - 1);
      const values: RawCell[][] = [];
      const formats: string[][] = [];
      const formulas: (string | null)[][] = [];
      for (let r = start; r <= end; r++) {
        const row = s.rows[r];
        const sparse = !dense && row !== undefined && row.count - used.col > 4 * row.cells + 64;
        const len = dense ? width : row === undefined ? 0 : lastFilled(row, used.col, used.colEnd, sparse) - used.col + 1;
        if (len <= 0) {
          values.push(EMPTY_ROW);
          formats.push(EMPTY_ROW);
          formulas.push(EMPTY_ROW);
          continue;
        }
        let vr: RawCell[];
        let fr: string[];
        let xr: (string | null)[];
        let anyFormula = false;
        if (sparse && row) {
          // Holes read as missing: null values, `General`, no formula (the grid's readers default them).
          vr = [];
          fr = [];
          xr = [];
          for (const key of Object.keys(row.formats)) {
            const col = Number(key);
            const fmt = row.formats[col];
            if (col < used.col || col - used.col >= len || fmt === undefined) continue;
            vr[col - used.col] = row.values[col] ?? null;
            fr[col - used.col] = fmt;
            const f = row.formulas[col] ?? null;
            if (f !== null) {
              xr[col - used.col] = f;
              anyFormula = true;
            }
          }
          vr.length = fr.length = len;
          if (anyFormula) xr.length = len;
        } else {
          if (row && used.col === 0 && row.values.length <= len) {
            // The parsed row already holds the chunk's values (no cell reads null): hand it over, padded, instead of a copy.
            vr = row.values;
            for (let c = 0; c < len; c++) if (vr[c] === undefined) vr[c] = null;
          } else vr = new Array<RawCell>(len).fill(null);
          fr = new Array<string>(len).fill("General");
          xr = new Array<string | null>(len).fill(null);
          // A row ExcelJS holds (cells in the file, or made by a merge) takes defaults per column; a missing one reads General.
          if ((row && row.count > 0) || covered(r)) {
            for (let c = 0; c < len; c++) {
              const col = used.col + c;
              const fmt = row?.formats[col];
              if (fmt === undefined) {
                // ExcelJS makes the cell on `getCell`: it takes the row's, else the column's format.
                fr[c] = row?.rowFormat ?? s.colFormats[col] ?? "General";
                continue;
              }
              if (vr !== row!.values) vr[c] = row!.values[col] ?? null;
              fr[c] = fmt;
              const f = row!.formulas[col] ?? null;
              xr[c] = f;
              if (f !== null) anyFormula = true;
            }
          }
          if (lastFormats !== undefined && sameStrings(lastFormats, fr)) fr = lastFormats;
          else lastFormats = fr;
        }
        if (!anyFormula) {
          if (sparse) xr = EMPTY_ROW;
          else if (noFormulas !== undefined && noFormulas.length === len) xr = noFormulas;
          else noFormulas = xr;
        }
        values.push(vr);
        formats.push(fr);
        formulas.push(xr);
      }
      yield { startRow: start, startCol: used.col, values, formats, formulas };
      onProgress?.(end - used.row + 1, total);
    }
  }

  private tableEntries(): { ref: SheetRef; sheetName: string; table: ParsedTable; headers: string[] }[] {
    const out: { ref: SheetRef; sheetName: string; table: ParsedTable; headers: string[] }[] = [];
    for (const ref of this.userSheets()) {
      // A table is reached through the sheet's relationships: without one, no need to open the sheet.
      if (!this.outlines.has(ref.name) && ![...this.rels(ref).values()].some((p) => this.entries.has(p) && /(^|\/)tables\/[^/]+$/i.test(p))) continue;
      const { tables } = this.outline(ref);
      if (tables.length === 0) continue;
      const headerRows = tables.map((t) => decodeRange(t.ref.includes(":") ? t.ref : `${t.ref}:${t.ref}`).row);
      const s = this.head(ref, Math.max(...headerRows));
      for (const t of tables) {
        const range = decodeRange(t.ref.includes(":") ? t.ref : `${t.ref}:${t.ref}`);
        const headers: string[] = [];
        for (let c = range.col; c <= range.colEnd; c++) {
          const v = cellValue(s.rows[range.row], c, false, this.is1904);
          headers.push(v === null || typeof v === "object" ? (t.columns[c - range.col] ?? "") : String(v));
        }
        out.push({ ref, sheetName: ref.name, table: t, headers });
      }
    }
    return out;
  }

  async listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    return this.tableEntries().map((t) => ({ name: t.table.name, sheetName: t.sheetName, headers: t.headers }));
  }

  async readTable(name: string): Promise<TableData | null> {
    const t = this.tableEntries().find((x) => x.table.name === name);
    if (!t) return null;
    const range = decodeRange(t.table.ref.includes(":") ? t.table.ref : `${t.table.ref}:${t.table.ref}`);
    const sheet = this.sheet(t.ref);
    const rows: RawCell[][] = [];
    for (let r = range.row + 1; r <= range.rowEnd; r++) {
      const pr = sheet.rows[r];
      const row: RawCell[] = [];
      for (let c = range.col; c <= range.colEnd; c++) row.push(cellValue(pr, c, this.is1904, this.is1904));
      rows.push(row);
    }
    // A table created empty keeps one blank body row; it holds no record.
    while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v === null || v === "")) rows.pop();
    return { name: t.table.name, sheetName: t.sheetName, headers: t.headers, rows };
  }

  // ---- writes: never on this port ---------------------------------------------------------------

  private readOnly(method: string, target: string): never {
    throw new Error(`ReadOnlyWorkbook.${method}(${target}): this workbook is open for reading only (write through XlsxWorkbook)`);
  }

  async appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    return this.readOnly("appendRows", `${tableName}, ${rows.length} rows`);
  }

  async updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    void values;
    return this.readOnly("updateTableCells", `${tableName}, row ${rowIndex}`);
  }

  async createTable(spec: TableSpec): Promise<WriteSheetResult> {
    return this.readOnly("createTable", spec.tableName);
  }

  async writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    return this.readOnly("writeSheet", spec.name);
  }

  async setSetting(key: string): Promise<void> {
    return this.readOnly("setSetting", key);
  }
}
