/**
 * Concurrency in Excel (co-authoring safety): entries from one task pane in a row, and from 2, 3, 4
 * and 8 task panes at once (hosts, each with its own request contexts, on one fake workbook, also in
 * any interleaving of their syncs), all land with unique order numbers; tables grow by `rows.add`
 * only — existing rows are never rewritten, no table or sheet is deleted.
 */
import fc from "fast-check";
import type { SheetGrid } from "../../src/core/import/types";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { loadLedger } from "../../src/app/load-ledger";
import { enterOrder } from "../../src/app/enter-order";
import { enterPayment } from "../../src/app/enter-payment";
import type { EnterOutcome } from "../../src/app/enter-record";
import type { Ledger } from "../../src/core/ledger";
import type { Result } from "../../src/core/result";
import type { OrderLine } from "../../src/core/schemas/records";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { FakeExcel } from "../excel-fake";
import { FakeRequestContext } from "../excel-fake/api";
import { gridsToFake } from "../builders/hostile";
import { trackSuite } from "./summary";

const counter = trackSuite("concurrency");

const SOURCE: SheetGrid = {
  name: "销售明细",
  startRow: 0,
  startCol: 0,
  values: [
    ["日期", "客户", "型号", "数量", "单价", "金额"],
    [45721, "长沙华兴商贸", "XY-100", 10, 12.5, 125],
    [45722, "郑州宏达(集团)", "XY-200", 2, 100, 200],
  ],
  formats: [],
  formulas: [],
  merges: [],
};

function pane(fake: FakeExcel): ExcelWorkbook {
  return new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
}

/** Values and formulas of a table's rows as they are now (to prove old rows were not rewritten). */
function tableRows(fake: FakeExcel, name: string): string[] {
  const t = fake.tables.find((x) => x.name === name)!;
  const out: string[] = [];
  for (let r = t.rect.row + 1; r < t.rect.row + t.rect.rows; r++) {
    const cells: string[] = [];
    for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) cells.push(JSON.stringify(fake.cell(t.sheet.name, r, c)));
    out.push(cells.join("|"));
  }
  return out;
}

/** Records operations by name while `fn` runs. */
async function recordingOps<T>(fn: () => Promise<T>): Promise<{ result: T; ops: string[] }> {
  const ops: string[] = [];
  const original = FakeRequestContext.prototype.enqueue;
  const spy = jest.spyOn(FakeRequestContext.prototype, "enqueue").mockImplementation(function (this: FakeRequestContext, what, payload, apply, need) {
    ops.push(what);
    return original.call(this, what, payload, apply, need);
  });
  try {
    return { result: await fn(), ops };
  } finally {
    spy.mockRestore();
  }
}

async function converted(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  gridsToFake([SOURCE], fake);
  expect((await convertWorkbook(pane(fake))).ok).toBe(true);
  fake.resetLog();
  return fake;
}

/** Table events since the last reset, as [changeType, first row of the address]. */
function ordersEvents(fake: FakeExcel, table: string): { changeType: string; address: string }[] {
  return fake.events.filter((e) => e.tableName === table);
}

function firstRowOf(address: string): number {
  const m = /[A-Z]+(\d+)/.exec(address.replace(/^.*!/, ""));
  return m ? Number(m[1]) : 0;
}

