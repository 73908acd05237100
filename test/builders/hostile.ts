/**
 * Hostile input for the reliability suites: fast-check arbitraries of clerk sheets that go wrong
 * in every way a real workbook can (random cell types, merged regions, `#N/A`/`#REF!`, huge and
 * negative numbers, zero-width text, emoji, 32,767-character text, dates out of range, duplicate
 * and empty headers, header-only sheets), and bridges that put those grids into an ExcelJS
 * workbook or the Excel fake, plus a content hash of a sheet for the non-destructive checks.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import ExcelJS from "exceljs";
import type { MergeArea, RawCell, SheetGrid } from "../../src/core/import/types";
import type { FakeExcel } from "../excel-fake";

/** Excel's longest cell text. */
export const MAX_CELL_TEXT = 32_767;

/** Error values a cell can hold. */
export const ERROR_VALUES = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"] as const;

/** Text a clerk (or an attacker) can put in a cell that formulas, CSV and PDF must keep as text. */
export const INJECTION_STRINGS = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)", "=1+1", '=cmd|" /C calc"!A0', "\t=1+1", "＝1+1"] as const;

/** A text of exactly Excel's maximum length (ends in a CJK char so truncation would show). */
export const LONG_TEXT = `${"长".repeat(16)}${"x".repeat(MAX_CELL_TEXT - 17)}尾`;

/** Strings that broke spreadsheets before: invisible, huge, bidi, surrogates, look-alikes. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u3000",
  "\u200B",
  "\u200B\u200C\u200D\uFEFF",
  "\u2060",
  "😀",
  "👨‍👩‍👧‍👦",
  "🇨🇳",
  "\u202E反转文字",
  "a\u0000b",
  "\uD800",
  "\n",
  "line1\r\nline2",
  "#N/A",
  "#REF!",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "-1e309",
  "9007199254740993",
  "(123.00)",
  "¥1,234.50",
  "１２３４",
  "1,2,3",
  "2018-02-29",
  "0000-00-00",
  "9999-12-31",
  "2025年13月1日",
  "2025/2/30",
  "3月5日",
  "合计",
  "小计：",
  "制表人：王",
  "客户",
  "日期",
  "TRUE",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "toString",
  LONG_TEXT,
  ...INJECTION_STRINGS,
];

/** Header texts by role (synonyms the importer knows, plus near-misses). */
export const HEADER_POOL: readonly string[] = [
  "日期",
  "订单日期",
  "发货日期",
  "客户",
  "客户名称",
  "购货单位",
  "型号",
  "品名",
  "数量",
  "单价",
  "金额",
  "金额（元）",
  "应收金额",
  "折扣",
  "订单号",
  "仓库",
  "状态",
  "备注",
  "回款金额",
  "付款方式",
  "收款账户",
  "联系人",
  "电话",
  "结算方式",
  "信用额度",
  "账期",
  "期初应收",
  "系列",
  "单位",
  "退货原因",
  "处理结果",
  "库存",
  "Customer",
  "Date",
  "Amount",
  "Qty",
  "",
  "\u200B",
  "😀",
];

/** Sheet names that steer role detection (and a few that are just odd). */
export const SHEET_NAME_POOL: readonly string[] = ["1月销售", "2025年销售明细", "回款", "客户", "产品价格", "退货", "库存", "Sheet1", "汇总", "😀表", "引号'表", "a b", "Orders", "Payments", "__proto__", "constructor", "hasOwnProperty"];

/** Number formats clerks' cells carry. */
export const FORMAT_POOL: readonly string[] = ["General", "yyyy-mm-dd", "yyyy/m/d", "m/d/yyyy", "@", "#,##0.00", "0%", "[$-804]yyyy\"年\"m\"月\"d\"日\"", "0.00_);(0.00)", "¥#,##0.00"];

/** Formulas, with and without a cached result, including broken ones. */
export const FORMULA_POOL: readonly string[] = ["=SUM(A1:A3)", "=A1*B1", "=#REF!+1", "=1/0", "=E2*F2", "=SUM(F2:F9)", "=SUBTOTAL(9,F2:F9)", '=HYPERLINK("http://x","y")', "=TODAY()", "=NOW()-1", "=VLOOKUP(A1,Sheet9!A:B,2,0)"];

