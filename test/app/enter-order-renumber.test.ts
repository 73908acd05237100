/**
 * enterOrder's check-after-write (F9): panes (or one pane with a stale ledger) that generate the same
 * order number all append; the lower rows are renumbered in place and checked again until unique,
 * the clerk is told, and a typed number is never renumbered, only reported.
 */
import fc from "fast-check";
import { enterOrder } from "../../src/app/enter-order";
import { loadLedger } from "../../src/app/load-ledger";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { describeIssue } from "../../src/core/i18n";
import { Ledger } from "../../src/core/ledger";
import { LEDGER_TABLE_ORDER, ledgerTableSpec } from "../../src/core/ledger-tables";
import { anOrder, ledgerInput } from "../builders/ledger-builder";
import { entryLedger } from "../core/entry/fixture";
import { MemoryPort } from "../builders/memory-port";

const ctx = { today: "2025-03-10" };

async function ledgerWorkbook(): Promise<MemoryPort> {
  const port = new MemoryPort();
  for (const kind of LEDGER_TABLE_ORDER) await port.createTable(ledgerTableSpec(kind, []));
  port.calls.length = 0;
  return port;
}

/** [订单号, 客户, 备注] of every Orders row. */
function numbers(port: MemoryPort): unknown[][] {
  const t = port.table("Orders");
  const col = (h: string): number => t.headers.indexOf(h);
  return t.rows.map((r) => [r[col("订单号")], r[col("客户")], r[col("备注")]]);
}