describe("concurrency in Excel (fake)", () => {
  counter.test("two orders in one session both land; only rows.add, old rows untouched", async () => {
    const fake = await converted();
    const p = pane(fake);
    const before = tableRows(fake, "Orders");
    const { ops } = await recordingOps(async () => {
      for (const notes of ["第一单", "第二单"]) {
        const { ledger } = await loadLedger(p); // the pane rebuilds its ledger after each entry, as documented
        const r = await enterOrder(p, ledger, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", priceText: "12.5", notes, date: "2025-03-31" }, { today: "2025-03-31" });
        expect(r.ok).toBe(true);
      }
    });
    const after = tableRows(fake, "Orders");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 2);
    const { ledger } = await loadLedger(p);
    expect(ledger.orders.filter((o) => o.notes === "第一单" || o.notes === "第二单")).toHaveLength(2);
    expect(new Set(ledger.orders.map((o) => o.orderNo).filter(Boolean)).size).toBe(ledger.orders.filter((o) => o.orderNo).length);
    expect(ops.filter((o) => /table\.delete|worksheet\.delete|range\.delete|range\.clear/.test(o))).toEqual([]);
    expect(ops.filter((o) => o === "tableRows.add")).toHaveLength(2);
    const firstNew = fake.tables.find((x) => x.name === "Orders")!.rect.row + before.length + 2;
    const events = ordersEvents(fake, "Orders");
    expect(events.filter((e) => e.changeType === "RowInserted")).toHaveLength(2);
    expect(events.filter((e) => e.changeType !== "RowInserted" && firstRowOf(e.address) < firstNew)).toEqual([]);
    counter.add("entries", 2);
    counter.add("tableRewrites", events.filter((e) => e.changeType !== "RowInserted" && firstRowOf(e.address) < firstNew).length);
  });

  counter.test("two task panes entering orders at the same moment: both land, old rows untouched", async () => {
    const fake = await converted();
    const [a, b] = [pane(fake), pane(fake)];
    const before = tableRows(fake, "Orders");
    const [la, lb] = [(await loadLedger(a)).ledger, (await loadLedger(b)).ledger];
    const { ops } = await recordingOps(() =>
      Promise.all([
        enterOrder(a, la, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", priceText: "12.5", notes: "窗格A", date: "2025-03-31" }, { today: "2025-03-31" }),
        enterOrder(b, lb, { customer: "郑州宏达(集团)", model: "XY-200", qty: "3", priceText: "100", notes: "窗格B", date: "2025-03-31" }, { today: "2025-03-31" }),
      ]),
    );
    const after = tableRows(fake, "Orders");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 2);
    const { ledger } = await loadLedger(a);
    expect(ledger.orders.filter((o) => o.notes === "窗格A" || o.notes === "窗格B").map((o) => o.notes).sort()).toEqual(["窗格A", "窗格B"]);
    expect(ops.filter((o) => /table\.delete|worksheet\.delete|range\.delete|range\.clear/.test(o))).toEqual([]);
    expect(fake.events.filter((e) => e.tableName === "Orders" && e.changeType === "RowInserted")).toHaveLength(2);
    counter.add("entries", 2);
  });

  counter.test("two task panes entering orders at the same moment get different order numbers", async () => {
    const fake = await converted();
    const [a, b] = [pane(fake), pane(fake)];
    const [la, lb] = [(await loadLedger(a)).ledger, (await loadLedger(b)).ledger];
    const [ra, rb] = await Promise.all([
      enterOrder(a, la, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", priceText: "12.5", notes: "窗格A", date: "2025-03-31" }, { today: "2025-03-31" }),
      enterOrder(b, lb, { customer: "郑州宏达(集团)", model: "XY-200", qty: "3", priceText: "100", notes: "窗格B", date: "2025-03-31" }, { today: "2025-03-31" }),
    ]);
    expect(ra.ok && rb.ok).toBe(true);
    if (!ra.ok || !rb.ok) return;
    // Two different customers' orders under one number: 订单状态 and statements would merge them.
    expect(ra.value.record.orderNo).not.toBe(rb.value.record.orderNo);
    counter.add("entries", 2);
  });

  counter.test("two task panes entering the first payment into an empty table: both land", async () => {
    const fake = await converted();
    const [a, b] = [pane(fake), pane(fake)];
    const empty = await a.readTable("Payments");
    expect(empty?.rows ?? []).toHaveLength(0);
    const [la, lb] = [(await loadLedger(a)).ledger, (await loadLedger(b)).ledger];
    const [ra, rb] = await Promise.all([
      enterPayment(a, la, { customer: "长沙华兴商贸", amountText: "100", date: "2025-03-31", notes: "窗格A" }, { today: "2025-03-31" }),
      enterPayment(b, lb, { customer: "郑州宏达(集团)", amountText: "200", date: "2025-03-31", notes: "窗格B" }, { today: "2025-03-31" }),
    ]);
    expect([ra.ok, rb.ok]).toEqual([true, true]);
    const { ledger } = await loadLedger(a);
    expect(ledger.payments.map((p) => p.notes).sort()).toEqual(["窗格A", "窗格B"]);
    counter.add("entries", 2);
  });

  for (const panes of [3, 4, 8]) {
    counter.test(`${panes} task panes entering orders at the same moment: all land, numbers unique, each renumbered clerk told`, async () => {
      const fake = await converted();
      const run = await enterAtOnce(fake, panes);
      expectSettled(fake, run);
      counter.add("entries", panes);
    });
  }

  // Every sync of every pane runs at a moment fast-check picks: any interleaving of 2–8 panes.
  counter.test("property: panes entering at once, in any interleaving of their syncs, settle on unique numbers", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 8 }), fc.scheduler(), async (panes, s) => {
        const fake = await converted();
        expectSettled(fake, await enterAtOnce(fake, panes, s));
        runs++;
        counter.add("entries", panes);
      }),
      { numRuns: 100 },
    );
    counter.add("interleavings", runs);
  });
});

