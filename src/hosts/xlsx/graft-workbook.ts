/**
 * GraftWorkbook: the WorkbookPort for `import -o` that never re-saves the clerk's workbook. Reads go
 * to the fast `ReadOnlyWorkbook` scanner; writes (ledger tables, owned sheets, settings) are
 * recorded; `save` copies every zip entry of the source byte for byte (charts, pivots, drawings,
 * comments survive) and grafts our sheets onto it, editing only workbook.xml, its rels, the content
 * types, styles.xml (appended, never renumbered), the `_ledger_meta` sheet and — when an empty
 * string is written — the shared strings. New sheets are streamed through deflate in pieces, so a
 * million-row ledger table never becomes one string. Cells, styles, merges, widths, panes, print
 * setup, links, validation and tables come out as `XlsxWorkbook` writes them for the same specs.
 */
import { open as openFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, extname, join, posix } from "node:path";
import {
  distinctUserNames,
  type ColumnValidation,
  type GridChunk,
  type Progress,
  type SheetInfo,
  type TableData,
  type TableSpec,
  type WorkbookPort,
  type WriteCell,
  type WriteSheetResult,
} from "../../app/workbook-port";
import type { CellRange, CellStyle, SheetSpec, SpecCell } from "../../core/sheet-spec";
import { a1, columnLetter, rangeA1 } from "../../core/sheet-spec";
import { isoToExcelSerial } from "../../core/dates";
import { LEDGER_TABLES } from "../../core/ledger-tables";
import { normalizeText } from "../../core/text";
import { fail, ok, type Result } from "../../core/result";
import { ReadOnlyWorkbook, type ReadOnlyWorkbookOptions } from "./read-only-workbook";
import { notXlsxIssue, readWorkbookFile } from "./sniff";
import { inflateBudget, rawEntryData, readZipDirectory, unzipEntry, zipInMemory, ZipWriter, type ZipEntry } from "./zip";
import { WorkbookDamagedError } from "./damaged";
import { xmlSafeText } from "./xml-text";
import { unprefixXml } from "./xml-namespaces";

/* eslint-disable @typescript-eslint/no-require-imports -- ExcelJS's own helpers: text escaped and formats numbered exactly as the ExcelJS host does */
const exceljsUtils = require("exceljs/lib/utils/utils") as { xmlEncode(s: string): string };
const NumFmtXform = require("exceljs/lib/xlsx/xform/style/numfmt-xform") as { getDefaultFmtId(code: string): number | undefined };
/* eslint-enable @typescript-eslint/no-require-imports */

/** Same name as the other hosts' meta sheet. */
const META_SHEET = "_ledger_meta";
/** Format a date cell gets when nothing else names one (render-sheet.ts `DEFAULT_DATE_FORMAT`). */
const SPEC_DATE_FORMAT = "yyyy-mm-dd";
/** ExcelJS gives a date without a format this one (built-in 14). */
const EXCELJS_DATE_FORMAT = "mm-dd-yy";
/** Longest inline list Excel accepts in a list validation (as in xlsx-workbook.ts). */
const INLINE_LIST_LIMIT = 255;
/** Sheet XML is handed to deflate in pieces of about this many characters. */
const PIECE_CHARS = 256 * 1024;

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = {
  worksheet: `${NS_R}/worksheet`,
  table: `${NS_R}/table`,
  styles: `${NS_R}/styles`,
  sharedStrings: `${NS_R}/sharedStrings`,
} as const;
const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
} as const;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The workbook part's content type says what file it is: Excel refuses an .xlsx whose part says macros. */
const MAIN_TYPE = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
} as const;

/** What kind of file `save` writes, from its extension: `.xlsm` keeps macros, `.xlsx` cannot hold them. */
export type SavedKind = keyof typeof MAIN_TYPE;

/** What `save` did beyond writing the workbook. */
export interface SaveOutcome {
  /** The source held macros (VBA) that an `.xlsx` file cannot keep: they were left out of it. */
  readonly macrosDropped: boolean;
}

// ---- small XML helpers ---------------------------------------------------------------------------

/** Text or attribute value escaped as ExcelJS escapes it (characters XML cannot hold are dropped). */
function esc(s: string): string {
  return exceljsUtils.xmlEncode(xmlSafeText(s));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unesc(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, b: string) =>
    b[0] === "#" ? String.fromCodePoint(b[1] === "x" || b[1] === "X" ? parseInt(b.slice(2), 16) : parseInt(b.slice(1), 10)) : (ENTITIES[b] ?? m),
  );
}

/** Attributes of one start tag's text. */
function tagAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unesc(m[2] ?? m[3] ?? "");
  return out;
}

/** Every start (or empty) tag named `name` in `xml`, with its position. */
function tags(xml: string, name: string): { index: number; end: number; text: string; attrs: Record<string, string> }[] {
  const out: { index: number; end: number; text: string; attrs: Record<string, string> }[] = [];
  const re = new RegExp(`<${name}(?=[\\s/>])[^>]*>`, "g");
  for (const m of xml.matchAll(re)) out.push({ index: m.index, end: m.index + m[0].length, text: m[0], attrs: tagAttrs(m[0]) });
  return out;
}

/** Where a part's relationships live: `xl/worksheets/_rels/sheet1.xml.rels`. */
function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target));
}

/** Relationships of a rels part: id, type, resolved target. */
function parseRels(xml: string | null, partPath: string): { id: string; type: string; target: string; external: boolean }[] {
  if (xml === null) return [];
  return tags(xml, "Relationship").map((t) => ({
    id: t.attrs.Id ?? "",
    type: t.attrs.Type ?? "",
    external: t.attrs.TargetMode === "External",
    target: t.attrs.TargetMode === "External" ? (t.attrs.Target ?? "") : resolvePart(partPath, t.attrs.Target ?? ""),
  }));
}

/** Quote a sheet name for a reference: `'1月 销售'!B5` (as render-sheet.ts does). */
function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function decodeRange(ref: string): CellRange {
  const [a, b] = ref.replace(/^.*!/, "").replace(/\$/g, "").split(":");
  const one = (s: string): { row: number; col: number } => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s);
    if (!m) throw new Error(`bad cell address ${s}`);
    let col = 0;
    for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const s = one(a!);
  const e = one(b ?? a!);
  return { row: Math.min(s.row, e.row), col: Math.min(s.col, e.col), rowEnd: Math.max(s.row, e.row), colEnd: Math.max(s.col, e.col) };
}

// ---- styles ----------------------------------------------------------------------------------------

type Weight = "thin" | "medium";

/** A cell's style as ExcelJS holds it after `render-sheet.ts` / `createTable` set it. */
interface CellLook {
  numFmt?: string;
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string };
  /** ARGB */
  fill?: string;
  align?: { horizontal?: string; vertical?: string; wrap?: boolean };
  border?: { left?: Weight; right?: Weight; top?: Weight; bottom?: Weight };
}

const SECTION_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"] as const;
const SECTION_CHILD: Record<string, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf" };

/**
 * The clerk's styles.xml plus what our sheets need: new numFmts, fonts, fills, borders and cellXfs
 * are appended after the existing ones, whose indexes never change.
 */
class StyleBook {
  private readonly base: string;
  private readonly counts: Record<"fonts" | "fills" | "borders" | "cellXfs", number>;
  private readonly customFormats = new Map<string, number>();
  private nextFmtId: number;
  private readonly font0: string;
  private readonly added: Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs", string[]> = { numFmts: [], fonts: [], fills: [], borders: [], cellXfs: [] };
  private readonly keys = new Map<string, number>();
  private readonly partKeys = new Map<string, number>();

  /** `xml` null: the source has no styles part (one is written). */
  constructor(readonly sourceXml: string | null) {
    this.base =
      sourceXml ??
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    const section = (name: string): string => {
      const m = new RegExp(`<${name}(?=[\\s>])[^>]*>([\\s\\S]*?)</${name}>`).exec(this.base);
      return m ? m[1]! : "";
    };
    const count = (name: string): number => (section(name).match(new RegExp(`<${SECTION_CHILD[name]!}(?=[\\s/>])`, "g")) ?? []).length;
    this.counts = { fonts: count("fonts"), fills: count("fills"), borders: count("borders"), cellXfs: count("cellXfs") };
    let maxId = 163;
    for (const t of tags(section("numFmts"), "numFmt")) {
      const id = parseInt(t.attrs.numFmtId ?? "", 10);
      if (!Number.isFinite(id)) continue;
      maxId = Math.max(maxId, id);
      if (t.attrs.formatCode !== undefined && !this.customFormats.has(t.attrs.formatCode)) this.customFormats.set(t.attrs.formatCode, id);
    }
    this.nextFmtId = maxId + 1;
    this.font0 = /<font(?=[\s>])[^>]*>([\s\S]*?)<\/font>/.exec(section("fonts"))?.[1] ?? "";
  }

