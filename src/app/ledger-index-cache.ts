/**
 * The worksheet functions' ledger index, built once from the workbook's ledger tables and dropped
 * when one of them changes (`invalidate`, called by the add-in's table-change subscription).
 * Concurrent callers share one build; a build overtaken by an invalidation is never served.
 *
 * `LiveFormulas` keeps the formulas that are on the grid (streaming invocations) and re-evaluates
 * them after an invalidation, debounced, so a clerk typing ten rows triggers one rebuild.
 */
import type { Issue, Result } from "../core/result";
import { fail, ok } from "../core/result";
import { Ledger } from "../core/ledger";
import { LEDGER_TABLE_ORDER, LEDGER_TABLES, rowToRecord, type LedgerRecordOf, type LedgerTableKind } from "../core/ledger-tables";
import type { LedgerInput } from "../core/schemas/records";
import type { WorkbookPort } from "./workbook-port";
import { FunctionIndex, type AgingOf } from "./ledger-functions";

/** Builds a fresh index (or says why it cannot). */
export type IndexLoader = () => Promise<Result<FunctionIndex>>;

/** Listener told that the index went stale. */
export type InvalidationListener = () => void;

/** Options of `LedgerIndexCache`. */
export interface IndexCacheOptions {
  /**
   * How long a failed or incomplete build (a ledger table missing) is served before the next
   * `get()` tries again: the clerk may convert the workbook at any moment. Default 5 s.
   */
  readonly retryAfterMs?: number;
  /** Clock for the retry rule (tests). */
  readonly now?: () => number;
}

/**
 * A lazily built, explicitly invalidated `FunctionIndex`.
 * @example
 * const cache = new LedgerIndexCache(() => loadFunctionIndex(port));
 * const r = await cache.get(); // builds once
 * cache.invalidate();          // next get() rebuilds
 */
export class LedgerIndexCache {
  private generation = 0;
  private pending: { generation: number; promise: Promise<Result<FunctionIndex>> } | undefined;
  private ready: { generation: number; result: Result<FunctionIndex>; at: number } | undefined;
  private readonly listeners = new Set<InvalidationListener>();
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  /** How many builds were started (for tests and the benchmark). */
  builds = 0;

  constructor(private readonly load: IndexLoader, opts: IndexCacheOptions = {}) {
    this.retryAfterMs = opts.retryAfterMs ?? 5000;
    this.now = opts.now ?? (() => Date.now());
  }

  /** True when a build result may be served now (a complete index always; a failure for a while). */
  private fresh(r: { generation: number; result: Result<FunctionIndex>; at: number }): boolean {
    if (r.generation !== this.generation) return false;
    const complete = r.result.ok && r.result.value.missingTables.length === 0;
    return complete || this.now() - r.at < this.retryAfterMs;
  }

  /** The current index, building it if needed. A loader that throws becomes a `functions.loadFailed` issue. */
  async get(): Promise<Result<FunctionIndex>> {
    for (;;) {
      const gen = this.generation;
      if (this.ready && this.fresh(this.ready)) return this.ready.result;
      if (!this.pending || this.pending.generation !== gen) {
        this.builds++;
        const promise = this.load().catch((e: unknown): Result<FunctionIndex> => fail({ code: "functions.loadFailed", params: { message: e instanceof Error ? e.message : String(e) } }));
        this.pending = { generation: gen, promise };
      }
      const pending = this.pending;
      const result = await pending.promise;
      if (this.generation === gen) {
        if (this.pending === pending) {
          this.ready = { generation: gen, result, at: this.now() };
          this.pending = undefined;
        }
        return result;
      }
      // Invalidated while building: the tables changed under us, so build again.
    }
  }

  /** The index if it is built and may be served now (what `get()` would answer at once), without building. */
  peek(): FunctionIndex | undefined {
    return this.ready && this.fresh(this.ready) && this.ready.result.ok ? this.ready.result.value : undefined;
  }

