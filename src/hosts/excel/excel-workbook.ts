/**
 * The WorkbookPort on Office.js (`Excel.run`). The only module that talks to Excel.
 *
 * Sync budget (DESIGN.md "Excel host rules"), per call, with C ≥ 1 the number of ~4 MB / 20,000-row
 * chunks the call moves (the last write chunk shares the sync of the formats):
 * listSheets 2 (+ 1, + one per row band of a sheet with over 512 merged areas, ≤ 64 a sheet) · date1904 1 · readSheet 1 + C · listTables 2 · listNames 2 · readTable 2 + C · appendRows 2 + C ·
 * createTable 2 + C · writeSheet 2 + C (+ 1, the guarded print zoom) · createPivotTable 3 · getSetting 2 · setSetting 2 + 1 · updateTableCells 4 — at most; a call may use
 * fewer (no meta sheet yet: one read less). Plus one per cell-edit retry, and one per halving when
 * a read chunk still exceeds the response limit. Tested in test/hosts/excel/budget.test.ts.
 *
 * Rules kept here: values go as whole 2-D arrays, formats after values; strings are entered into
 * cells formatted `@` first (Office.js turns a value starting with `= + -` into a formula) and get
 * their final format after; calculation (ExcelApi 1.6) and screen updating (1.9) are suspended
 * during bulk writes; optional features are checked with `isSetSupported` and skipped with a
 * warning; only sheets marked in `_ledger_meta` are ever replaced; table rows are appended with
 * `rows.add`, never rewritten.
 */
import {
  distinctUserNames,
  type GridChunk,
  type PivotResult,
  type PivotSpec,
  type Progress,
  type RawCell,
  type SheetInfo,
  type TableData,
  type TableSpec,
  type WorkbookPort,
  type WriteCell,
  type WriteSheetResult,
} from "../../app/workbook-port";
import { LEDGER_TABLES } from "../../core/ledger-tables";
import type { Issue } from "../../core/result";
import { a1, columnLetter, rangeA1, type CellRange, type SheetSpec } from "../../core/sheet-spec";
import { normalizeText } from "../../core/text";
import {
  CHUNK_BYTES,
  CHUNK_ROWS,
  charWidthToPoints,
  decodeFormula,
  decodeTypedValue,
  encodeSpecRow,
  encodeWriteRow,
  hAlign,
  jsonBytes,
  addValues,
  maskGrid,
  planWrite,
  sheetRef,
  stringValues,
  textFormula,
  vAlign,
  type EncodedRow,
} from "./cells";

/** The very-hidden sheet holding ownership marks and settings (same layout as the xlsx host). */
export const META_SHEET = "_ledger_meta";
/** Name a replacement sheet has until the old one is deleted. */
export const TEMP_SHEET = "_ledger_tmp";
/** Most merged areas read from one sheet (each read returns at most 512; see `mergesInBands`). */
export const MERGE_CAP = 4096;
/** Most syncs spent on one sheet's merged areas. */
export const MERGE_SYNCS = 64;
/** Ownership kind of a sheet holding a PivotTable made by `createPivotTable`. */
export const PIVOT_KIND = "pivot";

/** `Excel.run` as the host uses it (tests pass the fake's `run`). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Construction options; everything defaults to the Office globals. */
export interface ExcelWorkbookOptions {
  /** Defaults to `Excel.run`. */
  readonly run?: ExcelRun;
  /** Defaults to `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported?: (name: string, minVersion: string) => boolean;
  /** Wait between cell-edit-mode retries (tests pass a no-op). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Tries when Excel is in cell-edit mode (default 5, backoff 250 ms doubling). */
  readonly cellEditTries?: number;
  /** Payload budget of one sync (default ~4 MB). */
  readonly chunkBytes?: number;
  /** Row budget of one chunk (default 20,000). */
  readonly chunkRows?: number;
}

/** An expected failure the app shows to the clerk (`describeIssue(error.issue)`). */
export class HostIssueError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.code);
    this.name = "HostIssueError";
  }
}

interface MetaRow {
  readonly kind: string;
  readonly key: string;
  readonly value: string;
  /** 0-based sheet row. */
  readonly row: number;
}

interface MetaState {
  exists: boolean;
  rows: MetaRow[];
  nextRow: number;
  sheet: Excel.Worksheet | null;
  /** Made in this batch and to be very-hidden once the sheet it marks exists (a workbook keeps one visible sheet). */
  hidePending?: boolean;
}

/** Very-hide a meta sheet made by `queueMeta(…, hide = false)`, after the caller added its own sheet. */
function hideMeta(meta: MetaState): void {
  if (meta.hidePending && meta.sheet) meta.sheet.visibility = "VeryHidden";
  meta.hidePending = false;
}

/** Name lists queued for loading: the workbook's names, and the sheets whose own names follow (ExcelApi 1.4). */
interface NameProbe {
  readonly book: Excel.NamedItemCollection;
  readonly sheets: Excel.WorksheetCollection | null;
  perSheet: Excel.NamedItemCollection[];
}

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Column of `key` among a table's headers: the header text, or a ledger table's field name; -1 if none. */
export function tableColumnIndex(tableName: string, headers: readonly string[], key: string): number {
  const byHeader = headers.findIndex((h) => normalizeText(h) === normalizeText(key));
  if (byHeader >= 0) return byHeader;
  const column = Object.values(LEDGER_TABLES).find((d) => d.tableName === tableName)?.columns.find((c) => c.field === key);
  return column ? headers.findIndex((h) => normalizeText(h) === column.header) : -1;
}

/**
 * WorkbookPort on Excel. @example
 * const port = new ExcelWorkbook(); // in the add-in
 * const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported }); // in tests
 */
export class ExcelWorkbook implements WorkbookPort {
  /** Features skipped on this Excel (each once), for the task pane to show. */
  readonly warnings: Issue[] = [];
  private readonly run: ExcelRun;
  private readonly supported: (name: string, minVersion: string) => boolean;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tries: number;
  private readonly chunkBytes: number;
  private readonly chunkRows: number;