  /** True once anything was appended (styles.xml must then be rewritten). */
  get changed(): boolean {
    return this.sourceXml === null || Object.values(this.added).some((a) => a.length > 0);
  }

  private part(kind: "fonts" | "fills" | "borders", xml: string): number {
    const key = `${kind}|${xml}`;
    const hit = this.partKeys.get(key);
    if (hit !== undefined) return hit;
    const id = this.counts[kind] + this.added[kind].length;
    this.added[kind].push(xml);
    this.partKeys.set(key, id);
    return id;
  }

  private fmtId(code: string): number {
    const builtin = NumFmtXform.getDefaultFmtId(code);
    if (builtin !== undefined) return builtin;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFmtId++;
    this.customFormats.set(code, id);
    this.added.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    return id;
  }

  private fontXml(f: NonNullable<CellLook["font"]>): string {
    const pick = (name: string): string => new RegExp(`<${name}(?=[\\s/>])[^>]*/>`).exec(this.font0)?.[0] ?? "";
    const size = f.size !== undefined ? `<sz val="${f.size}"/>` : pick("sz");
    const color = f.color !== undefined ? `<color rgb="${esc(f.color)}"/>` : pick("color");
    // The clerk's default font (name, family, scheme) with our weight, slant, size and colour.
    return `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${size}${color}${pick("name")}${pick("family")}${pick("charset")}${pick("scheme")}</font>`;
  }

