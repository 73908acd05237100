/**
 * PivotTables of the fake Excel JavaScript API (ExcelApi 1.8 for creating and shaping them;
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-pivottables and
 * https://learn.microsoft.com/javascript/api/excel/excel.pivottable). Same rules as `api.ts`:
 * navigation and writes run at `context.sync()`, properties need `load` + `sync`, members above
 * the fake's requirement set fail with `ApiNotFound`.
 *
 * What is modelled: `worksheet.pivotTables` / `workbook.pivotTables` (`add` over a table, `getItem`,
 * `getItemOrNullObject`, `load("items/name")`), names unique on their sheet, hierarchies = the
 * source table's headers (`ItemNotFound` otherwise), a field on one of rows/columns/filters at a
 * time, value fields summed (or counted) with their number format, `layout.layoutType`,
 * `layout.getRange`/`getDataBodyRange`, `delete`, `refresh` (the source is cached at creation, as
 * Excel's pivot cache is). The PivotTable is rendered into the sheet's cells in the Compact layout
 * the way English Excel shows it (`Row Labels`, `Sum of 金额`, subtotals on the item rows,
 * `Grand Total`, filters as `<field> | (All)` above, `(blank)`), items sorted (numbers, then text
 * in Chinese collation, then blanks), so tests can read its totals. An empty PivotTable covers
 * only its destination cell (Excel draws a placeholder box there).
 * It may not overlap a table, another PivotTable or other non-empty cells (`InvalidOperation`).
 * Deliberately not modelled (the fake says so with an error): range sources, column fields in
 * the rendering, the Tabular and Outline layouts, aggregations other than Sum/Count, filtering
 * items, and refusing writes into a PivotTable's cells.
 */
import { FakeClientObject, FakeRange, FakeTable, FakeWorksheet, pivotHooks, type FakeRequestContext } from "./api";
import { officeError } from "./errors";
import { MAX_COLS, intersects, parseA1, rectA1, rowAt, setFormat, type PivotState, type Rect, type SheetState, type StoredValue, type TableState } from "./model";

let nextPivotId = 1;

type LoadArg = string | string[] | { select?: string } | undefined;

function propList(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  const raw = typeof arg === "string" ? arg : Array.isArray(arg) ? arg.join(",") : (arg.select ?? "");
  return raw.split(",").map((s) => s.trim().replace(/^items\//, "")).filter((s) => s.length > 0);
}

/** Queue the resolution of a proxy's target (as `api.ts` navigation does). */
function nav<P extends { _resolve(t: T | null): void }, T>(ctx: FakeRequestContext, proxy: P, what: string, args: unknown[], resolve: () => T | null, need = "1.8"): P {
  ctx.enqueue(what, { m: what, a: args }, () => proxy._resolve(resolve()), need);
  return proxy;
}

function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function livePivots(ctx: FakeRequestContext, sheet: SheetState | null): PivotState[] {
  const sheets = sheet ? [sheet] : ctx.excel.sheets.filter((s) => !s.deleted);
  return sheets.flatMap((s) => (s.deleted ? [] : s.pivots));
}

function isLive(p: PivotState): boolean {
  return !p.sheet.deleted && p.sheet.pivots.includes(p);
}

function cellText(v: StoredValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? v.error : String(v);
}

/** The source table's headers and body as Excel's pivot cache would hold them. */
function readCache(t: TableState): PivotState["cache"] {
  const { sheet, rect } = t;
  const headers = Array.from({ length: rect.cols }, (_, c) => cellText(sheet.rows[rect.row]?.v[rect.col + c]));
  const rows: StoredValue[][] = [];
  for (let r = rect.row + 1; r < rect.row + rect.rows; r++) rows.push(Array.from({ length: rect.cols }, (_, c) => sheet.rows[r]?.v[rect.col + c] ?? null));
  return { headers, rows };
}

function fieldIndex(p: PivotState, field: string): number {
  return p.cache.headers.findIndex((h) => sameKey(h, field));
}

/** An item of a row field: its sort class and its shown value. */
interface Item {
  readonly key: string;
  readonly shown: StoredValue;
  readonly rank: number;
}

function itemOf(v: StoredValue): Item {
  if (v === null || v === "") return { key: "\u0000blank", shown: "(blank)", rank: 3 };
  if (typeof v === "number") return { key: `n:${v}`, shown: v, rank: 0 };
  if (typeof v === "object") return { key: `e:${v.error}`, shown: v, rank: 2 };
  return { key: `s:${String(v).toLowerCase()}`, shown: v, rank: 1 };
}

const collator = new Intl.Collator("zh-CN", { numeric: false, sensitivity: "base" });

function compareItems(a: Item, b: Item): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank === 0) return (a.shown as number) - (b.shown as number);
  return collator.compare(cellText(a.shown), cellText(b.shown));
}