  constructor(options: ExcelWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.supported = options.isSetSupported ?? ((name, v) => Office.context.requirements.isSetSupported(name, v));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tries = options.cellEditTries ?? 5;
    this.chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    this.chunkRows = options.chunkRows ?? CHUNK_ROWS;
  }

  /**
   * Run a batch; retry with backoff while the user is editing a cell, then give a clear issue. A
   * batch that failed once on `ItemAlreadyExists` (another client added the meta sheet or a sheet
   * of the same name meanwhile) runs once more: it re-reads the workbook and decides again.
   */
  private async exec<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    let raced = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(batch);
      } catch (e) {
        if (errorCode(e) === "ItemAlreadyExists" && !raced) {
          raced = true;
          attempt--;
          continue;
        }
        if (errorCode(e) !== "InvalidOperationInCellEditMode") throw e;
        if (attempt >= this.tries) throw new HostIssueError({ code: "host.cellEditMode" });
        await this.sleep(250 * 2 ** (attempt - 1));
      }
    }
  }

  private has(version: string): boolean {
    return this.supported("ExcelApi", version);
  }

  /** Record a skipped feature once. */
  private warn(feature: string, version: string): void {
    if (!this.warnings.some((w) => w.params?.feature === feature)) {
      this.warnings.push({ code: "host.apiUnsupported", params: { feature, version }, severity: "warning" });
    }
  }

  /** Suspend calculation (and, once per write, screen updating) until the next sync. */
  private suspend(ctx: Excel.RequestContext, screen: boolean): void {
    if (this.has("1.6")) ctx.workbook.application.suspendApiCalculationUntilNextSync();
    if (screen && this.has("1.9")) ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
  }

  /**
   * Queue loading the defined names: `workbook.names` holds only workbook-scoped ones, a sheet's
   * own are in `worksheet.names` (ExcelApi 1.4), reached once the sheet list is synced
   * (`probeSheetNames`). Below 1.4 only the workbook's names are seen, and a warning says so.
   */
  private probeNames(ctx: Excel.RequestContext): NameProbe {
    const book = ctx.workbook.names;
    book.load("items/name");
    const sheets = this.has("1.4") ? ctx.workbook.worksheets : null;
    if (sheets) sheets.load("items/name");
    else this.warn("worksheet.names", "1.4");
    return { book, sheets, perSheet: [] };
  }

  /** After the sync of `probeNames`: queue every sheet's own names (read after the next sync). */
  private probeSheetNames(p: NameProbe): void {
    if (p.sheets) p.perSheet = p.sheets.items.map((ws) => ws.names.load("items/name"));
  }

  /** The names of a fully synced probe, as `listNames` returns them. */
  private namesOf(p: NameProbe): string[] {
    return distinctUserNames([...p.book.items, ...p.perSheet.flatMap((c) => c.items)].map((n) => n.name));
  }

  /** Meta rows, given a synced `getItemOrNullObject(META_SHEET)`: one more sync when it exists. */
  private async readMeta(ctx: Excel.RequestContext, metaWs: Excel.Worksheet): Promise<MetaState> {
    if (metaWs.isNullObject) return { exists: false, rows: [], nextRow: 0, sheet: null };
    const used = metaWs.getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,rowCount");
    await ctx.sync();
    if (used.isNullObject) return { exists: true, rows: [], nextRow: 0, sheet: metaWs };
    const rows: MetaRow[] = [];
    (used.values as unknown[][]).forEach((v, i) => {
      const [kind, key, value] = v.map((x) => (x === null || x === undefined ? "" : String(x)));
      if (kind) rows.push({ kind, key: key ?? "", value: value ?? "", row: used.rowIndex + i });
    });
    return { exists: true, rows, nextRow: used.rowIndex + used.rowCount, sheet: metaWs };
  }

  /**
   * Queue a meta row write (creating the very-hidden meta sheet when missing). An existing row of
   * the same kind and key is updated in place; a new one goes to its key's own slot (`metaSlot`),
   * never to "the next free row": two co-authors adding different marks at once would both choose
   * the same next row and one mark would be lost (co-authoring-in-excel-add-ins.md: Excel merges
   * cell changes, not the add-ins' choices).
   */
  private queueMeta(ctx: Excel.RequestContext, meta: MetaState, cells: [string, string, string], at?: number, hide = true): void {
    if (!meta.sheet) {
      meta.sheet = ctx.workbook.worksheets.add(META_SHEET);
      if (hide) meta.sheet.visibility = "VeryHidden";
      else meta.hidePending = true;
      meta.exists = true;
    }
    const row = at ?? metaSlot(cells[0], cells[1], new Set(meta.rows.map((m) => m.row)), meta.nextRow);
    meta.rows.push({ kind: cells[0], key: cells[1], value: cells[2], row });
    const enc = encodeWriteRow(cells, () => "General", false);
    this.queueRows(meta.sheet.getRange(`A${row + 1}:C${row + 1}`), [enc], 3);
  }

  /** Queue one block write: `@` on strings, values, formulas, formula-looking strings, final formats — in that order (what `planWrite` counts). */
  private queueRows(range: Excel.Range, rows: readonly EncodedRow[], width: number, values: readonly (readonly unknown[])[] = rows.map((r) => r.values)): void {
    const mask = maskGrid(rows, (r) => r.textMask, width);
    if (mask) range.numberFormat = mask;
    range.values = values as unknown[][];
    const formulas = maskGrid(rows, (r) => r.formulas, width);
    if (formulas) range.formulas = formulas;
    this.queueFormulaTexts(range, rows);
    const formats = maskGrid(rows, (r) => r.formats, width);
    if (formats) range.numberFormat = formats;
  }

  /**
   * Strings that Range.values would take as formulas (`isFormulaText`), one cell each. ExcelApi
   * 1.16: `valuesAsJson` with a StringCellValue ("the value of a cell containing a string",
   * excel.stringcellvalue.yml). Before: the formula `="…"` (`textFormula`), whose value is the text;
   * when even that cannot hold it, the old `@`-then-values write and a warning that it may turn
   * into a formula.
   */
  private queueFormulaTexts(range: Excel.Range, rows: readonly EncodedRow[]): void {
    const typed = this.has("1.16");
    rows.forEach((r, k) => {
      for (const t of r.formulaTexts ?? []) {
        const cell = range.getCell(k, t.col);
        if (typed) {
          cell.valuesAsJson = [[{ type: "String" as Excel.CellValueType.string, basicValue: t.text }]];
          continue;
        }
        const f = textFormula(t.text);
        if (f !== null) cell.formulas = [[f]];
        else {
          cell.numberFormat = [["@"]];
          cell.values = [[t.text]];
          this.warnings.push({ code: "host.formulaTextUnsafe", params: { text: t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text }, severity: "warning" });
        }
      }
    });
  }

  /** Write encoded rows from `startRow` in chunks; syncs between chunks (the caller syncs the last). */
  private async queueChunks(ctx: Excel.RequestContext, ws: Excel.Worksheet, rows: readonly EncodedRow[], startRow: number, width: number, what: string): Promise<void> {
    const chunks = planWrite(rows, width, "range", this.chunkBytes, this.chunkRows);
    for (const [i, ch] of chunks.entries()) {
      if (ch.end - ch.start === 1 && ch.bytes > this.chunkBytes) {
        throw new HostIssueError({ code: "host.rowTooLarge", params: { sheet: what, row: startRow + ch.start + 1, limit: this.chunkBytes } });
      }
      const range = ws.getRange(rangeA1({ row: startRow + ch.start, col: 0, rowEnd: startRow + ch.end - 1, colEnd: width - 1 }));
      this.queueRows(range, rows.slice(ch.start, ch.end), width);
      if (i < chunks.length - 1) {
        await ctx.sync();
        this.suspend(ctx, false);
      }
    }
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.exec(async (ctx) => {
      const wss = ctx.workbook.worksheets;
      wss.load("items/name,items/visibility");
      const metaWs = wss.getItemOrNullObject(META_SHEET);
      await ctx.sync();
      const sheets = wss.items.filter((ws) => ws.name !== META_SHEET);
      const merges = this.has("1.13");
      if (!merges) this.warn("getMergedAreas", "1.13");
      const probe = (withMerges: boolean): { ws: Excel.Worksheet; used: Excel.Range; areas: Excel.RangeAreas | null }[] =>
        sheets.map((ws) => {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount");
          const areas = withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
          areas?.load("address");
          return { ws, used, areas };
        });
      let probes = probe(merges);
      let meta: MetaState;
      let banded = false;
      try {
        meta = await this.readMeta(ctx, metaWs); // syncs the probes too
        if (!meta.exists) await ctx.sync();
      } catch (e) {
        // A sheet with more than 512 merged areas fails the whole sync (excel.range.yml getMergedAreasOrNullObject): read merges sheet by sheet.
        if (!merges || errorCode(e) === undefined || errorCode(e) === "InvalidOperationInCellEditMode") throw e;
        probes = probe(false);
        meta = await this.readMeta(ctx, metaWs);
        if (!meta.exists) await ctx.sync();
        banded = true;
      }
      const found: CellRange[][] = [];
      for (const { ws, used, areas } of probes) {
        if (!banded) found.push(areas && !areas.isNullObject ? parseAreas(areas.address) : []);
        else found.push(used.isNullObject ? [] : await this.mergesInBands(ctx, ws, { row: used.rowIndex, col: used.columnIndex, rowEnd: used.rowIndex + used.rowCount - 1, colEnd: used.columnIndex + used.columnCount - 1 }));
      }
      return probes.map(({ ws, used }, i): SheetInfo => {
        const owned = meta.rows.find((m) => m.kind === "owned" && sameName(m.key, ws.name));
        const empty = used.isNullObject;
        return {
          name: ws.name,
          visible: ws.visibility === "Visible",
          rowCount: empty ? 0 : used.rowCount,
          columnCount: empty ? 0 : used.columnCount,
          startRow: empty ? 0 : used.rowIndex,
          startCol: empty ? 0 : used.columnIndex,
          merges: found[i] ?? [],
          ownedKind: owned ? owned.value : null,
        };
      });
    });
  }

  /**
   * Merged areas of one sheet's used range, one sync per row band: a band Excel refuses (over 512
   * merged areas) is halved and retried. Stops at `MERGE_CAP` areas or `MERGE_SYNCS` syncs with a
   * warning that the sheet's remaining merges were not read; a refused single row is skipped the same way.
   */
  private async mergesInBands(ctx: Excel.RequestContext, ws: Excel.Worksheet, used: CellRange): Promise<CellRange[]> {
    const out = new Map<string, CellRange>();
    const bands: CellRange[] = [used];
    let syncs = 0;
    let complete = true;
    while (bands.length > 0) {
      const band = bands.shift() as CellRange;
      if (out.size >= MERGE_CAP || syncs >= MERGE_SYNCS) {
        complete = false;
        break;
      }
      const areas = ws.getRange(rangeA1(band)).getMergedAreasOrNullObject();
      areas.load("address");
      syncs++;
      try {
        await ctx.sync();
      } catch (e) {
        if (errorCode(e) === undefined || errorCode(e) === "InvalidOperationInCellEditMode") throw e;
        if (band.rowEnd === band.row) {
          complete = false;
          continue;
        }
        const mid = band.row + Math.floor((band.rowEnd - band.row) / 2);
        bands.unshift({ ...band, rowEnd: mid }, { ...band, row: mid + 1 });
        continue;
      }
      // A merge crossing a band edge comes back from both bands: keep it once.
      if (!areas.isNullObject) for (const m of parseAreas(areas.address)) out.set(`${m.row}:${m.col}:${m.rowEnd}:${m.colEnd}`, m);
    }
    if (!complete) this.warnings.push({ code: "host.mergesCapped", params: { sheet: ws.name, count: out.size, cap: MERGE_CAP }, severity: "warning" });
    return [...out.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }

  async date1904(): Promise<boolean> {
    return this.exec(async (ctx) => {
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await ctx.sync();
      return probe.value === 0; // 1904-01-01 is day 0 in the 1904 system, 1462 in the 1900 one
    });
  }

  /**
   * Used range in row chunks, each its own `Excel.run` + sync. Chunk height adapts to the bytes the
   * previous chunk really took (values + numberFormat + formulas), capped at 20,000 rows; a chunk
   * that still exceeds the response limit is halved and retried.
   */
  async *readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk> {
    const dims = await this.exec(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      return used.isNullObject ? null : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
    });
    if (!dims) {
      onProgress?.(0, 0);
      return;
    }
    let bytesPerRow = dims.cols * 3 * 32; // first guess: 32 bytes a cell per property
    let done = 0;
    while (done < dims.rows) {
      let want = Math.max(1, Math.min(this.chunkRows, dims.rows - done, Math.floor(this.chunkBytes / Math.max(1, bytesPerRow))));
      let chunk: GridChunk | null = null;
      while (!chunk) {
        try {
          chunk = await this.readBlock(name, dims.row + done, dims.col, want, dims.cols);
        } catch (e) {
          if (errorCode(e) !== "ResponsePayloadSizeLimitExceeded") throw e;
          if (want === 1) throw new HostIssueError({ code: "host.rowTooLarge", params: { sheet: name, row: dims.row + done + 1, limit: this.chunkBytes } });
          want = Math.max(1, Math.floor(want / 2));
        }
      }
      // valueTypes ride along too: about ten bytes a cell ("String",).
      const measured = jsonBytes(chunk.values) + jsonBytes(chunk.formats) + jsonBytes(chunk.formulas) + want * dims.cols * 10;
      bytesPerRow = Math.max(1, Math.ceil((measured / want) * 1.15));
      done += want;
      onProgress?.(done, dims.rows);
      yield chunk;
    }
  }

  private readBlock(name: string, row: number, col: number, rows: number, cols: number): Promise<GridChunk> {
    return this.exec(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(name).getRange(rangeA1({ row, col, rowEnd: row + rows - 1, colEnd: col + cols - 1 }));
      // valueTypes: an error and a text reading `#N/A` are the same string in `values`.
      range.load("values,valueTypes,numberFormat,formulas");
      await ctx.sync();
      const values = range.values as unknown[][];
      const types = range.valueTypes as string[][];
      const formulas = range.formulas as unknown[][];
      return {
        startRow: row,
        startCol: col,
        values: values.map((line, r) => line.map((v, c) => decodeTypedValue(v, types[r]?.[c]))),
        formats: (range.numberFormat as unknown[][]).map((line) => line.map((f) => (typeof f === "string" && f !== "" ? f : "General"))),
        formulas: formulas.map((line, r) => line.map((f, c) => decodeFormula(f, values[r]?.[c]))),
      };
    });
  }

  async listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    return this.exec(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load("items/name");
      await ctx.sync();
      const probes = tables.items.map((t) => {
        const ws = t.worksheet;
        ws.load("name");
        const header = t.getHeaderRowRange();
        header.load("values");
        return { t, ws, header };
      });
      await ctx.sync();
      return probes.map(({ t, ws, header }) => ({ name: t.name, sheetName: ws.name, headers: (header.values[0] ?? []).map((h) => String(h)) }));
    });
  }

  async readTable(name: string): Promise<TableData | null> {
    return this.exec(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject(name);
      t.load("name");
      await ctx.sync();
      if (t.isNullObject) return null;
      const ws = t.worksheet;
      ws.load("name");
      const header = t.getHeaderRowRange();
      header.load("values");
      const body = t.getDataBodyRange();
      body.load("rowCount,columnCount");
      await ctx.sync();
      const cols = body.columnCount;
      const rowCount = body.rowCount;
      const headers = (header.values[0] ?? []).map((h) => String(h));
      const rows: RawCell[][] = [];
      let bytesPerRow = cols * 32;
      let done = 0;
      let failedAt = -1; // rows of the chunk that exceeded the response limit; -1 when none did
      while (done < rowCount) {
        let want = Math.max(1, Math.min(this.chunkRows, rowCount - done, Math.floor(this.chunkBytes / bytesPerRow)));
        if (failedAt > 0) want = Math.max(1, Math.min(want, Math.floor(failedAt / 2)));
        const block = body.getRow(done).getResizedRange(want - 1, 0);
        block.load("values,valueTypes");
        try {
          await ctx.sync();
        } catch (e) {
          // Excel on the web refuses a response over its limit: halve the chunk and retry (a row alone too big is a clear issue).
          if (errorCode(e) !== "ResponsePayloadSizeLimitExceeded") throw e;
          if (want === 1) throw new HostIssueError({ code: "host.rowTooLarge", params: { sheet: t.name, row: done + 1, limit: this.chunkBytes } });
          failedAt = want;
          continue;
        }
        failedAt = -1;
        const types = block.valueTypes as string[][];
        bytesPerRow = Math.max(1, Math.ceil(((jsonBytes(block.values) + jsonBytes(types)) / want) * 1.15));
        (block.values as unknown[][]).forEach((line, r) => rows.push(line.map((v, c) => decodeTypedValue(v, types[r]?.[c]))));
        done += want;
      }
      // A table with only Excel's empty placeholder row has no data.
      const data = rows.length === 1 && (rows[0] ?? []).every((v) => v === null) ? [] : rows;
      return { name: t.name, sheetName: ws.name, headers, rows: data };
    });
  }

  /**
   * Append with `table.rows.add(undefined, rows)` (co-authoring safe: never a rewrite). Strings are
   * first added blank, then entered into `@`-formatted cells and given the column's format back.
   */
  async appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    let sent = 0;
    return this.exec(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject(tableName);
      t.load("name");
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await ctx.sync();
      if (t.isNullObject) throw new HostIssueError({ code: "host.tableNotFound", params: { table: tableName } });
      const body = t.getDataBodyRange();
      body.load("rowCount,columnCount");
      const last = body.getLastRow();
      last.load("values,numberFormat");
      const first = body.getRow(0);
      first.load("values");
      await ctx.sync();
      const width = body.columnCount;
      rows.forEach((r, i) => {
        if (r.length !== width) throw new HostIssueError({ code: "host.rowWidthMismatch", params: { table: tableName, row: i + 1, got: r.length, expected: width } });
      });
      // Excel's blank placeholder row of a table created empty stays blank and is not counted: it is
      // never written into, since two panes (or co-authors) that both saw it blank would both fill it.
      const blankFirst = ((first.values[0] ?? []) as unknown[]).every((v) => v === "" || v === null);
      const dataRows = body.rowCount - (blankFirst ? 1 : 0);
      const pending = rows.slice(sent); // a retry after a cell-edit interruption never appends a row twice
      if (pending.length === 0) return dataRows;
      const colFormats = ((last.numberFormat[0] ?? []) as unknown[]).map((f) => (typeof f === "string" && f !== "" ? f : "General"));
      const date1904 = probe.value === 0;
      const encoded = pending.map((r) => encodeWriteRow(r, (c) => colFormats[c] ?? "General", date1904));
      this.suspend(ctx, true);
      let inFlight = 0;
      const rest = encoded;
      const chunks = planWrite(rest, width, "append", this.chunkBytes, this.chunkRows);
      for (const [i, ch] of chunks.entries()) {
        const part = rest.slice(ch.start, ch.end);
        if (ch.end - ch.start === 1 && ch.bytes > this.chunkBytes) throw new HostIssueError({ code: "host.rowTooLarge", params: { sheet: tableName, row: dataRows + ch.start + 1, limit: this.chunkBytes } });
        const added = t.rows.add(undefined, part.map(addValues));
        if (part.some((r) => r.textMask !== null || r.formulaTexts !== null)) {
          const block = added.getRange().getResizedRange(part.length - 1, 0);
          // The strings only (text-formatted first), the formula-looking ones, then the column formats back.
          if (part.some((r) => r.textMask !== null)) this.queueRows(block, part, width, part.map(stringValues));
          else {
            this.queueFormulaTexts(block, part);
            const formats = maskGrid(part, (r) => r.formats, width);
            if (formats) block.numberFormat = formats;
          }
        }
        inFlight += part.length;
        await ctx.sync();
        sent += inFlight;
        inFlight = 0;
        if (i < chunks.length - 1) this.suspend(ctx, false);
      }
      if (inFlight > 0) {
        await ctx.sync();
        sent += inFlight;
      }
      return dataRows + pending.length;
    });
  }

  /**
   * Write a few cells of one body row through `getDataBodyRange().getCell(row, col)` (never a table
   * rewrite). Strings are entered into `@`-formatted cells and get the cell's format back, as appends do.
   */
  async updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    await this.exec(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject(tableName);
      t.load("name");
      await ctx.sync();
      if (t.isNullObject) throw new HostIssueError({ code: "host.tableNotFound", params: { table: tableName } });
      const header = t.getHeaderRowRange();
      header.load("values");
      const body = t.getDataBodyRange();
      body.load("rowCount");
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await ctx.sync();
      if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= body.rowCount) throw new Error(`updateTableCells: ${tableName} has no body row ${rowIndex}`);
      const headers = (header.values[0] ?? []).map((h) => String(h));
      const cells = Object.entries(values).map(([key, value]) => {
        const col = tableColumnIndex(tableName, headers, key);
        if (col < 0) throw new Error(`updateTableCells: ${tableName} has no column ${key}`);
        const cell = body.getCell(rowIndex, col);
        cell.load("numberFormat");
        return { cell, value };
      });
      await ctx.sync();
      const date1904 = probe.value === 0;
      for (const { cell, value } of cells) {
        const format = (cell.numberFormat[0] ?? [])[0];
        const enc = encodeWriteRow([value], () => (typeof format === "string" && format !== "" ? format : "General"), date1904);
        this.queueRows(cell, [enc], 1);
      }
      await ctx.sync();
    });
  }

  /** Defined names of the workbook and of every sheet (see `probeNames`): 2 syncs. */
  async listNames(): Promise<readonly string[]> {
    return this.exec(async (ctx) => {
      const names = this.probeNames(ctx);
      await ctx.sync();
      this.probeSheetNames(names);
      if (names.sheets) await ctx.sync();
      return this.namesOf(names);
    });
  }

  /**
   * A table on a new sheet. Refused before anything is written when the sheet exists (unless it is
   * our own half-made one) or when a table or a defined name already has the table's name — Excel
   * would fail on `table.name` after the sheet was added, leaving it behind.
   */
  async createTable(spec: TableSpec): Promise<WriteSheetResult> {
    return this.exec(async (ctx) => {
      const wss = ctx.workbook.worksheets;
      const target = wss.getItemOrNullObject(spec.sheetName);
      const metaWs = wss.getItemOrNullObject(META_SHEET);
      const existingTable = ctx.workbook.tables.getItemOrNullObject(spec.tableName);
      const names = this.probeNames(ctx);
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await ctx.sync();
      this.probeSheetNames(names);
      const meta = await this.readMeta(ctx, metaWs); // syncs the sheets' names too
      if (!meta.exists && names.sheets) await ctx.sync();
      const mark = meta.rows.find((m) => m.kind === "owned" && sameName(m.key, spec.sheetName));
      if (!target.isNullObject) {
        // Only our own half-made sheet (marked for this table, table never created) may be redone.
        const leftover = mark?.value === `table:${spec.tableName}` && existingTable.isNullObject;
        if (!leftover) return { ok: false, code: "sheet.userSheetExists", sheet: spec.sheetName };
      }
      if (!existingTable.isNullObject || this.namesOf(names).some((n) => sameName(n, spec.tableName))) {
        return { ok: false, code: "table.nameTaken", sheet: spec.sheetName, table: spec.tableName };
      }
      const date1904 = probe.value === 0;
      const width = spec.columns.length;
      const formats = spec.columns.map((c) => c.numberFormat ?? "General");
      // Headers carry their column's format too, as the xlsx host's column styles give them.
      const header = encodeWriteRow(spec.columns.map((c) => c.header), (c) => formats[c] ?? "General", false);
      // Every body cell carries its column's format, so formats go with the values, chunk by chunk.
      const body = spec.rows.map((r) => encodeWriteRow(r, (c) => formats[c] ?? "General", date1904, true));
      this.suspend(ctx, true);
      // The mark first: if a co-author's client created the meta sheet meanwhile, the sync fails before anything else is done (and `exec` retries).
      this.queueMeta(ctx, meta, ["owned", spec.sheetName, `table:${spec.tableName}`], mark?.row, false);
      if (!target.isNullObject) target.delete();
      const ws = wss.add(spec.sheetName);
      hideMeta(meta);
      await this.queueChunks(ctx, ws, [header, ...body], 0, width, spec.sheetName);
      const lastRow = Math.max(1, spec.rows.length);
      ws.getRange(rangeA1({ row: 0, col: 0, rowEnd: 0, colEnd: width - 1 })).format.font.bold = true;
      const table = ws.tables.add(`${sheetRef(spec.sheetName)}!${rangeA1({ row: 0, col: 0, rowEnd: spec.rows.length, colEnd: width - 1 })}`, true);
      table.name = spec.tableName;
      // The placeholder row of an empty table gets the column formats too (body rows got theirs with their values).
      if (spec.rows.length === 0) ws.getRange(rangeA1({ row: 1, col: 0, rowEnd: 1, colEnd: width - 1 })).numberFormat = [formats];
      const validation = this.has("1.8");
      spec.columns.forEach((c, i) => {
        const column = ws.getRange(rangeA1({ row: 1, col: i, rowEnd: lastRow, colEnd: i }));
        const rule = c.validation ? validationRule(c.validation) : null;
        if (rule && validation) column.dataValidation.rule = rule;
        else if (c.validation?.type === "list" && validation) this.warn("dataValidation.list", "1.8");
        // Same default width as the xlsx host: about two characters per header character.
        const chars = c.width ?? Math.max(8, c.header.length * 2 + 2);
        ws.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = charWidthToPoints(chars);
      });
      if (!validation && spec.columns.some((c) => c.validation)) this.warn("dataValidation", "1.8");
      if (this.has("1.7")) ws.freezePanes.freezeRows(1);
      await ctx.sync();
      return { ok: true, replaced: false };
    });
  }

  async writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    return this.exec(async (ctx) => {
      const wss = ctx.workbook.worksheets;
      const target = wss.getItemOrNullObject(spec.name);
      target.load("position");
      const metaWs = wss.getItemOrNullObject(META_SHEET);
      const leftover = wss.getItemOrNullObject(TEMP_SHEET);
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await ctx.sync();
      const meta = await this.readMeta(ctx, metaWs);
      const mark = meta.rows.find((m) => m.kind === "owned" && sameName(m.key, spec.name));
      const replacing = !target.isNullObject;
      if (replacing && !mark) return { ok: false, code: "sheet.userSheetExists", sheet: spec.name };
      const rows = encodeSpec(spec, probe.value === 0);
      this.suspend(ctx, true);
      if (!mark || mark.value !== spec.kind) this.queueMeta(ctx, meta, ["owned", spec.name, spec.kind], mark?.row, false); // first: see createTable
      if (!leftover.isNullObject) leftover.delete();
      const ws = wss.add(replacing ? TEMP_SHEET : spec.name);
      hideMeta(meta);
      await this.queueChunks(ctx, ws, rows.encoded, 0, rows.width, spec.name);
      this.queueLayout(ws, spec);
      if (replacing) {
        const position = target.position;
        target.delete();
        ws.name = spec.name;
        ws.position = position; // where the old sheet was, as the xlsx host does
      }
      ws.activate();
      await ctx.sync();
      if (spec.print.fitToWidth && this.has("1.9")) await this.fitToWidth(ctx, ws, rows.encoded.length);
      return { ok: true, replaced: replacing };
    });
  }

  /**
   * Print one page wide, in its own sync after the sheet is written, so that a refusal leaves the
   * sheet written and becomes a warning. Only documented values (excel.pagelayoutzoomoptions:
   * `horizontalFitToPages`/`verticalFitToPages` are "number of pages"): the page count that
   * `0` = "automatic" would mean in OOXML is not documented for the API, so the height allows one
   * page per 10 rows — more than a one-page-wide printout needs, so the width alone sets the scale
   * — capped at 32,767, the most Excel's page setup accepts.
   */
  private async fitToWidth(ctx: Excel.RequestContext, ws: Excel.Worksheet, rowCount: number): Promise<void> {
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: Math.min(32_767, Math.max(1, Math.ceil(rowCount / 10))) };
    try {
      await ctx.sync();
    } catch (e) {
      if (errorCode(e) === undefined) throw e;
      this.warnings.push({ code: "host.featureRefused", params: { feature: "pageLayout.zoom", detail: errorCode(e) ?? "" }, severity: "warning" });
    }
  }

  /**
   * A native PivotTable over the table `spec.sourceTable` (ExcelApi 1.8; without it nothing is
   * written and `pivot.unsupported` comes back) on the add-in's own sheet: the title as text in A1,
   * the report filters from A3, the PivotTable body at A3 (below the filters and a blank row when
   * there are filters, where Excel would otherwise push it down over the title). The sheet is
   * marked owned as kind `pivot`, like `writeSheet`'s sheets; an earlier one of ours is replaced in
   * place (deleting a sheet deletes its PivotTable); a user's sheet — or one we own as another kind,
   * such as a ledger table's — is refused. Fields are found by header (`hierarchies.getItem`), so a
   * header missing from the table fails the sync: callers check the headers first. Syncs: probes,
   * meta rows (when the meta sheet exists), the write — 3 at most.
   */
  async createPivotTable(spec: PivotSpec): Promise<PivotResult> {
    if (!this.has("1.8")) return { ok: false, code: "pivot.unsupported" };
    return this.exec(async (ctx): Promise<PivotResult> => {
      const wss = ctx.workbook.worksheets;
      const target = wss.getItemOrNullObject(spec.sheetName);
      target.load("position");
      const metaWs = wss.getItemOrNullObject(META_SHEET);
      const leftover = wss.getItemOrNullObject(TEMP_SHEET);
      const source = ctx.workbook.tables.getItemOrNullObject(spec.sourceTable);
      await ctx.sync();
      const meta = await this.readMeta(ctx, metaWs);
      if (source.isNullObject) return { ok: false, code: "pivot.noSourceTable", table: spec.sourceTable };
      const mark = meta.rows.find((m) => m.kind === "owned" && sameName(m.key, spec.sheetName));
      const replacing = !target.isNullObject;
      if (replacing && mark?.value !== PIVOT_KIND) return { ok: false, code: "sheet.userSheetExists", sheet: spec.sheetName };
      this.suspend(ctx, true);
      if (mark?.value !== PIVOT_KIND) this.queueMeta(ctx, meta, ["owned", spec.sheetName, PIVOT_KIND], mark?.row, false); // first: see createTable
      if (!leftover.isNullObject) leftover.delete();
      const ws = wss.add(replacing ? TEMP_SHEET : spec.sheetName);
      hideMeta(meta);
      if (spec.title !== undefined) {
        const cell = ws.getRange("A1");
        this.queueRows(cell, [encodeWriteRow([spec.title], () => "General", false)], 1);
        cell.format.font.bold = true;
        cell.format.font.size = 14;
      }
      const filters = spec.filters ?? [];
      const bodyRow = filters.length > 0 ? 2 + filters.length + 1 : 2;
      const pivot = ws.pivotTables.add(spec.pivotName, source, ws.getRange(a1(bodyRow, 0)));
      const field = (header: string): Excel.PivotHierarchy => pivot.hierarchies.getItem(header);
      for (const h of spec.rows) pivot.rowHierarchies.add(field(h));
      for (const h of spec.columns ?? []) pivot.columnHierarchies.add(field(h));
      for (const h of filters) pivot.filterHierarchies.add(field(h));
      for (const v of spec.values) {
        const data = pivot.dataHierarchies.add(field(v.header));
        data.summarizeBy = "Sum"; // text columns would otherwise be counted
        if (v.numberFormat !== undefined) data.numberFormat = v.numberFormat;
        if (v.label !== undefined) data.name = v.label;
      }
      if (replacing) {
        const position = target.position;
        target.delete();
        ws.name = spec.sheetName;
        ws.position = position;
      }
      ws.activate();
      await ctx.sync();
      return { ok: true, replaced: replacing };
    });
  }

  /** Styles, merges, widths, freeze panes, print setup, links: after the values. */
  private queueLayout(ws: Excel.Worksheet, spec: SheetSpec): void {
    for (const { range, style } of spec.styles) {
      const r = ws.getRange(rangeA1(range));
      const font = r.format.font;
      if (style.bold !== undefined) font.bold = style.bold;
      if (style.italic !== undefined) font.italic = style.italic;
      if (style.fontSize !== undefined) font.size = style.fontSize;
      if (style.fontColor !== undefined) font.color = style.fontColor;
      if (style.fill !== undefined) r.format.fill.color = style.fill;
      if (style.hAlign !== undefined) r.format.horizontalAlignment = hAlign(style.hAlign);
      if (style.vAlign !== undefined) r.format.verticalAlignment = vAlign(style.vAlign);
      if (style.wrap !== undefined) r.format.wrapText = style.wrap;
      if (style.border && style.border.weight !== "none") {
        const weight = style.border.weight === "medium" ? "Medium" : "Thin";
        for (const edge of borderEdges(style.border.scope, range)) {
          const b = r.format.borders.getItem(edge);
          b.style = "Continuous";
          b.weight = weight;
        }
      }
    }
    for (const m of spec.merges) if (m.rowEnd > m.row || m.colEnd > m.col) ws.getRange(rangeA1(m)).merge(false);
    spec.columnWidths.forEach((w, i) => {
      if (w > 0) ws.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = charWidthToPoints(w);
    });
    const links = spec.links ?? [];
    if (this.has("1.7")) {
      const f = spec.freeze;
      if (f && f.rows > 0 && f.columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeA1({ row: 0, col: 0, rowEnd: f.rows - 1, colEnd: f.columns - 1 })));
      else if (f && f.rows > 0) ws.freezePanes.freezeRows(f.rows);
      else if (f && f.columns > 0) ws.freezePanes.freezeColumns(f.columns);
      for (const link of links) {
        const shown = spec.rows[link.row]?.[link.col];
        ws.getRange(a1(link.row, link.col)).hyperlink = {
          documentReference: `${sheetRef(link.target.sheet)}!${link.target.cell}`,
          ...(shown === null || shown === undefined ? { textToDisplay: link.target.cell } : {}),
        };
      }
    } else if ((spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) || links.length > 0) this.warn("freezePanes/hyperlink", "1.7");
    if (this.has("1.9")) {
      const p = spec.print;
      const pl = ws.pageLayout;
      pl.paperSize = "A4";
      pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
      if (p.repeatRows) pl.setPrintTitleRows(`$${p.repeatRows.first + 1}:$${p.repeatRows.last + 1}`);
      if (p.footer) pl.headersFooters.defaultForAllPages.centerFooter = p.footer;
    } else this.warn("pageLayout", "1.9");
  }

  /**
   * Call `onChange` with the name of each table that changes (workbook `tables.onChanged`,
   * ExcelApi 1.7), e.g. to refresh custom functions after an edit. The returned function stops the
   * callbacks (the registration itself lives until the add-in reloads: removing it needs the
   * registering context). On an older Excel nothing is registered and a warning is recorded.
   */
  onTablesChanged(onChange: (tables: readonly string[]) => void): () => void {
    let active = true;
    if (!this.has("1.7")) {
      this.warn("tables.onChanged", "1.7");
      return () => undefined;
    }
    const names = new Map<string, string>();
    const nameOf = async (id: string): Promise<string | null> => {
      const known = names.get(id);
      if (known) return known;
      return this.exec(async (ctx) => {
        const t = ctx.workbook.tables.getItemOrNullObject(id);
        t.load("name");
        await ctx.sync();
        if (t.isNullObject) return null;
        names.set(id, t.name);
        return t.name;
      });
    };
    this.exec(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load("items/name,items/id");
      tables.onChanged.add(async (event) => {
        if (!active) return;
        const name = await nameOf(event.tableId);
        if (name !== null && active) onChange([name]);
      });
      await ctx.sync();
      for (const t of tables.items) names.set(t.id, t.name);
    }).catch((e: unknown) => {
      this.warnings.push({ code: "host.eventsUnavailable", params: { detail: e instanceof HostIssueError ? e.issue.code : (errorCode(e) ?? String(e)) }, severity: "warning" });
    });
    return () => {
      active = false;
    };
  }

  async getSetting(key: string): Promise<string | null> {
    return this.exec(async (ctx) => {
      const metaWs = ctx.workbook.worksheets.getItemOrNullObject(META_SHEET);
      await ctx.sync();
      const meta = await this.readMeta(ctx, metaWs);
      return meta.rows.find((m) => m.kind === "setting" && m.key === key)?.value ?? null;
    });
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.exec(async (ctx) => {
      const metaWs = ctx.workbook.worksheets.getItemOrNullObject(META_SHEET);
      await ctx.sync();
      const meta = await this.readMeta(ctx, metaWs);
      const row = meta.rows.find((m) => m.kind === "setting" && m.key === key)?.row;
      this.queueMeta(ctx, meta, ["setting", key, value], row);
      await ctx.sync();
    });
  }
}

