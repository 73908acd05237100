/**
 * A content-addressed cache of the CLI's loaded ledgers: `report` and `statement` on the same
 * workbook read and import it once, then load the imported records from `<cacheDir>/<key>.bin`.
 * The key is the SHA-256 of the workbook's bytes plus the cache format, the package version and
 * the V8 version, so an edited workbook (or a new release) is never served a stale ledger. What is
 * stored is plain data (`node:v8` serialized): the LedgerInput, the load issues, the import report
 * and the few settings the commands read; the Ledger is rebuilt from it with `Ledger.build`.
 * A cache that cannot be read is a miss (and is replaced); one that cannot be written costs
 * nothing but a line on stderr. The workbook itself is only ever read.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import { Ledger } from "../core/ledger";
import { ok, type Issue, type Result } from "../core/result";
import type { LedgerInput } from "../core/schemas/records";
import type { ImportReport } from "../core/import/report";
import { loadLedger, type LoadedLedger } from "../app/load-ledger";
import { COMPANY_SETTINGS, STATEMENT_SETTINGS } from "../app/generate-statements";
import type { GridChunk, Progress, SheetInfo, TableData, TableSpec, WorkbookPort, WriteCell, WriteSheetResult } from "../app/workbook-port";
import type { SheetSpec } from "../core/sheet-spec";
import { ReadOnlyWorkbook } from "../hosts/xlsx/read-only-workbook";
import { packageVersion } from "./main";

/** Bump when what is stored, or how an import turns bytes into records, changes meaning. */
export const CACHE_FORMAT = 1;
/** Entries kept; older ones (by last use) are deleted after each write. */
export const CACHE_MAX_ENTRIES = 20;
/** First bytes of a cache file; then 32 bytes of SHA-256 over the payload, then the payload. */
const MAGIC = Buffer.from("SLCACHE1", "latin1");
/** Settings the commands read from a workbook, answered from the cache on a hit. */
const CACHED_SETTINGS: readonly string[] = [...Object.values(COMPANY_SETTINGS), ...Object.values(STATEMENT_SETTINGS)];

/**
 * One column of records: strings as a dictionary and indexes, numbers as a Float64Array, anything
 * else as it is. `node:v8` reads typed arrays and short string tables several times faster than
 * 100,000 small objects (measured: ~120 ms against ~250 ms; JSON.parse of the objects ~190 ms).
 */
type Column = { readonly dict: readonly string[]; readonly ids: Uint32Array } | { readonly nums: Float64Array } | { readonly values: readonly unknown[] };

/** Records of one table by shape (their key lists, in order), so rebuilt objects keep their key order. */
interface ColumnarRecords {
  readonly shapes: readonly (readonly string[])[];
  readonly columns: readonly (readonly Column[])[];
  /** The shape of each record, in order. */
  readonly shapeOf: Uint32Array;
}

const TABLES = ["customers", "products", "orders", "payments", "returns", "confirmations"] as const;

/** What a cache file holds (plain data only). */
interface CacheEntry {
  readonly format: number;
  readonly key: string;
  readonly input: Readonly<Record<(typeof TABLES)[number], ColumnarRecords>>;
  readonly issues: readonly Issue[];
  readonly source: LoadedLedger["source"];
  readonly report?: ImportReport;
  readonly date1904: boolean;
  readonly settings: Readonly<Record<string, string | null>>;
}

/** How `openLedgerCached` went with the cache (for tests and the bench; never printed). */
export type CacheOutcome = "hit" | "miss" | "off";

/** A loaded ledger, the port it came from, and whether the cache served it. */
export interface CachedLedger {
  readonly loaded: LoadedLedger;
  readonly port: WorkbookPort;
  readonly cache: CacheOutcome;
}

/** Options for `openLedgerCached`. */
export interface LedgerCacheOptions {
  /** False for `--no-cache`: read and import, neither look up nor write. */
  readonly useCache: boolean;
  /** Where `SALES_LEDGER_CACHE_DIR` / `XDG_CACHE_HOME` / `HOME` come from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** A cache file could not be written (the command goes on): called with the path and the reason. */
  readonly onWriteFailed?: (path: string, detail: string) => void;
  /** Reading a sheet's cells (not called on a cache hit): for the command's progress line. */
  readonly onScan?: (sheet: string, bytesDone: number, bytesTotal: number) => void;
}

