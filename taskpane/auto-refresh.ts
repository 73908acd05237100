/**
 * Auto-refresh of generated reports: when the Orders or Payments table changes, wait until the
 * clerk has stopped typing for a moment (debounce), then regenerate. The subscription itself is
 * injected (`onTablesChanged`), so this works over Office.js events and over the sandbox alike.
 */
import type { Unsubscribe } from "./services";

/** Tables whose changes make generated reports stale. */
export const WATCHED_TABLES: readonly string[] = ["Orders", "Payments", "Returns"];

/** Timer functions, injectable for tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of `startAutoRefresh`. */
export interface AutoRefreshOptions {
  /** The host's table-change subscription. */
  readonly onTablesChanged: (cb: (tables: readonly string[]) => void) => Unsubscribe;
  /** Regenerates the reports; its promise settles when done. */
  readonly refresh: () => Promise<void>;
  /** Quiet time before refreshing, ms (default 1500). */
  readonly debounceMs?: number;
  /** Tables that trigger a refresh (default WATCHED_TABLES). */
  readonly tables?: readonly string[];
  /** Called with the error when a refresh fails (shown to the clerk; never swallowed). */
  readonly onError: (error: unknown) => void;
  readonly timers?: Timers;
}

/**
 * Starts listening; returns the function that stops it. Changes that arrive while a refresh runs
 * schedule exactly one more refresh after it (never two at once, never a lost change).
 * @example const stop = startAutoRefresh({ onTablesChanged, refresh, onError: show }); … stop();
 */
export function startAutoRefresh(opts: AutoRefreshOptions): Unsubscribe {
  const timers: Timers = opts.timers ?? { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>) };
  const debounceMs = opts.debounceMs ?? 1500;
  const watched = new Set(opts.tables ?? WATCHED_TABLES);
  let timer: unknown = null;
  let running = false;
  let pending = false;
  let stopped = false;

  const fire = () => {
    timer = null;
    if (stopped) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    opts
      .refresh()
      .catch((e: unknown) => opts.onError(e))
      .finally(() => {
        running = false;
        if (pending && !stopped) {
          pending = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(fire, debounceMs);
  };
  const unsubscribe = opts.onTablesChanged((tables) => {
    if (!stopped && tables.some((t) => watched.has(t))) schedule();
  });
  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    unsubscribe();
  };
}