/** Distinct items of field `f` among `rows`, sorted, each with its rows. */
function groups(rows: readonly StoredValue[][], f: number): { item: Item; rows: StoredValue[][] }[] {
  const byKey = new Map<string, { item: Item; rows: StoredValue[][] }>();
  for (const r of rows) {
    const item = itemOf(r[f] ?? null);
    let g = byKey.get(item.key);
    if (!g) byKey.set(item.key, (g = { item, rows: [] }));
    g.rows.push(r);
  }
  return [...byKey.values()].sort((a, b) => compareItems(a.item, b.item));
}

/** The rendered PivotTable, relative to its body's top-left. */
interface Rendering {
  readonly grid: StoredValue[][];
  /** Number format by body column (data columns only). */
  readonly formats: (string | undefined)[];
  /** Data cells (values and totals), relative; null when there are no value fields. */
  readonly dataBody: Rect | null;
}

function aggregate(p: PivotState, rows: readonly StoredValue[][]): StoredValue[] {
  return p.data.map((d) => {
    const f = fieldIndex(p, d.field);
    if (d.summarizeBy === "Count") return rows.filter((r) => r[f] !== null && r[f] !== "").length;
    let sum = 0;
    for (const r of rows) {
      const v = r[f];
      if (typeof v === "number") sum += v;
    }
    return sum;
  });
}

/**
 * Lay the PivotTable out in Excel's default Compact form: one `Row Labels` column, each item's
 * subtotal on its own row above its children, a Grand Total row; one column per value field.
 */
function layout(p: PivotState): Rendering {
  if (p.columns.length > 0) throw officeError("InvalidOperation", "fake: column fields are stored but the fake does not render them.");
  const fields = p.rows.map((name) => fieldIndex(p, name));
  const names = p.data.map((d) => d.name);
  if (fields.length === 0 && names.length === 0) return { grid: [], formats: [], dataBody: null };
  const labelCols = fields.length === 0 ? 0 : 1;
  const grid: StoredValue[][] = [[...(labelCols ? ["Row Labels"] : []), ...names]];
  const emit = (level: number, subset: readonly StoredValue[][]): void => {
    for (const g of groups(subset, fields[level] as number)) {
      grid.push([g.item.shown, ...aggregate(p, g.rows)]);
      if (level < fields.length - 1) emit(level + 1, g.rows);
    }
  };
  if (fields.length > 0) emit(0, p.cache.rows);
  grid.push([...(labelCols ? ["Grand Total"] : []), ...aggregate(p, p.cache.rows)]);
  const formats = [...new Array<undefined>(labelCols).fill(undefined), ...p.data.map((d) => (d.numberFormat === "General" ? undefined : d.numberFormat))];
  const dataBody = names.length ? { row: 1, col: labelCols, rows: grid.length - 1, cols: names.length } : null;
  return { grid, formats, dataBody };
}

function clearRect(sheet: SheetState, rect: Rect): void {
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      row.v[c] = null;
      if (row.f) row.f[c] = undefined;
      if (row.nf) row.nf[c] = undefined;
    }
  }
}

function occupied(sheet: SheetState, rect: Rect, skip: Rect | null): string | null {
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      if (skip && r >= skip.row && r < skip.row + skip.rows && c >= skip.col && c < skip.col + skip.cols) continue;
      const v = row.v[c];
      if ((v !== null && v !== undefined) || row.f?.[c] !== undefined) return rectA1({ row: r, col: c, rows: 1, cols: 1 });
    }
  }
  return null;
}