/**
 * The cache directory: `$SALES_LEDGER_CACHE_DIR`, else `$XDG_CACHE_HOME/sales-ledger`, else
 * `~/.cache/sales-ledger`; null (no cache) under `NODE_ENV=test` without `SALES_LEDGER_CACHE_DIR`,
 * so test runs never touch the user's cache.
 * @example cacheDir({ SALES_LEDGER_CACHE_DIR: "/tmp/c" }) // "/tmp/c"
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SALES_LEDGER_CACHE_DIR) return resolve(env.SALES_LEDGER_CACHE_DIR);
  if (env.NODE_ENV === "test") return null;
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "sales-ledger");
  return join(homedir(), ".cache", "sales-ledger");
}

/**
 * The cache key of a workbook's bytes: SHA-256 (hex) over the cache format, package and V8
 * versions, the file name (it can give the import a year) and the bytes.
 * @example cacheKey(readFileSync("台账.xlsx"), "台账.xlsx").length // 64
 */
export function cacheKey(bytes: Uint8Array, fileName = ""): string {
  // The file name is part of the import (a year for month-only dates): a renamed copy is another entry.
  return createHash("sha256").update(`sales-ledger-cache\0${CACHE_FORMAT}\0${packageVersion()}\0${process.versions.v8}\0${fileName}\0`).update(bytes).digest("hex");
}

/**
 * Open a workbook and load its ledger, through the cache when `useCache` and a cache directory
 * exists. An unreadable workbook is the same issue as `ReadOnlyWorkbook.open` gives.
 * @example const r = await openLedgerCached("/data/台账.xlsx", { useCache: true }); if (r.ok) r.value.loaded.ledger
 */
export async function openLedgerCached(path: string, options: LedgerCacheOptions): Promise<Result<CachedLedger>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    // Missing file, a directory, no permission: let the reader word the issue as it always has.
    const opened = await ReadOnlyWorkbook.open(path);
    if (opened.ok) throw new Error(`${path} could be opened but not read`);
    return opened;
  }
  const dir = options.useCache ? cacheDir(options.env) : null;
  const key = dir === null ? "" : cacheKey(bytes, basename(path));
  const file = dir === null ? "" : join(dir, `${key}.bin`);
  if (dir !== null) {
    const entry = readEntry(file, key);
    if (entry) {
      const ledger = Ledger.build(decodeInput(entry));
      const loaded: LoadedLedger = { ledger, issues: entry.issues, source: entry.source, ...(entry.report ? { report: entry.report } : {}) };
      return ok({ loaded, port: new CachedWorkbookPort(entry, bytes, path), cache: "hit" });
    }
  }
  const opened = ReadOnlyWorkbook.fromBuffer(bytes, path, options.onScan ? { onScan: options.onScan } : {});
  if (!opened.ok) return { ok: false, issues: opened.issues };
  const port = opened.value;
  const loaded = await loadLedger(port, { fileName: basename(path) });
  if (dir === null) return ok({ loaded, port, cache: "off" });
  const settings: Record<string, string | null> = {};
  for (const k of CACHED_SETTINGS) settings[k] = await port.getSetting(k);
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    key,
    input: encodeInput(inputOf(loaded.ledger)),
    issues: loaded.issues,
    source: loaded.source,
    ...(loaded.report ? { report: loaded.report } : {}),
    date1904: await port.date1904(),
    settings,
  };
  writeEntry(dir, file, entry, options.onWriteFailed);
  return ok({ loaded, port, cache: "miss" });
}

/** The records a ledger was built from: `Ledger.build` keeps its input's arrays as they are. */
function inputOf(ledger: Ledger): LedgerInput {
  return { customers: ledger.customers, products: ledger.products, orders: ledger.orders, payments: ledger.payments, returns: ledger.returns, confirmations: ledger.confirmations };
}

function encodeInput(input: LedgerInput): CacheEntry["input"] {
  return { customers: encode(input.customers), products: encode(input.products), orders: encode(input.orders), payments: encode(input.payments), returns: encode(input.returns), confirmations: encode(input.confirmations) };
}

function decodeInput(entry: CacheEntry): LedgerInput {
  const i = entry.input;
  // The entry was written from records of these types and its checksum held: the casts restore them.
  return {
    customers: decode(i.customers) as unknown as LedgerInput["customers"],
    products: decode(i.products) as unknown as LedgerInput["products"],
    orders: decode(i.orders) as unknown as LedgerInput["orders"],
    payments: decode(i.payments) as unknown as LedgerInput["payments"],
    returns: decode(i.returns) as unknown as LedgerInput["returns"],
    confirmations: decode(i.confirmations) as unknown as LedgerInput["confirmations"],
  };
}

