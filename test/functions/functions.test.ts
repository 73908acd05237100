import { LedgerIndexCache, LiveFormulas, loadFunctionIndex, readLedgerTables } from "../../src/app/ledger-index-cache";
import type { FunctionIndex } from "../../src/app/ledger-functions";
import { ok, type Result } from "../../src/core/result";
import { Ledger } from "../../src/core/ledger";
import { FunctionIndex as Index } from "../../src/app/ledger-functions";
import * as F from "../../functions/functions";
import { aCustomer, anOrder, aPayment, ledgerInput } from "../builders/ledger-builder";
import { TablePort } from "./table-port";
import { FakeCustomFunctionsError, FakeStreamingInvocation, installCustomFunctionsGlobal, sleep, until } from "./custom-functions-fake";

installCustomFunctionsGlobal();

const base = ledgerInput({
  customers: [aCustomer({ name: "长沙华兴商贸", paymentDays: 30 }), aCustomer({ name: "郑州宏达（集团）" })],
  orders: [
    anOrder({ orderNo: "SO-1", customer: "长沙华兴商贸", date: "2025-03-01", model: "XY-100", qty: 2, priceFen: 10_000, status: "已发货" }),
    anOrder({ orderNo: "SO-2", customer: "郑州宏达（集团）", date: "2025-03-02", model: "XY-100", qty: 1, priceFen: 30_000 }),
  ],
  payments: [aPayment({ customer: "长沙华兴商贸", date: "2025-03-10", amountFen: 5_000 })],
});

/** The same ledger after the clerk typed one more order row. */
const edited = { ...base, orders: [...base.orders, anOrder({ orderNo: "SO-3", customer: "长沙华兴商贸", date: "2025-03-15", model: "XY-100", qty: 1, priceFen: 10_000 })] };

function setup(port = new TablePort(base), opts: { timeoutMs?: number } = {}) {
  const cache = new LedgerIndexCache(() => loadFunctionIndex(port));
  const live = new LiveFormulas(cache, 0);
  F.configureFunctions({ cache, live, today: () => "2025-03-31", locale: "zh-CN", timeoutMs: opts.timeoutMs ?? 1000 });
  return { port, cache, live };
}

afterEach(() => {
  FakeStreamingInvocation.cancelAll();
  F.configureFunctions(undefined);
});