/** Where the PivotTable's body goes: filters take the rows above it plus one blank row; Excel moves the body down when there is no room. */
function bodyAnchor(p: PivotState): { row: number; col: number } {
  const need = p.filters.length ? p.filters.length + 1 : 0;
  return { row: Math.max(p.anchor.row, need), col: p.anchor.col };
}

/** Re-render `p` into its sheet after a change of its definition or cache. */
function render(ctx: FakeRequestContext, p: PivotState): void {
  const out = layout(p);
  const anchor = bodyAnchor(p);
  const width = Math.max(1, ...out.grid.map((r) => r.length), p.filters.length ? 2 : 1);
  const top = p.filters.length ? anchor.row - p.filters.length - 1 : anchor.row;
  const rect: Rect = { row: top, col: anchor.col, rows: anchor.row - top + Math.max(1, out.grid.length), cols: width };
  if (rect.col + rect.cols > MAX_COLS) throw officeError("InvalidOperation", "The PivotTable does not fit on the sheet.");
  const sheet = p.sheet;
  if (ctx.excel.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) throw officeError("InvalidOperation", "A PivotTable report cannot overlap a table.");
  if (sheet.pivots.some((o) => o !== p && intersects(o.rect, rect))) throw officeError("InvalidOperation", "A PivotTable report cannot overlap another PivotTable report.");
  const taken = occupied(sheet, rect, p.rect);
  if (taken) throw officeError("InvalidOperation", `There's already data in ${taken}: the PivotTable would overwrite it.`);
  clearRect(sheet, p.rect);
  p.anchor = anchor;
  p.rect = rect;
  p.filters.forEach((f, i) => {
    const row = rowAt(sheet, top + i);
    row.v[anchor.col] = p.cache.headers[fieldIndex(p, f)] ?? f;
    row.v[anchor.col + 1] = "(All)";
  });
  out.grid.forEach((line, r) => {
    const row = rowAt(sheet, anchor.row + r);
    line.forEach((v, c) => {
      row.v[anchor.col + c] = v;
      const nf = out.formats[c];
      if (r > 0 && nf !== undefined) setFormat(sheet, anchor.row + r, anchor.col + c, nf);
    });
  });
}

function renderingOf(p: PivotState): { body: Rect; dataBody: Rect | null } {
  const out = layout(p);
  const a = p.anchor;
  const body = { row: a.row, col: a.col, rows: Math.max(1, out.grid.length), cols: Math.max(1, ...out.grid.map((r) => r.length)) };
  const d = out.dataBody;
  return { body, dataBody: d ? { row: a.row + d.row, col: a.col + d.col, rows: d.rows, cols: d.cols } : null };
}

/**
 * `workbook.pivotTables` / `worksheet.pivotTables` (ExcelApi 1.3; `add` 1.8).
 * https://learn.microsoft.com/javascript/api/excel/excel.pivottablecollection
 */
