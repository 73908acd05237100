import { startAutoRefresh, type Timers } from "../../taskpane/auto-refresh";

/** Manual timers: `tick(ms)` runs what is due. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      pending.delete(h as number);
    },
  };
  const tick = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { timers, tick, pendingCount: () => pending.size };
}

function source() {
  let listener: ((tables: readonly string[]) => void) | null = null;
  let unsubscribed = 0;
  return {
    onTablesChanged(cb: (tables: readonly string[]) => void) {
      listener = cb;
      return () => {
        unsubscribed++;
        listener = null;
      };
    },
    emit: (...tables: string[]) => listener?.(tables),
    unsubscribed: () => unsubscribed,
  };
}

const seen: unknown[] = [];
const unexpected = (e: unknown) => void seen.push(e);
afterEach(() => {
  expect(seen).toEqual([]);
  seen.length = 0;
});

describe("startAutoRefresh", () => {
  test("a burst of changes refreshes once, after the quiet time", async () => {
    const t = manualTimers();
    const src = source();
    let runs = 0;
    startAutoRefresh({ onTablesChanged: src.onTablesChanged, refresh: async () => void runs++, debounceMs: 1000, onError: unexpected, timers: t.timers });
    src.emit("Orders");
    await t.tick(500);
    src.emit("Orders");
    await t.tick(500);
    src.emit("Payments");
    await t.tick(999);
    expect(runs).toBe(0);
    await t.tick(1);
    expect(runs).toBe(1);
  });

  test("changes to other tables are ignored", async () => {
    const t = manualTimers();
    const src = source();
    let runs = 0;
    startAutoRefresh({ onTablesChanged: src.onTablesChanged, refresh: async () => void runs++, debounceMs: 10, onError: unexpected, timers: t.timers });
    src.emit("Customers");
    await t.tick(100);
    expect(runs).toBe(0);
    expect(t.pendingCount()).toBe(0);
  });

  test("a change during a refresh schedules exactly one more, never two at once", async () => {
    const t = manualTimers();
    const src = source();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: (() => void) | null = null;
    const refresh = () =>
      new Promise<void>((resolve) => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        release = () => {
          running--;
          resolve();
        };
      });
    startAutoRefresh({ onTablesChanged: src.onTablesChanged, refresh, debounceMs: 10, onError: unexpected, timers: t.timers });
    src.emit("Orders");
    await t.tick(10);
    expect(runs).toBe(1);
    src.emit("Orders");
    await t.tick(10);
    src.emit("Orders");
    await t.tick(10);
    expect(runs).toBe(1);
    (release as unknown as () => void)();
    await t.tick(0);
    await t.tick(10);
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  test("a failing refresh is reported, and stop() unsubscribes and cancels the pending refresh", async () => {
    const t = manualTimers();
    const src = source();
    const errors: unknown[] = [];
    const stop = startAutoRefresh({ onTablesChanged: src.onTablesChanged, refresh: () => Promise.reject(new Error("boom")), debounceMs: 10, onError: (e) => errors.push(e), timers: t.timers });
    src.emit("Orders");
    await t.tick(10);
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom"]);
    src.emit("Orders");
    stop();
    await t.tick(100);
    expect(errors).toHaveLength(1);
    expect(src.unsubscribed()).toBe(1);
  });
});