describe("streaming LEDGER functions (fake invocation)", () => {
  it("answer with values and Chinese error messages", async () => {
    setup();
    const a = new FakeStreamingInvocation<number>();
    const b = new FakeStreamingInvocation<number>();
    const c = new FakeStreamingInvocation<string>();
    const d = new FakeStreamingInvocation<(string | number)[][]>();
    F.sales("长沙华兴商贸", "", "2025-03-01", "2025-03-31", a.asInvocation);
    F.balance("不存在", "", b.asInvocation);
    F.orderStatus("SO-1", c.asInvocation);
    F.topCustomers(2, "", "", d.asInvocation);
    await until(() => [a, b, c, d].every((i) => i.results.length > 0));
    expect(a.shown).toBe(200);
    expect(b.shown).toBe("#N/A 未找到客户：不存在");
    expect(c.shown).toBe("已发货");
    // names come back from the table as spelled (full-width brackets kept)
    expect(d.shown).toEqual([["郑州宏达（集团）", 300], ["长沙华兴商贸", 200]]);
  });

  it("omitted optional arguments arrive as null (custom-functions-parameter-options.md) and mean 'no limit', as empty ones do", async () => {
    setup();
    const withNull = new FakeStreamingInvocation<number>();
    const withEmpty = new FakeStreamingInvocation<number>();
    const bal = new FakeStreamingInvocation<number>();
    const nil = null as unknown as string; // what Excel passes for an omitted optional parameter
    F.sales("长沙华兴商贸", nil, nil, nil, withNull.asInvocation);
    F.sales("长沙华兴商贸", "", "", "", withEmpty.asInvocation);
    F.balance("长沙华兴商贸", nil, bal.asInvocation);
    await until(() => [withNull, withEmpty, bal].every((i) => i.results.length > 0));
    expect(withNull.shown).toBe(withEmpty.shown);
    expect(typeof bal.shown).toBe("number");
    // The docs: "default-initialized parameters in TypeScript will not work as expected" — none in the source.
    const src = (await import("fs")).readFileSync(require.resolve("../../functions/functions.ts"), "utf8");
    expect(src.match(/export function \w+\([^)]*=[^>][^)]*\)/g) ?? []).toEqual([]);
  });

  it("before the add-in is ready, the cell says so in Office's language", () => {
    F.configureFunctions(undefined);
    const g = globalThis as { Office?: unknown };
    const saved = g.Office;
    try {
      const shown = (lang: string): unknown => {
        g.Office = { context: { displayLanguage: lang } };
        const inv = new FakeStreamingInvocation<number>();
        F.sales("x", "", "", "", inv.asInvocation);
        return inv.shown;
      };
      expect([shown("en-US"), shown("zh-CN")]).toMatchInlineSnapshot(`
[
  "#N/A The ledger add-in has not started yet, please wait",
  "#N/A 台账加载项尚未启动，请稍候",
]
`);
    } finally {
      g.Office = saved;
    }
  });

  it("read the workbook once for many formulas", async () => {
    const { port, cache } = setup();
    const invocations = Array.from({ length: 20 }, () => new FakeStreamingInvocation<number>());
    invocations.forEach((inv, i) => F.qty(i % 2 ? "长沙华兴商贸" : "郑州宏达（集团）", "", "", "", inv.asInvocation));
    await until(() => invocations.every((i) => i.results.length > 0));
    expect(invocations.map((i) => i.shown).slice(0, 2)).toEqual([1, 2]);
    expect(cache.builds).toBe(1);
    expect(port.reads).toBe(6); // the six ledger tables, once
  });

  it("update by themselves after a ledger table changes, and stop once Excel cancels them", async () => {
    const { port, cache, live } = setup();
    const kept = new FakeStreamingInvocation<number>();
    const dropped = new FakeStreamingInvocation<number>();
    const unchanged = new FakeStreamingInvocation<number>();
    F.sales("长沙华兴商贸", "", "", "", kept.asInvocation);
    F.sales("长沙华兴商贸", "", "", "", dropped.asInvocation);
    F.collected("长沙华兴商贸", "", "", unchanged.asInvocation);
    await until(() => [kept, dropped, unchanged].every((i) => i.results.length > 0));
    expect(kept.results).toEqual([200]);
    dropped.cancel();
    expect(live.size).toBe(2);

    port.setInput(edited); // the clerk adds an order row …
    cache.invalidate(); // … and the table's onChanged reaches the add-in
    await until(() => kept.results.length > 1);
    await sleep(10);
    expect(kept.results).toEqual([200, 300]);
    expect(dropped.results).toEqual([200]); // cancelled: never updated again
    expect(unchanged.results).toEqual([50]); // same value: not pushed again
    expect(cache.builds).toBe(2);
  });

  it("never stay #BUSY!: a slow read shows a message first, then the value", async () => {
    const port = new TablePort(base);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const cache = new LedgerIndexCache(async () => {
      await gate;
      return loadFunctionIndex(port);
    });
    F.configureFunctions({ cache, live: new LiveFormulas(cache, 0), today: () => "2025-03-31", locale: "zh-CN", timeoutMs: 20 });
    const inv = new FakeStreamingInvocation<number>();
    F.sales("长沙华兴商贸", "", "", "", inv.asInvocation);
    await until(() => inv.results.length > 0);
    expect(inv.shown).toBe("#N/A 读取台账超时，读完后会自动更新");
    release();
    await until(() => inv.results.length > 1);
    expect(inv.shown).toBe(200);
  });

  it("show a failed read as #N/A with the reason, and a missing table by name", async () => {
    const cache = new LedgerIndexCache(async () => {
      throw new Error("RichApi.Error: 网络中断");
    });
    F.configureFunctions({ cache, live: new LiveFormulas(cache, 0), today: () => "2025-03-31", locale: "zh-CN" });
    const inv = new FakeStreamingInvocation<number>();
    F.balance("长沙华兴商贸", "", inv.asInvocation);
    await until(() => inv.results.length > 0);
    expect(inv.shown).toBe("#N/A 读取台账失败：RichApi.Error: 网络中断");

    setup(new TablePort(base, false, ["payments"]));
    const missing = new FakeStreamingInvocation<number>();
    F.collected("长沙华兴商贸", "", "", missing.asInvocation);
    await until(() => missing.results.length > 0);
    expect(missing.shown).toBe("#N/A 缺少台账表「回款」（Payments）：请先在任务窗格「台账设置」中转换工作簿");

    setup(new TablePort(ledgerInput(), false, ["customers", "products", "orders", "payments", "returns", "confirmations"]));
    const none = new FakeStreamingInvocation<number>();
    F.sales("长沙华兴商贸", "", "", "", none.asInvocation);
    await until(() => none.results.length > 0);
    expect(none.shown).toBe("#N/A 缺少台账表「订单」（Orders）：请先在任务窗格「台账设置」中转换工作簿");
  });

  it("come alive by themselves once a missing ledger table appears (the clerk converts the workbook)", async () => {
    const port = new TablePort(base, false, ["customers", "products", "orders", "payments", "returns", "confirmations"]);
    const cache = new LedgerIndexCache(() => loadFunctionIndex(port), { retryAfterMs: 10 });
    const live = new LiveFormulas(cache, 0);
    F.configureFunctions({ cache, live, today: () => "2025-03-31", locale: "zh-CN", retryMs: 20 });
    const inv = new FakeStreamingInvocation<number>();
    F.sales("长沙华兴商贸", "", "", "", inv.asInvocation);
    await until(() => inv.results.length > 0);
    expect(inv.shown).toBe("#N/A 缺少台账表「订单」（Orders）：请先在任务窗格「台账设置」中转换工作簿");
    port.setInput(base); // tables created, no change event reached the functions
    await until(() => inv.results.length > 1);
    expect(inv.shown).toBe(200);
    const cancelled = new FakeStreamingInvocation<number>();
    port.tables.clear();
    cache.invalidate();
    F.sales("长沙华兴商贸", "", "", "", cancelled.asInvocation);
    await until(() => cancelled.results.length > 0);
    cancelled.cancel();
    port.setInput(base);
    await sleep(80);
    expect(cancelled.results.length).toBe(1); // a cancelled formula is not retried
  });

  it("say the add-in is not ready before it is, then start; in English when the UI is English", async () => {
    const inv = new FakeStreamingInvocation<number>();
    const gone = new FakeStreamingInvocation<number>();
    F.sales("长沙华兴商贸", "", "", "", inv.asInvocation);
    F.sales("长沙华兴商贸", "", "", "", gone.asInvocation);
    expect(inv.shown).toBe("#N/A 台账加载项尚未启动，请稍候");
    gone.cancel(); // the formula was deleted before the add-in started
    const { cache, live } = setup();
    await until(() => inv.results.length > 1);
    expect(inv.shown).toBe(200);
    expect(gone.results.length).toBe(1);

    F.configureFunctions({ cache, live, today: () => "2025-03-31", locale: "en-US" });
    const en = new FakeStreamingInvocation<number>();
    F.aging("长沙华兴商贸", "45", "", en.asInvocation);
    await until(() => en.results.length > 0);
    expect(en.shown).toBe("#VALUE! Invalid aging bucket: 45 (use current, 1-30, 31-60, 61-90, 91-120, 120+ or total)");
  });
});

