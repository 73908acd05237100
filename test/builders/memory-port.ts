/**
 * An in-memory WorkbookPort over plain arrays, for app use-case tests. It keeps the port's
 * promises: dates are written as serials, strings stay text, a user's sheet is never replaced,
 * a table never takes a table's or defined name's name, appending to a missing table throws (as
 * both hosts do). Every call is logged in `calls`.
 */
import type { GridChunk, RawCell, SheetInfo, TableData, TableSpec, WorkbookPort, WriteCell, WriteSheetResult } from "../../src/app/workbook-port";
import { isoToExcelSerial } from "../../src/core/dates";
import { LEDGER_TABLES } from "../../src/core/ledger-tables";
import { normalizeText } from "../../src/core/text";
import type { SheetSpec, SpecCell } from "../../src/core/sheet-spec";

/** A sheet held in memory. A sheet holding a table shows the table (headers + rows) as its grid. */
export interface MemorySheet {
  name: string;
  rows: RawCell[][];
  /** Number formats by cell (missing = `General`). */
  formats?: string[][];
  formulas?: (string | null)[][];
  ownedKind: string | null;
  visible: boolean;
  /** The spec last written by `writeSheet`, for assertions. */
  spec?: SheetSpec;
}

/** A table held in memory. */
export interface MemoryTable {
  name: string;
  sheetName: string;
  headers: string[];
  rows: RawCell[][];
  spec?: TableSpec;
}

/** Initial contents of a memory port. */
export interface MemoryPortInit {
  readonly sheets?: readonly { name: string; rows: RawCell[][]; formats?: string[][]; formulas?: (string | null)[][]; ownedKind?: string | null; visible?: boolean }[];
  readonly tables?: readonly { name: string; sheetName: string; headers: string[]; rows?: RawCell[][] }[];
  readonly date1904?: boolean;
  readonly settings?: Readonly<Record<string, string>>;
  /** Rows per `readSheet` chunk (default 20,000, like the hosts). */
  readonly chunkRows?: number;
  /** Defined names (Name Manager) the workbook holds: a new table may not take one. */
  readonly names?: readonly string[];
}

/** Column of `key` among a table's headers: the header text, or a ledger table's field name; -1 if none (as the hosts). */
function tableColumnIndex(tableName: string, headers: readonly RawCell[], key: string): number {
  const byHeader = headers.findIndex((h) => normalizeText(String(h ?? "")) === normalizeText(key));
  if (byHeader >= 0) return byHeader;
  const column = Object.values(LEDGER_TABLES).find((d) => d.tableName === tableName)?.columns.find((c) => c.field === key);
  return column ? headers.findIndex((h) => normalizeText(String(h ?? "")) === column.header) : -1;
}

/** One logged port call. */
export interface PortCall {
  readonly method: keyof WorkbookPort;
  readonly args: readonly unknown[];
}

/** A WorkbookPort over arrays. Inspect `sheets`, `tables`, `settings` and `calls` in tests. */
export class MemoryPort implements WorkbookPort {
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  readonly settings = new Map<string, string>();
  /** Defined names, as `listNames` reports them. */
  readonly names: string[] = [];
  readonly calls: PortCall[] = [];
  private readonly is1904: boolean;
  private readonly chunkRows: number;

  constructor(init: MemoryPortInit = {}) {
    this.is1904 = init.date1904 ?? false;
    this.chunkRows = init.chunkRows ?? 20_000;
    for (const s of init.sheets ?? []) this.sheets.push({ ownedKind: null, visible: true, ...s, rows: s.rows.map((r) => [...r]) });
    for (const t of init.tables ?? []) {
      if (!this.sheets.some((s) => s.name === t.sheetName)) this.sheets.push({ name: t.sheetName, rows: [], ownedKind: "table", visible: true });
      this.tables.push({ name: t.name, sheetName: t.sheetName, headers: [...t.headers], rows: (t.rows ?? []).map((r) => [...r]) });
    }
    for (const [k, v] of Object.entries(init.settings ?? {})) this.settings.set(k, v);
    this.names.push(...(init.names ?? []));
  }

  /** Number of calls of one method. */
  count(method: keyof WorkbookPort): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  /** A table by name (throws when missing: a test bug). */
  table(name: string): MemoryTable {
    const t = this.tables.find((x) => x.name === name);
    if (!t) throw new Error(`MemoryPort: no table ${name}`);
    return t;
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    this.calls.push({ method: "listSheets", args: [] });
    return this.sheets.map((s) => {
      const grid = this.grid(s);
      const columnCount = grid.reduce((m, r) => Math.max(m, r.length), 0);
      return { name: s.name, visible: s.visible, rowCount: grid.length, columnCount, startRow: 0, startCol: 0, merges: [], ownedKind: s.ownedKind };
    });
  }

  async date1904(): Promise<boolean> {
    this.calls.push({ method: "date1904", args: [] });
    return this.is1904;
  }