export class FakePivotTableCollection extends FakeClientObject {
  private _items: FakePivotTable[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly ws: FakeWorksheet | null) {
    super(ctx);
  }
  private scope(): PivotState[] {
    return livePivots(this.context, this.ws ? this.ws._target() : null);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.scope().length;
  }
  get count(): number {
    return this.get("count");
  }
  override load(arg?: LoadArg): this {
    const names = propList(arg) ?? ["name"];
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const items = this.scope().map((p) => new FakePivotTable(this.context)._with(p));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    }, "1.3");
    return this;
  }
  get items(): FakePivotTable[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** By name (case-insensitive; on the workbook collection the first of that name). ExcelApi 1.3. */
  getItem(name: string): FakePivotTable {
    return nav(this.context, new FakePivotTable(this.context), "pivotTables.getItem", [name], () => {
      const p = this.scope().find((x) => sameKey(x.name, name));
      if (!p) throw officeError("ItemNotFound", `The requested resource doesn't exist: PivotTable '${name}'.`);
      return p;
    }, "1.3");
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakePivotTable {
    return nav(this.context, new FakePivotTable(this.context), "pivotTables.getItemOrNullObject", [name], () => this.scope().find((x) => sameKey(x.name, name)) ?? null, "1.4");
  }
  /** ExcelApi 1.3: re-read every PivotTable's source. */
  refreshAll(): void {
    this.context.enqueue("pivotTables.refreshAll", { o: this._id, m: "refreshAll" }, () => {
      for (const p of this.scope()) {
        p.cache = readCache(p.source);
        render(this.context, p);
      }
    }, "1.3");
  }
  /**
   * Add a PivotTable over a table (a `Table` or its name) with its body's top-left at
   * `destination` (a `Range` or an address; on a worksheet's collection, that worksheet's).
   * Names are unique on their sheet (`ItemAlreadyExists`). ExcelApi 1.8.
   * https://learn.microsoft.com/javascript/api/excel/excel.pivottablecollection#excel-excel-pivottablecollection-add-member(1)
   */
  add(name: string, source: FakeTable | FakeRange | string, destination: FakeRange | string): FakePivotTable {
    const ex = this.context.excel;
    const args = [name, typeof source === "string" ? source : `#${source._id}`, typeof destination === "string" ? destination : `range#${destination._id}`];
    return nav(this.context, new FakePivotTable(this.context), "pivotTables.add", args, () => {
      let table: TableState;
      if (source instanceof FakeTable) table = source._target();
      else if (typeof source === "string") {
        const t = ex.tables.find((x) => sameKey(x.name, source) && !x.sheet.deleted);
        if (!t) throw officeError("InvalidArgument", `fake: the source must be a table (a Table or its name), not '${source}'.`);
        table = t;
      } else throw officeError("InvalidArgument", "fake: range sources are not modelled; pass a table.");
      let sheet: SheetState;
      let at: Rect;
      if (typeof destination === "string") {
        const parsed = parseA1(destination);
        if (!parsed) throw officeError("InvalidArgument", `Bad destination ${destination}`);
        const own = this.ws?._target() ?? null;
        const named = parsed.sheet === null ? null : ex.sheets.find((s) => !s.deleted && sameKey(s.name, parsed.sheet as string));
        if (parsed.sheet !== null && !named) throw officeError("ItemNotFound", `No sheet for ${destination}`);
        if (own && named && named !== own) throw officeError("InvalidArgument", "The destination must be on the collection's worksheet.");
        const s = named ?? own;
        if (!s) throw officeError("InvalidArgument", "A workbook-level destination needs a sheet name.");
        sheet = s;
        at = parsed.rect;
      } else {
        const t = destination._target();
        if (this.ws && t.sheet !== this.ws._target()) throw officeError("InvalidArgument", "The destination must be on the collection's worksheet.");
        sheet = t.sheet;
        at = t.rect;
      }
      if (name.trim() === "" || name.length > 255) throw officeError("InvalidArgument", `Bad PivotTable name '${name}'.`);
      if (sheet.pivots.some((x) => sameKey(x.name, name))) throw officeError("ItemAlreadyExists", `A PivotTable named '${name}' already exists on this sheet.`);
      const p: PivotState = {
        id: `{P${nextPivotId++}}`,
        name,
        sheet,
        source: table,
        cache: readCache(table),
        anchor: { row: at.row, col: at.col },
        rows: [],
        columns: [],
        filters: [],
        data: [],
        layoutType: "Compact",
        rect: { row: at.row, col: at.col, rows: 0, cols: 0 }, // nothing rendered yet
      };
      render(this.context, p);
      sheet.pivots.push(p);
      return p;
    }, "1.8");
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.pivottable */
export class FakePivotTable extends FakeClientObject {
  /** @internal */ _p: PivotState | undefined;
  /** @internal */
  _resolve(p: PivotState | null): void {
    this._isNull = p === null;
    if (p) this._p = p;
  }
  /** @internal */
  _with(p: PivotState): this {
    this._resolve(p);
    return this;
  }
  /** @internal */
  _target(): PivotState {
    if (this._isNull) throw officeError("InvalidObjectPath", "The PivotTable is a null object.");
    if (!this._p) throw new Error("fake: PivotTable used before its path ran");
    if (!isLive(this._p)) throw officeError("ItemNotFound", "The PivotTable was deleted.");
    return this._p;
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  protected loadable(): readonly string[] {
    return ["name", "id"];
  }
  protected snapshot(name: string): unknown {
    const p = this._target();
    return name === "name" ? p.name : p.id;
  }
  get name(): string {
    return this.get("name");
  }
  /** Rename (unique on the sheet). ExcelApi 1.3. */
  set name(v: string) {
    this.set("name", v, () => {
      const p = this._target();
      if (v.trim() === "") throw officeError("InvalidArgument", "Bad PivotTable name.");
      if (p.sheet.pivots.some((x) => x !== p && sameKey(x.name, v))) throw officeError("ItemAlreadyExists", `A PivotTable named '${v}' already exists on this sheet.`);
      p.name = v;
    }, "1.3");
  }
  get id(): string {
    return this.get("id");
  }
  get worksheet(): FakeWorksheet {
    return nav(this.context, new FakeWorksheet(this.context), "pivotTable.worksheet", [], () => this._target().sheet, "1.3");
  }
  /** Every field of the source (ExcelApi 1.8). */
  get hierarchies(): FakePivotHierarchyCollection {
    return new FakePivotHierarchyCollection(this.context, this);
  }
  get rowHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return new FakeRowColumnPivotHierarchyCollection(this.context, this, "rows");
  }
  get columnHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return new FakeRowColumnPivotHierarchyCollection(this.context, this, "columns");
  }
  get filterHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return new FakeRowColumnPivotHierarchyCollection(this.context, this, "filters");
  }
  get dataHierarchies(): FakeDataPivotHierarchyCollection {
    return new FakeDataPivotHierarchyCollection(this.context, this);
  }
  get layout(): FakePivotLayout {
    return new FakePivotLayout(this.context, this);
  }
  /** ExcelApi 1.8: its cells are cleared. */
  delete(): void {
    this.call("pivotTable.delete", [], () => {
      const p = this._target();
      clearRect(p.sheet, p.rect);
      p.sheet.pivots = p.sheet.pivots.filter((x) => x !== p);
    }, "1.8");
  }
  /** ExcelApi 1.3: re-read the source into the cache and re-render. */
  refresh(): void {
    this.call("pivotTable.refresh", [], () => {
      const p = this._target();
      p.cache = readCache(p.source);
      render(this.context, p);
    }, "1.3");
  }
  /** @internal */
  _change(what: string, args: unknown[], f: (p: PivotState) => void): void {
    change(this.context, { o: this._id, m: what, a: args }, what, () => this._target(), f);
  }
}

/**
 * Queue a change of a PivotTable's definition and its re-rendering (ExcelApi 1.8). A change whose
 * rendering fails is undone, so the definition always matches the cells.
 */
function change(ctx: FakeRequestContext, payload: unknown, what: string, pivot: () => PivotState, f: (p: PivotState) => void): void {
  ctx.enqueue(what, payload, () => {
    const p = pivot();
    const before = { rows: [...p.rows], columns: [...p.columns], filters: [...p.filters], data: p.data.map((d) => ({ ...d })), layoutType: p.layoutType };
    f(p);
    try {
      render(ctx, p);
    } catch (e) {
      Object.assign(p, before);
      throw e;
    }
  }, "1.8");
}

/** A field as a hierarchy: `{ pivot, field }` with the field spelled as in the source header. */
interface HierarchyTarget {
  readonly pivot: PivotState;
  readonly field: string;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.pivothierarchycollection (ExcelApi 1.8). */
export class FakePivotHierarchyCollection extends FakeClientObject {
  private _items: FakePivotHierarchy[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly pivot: FakePivotTable) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.pivot._target().cache.headers.length;
  }
  override load(arg?: LoadArg): this {
    const names = propList(arg) ?? ["name"];
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const p = this.pivot._target();
      const items = p.cache.headers.map((h) => new FakePivotHierarchy(this.context)._with({ pivot: p, field: h }));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    }, "1.8");
    return this;
  }
  get items(): FakePivotHierarchy[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** A source field by header (case-insensitive); `ItemNotFound` at sync when the source has no such header. */
  getItem(name: string): FakePivotHierarchy {
    return nav(this.context, new FakePivotHierarchy(this.context), "hierarchies.getItem", [name], () => {
      const p = this.pivot._target();
      const f = fieldIndex(p, name);
      if (f < 0) throw officeError("ItemNotFound", `The requested resource doesn't exist: hierarchy '${name}'.`);
      return { pivot: p, field: p.cache.headers[f] as string };
    });
  }
  getItemOrNullObject(name: string): FakePivotHierarchy {
    return nav(this.context, new FakePivotHierarchy(this.context), "hierarchies.getItemOrNullObject", [name], () => {
      const p = this.pivot._target();
      const f = fieldIndex(p, name);
      return f < 0 ? null : { pivot: p, field: p.cache.headers[f] as string };
    });
  }
}

