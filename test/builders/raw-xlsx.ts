/**
 * Hand-written .xlsx files for the hostile-file suites: parts given as XML text (or bytes), zipped
 * stored or deflated, so a test can put exactly the markup it means into a workbook — broken
 * constructs, namespace prefixes, stray cells in XFD1048576, or a deflate bomb — at test time.
 */
import { crc32, deflateRawSync } from "node:zlib";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One zip entry: its name, its bytes, and whether to deflate it (default true). */
export interface RawPart {
  readonly name: string;
  readonly data: string | Uint8Array;
  readonly deflate?: boolean;
  /** Sizes written into the headers instead of the true ones (a lying archive). */
  readonly claimedSize?: number;
}

/**
 * A zip archive of `parts` (classic, no zip64).
 * @example readZipDirectory(zipParts([{ name: "a.txt", data: "hi" }])).has("a.txt") // true
 */
export function zipParts(parts: readonly RawPart[]): Buffer {
  const chunks: Buffer[] = [];
  const dir: Buffer[] = [];
  let pos = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : Buffer.from(p.data);
    const deflate = p.deflate !== false;
    const body = deflate ? deflateRawSync(raw, { level: 9 }) : raw;
    const name = Buffer.from(p.name, "utf8");
    const crc = crc32(raw) >>> 0;
    const size = p.claimedSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(pos, 42);
    chunks.push(local, name, body);
    dir.push(central, name);
    pos += 30 + name.length + body.length;
  }
  const d = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(d.length, 12);
  end.writeUInt32LE(pos, 16);
  return Buffer.concat([...chunks, d, end]);
}

/** What a one-sheet workbook is made of; each part's XML may be replaced whole. */
export interface RawWorkbook {
  /** The `<sheetData>` children (rows), used when `sheetXml` is absent. */
  readonly rows?: string;
  readonly sheetXml?: string;
  readonly workbookXml?: string;
  readonly workbookRels?: string;
  readonly stylesXml?: string;
  /** Shared strings part (absent: none). */
  readonly sharedStrings?: string | Uint8Array;
  readonly sheetName?: string;
  /** Extra parts (e.g. a bomb), added as they are. */
  readonly extra?: readonly RawPart[];
}

/** A sheet's XML around rows. */
export function sheetXml(rows: string): string {
  return `${HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** An inline-string cell. */
export function textCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** A number cell. */
export function numberCell(ref: string, n: number): string {
  return `<c r="${ref}"><v>${n}</v></c>`;
}

/** Rows of a small orders sheet: 日期, 客户, 型号, 数量, 单价, 金额 with `n` lines (amount 125.00 each). */
export function orderRows(n: number, customer = (i: number) => `客户${i % 3}`): string {
  const out = [`<row r="1">${["日期", "客户", "型号", "数量", "单价", "金额"].map((h, i) => textCell(`${"ABCDEF"[i]}1`, h)).join("")}</row>`];
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    out.push(`<row r="${r}">${textCell(`A${r}`, "2025-03-05")}${textCell(`B${r}`, customer(i))}${textCell(`C${r}`, "XY-100")}${numberCell(`D${r}`, 10)}${numberCell(`E${r}`, 12.5)}${numberCell(`F${r}`, 125)}</row>`);
  }
  return out.join("");
}

/**
 * A one-sheet .xlsx built from the given parts (defaults: a plain workbook, no styles).
 * @example rawXlsx({ rows: orderRows(3) })
 */
export function rawXlsx(w: RawWorkbook = {}): Buffer {
  const name = w.sheetName ?? "销售";
  const parts: RawPart[] = [
    {
      name: "[Content_Types].xml",
      data: `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${w.stylesXml !== undefined ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : ""}${w.sharedStrings !== undefined ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ""}</Types>`,
    },
    {
      name: "_rels/.rels",
      data: `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: "xl/workbook.xml", data: w.workbookXml ?? `${HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        w.workbookRels ??
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/>${w.stylesXml !== undefined ? `<Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/>` : ""}${w.sharedStrings !== undefined ? `<Relationship Id="rId3" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: w.sheetXml ?? sheetXml(w.rows ?? orderRows(3)) },
  ];
  if (w.stylesXml !== undefined) parts.push({ name: "xl/styles.xml", data: w.stylesXml });
  if (w.sharedStrings !== undefined) parts.push({ name: "xl/sharedStrings.xml", data: w.sharedStrings });
  parts.push(...(w.extra ?? []));
  return zipParts(parts);
}

/**
 * The same small orders workbook as .NET's Open XML SDK writes it: every part's elements under a
 * prefix (`x:` for SpreadsheetML, `pr:` for package relationships), `rel:` for relationship ids,
 * shared strings and a styles part with a date format.
 * @example prefixedXlsx(3) // 3 order lines of 125.00
 */
export function prefixedXlsx(lines: number): Buffer {
  const X = `xmlns:x="${NS_MAIN}"`;
  const REL = `xmlns:rel="${NS_R}"`;
  const PR = 'xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships"';
  const strings = ["日期", "客户", "型号", "数量", "单价", "金额", "长沙华兴", "XY-100"];
  const s = (ref: string, i: number): string => `<x:c r="${ref}" t="s"><x:v>${i}</x:v></x:c>`;
  const n = (ref: string, v: number, style = 0): string => `<x:c r="${ref}"${style ? ` s="${style}"` : ""}><x:v>${v}</x:v></x:c>`;
  const rows = [`<x:row r="1">${["A", "B", "C", "D", "E", "F"].map((c, i) => s(`${c}1`, i)).join("")}</x:row>`];
  for (let i = 0; i < lines; i++) {
    const r = i + 2;
    rows.push(`<x:row r="${r}">${n(`A${r}`, 45721, 1)}${s(`B${r}`, 6)}${s(`C${r}`, 7)}${n(`D${r}`, 10)}${n(`E${r}`, 12.5)}${n(`F${r}`, 125)}</x:row>`);
  }
  return rawXlsx({
    workbookXml: `${HEAD}<x:workbook ${X} ${REL}><x:sheets><x:sheet name="销售" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
    workbookRels: `${HEAD}<pr:Relationships ${PR}><pr:Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><pr:Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/><pr:Relationship Id="rId3" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/></pr:Relationships>`,
    stylesXml: `${HEAD}<x:styleSheet ${X}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></x:numFmts><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border></x:borders><x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
    sharedStrings: `${HEAD}<x:sst ${X} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<x:si><x:t>${t}</x:t></x:si>`).join("")}</x:sst>`,
    sheetXml: `${HEAD}<x:worksheet ${X} ${REL}><x:sheetData>${rows.join("")}</x:sheetData></x:worksheet>`,
  });
}
