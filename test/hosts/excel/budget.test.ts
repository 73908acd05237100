/**
 * Sync budgets of the Excel host, measured on the fake.
 *
 * The bound (DESIGN.md "Excel host rules"): every port call costs at most
 *   base(call) + ⌈R / 20,000⌉ + ⌈B / 3 MiB⌉ + 1   syncs,
 * where R is the rows the call moves (read or written), B the bytes its syncs carry, and base is
 * listSheets 2 · date1904 1 · readSheet 1 · listTables 2 · listNames 2 · readTable 2 · appendRows 2 ·
 * createTable 2 · writeSheet 2 · getSetting 2 · setSetting 2 — i.e. O(1) plus one per chunk of
 * ≤ 20,000 rows / ~4 MB — and no sync carries more than 5 MB (Excel on the web's limit).
 */
import type { GridChunk, WorkbookPort } from "../../../src/app/workbook-port";
import { convertWorkbook } from "../../../src/app/convert-workbook";
import { generateReport } from "../../../src/app/generate-report";
import { generateStatements } from "../../../src/app/generate-statements";
import { PAYLOAD_LIMIT, type FakeExcel } from "../../excel-fake";
import { everyFeatureSpec, freshFake, orderRow, ordersTableSpec, portOn, seedBigSheet } from "./fixtures";

const BASE: Record<string, number> = { listSheets: 2, date1904: 1, readSheet: 1, listTables: 2, listNames: 2, readTable: 2, appendRows: 2, createTable: 2, writeSheet: 2, getSetting: 2, setSetting: 2 };
const MiB = 1024 * 1024;

interface CallRecord {
  method: string;
  syncs: number;
  rows: number;
  bytes: number;
  allowed: number;
}

