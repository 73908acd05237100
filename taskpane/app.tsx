/**
 * The task pane: four screens (台账设置 · 录入 · 报表 · 对账) in a tab list, Fluent UI v9, zh-CN first.
 * The ledger is loaded once through the port and reloaded after every write the pane makes.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { FluentProvider, Tab, TabList, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import type { PaneServices } from "./services";
import { uiText } from "./i18n";
import { PaneContext, type LedgerState, type PaneContextValue } from "./pane-context";
import { loadLedgerState } from "./ledger-api";
import { SetupScreen } from "./screens/setup-screen";
import { EntryScreen } from "./screens/entry-screen";
import { ReportsScreen } from "./screens/reports-screen";
import { ReconcileScreen } from "./screens/reconcile-screen";
import { AutoRefreshProvider } from "./auto-refresh-context";
import { ScreenErrorBoundary } from "./components/error-boundary";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", minWidth: "300px", boxSizing: "border-box", backgroundColor: tokens.colorNeutralBackground1 },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexWrap: "wrap", paddingInline: "4px" },
  body: {
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    minWidth: "0",
    // Fluent's default min-widths (250 px comboboxes) overflow a 320 px task pane.
    "& .fui-Input, & .fui-Combobox, & .fui-Dropdown, & .fui-Textarea": { minWidth: "0", maxWidth: "100%", boxSizing: "border-box" },
    "& .fui-Input__input, & .fui-Combobox__input": { minWidth: "0" },
  },
});

/** The four screens. */
export type ScreenId = "setup" | "entry" | "reports" | "reconcile";

/** The whole pane. */
export function App({ services, initialScreen = "setup" }: { services: PaneServices; initialScreen?: ScreenId }) {
  const s = useStyles();
  const ui = useMemo(() => uiText(services.locale), [services.locale]);
  const [screen, setScreen] = useState<ScreenId>(initialScreen);
  const [ledger, setLedger] = useState<LedgerState>({ status: "loading" });

  const reload = useCallback(async () => {
    setLedger((cur) => (cur.status === "ready" ? { ...cur, refreshing: true } : { status: "loading" }));
    try {
      setLedger(await loadLedgerState(services.port));
    } catch (e: unknown) {
      setLedger({ status: "error", error: e });
    }
  }, [services.port]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const ctx: PaneContextValue = useMemo(() => ({ services, ui, locale: services.locale, ledger, reload }), [services, ui, ledger, reload]);

  return (
    <FluentProvider theme={webLightTheme} lang={services.locale} style={{ minHeight: "100%" }}>
      <PaneContext.Provider value={ctx}>
        <AutoRefreshProvider services={services} onRefreshed={() => void reload()}>
        <div className={s.root}>
          <TabList className={s.tabs} selectedValue={screen} onTabSelect={(_e, d) => setScreen(d.value as ScreenId)} size="small" aria-label={ui("app.title")}>
            <Tab value="setup">{ui("tab.setup")}</Tab>
            <Tab value="entry">{ui("tab.entry")}</Tab>
            <Tab value="reports">{ui("tab.reports")}</Tab>
            <Tab value="reconcile">{ui("tab.reconcile")}</Tab>
          </TabList>
          <main className={s.body} data-screen={screen}>
            <ScreenErrorBoundary key={screen} title={ui("common.failed")} retry={ui("common.retry")}>
              {screen === "setup" ? <SetupScreen /> : null}
              {screen === "entry" ? <EntryScreen /> : null}
              {screen === "reports" ? <ReportsScreen /> : null}
              {screen === "reconcile" ? <ReconcileScreen /> : null}
            </ScreenErrorBoundary>
          </main>
        </div>
        </AutoRefreshProvider>
      </PaneContext.Provider>
    </FluentProvider>
  );
}