/** Numbers that are hard on money, quantity and date parsing (all finite: hosts never give NaN). */
export const HOSTILE_NUMBERS: readonly number[] = [0, -0, 1, -1, 0.1 + 0.2, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 1e15, 1e21, 60, 61, -1, 2958465, 2958466, 1e7, 45721, 45721.999, 100000.005, 12.345, -12.345];

/** Any raw cell a host can hand the importer. */
export const arbHostileCell: fc.Arbitrary<RawCell> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(...ERROR_VALUES).map((error) => ({ error })) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100_000, max: 3_000_000 }) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);

/** A cell that is plausible for a field most of the time and hostile otherwise. */
function arbFieldCell(header: string): fc.Arbitrary<RawCell> {
  let plausible: fc.Arbitrary<RawCell>;
  if (/日期|date/i.test(header)) {
    plausible = fc.oneof(
      fc.integer({ min: 36526, max: 47848 }),
      fc.constantFrom("2025-03-05", "2025.3.5", "2025/3/5", "2025年3月5日", "2018-01-01 星期五", "3月5日", "20250305", "2018-02-29", "2025-13-01"),
    );
  } else if (/客户|单位|customer/i.test(header)) {
    plausible = fc.constantFrom("长沙华兴商贸", "郑州宏达(集团)", "郑州宏达（集团）", " 西安秦川 ", "ACME", "acme", "__proto__", "constructor", "toString", ...INJECTION_STRINGS, "😀客户", LONG_TEXT.slice(0, 300), LONG_TEXT);
  } else if (/型号|品名/.test(header)) {
    plausible = fc.constantFrom("XY-100", "xy-100", "A-1", "型号甲", "__proto__", "hasOwnProperty", ...INJECTION_STRINGS);
  } else if (/数量|qty/i.test(header)) {
    plausible = fc.oneof(fc.integer({ min: -50, max: 500 }), fc.constantFrom("12件", "(2)", "1,200", "１２", "3.5", "abc"));
  } else if (/金额|单价|额度|期初|amount/i.test(header)) {
    plausible = fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000 }).map((n) => n / 100), fc.constantFrom("1,234.50", "¥1,234.50", "1234.5元", "(123.00)", "-", "１２３", "12.345"));
  } else if (/折扣/.test(header)) {
    plausible = fc.constantFrom(0.9, "9折", "九折", "90%", 85, "abc");
  } else if (/状态/.test(header)) {
    plausible = fc.constantFrom("已发货", "已取消", "已签收", "作废", "???");
  } else {
    plausible = fc.oneof(fc.constantFrom("备注", "工行", "转账", "月结30天", "是", "否"), fc.string({ maxLength: 6 }));
  }
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: arbHostileCell });
}

/** Options of `arbHostileGrid`. */
export interface HostileGridOptions {
  readonly maxRows?: number;
  readonly maxCols?: number;
  /** Sheet name (default drawn from the pool). */
  readonly name?: string;
}

/**
 * One sheet: 0–3 title rows (maybe merged), a header row (maybe absent, duplicated, with empty
 * or emoji headers), 0–maxRows data rows of plausible-or-hostile cells, random formats and
 * formulas, repeated header rows, subtotal rows and merged regions; offset from A1 sometimes.
 */