/** The port, wrapped so each call's syncs, rows and bytes are recorded and checked against the bound. */
function metered(fake: FakeExcel, port: WorkbookPort): { port: WorkbookPort; calls: CallRecord[] } {
  const calls: CallRecord[] = [];
  let lock: Promise<void> = Promise.resolve();
  const finish = (method: string, from: number, rows: number): void => {
    const log = fake.syncLog.slice(from);
    const bytes = log.reduce((n, s) => n + Math.max(s.requestBytes, s.responseBytes), 0);
    const allowed = (BASE[method] ?? 0) + Math.ceil(rows / 20_000) + Math.ceil(bytes / (3 * MiB)) + 1;
    calls.push({ method, syncs: log.length, rows, bytes, allowed });
  };
  const wrapped = new Proxy(port, {
    get(target, key: string) {
      const member = (target as unknown as Record<string, unknown>)[key];
      if (typeof member !== "function") return member;
      if (key === "readSheet") {
        return (name: string) => (async function* () {
          const from = fake.syncCount;
          let rows = 0;
          for await (const ch of port.readSheet(name) as AsyncIterable<GridChunk>) {
            rows += ch.values.length;
            yield ch;
          }
          finish("readSheet", from, rows);
        })();
      }
      return async (...args: unknown[]) => {
        // Concurrent calls (e.g. Promise.all of getSetting) would mix their syncs: meter them one at a time.
        const turn = lock;
        let release = (): void => undefined;
        lock = new Promise<void>((resolve) => {
          release = resolve;
        });
        await turn;
        try {
          const from = fake.syncCount;
          const result = await (member as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const rows =
          key === "readTable" ? ((result as { rows?: unknown[] } | null)?.rows?.length ?? 0)
          : key === "appendRows" ? (args[1] as unknown[]).length
          : key === "createTable" ? (args[0] as { rows: unknown[] }).rows.length
          : key === "writeSheet" ? (args[0] as { rows: unknown[] }).rows.length
          : 0;
          finish(key, from, rows);
          return result;
        } finally {
          release();
        }
      };
    },
  });
  return { port: wrapped, calls };
}

function expectWithinBudget(fake: FakeExcel, calls: readonly CallRecord[]): void {
  expect(calls.filter((c) => c.syncs > c.allowed)).toEqual([]);
  expect(fake.syncLog.filter((s) => s.requestBytes > PAYLOAD_LIMIT || s.responseBytes > PAYLOAD_LIMIT || s.failed !== "")).toEqual([]);
}

describe("sync budget (bound: base + ⌈rows/20,000⌉ + ⌈bytes/3 MiB⌉ + 1 per call, every sync ≤ 5 MB)", () => {
  it("reads a 100,000-row sheet in chunks of ≤ 20,000 rows and ≤ 5 MB, one sync per chunk", async () => {
    const fake = freshFake();
    seedBigSheet(fake, "2025销售", 100_000);
    const { port, calls } = metered(fake, portOn(fake));
    const chunks: number[] = [];
    let last: GridChunk | undefined;
    for await (const ch of port.readSheet("2025销售")) {
      chunks.push(ch.values.length);
      last = ch;
    }
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(100_002);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(20_000);
    expect(last?.values.at(-1)).toEqual([45658 + (99_999 % 365), "SO199999", "客户99", "XK-39", 1, 199.5, 199.5, null]);
    expect(last?.formats.at(-1)?.[0]).toBe("yyyy/m/d");
    expect(fake.syncCount).toBe(1 + chunks.length);
    expectWithinBudget(fake, calls);
    // Chunks are big: every chunk but the first and last carries ≥ 2 MiB (so the count is ~bytes / 4 MB).
    const middle = fake.syncLog.slice(2, -1);
    expect(middle.every((s) => s.responseBytes >= 2 * MiB)).toBe(true);
  });

  it("writes a 100,000-row ledger table and a report within budget, calculation suspended on every write sync", async () => {
    const fake = freshFake();
    const { port, calls } = metered(fake, portOn(fake));
    const rows = Array.from({ length: 100_000 }, (_, i) => orderRow(i));
    expect(await port.createTable(ordersTableSpec(rows))).toEqual({ ok: true, replaced: false });
    expect(await port.writeSheet(everyFeatureSpec())).toEqual({ ok: true, replaced: false });
    expect(await port.appendRows("Orders", rows.slice(0, 21_000))).toBe(121_000);
    expect(fake.tables[0]?.rect.rows).toBe(121_001);
    expect(fake.cell("订单", 121_000, 0).value).toBe("SO-020999");
    expectWithinBudget(fake, calls);
    expect(calls.map((c) => [c.method, c.syncs])).toEqual([["createTable", 2 + 6], ["writeSheet", 3 + 1], ["appendRows", 2 + 2]]);
    const writes = fake.syncLog.filter((s) => s.requestBytes > 100_000);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((s) => s.calcSuspended)).toBe(true);
  });

  it("converting a workbook and generating every report and the statements stays within budget", async () => {
    const fake = freshFake();
    seedBigSheet(fake, "2025销售", 2_000);
    const { port, calls } = metered(fake, portOn(fake));
    const converted = await convertWorkbook(port);
    expect(converted.ok).toBe(true);
    for (const [kind, period] of [["daily", "2025-01-05"], ["monthly", "2025-03"], ["annual", "2025"], ["aging", "2025-12-31"]] as const) {
      const r = await generateReport(port, undefined, { kind, period, today: "2026-01-02" });
      expect(r.ok).toBe(true);
    }
    await port.setSetting("company.name", "华东销售有限公司");
    const st = await generateStatements(port, undefined, { customers: ["客户1", "客户2"], from: "2025-03-01", to: "2025-03-31" });
    expect(st.ok && st.value.written.length).toBe(2);
    expectWithinBudget(fake, calls);
    expect(new Set(calls.map((c) => c.method))).toEqual(new Set(["listTables", "listNames", "listSheets", "readSheet", "date1904", "createTable", "writeSheet", "readTable", "getSetting", "setSetting"]));
  });
});