/** Plain records → columns by shape. */
function encode(rows: readonly object[]): ColumnarRecords {
  const bySig = new Map<string, number>();
  const shapes: string[][] = [];
  const raw: unknown[][][] = [];
  const shapeOf = new Uint32Array(rows.length);
  rows.forEach((row, r) => {
    const rec = row as Record<string, unknown>;
    const keys = Object.keys(rec);
    const sig = keys.join("\0");
    let s = bySig.get(sig);
    if (s === undefined) {
      s = shapes.length;
      bySig.set(sig, s);
      shapes.push(keys);
      raw.push(keys.map(() => []));
    }
    shapeOf[r] = s;
    const cols = raw[s]!;
    for (let j = 0; j < keys.length; j++) cols[j]!.push(rec[keys[j]!]);
  });
  return { shapes, columns: raw.map((cols) => cols.map(toColumn)), shapeOf };
}

function toColumn(values: unknown[]): Column {
  if (values.every((v) => typeof v === "string")) {
    const index = new Map<string, number>();
    const dict: string[] = [];
    const ids = new Uint32Array(values.length);
    values.forEach((v, k) => {
      let id = index.get(v as string);
      if (id === undefined) {
        id = dict.length;
        index.set(v as string, id);
        dict.push(v as string);
      }
      ids[k] = id;
    });
    return { dict, ids };
  }
  // Integer fen and quantities; a -0 stays in a plain column so nothing about it can change.
  if (values.every((v) => typeof v === "number" && !Object.is(v, -0))) return { nums: Float64Array.from(values as number[]) };
  return { values };
}

/** Columns → plain records, in their original order and key order. */
function decode(c: ColumnarRecords): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(c.shapeOf.length);
  const next = c.shapes.map(() => 0);
  for (let r = 0; r < c.shapeOf.length; r++) {
    const s = c.shapeOf[r]!;
    const keys = c.shapes[s]!;
    const cols = c.columns[s]!;
    const p = next[s]!;
    next[s] = p + 1;
    const rec: Record<string, unknown> = {};
    for (let j = 0; j < keys.length; j++) {
      const col = cols[j]!;
      rec[keys[j]!] = "ids" in col ? col.dict[col.ids[p]!] : "nums" in col ? col.nums[p] : col.values[p];
    }
    out[r] = rec;
  }
  return out;
}

/** A typed array of that kind from any realm (`node:v8` makes them in Node's, not a vm's). */
function isTyped<K extends "Uint32Array" | "Float64Array">(v: unknown, kind: K): v is K extends "Uint32Array" ? Uint32Array : Float64Array {
  return ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === `[object ${kind}]`;
}

function isColumnar(v: unknown): v is ColumnarRecords {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Partial<ColumnarRecords>;
  if (!Array.isArray(c.shapes) || !Array.isArray(c.columns) || !isTyped(c.shapeOf, "Uint32Array") || c.shapes.length !== c.columns.length) return false;
  const counts = c.shapes.map(() => 0);
  for (const s of c.shapeOf) {
    if (s >= counts.length) return false;
    counts[s]!++;
  }
  return c.shapes.every((keys, s) => {
    const cols = c.columns![s];
    if (!Array.isArray(keys) || !Array.isArray(cols) || cols.length !== keys.length) return false;
    return (cols as unknown[]).every((col) => {
      if (typeof col !== "object" || col === null) return false;
      const k = col as Record<string, unknown>;
      const n = counts[s]!;
      if (isTyped(k.ids, "Uint32Array")) return Array.isArray(k.dict) && k.ids.length === n && k.ids.every((id) => id < (k.dict as unknown[]).length);
      if (isTyped(k.nums, "Float64Array")) return k.nums.length === n;
      return Array.isArray(k.values) && k.values.length === n;
    });
  });
}

/** The entry in `file`, or null when it is absent, unreadable, damaged or not for `key`. */
function readEntry(file: string, key: string): CacheEntry | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  if (buf.length < MAGIC.length + 32 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const payload = buf.subarray(MAGIC.length + 32);
  const sum = createHash("sha256").update(payload).digest();
  if (!sum.equals(buf.subarray(MAGIC.length, MAGIC.length + 32))) return null;
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch {
    return null;
  }
  if (!isEntry(value, key)) return null;
  try {
    // Last use, for eviction; a read-only cache directory is fine.
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // the entry is still good
  }
  return value;
}