export function arbHostileGrid(opts: HostileGridOptions = {}): fc.Arbitrary<SheetGrid> {
  const maxRows = opts.maxRows ?? 25;
  const maxCols = opts.maxCols ?? 8;
  return fc
    .record({
      name: opts.name !== undefined ? fc.constant(opts.name) : fc.constantFrom(...SHEET_NAME_POOL),
      startRow: fc.constantFrom(0, 0, 0, 1, 3),
      startCol: fc.constantFrom(0, 0, 0, 2),
      titles: fc.array(fc.constantFrom("2025年销售明细表", "单位：元", "长沙华兴 往来账", "", "😀", LONG_TEXT), { maxLength: 3 }),
      header: fc.option(fc.array(fc.constantFrom(...HEADER_POOL), { minLength: 1, maxLength: maxCols }), { freq: 6 }),
      rowCount: fc.integer({ min: 0, max: maxRows }),
      seed: fc.integer(),
      ragged: fc.boolean(),
    })
    .chain((g) => {
      const width = Math.max(1, g.header?.length ?? 0, 1);
      const headers = g.header ?? Array.from({ length: width }, () => "");
      const row = fc.tuple(...headers.map((h) => arbFieldCell(h))) as fc.Arbitrary<RawCell[]>;
      const special = fc.oneof(
        { weight: 6, arbitrary: row },
        { weight: 1, arbitrary: fc.constant(headers.map((h) => (h === "" ? null : h)) as RawCell[]) }, // repeated header
        { weight: 1, arbitrary: fc.constant(["合计", ...headers.slice(1).map(() => null)] as RawCell[]) },
        { weight: 1, arbitrary: fc.constant(headers.map(() => null) as RawCell[]) },
      );
      return fc.record({
        rows: fc.array(special, { minLength: g.rowCount, maxLength: g.rowCount }),
        formatCells: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...FORMAT_POOL)), { maxLength: 8 }),
        formulaCells: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...FORMULA_POOL), fc.boolean()), { maxLength: 4 }),
        mergeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
      }).map((body) => buildGrid(g, headers, body));
    });
}

function buildGrid(
  g: { name: string; startRow: number; startCol: number; titles: string[]; header: string[] | null; ragged: boolean },
  headers: readonly string[],
  body: { rows: RawCell[][]; formatCells: [number, number, string][]; formulaCells: [number, number, string, boolean][]; mergeSeeds: [number, number, number, number][] },
): SheetGrid {
  const width = headers.length;
  const values: RawCell[][] = [];
  for (const title of g.titles) values.push([title, ...Array.from({ length: width - 1 }, () => null)]);
  if (g.header) values.push(headers.map((h) => (h === "" ? null : h)));
  for (const r of body.rows) values.push(g.ragged && r.length > 1 ? r.slice(0, r.length - 1) : [...r]);
  const formats = values.map((r) => r.map(() => "General"));
  const formulas: (string | null)[][] = values.map((r) => r.map(() => null));
  const n = values.length;
  if (n > 0) {
    for (const [r, c, f] of body.formatCells) {
      const row = formats[r % n]!;
      if (row.length > 0) row[c % row.length] = f;
    }
    for (const [r, c, f, cached] of body.formulaCells) {
      const vr = values[r % n]!;
      if (vr.length === 0) continue;
      const col = c % vr.length;
      formulas[r % n]![col] = f;
      if (!cached) vr[col] = null;
    }
  }
  const merges: MergeArea[] = [];
  const taken = (r: number, c: number): boolean => merges.some((m) => r >= m.row && r <= m.rowEnd && c >= m.col && c <= m.colEnd);
  for (const [r0, c0, dr, dc] of body.mergeSeeds) {
    if (n === 0) break;
    const r = r0 % n;
    const c = c0 % width;
    const rowEnd = Math.min(n - 1, r + dr);
    const colEnd = Math.min(width - 1, c + dc);
    if (rowEnd === r && colEnd === c) continue;
    let clash = false;
    for (let i = r; i <= rowEnd; i++) for (let j = c; j <= colEnd; j++) if (taken(i + g.startRow, j + g.startCol)) clash = true;
    if (clash) continue;
    merges.push({ row: g.startRow + r, col: g.startCol + c, rowEnd: g.startRow + rowEnd, colEnd: g.startCol + colEnd });
    // Excel keeps only the top-left value of a merged area.
    for (let i = r; i <= rowEnd; i++) {
      for (let j = c; j <= colEnd; j++) {
        if (i === r && j === c) continue;
        const vr = values[i]!;
        if (j < vr.length) vr[j] = null;
        if (j < formulas[i]!.length) formulas[i]![j] = null;
      }
    }
  }
  return { name: g.name, startRow: g.startRow, startCol: g.startCol, values, formats, formulas, merges };
}