/** A field (https://learn.microsoft.com/javascript/api/excel/excel.pivothierarchy), also the row/column/filter hierarchy kinds. */
export class FakePivotHierarchy extends FakeClientObject {
  /** @internal */ _h: HierarchyTarget | undefined;
  /** @internal */
  _resolve(h: HierarchyTarget | null): void {
    this._isNull = h === null;
    if (h) this._h = h;
  }
  /** @internal */
  _with(h: HierarchyTarget): this {
    this._resolve(h);
    return this;
  }
  /** @internal */
  _target(): HierarchyTarget {
    if (this._isNull) throw officeError("InvalidObjectPath", "The hierarchy is a null object.");
    if (!this._h) throw new Error("fake: hierarchy used before its path ran");
    if (!isLive(this._h.pivot)) throw officeError("ItemNotFound", "The PivotTable was deleted.");
    return this._h;
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  protected loadable(): readonly string[] {
    return ["name", "id", "position"];
  }
  protected snapshot(name: string): unknown {
    const h = this._target();
    if (name === "name") return h.field;
    if (name === "id") return `${h.pivot.id}:${h.field}`;
    const p = h.pivot;
    const axis = [p.rows, p.columns, p.filters].find((a) => a.includes(h.field)) ?? [];
    return axis.indexOf(h.field);
  }
  get name(): string {
    return this.get("name");
  }
  get id(): string {
    return this.get("id");
  }
  get position(): number {
    return this.get("position");
  }
}

type Axis = "rows" | "columns" | "filters";

/**
 * Row, column or filter fields (https://learn.microsoft.com/javascript/api/excel/excel.rowcolumnpivothierarchycollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.filterpivothierarchycollection). A field is on
 * one of these axes at a time: adding it to one takes it off the others.
 */
export class FakeRowColumnPivotHierarchyCollection extends FakeClientObject {
  private _items: FakePivotHierarchy[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly pivot: FakePivotTable, private readonly axis: Axis) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.pivot._target()[this.axis].length;
  }
  override load(arg?: LoadArg): this {
    const names = propList(arg) ?? ["name"];
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const p = this.pivot._target();
      const items = p[this.axis].map((f) => new FakePivotHierarchy(this.context)._with({ pivot: p, field: f }));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    }, "1.8");
    return this;
  }
  get items(): FakePivotHierarchy[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** Add a field at the end of this axis. */
  add(hierarchy: FakePivotHierarchy): FakePivotHierarchy {
    const out = new FakePivotHierarchy(this.context);
    this.pivot._change(`${this.axis}Hierarchies.add`, [`#${hierarchy._id}`], (p) => {
      const h = hierarchy._target();
      if (h.pivot !== p) throw officeError("InvalidArgument", "The hierarchy belongs to another PivotTable.");
      if (p[this.axis].includes(h.field)) throw officeError("InvalidArgument", `'${h.field}' is already on this axis.`);
      p.rows = p.rows.filter((f) => f !== h.field);
      p.columns = p.columns.filter((f) => f !== h.field);
      p.filters = p.filters.filter((f) => f !== h.field);
      p[this.axis] = [...p[this.axis], h.field];
      out._resolve(h);
    });
    return out;
  }
  getItem(name: string): FakePivotHierarchy {
    return nav(this.context, new FakePivotHierarchy(this.context), `${this.axis}Hierarchies.getItem`, [name], () => {
      const p = this.pivot._target();
      const f = p[this.axis].find((x) => sameKey(x, name));
      if (f === undefined) throw officeError("ItemNotFound", `The requested resource doesn't exist: hierarchy '${name}'.`);
      return { pivot: p, field: f };
    });
  }
  remove(hierarchy: FakePivotHierarchy): void {
    this.pivot._change(`${this.axis}Hierarchies.remove`, [`#${hierarchy._id}`], (p) => {
      const h = hierarchy._target();
      if (!p[this.axis].includes(h.field)) throw officeError("ItemNotFound", `'${h.field}' is not on this axis.`);
      p[this.axis] = p[this.axis].filter((f) => f !== h.field);
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.datapivothierarchycollection (ExcelApi 1.8). */
export class FakeDataPivotHierarchyCollection extends FakeClientObject {
  private _items: FakeDataPivotHierarchy[] | undefined;
  constructor(ctx: FakeRequestContext, private readonly pivot: FakePivotTable) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.pivot._target().data.length;
  }
  override load(arg?: LoadArg): this {
    const names = propList(arg) ?? ["name"];
    if (names.length === 1 && names[0] === "count") return super.load(arg);
    this.context.enqueue("load", { o: this._id, load: names }, () => {
      const p = this.pivot._target();
      const items = p.data.map((d) => new FakeDataPivotHierarchy(this.context)._with({ pivot: p, id: d.id }));
      const snaps = items.map((it) => Object.fromEntries(names.map((n) => [n, it._snap(n)])));
      this.context.stage({ items: snaps }, () => {
        items.forEach((it, i) => names.forEach((n) => it._loaded.set(n, snaps[i]?.[n])));
        this._items = items;
      });
    }, "1.8");
    return this;
  }
  get items(): FakeDataPivotHierarchy[] {
    if (!this._items) throw officeError("PropertyNotLoaded", "The property 'items' is not available. Call load and sync first.");
    return this._items;
  }
  /** Add a value field named `Sum of <field>` (`Sum of <field>2`, … when taken), summarized by Sum. */
  add(hierarchy: FakePivotHierarchy): FakeDataPivotHierarchy {
    const out = new FakeDataPivotHierarchy(this.context);
    this.pivot._change("dataHierarchies.add", [`#${hierarchy._id}`], (p) => {
      const h = hierarchy._target();
      if (h.pivot !== p) throw officeError("InvalidArgument", "The hierarchy belongs to another PivotTable.");
      let name = `Sum of ${h.field}`;
      for (let k = 2; p.data.some((d) => sameKey(d.name, name)); k++) name = `Sum of ${h.field}${k}`;
      const id = `${p.id}:data:${nextPivotId++}`;
      p.data = [...p.data, { id, field: h.field, name, numberFormat: "General", summarizeBy: "Sum" }];
      out._resolve({ pivot: p, id });
    });
    return out;
  }
  getItem(name: string): FakeDataPivotHierarchy {
    return nav(this.context, new FakeDataPivotHierarchy(this.context), "dataHierarchies.getItem", [name], () => {
      const p = this.pivot._target();
      const d = p.data.find((x) => sameKey(x.name, name));
      if (!d) throw officeError("ItemNotFound", `The requested resource doesn't exist: data hierarchy '${name}'.`);
      return { pivot: p, id: d.id };
    });
  }
  remove(hierarchy: FakeDataPivotHierarchy): void {
    this.pivot._change("dataHierarchies.remove", [`#${hierarchy._id}`], (p) => {
      const id = hierarchy._target().id;
      p.data = p.data.filter((d) => d.id !== id);
    });
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.datapivothierarchy (ExcelApi 1.8). */
export class FakeDataPivotHierarchy extends FakeClientObject {
  /** @internal */ _d: { pivot: PivotState; id: string } | undefined;
  /** @internal */
  _resolve(d: { pivot: PivotState; id: string } | null): void {
    this._isNull = d === null;
    if (d) this._d = d;
  }
  /** @internal */
  _with(d: { pivot: PivotState; id: string }): this {
    this._resolve(d);
    return this;
  }
  /** @internal */
  _target(): { pivot: PivotState; id: string } {
    if (!this._d) throw new Error("fake: data hierarchy used before its path ran");
    if (!isLive(this._d.pivot) || !this._d.pivot.data.some((d) => d.id === this._d?.id)) throw officeError("ItemNotFound", "The data hierarchy was removed.");
    return this._d;
  }
  private entry(): PivotState["data"][number] {
    const t = this._target();
    return t.pivot.data.find((d) => d.id === t.id) as PivotState["data"][number];
  }
  /** @internal */
  _snap(n: string): unknown {
    return this.snapshot(n);
  }
  protected loadable(): readonly string[] {
    return ["name", "id", "numberFormat", "summarizeBy", "position"];
  }
  protected snapshot(name: string): unknown {
    const d = this.entry();
    switch (name) {
      case "name": return d.name;
      case "id": return d.id;
      case "numberFormat": return d.numberFormat;
      case "summarizeBy": return d.summarizeBy;
      default: return this._target().pivot.data.indexOf(d);
    }
  }
  private update(what: string, v: unknown, f: (d: PivotState["data"][number], p: PivotState) => void): void {
    change(this.context, { o: this._id, p: what, v }, `set ${what}`, () => this._target().pivot, (p) => f(this.entry(), p));
    this._loaded.delete(what);
  }
  get name(): string {
    return this.get("name");
  }
  /** A caption unique among the value fields and different from every source field (Excel: "PivotTable field name already exists"). */
  set name(v: string) {
    this.update("name", v, (d, p) => {
      if (v.trim() === "") throw officeError("InvalidArgument", "Bad field name.");
      if (p.cache.headers.some((h) => sameKey(h, v)) || p.data.some((x) => x !== d && sameKey(x.name, v))) {
        throw officeError("InvalidArgument", `PivotTable field name '${v}' already exists.`);
      }
      d.name = v;
    });
  }
  get numberFormat(): string {
    return this.get("numberFormat");
  }
  set numberFormat(v: string) {
    this.update("numberFormat", v, (d) => {
      d.numberFormat = v === "" ? "General" : v;
    });
  }
  get summarizeBy(): string {
    return this.get("summarizeBy");
  }
  /** `Sum`/`Automatic` (sum) and `Count` are rendered; other aggregations are not modelled. */
  set summarizeBy(v: string) {
    this.update("summarizeBy", v, (d) => {
      if (v !== "Sum" && v !== "Count" && v !== "Automatic") throw officeError("InvalidArgument", `fake: summarizeBy ${v} is not modelled.`);
      d.summarizeBy = v === "Automatic" ? "Sum" : v;
    });
  }
  get position(): number {
    return this.get("position");
  }
}

/** https://learn.microsoft.com/javascript/api/excel/excel.pivotlayout (ExcelApi 1.8). */
export class FakePivotLayout extends FakeClientObject {
  constructor(ctx: FakeRequestContext, private readonly pivot: FakePivotTable) {
    super(ctx);
  }
  protected loadable(): readonly string[] {
    return ["layoutType", "showRowGrandTotals", "showColumnGrandTotals", "subtotalLocation"];
  }
  protected snapshot(name: string): unknown {
    const p = this.pivot._target();
    if (name === "layoutType") return p.layoutType;
    if (name === "subtotalLocation") return "AtTop";
    return true;
  }
  get layoutType(): string {
    return this.get("layoutType");
  }
  /** Only `Compact` (Excel's default) is rendered; `Tabular` and `Outline` are not modelled. */
  set layoutType(v: string) {
    this.pivot._change("set layoutType", [v], (p) => {
      if (v === "Tabular" || v === "Outline") throw officeError("InvalidArgument", `fake: the ${v} layout is not modelled.`);
      if (v !== "Compact") throw officeError("InvalidArgument", `Bad layoutType ${v}`);
      p.layoutType = v;
    });
    this._loaded.delete("layoutType");
  }
  /** The PivotTable without its filter area. */
  getRange(): FakeRange {
    return nav(this.context, new FakeRange(this.context), "layout.getRange", [], () => {
      const p = this.pivot._target();
      return { sheet: p.sheet, rect: renderingOf(p).body };
    });
  }
  /** The value cells, totals included (https://learn.microsoft.com/javascript/api/excel/excel.pivotlayout#excel-excel-pivotlayout-getdatabodyrange-member(1)). */
  getDataBodyRange(): FakeRange {
    return nav(this.context, new FakeRange(this.context), "layout.getDataBodyRange", [], () => {
      const p = this.pivot._target();
      const d = renderingOf(p).dataBody;
      if (!d) throw officeError("InvalidOperation", "The PivotTable has no value fields.");
      return { sheet: p.sheet, rect: d };
    });
  }
}

pivotHooks.collection = (ctx, ws) => new FakePivotTableCollection(ctx, ws);
