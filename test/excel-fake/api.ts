/**
 * Proxy objects of the fake Excel JavaScript API. They follow the Office.js object model
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts and
 * https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model):
 * - a proxy is only a path: navigation (`getItem`, `getRange`, …) and writes are queued and run,
 *   in order, at `context.sync()`; errors such as `ItemNotFound` surface there, not at the call;
 * - a scalar property can be read only after `load()` **and** `sync()`; otherwise it throws
 *   `PropertyNotLoaded` (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#load);
 * - `*OrNullObject` methods give a proxy whose `isNullObject` is known after sync
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties);
 * - collections expose `items` after load; `null` entries in a 2-D set leave a cell unchanged, `''`
 *   clears it (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 * Only the members the Excel host uses are implemented; each cites its reference page
 * (https://learn.microsoft.com/javascript/api/excel/).
 */
import { officeError } from "./errors";
import {
  MAX_COLS,
  MAX_ROWS,
  colLetters,
  enterValue,
  formatAt,
  intersects,
  isValidName,
  newSheet,
  parseA1,
  quoteSheet,
  rectA1,
  rowAt,
  serialOf,
  setFormat,
  styleAt,
  usedRect,
  type CellStyleState,
  type NameState,
  type Rect,
  type SheetState,
  type TableState,
} from "./model";
import type { FakeExcel } from "./index";
import type { FakePivotTableCollection } from "./pivot";

/** One queued operation of a batch. */
interface Op {
  /** JSON bytes this operation adds to the request. */
  readonly bytes: number;
  /** ExcelApi requirement-set version the member needs (fails with `ApiNotFound` above the fake's). */
  readonly need: string;
  readonly what: string;
  /** Runs at sync; returns a response to stage (loads) or nothing. */
  readonly apply: () => void;
}

let nextId = 1;

/** getMergedAreasOrNullObject fails above this many merged areas (excel.range.yml). */
export const MERGED_AREAS_LIMIT = 512;

/** Filled in by `pivot.ts` (it builds on this module, so this module cannot import it): PivotTable collections. */
export const pivotHooks: { collection?: (ctx: FakeRequestContext, ws: FakeWorksheet | null) => FakePivotTableCollection } = {};

function pivotCollection(ctx: FakeRequestContext, ws: FakeWorksheet | null): FakePivotTableCollection {
  if (!pivotHooks.collection) throw new Error("fake: import test/excel-fake (index.ts) so that pivot.ts is loaded");
  return pivotHooks.collection(ctx, ws);
}

/** Bytes of a JSON value (what the request/response would carry). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");
}

/**
 * `Excel.RequestContext` look-alike: holds the queue, runs it at `sync()` with payload accounting.
 * https://learn.microsoft.com/javascript/api/excel/excel.requestcontext
 */
export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** Tracked objects are a no-op here (they matter only across `Excel.run` batches). */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: Op[] = [];
  private staged: (() => void)[] = [];
  private responseBytes = 0;
  private pendingEvents: (() => void)[] = [];
  /** @internal */
  calcSuspended = false;
  /** @internal */
  screenSuspended = false;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  /** @internal queue an operation. */
  enqueue(what: string, payload: unknown, apply: () => void, need = "1.1"): void {
    this.queue.push({ what, bytes: jsonBytes(payload) + 16, need, apply });
  }

  /** @internal a load result becomes visible only when the whole sync succeeds. */
  stage(response: unknown, commit: () => void): void {
    this.responseBytes += jsonBytes(response);
    this.staged.push(commit);
  }

  /** @internal table events fire after the sync that caused them. */
  emit(fire: () => void): void {
    this.pendingEvents.push(fire);
  }

  /** True when operations wait for a sync. */
  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /**
   * Run the queue. Like Excel on the web, a request or a response over the payload limit (5 MB)
   * fails the whole sync (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
   * in cell-edit mode every batch fails with `InvalidOperationInCellEditMode`
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
   * Operations run in order; an error stops the batch (earlier writes stay, as in Excel).
   */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.staged = [];
    this.responseBytes = 0;
    const ex = this.excel;
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 64);
    const record = { requestBytes, responseBytes: 0, ops: ops.length, calcSuspended: false, screenSuspended: false, failed: "" as string, opNames: ops.map((op) => op.what) };
    ex.syncLog.push(record);
    ex.beforeSync?.(ex.syncLog.length - 1);
    await Promise.resolve();
    if (ex.cellEditModeSyncs > 0) {
      ex.cellEditModeSyncs--;
      record.failed = "InvalidOperationInCellEditMode";
      throw officeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
    }
    if (requestBytes > ex.payloadLimit) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes} bytes) has exceeded the limit.`);
    }
    this.calcSuspended = false;
    this.screenSuspended = false;
    try {
      for (const op of ops) {
        if (!ex.isSetSupported("ExcelApi", op.need)) throw officeError("ApiNotFound", `${op.what} needs ExcelApi ${op.need}.`, op.what);
        op.apply();
      }
    } catch (e) {
      record.failed = (e as { code?: string }).code ?? "Error";
      this.pendingEvents = [];
      throw e;
    } finally {
      record.calcSuspended = this.calcSuspended;
      record.screenSuspended = this.screenSuspended;
    }
    record.responseBytes = this.responseBytes + 64;
    if (record.responseBytes > ex.payloadLimit) {
      record.failed = "ResponsePayloadSizeLimitExceeded";
      this.pendingEvents = [];
      throw officeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`);
    }
    for (const commit of this.staged) commit();
    this.staged = [];
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const fire of events) fire();
  }
}

type LoadArg = string | string[] | { select?: string } | undefined;

function propList(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  const raw = typeof arg === "string" ? arg : Array.isArray(arg) ? arg.join(",") : (arg.select ?? "");
  return raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Base of every proxy (`OfficeExtension.ClientObject`,
 * https://learn.microsoft.com/javascript/api/office/officeextension.clientobject).
 */
export abstract class FakeClientObject {
  /** @internal */ readonly _id = nextId++;
  /** @internal */ _loaded = new Map<string, unknown>();
  /** @internal */ _isNull: boolean | undefined;
  constructor(readonly context: FakeRequestContext) {}

  /** Known after the sync that resolved an `*OrNullObject` proxy. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw officeError("PropertyNotLoaded", "isNullObject is not available before context.sync().");
    return this._isNull;
  }

  /** Scalar properties this proxy can load. */
  protected abstract loadable(): readonly string[];
  /** @internal value of a property, read from the workbook at sync. */
  protected abstract snapshot(name: string): unknown;

  /** Queue a load of scalar properties (all scalars when none named). */
  load(arg?: LoadArg): this {
    const names = propList(arg) ?? [...this.loadable()];
    for (const n of names) if (!this.loadable().includes(n)) throw officeError("InvalidArgument", `Cannot load '${n}'.`);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      if (this._isNull) {
        this.context.stage({}, () => undefined);
        return;
      }
      const snap: Record<string, unknown> = {};
      for (const n of names) snap[n] = this.snapshot(n);
      this.context.stage(snap, () => {
        for (const n of names) this._loaded.set(n, snap[n]);
      });
    });
    return this;
  }

  /** @internal read a loaded property or throw `PropertyNotLoaded`. */
  protected get<T>(name: string): T {
    if (!this._loaded.has(name)) {
      throw officeError("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this._loaded.get(name) as T;
  }

  /** @internal queue a property write. */
  protected set(name: string, value: unknown, apply: () => void, need = "1.1"): void {
    this.context.enqueue(`set ${name}`, { o: this._id, p: name, v: value }, () => {
      this.assertLive();
      apply();
    }, need);
    this._loaded.delete(name);
  }

  /** @internal queue a method call. */
  protected call(name: string, args: unknown[], apply: () => void, need = "1.1"): void {
    this.context.enqueue(name, { o: this._id, m: name, a: args }, () => {
      this.assertLive();
      apply();
    }, need);
  }

  /** @internal */
  protected assertLive(): void {
    if (this._isNull) throw officeError("InvalidObjectPath", "The object is a null object.");
  }

  /** Plain data of the loaded properties. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** Resolve a proxy's target at sync, in queue order. */
function navigate<P extends { _resolve(t: T | null): void }, T>(ctx: FakeRequestContext, proxy: P, what: string, args: unknown[], resolve: () => T | null, need = "1.1"): P {
  ctx.enqueue(what, { m: what, a: args }, () => proxy._resolve(resolve()), need);
  return proxy;
}

function findSheet(ex: FakeExcel, name: string): SheetState | undefined {
  const key = name.toLowerCase();
  return ex.sheets.find((s) => !s.deleted && s.name.toLowerCase() === key);
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw officeError("InvalidArgument", `The sheet name '${name}' is invalid.`);
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.workbook */
export class FakeWorkbook extends FakeClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  readonly functions: FakeFunctions;
  /** Workbook-scoped names only (https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-names-member). */
  readonly names: FakeNamedItemCollection;
  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.names = new FakeNamedItemCollection(ctx, null);
    this.application = new FakeApplication(ctx);
    this.functions = new FakeFunctions(ctx);
  }
  protected loadable(): readonly string[] {
    return ["name"];
  }
  protected snapshot(): unknown {
    return "Book1.xlsx";
  }
  get name(): string {
    return this.get("name");
  }
  /** ExcelApi 1.3 (https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-pivottables-member). */
  get pivotTables(): FakePivotTableCollection {
    return pivotCollection(this.context, null);
  }
}

/**
 * `Application`: calculation and screen-updating suspension until the next sync
 * (https://learn.microsoft.com/javascript/api/excel/excel.application,
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance#suspend-excel-processes-temporarily).
 */
export class FakeApplication extends FakeClientObject {
  protected loadable(): readonly string[] {
    return ["calculationMode"];
  }
  protected snapshot(): unknown {
    return "Automatic";
  }
  get calculationMode(): string {
    return this.get("calculationMode");
  }
  /** ExcelApi 1.6. */
  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", [], () => {
      this.context.calcSuspended = true;
    }, "1.6");
  }
  /** ExcelApi 1.9. */
  suspendScreenUpdatingUntilNextSync(): void {
    this.call("suspendScreenUpdatingUntilNextSync", [], () => {
      this.context.screenSuspended = true;
    }, "1.9");
  }
}