/** 1–4 hostile sheets with names unique the way Excel wants them (case-insensitive). */
export function arbHostileWorkbook(opts: HostileGridOptions = {}): fc.Arbitrary<SheetGrid[]> {
  return fc.uniqueArray(fc.constantFrom(...SHEET_NAME_POOL), { minLength: 1, maxLength: 4, selector: (s) => s.toLowerCase() }).chain((names) => fc.tuple(...names.map((name) => arbHostileGrid({ ...opts, name }))));
}

// ---- bridges -----------------------------------------------------------------------------------

/** Text Excel can store: no lone surrogates, no control characters, within the cell limit, never "" (what a real file can hold). */
export function storable(v: RawCell): RawCell {
  if (typeof v !== "string") return v;
  // Office.js clears a cell written with "" and ExcelJS drops it: an empty text is an empty cell.
  if (v === "") return null;
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const code = v.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = v.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += v[i]! + v[i + 1]!;
        i++;
      } else out += "?";
    } else if (code >= 0xdc00 && code <= 0xdfff) out += "?";
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) out += "?";
    else out += v[i]!;
  }
  return out.slice(0, MAX_CELL_TEXT);
}

/** Put grids into an ExcelJS workbook (values, number formats, formulas with cached results, merges). */
export function gridsToExcelJs(grids: readonly SheetGrid[], workbook = new ExcelJS.Workbook()): ExcelJS.Workbook {
  for (const g of grids) {
    const ws = workbook.addWorksheet(g.name);
    g.values.forEach((row, r) => {
      row.forEach((raw, c) => {
        const v = storable(raw);
        const f = g.formulas[r]?.[c] ?? null;
        const fmt = g.formats[r]?.[c] ?? "General";
        if (v === null && f === null && fmt === "General") return;
        const cell = ws.getCell(g.startRow + r + 1, g.startCol + c + 1);
        if (f !== null) {
          const result = v === null ? undefined : typeof v === "object" ? { error: v.error } : v;
          cell.value = { formula: f.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
        } else if (v !== null) cell.value = (typeof v === "object" ? { error: v.error } : v) as ExcelJS.CellValue;
        if (fmt !== "General") cell.numFmt = fmt;
      });
    });
    for (const m of g.merges) ws.mergeCells(m.row + 1, m.col + 1, m.rowEnd + 1, m.colEnd + 1);
  }
  return workbook;
}

/** Put grids into the Excel fake as user sheets (values, formats, formulas, merges). */
export function gridsToFake(grids: readonly SheetGrid[], fake: FakeExcel): void {
  for (const g of grids) {
    const sheet = fake.addSheet(
      g.name,
      g.values.map((r) => r.map(storable)),
      { formats: g.formats.map((r) => r.map((f) => (f === "General" ? null : f))), formulas: g.formulas, startRow: g.startRow, startCol: g.startCol },
    );
    for (const m of g.merges) sheet.merges.push({ row: m.row, col: m.col, rows: m.rowEnd - m.row + 1, cols: m.colEnd - m.col + 1 });
  }
}

// ---- hashes ------------------------------------------------------------------------------------

function sha(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Hash of every cell of an ExcelJS sheet: value (as stored, formulas included), number format, merges, state. */
export function hashExcelJsSheet(ws: ExcelJS.Worksheet): string {
  const parts: string[] = [`name=${ws.name}`, `state=${ws.state ?? "visible"}`];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value as unknown;
      const value = v instanceof Date ? `date:${v.toISOString()}` : JSON.stringify(v ?? null);
      if (value === "null" && !cell.numFmt) return;
      parts.push(`${r},${c}|${value}|${cell.numFmt ?? ""}|${cell.formula ?? ""}`);
    });
  });
  const merges = [...((ws.model as { merges?: string[] }).merges ?? [])].sort();
  parts.push(`merges=${merges.join(",")}`);
  return sha(parts.join("\n"));
}