describe("enterOrder: check after write", () => {
  test("no clash: one readTable after the append, nothing else", async () => {
    const port = await ledgerWorkbook();
    const r = await enterOrder(port, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "1" }, ctx);
    expect(r.ok && r.value.record.orderNo).toBe("XS20250310-001");
    expect(port.calls.map((c) => c.method)).toEqual(["listTables", "appendRows", "readTable"]);
  });

  test("a generated number someone appended just above ours: ours is renumbered in place and the clerk told", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger(); // both entries see a ledger without the other's order
    const first = await enterOrder(port, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes: "A" }, ctx);
    port.calls.length = 0;
    const second = await enterOrder(port, stale, { customer: "西安秦川电器", model: "XY-100", qty: "3", notes: "B" }, ctx);
    expect([first.ok, second.ok]).toEqual([true, true]);
    if (!first.ok || !second.ok) return;
    expect([first.value.record.orderNo, second.value.record.orderNo]).toEqual(["XS20250310-001", "XS20250310-002"]);
    expect(first.value.warnings).toEqual([]);
    expect(numbers(port)).toEqual([
      ["XS20250310-001", "长沙华兴商贸", "A"],
      ["XS20250310-002", "西安秦川电器", "B"],
    ]);
    expect(port.calls.filter((c) => c.method === "updateTableCells")).toEqual([{ method: "updateTableCells", args: ["Orders", 1, { 订单号: "XS20250310-002" }] }]);
    expect(port.count("appendRows")).toBe(1);
    const warning = second.value.warnings.find((w) => w.code === "entry.orderNo.renumbered")!;
    expect(warning).toEqual({ code: "entry.orderNo.renumbered", at: { field: "orderNo" }, value: "XS20250310-001", params: { from: "XS20250310-001", to: "XS20250310-002" }, severity: "warning" });
    expect([describeIssue(warning, "zh-CN"), describeIssue(warning, "en-US")]).toMatchInlineSnapshot(`
[
  "订单号 XS20250310-001 已被他人同时使用，已改为 XS20250310-002",
  "Order number XS20250310-001 was taken by someone else at the same moment; this order is now XS20250310-002",
]
`);
  });

  test("the same line entered twice from a stale ledger: the later row is ours and is the one renumbered", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger();
    const draft = { customer: "长沙华兴商贸", model: "XY-100", qty: "1" };
    const a = await enterOrder(port, stale, draft, ctx);
    const b = await enterOrder(port, stale, draft, ctx);
    expect([a.ok && a.value.record.orderNo, b.ok && b.value.record.orderNo]).toEqual(["XS20250310-001", "XS20250310-002"]);
    expect(numbers(port).map((r) => r[0])).toEqual(["XS20250310-001", "XS20250310-002"]);
  });

  test("another pane's row landing below ours: ours keeps its number (the lower row yields)", async () => {
    const port = await ledgerWorkbook();
    const other = await ledgerWorkbook();
    // The other pane's row, appended right after ours and before our read-back.
    const theirs = await enterOrder(other, entryLedger(), { customer: "西安秦川电器", model: "XY-100", qty: "2", notes: "他人" }, ctx);
    if (!theirs.ok) throw new Error("setup");
    const racing: WorkbookPort = Object.assign(Object.create(port) as MemoryPort, {
      appendRows: async (name: string, rows: Parameters<WorkbookPort["appendRows"]>[1]) => {
        const n = await port.appendRows(name, rows);
        port.table(name).rows.push([...other.table("Orders").rows[0]!]);
        return n;
      },
    });
    const r = await enterOrder(racing, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes: "我" }, ctx);
    expect(r.ok && r.value.record.orderNo).toBe("XS20250310-001");
    expect(r.ok && r.value.warnings).toEqual([]);
    expect(port.count("updateTableCells")).toBe(0);
    expect(numbers(port)).toEqual([
      ["XS20250310-001", "长沙华兴商贸", "我"],
      ["XS20250310-001", "西安秦川电器", "他人"],
    ]);
  });

  test("a typed number taken meanwhile is kept and reported, never renumbered; with a fresh ledger it is refused as before", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger();
    await enterOrder(port, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", orderNo: "HT-0310" }, ctx);
    port.calls.length = 0;
    const r = await enterOrder(port, stale, { customer: "西安秦川电器", model: "XY-100", qty: "1", orderNo: "HT-0310" }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.record.orderNo).toBe("HT-0310");
    expect(r.value.warnings).toEqual([{ code: "entry.orderNo.takenMeanwhile", at: { field: "orderNo" }, value: "HT-0310", severity: "warning" }]);
    expect(port.count("updateTableCells")).toBe(0);
    expect(numbers(port).map((x) => x[0])).toEqual(["HT-0310", "HT-0310"]);
    expect([describeIssue(r.value.warnings[0]!, "zh-CN"), describeIssue(r.value.warnings[0]!, "en-US")]).toMatchInlineSnapshot(`
[
  "订单号 HT-0310 刚被他人同时使用，现在有两张订单同号，请核对后修改其中一张",
  "Order number HT-0310 was used by someone else at the same moment: two orders now share it. Check them and change one",
]
`);
    const { ledger } = await loadLedger(port);
    port.calls.length = 0;
    const refused = await enterOrder(port, ledger, { customer: "西安秦川电器", model: "XY-100", qty: "1", priceText: "100", orderNo: "HT-0310" }, ctx);
    expect(refused.ok ? [] : refused.issues.map((i) => i.code)).toEqual(["entry.orderNo.duplicate"]);
    expect(port.count("appendRows")).toBe(0);
  });

  test("three panes entering at the same moment (lockstep): three different numbers, the two lower rows renumbered", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger();
    const results = await Promise.all(["甲", "乙", "丙"].map((notes) => enterOrder(port, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes }, ctx)));
    expect(results.map((r) => r.ok && [r.value.record.orderNo, r.value.warnings.map((w) => w.code)])).toEqual([
      ["XS20250310-001", []],
      ["XS20250310-002", ["entry.orderNo.renumbered"]],
      ["XS20250310-003", ["entry.orderNo.renumbered"]],
    ]);
    expect(numbers(port).map((r) => r[0])).toEqual(["XS20250310-001", "XS20250310-002", "XS20250310-003"]);
  });

  test("a renumber racing a fresher pane's append of the same number is caught by the read after it and renumbered again", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger();
    await enterOrder(port, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes: "甲" }, ctx);
    // 丙's pane loaded the ledger after 甲's order landed, so it generates XS20250310-002 on its own.
    const fresh = Ledger.build(ledgerInput({ ...inputOf(stale), orders: [...stale.orders, anOrder({ orderNo: "XS20250310-001", customer: "长沙华兴商贸", date: "2025-03-10", model: "XY-100" })] }));
    let third: Awaited<ReturnType<typeof enterOrder>> | undefined;
    // 乙 read the table (001 twice) and chose 002; 丙 appends 002 and checks before 乙's write lands.
    const racing: WorkbookPort = Object.assign(Object.create(port) as MemoryPort, {
      updateTableCells: async (...args: Parameters<WorkbookPort["updateTableCells"]>) => {
        third ??= await enterOrder(port, fresh, { customer: "西安秦川电器", model: "XY-100", qty: "3", notes: "丙" }, ctx);
        return port.updateTableCells(...args);
      },
    });
    port.calls.length = 0;
    const second = await enterOrder(racing, stale, { customer: "西安秦川电器", model: "XY-100", qty: "2", notes: "乙" }, ctx);
    expect(third?.ok && [third.value.record.orderNo, third.value.warnings]).toEqual(["XS20250310-002", []]);
    expect(second.ok && [second.value.record.orderNo, second.value.warnings.map((w) => w.params)]).toEqual(["XS20250310-003", [{ from: "XS20250310-001", to: "XS20250310-003" }]]);
    expect(numbers(port)).toEqual([
      ["XS20250310-001", "长沙华兴商贸", "甲"],
      ["XS20250310-003", "西安秦川电器", "乙"],
      ["XS20250310-002", "西安秦川电器", "丙"],
    ]);
    expect(port.calls.filter((c) => c.method === "updateTableCells").map((c) => c.args)).toEqual([
      ["Orders", 1, { 订单号: "XS20250310-002" }],
      ["Orders", 1, { 订单号: "XS20250310-003" }],
    ]);
  });

  test("rows edited under us while settling: the clerk is told to check the number (entry.orderNo.unsettled)", async () => {
    const port = await ledgerWorkbook();
    const stale = entryLedger();
    await enterOrder(port, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes: "甲" }, ctx);
    // Someone sorts or edits the table right after our renumbering: our row no longer holds our number.
    const racing: WorkbookPort = Object.assign(Object.create(port) as MemoryPort, {
      updateTableCells: async (...args: Parameters<WorkbookPort["updateTableCells"]>) => {
        await port.updateTableCells(...args);
        await port.updateTableCells("Orders", args[1], { 订单号: "手改-1" });
      },
    });
    const r = await enterOrder(racing, stale, { customer: "西安秦川电器", model: "XY-100", qty: "2", notes: "乙" }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.record.orderNo).toBe("XS20250310-002");
    expect(r.value.warnings.map((w) => w.code)).toEqual(["entry.orderNo.unsettled"]);
    expect([describeIssue(r.value.warnings[0]!, "zh-CN"), describeIssue(r.value.warnings[0]!, "en-US")]).toMatchInlineSnapshot(`
[
  "订单号 XS20250310-002 在多人同时录入时未能确认唯一（原为 XS20250310-001），请在订单表中核对是否与其他订单同号",
  "Order number XS20250310-002 (first XS20250310-001) could not be confirmed unique while several people entered orders at once. Check the Orders table for another order with the same number",
]
`);
  });

  // Two to five panes, any interleaving of their port calls.
  test("property: panes entering at once, in any interleaving, end with distinct numbers that their results report", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.scheduler(), async (panes, s) => {
        const port = await ledgerWorkbook();
        const stale = entryLedger();
        // Every port call of every pane runs at a moment the scheduler picks.
        const scheduled = new Proxy(port, {
          get(target, key: string) {
            const member = (target as unknown as Record<string, unknown>)[key];
            if (typeof member !== "function") return member;
            return async (...args: unknown[]) => {
              await s.schedule(Promise.resolve(key));
              return (member as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            };
          },
        }) as WorkbookPort;
        const entries = Array.from({ length: panes }, (_, i) => enterOrder(scheduled, stale, { customer: "长沙华兴商贸", model: "XY-100", qty: String(i + 1), notes: `窗格${i}` }, ctx));
        const results = await s.waitFor(Promise.all(entries));
        const table = numbers(port);
        const reported = results.map((r, i) => {
          if (!r.ok) throw new Error(`pane ${i} failed`);
          return [r.value.record.orderNo, r.value.warnings.some((w) => w.code === "entry.orderNo.renumbered")] as const;
        });
        expect(new Set(table.map((r) => r[0])).size).toBe(panes);
        for (const [i, [no]] of reported.entries()) expect(table.find((r) => r[2] === `窗格${i}`)?.[0]).toBe(no);
        expect(reported.filter(([, renumbered]) => !renumbered)).toHaveLength(1);
        for (const r of results) if (r.ok) expect(r.value.warnings.map((w) => w.code).filter((c) => c !== "entry.orderNo.renumbered")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

/** The input a ledger was built from (masters and transactions), to build a variant of it. */
function inputOf(l: Ledger): Parameters<typeof ledgerInput>[0] {
  return { customers: [...l.customers], products: [...l.products], orders: [...l.orders], payments: [...l.payments], returns: [...l.returns], confirmations: [...l.confirmations] };
}