/** Rows of `_ledger_meta` that new marks are spread over (by key): reading them all is ~100 KB at most. */
export const META_SLOTS = 4096;

/**
 * 0-based meta row for a new (kind, key): FNV-1a of both, modulo `META_SLOTS`, then the next free
 * row when taken (rows of an older sequential layout included); past a full slot space, the row
 * after the used range. Same key → same row on every client; different keys almost never meet.
 */
export function metaSlot(kind: string, key: string, taken: ReadonlySet<number>, afterUsed: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${kind}\u0000${key}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  for (let i = 0; i < META_SLOTS; i++) {
    const row = (h + i) % META_SLOTS;
    if (!taken.has(row)) return row;
  }
  let row = Math.max(afterUsed, META_SLOTS);
  while (taken.has(row)) row++;
  return row;
}

/** Excel refuses an inline list source longer than 255 characters. */
export const INLINE_LIST_LIMIT = 255;

/**
 * Office.js data validation rule for a ledger column, the same rules the xlsx host writes
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation). Null when
 * there is nothing to check or an inline list would be too long (the caller warns).
 */
export function validationRule(v: NonNullable<TableSpec["columns"][number]["validation"]>): Excel.DataValidationRule | null {
  switch (v.type) {
    case "list": {
      const source = v.values.join(",");
      if (source.length > INLINE_LIST_LIMIT || v.values.some((s) => s.includes(","))) return null;
      return { list: { inCellDropDown: true, source } };
    }
    case "date":
      return { date: { operator: "GreaterThan", formula1: "1990-01-01" } };
    case "wholeNumber":
      return { wholeNumber: v.max !== undefined ? { operator: "Between", formula1: v.min ?? 0, formula2: v.max } : { operator: "GreaterThanOrEqualTo", formula1: v.min ?? 0 } };
    default: {
      if (v.min !== undefined && v.max !== undefined) return { decimal: { operator: "Between", formula1: v.min, formula2: v.max } };
      if (v.min !== undefined) return { decimal: { operator: "GreaterThanOrEqualTo", formula1: v.min } };
      if (v.max !== undefined) return { decimal: { operator: "LessThanOrEqualTo", formula1: v.max } };
      return null;
    }
  }
}