  /** Drop the index (a ledger table changed) and tell the listeners. */
  invalidate(): void {
    this.generation++;
    this.ready = undefined;
    for (const l of [...this.listeners]) l();
  }

  /** Be told when the index goes stale. Returns the unsubscribe function. */
  onInvalidate(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Timer functions, injectable for tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** One formula on the grid: re-evaluated after every invalidation until removed. */
export type LiveEvaluate = () => Promise<void> | void;

/**
 * The formulas currently on the grid. `add` evaluates once right away; after the cache is
 * invalidated every registered formula is evaluated again, `debounceMs` after the last change.
 */
export class LiveFormulas {
  private readonly live = new Set<LiveEvaluate>();
  private timer: unknown;
  private readonly unsubscribe: () => void;

  constructor(cache: LedgerIndexCache, private readonly debounceMs = 300, private readonly timers: Timers = realTimers) {
    this.unsubscribe = cache.onInvalidate(() => this.schedule());
  }

  /** Register a formula and evaluate it now. Returns the function that removes it (Excel cancelled it). */
  add(evaluate: LiveEvaluate): () => void {
    this.live.add(evaluate);
    void evaluate();
    return () => {
      this.live.delete(evaluate);
    };
  }

  /** Formulas registered now. */
  get size(): number {
    return this.live.size;
  }

  /** Stop listening (the runtime is going away). */
  dispose(): void {
    this.unsubscribe();
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.live.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      for (const evaluate of [...this.live]) void evaluate();
    }, this.debounceMs);
  }
}

/** Options of `loadFunctionIndex`. */
export interface LoadIndexOptions {
  /** The aging computation (the aging report's). */
  readonly agingOf?: AgingOf;
}

/** What reading the ledger tables found, besides the records. */
export interface TablesRead {
  readonly input: LedgerInput;
  readonly missing: readonly LedgerTableKind[];
  /** Rows that did not convert (the functions skip them; the task pane's check reports them). */
  readonly rejected: readonly Issue[];
}

/**
 * Read the six ledger tables through the port into records. Missing tables are listed, bad rows
 * are skipped with their issues: a formula keeps answering while one row is being typed.
 */
export async function readLedgerTables(port: WorkbookPort): Promise<TablesRead> {
  const date1904 = await port.date1904();
  const missing: LedgerTableKind[] = [];
  const rejected: Issue[] = [];
  const records: { [K in LedgerTableKind]: LedgerRecordOf[K][] } = { customers: [], products: [], orders: [], payments: [], returns: [], confirmations: [] };
  for (const kind of LEDGER_TABLE_ORDER) {
    const def = LEDGER_TABLES[kind];
    const data = await port.readTable(def.tableName);
    if (!data) {
      missing.push(kind);
      continue;
    }
    const out = records[kind] as LedgerRecordOf[typeof kind][];
    data.rows.forEach((row, i) => {
      if (row.every((c) => c === null || c === "")) return;
      const r = rowToRecord(kind, data.headers, row, { sheet: data.sheetName, row: i + 2, date1904 });
      if (r.ok) out.push(r.value);
      else rejected.push(...r.issues);
    });
  }
  return { input: records, missing, rejected };
}

/**
 * Build the worksheet functions' index from the workbook's ledger tables. Fails (so every
 * function says so) only when there is no orders table at all and no other ledger table either.
 */
export async function loadFunctionIndex(port: WorkbookPort, opts: LoadIndexOptions = {}): Promise<Result<FunctionIndex>> {
  const read = await readLedgerTables(port);
  if (read.missing.length === LEDGER_TABLE_ORDER.length) {
    const def = LEDGER_TABLES.orders;
    return fail({ code: "functions.missingTable", params: { sheet: def.sheetName, table: def.tableName } });
  }
  const date1904 = await port.date1904();
  const ledger = Ledger.build(read.input);
  return ok(FunctionIndex.build(ledger, { date1904, missingTables: read.missing, ...(opts.agingOf ? { agingOf: opts.agingOf } : {}) }));
}