/** A `FunctionResult` (https://learn.microsoft.com/javascript/api/excel/excel.functionresult). */
export class FakeFunctionResult extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly compute: () => unknown) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["value", "error"];
  }
  protected snapshot(name: string): unknown {
    return name === "value" ? this.compute() : null;
  }
  get value(): unknown {
    return this.get("value");
  }
}

/** `workbook.functions` (ExcelApi 1.2): only `DATE`, enough to detect the 1904 date system. */
export class FakeFunctions extends FakeClientObject {
  protected loadable(): readonly string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  /** `DATE(y, m, d)` as the workbook's date system counts it. */
  date(year: number, month: number, day: number): FakeFunctionResult {
    const r = new FakeFunctionResult(this.context, () => serialOf(year, month, day) - (this.context.excel.date1904 ? 1462 : 0));
    this.context.enqueue("functions.date", { m: "date", a: [year, month, day] }, () => undefined, "1.2");
    return r;
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection */
export class FakeWorksheetCollection extends FakeClientObject {
  private _items: FakeWorksheet[] | undefined;
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.context.excel.sheets.filter((s) => !s.deleted).length;
  }
  /** Collection load: `load("items/name")`, `load("name, visibility")` load those of every item. */
  override load(arg?: LoadArg): this {
    const names = (propList(arg) ?? ["name"]).map((n) => n.replace(/^items\//, ""));
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const sheets = this.context.excel.sheets.filter((s) => !s.deleted);
      const items = sheets.map((s) => new FakeWorksheet(this.context)._with(s));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    });
    return this;
  }
  /** Loaded items. */
  get items(): FakeWorksheet[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** Sheet by name (case-insensitive); `ItemNotFound` at sync when missing. */
  getItem(key: string): FakeWorksheet {
    return navigate(this.context, new FakeWorksheet(this.context), "worksheets.getItem", [key], () => {
      const s = findSheet(this.context.excel, key);
      if (!s) throw officeError("ItemNotFound", `The requested resource doesn't exist: worksheet '${key}'.`);
      return s;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): FakeWorksheet {
    return navigate(this.context, new FakeWorksheet(this.context), "worksheets.getItemOrNullObject", [key], () => findSheet(this.context.excel, key) ?? null, "1.4");
  }
  /** Add a sheet at the end; `ItemAlreadyExists` for a taken name (case-insensitive). */
  add(name?: string): FakeWorksheet {
    return navigate(this.context, new FakeWorksheet(this.context), "worksheets.add", [name], () => {
      const ex = this.context.excel;
      let n = name;
      if (n === undefined) {
        let i = 1;
        while (findSheet(ex, `Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      checkSheetName(n);
      if (findSheet(ex, n)) throw officeError("ItemAlreadyExists", `A sheet named '${n}' already exists.`);
      const s = newSheet(`{S${nextId++}}`, n);
      ex.sheets.push(s);
      return s;
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.worksheet */
export class FakeWorksheet extends FakeClientObject {
  /** @internal */ _sheet: SheetState | undefined;
  /** @internal */
  _resolve(s: SheetState | null): void {
    if (s === null) this._isNull = true;
    else {
      this._isNull = false;
      this._sheet = s;
    }
  }
  /** @internal */
  _with(s: SheetState): this {
    this._resolve(s);
    return this;
  }
  /** @internal */
  _target(): SheetState {
    if (this._isNull) throw officeError("InvalidObjectPath", "The worksheet is a null object.");
    if (!this._sheet) throw new Error("fake: worksheet used before its path ran");
    if (this._sheet.deleted) throw officeError("ItemNotFound", "The worksheet was deleted.");
    return this._sheet;
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  protected loadable(): readonly string[] {
    return ["name", "visibility", "position", "id", "showGridlines"];
  }
  protected snapshot(name: string): unknown {
    const s = this._target();
    const ex = this.context.excel;
    switch (name) {
      case "name": return s.name;
      case "visibility": return s.visibility;
      case "position": return ex.sheets.filter((x) => !x.deleted).indexOf(s);
      case "id": return s.id;
      default: return true;
    }
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, () => {
      checkSheetName(v);
      const other = findSheet(this.context.excel, v);
      if (other && other !== this._target()) throw officeError("ItemAlreadyExists", `A sheet named '${v}' already exists.`);
      this._target().name = v;
    });
  }
  get visibility(): string {
    return this.get("visibility");
  }
  /** `Visible` | `Hidden` | `VeryHidden` (ExcelApi 1.1). Excel refuses to hide the last visible sheet. */
  set visibility(v: string) {
    this.set("visibility", v, () => {
      const s = this._target();
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw officeError("InvalidArgument", `Bad visibility ${v}`);
      if (v !== "Visible" && !this.context.excel.sheets.some((x) => !x.deleted && x !== s && x.visibility === "Visible")) {
        throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v;
    });
  }
  get position(): number {
    return this.get("position");
  }
  /** Move the sheet to a 0-based position among the sheets. */
  set position(v: number) {
    this.set("position", v, () => {
      const ex = this.context.excel;
      const s = this._target();
      const live = ex.sheets.filter((x) => !x.deleted && x !== s);
      if (v < 0 || v > live.length) throw officeError("InvalidArgument", `Bad position ${v}`);
      live.splice(v, 0, s);
      ex.sheets = [...live, ...ex.sheets.filter((x) => x.deleted)];
    });
  }
  get id(): string {
    return this.get("id");
  }
  /** ExcelApi 1.3 (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-pivottables-member). */
  get pivotTables(): FakePivotTableCollection {
    return pivotCollection(this.context, this);
  }
  /** Sheet tables (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-tables-member). */
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, this);
  }
  /** Names scoped to this sheet (ExcelApi 1.4, https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-names-member). */
  get names(): FakeNamedItemCollection {
    return new FakeNamedItemCollection(this.context, this);
  }
  /** ExcelApi 1.7. */
  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, this);
  }
  /** ExcelApi 1.9. */
  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, this);
  }
  /** Range by A1 address (no address: the whole sheet). */
  getRange(address?: string): FakeRange {
    return navigate(this.context, new FakeRange(this.context), "worksheet.getRange", [address], () => {
      const s = this._target();
      if (address === undefined) return { sheet: s, rect: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const p = parseA1(address);
      if (!p || (p.sheet !== null && p.sheet.toLowerCase() !== s.name.toLowerCase())) throw officeError("InvalidArgument", `Bad address ${address}`);
      return { sheet: s, rect: p.rect };
    });
  }
  /** ExcelApi 1.7. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return navigate(this.context, new FakeRange(this.context), "worksheet.getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) throw officeError("InvalidArgument", "Bad range indexes.");
      return { sheet: this._target(), rect: { row: startRow, col: startColumn, rows: rowCount, cols: columnCount } };
    }, "1.7");
  }
  /** Used range; an empty sheet gives `A1` (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)). */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return navigate(this.context, new FakeRange(this.context), "worksheet.getUsedRange", [valuesOnly], () => {
      const s = this._target();
      return { sheet: s, rect: usedRect(s, valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  /** ExcelApi 1.4: a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return navigate(this.context, new FakeRange(this.context), "worksheet.getUsedRangeOrNullObject", [valuesOnly], () => {
      const s = this._target();
      const r = usedRect(s, valuesOnly === true);
      return r ? { sheet: s, rect: r } : null;
    }, "1.4");
  }
  /** Delete the sheet (its tables go with it). */
  delete(): void {
    this.call("worksheet.delete", [], () => {
      const s = this._target();
      const ex = this.context.excel;
      if (s.visibility === "Visible" && !ex.sheets.some((x) => !x.deleted && x !== s && x.visibility === "Visible")) {
        throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.deleted = true;
      ex.tables = ex.tables.filter((t) => t.sheet !== s);
      ex.names = ex.names.filter((n) => n.sheet !== s); // a sheet's own names go with it
    });
  }
  /** Make it the active sheet. */
  activate(): void {
    this.call("worksheet.activate", [], () => {
      this.context.excel.activeSheet = this._target().name;
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes (ExcelApi 1.7). */
export class FakeFreezePanes extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this.call("freezePanes.freezeRows", [count], () => {
      this.ws._target().freeze = { rows: count, cols: 0 };
    }, "1.7");
  }
  freezeColumns(count = 1): void {
    this.call("freezePanes.freezeColumns", [count], () => {
      this.ws._target().freeze = { rows: 0, cols: count };
    }, "1.7");
  }
  /** Freeze the cells above and left of… no: Excel freezes the given range's rows and columns (top-left anchored). */
  freezeAt(frozenRange: FakeRange | string): void {
    const address = typeof frozenRange === "string" ? frozenRange : null;
    this.call("freezePanes.freezeAt", [address ?? `range#${(frozenRange as FakeRange)._id}`], () => {
      const rect = typeof frozenRange === "string" ? parseA1(frozenRange)?.rect : frozenRange._target().rect;
      if (!rect) throw officeError("InvalidArgument", "Bad freeze range.");
      this.ws._target().freeze = { rows: rect.row + rect.rows, cols: rect.col + rect.cols };
    }, "1.7");
  }
  unfreeze(): void {
    this.call("freezePanes.unfreeze", [], () => {
      this.ws._target().freeze = null;
    }, "1.7");
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.pagelayout (ExcelApi 1.9). */
export class FakePageLayout extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["paperSize", "orientation", "zoom"];
  }
  protected snapshot(name: string): unknown {
    const pl = this.ws._target().pageLayout;
    return name === "paperSize" ? (pl.paperSize ?? "Letter") : name === "orientation" ? (pl.orientation ?? "Portrait") : (pl.zoom ?? { scale: 100 });
  }
  get paperSize(): string {
    return this.get("paperSize");
  }
  set paperSize(v: string) {
    this.set("paperSize", v, () => {
      this.ws._target().pageLayout.paperSize = v;
    }, "1.9");
  }
  get orientation(): string {
    return this.get("orientation");
  }
  set orientation(v: string) {
    this.set("orientation", v, () => {
      this.ws._target().pageLayout.orientation = v;
    }, "1.9");
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this.get("zoom");
  }
  /**
   * Only the documented values (office-js-docs-reference docs/docs-ref-autogen/excel/excel/excel.pagelayoutzoomoptions.yml):
   * `scale` "between 10 and 400", or `horizontalFitToPages` / `verticalFitToPages` "number of pages"
   * (a page count is a whole number ≥ 1); each "can be null" when the other form is used. Anything
   * else (0 pages, both forms, nothing) is refused with `InvalidArgument` at sync — we cannot know
   * what Excel does with an undocumented value, so the fake assumes the worst.
   */
  set zoom(v: { horizontalFitToPages?: number | null; verticalFitToPages?: number | null; scale?: number | null }) {
    this.set("zoom", v, () => {
      const given = (x: number | null | undefined): x is number => x !== null && x !== undefined;
      const pages = (x: number | null | undefined): boolean => !given(x) || (Number.isInteger(x) && x >= 1);
      const fit = given(v.horizontalFitToPages) || given(v.verticalFitToPages);
      const scaleOk = !given(v.scale) || (v.scale >= 10 && v.scale <= 400);
      if (!scaleOk || !pages(v.horizontalFitToPages) || !pages(v.verticalFitToPages) || fit === given(v.scale)) {
        throw officeError("InvalidArgument", `PageLayoutZoomOptions ${JSON.stringify(v)} is not a documented value.`);
      }
      const z: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } = {};
      if (given(v.horizontalFitToPages)) z.horizontalFitToPages = v.horizontalFitToPages;
      if (given(v.verticalFitToPages)) z.verticalFitToPages = v.verticalFitToPages;
      if (given(v.scale)) z.scale = v.scale;
      this.ws._target().pageLayout.zoom = z;
    }, "1.9");
  }
  /** Rows repeated at the top of each printed page, e.g. `$1:$3`. */
  setPrintTitleRows(printTitleRows: FakeRange | string): void {
    this.call("pageLayout.setPrintTitleRows", [typeof printTitleRows === "string" ? printTitleRows : `range#${printTitleRows._id}`], () => {
      const rect = typeof printTitleRows === "string" ? parseA1(printTitleRows)?.rect : printTitleRows._target().rect;
      if (!rect) throw officeError("InvalidArgument", "Bad print title rows.");
      this.ws._target().pageLayout.printTitleRows = `$${rect.row + 1}:$${rect.row + rect.rows}`;
    }, "1.9");
  }
  /** `headersFooters.defaultForAllPages.centerFooter` (ExcelApi 1.9). */
  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const setFooter = (v: string): void => {
      this.context.enqueue("set centerFooter", { o: this._id, p: "centerFooter", v }, () => {
        this.ws._target().pageLayout.centerFooter = v;
      }, "1.9");
    };
    return {
      defaultForAllPages: {
        get centerFooter(): string {
          throw officeError("PropertyNotLoaded", "centerFooter is not loaded.");
        },
        set centerFooter(v: string) {
          setFooter(v);
        },
      },
    };
  }
}

/** Where a range proxy points. */
export interface RangeTarget {
  readonly sheet: SheetState;
  readonly rect: Rect;
}

type Grid<T> = T[][];

function dims(rect: Rect): string {
  return `${rect.rows}×${rect.cols}`;
}

/** Broadcast a scalar or check a 2-D array's shape (Excel: `InvalidArgument` on mismatch). */
function shaped<T>(v: T | Grid<T>, rect: Rect, what: string): (r: number, c: number) => T {
  if (!Array.isArray(v)) return () => v;
  if (v.length !== rect.rows || v.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
    throw officeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range ${dims(rect)}).`);
  }
  return (r, c) => (v[r] as T[])[c] as T;
}

function cellValueOut(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return (v as { error: string }).error;
  return v as string | number | boolean;
}

/**
 * https://learn.microsoft.com/javascript/api/excel/excel.range — values, numberFormat, formulas
 * (2-D, `null` = leave unchanged), address, rowIndex/columnIndex/rowCount/columnCount, the
 * navigation methods, merge, format, dataValidation, hyperlink.
 */
export class FakeRange extends FakeClientObject {
  /** @internal */ _t: RangeTarget | undefined;
  /** @internal */
  _resolve(t: RangeTarget | null): void {
    if (t === null) this._isNull = true;
    else {
      this._isNull = false;
      if (t.rect.row < 0 || t.rect.col < 0 || t.rect.row + t.rect.rows > MAX_ROWS || t.rect.col + t.rect.cols > MAX_COLS || t.rect.rows < 1 || t.rect.cols < 1) {
        throw officeError("InvalidArgument", `Range out of the sheet: ${JSON.stringify(t.rect)}`);
      }
      this._t = t;
    }
  }
  /** @internal */
  _target(): RangeTarget {
    if (this._isNull) throw officeError("InvalidObjectPath", "The range is a null object.");
    if (!this._t) throw new Error("fake: range used before its path ran");
    if (this._t.sheet.deleted) throw officeError("ItemNotFound", "The worksheet was deleted.");
    return this._t;
  }
  private derive(what: string, args: unknown[], f: (t: RangeTarget) => RangeTarget | null, need = "1.1"): FakeRange {
    return navigate(this.context, new FakeRange(this.context), what, args, () => f(this._target()), need);
  }
  protected loadable(): readonly string[] {
    return ["address", "addressLocal", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "numberFormat", "formulas", "text", "valueTypes"];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this._target();
    switch (name) {
      case "address":
      case "addressLocal":
        return `${quoteSheet(sheet.name)}!${rectA1(rect)}`;
      case "rowIndex": return rect.row;
      case "columnIndex": return rect.col;
      case "rowCount": return rect.rows;
      case "columnCount": return rect.cols;
      case "cellCount": return rect.rows * rect.cols;
      default: break;
    }
    if (rect.rows * rect.cols > 5_000_000) throw officeError("InvalidOperation", "A range is limited to five million cells for get operations.");
    const out: unknown[][] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row = sheet.rows[r];
      const line: unknown[] = new Array(rect.cols);
      for (let c = 0; c < rect.cols; c++) {
        const col = rect.col + c;
        const v = row?.v[col];
        const f = row?.f?.[col];
        switch (name) {
          case "values": line[c] = cellValueOut(v); break;
          case "numberFormat": line[c] = row?.nf?.[col] ?? "General"; break;
          case "formulas": line[c] = f ?? cellValueOut(v); break;
          case "text": line[c] = String(cellValueOut(v)); break;
          default: line[c] = v === null || v === undefined ? "Empty" : typeof v === "object" ? "Error" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
        }
      }
      out.push(line);
    }
    return out;
  }
  get address(): string { return this.get("address"); }
  get rowIndex(): number { return this.get("rowIndex"); }
  get columnIndex(): number { return this.get("columnIndex"); }
  get rowCount(): number { return this.get("rowCount"); }
  get columnCount(): number { return this.get("columnCount"); }
  get cellCount(): number { return this.get("cellCount"); }
  get text(): string[][] { return this.get("text"); }
  get valueTypes(): string[][] { return this.get("valueTypes"); }
  get values(): unknown[][] { return this.get("values"); }
  /** Enter values as typing would (see `enterString`): strings may become numbers, dates or formulas unless the cell is formatted `@`. */
  set values(v: unknown[][]) {
    this.set("values", v, () => {
      const { sheet, rect } = this._target();
      const at = shaped<unknown>(v, rect, "values");
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) {
        const x = at(r, c);
        if (x === null || x === undefined) continue;
        if (typeof x === "string" && x.length > 32767) throw officeError("InvalidArgument", "A cell holds at most 32,767 characters.");
        enterValue(sheet, rect.row + r, rect.col + c, x);
      }
      this.context.excel._touched(this.context, sheet, rect);
    });
  }
  get numberFormat(): string[][] { return this.get("numberFormat"); }
  /** Formats never re-parse existing values (a text cell stays text). */
  set numberFormat(v: (string | null)[][]) {
    this.set("numberFormat", v, () => {
      const { sheet, rect } = this._target();
      const at = shaped<string | null>(v, rect, "numberFormat");
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) {
        const nf = at(r, c);
        if (nf === null || nf === undefined) continue;
        setFormat(sheet, rect.row + r, rect.col + c, nf);
      }
    });
  }
  get formulas(): unknown[][] { return this.get("formulas"); }
  /** `=…` is a formula (its value is computed by `FakeExcel.calculate`), anything else enters like `values`. */
  set formulas(v: unknown[][]) {
    this.set("formulas", v, () => {
      const { sheet, rect } = this._target();
      const at = shaped<unknown>(v, rect, "formulas");
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) {
        const x = at(r, c);
        if (x === null || x === undefined) continue;
        if (typeof x === "string" && x.startsWith("=") && x.length > 1) {
          const row = rowAt(sheet, rect.row + r);
          if (!row.f) row.f = [];
          row.f[rect.col + c] = x;
          row.v[rect.col + c] = this.context.excel.calculate(x);
        } else enterValue(sheet, rect.row + r, rect.col + c, x);
      }
      this.context.excel._touched(this.context, sheet, rect);
    });
  }
  /**
   * ExcelApi 1.16 (excel.range.yml `valuesAsJson`; excel.stringcellvalue.yml: a StringCellValue
   * "Represents the value of a cell containing a string"): typed values, stored as they are — a
   * String is text whatever it starts with. Only the basic types the host writes are accepted.
   */
  set valuesAsJson(v: { type: string; basicValue?: unknown }[][]) {
    this.set("valuesAsJson", v, () => {
      const { sheet, rect } = this._target();
      const at = shaped<{ type: string; basicValue?: unknown }>(v, rect, "valuesAsJson");
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) {
        const x = at(r, c);
        if (x === null || x === undefined) throw officeError("InvalidArgument", "valuesAsJson needs a cell value for every cell.");
        const row = rowAt(sheet, rect.row + r);
        if (x.type === "String" && typeof x.basicValue === "string") {
          if (x.basicValue.length > 32767) throw officeError("InvalidArgument", "A cell holds at most 32,767 characters.");
          row.v[rect.col + c] = x.basicValue === "" ? null : x.basicValue;
        } else if (x.type === "Double" && typeof x.basicValue === "number") row.v[rect.col + c] = x.basicValue;
        else if (x.type === "Boolean" && typeof x.basicValue === "boolean") row.v[rect.col + c] = x.basicValue;
        else if (x.type === "Empty") row.v[rect.col + c] = null;
        else throw officeError("InvalidArgument", `Unsupported cell value ${JSON.stringify(x)}.`);
        if (row.f) delete row.f[rect.col + c];
      }
      this.context.excel._touched(this.context, sheet, rect);
    }, "1.16");
  }
  /** ExcelApi 1.7 (https://learn.microsoft.com/javascript/api/excel/excel.rangehyperlink). */
  set hyperlink(v: { documentReference?: string; address?: string; textToDisplay?: string; screenTip?: string }) {
    this.set("hyperlink", v, () => {
      const { sheet, rect } = this._target();
      styleAt(sheet, rect.row, rect.col).hyperlink = { ...v };
      if (v.textToDisplay !== undefined) enterValue(sheet, rect.row, rect.col, v.textToDisplay);
    }, "1.7");
  }
  get hyperlink(): { documentReference?: string; address?: string; textToDisplay?: string } {
    return this.get("hyperlink");
  }
  getCell(row: number, column: number): FakeRange {
    return this.derive("range.getCell", [row, column], (t) => ({ sheet: t.sheet, rect: { row: t.rect.row + row, col: t.rect.col + column, rows: 1, cols: 1 } }));
  }
  getRow(row: number): FakeRange {
    return this.derive("range.getRow", [row], (t) => ({ sheet: t.sheet, rect: { row: t.rect.row + row, col: t.rect.col, rows: 1, cols: t.rect.cols } }));
  }
  getColumn(column: number): FakeRange {
    return this.derive("range.getColumn", [column], (t) => ({ sheet: t.sheet, rect: { row: t.rect.row, col: t.rect.col + column, rows: t.rect.rows, cols: 1 } }));
  }
  getLastRow(): FakeRange {
    return this.derive("range.getLastRow", [], (t) => ({ sheet: t.sheet, rect: { row: t.rect.row + t.rect.rows - 1, col: t.rect.col, rows: 1, cols: t.rect.cols } }));
  }
  /** ExcelApi 1.2: grow/shrink from the top-left by delta rows/columns. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive("range.getResizedRange", [deltaRows, deltaColumns], (t) => ({ sheet: t.sheet, rect: { ...t.rect, rows: t.rect.rows + deltaRows, cols: t.rect.cols + deltaColumns } }), "1.2");
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derive("range.getOffsetRange", [rowOffset, columnOffset], (t) => ({ sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + rowOffset, col: t.rect.col + columnOffset } }));
  }
  getEntireColumn(): FakeRange {
    return this.derive("range.getEntireColumn", [], (t) => ({ sheet: t.sheet, rect: { row: 0, col: t.rect.col, rows: MAX_ROWS, cols: t.rect.cols } }));
  }
  /**
   * ExcelApi 1.13: merged areas inside the range, or a null object when none. excel.range.yml:
   * "if the merged areas count in this range is more than 512, then this method will fail to
   * return the result" — the page names no error code; the fake fails the sync with GeneralException.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const ra = new FakeRangeAreas(this.context);
    this.context.enqueue("range.getMergedAreasOrNullObject", { o: this._id, m: "getMergedAreasOrNullObject" }, () => {
      const t = this._target();
      const found = t.sheet.merges.filter((m) => intersects(m, t.rect));
      if (found.length > MERGED_AREAS_LIMIT) throw officeError("GeneralException", `More than ${MERGED_AREAS_LIMIT} merged areas in the range.`);
      ra._resolve(found.length ? { sheet: t.sheet, rects: found } : null);
    }, "1.13");
    return ra;
  }
  /** Merge the range (across = one merge per row); values other than the top-left are lost, as in Excel. */
  merge(across = false): void {
    this.call("range.merge", [across], () => {
      const { sheet, rect } = this._target();
      const parts = across ? Array.from({ length: rect.rows }, (_, i) => ({ ...rect, row: rect.row + i, rows: 1 })) : [rect];
      for (const p of parts) {
        if (p.rows * p.cols < 2) continue;
        sheet.merges = sheet.merges.filter((m) => !intersects(m, p));
        for (let r = p.row; r < p.row + p.rows; r++) for (let c = p.col; c < p.col + p.cols; c++) {
          if (r === p.row && c === p.col) continue;
          const row = sheet.rows[r];
          if (row) {
            row.v[c] = null;
            if (row.f) row.f[c] = undefined;
          }
        }
        sheet.merges.push(p);
      }
    });
  }
  unmerge(): void {
    this.call("range.unmerge", [], () => {
      const { sheet, rect } = this._target();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }
  /** `format` (https://learn.microsoft.com/javascript/api/excel/excel.rangeformat). */
  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.context, this);
  }
  /** ExcelApi 1.8 (https://learn.microsoft.com/javascript/api/excel/excel.datavalidation). */
  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, this);
  }
  /** The worksheet of the range. */
  get worksheet(): FakeWorksheet {
    return navigate(this.context, new FakeWorksheet(this.context), "range.worksheet", [], () => this._target().sheet);
  }
}

/** `RangeAreas` (ExcelApi 1.9), only `address` and `areaCount`. */
export class FakeRangeAreas extends FakeClientObject {
  /** @internal */ _t: { sheet: SheetState; rects: Rect[] } | undefined;
  /** @internal */
  _resolve(t: { sheet: SheetState; rects: Rect[] } | null): void {
    this._isNull = t === null;
    if (t) this._t = t;
  }
  protected loadable(): readonly string[] {
    return ["address", "areaCount"];
  }
  protected snapshot(name: string): unknown {
    const t = this._t;
    if (!t) throw new Error("fake: range areas used before resolved");
    return name === "address" ? t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectA1(r)}`).join(",") : t.rects.length;
  }
  get address(): string { return this.get("address"); }
  get areaCount(): number { return this.get("areaCount"); }
}

/** Apply a style change to every cell of a range. */
function styleEach(range: FakeRange, f: (s: CellStyleState, r: number, c: number, rect: Rect) => void): void {
  const { sheet, rect } = range._target();
  if (rect.rows * rect.cols > 1_000_000) throw officeError("InvalidOperation", "Formatting range too large for the fake.");
  for (let r = rect.row; r < rect.row + rect.rows; r++) for (let c = rect.col; c < rect.col + rect.cols; c++) f(styleAt(sheet, r, c), r, c, rect);
}

/** https://learn.microsoft.com/javascript/api/excel/excel.rangeformat */
export class FakeRangeFormat extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["columnWidth", "rowHeight", "horizontalAlignment", "verticalAlignment", "wrapText"];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.range._target();
    const s = sheet.styles.get(`${rect.row}:${rect.col}`);
    switch (name) {
      case "columnWidth": return sheet.columnWidths.get(rect.col) ?? 48;
      case "rowHeight": return sheet.rowHeights.get(rect.row) ?? 15;
      case "horizontalAlignment": return s?.hAlign ?? "General";
      case "verticalAlignment": return s?.vAlign ?? "Bottom";
      default: return s?.wrap ?? false;
    }
  }
  get columnWidth(): number { return this.get("columnWidth"); }
  /** Width in points of every column of the range (ExcelApi 1.2). */
  set columnWidth(points: number) {
    this.set("columnWidth", points, () => {
      const { sheet, rect } = this.range._target();
      if (!(points >= 0)) throw officeError("InvalidArgument", "Bad column width.");
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, points);
    }, "1.2");
  }
  get rowHeight(): number { return this.get("rowHeight"); }
  set rowHeight(points: number) {
    this.set("rowHeight", points, () => {
      const { sheet, rect } = this.range._target();
      for (let r = rect.row; r < rect.row + rect.rows; r++) sheet.rowHeights.set(r, points);
    }, "1.2");
  }
  get horizontalAlignment(): string { return this.get("horizontalAlignment"); }
  set horizontalAlignment(v: string) {
    this.set("horizontalAlignment", v, () => styleEach(this.range, (s) => { s.hAlign = v; }));
  }
  get verticalAlignment(): string { return this.get("verticalAlignment"); }
  set verticalAlignment(v: string) {
    this.set("verticalAlignment", v, () => styleEach(this.range, (s) => { s.vAlign = v; }));
  }
  get wrapText(): boolean { return this.get("wrapText"); }
  set wrapText(v: boolean) {
    this.set("wrapText", v, () => styleEach(this.range, (s) => { s.wrap = v; }));
  }
  /** https://learn.microsoft.com/javascript/api/excel/excel.rangefont */
  get font(): FakeRangeFont {
    return new FakeRangeFont(this.context, this.range);
  }
  /** https://learn.microsoft.com/javascript/api/excel/excel.rangefill */
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.context, this.range);
  }
  /** https://learn.microsoft.com/javascript/api/excel/excel.rangebordercollection */
  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this.context, this.range);
  }
  autofitColumns(): void {
    this.call("format.autofitColumns", [], () => undefined, "1.2");
  }
}