/** Hash of every cell of a fake sheet: value, formula, number format, merges, visibility. */
export function hashFakeSheet(fake: FakeExcel, name: string): string {
  const s = fake.sheet(name);
  if (!s) return "missing";
  const parts: string[] = [`name=${s.name}`, `vis=${s.visibility}`];
  s.rows.forEach((row, r) => {
    if (!row) return;
    const width = Math.max(row.v.length, row.f?.length ?? 0, row.nf?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const v = row.v[c] ?? null;
      const f = row.f?.[c];
      const nf = row.nf?.[c];
      if (v === null && f === undefined && nf === undefined) continue;
      parts.push(`${r},${c}|${JSON.stringify(v)}|${f ?? ""}|${nf ?? ""}`);
    }
  });
  parts.push(`merges=${s.merges.map((m) => `${m.row},${m.col},${m.rows},${m.cols}`).sort().join(";")}`);
  return sha(parts.join("\n"));
}

// ---- files ---------------------------------------------------------------------------------------

/**
 * An OLE compound file (CFB v3, 512-byte sectors) holding `EncryptionInfo` (agile, 4.4) and
 * `EncryptedPackage` streams: the container Excel writes for "Encrypt with password". Structurally
 * valid (header, FAT, directory tree), so a sniffer that parses the directory sees the same names.
 */
export function encryptedWorkbookBytes(): Buffer {
  const SECTOR = 512;
  const streamSectors = 8; // 4,096 bytes each: at the mini-stream cut-off, so regular sectors are used
  const total = 1 + 2 + 1 + streamSectors * 2; // header + FAT + directory + 2 streams
  const buf = Buffer.alloc(total * SECTOR);
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  // Header
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x003e, 24);
  buf.writeUInt16LE(0x0003, 26);
  buf.writeUInt16LE(0xfffe, 28);
  buf.writeUInt16LE(9, 30);
  buf.writeUInt16LE(6, 32);
  buf.writeUInt32LE(1, 44); // FAT sectors
  buf.writeUInt32LE(1, 48); // first directory sector
  buf.writeUInt32LE(4096, 56);
  buf.writeUInt32LE(END, 60);
  buf.writeUInt32LE(0, 64);
  buf.writeUInt32LE(END, 68);
  buf.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) buf.writeUInt32LE(i === 0 ? 0 : FREE, 76 + i * 4);
  const sector = (n: number): number => SECTOR * (n + 1);
  // FAT (sector 0)
  const fat = new Array<number>(SECTOR / 4).fill(FREE);
  fat[0] = FATSECT;
  fat[1] = END;
  for (let s = 0; s < 2; s++) {
    const first = 2 + s * streamSectors;
    for (let i = 0; i < streamSectors; i++) fat[first + i] = i === streamSectors - 1 ? END : first + i + 1;
  }
  fat.forEach((v, i) => buf.writeUInt32LE(v >>> 0, sector(0) + i * 4));
  // Directory (sector 1): root, EncryptionInfo, EncryptedPackage, unused
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number): void => {
    const o = sector(1) + i * 128;
    if (name) {
      Buffer.from(`${name}\u0000`, "utf16le").copy(buf, o);
      buf.writeUInt16LE((name.length + 1) * 2, o + 64);
    }
    buf.writeUInt8(type, o + 66);
    buf.writeUInt8(1, o + 67);
    buf.writeUInt32LE(FREE, o + 68);
    buf.writeUInt32LE(right, o + 72);
    buf.writeUInt32LE(child, o + 76);
    buf.writeUInt32LE(start, o + 116);
    buf.writeUInt32LE(size, o + 120);
  };
  entry(0, "Root Entry", 5, 1, FREE, END, 0);
  entry(1, "EncryptionInfo", 2, FREE, 2, 2, 4096);
  entry(2, "EncryptedPackage", 2, FREE, FREE, 2 + streamSectors, 4096);
  entry(3, "", 0, FREE, FREE, 0, 0);
  // EncryptionInfo: version 4.4 (agile), flags 0x40, then the XML descriptor.
  const info = sector(2);
  buf.writeUInt16LE(4, info);
  buf.writeUInt16LE(4, info + 2);
  buf.writeUInt32LE(0x40, info + 4);
  Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></encryption>', "utf8").copy(buf, info + 8);
  // EncryptedPackage: the plaintext size, then ciphertext (noise here).
  const pkg = sector(2 + streamSectors);
  buf.writeUInt32LE(4000, pkg);
  for (let i = 8; i < 4096; i++) buf[pkg + i] = (i * 131 + 17) & 0xff;
  return buf;
}