/** Border edges to draw for a scope (`Inside*` only where the range has inner lines). */
export function borderEdges(scope: "all" | "outline" | "bottom" | "top", range: CellRange): Excel.BorderIndex[] {
  if (scope === "bottom") return ["EdgeBottom" as Excel.BorderIndex];
  if (scope === "top") return ["EdgeTop" as Excel.BorderIndex];
  const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  if (scope === "all" && range.rowEnd > range.row) edges.push("InsideHorizontal");
  if (scope === "all" && range.colEnd > range.col) edges.push("InsideVertical");
  return edges as Excel.BorderIndex[];
}

/** Rows of a spec, encoded over the area its cells and styles cover. */
export function encodeSpec(spec: SheetSpec, date1904: boolean): { encoded: EncodedRow[]; width: number } {
  let width = 1;
  let height = spec.rows.length;
  for (const r of spec.rows) width = Math.max(width, r.length);
  for (const s of spec.styles) {
    if (s.style.numberFormat === undefined) continue;
    width = Math.max(width, s.range.colEnd + 1);
    height = Math.max(height, s.range.rowEnd + 1);
  }
  const formats = new Map<number, Map<number, string>>();
  for (const s of spec.styles) {
    const nf = s.style.numberFormat;
    if (nf === undefined) continue;
    for (let r = s.range.row; r <= s.range.rowEnd; r++) {
      let line = formats.get(r);
      if (!line) formats.set(r, (line = new Map()));
      for (let c = s.range.col; c <= s.range.colEnd; c++) line.set(c, nf);
    }
  }
  const encoded: EncodedRow[] = [];
  for (let r = 0; r < height; r++) encoded.push(encodeSpecRow(spec.rows[r] ?? [], width, (c) => formats.get(r)?.get(c), date1904));
  return { encoded, width };
}

/** `RangeAreas.address` (`Sheet1!A1:C1,Sheet1!A5:B6`) → 0-based rectangles. */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  for (const part of address.split(",")) {
    const ref = part.slice(part.lastIndexOf("!") + 1).replace(/\$/g, "");
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!m) continue;
    const col = letterIndex(m[1] as string);
    const row = Number(m[2]) - 1;
    out.push({ row, col, rowEnd: m[4] ? Number(m[4]) - 1 : row, colEnd: m[3] ? letterIndex(m[3]) : col });
  }
  return out;
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