function checkColor(v: string): void {
  if (!/^#[0-9A-Fa-f]{6}$/.test(v) && !/^[A-Za-z]+$/.test(v)) throw officeError("InvalidArgument", `Bad color ${v}`);
}

export class FakeRangeFont extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["bold", "italic", "size", "color", "name"];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.range._target();
    const s = sheet.styles.get(`${rect.row}:${rect.col}`);
    switch (name) {
      case "bold": return s?.bold ?? false;
      case "italic": return s?.italic ?? false;
      case "size": return s?.fontSize ?? 11;
      case "color": return s?.fontColor ?? "#000000";
      default: return s?.fontName ?? "Calibri";
    }
  }
  get bold(): boolean { return this.get("bold"); }
  set bold(v: boolean) { this.set("bold", v, () => styleEach(this.range, (s) => { s.bold = v; })); }
  get italic(): boolean { return this.get("italic"); }
  set italic(v: boolean) { this.set("italic", v, () => styleEach(this.range, (s) => { s.italic = v; })); }
  get size(): number { return this.get("size"); }
  set size(v: number) { this.set("size", v, () => styleEach(this.range, (s) => { s.fontSize = v; })); }
  get color(): string { return this.get("color"); }
  set color(v: string) { this.set("color", v, () => { checkColor(v); styleEach(this.range, (s) => { s.fontColor = v.toUpperCase(); }); }); }
  get name(): string { return this.get("name"); }
  set name(v: string) { this.set("name", v, () => styleEach(this.range, (s) => { s.fontName = v; })); }
}

