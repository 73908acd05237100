/**
 * An in-memory Excel JavaScript API for tests: `fake.run(batch)` stands in for `Excel.run`
 * (https://learn.microsoft.com/javascript/api/excel#excel-excel-run-function(1)) and hands the
 * batch a `FakeRequestContext` whose proxies behave like Office.js (see `api.ts`). The fake counts
 * syncs, measures each sync's request/response bytes against the 5 MB limit of Excel on the web,
 * can pretend the user is editing a cell, can pretend an older ExcelApi requirement set, and
 * exports its state to .xlsx for inspection.
 *
 * @example
 * const fake = new FakeExcel();
 * fake.addSheet("Sheet1", [["a", 1]]);
 * await fake.run(async (ctx) => { const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1"); r.load("values"); await ctx.sync(); });
 */
import { FakeRequestContext } from "./api";
import "./pivot"; // registers the PivotTable collections with api.ts
import { enterValue, isValidName, newSheet, rectA1, rowAt, setFormat, type NameState, type Rect, type SheetState, type TableState } from "./model";

export { FakeOfficeError } from "./errors";
export type { FakeRequestContext } from "./api";
export type { SheetState, TableState, NameState, Rect } from "./model";

/** What one `context.sync()` carried. */
export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  calcSuspended: boolean;
  screenSuspended: boolean;
  /** Error code when the sync failed, else `""`. */
  failed: string;
  /** What each operation was, in order (`load`, `worksheets.getItem`, `set values`, `tables.add`, …). */
  opNames: string[];
}

/**
 * "Excel on the web has a payload size limit for requests and responses of 5MB"
 * (office-js-docs-pr docs/concepts/resource-limits-and-performance-optimization.md): taken as
 * 5,000,000 bytes, the stricter reading. A sync's request is its operations' JSON (each op's
 * `{o, p, v}` / `{o, m, a}` body + 16 bytes) + 64; its response the JSON of the loaded values + 64.
 */
export const PAYLOAD_LIMIT = 5_000_000;

/** A dumped cell for assertions. */
export interface DumpCell {
  readonly value: string | number | boolean | null | { readonly error: string };
  readonly formula?: string;
  readonly numberFormat: string;
}

/** Value of a formula made only of text constants joined by `&` (`="=a"&"b"` → `=ab`); null for any other formula. */
export function textConstantValue(formula: string): string | null {
  const m = /^=("(?:[^"]|"")*")(?:&("(?:[^"]|"")*"))*$/.exec(formula);
  if (!m) return null;
  return (formula.slice(1).match(/"(?:[^"]|"")*"/g) ?? []).map((p) => p.slice(1, -1).replace(/""/g, '"')).join("");
}

/** Minor number of an ExcelApi version (`1.13` → 13: versions are not decimals). */
function minor(version: string): number {
  return Number(version.split(".")[1] ?? "0");
}

/** The fake workbook and its `run`. */
export class FakeExcel {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  /** Defined names, workbook-scoped and sheet-scoped. */
  names: NameState[] = [];
  activeSheet: string | null = null;
  /** Every sync so far, in order (failed ones too). */
  readonly syncLog: SyncRecord[] = [];
  /** Highest ExcelApi requirement set this "Excel" supports (members above it fail with `ApiNotFound`). */
  apiVersion = "1.17";
  /** Request/response byte limit per sync. */
  payloadLimit = PAYLOAD_LIMIT;
  /** The next N syncs fail with `InvalidOperationInCellEditMode` (the user is typing in a cell). */
  cellEditModeSyncs = 0;
  /** Called as each sync starts (0-based index), e.g. to let the user enter cell-edit mode mid-operation. */
  beforeSync: ((index: number) => void) | undefined = undefined;
  /** The workbook counts dates from 1904. */
  date1904 = false;
  /** Value Excel would compute for a formula written through the API (default: no value). */
  calculate: (formula: string) => string | number | boolean | null = textConstantValue;
  /** Handlers of `workbook.tables.onChanged`. */
  tableHandlers: ((args: unknown) => Promise<unknown> | void)[] = [];
  /** Table events fired so far (also delivered to registered handlers). */
  readonly events: { tableName: string; changeType: string; address: string }[] = [];
  private runs = 0;