const CUSTOMERS = ["长沙华兴商贸", "郑州宏达(集团)"] as const;

/** What `enterAtOnce` saw: each pane's result, the Orders rows before, and the ops run meanwhile. */
interface AtOnce {
  readonly results: readonly Result<EnterOutcome<OrderLine>>[];
  readonly before: readonly string[];
  readonly ops: readonly string[];
}

/**
 * `panes` task panes (each its own host and contexts on `fake`) read the ledger, then all enter an
 * order at once; with a `scheduler`, each of their syncs waits for it (any interleaving of syncs).
 */
async function enterAtOnce(fake: FakeExcel, panes: number, scheduler?: fc.Scheduler): Promise<AtOnce> {
  const hosts = Array.from({ length: panes }, () => pane(fake));
  const ledgers: Ledger[] = [];
  for (const h of hosts) ledgers.push((await loadLedger(h)).ledger);
  const before = tableRows(fake, "Orders");
  fake.resetLog();
  const original = FakeRequestContext.prototype.sync;
  const spy = scheduler
    ? jest.spyOn(FakeRequestContext.prototype, "sync").mockImplementation(async function (this: FakeRequestContext) {
        await scheduler.schedule(Promise.resolve("sync"));
        return original.call(this);
      })
    : undefined;
  try {
    const { result, ops } = await recordingOps(() => {
      const all = Promise.all(
        hosts.map((h, i) =>
          enterOrder(h, ledgers[i]!, { customer: CUSTOMERS[i % 2]!, model: i % 2 ? "XY-200" : "XY-100", qty: String(i + 1), priceText: "10", notes: `窗格${i}`, date: "2025-03-31" }, { today: "2025-03-31" }),
        ),
      );
      return scheduler ? scheduler.waitFor(all) : all;
    });
    return { results: result, before, ops };
  } finally {
    spy?.mockRestore();
  }
}

/**
 * Every entry landed once with the number its pane reports; numbers in Orders are unique; one pane kept
 * the number all generated and every other was told `from` → its final number; only rows were added
 * and only the new rows' cells were written.
 */
function expectSettled(fake: FakeExcel, { results, before, ops }: AtOnce): void {
  const t = fake.tables.find((x) => x.name === "Orders")!;
  const header = Array.from({ length: t.rect.cols }, (_, c) => fake.cell(t.sheet.name, t.rect.row, t.rect.col + c).value);
  const col = (h: string): number => header.indexOf(h);
  const body = Array.from({ length: t.rect.rows - 1 }, (_, r) => Array.from({ length: t.rect.cols }, (_, c) => fake.cell(t.sheet.name, t.rect.row + 1 + r, t.rect.col + c).value));
  const after = tableRows(fake, "Orders");
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after).toHaveLength(before.length + results.length);
  const numbers = body.map((r) => r[col("订单号")]).filter((n) => n !== null && n !== "");
  expect(new Set(numbers).size).toBe(numbers.length);
  const generated = "XS20250331-001"; // every pane read the same ledger, so all generated the same number
  const kept: number[] = [];
  results.forEach((r, i) => {
    if (!r.ok) throw new Error(`pane ${i}: ${JSON.stringify(r.issues)}`);
    const rows = body.filter((row) => row[col("备注")] === `窗格${i}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]![col("订单号")]).toBe(r.value.record.orderNo);
    const told = r.value.warnings.filter((w) => w.code.startsWith("entry.orderNo."));
    if (told.length === 0) kept.push(i);
    else expect(told).toEqual([{ code: "entry.orderNo.renumbered", at: { field: "orderNo" }, value: generated, params: { from: generated, to: r.value.record.orderNo }, severity: "warning" }]);
  });
  expect(kept).toHaveLength(1);
  const keeper = results[kept[0]!]!;
  expect(keeper.ok && keeper.value.record.orderNo).toBe(generated);
  expect(ops.filter((o) => /table\.delete|worksheet\.delete|range\.delete|range\.clear|rows\.delete/.test(o))).toEqual([]);
  expect(ops.filter((o) => o === "tableRows.add")).toHaveLength(results.length);
  const firstNew = t.rect.row + before.length + 2;
  const events = ordersEvents(fake, "Orders");
  expect(events.filter((e) => e.changeType === "RowInserted")).toHaveLength(results.length);
  expect(events.filter((e) => e.changeType !== "RowInserted" && firstRowOf(e.address) < firstNew)).toEqual([]);
  counter.add("tableRewrites", events.filter((e) => e.changeType !== "RowInserted" && firstRowOf(e.address) < firstNew).length);
}