describe("LEDGER.DAXIE (ordinary function)", () => {
  it("returns the uppercase text or throws #VALUE! with a message", () => {
    expect(F.daxie(1234.56)).toBe("壹仟贰佰叁拾肆元伍角陆分");
    expect(F.daxie("¥100")).toBe("壹佰元整");
    let thrown: unknown;
    try {
      F.daxie("");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FakeCustomFunctionsError);
    expect(`${(thrown as FakeCustomFunctionsError).code} ${(thrown as FakeCustomFunctionsError).message}`).toBe("#VALUE! 金额无法识别：");
  });
});

describe("readLedgerTables", () => {
  it("skips a row being typed (bad cell) with its issue and keeps the rest", async () => {
    const port = new TablePort(edited);
    const orders = port.tables.get("Orders")!;
    const dateCol = orders.headers.indexOf("日期");
    port.tables.set("Orders", { ...orders, rows: orders.rows.map((r, i) => (i === 2 ? r.map((c, j) => (j === dateCol ? "2025-02-30" : c)) : r)) });
    const read = await readLedgerTables(port);
    expect(read.input.orders.map((o) => o.orderNo)).toEqual(["SO-1", "SO-2"]);
    expect(read.rejected).toMatchObject([{ code: "date.impossible", at: { sheet: "订单", row: 4, header: "日期" } }]);
    expect(read.missing).toEqual([]);
  });
});

describe("LedgerIndexCache", () => {
  const ledger = Ledger.build(base);
  it("shares one build between concurrent callers and never serves a build overtaken by an invalidation", async () => {
    let builds = 0;
    let release: () => void = () => undefined;
    const cache = new LedgerIndexCache(async (): Promise<Result<FunctionIndex>> => {
      builds++;
      const n = builds;
      if (n === 1) await new Promise<void>((r) => (release = r));
      return ok(Index.build(ledger, { date1904: n === 1 }));
    });
    const first = cache.get();
    const second = cache.get();
    await sleep(1);
    cache.invalidate(); // a table changed while the first build was reading
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    expect(a.ok && a.value.date1904).toBe(false); // the second (current) build, not the stale one
    expect(builds).toBe(2);
    expect(cache.peek()).toBe(a.ok ? a.value : undefined);
  });

  it("debounces invalidations: ten edits, one re-evaluation", async () => {
    const cache = new LedgerIndexCache(async () => ok(Index.build(ledger)));
    const live = new LiveFormulas(cache, 30);
    let evaluations = 0;
    const remove = live.add(() => {
      evaluations++;
    });
    expect(evaluations).toBe(1);
    for (let i = 0; i < 10; i++) cache.invalidate();
    await sleep(80);
    expect(evaluations).toBe(2);
    remove();
    cache.invalidate();
    await sleep(60);
    expect(evaluations).toBe(2);
    live.dispose();
  });
});