  /** The cellXfs index for a look (0 for none). */
  xf(look: CellLook | undefined): number {
    if (!look) return 0;
    const key = JSON.stringify([look.numFmt, look.font, look.fill, look.align, look.border]);
    const hit = this.keys.get(key);
    if (hit !== undefined) return hit;
    const numFmtId = look.numFmt !== undefined ? this.fmtId(look.numFmt) : 0;
    const fontId = look.font ? this.part("fonts", this.fontXml(look.font)) : 0;
    const fillId = look.fill ? this.part("fills", `<fill><patternFill patternType="solid"><fgColor rgb="${esc(look.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const b = look.border;
    const edge = (name: string, w: Weight | undefined): string => (w ? `<${name} style="${w}"/>` : `<${name}/>`);
    const borderId = b ? this.part("borders", `<border>${edge("left", b.left)}${edge("right", b.right)}${edge("top", b.top)}${edge("bottom", b.bottom)}<diagonal/></border>`) : 0;
    const a = look.align;
    const align = a
      ? `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ""}${a.vertical ? ` vertical="${a.vertical === "middle" ? "center" : a.vertical}"` : ""}${a.wrap !== undefined ? ` wrapText="${a.wrap ? 1 : 0}"` : ""}/>`
      : "";
    const applies = `${look.numFmt !== undefined ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}${a ? ' applyAlignment="1"' : ""}`;
    const id = this.counts.cellXfs + this.added.cellXfs.length;
    this.added.cellXfs.push(`<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${align ? `>${align}</xf>` : "/>"}`);
    this.keys.set(key, id);
    return id;
  }

  /** styles.xml with the appended entries (the clerk's entries untouched). */
  xml(): string {
    let xml = this.base;
    for (const name of ["numFmts", "fonts", "fills", "borders", "cellXfs"] as const) {
      const items = this.added[name];
      if (items.length === 0) continue;
      xml = appendToSection(xml, name, items);
    }
    return xml;
  }
}

/** Append children to `<name>` (made when missing, in schema order) and fix its count. */
function appendToSection(xml: string, name: string, items: readonly string[]): string {
  const open = new RegExp(`<${name}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  const child = SECTION_CHILD[name]!;
  if (open && open[1] !== "/") {
    const close = xml.indexOf(`</${name}>`, open.index);
    if (close < 0) throw new Error(`styles.xml: unterminated <${name}>`);
    const existing = (xml.slice(open.index, close).match(new RegExp(`<${child}(?=[\\s/>])`, "g")) ?? []).length;
    const head = setAttr(open[0], "count", String(existing + items.length));
    return xml.slice(0, open.index) + head + xml.slice(open.index + open[0].length, close) + items.join("") + xml.slice(close);
  }
  const element = `<${name} count="${items.length}">${items.join("")}</${name}>`;
  if (open) return xml.slice(0, open.index) + element + xml.slice(open.index + open[0].length);
  // Missing: before the first later section, else before the end of the style sheet.
  const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name as (typeof SECTION_ORDER)[number]) + 1);
  let at = -1;
  for (const l of later) {
    const m = new RegExp(`<${l}(?=[\\s/>])`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf("</styleSheet>");
  if (at < 0) throw new Error("styles.xml: no <styleSheet>");
  return xml.slice(0, at) + element + xml.slice(at);
}

/** A start tag with one attribute set (added when absent). */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

// ---- sheet models ----------------------------------------------------------------------------------

/** A table created through the port, kept as values so it can be streamed and appended to. */
interface TableModel {
  readonly type: "table";
  readonly spec: TableSpec;
  /** Body rows (a table created empty keeps one blank row, as in Excel). */
  readonly rows: (readonly WriteCell[])[];
  readonly headerXf: readonly number[];
  readonly bodyXf: readonly number[];
  /** Style of a date in a column without a number format (ExcelJS gives it `mm-dd-yy`). */
  readonly dateXf: number;
  readonly colXf: readonly number[];
  readonly rowXf: number;
  /** Validation of each column, less its `sqref`, and the last row it was made to cover (1-based). */
  readonly validations: readonly (string | null)[];
  readonly validationEnd: number;
  readonly tableId: number;
}

/** A sheet written from a SheetSpec: its rows rendered at write time (report sizes). */
interface SpecModel {
  readonly type: "spec";
  readonly spec: SheetSpec;
  /** One `<row>` element per entry, in order. */
  readonly rowsXml: readonly string[];
  readonly dimension: string;
}

interface NewSheet {
  name: string;
  model: TableModel | SpecModel;
  /** The source sheet this one replaces (written into its part). */
  readonly replaces?: SourceSheet;
}

interface SourceSheet {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly state: string | undefined;
  readonly path: string;
  /** Index among `<sheet>` elements. */
  readonly index: number;
}

interface SourceTable {
  readonly name: string;
  readonly sheetName: string | null;
  readonly ref: string;
  readonly path: string;
}

/** A meta row: `owned | sheet | kind` or `setting | key | value`. */
interface MetaRow {
  kind: string;
  key: string;
  value: string;
}

/** Column of `key` among a table's headers: the header, or a ledger table's field name; -1 if none. */
function tableColumnIndex(tableName: string, headers: readonly string[], key: string): number {
  const byHeader = headers.findIndex((h) => normalizeText(h) === normalizeText(key));
  if (byHeader >= 0) return byHeader;
  const column = Object.values(LEDGER_TABLES).find((d) => d.tableName === tableName)?.columns.find((c) => c.field === key);
  return column ? headers.findIndex((h) => normalizeText(h) === column.header) : -1;
}

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

// ---- cells ---------------------------------------------------------------------------------------

/** Writes cell XML; strings are inline text (never a formula), `""` a shared empty string. */
class CellWriter {
  /** Set once a `""` was written: the shared strings then need the empty entry. */
  emptyUsed = false;

  constructor(
    private readonly date1904: boolean,
    private readonly emptyIndex: () => number,
  ) {}

  private text(s: string): string {
    const e = esc(s);
    return /^\s|\s$/.test(s) ? `<t xml:space="preserve">${e}</t>` : `<t>${e}</t>`;
  }

  /** `<c>` for a value, or "" for an empty unstyled cell. */
  cell(ref: string, v: SpecCell | WriteCell | undefined, xf: number): string {
    const s = xf ? ` s="${xf}"` : "";
    if (v === null || v === undefined) return xf ? `<c r="${ref}"${s}/>` : "";
    if (typeof v === "string") {
      if (v === "") {
        this.emptyUsed = true;
        return `<c r="${ref}"${s} t="s"><v>${this.emptyIndex()}</v></c>`;
      }
      return `<c r="${ref}"${s} t="inlineStr"><is>${this.text(v)}</is></c>`;
    }
    if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${String(v)}</v></c>` : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    if ("date" in v) return `<c r="${ref}"${s}><v>${isoToExcelSerial(v.date, this.date1904)}</v></c>`;
    const f = `<f>${esc(v.formula.replace(/^=/, ""))}</f>`;
    const r = v.value;
    if (r === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof r === "string") return `<c r="${ref}"${s} t="str">${f}<v>${esc(r)}</v></c>`;
    if (typeof r === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
    return Number.isFinite(r) ? `<c r="${ref}"${s}>${f}<v>${String(r)}</v></c>` : `<c r="${ref}"${s} t="e">${f}<v>#NUM!</v></c>`;
  }
}

// ---- the port --------------------------------------------------------------------------------------

/**
 * A clerk's .xlsx opened for grafting: read through `ReadOnlyWorkbook`, written by recording, saved
 * as a copy of the source zip plus our parts. Reads reflect the writes made through this port.
 * @example
 * const r = await GraftWorkbook.open("clerk.xlsx");
 * if (r.ok) { await convertWorkbook(r.value); await r.value.save("ledger.xlsx"); }
 */
export class GraftWorkbook implements WorkbookPort {
  private readonly added: NewSheet[] = [];
  private readonly styles: StyleBook;
  private readonly cells: CellWriter;
  private meta: MetaRow[] | undefined;
  private metaChanged = false;
  /** While saving: rows of our sheets written so far, of how many, and who wants to know. */
  private writing: { done: number; total: number; on: (done: number, total: number) => void } | undefined;
  private readonly virtuals = new Map<string, ReadOnlyWorkbook>();
  private sstCount: number | undefined;
  private nextTableId: number;

  private constructor(
    private readonly zip: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly ro: ReadOnlyWorkbook,
    private readonly is1904: boolean,
    private readonly sourceSheets: readonly SourceSheet[],
    private readonly sourceTables: readonly SourceTable[],
    private readonly tableNames: ReadonlySet<string>,
    maxTableId: number,
    /** Every `<definedName>` of the source, as spelled there (built-in ones too). */
    private readonly definedNames: readonly string[],
    private readonly stylesPath: string | null,
    private readonly sstPath: string | null,
  ) {
    this.styles = new StyleBook(stylesPath ? this.part(stylesPath) : null);
    this.cells = new CellWriter(is1904, () => this.emptyStringIndex());
    this.nextTableId = maxTableId + 1;
  }

  /**
   * Open a file; a missing, legacy, encrypted or damaged file is an issue (same codes as
   * `ReadOnlyWorkbook.open`). `options` go to the reader (e.g. `onScan` for progress).
   */
  static async open(path: string, options: ReadOnlyWorkbookOptions = {}): Promise<Result<GraftWorkbook>> {
    const bytes = await readWorkbookFile(path);
    return bytes.ok ? GraftWorkbook.fromBuffer(bytes.value, path, options) : bytes;
  }

  /** Open from bytes (`name` words errors and recognises CSV). The bytes are kept, never written. */
  static async fromBuffer(bytes: Uint8Array, name = "workbook.xlsx", options: ReadOnlyWorkbookOptions = {}): Promise<Result<GraftWorkbook>> {
    const refused = notXlsxIssue(bytes, name);
    if (refused) return fail(refused);
    const opened = ReadOnlyWorkbook.fromBuffer(bytes, name, options);
    if (!opened.ok) return opened;
    try {
      const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const entries = readZipDirectory(zip);
      const budget = inflateBudget();
      const read = (p: string): string | null => {
        const e = entries.get(p);
        return e ? unprefixXml(unzipEntry(zip, e, budget)).toString("utf8") : null;
      };
      const wbXml = read("xl/workbook.xml");
      if (wbXml === null) throw new Error("no xl/workbook.xml");
      const rels = parseRels(read("xl/_rels/workbook.xml.rels"), "xl/workbook.xml");
      const byId = new Map(rels.map((r) => [r.id, r]));
      const sheets: SourceSheet[] = tags(wbXml, "sheet").map((t, index) => ({
        name: t.attrs.name ?? "",
        sheetId: parseInt(t.attrs.sheetId ?? "0", 10) || 0,
        rid: t.attrs["r:id"] ?? "",
        state: t.attrs.state,
        path: byId.get(t.attrs["r:id"] ?? "")?.target ?? "",
        index,
      }));
      // Tables: every table part (ids and names must stay unique), and which sheet shows it.
      const tableSheet = new Map<string, string>();
      for (const s of sheets) for (const r of parseRels(read(relsPathOf(s.path)), s.path)) if (r.type === REL.table) tableSheet.set(r.target, s.name);
      const tables: SourceTable[] = [];
      const names = new Set<string>();
      let maxId = 0;
      for (const [p] of entries) {
        if (!/^xl\/tables\/[^/]+\.xml$/i.test(p)) continue;
        const t = tags(read(p) ?? "", "table")[0];
        if (!t) continue;
        maxId = Math.max(maxId, parseInt(t.attrs.id ?? "0", 10) || 0);
        for (const n of [t.attrs.name, t.attrs.displayName]) if (n) names.add(n.toLowerCase());
        tables.push({ name: t.attrs.name ?? "", sheetName: tableSheet.get(p) ?? null, ref: t.attrs.ref ?? "A1", path: p });
      }
      const defined = tags(wbXml, "definedName").map((t) => t.attrs.name ?? "");
      const stylesPath = rels.find((r) => r.type === REL.styles)?.target ?? null;
      const sstPath = rels.find((r) => r.type === REL.sharedStrings)?.target ?? null;
      const is1904 = await opened.value.date1904();
      return ok(new GraftWorkbook(zip, entries, opened.value, is1904, sheets, tables, names, maxId, defined, stylesPath && entries.has(stylesPath) ? stylesPath : null, sstPath && entries.has(sstPath) ? sstPath : null));
    } catch (e) {
      if (e instanceof WorkbookDamagedError) return fail(e.withFile(basename(name)).issue());
      return fail({ code: "cli.open.corrupt", params: { file: basename(name), detail: e instanceof Error ? e.message.split("\n")[0]!.slice(0, 160) : String(e) } });
    }
  }

  private part(path: string): string | null {
    const e = this.entries.get(path);
    return e ? unprefixXml(unzipEntry(this.zip, e, this.budget)).toString("utf8") : null;
  }

  /** What the parts this port reads (styles, shared strings, the meta sheet) may still inflate to. */
  private readonly budget = inflateBudget();

  // ---- meta ---------------------------------------------------------------------------------------

  private sourceMeta(): SourceSheet | undefined {
    return this.sourceSheets.find((s) => s.name === META_SHEET);
  }

  /** The meta rows: the source's (read as `ReadOnlyWorkbook` reads them) plus our changes. */
  private async metaRows(): Promise<MetaRow[]> {
    if (this.meta) return this.meta;
    const out: MetaRow[] = [];
    const ref = this.sourceMeta();
    const xml = ref ? this.entries.get(ref.path) : undefined;
    if (ref && xml) {
      // Read the meta part as an ordinary sheet of a one-sheet workbook: the scanner's own cell rules apply.
      const v = this.virtualOf("m", unprefixXml(unzipEntry(this.zip, xml, this.budget)), null, [], false, true);
      for await (const chunk of v.readSheet("m")) {
        for (const row of chunk.values) {
          const cell = (c: number): string => {
            const raw = row[c - chunk.startCol] ?? null;
            return raw === null || typeof raw === "object" ? "" : String(raw);
          };
          if (row.every((x) => x === null)) continue;
          out.push({ kind: cell(0), key: cell(1), value: cell(2) });
        }
      }
    }
    this.meta = out;
    return out;
  }

  private async ownedKind(sheet: string): Promise<string | null> {
    return (await this.metaRows()).find((r) => r.kind === "owned" && r.key === sheet)?.value ?? null;
  }

  private async setMeta(kind: string, key: string, value: string): Promise<void> {
    const rows = await this.metaRows();
    const existing = rows.find((r) => r.kind === kind && r.key === key);
    if (existing) existing.value = value;
    else rows.push({ kind, key, value });
    this.metaChanged = true;
  }

  async getSetting(key: string): Promise<string | null> {
    return (await this.metaRows()).find((r) => r.kind === "setting" && r.key === key)?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.setMeta("setting", key, value);
  }

  // ---- reads ----------------------------------------------------------------------------------------

  async date1904(): Promise<boolean> {
    return this.is1904;
  }

  private addedSheet(name: string): NewSheet | undefined {
    return this.added.find((s) => s.name === name);
  }

  /** Index of the empty shared string we append (after the source's entries). */
  private emptyStringIndex(): number {
    if (this.sstCount === undefined) {
      const xml = this.sstPath ? this.part(this.sstPath) : null;
      this.sstCount = xml === null ? 0 : (xml.match(/<si(?=[\s>/])/g) ?? []).length;
    }
    return this.sstCount;
  }

  /** Shared strings as written: the source's plus one empty entry, or null when unchanged. */
  private sharedStringsXml(): string | null {
    if (!this.cells.emptyUsed) return null;
    const xml = this.sstPath ? this.part(this.sstPath) : null;
    if (xml === null) return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t></t></si></sst>`;
    const open = /<sst(?=[\s>])[^>]*?(\/?)>/.exec(xml);
    if (!open) throw new Error("sharedStrings.xml: no <sst>");
    const unique = String(this.emptyStringIndex() + 1);
    let head = setAttr(open[0].replace(/\/>$/, ">"), "uniqueCount", unique);
    const count = /\scount\s*=\s*"(\d+)"/.exec(head);
    if (count) head = setAttr(head, "count", String(parseInt(count[1]!, 10) + 1));
    if (open[1] === "/") return xml.slice(0, open.index) + head + "<si><t></t></si></sst>" + xml.slice(open.index + open[0].length);
    const close = xml.lastIndexOf("</sst>");
    return xml.slice(0, open.index) + head + xml.slice(open.index + open[0].length, close) + "<si><t></t></si>" + xml.slice(close);
  }

  /** A one-sheet workbook in memory holding `sheetXml`, opened with the scanner (reads of written sheets). */
  private virtualOf(name: string, sheetXml: Buffer, sheetRels: string | null, tables: readonly (readonly [string, string])[], date1904: boolean, sourceStyles: boolean): ReadOnlyWorkbook {
    const styles = sourceStyles ? (this.stylesPath ? this.part(this.stylesPath) : null) : this.styles.xml();
    const sst = sourceStyles ? (this.sstPath ? this.part(this.sstPath) : null) : (this.sharedStringsXml() ?? (this.sstPath ? this.part(this.sstPath) : null));
    const wb = `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets><sheet name="${esc(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels = `${XML_HEAD}<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL.worksheet}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL.styles}" Target="styles.xml"/><Relationship Id="rId3" Type="${REL.sharedStrings}" Target="sharedStrings.xml"/></Relationships>`;
    const parts: [string, Uint8Array][] = [
      ["xl/workbook.xml", Buffer.from(wb)],
      ["xl/_rels/workbook.xml.rels", Buffer.from(rels)],
      ["xl/worksheets/sheet1.xml", sheetXml],
    ];
    if (styles !== null) parts.push(["xl/styles.xml", Buffer.from(styles)]);
    if (sst !== null) parts.push(["xl/sharedStrings.xml", Buffer.from(sst)]);
    if (sheetRels !== null) parts.push(["xl/worksheets/_rels/sheet1.xml.rels", Buffer.from(sheetRels)]);
    for (const [p, x] of tables) parts.push([p, Buffer.from(x)]);
    const r = ReadOnlyWorkbook.fromBuffer(zipInMemory(parts), `${name}.xlsx`);
    if (!r.ok) throw new Error(`GraftWorkbook: cannot read back sheet ${name}: ${JSON.stringify(r.issues)}`);
    return r.value;
  }

  /** The scanner over one written sheet, as it will read in the saved file (cached until the sheet changes). */
  private async virtual(sheet: NewSheet): Promise<ReadOnlyWorkbook> {
    const hit = this.virtuals.get(sheet.name);
    if (hit) return hit;
    const pieces: string[] = [];
    for (const p of this.sheetXml(sheet, "rId1")) pieces.push(p);
    const tables: [string, string][] = [];
    let rels: string | null = null;
    if (sheet.model.type === "table") {
      tables.push(["xl/tables/table1.xml", this.tableXml(sheet.model)]);
      rels = sheetRelsXml("../tables/table1.xml");
    }
    const v = this.virtualOf(sheet.name, Buffer.from(pieces.join("")), rels, tables, this.is1904, false);
    this.virtuals.set(sheet.name, v);
    return v;
  }

  private replacedNames(): Set<string> {
    return new Set(this.added.filter((s) => s.replaces).map((s) => s.name));
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    const meta = await this.metaRows();
    const kind = (name: string): string | null => meta.find((r) => r.kind === "owned" && r.key === name)?.value ?? null;
    const infoOf = async (s: NewSheet): Promise<SheetInfo> => {
      const info = (await (await this.virtual(s)).listSheets())[0]!;
      return { ...info, name: s.name, visible: true, ownedKind: kind(s.name) };
    };
    const out: SheetInfo[] = [];
    for (const info of await this.ro.listSheets()) {
      const replaced = this.added.find((s) => s.replaces?.name === info.name);
      out.push(replaced ? await infoOf(replaced) : { ...info, ownedKind: kind(info.name) });
    }
    for (const s of this.added) if (!s.replaces) out.push(await infoOf(s));
    return out;
  }

  async *readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk> {
    const s = this.addedSheet(name);
    if (s) yield* (await this.virtual(s)).readSheet(name, onProgress);
    else yield* this.ro.readSheet(name, onProgress);
  }

  private newTables(): NewSheet[] {
    return this.added.filter((s) => s.model.type === "table");
  }

  async listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    const replaced = this.replacedNames();
    const source = (await this.ro.listTables()).filter((t) => !replaced.has(t.sheetName));
    const ours = this.newTables().map((s) => {
      const spec = (s.model as TableModel).spec;
      return { name: spec.tableName, sheetName: s.name, headers: spec.columns.map((c) => c.header) };
    });
    return [...source, ...ours];
  }

  /** The source's defined names (this port adds only built-in print titles, which are left out). */
  async listNames(): Promise<readonly string[]> {
    return distinctUserNames(this.definedNames);
  }

  async readTable(name: string): Promise<TableData | null> {
    const ours = this.newTables().find((s) => (s.model as TableModel).spec.tableName === name);
    if (ours) return (await this.virtual(ours)).readTable(name);
    const t = (await this.ro.listTables()).find((x) => x.name === name);
    if (!t || this.replacedNames().has(t.sheetName)) return null;
    return this.ro.readTable(name);
  }

  // ---- writes ---------------------------------------------------------------------------------------

  /** The sheet named `name` (any case), source or ours: what a new sheet of that name would clash with. */
  private takenBy(name: string): { exact: boolean } | null {
    const lower = name.toLowerCase();
    const names = [...this.sourceSheets.filter((s) => !this.added.some((a) => a.replaces === s)).map((s) => s.name), ...this.added.map((s) => s.name)];
    const hit = names.find((n) => n.toLowerCase() === lower);
    return hit === undefined ? null : { exact: hit === name };
  }

  private tableModel(name: string, method: string): TableModel {
    const s = this.newTables().find((x) => (x.model as TableModel).spec.tableName === name);
    if (s) return s.model as TableModel;
    if (this.sourceTables.some((t) => t.name === name)) {
      throw new Error(`GraftWorkbook.${method}(${name}): the table came from the source file, which is copied unchanged; only tables created through this port can be changed`);
    }
    throw new Error(`no table ${name}`);
  }

  private invalidate(sheetName: string): void {
    this.virtuals.delete(sheetName);
  }

  async appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    const model = this.tableModel(tableName, "appendRows");
    const width = model.spec.columns.length;
    const blankFirst = model.rows.length > 0 && model.rows[0]!.every((v) => v === null || v === "");
    for (const r of rows) model.rows.push(Array.from({ length: width }, (_, i) => r[i] ?? null));
    this.invalidate(this.sheetOfTable(tableName));
    return model.rows.length - (blankFirst ? 1 : 0);
  }

  private sheetOfTable(tableName: string): string {
    return this.newTables().find((x) => (x.model as TableModel).spec.tableName === tableName)!.name;
  }

  async updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    const model = this.tableModel(tableName, "updateTableCells");
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= model.rows.length) throw new Error(`updateTableCells: ${tableName} has no body row ${rowIndex}`);
    const headers = model.spec.columns.map((c) => c.header);
    const row = [...model.rows[rowIndex]!];
    for (const [key, value] of Object.entries(values)) {
      const col = tableColumnIndex(tableName, headers, key);
      if (col < 0) throw new Error(`updateTableCells: ${tableName} has no column ${key}`);
      row[col] = value;
    }
    model.rows[rowIndex] = row;
    this.invalidate(this.sheetOfTable(tableName));
  }

  async createTable(spec: TableSpec): Promise<WriteSheetResult> {
    if (spec.sheetName === META_SHEET || this.takenBy(spec.sheetName)) return { ok: false, code: "sheet.userSheetExists", sheet: spec.sheetName };
    const lower = spec.tableName.toLowerCase();
    if (this.tableNames.has(lower) || this.definedNames.some((n) => n.toLowerCase() === lower) || this.newTables().some((s) => (s.model as TableModel).spec.tableName.toLowerCase() === lower)) {
      return { ok: false, code: "table.nameTaken", sheet: spec.sheetName, table: spec.tableName };
    }
    // The caller's rows are kept, not copied (a million of them is most of the memory); short rows read as null.
    const rows: (readonly WriteCell[])[] = spec.rows.length > 0 ? [...spec.rows] : [spec.columns.map(() => null)];
    const lastRow = Math.max(2, rows.length + 1);
    const bold = { bold: true };
    const validations: (string | null)[] = [];
    for (const c of spec.columns) validations.push(c.validation ? await this.validationXml(c.validation, spec.sheetName) : null);
    const model: TableModel = {
      type: "table",
      spec,
      rows,
      // As ExcelJS leaves them: the column's format on every cell of it (header too), the header row bold.
      headerXf: spec.columns.map((c) => this.styles.xf({ ...(c.numberFormat ? { numFmt: c.numberFormat } : {}), font: bold })),
      bodyXf: spec.columns.map((c) => (c.numberFormat ? this.styles.xf({ numFmt: c.numberFormat }) : 0)),
      dateXf: this.styles.xf({ numFmt: EXCELJS_DATE_FORMAT }),
      colXf: spec.columns.map((c) => (c.numberFormat ? this.styles.xf({ numFmt: c.numberFormat }) : 0)),
      rowXf: this.styles.xf({ font: bold }),
      validations,
      validationEnd: lastRow + 1000,
      tableId: this.nextTableId++,
    };
    this.added.push({ name: spec.sheetName, model });
    await this.setMeta("owned", spec.sheetName, `table:${spec.tableName}`);
    return { ok: true, replaced: false };
  }

  /** A column's `<dataValidation>` less its `sqref` (filled in when written), or null for none. */
  private async validationXml(v: ColumnValidation, ownSheet: string): Promise<string | null> {
    const dv = (attrs: string, f1: string, f2?: string): string =>
      `<dataValidation ${attrs} allowBlank="1" showErrorMessage="1" sqref="{sqref}"><formula1>${esc(f1)}</formula1>${f2 !== undefined ? `<formula2>${esc(f2)}</formula2>` : ""}</dataValidation>`;
    switch (v.type) {
      case "list": {
        const inline = v.values.map((s) => s.replace(/"/g, "'")).join(",");
        if (inline.length + 2 <= INLINE_LIST_LIMIT && !v.values.some((s) => s.includes(","))) return dv('type="list"', `"${inline}"`);
        const source = await this.findListSource(v.values, ownSheet);
        return source ? dv('type="list" errorStyle="warning"', source) : null;
      }
      case "decimal":
        if (v.min !== undefined && v.max !== undefined) return dv('type="decimal" operator="between"', String(v.min), String(v.max));
        if (v.min !== undefined) return dv('type="decimal" operator="greaterThanOrEqual"', String(v.min));
        if (v.max !== undefined) return dv('type="decimal" operator="lessThanOrEqual"', String(v.max));
        return null;
      case "wholeNumber":
        return dv('type="whole" operator="greaterThanOrEqual"', String(v.min ?? 0));
      case "date":
        return dv('type="date" operator="greaterThan"', String(isoToExcelSerial("1990-01-01", this.is1904)));
      default:
        return null;
    }
  }

  /** A column of an existing table whose body is exactly `values`: `'客户'!$A$2:$A$40` (as XlsxWorkbook finds it). */
  private async findListSource(values: readonly string[], ownSheet: string): Promise<string | null> {
    const wanted = new Set(values);
    const candidates: { sheet: string; range: CellRange; body: (c: number) => string[] }[] = [];
    const replaced = this.replacedNames();
    for (const t of this.sourceTables) {
      if (t.sheetName === null || replaced.has(t.sheetName)) continue;
      const data = await this.ro.readTable(t.name);
      if (!data) continue;
      candidates.push({
        sheet: t.sheetName,
        range: decodeRange(t.ref.includes(":") ? t.ref : `${t.ref}:${t.ref}`),
        body: (c) => data.rows.flatMap((r) => {
          const v = r[c] ?? null;
          return v !== null && typeof v !== "object" ? [String(v)] : [];
        }),
      });
    }
    for (const s of this.newTables()) {
      const m = s.model as TableModel;
      candidates.push({
        sheet: s.name,
        range: { row: 0, col: 0, rowEnd: m.rows.length, colEnd: m.spec.columns.length - 1 },
        body: (c) => m.rows.flatMap((r) => {
          const v = r[c] ?? null;
          if (v === null) return [];
          return [typeof v === "object" ? String(isoToExcelSerial(v.date, false)) : String(v)];
        }),
      });
    }
    for (const cand of candidates) {
      if (cand.sheet === ownSheet) continue;
      for (let c = 0; c <= cand.range.colEnd - cand.range.col; c++) {
        const body = cand.body(c);
        if (body.length === wanted.size && body.every((b) => wanted.has(b))) {
          const letter = columnLetter(cand.range.col + c);
          return sheetRef(cand.sheet, `$${letter}$${cand.range.row + 2}:$${letter}$${cand.range.rowEnd + 1}`);
        }
      }
    }
    return null;
  }

  async writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    const taken = spec.name === META_SHEET ? { exact: true } : this.takenBy(spec.name);
    if (taken && (!taken.exact || (await this.ownedKind(spec.name)) === null)) return { ok: false, code: "sheet.userSheetExists", sheet: spec.name };
    const model = this.renderSpec(spec);
    const mine = this.addedSheet(spec.name);
    if (mine) mine.model = model;
    else if (taken) this.added.push({ name: spec.name, model, replaces: this.sourceSheets.find((s) => s.name === spec.name)! });
    else this.added.push({ name: spec.name, model });
    this.invalidate(spec.name);
    await this.setMeta("owned", spec.name, spec.kind);
    return { ok: true, replaced: taken !== null };
  }

  /** The cells of a SheetSpec with their styles, as render-sheet.ts leaves them on an ExcelJS sheet. */
  private renderSpec(spec: SheetSpec): SpecModel {
    const looks = new Map<number, CellLook>();
    const key = (r: number, c: number): number => r * 16384 + c;
    const look = (r: number, c: number): CellLook => {
      let l = looks.get(key(r, c));
      if (!l) looks.set(key(r, c), (l = {}));
      return l;
    };
    spec.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell !== null && typeof cell === "object" && "date" in cell) look(r, c).numFmt = SPEC_DATE_FORMAT;
      }),
    );
    for (const { range, style } of spec.styles) {
      for (let r = range.row; r <= range.rowEnd; r++) for (let c = range.col; c <= range.colEnd; c++) applyStyle(look(r, c), style);
      const b = style.border;
      if (b && b.weight !== "none") {
        const w = b.weight;
        for (let r = range.row; r <= range.rowEnd; r++) {
          for (let c = range.col; c <= range.colEnd; c++) {
            const l = look(r, c);
            const e = { ...(l.border ?? {}) };
            if (b.scope === "all") Object.assign(e, { top: w, bottom: w, left: w, right: w });
            else if (b.scope === "bottom") {
              if (r === range.rowEnd) e.bottom = w;
            } else if (b.scope === "top") {
              if (r === range.row) e.top = w;
            } else {
              if (r === range.row) e.top = w;
              if (r === range.rowEnd) e.bottom = w;
              if (c === range.col) e.left = w;
              if (c === range.colEnd) e.right = w;
            }
            l.border = e;
          }
        }
      }
    }
    // Values: links turn their cell into its text; merge slaves lose theirs and take the master's style (ExcelJS).
    const values = new Map<number, SpecCell>();
    spec.rows.forEach((row, r) => row.forEach((cell, c) => cell !== null && values.set(key(r, c), cell)));
    const merges = spec.merges.filter((m) => m.rowEnd > m.row || m.colEnd > m.col);
    for (const m of merges) {
      const master = looks.get(key(m.row, m.col));
      for (let r = m.row; r <= m.rowEnd; r++) {
        for (let c = m.col; c <= m.colEnd; c++) {
          if (r === m.row && c === m.col) continue;
          values.delete(key(r, c));
          looks.set(key(r, c), master ? master : {});
        }
      }
    }
    for (const link of spec.links ?? []) {
      const k = key(link.row, link.col);
      const v = values.get(k);
      values.set(k, v === null || v === undefined ? link.target.cell : typeof v === "object" ? ("date" in v ? v.date : "[object Object]") : String(v));
    }
    // Rows in order, each cell once.
    const byRow = new Map<number, Set<number>>();
    for (const k of [...values.keys(), ...looks.keys()]) {
      const r = Math.floor(k / 16384);
      let set = byRow.get(r);
      if (!set) byRow.set(r, (set = new Set()));
      set.add(k % 16384);
    }
    const rowsXml: string[] = [];
    let maxRow = 0;
    let maxCol = 0;
    for (const r of [...byRow.keys()].sort((x, y) => x - y)) {
      const cols = [...byRow.get(r)!].sort((x, y) => x - y);
      let cellsXml = "";
      for (const c of cols) {
        const l = looks.get(key(r, c));
        const xf = l && Object.keys(l).length > 0 ? this.styles.xf(l) : 0;
        cellsXml += this.cells.cell(a1(r, c), values.get(key(r, c)), xf);
        maxCol = Math.max(maxCol, c);
      }
      maxRow = Math.max(maxRow, r);
      if (cellsXml) rowsXml.push(`<row r="${r + 1}">${cellsXml}</row>`);
    }
    return { type: "spec", spec, rowsXml, dimension: `A1:${a1(maxRow, maxCol)}` };
  }

  // ---- sheet XML ------------------------------------------------------------------------------------

  private tableRef(m: TableModel): string {
    return `A1:${a1(Math.max(1, m.rows.length), m.spec.columns.length - 1)}`;
  }

  private tableXml(m: TableModel): string {
    const ref = this.tableRef(m);
    const columns = m.spec.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c.header)}"/>`).join("");
    return (
      `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${m.tableId}" name="${esc(m.spec.tableName)}" displayName="${esc(m.spec.tableName)}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${m.spec.columns.length}">${columns}</tableColumns>` +
      `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
    );
  }

  /** Progress of `save`: `rowsOfSheet` rows of the sheet being written are out; `last` when it is all out. */
  private wrote(rowsOfSheet: number, last = false): void {
    const w = this.writing;
    if (!w) return;
    w.on(Math.min(w.total, w.done + rowsOfSheet), w.total);
    if (last) w.done += rowsOfSheet;
  }

  /** The worksheet XML of one of our sheets, in pieces (`tableRid`: the relationship of its table). */
  private *sheetXml(sheet: NewSheet, tableRid: string): Generator<string> {
    const m = sheet.model;
    const head = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">`;
    const margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (m.type === "table") {
      const cols = m.spec.columns;
      const lastRow = Math.max(2, m.rows.length + 1);
      const pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>';
      const colsXml = cols
        .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? Math.max(8, c.header.length * 2 + 2)}"${m.colXf[i] ? ` style="${m.colXf[i]}"` : ""} customWidth="1"/>`)
        .join("");
      yield `${head}<dimension ref="A1:${a1(lastRow - 1, cols.length - 1)}"/><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${colsXml}</cols><sheetData>`;
      let piece = `<row r="1" s="${m.rowXf}" customFormat="1">${cols.map((c, i) => this.cells.cell(a1(0, i), c.header, m.headerXf[i]!)).join("")}</row>`;
      const letters = cols.map((_, i) => columnLetter(i));
      for (let r = 0; r < m.rows.length; r++) {
        const row = m.rows[r]!;
        const n = r + 2;
        let cells = "";
        for (let c = 0; c < cols.length; c++) {
          const v = row[c] ?? null;
          const xf = v !== null && typeof v === "object" && !cols[c]!.numberFormat ? m.dateXf : m.bodyXf[c]!;
          cells += this.cells.cell(`${letters[c]}${n}`, v, xf);
        }
        piece += cells ? `<row r="${n}">${cells}</row>` : "";
        if (piece.length >= PIECE_CHARS) {
          this.wrote(r + 2);
          yield piece;
          piece = "";
        }
      }
      this.wrote(m.rows.length + 1, true);
      const end = Math.max(m.validationEnd, lastRow);
      const dvs = m.validations.flatMap((v, i) => (v ? [v.replace("{sqref}", `${letters[i]}2:${letters[i]}${end}`)] : []));
      yield `${piece}</sheetData>${dvs.length ? `<dataValidations count="${dvs.length}">${dvs.join("")}</dataValidations>` : ""}${margins}<pageSetup orientation="portrait"/><tableParts count="1"><tablePart r:id="${tableRid}"/></tableParts></worksheet>`;
      return;
    }
    const spec = m.spec;
    const p = spec.print;
    const sheetPr = p.fitToWidth ? "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" : "";
    let view = "";
    const fr = spec.freeze;
    if (fr && (fr.rows > 0 || fr.columns > 0)) {
      const pane = fr.rows > 0 && fr.columns > 0 ? "bottomRight" : fr.rows > 0 ? "bottomLeft" : "topRight";
      view = `<pane${fr.columns > 0 ? ` xSplit="${fr.columns}"` : ""}${fr.rows > 0 ? ` ySplit="${fr.rows}"` : ""} topLeftCell="${a1(fr.rows, fr.columns)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/>`;
    }
    const widths = spec.columnWidths.flatMap((w, i) => (w > 0 ? [`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`] : []));
    yield `${head}${sheetPr}<dimension ref="${m.dimension}"/><sheetViews><sheetView workbookViewId="0">${view}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${widths.length ? `<cols>${widths.join("")}</cols>` : ""}<sheetData>`;
    let piece = "";
    let k = 0;
    for (const row of m.rowsXml) {
      piece += row;
      k++;
      if (piece.length >= PIECE_CHARS) {
        this.wrote(k);
        yield piece;
        piece = "";
      }
    }
    this.wrote(m.rowsXml.length, true);
    const merges = spec.merges.filter((g) => g.rowEnd > g.row || g.colEnd > g.col);
    const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map((g) => `<mergeCell ref="${rangeA1(g)}"/>`).join("")}</mergeCells>` : "";
    const links = spec.links ?? [];
    const linkXml = links.length ? `<hyperlinks>${links.map((l) => `<hyperlink ref="${a1(l.row, l.col)}" location="${esc(sheetRef(l.target.sheet, l.target.cell))}"/>`).join("")}</hyperlinks>` : "";
    const setup = `<pageSetup paperSize="9" orientation="${p.orientation}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`;
    const footer = p.footer ? `<headerFooter><oddFooter>${esc(`&C${p.footer}`)}</oddFooter></headerFooter>` : "";
    yield `${piece}</sheetData>${mergeXml}${linkXml}${margins}${setup}${footer}</worksheet>`;
  }

  // ---- save -----------------------------------------------------------------------------------------

  /**
   * Write the grafted workbook to `path` atomically (temp file in the same folder, then rename; the
   * temp file is removed when anything fails). The source file is never written. The extension sets
   * the file type: `.xlsx` (a macro-enabled or template source becomes a plain workbook, its VBA left
   * out), `.xlsm` (macros kept); any other extension keeps the source's type.
   * `onProgress` hears the rows of our sheets written so far (a million-row 订单 table takes a while).
   * @example const { macrosDropped } = await g.save("台账.xlsx")
   */
  async save(path: string, options: { readonly onProgress?: (rowsDone: number, rowsTotal: number) => void } = {}): Promise<SaveOutcome> {
    const on = options.onProgress;
    this.writing = on ? { done: 0, total: this.added.reduce((n, s) => n + (s.model.type === "table" ? s.model.rows.length + 1 : s.model.rowsXml.length), 0), on } : undefined;
    const ext = extname(path).toLowerCase();
    const kind: SavedKind | null = ext === ".xlsx" ? "xlsx" : ext === ".xlsm" ? "xlsm" : null;
    let outcome: SaveOutcome = { macrosDropped: false };
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    let handle: Awaited<ReturnType<typeof openFile>> | undefined;
    try {
      handle = await openFile(tmp, "wx");
      outcome = await this.writeZip(new ZipWriter(handle), kind);
      await handle.close();
      handle = undefined;
      await rename(tmp, path);
      return outcome;
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      // The clerk asked for `path`: name it, not our temp file, in the error shown to them.
      if (e instanceof Error) e.message = e.message.split(tmp).join(path);
      throw e;
    } finally {
      this.writing = undefined;
    }
  }

  private async writeZip(w: ZipWriter, kind: SavedKind | null): Promise<SaveOutcome> {
    const plan = await this.plan();
    const outcome = kind === null ? { macrosDropped: false } : this.retype(plan, kind);
    for (const [name, e] of this.entries) {
      if (plan.drop.has(name)) continue;
      const edited = plan.replace.get(name);
      if (edited !== undefined) await this.writePart(w, name, edited);
      // A part the reader found not to be UTF-8 is written decoded (bad bytes as U+FFFD): never copied as bytes no parser accepts.
      else if (this.ro.partsNotUtf8().has(name)) await w.addBuffer(name, Buffer.from(unzipEntry(this.zip, e).toString("utf8"), "utf8"));
      else await w.addRaw(name, e, rawEntryData(this.zip, e));
    }
    for (const [name, content] of plan.create) await this.writePart(w, name, content);
    await w.finish();
    return outcome;
  }

  /**
   * Make the plan write a `kind` file: the workbook part's content type set to match, and for
   * `.xlsx` the VBA project (and the parts only it refers to) left out.
   */
  private retype(plan: { replace: Map<string, string | (() => Iterable<string>)>; create: Map<string, string | (() => Iterable<string>)>; drop: Set<string> }, kind: SavedKind): SaveOutcome {
    const typesPath = "[Content_Types].xml";
    const wbRelsPath = "xl/_rels/workbook.xml.rels";
    const current = (p: string): string | null => {
      const v = plan.replace.get(p) ?? plan.create.get(p);
      return typeof v === "string" ? v : this.part(p);
    };
    let types = current(typesPath);
    if (types === null) throw new Error("no [Content_Types].xml in the source workbook");
    const before = types;
    types = types.replace(/<Override\b[^>]*>/g, (o) => (tagAttrs(o).PartName === "/xl/workbook.xml" ? o.replace(/ContentType\s*=\s*("[^"]*"|'[^']*')/, `ContentType="${MAIN_TYPE[kind]}"`) : o));
    let macrosDropped = false;
    if (kind === "xlsx") {
      const wbRels = current(wbRelsPath);
      const vba = parseRels(wbRels, "xl/workbook.xml").filter((r) => !r.external && /\/vbaProject$/.test(r.type));
      if (wbRels !== null && vba.length > 0) {
        macrosDropped = true;
        const gone = new Set<string>();
        for (const r of vba) {
          gone.add(r.target);
          // The project's own relationships (its signature, its data) go with it.
          const rels = relsPathOf(r.target);
          for (const sub of parseRels(this.part(rels), r.target)) if (!sub.external) gone.add(sub.target);
          gone.add(rels);
        }
        for (const p of gone) if (this.entries.has(p)) plan.drop.add(p);
        const ids = new Set(vba.map((r) => r.id));
        const rels = wbRels.replace(/<Relationship\b[^>]*>/g, (t) => (ids.has(tagAttrs(t).Id ?? "") ? "" : t));
        if (this.entries.has(wbRelsPath)) plan.replace.set(wbRelsPath, rels);
        else plan.create.set(wbRelsPath, rels);
        types = types.replace(/<Override\b[^>]*>/g, (o) => (gone.has((tagAttrs(o).PartName ?? "").replace(/^\//, "")) ? "" : o));
      }
    }
    if (types !== before) plan.replace.set(typesPath, types);
    return { macrosDropped };
  }

  private async writePart(w: ZipWriter, name: string, content: string | (() => Iterable<string>)): Promise<void> {
    if (typeof content === "string") return w.addBuffer(name, Buffer.from(content, "utf8"));
    const s = w.begin(name);
    for (const piece of content()) await s.write(piece);
    await s.end();
  }

  /** Which parts change, which are new, which go (the tables of a replaced sheet). */
  private async plan(): Promise<{ replace: Map<string, string | (() => Iterable<string>)>; create: Map<string, string | (() => Iterable<string>)>; drop: Set<string> }> {
    const replace = new Map<string, string | (() => Iterable<string>)>();
    const create = new Map<string, string | (() => Iterable<string>)>();
    const drop = new Set<string>();
    if (this.added.length === 0 && !this.metaChanged) return { replace, create, drop };
    const taken = new Set([...this.entries.keys()].map((n) => n.toLowerCase()));
    const freePart = (dir: string, stem: string, ext: string): string => {
      for (let i = 1; ; i++) {
        const p = `${dir}/${stem}${i}${ext}`;
        if (!taken.has(p.toLowerCase())) {
          taken.add(p.toLowerCase());
          return p;
        }
      }
    };
    const wbRelsPath = "xl/_rels/workbook.xml.rels";
    let wbXml = this.part("xl/workbook.xml")!;
    let wbRels = this.part(wbRelsPath) ?? `${XML_HEAD}<Relationships xmlns="${NS_PKG_RELS}"></Relationships>`;
    let types = this.part("[Content_Types].xml");
    if (types === null) throw new Error("no [Content_Types].xml in the source workbook");
    const usedIds = new Set(parseRels(wbRels, "xl/workbook.xml").map((r) => r.id));
    let ridNo = 1;
    const newRid = (): string => {
      while (usedIds.has(`rId${ridNo}`)) ridNo++;
      const id = `rId${ridNo}`;
      usedIds.add(id);
      return id;
    };
    const relLines: string[] = [];
    const overrides: string[] = [];
    const removedOverrides = new Set<string>();
    const addRel = (type: string, target: string): string => {
      const id = newRid();
      relLines.push(`<Relationship Id="${id}" Type="${type}" Target="${esc(target.replace(/^xl\//, ""))}"/>`);
      return id;
    };

    // Our sheets: into the part of the sheet they replace, or new parts.
    const newSheetEntries: string[] = [];
    const definedNames: { localSheetId: number; xml: string }[] = [];
    let sheetId = Math.max(0, ...this.sourceSheets.map((s) => s.sheetId));
    const meta = this.sourceMeta();
    // Final order, as the ExcelJS host saves it: the source's sheets, ours, then the meta sheet last.
    const base = this.sourceSheets.length - (meta ? 1 : 0);
    const finalIndex = new Map<string, number>();
    const inserted = this.added.filter((s) => !s.replaces).length;
    const moved = (i: number): number => (!meta || i < meta.index ? i : i === meta.index ? base + inserted : i - 1);
    let k = 0;
    for (const s of this.added) {
      let path: string;
      if (s.replaces) {
        path = s.replaces.path;
        finalIndex.set(s.name, moved(s.replaces.index));
        // The old sheet's relationships (and the tables they show) go with it.
        const oldRels = relsPathOf(path);
        for (const r of parseRels(this.part(oldRels), path)) {
          if (r.type === REL.table && this.entries.has(r.target)) {
            drop.add(r.target);
            removedOverrides.add(`/${r.target}`);
          }
        }
        if (this.entries.has(oldRels)) drop.add(oldRels);
      } else {
        path = freePart("xl/worksheets", "sheet", ".xml");
        const rid = addRel(REL.worksheet, path);
        newSheetEntries.push(`<sheet name="${esc(s.name)}" sheetId="${++sheetId}" r:id="${rid}"/>`);
        overrides.push(`<Override PartName="/${path}" ContentType="${CONTENT_TYPE.worksheet}"/>`);
        finalIndex.set(s.name, base + k++);
      }
      (s.replaces ? replace : create).set(path, () => this.sheetXml(s, "rId1"));
      if (s.model.type === "table") {
        const tablePath = freePart("xl/tables", "table", ".xml");
        create.set(relsPathOf(path), sheetRelsXml(posix.relative(posix.dirname(path), tablePath)));
        create.set(tablePath, this.tableXml(s.model));
        overrides.push(`<Override PartName="/${tablePath}" ContentType="${CONTENT_TYPE.table}"/>`);
        // A "" cell needs the shared empty string, known before the shared strings part is written.
        if (s.model.rows.some((r) => r.some((v) => v === "")) || s.model.spec.columns.some((c) => c.header === "")) this.cells.emptyUsed = true;
      } else {
        const rr = s.model.spec.print.repeatRows;
        if (rr) definedNames.push({ localSheetId: finalIndex.get(s.name)!, xml: esc(sheetRef(s.name, `$${rr.first + 1}:$${rr.last + 1}`)) });
      }
    }

    // The meta sheet: rewritten in its part, or new (very hidden, last).
    if (this.metaChanged) {
      const rows = await this.metaRows();
      const metaXml = metaSheetXml(rows);
      if (meta) replace.set(meta.path, metaXml);
      else {
        const path = freePart("xl/worksheets", "sheet", ".xml");
        const rid = addRel(REL.worksheet, path);
        newSheetEntries.push(`<sheet name="${META_SHEET}" sheetId="${++sheetId}" state="veryHidden" r:id="${rid}"/>`);
        overrides.push(`<Override PartName="/${path}" ContentType="${CONTENT_TYPE.worksheet}"/>`);
        create.set(path, metaXml);
      }
    }

    // Styles and shared strings.
    if (this.styles.changed) {
      const xml = this.styles.xml();
      if (this.stylesPath) replace.set(this.stylesPath, xml);
      else {
        create.set("xl/styles.xml", xml);
        addRel(REL.styles, "xl/styles.xml");
        overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>`);
      }
    }
    const sst = this.sharedStringsXml();
    if (sst !== null) {
      if (this.sstPath) replace.set(this.sstPath, sst);
      else {
        const p = freePart("xl", "sharedStrings", ".xml");
        create.set(p, sst);
        addRel(REL.sharedStrings, p);
        overrides.push(`<Override PartName="/${p}" ContentType="${CONTENT_TYPE.sharedStrings}"/>`);
      }
    }

    // workbook.xml: our <sheet>s after the source's, the meta sheet moved last, sheet indexes renumbered.
    if (newSheetEntries.length > 0 || meta) {
      let metaTag = "";
      if (meta) {
        wbXml = remapSheetIndexes(wbXml, moved);
        const t = tags(wbXml, "sheet")[meta.index]!;
        const end = t.text.endsWith("/>") ? t.end : wbXml.indexOf("</sheet>", t.end) + "</sheet>".length;
        metaTag = wbXml.slice(t.index, end);
        wbXml = wbXml.slice(0, t.index) + wbXml.slice(end);
      }
      const close = wbXml.indexOf("</sheets>");
      if (close < 0) throw new Error("workbook.xml: no </sheets>");
      wbXml = wbXml.slice(0, close) + newSheetEntries.join("") + metaTag + wbXml.slice(close);
      wbXml = ensureRelNamespace(wbXml);
    }
    const replacedIdx = new Set(this.added.filter((s) => s.replaces).map((s) => finalIndex.get(s.name)!));
    let dropRels = new Set<string>();
    if (replacedIdx.size > 0) {
      // A replacement is a new, visible sheet (as on the ExcelJS host) in the old one's place.
      const replacedRids = new Set(this.added.flatMap((s) => (s.replaces ? [s.replaces.rid] : [])));
      wbXml = wbXml.replace(/<sheet(?=[\s/>])[^>]*>/g, (t) => (replacedRids.has(tagAttrs(t)["r:id"] ?? "") ? t.replace(/\sstate\s*=\s*("[^"]*"|'[^']*')/, "") : t));
      // The calculation chain may name formula cells of the old sheet: Excel rebuilds it when it is missing.
      const chain = parseRels(wbRels, "xl/workbook.xml").filter((r) => /\/calcChain$/.test(r.type));
      for (const c of chain) {
        if (this.entries.has(c.target)) drop.add(c.target);
        removedOverrides.add(`/${c.target}`);
      }
      dropRels = new Set(chain.map((c) => c.id));
      // The replaced sheets' old print titles / print areas go.
      wbXml = wbXml.replace(/<definedName\b[^>]*>[^<]*<\/definedName>/g, (d) => {
        const a = tagAttrs(d.slice(0, d.indexOf(">") + 1));
        return /^_xlnm\.(Print_Titles|Print_Area)$/.test(a.name ?? "") && replacedIdx.has(parseInt(a.localSheetId ?? "-1", 10)) ? "" : d;
      });
    }
    if (definedNames.length > 0) wbXml = addDefinedNames(wbXml, definedNames.map((d) => `<definedName name="_xlnm.Print_Titles" localSheetId="${d.localSheetId}">${d.xml}</definedName>`));
    replace.set("xl/workbook.xml", wbXml);

    if (dropRels.size > 0) wbRels = wbRels.replace(/<Relationship\b[^>]*>/g, (r) => (dropRels.has(tagAttrs(r).Id ?? "") ? "" : r));
    if (relLines.length > 0 || dropRels.size > 0) {
      const close = wbRels.lastIndexOf("</Relationships>");
      wbRels = wbRels.slice(0, close) + relLines.join("") + wbRels.slice(close);
      if (this.entries.has(wbRelsPath)) replace.set(wbRelsPath, wbRels);
      else create.set(wbRelsPath, wbRels);
    }
    if (overrides.length > 0 || removedOverrides.size > 0) {
      types = types.replace(/<Override\b[^>]*>/g, (o) => (removedOverrides.has(tagAttrs(o).PartName ?? "") ? "" : o));
      const close = types.lastIndexOf("</Types>");
      types = types.slice(0, close) + overrides.join("") + types.slice(close);
      replace.set("[Content_Types].xml", types);
    }
    return { replace, create, drop };
  }
}

// ---- helpers of save --------------------------------------------------------------------------------

function applyStyle(l: CellLook, style: CellStyle): void {
  if (style.numberFormat) l.numFmt = style.numberFormat;
  if (style.bold !== undefined || style.italic !== undefined || style.fontSize !== undefined || style.fontColor !== undefined) {
    l.font = {
      ...(l.font ?? {}),
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.fontSize !== undefined ? { size: style.fontSize } : {}),
      ...(style.fontColor !== undefined ? { color: argb(style.fontColor) } : {}),
    };
  }
  if (style.fill) l.fill = argb(style.fill);
  if (style.hAlign || style.vAlign || style.wrap !== undefined) {
    l.align = {
      ...(l.align ?? {}),
      ...(style.hAlign ? { horizontal: style.hAlign } : {}),
      ...(style.vAlign ? { vertical: style.vAlign } : {}),
      ...(style.wrap !== undefined ? { wrap: style.wrap } : {}),
    };
  }
}

function sheetRelsXml(tableTarget: string): string {
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_RELS}"><Relationship Id="rId1" Type="${REL.table}" Target="${esc(tableTarget)}"/></Relationships>`;
}

/** The meta sheet: one row per mark, text cells. */
function metaSheetXml(rows: readonly MetaRow[]): string {
  const cell = (ref: string, s: string): string => (s === "" ? "" : `<c r="${ref}" t="inlineStr"><is><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ""}>${esc(s)}</t></is></c>`);
  const body = rows.map((r, i) => `<row r="${i + 1}">${cell(`A${i + 1}`, r.kind)}${cell(`B${i + 1}`, r.key)}${cell(`C${i + 1}`, r.value)}</row>`).join("");
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetData>${body}</sheetData></worksheet>`;
}

/** `localSheetId`, `activeTab` and `firstSheet` renumbered after the sheets moved (`to` maps old index → new). */
function remapSheetIndexes(xml: string, to: (i: number) => number): string {
  const remap = (tag: string, attr: string): string => tag.replace(new RegExp(`(\\s${attr}\\s*=\\s*")(\\d+)(")`), (_m, a: string, n: string, b: string) => `${a}${to(parseInt(n, 10))}${b}`);
  return xml.replace(/<definedName\b[^>]*>/g, (t) => remap(t, "localSheetId")).replace(/<workbookView\b[^>]*>/g, (t) => remap(remap(t, "activeTab"), "firstSheet"));
}

/** The workbook root declares the relationships namespace as `r` (our `r:id` needs it). */
function ensureRelNamespace(xml: string): string {
  const root = /<workbook\b[^>]*>/.exec(xml);
  if (!root) throw new Error("workbook.xml: no <workbook>");
  if (/\sxmlns:r\s*=/.test(root[0])) {
    if (!root[0].includes(`xmlns:r="${NS_R}"`)) throw new Error("workbook.xml: prefix r is bound to another namespace");
    return xml;
  }
  return xml.slice(0, root.index) + root[0].replace(/(\/?)>$/, ` xmlns:r="${NS_R}"$1>`) + xml.slice(root.index + root[0].length);
}

/** Add `<definedName>`s, making `<definedNames>` in its schema place when the workbook has none. */
function addDefinedNames(xml: string, names: readonly string[]): string {
  const close = xml.indexOf("</definedNames>");
  if (close >= 0) return xml.slice(0, close) + names.join("") + xml.slice(close);
  const empty = /<definedNames\s*\/>/.exec(xml);
  if (empty) return xml.slice(0, empty.index) + `<definedNames>${names.join("")}</definedNames>` + xml.slice(empty.index + empty[0].length);
  // After sheets, functionGroups and externalReferences — whichever comes last.
  let at = -1;
  for (const end of ["</sheets>", "</functionGroups>", "</externalReferences>"]) {
    const i = xml.indexOf(end);
    if (i >= 0) at = Math.max(at, i + end.length);
  }
  const fg = /<functionGroups\b[^>]*\/>/.exec(xml);
  if (fg) at = Math.max(at, fg.index + fg[0].length);
  if (at < 0) throw new Error("workbook.xml: no </sheets>");
  return xml.slice(0, at) + `<definedNames>${names.join("")}</definedNames>` + xml.slice(at);
}