  /** `Excel.run(batch)`: a fresh context; pending operations are synced when the batch returns. */
  readonly run = async <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const ctx = new FakeRequestContext(this);
    const result = await batch(ctx);
    if (ctx.hasPending) await ctx.sync();
    return result;
  };

  /** `Office.context.requirements.isSetSupported` for this fake. */
  readonly isSetSupported = (name: string, minVersion?: string): boolean =>
    name === "ExcelApi" && minor(minVersion ?? "1.1") <= minor(this.apiVersion);

  /** Number of `context.sync()` calls so far. */
  get syncCount(): number {
    return this.syncLog.length;
  }

  /** Number of `run` calls so far. */
  get runCount(): number {
    return this.runs;
  }

  /** Largest request or response of any sync, in bytes. */
  get maxSyncBytes(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.requestBytes, s.responseBytes), 0);
  }

  /** This workbook as .xlsx bytes (for inspection: open it in Excel or LibreOffice). */
  toXlsx(): Promise<Buffer> {
    return exportXlsx(this);
  }

  /** Reset the sync log (e.g. after seeding). */
  resetLog(): void {
    this.syncLog.length = 0;
    this.events.length = 0;
  }

  /** Seed a sheet directly (not through the API): raw values, optional formats/formulas from A1. */
  addSheet(
    name: string,
    values: readonly (readonly (string | number | boolean | null | { error: string })[])[] = [],
    opts: { formats?: readonly (readonly (string | null)[])[]; formulas?: readonly (readonly (string | null)[])[]; visibility?: SheetState["visibility"]; startRow?: number; startCol?: number } = {},
  ): SheetState {
    const s = newSheet(`{S${this.sheets.length + 1}-seed}`, name);
    s.visibility = opts.visibility ?? "Visible";
    const r0 = opts.startRow ?? 0;
    const c0 = opts.startCol ?? 0;
    values.forEach((row, r) => {
      const rs = rowAt(s, r0 + r);
      row.forEach((v, c) => {
        rs.v[c0 + c] = v;
      });
    });
    opts.formats?.forEach((row, r) => row.forEach((nf, c) => {
      if (nf !== null) setFormat(s, r0 + r, c0 + c, nf);
    }));
    opts.formulas?.forEach((row, r) => row.forEach((f, c) => {
      if (f === null) return;
      const rs = rowAt(s, r0 + r);
      rs.f ??= [];
      rs.f[c0 + c] = f;
    }));
    this.sheets.push(s);
    return s;
  }

  /** Seed a table over an existing sheet range (header row first). */
  addTable(sheetName: string, tableName: string, rect: Rect): TableState {
    const sheet = this.sheets.find((s) => s.name === sheetName && !s.deleted);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const t: TableState = { id: `{T${this.tables.length + 1}-seed}`, name: tableName, sheet, rect, showHeaders: true, handlers: [] };
    this.tables.push(t);
    return t;
  }

  /** Seed a defined name (not through the API): workbook-scoped, or the sheet `scope`'s own. */
  addName(name: string, formula: string, scope?: string): NameState {
    if (!isValidName(name)) throw new Error(`bad name ${name}`);
    const sheet = scope === undefined ? null : (this.sheet(scope) ?? null);
    if (scope !== undefined && !sheet) throw new Error(`no sheet ${scope}`);
    const n: NameState = { name, formula: formula.startsWith("=") ? formula : `=${formula}`, sheet, visible: true, comment: "" };
    this.names.push(n);
    return n;
  }

  /** Live defined names: `[name, scope sheet or null]`, for assertions. */
  nameList(): [string, string | null][] {
    return this.names.filter((n) => !n.sheet?.deleted).map((n) => [n.name, n.sheet?.name ?? null]);
  }

  /** A live sheet by name (case-insensitive). */
  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase());
  }

  /** Names of live sheets, in order. */
  sheetNames(): string[] {
    return this.sheets.filter((s) => !s.deleted).map((s) => s.name);
  }

  /** One cell as stored (0-based). */
  cell(sheetName: string, row: number, col: number): DumpCell {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    const rs = s.rows[row];
    const v = rs?.v[col] ?? null;
    const f = rs?.f?.[col];
    return { value: v, ...(f !== undefined ? { formula: f } : {}), numberFormat: rs?.nf?.[col] ?? "General" };
  }

  /** Enter a value as a user would type it (for fixtures that need Excel's parsing). */
  type(sheetName: string, row: number, col: number, text: string): void {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    enterValue(s, row, col, text, "typing");
  }

  /** @internal a write touched cells: fire `RangeEdited` on intersecting tables. */
  _touched(ctx: FakeRequestContext, sheet: SheetState, rect: Rect): void {
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      const r0 = Math.max(t.rect.row, rect.row), r1 = Math.min(t.rect.row + t.rect.rows, rect.row + rect.rows);
      const c0 = Math.max(t.rect.col, rect.col), c1 = Math.min(t.rect.col + t.rect.cols, rect.col + rect.cols);
      if (r0 < r1 && c0 < c1) this._tableEvent(ctx, t, "RangeEdited", { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 });
    }
  }

  /** @internal queue a `TableChanged` event (delivered after the sync). */
  _tableEvent(ctx: FakeRequestContext, t: TableState, changeType: string, rect: Rect): void {
    const args = { type: "TableChanged", changeType, source: "Local", tableId: t.id, worksheetId: t.sheet.id, address: rectA1(rect) };
    ctx.emit(() => {
      this.events.push({ tableName: t.name, changeType, address: args.address });
      for (const h of [...t.handlers, ...this.tableHandlers]) void h(args);
    });
  }
}

export { toXlsx, fromXlsx } from "./xlsx";
import { toXlsx as exportXlsx } from "./xlsx";