export class FakeRangeFill extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["color"];
  }
  protected snapshot(): unknown {
    const { sheet, rect } = this.range._target();
    return sheet.styles.get(`${rect.row}:${rect.col}`)?.fill ?? "#FFFFFF";
  }
  get color(): string { return this.get("color"); }
  set color(v: string) { this.set("color", v, () => { checkColor(v); styleEach(this.range, (s) => { s.fill = v.toUpperCase(); }); }); }
  clear(): void {
    this.call("fill.clear", [], () => styleEach(this.range, (s) => { delete s.fill; }));
  }
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

export class FakeRangeBorderCollection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return EDGES.length;
  }
  /** Border by `Excel.BorderIndex` string (`EdgeTop`, `InsideHorizontal`, …). */
  getItem(index: string): FakeRangeBorder {
    if (!EDGES.includes(index)) throw officeError("InvalidArgument", `Bad border index ${index}`);
    return new FakeRangeBorder(this.context, this.range, index);
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.rangeborder — stored per cell edge. */
export class FakeRangeBorder extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange, readonly sideIndex: string) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["style", "weight", "color"];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.range._target();
    const edge = this.sideIndex.startsWith("Inside") ? (this.sideIndex === "InsideHorizontal" ? "EdgeBottom" : "EdgeRight") : this.sideIndex;
    const b = sheet.styles.get(`${rect.row}:${rect.col}`)?.borders?.[edge];
    return name === "style" ? (b?.style ?? "None") : name === "weight" ? (b?.weight ?? "Thin") : (b?.color ?? "#000000");
  }
  private apply(patch: Partial<{ style: string; weight: string; color: string }>): void {
    styleEach(this.range, (s, r, c, rect) => {
      const edges: string[] = [];
      const i = this.sideIndex;
      if (i === "EdgeTop" && r === rect.row) edges.push("EdgeTop");
      if (i === "EdgeBottom" && r === rect.row + rect.rows - 1) edges.push("EdgeBottom");
      if (i === "EdgeLeft" && c === rect.col) edges.push("EdgeLeft");
      if (i === "EdgeRight" && c === rect.col + rect.cols - 1) edges.push("EdgeRight");
      if (i === "InsideHorizontal") {
        if (r > rect.row) edges.push("EdgeTop");
        if (r < rect.row + rect.rows - 1) edges.push("EdgeBottom");
      }
      if (i === "InsideVertical") {
        if (c > rect.col) edges.push("EdgeLeft");
        if (c < rect.col + rect.cols - 1) edges.push("EdgeRight");
      }
      for (const e of edges) {
        s.borders ??= {};
        const cur = s.borders[e] ?? { style: "Continuous", weight: "Thin" };
        s.borders[e] = { ...cur, ...patch };
      }
    });
  }
  get style(): string { return this.get("style"); }
  set style(v: string) { this.set("style", v, () => this.apply({ style: v })); }
  get weight(): string { return this.get("weight"); }
  set weight(v: string) { this.set("weight", v, () => this.apply({ weight: v })); }
  get color(): string { return this.get("color"); }
  set color(v: string) { this.set("color", v, () => { checkColor(v); this.apply({ color: v.toUpperCase() }); }); }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.datavalidation (ExcelApi 1.8). */