  async *readSheet(name: string, onProgress?: (done: number, total: number) => void): AsyncIterable<GridChunk> {
    this.calls.push({ method: "readSheet", args: [name] });
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`MemoryPort: no sheet ${name}`);
    const grid = this.grid(s);
    const width = grid.reduce((m, r) => Math.max(m, r.length), 0);
    for (let start = 0; start < grid.length; start += this.chunkRows) {
      const rows = grid.slice(start, start + this.chunkRows);
      const values = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
      const formats = rows.map((_, i) => Array.from({ length: width }, (_, c) => s.formats?.[start + i]?.[c] ?? "General"));
      const formulas = rows.map((_, i) => Array.from({ length: width }, (_, c) => s.formulas?.[start + i]?.[c] ?? null));
      onProgress?.(Math.min(grid.length, start + rows.length), grid.length);
      yield { startRow: start, startCol: 0, values, formats, formulas };
    }
  }

  async listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    this.calls.push({ method: "listTables", args: [] });
    return this.tables.map((t) => ({ name: t.name, sheetName: t.sheetName, headers: [...t.headers] }));
  }

  async listNames(): Promise<readonly string[]> {
    this.calls.push({ method: "listNames", args: [] });
    return [...this.names];
  }

  async readTable(name: string): Promise<TableData | null> {
    this.calls.push({ method: "readTable", args: [name] });
    const t = this.tables.find((x) => x.name === name);
    return t ? { name: t.name, sheetName: t.sheetName, headers: [...t.headers], rows: t.rows.map((r) => [...r]) } : null;
  }

  async appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    this.calls.push({ method: "appendRows", args: [tableName, rows] });
    const t = this.table(tableName);
    for (const r of rows) {
      if (r.length !== t.headers.length) throw new Error(`MemoryPort: row of ${r.length} cells for ${t.headers.length} columns in ${tableName}`);
      t.rows.push(r.map((c) => this.toRaw(c)));
    }
    return t.rows.length;
  }

  async updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    this.calls.push({ method: "updateTableCells", args: [tableName, rowIndex, values] });
    const t = this.table(tableName);
    const row = t.rows[rowIndex];
    if (!row) throw new Error(`MemoryPort: no body row ${rowIndex} in ${tableName}`);
    for (const [key, value] of Object.entries(values)) {
      const col = tableColumnIndex(tableName, t.headers, key);
      if (col < 0) throw new Error(`MemoryPort: no column ${key} in ${tableName}`);
      row[col] = this.toRaw(value);
    }
  }

  async createTable(spec: TableSpec): Promise<WriteSheetResult> {
    this.calls.push({ method: "createTable", args: [spec] });
    if (this.sheets.some((s) => s.name === spec.sheetName)) return { ok: false, code: "sheet.userSheetExists", sheet: spec.sheetName };
    const lower = spec.tableName.toLowerCase();
    if ([...this.tables.map((t) => t.name), ...this.names].some((n) => n.toLowerCase() === lower)) return { ok: false, code: "table.nameTaken", sheet: spec.sheetName, table: spec.tableName };
    this.sheets.push({ name: spec.sheetName, rows: [], ownedKind: "table", visible: true });
    this.tables.push({ name: spec.tableName, sheetName: spec.sheetName, headers: spec.columns.map((c) => c.header), rows: spec.rows.map((r) => r.map((c) => this.toRaw(c))), spec });
    return { ok: true, replaced: false };
  }

  async writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    this.calls.push({ method: "writeSheet", args: [spec] });
    const existing = this.sheets.find((s) => s.name === spec.name);
    if (existing && existing.ownedKind === null) return { ok: false, code: "sheet.userSheetExists", sheet: spec.name };
    const rows = spec.rows.map((r) => r.map((c) => this.specToRaw(c)));
    if (existing) {
      existing.rows = rows;
      existing.ownedKind = spec.kind;
      existing.spec = spec;
      return { ok: true, replaced: true };
    }
    this.sheets.push({ name: spec.name, rows, ownedKind: spec.kind, visible: true, spec });
    return { ok: true, replaced: false };
  }

  async getSetting(key: string): Promise<string | null> {
    this.calls.push({ method: "getSetting", args: [key] });
    return this.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.calls.push({ method: "setSetting", args: [key, value] });
    this.settings.set(key, value);
  }

  private grid(s: MemorySheet): RawCell[][] {
    const t = this.tables.find((x) => x.sheetName === s.name);
    return t ? [t.headers, ...t.rows] : s.rows;
  }

  private toRaw(c: WriteCell): RawCell {
    return c !== null && typeof c === "object" ? isoToExcelSerial(c.date, this.is1904) : c;
  }

  private specToRaw(c: SpecCell): RawCell {
    if (c === null || typeof c !== "object") return c;
    if ("date" in c) return isoToExcelSerial(c.date, this.is1904);
    return (c as { value: RawCell }).value ?? null;
  }
}
