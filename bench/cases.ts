/**
 * The benchmark cases: for each case, our implementation and its peers. `setup` prepares
 * everything that is not measured (data generation, loading, building the ledger) and returns a
 * `run` that does exactly the measured work once. A run hands back a `Check` (totals compared
 * across implementations) and, for external programs, its own time and peak memory.
 */
import type { BenchLedger } from "./data";
import type { Check } from "./peers/types";

/** What one measured run produced. */
export interface RunOut {
  readonly check: Check;
  /** Set when the run timed itself (external programs: the cost above a baseline). */
  readonly ms?: number;
  /** Peak memory of an external program, MB. */
  readonly peakMb?: number;
  /** CPU time of an external program (user + system), ms; NaN when unknown. Unset: this process's CPU time is used. */
  readonly cpuMs?: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A prepared implementation for one size. */
export interface Prepared {
  readonly run: () => Promise<RunOut> | RunOut;
  /** Setup figures worth printing (load time, …). */
  readonly info?: Readonly<Record<string, unknown>>;
  /** Called once after the runs; adds fields to the result (e.g. syncs per operation). */
  readonly after?: () => Promise<Readonly<Record<string, unknown>>> | Readonly<Record<string, unknown>>;
}

/** Context handed to a setup: the size and a lazily generated ledger. */
export interface SetupCtx {
  readonly lines: number;
  readonly quick: boolean;
  /** Extra options from the command line (e.g. `loCalls`). */
  readonly opts: Readonly<Record<string, string>>;
  readonly data: () => BenchLedger;
}

export type Setup = (ctx: SetupCtx) => Promise<Prepared>;

/** One case: our implementation, its peers, and which sizes it runs at. */
export interface CaseDef {
  readonly name: string;
  readonly what: string;
  readonly sizes: readonly number[];
  readonly quickSizes: readonly number[];
  /** Customers in the generated data (default 200). */
  readonly customers?: number;
  readonly ours: Setup;
  readonly peers: Readonly<Record<string, Setup>>;
  /** Runs per size (default: 5, or 3 at a million lines). */
  readonly runs?: (lines: number, quick: boolean) => number;
  /** Runs for one implementation regardless of size (slow external peers). */
  readonly implRuns?: Readonly<Record<string, number>>;
  /** Keys of `Check` that must agree between ours and a peer. */
  readonly compare: readonly string[];
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy CommonJS loading, as src/cli/main.ts does */
/** Loads a module only when a case needs it, so one child never pays for (or breaks on) another case's modules. */
function load<T>(path: string): T {
  return require(path) as T;
}
/* eslint-enable @typescript-eslint/no-require-imports */

const ALL = [10_000, 100_000, 1_000_000];

/**
 * How many of the 10,000 calls LibreOffice recalculates (`--lo-calls=N`; default 2,000, 500 with
 * --quick): all 10,000 SUMIFS over 100,000 rows take LibreOffice about five minutes here.
 */
function loCalls(ctx: SetupCtx): number {
  return Math.max(1, Math.min(10_000, Number(ctx.opts.loCalls ?? (ctx.quick ? 500 : 2000))));
}
const SMALL = [10_000, 100_000];

async function builtLedger(ctx: SetupCtx): Promise<{ b: BenchLedger; ledger: import("../src/core/ledger").Ledger; buildMs: number }> {
  const { Ledger } = load<typeof import("../src/core/ledger")>("../src/core/ledger");
  const b = ctx.data();
  const t0 = performance.now();
  const ledger = Ledger.build(b.input);
  return { b, ledger, buildMs: performance.now() - t0 };
}

// Peers are imported inside setup so their modules (DuckDB's native binding) never load into our children.
type DuckQuery = "duckDaily" | "duckMonthly" | "duckAnnual" | "duckAging" | "duckStatements";
const duck = (q: DuckQuery): Setup => async (ctx) => {
  const mod = load<typeof import("./peers/duckdb")>("./peers/duckdb");
  const b = ctx.data();
  const p = await mod.loadDuckDb(b);
  return { run: async () => ({ check: await mod[q](p, b) }), info: { loadMs: p.loadMs, threads: p.threads } };
};

type AqQuery = "aqDaily" | "aqMonthly" | "aqAnnual" | "aqAging" | "aqStatements";
const arquero = (q: AqQuery): Setup => async (ctx) => {
  const mod = load<typeof import("./peers/arquero")>("./peers/arquero");
  const b = ctx.data();
  const p = await mod.loadArquero(b);
  return { run: () => ({ check: mod[q](p, b) }), info: { loadMs: p.loadMs } };
};

const report = (pick: (r: typeof import("../src/core/reports"), ledger: import("../src/core/ledger").Ledger, b: BenchLedger) => Check): Setup => async (ctx) => {
  const r = load<typeof import("../src/core/reports")>("../src/core/reports");
  const { b, ledger, buildMs } = await builtLedger(ctx);
  return { run: () => ({ check: pick(r, ledger, b) }), info: { buildMs } };
};

/** Every case, in print order. */
export const CASES: readonly CaseDef[] = [
  {
    name: "daily-pivot",
    what: "销售日报: customer × model for a day and month to date, collections by warehouse × customer",
    sizes: ALL,
    quickSizes: SMALL,
    ours: report((r, ledger, b) => {
      const { totals, rows } = r.dailyReport(ledger, b.day, { today: b.today }).data;
      return { amountFen: totals.amountFen, mtdAmountFen: totals.mtdAmountFen, rows: rows.length, collectedFen: totals.collectedFen };
    }),
    peers: {
      duckdb: duck("duckDaily"),
      arquero: arquero("aqDaily"),
    },
    compare: ["amountFen", "mtdAmountFen", "collectedFen"],
  },
  {
    name: "monthly-pivot",
    what: "销售月报: customer × model of a month, per-customer sales/returns/allowances/collections/closing",
    sizes: ALL,
    quickSizes: SMALL,
    ours: report((r, ledger, b) => {
      const { totals, rows } = r.monthlyReport(ledger, b.month, { today: b.today }).data;
      return { amountFen: totals.amountFen, rows: rows.length, closingFen: totals.closingFen };
    }),
    peers: {
      duckdb: duck("duckMonthly"),
      arquero: arquero("aqMonthly"),
    },
    compare: ["amountFen", "rows", "closingFen"],
  },
  {
    name: "annual-pivot",
    what: "销售年报: customers × 12 months of sales and of collections",
    sizes: ALL,
    quickSizes: SMALL,
    ours: report((r, ledger, b) => {
      const { totals, rows } = r.annualReport(ledger, String(b.year), { today: b.today }).data;
      return { amountFen: totals.amountFen, rows: rows.length, collectedFen: totals.collectedFen };
    }),
    peers: {
      duckdb: duck("duckAnnual"),
      arquero: arquero("aqAnnual"),
    },
    compare: ["amountFen", "collectedFen"],
  },
  {
    name: "aging",
    what: "账龄: balance per customer split into 6 buckets by days past due (FIFO)",
    sizes: ALL,
    quickSizes: SMALL,
    ours: report((r, ledger, b) => {
      const { totals, rows } = r.agingReport(ledger, b.today, { today: b.today }).data;
      return { balanceFen: totals.balanceFen, rows: rows.length, over120Fen: totals.buckets["120+"] };
    }),
    peers: {
      duckdb: duck("duckAging"),
      arquero: arquero("aqAging"),
    },
    compare: ["balanceFen", "over120Fen"],
  },
  {
    name: "statements-all",
    what: "往来对账单 for every 月结 customer with activity or a balance, one settlement period (~1,000 customers)",
    sizes: ALL,
    quickSizes: SMALL,
    // The target is 1,000 月结 customers: 1,250 customers at the generator's 80 % 月结 share.
    customers: 1250,
    ours: async (ctx) => {
      const st = load<typeof import("../src/core/statement")>("../src/core/statement");
      const { b, ledger, buildMs } = await builtLedger(ctx);
      const opts = { company: { name: "长沙某某机电设备有限公司" }, date: b.today };
      return {
        run: () => {
          const who = st.monthlyStatementCustomers(ledger, b.period.from, b.period.to);
          const r = st.statementBatch(ledger, who, b.period.from, b.period.to, opts);
          if (!r.ok) throw new Error(`statementBatch failed: ${JSON.stringify(r.issues.slice(0, 3))}`);
          let closingFen = 0;
          let lines = 0;
          for (const s of r.value) {
            closingFen += s.data.closingFen;
            lines += s.data.lines.length;
          }
          return { check: { statements: r.value.length, rows: lines, closingFen }, extra: { statements: r.value.length } };
        },
        info: { buildMs },
      };
    },
    peers: { duckdb: duck("duckStatements"), arquero: arquero("aqStatements") },
    compare: ["closingFen"],
  },
  {
    name: "import",
    what: "clerk workbook grids (title rows, 小计/合计, text dates and amounts, formulas) → validated ledger records",
    sizes: ALL,
    quickSizes: SMALL,
    // A million-row import takes about a minute a run on this machine: one run keeps the suite under 20 minutes.
    runs: (lines, quick) => (lines >= 1_000_000 ? 1 : lines >= 100_000 || quick ? 3 : 5),
    ours: async (ctx) => {
      const { importWorkbook } = load<typeof import("../src/core/import/import-workbook")>("../src/core/import/import-workbook");
      const { toClerkWorkbook } = load<typeof import("./data")>("./data");
      const b = ctx.data();
      const grids = toClerkWorkbook(b.input).map((s) => ({ ...s, startRow: 0, startCol: 0 }));
      const sourceRows = grids.reduce((n, g) => n + g.values.length, 0);
      let ms = 0;
      return {
        run: () => {
          const t = performance.now();
          const r = importWorkbook(grids);
          ms = performance.now() - t;
          const tally = r.tallies.reduce((a, x) => ({ imported: a.imported + x.imported, rejected: a.rejected + x.rejected, skipped: a.skipped + x.skipped }), { imported: 0, rejected: 0, skipped: 0 });
          let amountFen = 0;
          for (const o of r.input.orders) amountFen += o.amountFen;
          return { check: { orders: r.input.orders.length, amountFen, payments: r.input.payments.length, ...tally }, extra: { rowsPerSec: sourceRows / (ms / 1000), sourceRows } };
        },
      };
    },
    peers: {
      // A floor, not like for like: DuckDB ingesting rows that are already typed and valid.
      "duckdb-load": async (ctx) => {
        const { loadDuckDb } = load<typeof import("./peers/duckdb")>("./peers/duckdb");
        const b = ctx.data();
        return { run: async () => {
          const p = await loadDuckDb(b);
          const rs = (await p.conn.runAndReadAll("SELECT count(*), sum(amount_fen) FROM orders")).getRows()[0] ?? [];
          p.conn.closeSync();
          return { check: { orders: Number(rs[0]), amountFen: Number(rs[1]) }, ms: p.loadMs };
        } };
      },
    },
    compare: ["orders", "amountFen"],
  },
  {
    name: "functions-10k",
    what: "10,000 LEDGER.SALES/QTY/COLLECTED calls (index build included) vs LibreOffice recalculating 10,000 SUMIFS",
    sizes: [100_000],
    quickSizes: [100_000],
    runs: (_lines, quick) => (quick ? 1 : 5),
    implRuns: { libreoffice: 1 },
    ours: async (ctx) => {
      const fx = load<typeof import("../src/app/ledger-functions")>("../src/app/ledger-functions");
      const { functionCalls } = load<typeof import("./data")>("./data");
      const { b, ledger, buildMs } = await builtLedger(ctx);
      const calls = functionCalls(b, 10_000);
      const sub = loCalls(ctx);
      return {
        run: () => {
          const t0 = performance.now();
          const index = fx.FunctionIndex.build(ledger);
          const t1 = performance.now();
          let salesFen = 0;
          let qty = 0;
          let collectedFen = 0;
          let failed = 0;
          let subCheck: Check = {};
          for (let i = 0; i < calls.length; i++) {
            if (i === sub) subCheck = { subSalesFen: salesFen, subQty: Math.round(qty * 1e6) / 1e6, subCollectedFen: collectedFen };
            const c = calls[i]!;
            const r = c.fn === "collected" ? fx.collected(index, c.customer, c.from, c.to) : c.fn === "qty" ? fx.qty(index, c.customer, c.model, c.from, c.to) : fx.sales(index, c.customer, c.model, c.from, c.to);
            if (!r.ok) {
              failed++;
              continue;
            }
            if (c.fn === "sales") salesFen += Math.round(r.value * 100);
            else if (c.fn === "collected") collectedFen += Math.round(r.value * 100);
            else qty += r.value;
          }
          const t2 = performance.now();
          return { check: { calls: calls.length, failed, salesFen, qty: Math.round(qty * 1e6) / 1e6, collectedFen, ...subCheck }, extra: { calls: calls.length, indexMs: t1 - t0, callsMs: t2 - t1, usPerCall: ((t2 - t1) * 1000) / calls.length } };
        },
        info: { buildMs },
      };
    },
    peers: {
      libreoffice: async (ctx) => {
        const lo = load<typeof import("./peers/libreoffice")>("./peers/libreoffice");
        const { functionCalls } = load<typeof import("./data")>("./data");
        const { join } = await import("node:path");
        const { tmpdir } = await import("node:os");
        const b = ctx.data();
        const n = loCalls(ctx);
        const calls = functionCalls(b, 10_000).slice(0, n);
        const p = await lo.prepareLibreOffice(b, calls, join(tmpdir(), `sales-ledger-bench-lo-${ctx.lines}-${process.pid}`));
        let check: Check | undefined;
        const scale = 10_000 / n;
        return {
          run: async () => {
            const r = await lo.runLibreOffice(p);
            if (!check) {
              const c = await lo.libreOfficeCheck(p, calls);
              // The first n calls of the same 10,000; compared with ours' running totals at n.
              check = n === 10_000 ? c : { subSalesFen: c.salesFen ?? NaN, subQty: c.qty ?? NaN, subCollectedFen: c.collectedFen ?? NaN };
            }
            return {
              check,
              ms: r.ms * scale,
              cpuMs: r.cpuMs === null ? NaN : r.cpuMs * scale,
              ...(r.peakMb === null ? {} : { peakMb: r.peakMb }),
              extra: { measuredCalls: n, measuredMs: r.ms, scaledBy: scale, baselineMs: r.baselineMs, formulasMs: r.formulasMs, method: `soffice --convert-to xlsx with ${n} SUMIFS minus the same file without them${scale === 1 ? "" : `, × ${scale} for 10,000 (SUMIFS cost is linear in the calls)`}` },
            };
          },
          info: { writeMs: p.writeMs },
          after: async () => {
            (await import("node:fs")).rmSync(p.dir, { recursive: true, force: true });
            return {};
          },
        };
      },
    },
    compare: ["salesFen", "qty", "collectedFen", "subSalesFen", "subQty", "subCollectedFen"],
  },
  {
    name: "excel-host-syncs",
    what: "ExcelWorkbook on test/excel-fake: context.sync() calls and payload bytes per operation (read a clerk sheet, create the 订单 table, write reports and a statement, append rows)",
    sizes: SMALL,
    quickSizes: [10_000],
    runs: (_lines, quick) => (quick ? 1 : 3),
    ours: async (ctx) => {
      const { ExcelWorkbook } = load<typeof import("../src/hosts/excel/excel-workbook")>("../src/hosts/excel/excel-workbook");
      const { FakeExcel } = load<typeof import("../test/excel-fake")>("../test/excel-fake");
      const lt = load<typeof import("../src/core/ledger-tables")>("../src/core/ledger-tables");
      const reports = load<typeof import("../src/core/reports")>("../src/core/reports");
      const st = load<typeof import("../src/core/statement")>("../src/core/statement");
      const { toClerkWorkbook } = load<typeof import("./data")>("./data");
      const { b, ledger } = await builtLedger(ctx);
      const sheets = toClerkWorkbook(b.input);
      const biggest = sheets.slice(0, 3).reduce((a, x) => (x.values.length > a.values.length ? x : a));
      const orderRows = b.input.orders.map(lt.orderToRow);
      const lists = { customers: b.input.customers.map((c) => c.name), models: b.input.products.map((p) => p.model) };
      const monthly = reports.monthlyReport(ledger, b.month, { today: b.today }).spec;
      const annual = reports.annualReport(ledger, String(b.year), { today: b.today }).spec;
      const top = b.input.customers[0]!.name;
      const stmt = st.statement(ledger, top, b.period.from, b.period.to, { company: { name: "长沙某某机电设备有限公司" } });
      if (!stmt.ok) throw new Error("statement failed");
      const append = orderRows.slice(0, 20);
      let ops: Record<string, { ms: number; syncs: number; requestKb: number; responseKb: number; maxSyncKb: number }> = {};
      return {
        run: async () => {
          const fake = new FakeExcel();
          fake.addSheet("Sheet1");
          for (const s of sheets) fake.addSheet(s.name, s.values, { formats: s.formats, formulas: s.formulas });
          fake.resetLog();
          const port = new ExcelWorkbook({ run: fake.run as never, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
          ops = {};
          let total = 0;
          const op = async (name: string, f: () => Promise<unknown>): Promise<void> => {
            const from = fake.syncLog.length;
            const t = performance.now();
            await f();
            const ms = performance.now() - t;
            total += ms;
            const log = fake.syncLog.slice(from);
            const kb = (n: number): number => Math.round(n / 102.4) / 10;
            ops[name] = {
              ms,
              syncs: log.length,
              requestKb: kb(log.reduce((a, x) => a + x.requestBytes, 0)),
              responseKb: kb(log.reduce((a, x) => a + x.responseBytes, 0)),
              maxSyncKb: kb(log.reduce((a, x) => Math.max(a, x.requestBytes, x.responseBytes), 0)),
            };
          };
          let readRows = 0;
          await op(`readSheet ${biggest.values.length} rows`, async () => {
            for await (const chunk of port.readSheet(biggest.name)) readRows += chunk.values.length;
          });
          await op(`createTable 订单 ${orderRows.length} rows`, () => port.createTable(lt.ledgerTableSpec("orders", orderRows, lists)));
          await op(`writeSheet 月报 ${monthly.rows.length} rows`, () => port.writeSheet(monthly));
          await op(`writeSheet 年报 ${annual.rows.length} rows`, () => port.writeSheet(annual));
          await op(`writeSheet 对账单 ${stmt.value.spec.rows.length} rows`, () => port.writeSheet(stmt.value.spec));
          await op("appendRows 20 rows", () => port.appendRows("Orders", append));
          return { check: { readRows, syncs: fake.syncLog.length }, ms: total, extra: { ops, syncsPerOp: Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, v.syncs])) } };
        },
      };
    },
    peers: {},
    compare: [],
  },
  {
    name: "cli-end-to-end",
    what: "the CLI on the clerk .xlsx: 4 × `sales-ledger report` (daily, monthly, annual, aging) with a fresh import cache (the first reads and imports, the others load the cached records), each writing its report file, vs one pandas script doing the same",
    sizes: SMALL,
    quickSizes: [10_000],
    // Four CLI processes over 100,000 rows take minutes: one run at 100k, three at 10k.
    runs: (lines, quick) => (quick || lines >= 100_000 ? 1 : 3),
    ours: async (ctx) => {
      const { clerkXlsxFor } = load<typeof import("./data-xlsx")>("./data-xlsx");
      const { bundleCli } = load<typeof import("./cli-bundle")>("./cli-bundle");
      const { runExternal } = load<typeof import("./measure")>("./measure");
      const { join, dirname } = await import("node:path");
      const b = ctx.data();
      const { path, writeMs } = await clerkXlsxFor(ctx.lines);
      const cli = await bundleCli();
      const out = dirname(cli.file);
      const kinds: [string, string[]][] = [
        ["daily", ["--daily", b.day]],
        ["monthly", ["--monthly", b.month]],
        ["annual", ["--annual", String(b.year)]],
        ["aging", ["--aging", "--as-of", b.today]],
      ];
      return {
        run: async () => {
          let ms = 0;
          let cpuMs = 0;
          let peakMb = 0;
          const per: Record<string, number> = {};
          const totals: Record<string, Record<string, number>> = {};
          // A fresh import cache per measured run (src/cli/ledger-cache.ts): the first call reads and
          // imports the workbook and writes the cache, the next three load the imported records from it.
          const { mkdtempSync, rmSync } = await import("node:fs");
          const cacheDir = mkdtempSync(join(out, "cache-"));
          const env = { ...cli.env, SALES_LEDGER_CACHE_DIR: cacheDir };
          for (const [kind, args] of kinds) {
            const r = await runExternal(process.execPath, [cli.file, "report", path, ...args, "--json", "-o", join(out, `${kind}.xlsx`)], { env, timeoutMs: 10 * 60_000 });
            if (r.code !== 0) throw new Error(`sales-ledger report --${kind} exited ${r.code}: ${r.stderr.slice(-400)}`);
            ms += r.wallMs;
            cpuMs += r.cpuMs ?? NaN;
            per[kind] = r.wallMs;
            peakMb = Math.max(peakMb, r.peakMb ?? 0);
            totals[kind] = (JSON.parse(r.stdout) as { totals: Record<string, number> }).totals;
          }
          rmSync(cacheDir, { recursive: true, force: true });
          const check = {
            dayAmountFen: totals.daily?.amountFen ?? NaN,
            mtdAmountFen: totals.daily?.mtdAmountFen ?? NaN,
            monthAmountFen: totals.monthly?.amountFen ?? NaN,
            closingFen: totals.monthly?.closingFen ?? NaN,
            yearAmountFen: totals.annual?.amountFen ?? NaN,
            balanceFen: totals.aging?.balanceFen ?? NaN,
          };
          // The same four reports from one process (one read, one import): what a several-reports CLI would cost.
          const one = await runExternal(process.execPath, [join(cli.root, "bench", "cli-one-process.js"), path, out, b.day, b.month, String(b.year), b.today], { env: cli.env, timeoutMs: 10 * 60_000 });
          if (one.code !== 0) throw new Error(`cli-one-process exited ${one.code}: ${one.stderr.slice(-400)}`);
          const oneTotals = JSON.parse(one.stdout) as Record<string, Record<string, number>>;
          const oneAgrees = oneTotals.aging?.balanceFen === check.balanceFen && oneTotals.monthly?.amountFen === check.monthAmountFen;
          return { check, ms, cpuMs, peakMb, extra: { perInvocationMs: per, oneProcessMs: one.wallMs, oneProcessCpuMs: one.cpuMs, oneProcessPeakMb: one.peakMb, oneProcessAgrees: oneAgrees } };
        },
        info: { xlsxWriteMs: writeMs, bundleMs: cli.bundleMs },
        after: async () => {
          (await import("node:fs")).rmSync(cli.root, { recursive: true, force: true });
          return {};
        },
      };
    },
    peers: {
      pandas: async (ctx) => {
        const { clerkXlsxFor } = load<typeof import("./data-xlsx")>("./data-xlsx");
        const { runExternal } = load<typeof import("./measure")>("./measure");
        const { join } = await import("node:path");
        const { tmpdir } = await import("node:os");
        const probe = await runExternal("/usr/bin/python3", ["-c", "import pandas, openpyxl"]).catch(() => null);
        if (probe?.code !== 0) throw new Error("pandas/openpyxl not installed (python3-pandas, python3-openpyxl)");
        const b = ctx.data();
        const { path } = await clerkXlsxFor(ctx.lines);
        const script = join(__dirname, "peers", "pandas_e2e.py");
        const out = join(tmpdir(), `sales-ledger-bench-pandas-${process.pid}.xlsx`);
        return {
          run: async () => {
            const r = await runExternal("/usr/bin/python3", [script, path, out, b.day, b.month, String(b.year), b.today], { timeoutMs: 10 * 60_000 });
            if (r.code !== 0) throw new Error(`pandas script exited ${r.code}: ${r.stderr.slice(-400)}`);
            return { check: JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as Check, ms: r.wallMs, cpuMs: r.cpuMs ?? NaN, ...(r.peakMb === null ? {} : { peakMb: r.peakMb }) };
          },
          after: async () => {
            (await import("node:fs")).rmSync(out, { force: true });
            return {};
          },
        };
      },
    },
    compare: ["dayAmountFen", "mtdAmountFen", "monthAmountFen", "closingFen", "yearAmountFen", "balanceFen"],
  },
  {
    name: "import-full-sheet",
    what: "`sales-ledger import book.xlsx -o ledger.xlsx --json` (the CLI compiled to JavaScript, one process) on one sheet filling Excel's last row (1,048,576 rows, the header included): read, import, write the ledger workbook; wall, CPU and the process's peak RSS. No peer: pandas needs minutes just to read the sheet",
    sizes: [1_048_576],
    quickSizes: [100_000],
    runs: () => 1,
    ours: async (ctx) => {
      const { writeFullSheet, fullSheetAmountFen } = load<typeof import("./full-sheet")>("./full-sheet");
      const { bundleCli } = load<typeof import("./cli-bundle")>("./cli-bundle");
      const { runExternal } = load<typeof import("./measure")>("./measure");
      const { join, dirname } = await import("node:path");
      const { statSync } = await import("node:fs");
      const cli = await bundleCli();
      const out = dirname(cli.file);
      const path = join(out, "full-sheet.xlsx");
      const t0 = performance.now();
      await writeFullSheet(path, ctx.lines);
      const writeMs = performance.now() - t0;
      const expectedFen = fullSheetAmountFen(ctx.lines);
      return {
        run: async () => {
          const target = join(out, "full-sheet-ledger.xlsx");
          const r = await runExternal(process.execPath, [cli.file, "import", path, "-o", target, "--json"], { env: cli.env, timeoutMs: 20 * 60_000 });
          if (r.code !== 0) throw new Error(`sales-ledger import exited ${r.code}: ${r.stderr.slice(-400)}`);
          const report = JSON.parse(r.stdout) as { sheets: { rows: number; imported: number; rejected: number; skipped: number }[]; ledger: { orders: { lines: number; amountFen: number } } };
          const sheet = report.sheets[0];
          const conserved = sheet !== undefined && sheet.imported + sheet.rejected + sheet.skipped === sheet.rows;
          const check = { rows: sheet?.rows ?? NaN, imported: sheet?.imported ?? NaN, amountFen: report.ledger.orders.amountFen, expectedFen, conserved: conserved ? 1 : 0 };
          // No peer to agree with: the generator's own truth is the check (every line imported, to the fen).
          if (!conserved || check.imported !== ctx.lines - 1 || check.amountFen !== expectedFen) throw new Error(`import-full-sheet: wrong result ${JSON.stringify(check)}`);
          return { check, ms: r.wallMs, cpuMs: r.cpuMs ?? NaN, ...(r.peakMb === null ? {} : { peakMb: r.peakMb }), extra: { outputMb: Math.round((statSync(target).size / 1048576) * 10) / 10 } };
        },
        info: { xlsxWriteMs: writeMs, xlsxMb: Math.round((statSync(path).size / 1048576) * 10) / 10, bundleMs: cli.bundleMs },
        after: async () => {
          (await import("node:fs")).rmSync(cli.root, { recursive: true, force: true });
          return {};
        },
      };
    },
    peers: {},
    compare: [],
  },
  {
    name: "ledger-build",
    what: "Ledger.build (validated records → indexes); peers: loading the same rows",
    sizes: ALL,
    quickSizes: SMALL,
    ours: async (ctx) => {
      const { Ledger } = load<typeof import("../src/core/ledger")>("../src/core/ledger");
      const b = ctx.data();
      let _alive: unknown; // the last ledger, kept alive for the retained-size measurement
      return {
        run: () => {
          _alive = undefined;
          const l = Ledger.build(b.input);
          _alive = l;
          return { check: { orders: l.orders.length, totalReceivableFen: l.totalReceivable(b.today) } };
        },
        after: () => {
          // Retained size of the indexes: heap with the last ledger alive minus heap without it.
          const gc = (globalThis as { gc?: () => void }).gc;
          if (!gc) return {};
          // Typed-array indexes live outside the JS heap: count `external` too.
          const used = (): number => {
            const u = process.memoryUsage();
            return u.heapUsed + u.external;
          };
          gc();
          const withLedger = used();
          _alive = undefined;
          gc();
          const without = used();
          return { indexHeapMb: (withLedger - without) / 1048576, inputHeapMb: without / 1048576 };
        },
      };
    },
    peers: {
      "duckdb-load": async (ctx) => {
        const { loadDuckDb } = load<typeof import("./peers/duckdb")>("./peers/duckdb");
        const b = ctx.data();
        return { run: async () => {
          const p = await loadDuckDb(b);
          const n = Number((await p.conn.runAndReadAll("SELECT count(*) FROM orders")).getRows()[0]?.[0]);
          p.conn.closeSync();
          return { check: { orders: n }, ms: p.loadMs };
        } };
      },
      "arquero-load": async (ctx) => {
        const { loadArquero } = load<typeof import("./peers/arquero")>("./peers/arquero");
        const b = ctx.data();
        return { run: async () => {
          const p = await loadArquero(b);
          return { check: { orders: p.orders.numRows() as number }, ms: p.loadMs };
        } };
      },
    },
    runs: (lines) => (lines >= 1_000_000 ? 3 : 5),
    compare: ["orders"],
  },
];

/** Looks a case up by name. */
export function caseByName(name: string): CaseDef | undefined {
  return CASES.find((c) => c.name === name);
}