export class FakeDataValidation extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly range: FakeRange) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["rule", "type", "ignoreBlanks"];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.range._target();
    const v = sheet.validations.find((x) => intersects(x.rect, rect));
    if (name === "ignoreBlanks") return true;
    if (name === "type") {
      const rule = (v?.rule ?? {}) as Record<string, unknown>;
      const k = Object.keys(rule)[0];
      return k ? k.charAt(0).toUpperCase() + k.slice(1) : "None";
    }
    return v?.rule ?? {};
  }
  get rule(): unknown { return this.get("rule"); }
  get type(): string { return this.get("type"); }
  get ignoreBlanks(): boolean { return this.get("ignoreBlanks"); }
  /** One rule kind per range; a rule replaces the old one on those cells (Excel: one rule per cell). */
  set rule(v: Record<string, unknown>) {
    this.set("rule", v, () => {
      const { sheet, rect } = this.range._target();
      const kinds = Object.keys(v);
      if (kinds.length !== 1) throw officeError("InvalidArgument", "Exactly one data validation rule type must be set.");
      const body = v[kinds[0] as string] as Record<string, unknown>;
      if (kinds[0] === "list" && typeof body.source !== "string") throw officeError("InvalidArgument", "list.source must be a string in the fake.");
      if (kinds[0] !== "list" && (body.operator === undefined || body.formula1 === undefined)) throw officeError("InvalidArgument", "operator and formula1 are required.");
      sheet.validations = sheet.validations.filter((x) => !intersects(x.rect, rect));
      sheet.validations.push({ rect, rule: JSON.parse(JSON.stringify(v)) });
    }, "1.8");
  }
  clear(): void {
    this.call("dataValidation.clear", [], () => {
      const { sheet, rect } = this.range._target();
      sheet.validations = sheet.validations.filter((x) => !intersects(x.rect, rect));
    }, "1.8");
  }
}