function isEntry(v: unknown, key: string): v is CacheEntry {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Partial<CacheEntry>;
  const input = e.input as Partial<Record<(typeof TABLES)[number], unknown>> | undefined;
  return (
    e.format === CACHE_FORMAT &&
    e.key === key &&
    Array.isArray(e.issues) &&
    (e.source === "import" || e.source === "tables") &&
    typeof e.date1904 === "boolean" &&
    typeof e.settings === "object" &&
    e.settings !== null &&
    typeof input === "object" &&
    input !== null &&
    TABLES.every((k) => isColumnar(input[k]))
  );
}

/** Write `entry` atomically (temp file + rename), then trim the directory to `CACHE_MAX_ENTRIES`. */
function writeEntry(dir: string, file: string, entry: CacheEntry, onWriteFailed?: (path: string, detail: string) => void): void {
  const payload = serialize(entry);
  const sum = createHash("sha256").update(payload).digest();
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([MAGIC, sum, payload]));
    renameSync(tmp, file);
  } catch (e) {
    // Only the file system may refuse (EACCES, ENOSPC, EROFS, ENOTDIR, …); anything else is a bug.
    if (!isFsError(e)) throw e;
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no temp file could have been made there either
    }
    onWriteFailed?.(file, e.message);
    return;
  }
  trim(dir);
}

function isFsError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  // Duck-typed: errors from Node's own realm fail `instanceof Error` inside a vm (jest).
  return typeof e === "object" && e !== null && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/** Delete all but the `CACHE_MAX_ENTRIES` most recently used entries (and stale temp files). */
function trim(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const entries: { path: string; mtime: number }[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{64}\.bin$/.test(name)) continue;
    try {
      entries.push({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs });
    } catch {
      // deleted by another process meanwhile
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const e of entries.slice(CACHE_MAX_ENTRIES)) {
    try {
      rmSync(e.path, { force: true });
    } catch {
      // another process may hold or have removed it; the next trim tries again
    }
  }
}

/**
 * The port handed out on a cache hit: `date1904` and the commands' settings come from the cache;
 * anything else opens the workbook from the bytes already read (the very bytes the key hashed).
 */
class CachedWorkbookPort implements WorkbookPort {
  private real: WorkbookPort | undefined;

  constructor(
    private readonly entry: CacheEntry,
    private readonly bytes: Buffer,
    private readonly path: string,
  ) {}

  private open(): WorkbookPort {
    if (!this.real) {
      const r = ReadOnlyWorkbook.fromBuffer(this.bytes, this.path);
      // The same bytes opened when the entry was written.
      if (!r.ok) throw new Error(`cached workbook ${this.path} no longer opens`);
      this.real = r.value;
    }
    return this.real;
  }

  async getSetting(key: string): Promise<string | null> {
    if (Object.prototype.hasOwnProperty.call(this.entry.settings, key)) return this.entry.settings[key] ?? null;
    return this.open().getSetting(key);
  }
  async date1904(): Promise<boolean> {
    return this.entry.date1904;
  }
  listSheets(): Promise<readonly SheetInfo[]> {
    return this.open().listSheets();
  }
  readSheet(name: string, onProgress?: Progress): AsyncIterable<GridChunk> {
    return this.open().readSheet(name, onProgress);
  }
  listTables(): Promise<readonly { readonly name: string; readonly sheetName: string; readonly headers: readonly string[] }[]> {
    return this.open().listTables();
  }
  listNames(): Promise<readonly string[]> {
    return this.open().listNames();
  }
  readTable(name: string): Promise<TableData | null> {
    return this.open().readTable(name);
  }
  appendRows(tableName: string, rows: readonly (readonly WriteCell[])[]): Promise<number> {
    return this.open().appendRows(tableName, rows);
  }
  updateTableCells(tableName: string, rowIndex: number, values: Readonly<Record<string, WriteCell>>): Promise<void> {
    return this.open().updateTableCells(tableName, rowIndex, values);
  }
  createTable(spec: TableSpec): Promise<WriteSheetResult> {
    return this.open().createTable(spec);
  }
  writeSheet(spec: SheetSpec): Promise<WriteSheetResult> {
    return this.open().writeSheet(spec);
  }
  setSetting(key: string, value: string): Promise<void> {
    return this.open().setSetting(key, value);
  }
}
