/**
 * The WorkbookPort on ExcelJS, for .xlsx files (CLI, tests, batch jobs). Reads follow Office.js
 * `values` semantics (see `cells.ts`); ownership and settings live in the very-hidden
 * `_ledger_meta` sheet exactly as on the Excel host.
 */
import { rename, unlink, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import ExcelJS from "exceljs";
import {
  distinctUserNames,
  type ColumnValidation,
  type GridChunk,
  type Progress,
  type RawCell,
  type SheetInfo,
  type TableData,
  type TableSpec,
  type WorkbookPort,
  type WriteCell,
  type WriteSheetResult,
} from "../../app/workbook-port";
import type { SheetSpec } from "../../core/sheet-spec";
import { columnLetter } from "../../core/sheet-spec";
import { isoToExcelSerial } from "../../core/dates";
import { LEDGER_TABLES } from "../../core/ledger-tables";
import { normalizeText } from "../../core/text";
import type { Result } from "../../core/result";
import { formulaText, numberFormat, rawValue, serialToDate } from "./cells";
import { renderSheet, sheetRef } from "./render-sheet";
import { denseGrid } from "./grid-shape";
import { loadWorkbookBytes, loadWorkbookFile } from "./open-workbook";

/** Name of the very-hidden sheet holding ownership marks and settings (same on both hosts). */
export const META_SHEET = "_ledger_meta";

/** Rows per chunk when reading a sheet (the port promises ≤ 20,000). */
export const CHUNK_ROWS = 5000;

/** Longest inline list Excel accepts in a list validation (characters, commas included). */
const INLINE_LIST_LIMIT = 255;

interface Decoded {
  row: number;
  col: number;
}

function decode(addr: string): Decoded {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(addr.toUpperCase());
  if (!m) throw new Error(`bad cell address ${addr}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function decodeRange(ref: string): { row: number; col: number; rowEnd: number; colEnd: number } {
  const [a, b] = ref.replace(/^.*!/, "").split(":");
  const s = decode(a!);
  const e = decode(b ?? a!);
  return { row: Math.min(s.row, e.row), col: Math.min(s.col, e.col), rowEnd: Math.max(s.row, e.row), colEnd: Math.max(s.col, e.col) };
}

/** Column of `key` among a table's headers: the header text, or a ledger table's field name; -1 if none. */
function tableColumnIndex(tableName: string, headers: readonly string[], key: string): number {
  const byHeader = headers.findIndex((h) => normalizeText(h) === normalizeText(key));
  if (byHeader >= 0) return byHeader;
  const column = Object.values(LEDGER_TABLES).find((d) => d.tableName === tableName)?.columns.find((c) => c.field === key);
  return column ? headers.findIndex((h) => normalizeText(h) === column.header) : -1;
}

/**
 * An .xlsx workbook in memory behind the WorkbookPort. Open it with `XlsxWorkbook.open(path)` or
 * `fromBuffer`, change it through the port, then `save(path)` (written to a temp file, then renamed,
 * so a crash never leaves half a file).
 * @example
 * const r = await XlsxWorkbook.open("销售台账.xlsx");
 * if (r.ok) for (const s of await r.value.listSheets()) console.log(s.name);
 */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  /** Open a file; a missing, legacy, encrypted or damaged file is an issue, not an exception. */
  static async open(path: string): Promise<Result<XlsxWorkbook>> {
    const r = await loadWorkbookFile(path);
    return r.ok ? { ok: true, value: new XlsxWorkbook(r.value) } : r;
  }

  /** Load from bytes (`name` is used to word errors and to recognise CSV). */
  static async fromBuffer(bytes: Uint8Array, name = "workbook.xlsx"): Promise<Result<XlsxWorkbook>> {
    const r = await loadWorkbookBytes(bytes, name);
    return r.ok ? { ok: true, value: new XlsxWorkbook(r.value) } : r;
  }

  /** Wrap an ExcelJS workbook built in memory (tests, generators). */
  static wrap(workbook: ExcelJS.Workbook): XlsxWorkbook {
    return new XlsxWorkbook(workbook);
  }

  /** A new, empty workbook. */
  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /** Keep the hidden meta sheet last, so the user's and our sheets stay together in tab order. */
  private metaLast(): void {
    const meta = this.workbook.getWorksheet(META_SHEET);
    if (!meta) return;
    const others = this.workbook.worksheets.filter((w) => w !== meta);
    [...others, meta].forEach((w, i) => {
      (w as unknown as { orderNo: number }).orderNo = i;
    });
  }

  /** Save to `path` atomically (temp file in the same folder, then rename). */
  async save(path: string): Promise<void> {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.metaLast();
    const buffer = await this.workbook.xlsx.writeBuffer();
    try {
      await writeFile(tmp, Buffer.from(buffer as ArrayBuffer));
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      // The clerk asked for `path`: name it, not our temp file, in the error shown to them.
      if (e instanceof Error) e.message = e.message.split(tmp).join(path);
      throw e;
    }
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Buffer> {
    this.metaLast();
    return Buffer.from((await this.workbook.xlsx.writeBuffer()) as ArrayBuffer);
  }

  // ---- ownership / settings -----------------------------------------------------------------

  private meta(create: boolean): ExcelJS.Worksheet | undefined {
    const existing = this.workbook.getWorksheet(META_SHEET);
    if (existing || !create) return existing;
    const ws = this.workbook.addWorksheet(META_SHEET);
    ws.state = "veryHidden";
    return ws;
  }

  private metaRows(): { kind: string; key: string; value: string; row: number }[] {
    const ws = this.meta(false);
    if (!ws) return [];
    const out: { kind: string; key: string; value: string; row: number }[] = [];
    ws.eachRow((row, n) => {
      const v = (i: number): string => {
        const raw = rawValue(row.getCell(i), false);
        return raw === null || typeof raw === "object" ? "" : String(raw);
      };
      out.push({ kind: v(1), key: v(2), value: v(3), row: n });
    });
    return out;
  }

  private ownedKind(sheet: string): string | null {
    return this.metaRows().find((r) => r.kind === "owned" && r.key === sheet)?.value ?? null;
  }

  private markOwned(sheet: string, kind: string): void {
    const ws = this.meta(true)!;
    const existing = this.metaRows().find((r) => r.kind === "owned" && r.key === sheet);
    if (existing) ws.getCell(existing.row, 3).value = kind;
    else ws.addRow(["owned", sheet, kind]);
  }

  async getSetting(key: string): Promise<string | null> {
    return this.metaRows().find((r) => r.kind === "setting" && r.key === key)?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    const ws = this.meta(true)!;
    const existing = this.metaRows().find((r) => r.kind === "setting" && r.key === key);
    if (existing) ws.getCell(existing.row, 3).value = value;
    else ws.addRow(["setting", key, value]);
  }

  // ---- reading ------------------------------------------------------------------------------

  async date1904(): Promise<boolean> {
    return Boolean(this.workbook.properties?.date1904);
  }

  private sheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== META_SHEET);
  }

  private usedRange(ws: ExcelJS.Worksheet): { row: number; col: number; rowEnd: number; colEnd: number } | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.value === null || cell.value === undefined || cell.value === "") return;
        if (cell.isMerged && cell.master !== cell) return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    if (bottom < 0) return null;
    return { row: top - 1, col: left - 1, rowEnd: bottom - 1, colEnd: right - 1 };
  }

  private merges(ws: ExcelJS.Worksheet): SheetInfo["merges"] {
    const list = (ws.model as { merges?: string[] }).merges ?? [];
    return list.map((ref) => decodeRange(ref));
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.sheets().map((ws) => {
      const used = this.usedRange(ws);
      return {
        name: ws.name,
        visible: ws.state === undefined || ws.state === "visible",
        rowCount: used ? used.rowEnd - used.row + 1 : 0,
        columnCount: used ? used.colEnd - used.col + 1 : 0,
        startRow: used?.row ?? 0,
        startCol: used?.col ?? 0,
        merges: this.merges(ws),
        ownedKind: this.ownedKind(ws.name),
      };
    });
  }

  async *readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk> {
    const ws = this.workbook.getWorksheet(name);
    if (!ws || name === META_SHEET) return;
    const used = this.usedRange(ws);
    if (!used) return;
    const date1904 = await this.date1904();
    const total = used.rowEnd - used.row + 1;
    const dense = denseGrid(total, used.colEnd - used.col + 1);
    for (let start = used.row; start <= used.rowEnd; start += CHUNK_ROWS) {
      const end = Math.min(used.rowEnd, start + CHUNK_ROWS - 1);
      const values: RawCell[][] = [];
      const formats: string[][] = [];
      const formulas: (string | null)[][] = [];
      for (let r = start; r <= end; r++) {
        const row = ws.getRow(r + 1);
        // A big range's rows end at their last value or formula (grid-shape.ts): never the range's full width.
        const width = dense ? used.colEnd - used.col + 1 : Math.max(0, Math.min(row.cellCount, used.colEnd + 1) - used.col);
        const vr: RawCell[] = new Array<RawCell>(width).fill(null);
        const fr: string[] = new Array<string>(width).fill("General");
        const xr: (string | null)[] = new Array<string | null>(width).fill(null);
        if (row.cellCount > 0) {
          for (let c = 0; c < width; c++) {
            const cell = row.getCell(used.col + c + 1);
            vr[c] = rawValue(cell, date1904);
            fr[c] = numberFormat(cell);
            xr[c] = formulaText(cell);
          }
        }
        if (!dense) {
          let len = width;
          while (len > 0 && vr[len - 1] === null && xr[len - 1] === null) len--;
          vr.length = fr.length = xr.length = len;
        }
        values.push(vr);
        formats.push(fr);
        formulas.push(xr);
      }
      yield { startRow: start, startCol: used.col, values, formats, formulas };
      onProgress?.(end - used.row + 1, total);
    }
  }

  // ---- tables -------------------------------------------------------------------------------

  private tableEntries(): { ws: ExcelJS.Worksheet; name: string; ref: string; headers: string[] }[] {
    const out: { ws: ExcelJS.Worksheet; name: string; ref: string; headers: string[] }[] = [];
    for (const ws of this.sheets()) {
      const tables = (ws as unknown as { tables?: Record<string, { table?: { ref?: string; tableRef?: string; name?: string; columns?: { name: string }[] } ; model?: unknown }> }).tables ?? {};
      for (const [name, t] of Object.entries(tables)) {
        const model = (t.table ?? t.model ?? t) as { ref?: string; tableRef?: string; name?: string; columns?: { name: string }[] };
        const ref = model.tableRef ?? model.ref;
        if (!ref) continue;
        const range = decodeRange(ref.includes(":") ? ref : `${ref}:${ref}`);
        const headers: string[] = [];
        for (let c = range.col; c <= range.colEnd; c++) {
          const v = rawValue(ws.getCell(range.row + 1, c + 1), false);
          headers.push(v === null || typeof v === "object" ? (model.columns?.[c - range.col]?.name ?? "") : String(v));
        }
        out.push({ ws, name: model.name ?? name, ref, headers });
      }
    }
    return out;
  }

  async listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    return this.tableEntries().map((t) => ({ name: t.name, sheetName: t.ws.name, headers: t.headers }));
  }

  /**
   * Defined names as ExcelJS loaded them: every `<definedName>` of the file, whatever its scope
   * (ExcelJS keys them by name alone) or what it refers to — its `model` drops names that are not
   * ranges, so the keys are read, not the model. Print titles and areas ExcelJS turns into page setup.
   * (A name emptied through ExcelJS's `definedNames.remove` keeps its key and is still listed.)
   */
  async listNames(): Promise<readonly string[]> {
    const map = (this.workbook.definedNames as unknown as { matrixMap?: Record<string, unknown> }).matrixMap ?? {};
    return distinctUserNames(Object.keys(map));
  }

  async readTable(name: string): Promise<TableData | null> {
    const t = this.tableEntries().find((x) => x.name === name);
    if (!t) return null;
    const date1904 = await this.date1904();
    const range = decodeRange(t.ref.includes(":") ? t.ref : `${t.ref}:${t.ref}`);
    const rows: RawCell[][] = [];
    for (let r = range.row + 1; r <= range.rowEnd; r++) {
      const row: RawCell[] = [];
      for (let c = range.col; c <= range.colEnd; c++) row.push(rawValue(t.ws.getCell(r + 1, c + 1), date1904));
      rows.push(row);
    }
    // A table created empty keeps one blank body row; it holds no record.
    while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v === null || v === "")) rows.pop();
    return { name: t.name, sheetName: t.ws.name, headers: t.headers, rows };
  }

  private writeCell(v: WriteCell, date1904: boolean): ExcelJS.CellValue {
    if (v !== null && typeof v === "object") return serialToDate(isoToExcelSerial(v.date, date1904), date1904);
    return v;
  }

  async appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    const entry = this.tableEntries().find((x) => x.name === tableName);
    if (!entry) throw new Error(`no table ${tableName}`);
    const table = entry.ws.getTable(tableName) as unknown as ExcelJS.Table & { table: { rows: unknown[][] } };
    const date1904 = await this.date1904();
    const range = decodeRange(entry.ref);
    // As in Excel, the blank placeholder row of a table created empty stays (never written into:
    // two writers that both saw it blank would both fill it) and is not counted as a record.
    const bodyRows = range.rowEnd - range.row;
    let blankFirst = bodyRows > 0;
    for (let c = range.col; c <= range.colEnd && blankFirst; c++) {
      const v = rawValue(entry.ws.getCell(range.row + 2, c + 1), date1904);
      if (v !== null && v !== "") blankFirst = false;
    }
    // ExcelJS loads a saved table without its row model; rebuild it from the cells, or addRow throws.
    if (!Array.isArray(table.table.rows)) {
      const model = table.table as { ref?: string; rows: unknown[][] };
      model.ref ??= entry.ref.split(":")[0];
      (table as unknown as { worksheet?: ExcelJS.Worksheet }).worksheet ??= entry.ws;
      table.table.rows = [];
      for (let r = range.row + 1; r <= range.rowEnd; r++) {
        const values: unknown[] = [];
        for (let c = range.col; c <= range.colEnd; c++) values.push(entry.ws.getCell(r + 1, c + 1).value);
        table.table.rows.push(values);
      }
    }
    for (const row of rows) table.addRow(row.map((v) => this.writeCell(v, date1904)));
    table.commit();
    // Formats and validation follow the column's first body cell (ExcelJS does not extend them).
    const firstBody = range.row + 2;
    const newCount = bodyRows + rows.length;
    const dvs = (entry.ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
    for (let c = range.col; c <= range.colEnd; c++) {
      const letter = columnLetter(c);
      const fmt = entry.ws.getCell(firstBody, c + 1).numFmt;
      if (fmt) for (let r = firstBody; r < firstBody + newCount; r++) entry.ws.getCell(r, c + 1).numFmt = fmt;
      const ranged = Object.entries(dvs).find(([ref, v]) => v && ref.includes(":") && ref.startsWith(`${letter}${firstBody}:`));
      const dv = dvs[`${letter}${firstBody}`] ?? ranged?.[1];
      if (!dv) continue;
      const coveredTo = ranged ? decodeRange(ranged[0]).rowEnd + 1 : 0;
      for (let r = firstBody; r < firstBody + newCount; r++) if (r > coveredTo && !dvs[`${letter}${r}`]) dvs[`${letter}${r}`] = dv;
    }
    return newCount - (blankFirst ? 1 : 0);
  }

  /**
   * Write a few cells of one body row in place. ExcelJS keeps its own copy of a table's rows and
   * writes them all back on the next `commit`, so the copy is updated too (else the next append undoes this).
   */
  async updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    const entry = this.tableEntries().find((x) => x.name === tableName);
    if (!entry) throw new Error(`no table ${tableName}`);
    const range = decodeRange(entry.ref.includes(":") ? entry.ref : `${entry.ref}:${entry.ref}`);
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= range.rowEnd - range.row) throw new Error(`updateTableCells: ${tableName} has no body row ${rowIndex}`);
    const date1904 = await this.date1904();
    const stored = (entry.ws.getTable(tableName) as unknown as { table?: { rows?: unknown[][] } } | undefined)?.table?.rows?.[rowIndex];
    for (const [key, value] of Object.entries(values)) {
      const col = tableColumnIndex(tableName, entry.headers, key);
      if (col < 0) throw new Error(`updateTableCells: ${tableName} has no column ${key}`);
      const cell = this.writeCell(value, date1904);
      entry.ws.getCell(range.row + 2 + rowIndex, range.col + col + 1).value = cell;
      if (stored) stored[col] = cell;
    }
  }

  async createTable(spec: TableSpec): Promise<WriteSheetResult> {
    if (this.workbook.getWorksheet(spec.sheetName)) return { ok: false, code: "sheet.userSheetExists", sheet: spec.sheetName };
    // Excel would refuse the file's table if a table or a defined name already had its name (any case).
    const lower = spec.tableName.toLowerCase();
    if (this.tableEntries().some((t) => t.name.toLowerCase() === lower) || (await this.listNames()).some((n) => n.toLowerCase() === lower)) {
      return { ok: false, code: "table.nameTaken", sheet: spec.sheetName, table: spec.tableName };
    }
    const date1904 = await this.date1904();
    const ws = this.workbook.addWorksheet(spec.sheetName, { views: [{ state: "frozen", ySplit: 1, xSplit: 0, topLeftCell: "A2" }] });
    const width = spec.columns.length;
    const rows = spec.rows.length > 0 ? spec.rows.map((r) => spec.columns.map((_, i) => this.writeCell(r[i] ?? null, date1904))) : [spec.columns.map(() => null)];
    ws.addTable({
      name: spec.tableName,
      displayName: spec.tableName,
      ref: "A1",
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: spec.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows,
    });
    const lastRow = Math.max(2, rows.length + 1);
    spec.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = c.width ?? Math.max(8, c.header.length * 2 + 2);
      if (c.numberFormat) {
        column.numFmt = c.numberFormat;
        for (let r = 2; r <= lastRow; r++) ws.getCell(r, i + 1).numFmt = c.numberFormat;
      }
      if (c.validation) {
        const letter = columnLetter(i);
        const dv = this.validation(c.validation, spec.sheetName);
        if (dv) (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${lastRow + 1000}`, dv);
      }
    });
    ws.getRow(1).font = { bold: true };
    this.markOwned(spec.sheetName, `table:${spec.tableName}`);
    void width;
    return { ok: true, replaced: false };
  }

  /** ExcelJS validation for a column; long lists point at the master table column that holds them. */
  private validation(v: ColumnValidation, ownSheet: string): ExcelJS.DataValidation | null {
    switch (v.type) {
      case "list": {
        const inline = v.values.map((s) => s.replace(/"/g, "'")).join(",");
        if (inline.length + 2 <= INLINE_LIST_LIMIT && !v.values.some((s) => s.includes(","))) {
          return { type: "list", allowBlank: true, formulae: [`"${inline}"`], showErrorMessage: true };
        }
        const source = this.findListSource(v.values, ownSheet);
        // Too long to inline and nowhere to point: a warning-style hint is better than a wrong list.
        if (!source) return null;
        return { type: "list", allowBlank: true, formulae: [source], showErrorMessage: true, errorStyle: "warning" };
      }
      case "decimal":
        return v.min !== undefined && v.max !== undefined
          ? { type: "decimal", operator: "between", allowBlank: true, formulae: [v.min, v.max], showErrorMessage: true }
          : v.min !== undefined
            ? { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [v.min], showErrorMessage: true }
            : v.max !== undefined
              ? { type: "decimal", operator: "lessThanOrEqual", allowBlank: true, formulae: [v.max], showErrorMessage: true }
              : null;
      case "wholeNumber":
        return { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [v.min ?? 0], showErrorMessage: true };
      case "date":
        return { type: "date", operator: "greaterThan", allowBlank: true, formulae: [new Date(Date.UTC(1990, 0, 1))], showErrorMessage: true };
      default:
        return null;
    }
  }

  /** A column of an existing table whose body is exactly `values`: `'客户'!$A$2:$A$40`. */
  private findListSource(values: readonly string[], ownSheet: string): string | null {
    const wanted = new Set(values);
    for (const t of this.tableEntries()) {
      if (t.ws.name === ownSheet) continue;
      const range = decodeRange(t.ref);
      for (let c = range.col; c <= range.colEnd; c++) {
        const body: string[] = [];
        for (let r = range.row + 1; r <= range.rowEnd; r++) {
          const v = rawValue(t.ws.getCell(r + 1, c + 1), false);
          if (v !== null && typeof v !== "object") body.push(String(v));
        }
        if (body.length === wanted.size && body.every((b) => wanted.has(b))) {
          const letter = columnLetter(c);
          return sheetRef(t.ws.name, `$${letter}$${range.row + 2}:$${letter}$${range.rowEnd + 1}`);
        }
      }
    }
    return null;
  }

  async writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    const existing = this.workbook.getWorksheet(spec.name);
    let replaced = false;
    let position: number | undefined;
    if (existing) {
      if (this.ownedKind(spec.name) === null) return { ok: false, code: "sheet.userSheetExists", sheet: spec.name };
      position = this.workbook.worksheets.indexOf(existing);
      this.workbook.removeWorksheet(existing.id);
      replaced = true;
    }
    const ws = this.workbook.addWorksheet(spec.name);
    if (position !== undefined) {
      // Put the replacement where the old sheet was (ExcelJS orders by orderNo).
      const list = this.workbook.worksheets.filter((w) => w !== ws);
      list.splice(position, 0, ws);
      list.forEach((w, i) => {
        (w as unknown as { orderNo: number }).orderNo = i;
      });
    }
    renderSheet(ws, spec, await this.date1904());
    this.markOwned(spec.name, spec.kind);
    return { ok: true, replaced };
  }
}