/** A table by name (case-insensitive) or id, as `TableCollection.getItem(key)` takes either. */
function findTable(ex: FakeExcel, name: string): TableState | undefined {
  const key = name.toLowerCase();
  return ex.tables.find((t) => (t.name.toLowerCase() === key || t.id === name) && !t.sheet.deleted);
}

/** https://learn.microsoft.com/javascript/api/excel/excel.tablecollection */
export class FakeTableCollection extends FakeClientObject {
  private _items: FakeTable[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet | null) {
    super(ctx);
  }
  private scope(): TableState[] {
    const all = this.context.excel.tables.filter((t) => !t.sheet.deleted);
    return this.ws ? all.filter((t) => t.sheet === this.ws?._target()) : all;
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.scope().length;
  }
  get count(): number { return this.get("count"); }
  override load(arg?: LoadArg): this {
    const names = (propList(arg) ?? ["name"]).map((n) => n.replace(/^items\//, ""));
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const items = this.scope().map((t) => new FakeTable(this.context)._with(t));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    });
    return this;
  }
  get items(): FakeTable[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /**
   * Any table of the workbook changed (ExcelApi 1.7; the workbook collection only here).
   * https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-onchanged-member
   */
  get onChanged(): { add(handler: (args: { tableId: string; changeType: string; address: string }) => Promise<unknown> | void): { remove(): void } } {
    return {
      add: (handler) => {
        const h = handler as (args: unknown) => Promise<unknown> | void;
        this.call("tables.onChanged.add", [], () => {
          if (this.ws) throw officeError("InvalidOperation", "The fake supports onChanged on workbook.tables only.");
          this.context.excel.tableHandlers.push(h);
        }, "1.7");
        return {
          remove: () => this.call("tables.onChanged.remove", [], () => {
            const ex = this.context.excel;
            ex.tableHandlers = ex.tableHandlers.filter((x) => x !== h);
          }, "1.7"),
        };
      },
    };
  }
  getItem(key: string): FakeTable {
    return navigate(this.context, new FakeTable(this.context), "tables.getItem", [key], () => {
      const t = findTable(this.context.excel, key);
      if (!t) throw officeError("ItemNotFound", `The requested resource doesn't exist: table '${key}'.`);
      return t;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): FakeTable {
    return navigate(this.context, new FakeTable(this.context), "tables.getItemOrNullObject", [key], () => findTable(this.context.excel, key) ?? null, "1.4");
  }
  /**
   * Create a table over `address` (`Sheet!A1:C1` on the workbook collection). With headers and only
   * the header row, Excel adds one empty body row. Names default to `Table1`, `Table2`, ….
   * https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)
   */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    const ex = this.context.excel;
    return navigate(this.context, new FakeTable(this.context), "tables.add", [typeof address === "string" ? address : `range#${address._id}`, hasHeaders], () => {
      let sheet: SheetState;
      let rect: Rect;
      if (typeof address === "string") {
        const p = parseA1(address);
        if (!p) throw officeError("InvalidArgument", `Bad address ${address}`);
        const s = p.sheet !== null ? findSheet(ex, p.sheet) : this.ws?._target();
        if (!s) throw officeError(p.sheet !== null ? "ItemNotFound" : "InvalidArgument", `No sheet for ${address}`);
        sheet = s;
        rect = p.rect;
      } else ({ sheet, rect } = address._target());
      if (ex.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) throw officeError("InvalidOperation", "A table can't overlap another table.");
      if (sheet.pivots.some((pv) => intersects(pv.rect, rect))) throw officeError("InvalidOperation", "A table can't overlap a PivotTable report.");
      if (!hasHeaders) {
        rect = { ...rect, row: rect.row - 1, rows: rect.rows + 1 };
        if (rect.row < 0) throw officeError("InvalidArgument", "No room for a header row.");
      }
      if (rect.rows === 1) rect = { ...rect, rows: 2 };
      const seen = new Set<string>();
      for (let c = 0; c < rect.cols; c++) {
        const v = sheet.rows[rect.row]?.v[rect.col + c];
        let h = v === null || v === undefined || !hasHeaders ? `Column${c + 1}` : String(cellValueOut(v));
        let k = 2;
        while (seen.has(h.toLowerCase())) h = `${h}${k++}`;
        seen.add(h.toLowerCase());
        // Excel writes generated/deduplicated headers as text; formats are left as they are.
        const row = rowAt(sheet, rect.row);
        row.v[rect.col + c] = h;
        if (row.f) row.f[rect.col + c] = undefined;
      }
      let i = 1;
      while (findTable(ex, `Table${i}`) || findName(ex, `Table${i}`)) i++;
      const t: TableState = { id: `{T${nextId++}}`, name: `Table${i}`, sheet, rect, showHeaders: true, handlers: [] };
      ex.tables.push(t);
      return t;
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.table */
export class FakeTable extends FakeClientObject {
  /** @internal */ _t: TableState | undefined;
  /** @internal */
  _resolve(t: TableState | null): void {
    this._isNull = t === null;
    if (t) this._t = t;
  }
  /** @internal */
  _with(t: TableState): this {
    this._resolve(t);
    return this;
  }
  /** @internal */
  _target(): TableState {
    if (this._isNull) throw officeError("InvalidObjectPath", "The table is a null object.");
    if (!this._t) throw new Error("fake: table used before its path ran");
    if (!this.context.excel.tables.includes(this._t)) throw officeError("ItemNotFound", "The table was deleted.");
    return this._t;
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  protected loadable(): readonly string[] {
    return ["name", "id", "showHeaders", "showTotals", "style"];
  }
  protected snapshot(name: string): unknown {
    const t = this._target();
    return name === "name" ? t.name : name === "id" ? t.id : name === "showHeaders" ? true : name === "showTotals" ? false : "TableStyleMedium2";
  }
  get name(): string { return this.get("name"); }
  /**
   * Table names: letter/underscore first, no spaces, not a cell reference, and unique among the
   * workbook's tables and defined names of any scope, case-insensitively (Excel: `InvalidArgument`).
   */
  set name(v: string) {
    this.set("name", v, () => {
      const t = this._target();
      if (!isValidName(v)) throw officeError("InvalidArgument", `Bad table name ${v}`);
      const other = findTable(this.context.excel, v);
      if (other && other !== t) throw officeError("InvalidArgument", `A table named ${v} already exists.`);
      if (findName(this.context.excel, v)) throw officeError("InvalidArgument", `A defined name ${v} already exists.`);
      t.name = v;
    });
  }
  get id(): string { return this.get("id"); }
  set style(v: string) {
    this.set("style", v, () => undefined);
  }
  get rows(): FakeTableRowCollection {
    return new FakeTableRowCollection(this.context, this);
  }
  get columns(): FakeTableColumnCollection {
    return new FakeTableColumnCollection(this.context, this);
  }
  get worksheet(): FakeWorksheet {
    return navigate(this.context, new FakeWorksheet(this.context), "table.worksheet", [], () => this._target().sheet);
  }
  private rangeOf(what: string, f: (t: TableState) => Rect): FakeRange {
    return navigate(this.context, new FakeRange(this.context), what, [], () => {
      const t = this._target();
      return { sheet: t.sheet, rect: f(t) };
    });
  }
  getRange(): FakeRange {
    return this.rangeOf("table.getRange", (t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.rangeOf("table.getHeaderRowRange", (t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.rangeOf("table.getDataBodyRange", (t) => ({ ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 }));
  }
  /** ExcelApi 1.7 (https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-onchanged-member). */
  get onChanged(): { add(handler: (args: unknown) => Promise<unknown> | void): { remove(): void } } {
    return {
      add: (handler) => {
        this.call("table.onChanged.add", [], () => {
          this._target().handlers.push(handler);
        }, "1.7");
        return {
          remove: () => this.call("table.onChanged.remove", [], () => {
            const t = this._target();
            t.handlers = t.handlers.filter((h) => h !== handler);
          }, "1.7"),
        };
      },
    };
  }
  delete(): void {
    this.call("table.delete", [], () => {
      const t = this._target();
      this.context.excel.tables = this.context.excel.tables.filter((x) => x !== t);
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.tablerowcollection */
export class FakeTableRowCollection extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly table: FakeTable) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.table._target().rect.rows - 1;
  }
  get count(): number { return this.get("count"); }
  /**
   * Add rows at the end (index undefined): the table grows, new rows take the number formats of
   * the last body row, values enter as typing would. Cells below the table must be empty here
   * (Excel would shift them; the fake refuses with `InsertDeleteConflict`). Returns the first new row.
   * https://learn.microsoft.com/javascript/api/excel/excel.tablerowcollection#excel-excel-tablerowcollection-add-member(1)
   */
  add(index?: number, values?: unknown[][], alwaysInsert?: boolean): FakeTableRow {
    const tr = new FakeTableRow(this.context);
    this.context.enqueue("tableRows.add", { o: this._id, m: "add", a: [index, values, alwaysInsert] }, () => {
      const t = this.table._target();
      if (index !== undefined && index !== null) throw officeError("InvalidArgument", "The fake only appends (index undefined).");
      const rows = values ?? [new Array(t.rect.cols).fill("")];
      if (!Array.isArray(rows) || rows.length === 0 || rows.some((r) => !Array.isArray(r) || r.length !== t.rect.cols)) {
        throw officeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
      const sheet = t.sheet;
      const first = t.rect.row + t.rect.rows;
      for (let r = first; r < first + rows.length; r++) for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        const v = sheet.rows[r]?.v[c];
        if ((v !== null && v !== undefined) || sheet.rows[r]?.f?.[c] !== undefined) throw officeError("InsertDeleteConflict", "Cells below the table are not empty (the fake does not shift cells).");
      }
      const last = first - 1;
      rows.forEach((vals, i) => {
        for (let c = 0; c < t.rect.cols; c++) {
          const nf = last > t.rect.row ? formatAt(sheet, last, t.rect.col + c) : "General";
          setFormat(sheet, first + i, t.rect.col + c, nf);
          enterValue(sheet, first + i, t.rect.col + c, vals[c] ?? "");
        }
      });
      t.rect = { ...t.rect, rows: t.rect.rows + rows.length };
      tr._resolve({ sheet, rect: { row: first, col: t.rect.col, rows: 1, cols: t.rect.cols } });
      this.context.excel._tableEvent(this.context, t, "RowInserted", { row: first, col: t.rect.col, rows: rows.length, cols: t.rect.cols });
    });
    return tr;
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.tablerow */
export class FakeTableRow extends FakeClientObject {
  private _t: RangeTarget | undefined;
  /** @internal */
  _resolve(t: RangeTarget): void {
    this._isNull = false;
    this._t = t;
  }
  protected loadable(): readonly string[] {
    return ["index", "values"];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  /** The row's range (for a multi-row add: the first new row). */
  getRange(): FakeRange {
    return navigate(this.context, new FakeRange(this.context), "tableRow.getRange", [], () => {
      if (!this._t) throw new Error("fake: table row used before add ran");
      return this._t;
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.tablecolumncollection */
export class FakeTableColumnCollection extends FakeClientObject {
  private _items: { name: string }[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly table: FakeTable) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.table._target().rect.cols;
  }
  get count(): number { return this.get("count"); }
  override load(arg?: LoadArg): this {
    const names = (propList(arg) ?? ["name"]).map((n) => n.replace(/^items\//, ""));
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const t = this.table._target();
      const items = Array.from({ length: t.rect.cols }, (_, c) => ({ name: String(cellValueOut(t.sheet.rows[t.rect.row]?.v[t.rect.col + c])) }));
      this.context.stage({ items }, () => {
        this._items = items;
      });
    });
    return this;
  }
  get items(): { name: string }[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
}

/** A live defined name of any scope (case-insensitive), optionally only those of one scope (`null`: the workbook). */
function findName(ex: FakeExcel, name: string, scope?: SheetState | null): NameState | undefined {
  const key = name.toLowerCase();
  return ex.names.find((n) => n.name.toLowerCase() === key && !n.sheet?.deleted && (scope === undefined || n.sheet === scope));
}

/**
 * Defined names of the workbook (`ws` null: workbook-scoped only) or of one sheet (its own only).
 * https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection (ExcelApi 1.1; `add`
 * and `getItemOrNullObject` 1.4).
 */
export class FakeNamedItemCollection extends FakeClientObject {
  private _items: FakeNamedItem[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet | null) {
    super(ctx);
    // Reaching a sheet's names needs ExcelApi 1.4.
    if (ws) ctx.enqueue("worksheet.names", { o: ws._id, p: "names" }, () => undefined, "1.4");
  }
  private scope(): SheetState | null {
    return this.ws ? this.ws._target() : null;
  }
  private live(): NameState[] {
    const scope = this.scope();
    return this.context.excel.names.filter((n) => n.sheet === scope && !n.sheet?.deleted);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.live().length;
  }
  /** Collection load: `load("items/name")` loads those properties of every item. */
  override load(arg?: LoadArg): this {
    const names = (propList(arg) ?? ["name"]).map((n) => n.replace(/^items\//, ""));
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    for (const n of names) if (!NAMED_ITEM_PROPS.includes(n)) throw officeError("InvalidArgument", `Cannot load '${n}'.`);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const items = this.live().map((n) => new FakeNamedItem(this.context)._with(n));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    });
    return this;
  }
  get items(): FakeNamedItem[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** A name of this scope (case-insensitive); `ItemNotFound` at sync when missing. */
  getItem(name: string): FakeNamedItem {
    return navigate(this.context, new FakeNamedItem(this.context), "names.getItem", [name], () => {
      const n = findName(this.context.excel, name, this.scope());
      if (!n) throw officeError("ItemNotFound", `The requested resource doesn't exist: name '${name}'.`);
      return n;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeNamedItem {
    return navigate(this.context, new FakeNamedItem(this.context), "names.getItemOrNullObject", [name], () => findName(this.context.excel, name, this.scope()) ?? null, "1.4");
  }
  /**
   * Add a name referring to a range (a `Range` or an address such as `Sheet1!$A$1:$B$2`) or to a
   * formula (`=0.13`). ExcelApi 1.4. Excel refuses an invalid name or one that a name of the same
   * scope or a table already has (case-insensitive) with `InvalidArgument`.
   */
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    const ref = typeof reference === "string" ? reference : `range#${reference._id}`;
    return navigate(this.context, new FakeNamedItem(this.context), "names.add", [name, ref, comment], () => {
      const ex = this.context.excel;
      const scope = this.scope();
      if (!isValidName(name)) throw officeError("InvalidArgument", `Bad name ${name}`);
      if (findName(ex, name, scope) || findTable(ex, name)) throw officeError("InvalidArgument", `The name ${name} is already taken.`);
      let formula: string;
      if (typeof reference === "string") formula = reference.startsWith("=") ? reference : `=${reference}`;
      else {
        const { sheet, rect } = reference._target();
        formula = `=${quoteSheet(sheet.name)}!${absolute(rectA1(rect))}`;
      }
      const n: NameState = { name, formula, sheet: scope, visible: true, comment: comment ?? "" };
      ex.names.push(n);
      return n;
    }, "1.4");
  }
}

/** What a `NamedItem` can load. */
const NAMED_ITEM_PROPS: readonly string[] = ["name", "type", "value", "formula", "visible", "comment", "scope"];

/** `$A$1:$B$2` of `A1:B2`. */
function absolute(a1: string): string {
  return a1.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** https://learn.microsoft.com/javascript/api/excel/excel.nameditem */
export class FakeNamedItem extends FakeClientObject {
  /** @internal */ _n: NameState | undefined;
  /** @internal */
  _resolve(n: NameState | null): void {
    this._isNull = n === null;
    if (n) this._n = n;
  }
  /** @internal */
  _with(n: NameState): this {
    this._resolve(n);
    return this;
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  private target(): NameState {
    if (this._isNull) throw officeError("InvalidObjectPath", "The named item is a null object.");
    if (!this._n) throw new Error("fake: named item used before its path ran");
    return this._n;
  }
  protected loadable(): readonly string[] {
    return NAMED_ITEM_PROPS;
  }
  protected snapshot(name: string): unknown {
    const n = this.target();
    const body = n.formula.slice(1);
    switch (name) {
      case "name": return n.name;
      case "type": return /^('[^']+'|[^!'=]+)!/.test(body) ? "Range" : /^(TRUE|FALSE)$/i.test(body) ? "Boolean" : body !== "" && Number.isFinite(Number(body)) ? "Double" : "String";
      case "value": return body;
      case "formula": return n.formula;
      case "visible": return n.visible;
      case "comment": return n.comment;
      default: return n.sheet ? "Worksheet" : "Workbook";
    }
  }
  get name(): string { return this.get("name"); }
  get type(): string { return this.get("type"); }
  get value(): unknown { return this.get("value"); }
  get formula(): string { return this.get("formula"); }
  get visible(): boolean { return this.get("visible"); }
  get scope(): string { return this.get("scope"); }
  delete(): void {
    this.call("namedItem.delete", [], () => {
      const n = this.target();
      this.context.excel.names = this.context.excel.names.filter((x) => x !== n);
    }, "1.4");
  }
}

/** Column letters helper re-exported for tests. */
export { colLetters };
