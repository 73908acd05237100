/**
 * Keeps generated reports fresh while the pane is open, whatever screen is showing: listens to the
 * host's table changes (debounced by `startAutoRefresh`) and regenerates every report sheet the
 * add-in owns. The switch is remembered in the workbook's settings (`autoRefreshReports`).
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { PaneServices } from "./services";
import { startAutoRefresh } from "./auto-refresh";
import { refreshGeneratedReports } from "./ledger-api";

/** The setting key (kept in `_ledger_meta`). */
export const AUTO_REFRESH_SETTING = "autoRefreshReports";

/** What the reports screen shows and toggles. */
export interface AutoRefreshState {
  /** False when the host offers no table-change subscription. */
  readonly available: boolean;
  readonly enabled: boolean;
  setEnabled(on: boolean): void;
  /** Local time `HH:MM:SS` of the last refresh, and the sheets it rewrote. */
  readonly lastRun: string | null;
  readonly lastSheets: readonly string[];
  readonly error: unknown;
}

const Ctx = createContext<AutoRefreshState | null>(null);

/** The state; throws outside the provider (a bug). */
export function useAutoRefreshState(): AutoRefreshState {
  const v = useContext(Ctx);
  if (!v) throw new Error("useAutoRefreshState outside <AutoRefreshProvider>");
  return v;
}

/** Provider: mounted once by <App>. `onRefreshed` lets the app reload its ledger afterwards. */
export function AutoRefreshProvider({ services, onRefreshed, debounceMs, children }: { services: PaneServices; onRefreshed: () => void; debounceMs?: number; children: ReactNode }) {
  const available = services.onTablesChanged !== undefined;
  const [enabled, setEnabledState] = useState(true);
  const [lastRun, setLastRun] = useState<string | null>(null);
  const [lastSheets, setLastSheets] = useState<readonly string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const refreshed = useRef(onRefreshed);
  refreshed.current = onRefreshed;

  useEffect(() => {
    let live = true;
    services.port
      .getSetting(AUTO_REFRESH_SETTING)
      .then((v) => live && v !== null && setEnabledState(v !== "off"))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [services.port]);

  useEffect(() => {
    const subscribe = services.onTablesChanged;
    if (!subscribe || !enabled) return;
    return startAutoRefresh({
      onTablesChanged: subscribe,
      debounceMs,
      refresh: async () => {
        const sheets = await refreshGeneratedReports(services.port, services.today(), services.locale);
        if (sheets.length === 0) return;
        setLastSheets(sheets);
        setLastRun(new Date().toTimeString().slice(0, 8));
        setError(null);
        refreshed.current();
      },
      onError: setError,
    });
  }, [services, enabled, debounceMs]);

  const value = useMemo<AutoRefreshState>(
    () => ({
      available,
      enabled,
      setEnabled(on) {
        setEnabledState(on);
        services.port.setSetting(AUTO_REFRESH_SETTING, on ? "on" : "off").catch((e: unknown) => setError(e));
      },
      lastRun,
      lastSheets,
      error,
    }),
    [available, enabled, lastRun, lastSheets, error, services.port],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
