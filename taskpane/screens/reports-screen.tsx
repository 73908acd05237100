/**
 * 报表: one click each for 日报 (default yesterday — due by 9:00), 月报, 年报, 账龄, each with its
 * period; the auto-refresh switch for reports already generated.
 */
import { useState } from "react";
import { Button, Card, Input, MessageBar, MessageBarBody, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Issue } from "../../src/core/result";
import { usePane } from "../pane-context";
import { ErrorBar, IssueList } from "../components/issue-list";
import { runReport, type ReportKind } from "../ledger-api";
import { monthOfIso, previousMonth, yesterdayOf } from "../dates";
import { useAutoRefreshState } from "../auto-refresh-context";
import { OrdersPivotCard } from "./orders-pivot-card";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: "8px" },
  card: { padding: "8px 12px" },
  line: { display: "flex", gap: "8px", alignItems: "flex-end", flexWrap: "wrap" },
  input: { flexGrow: 1, minWidth: "120px" },
  done: { color: tokens.colorPaletteGreenForeground1 },
});

interface Outcome {
  readonly sheetName?: string;
  readonly issues: readonly Issue[];
  readonly error?: unknown;
}

/** The reports screen. */
export function ReportsScreen() {
  const s = useStyles();
  const { services, ui, locale, ledger } = usePane();
  const today = services.today();
  const yesterday = yesterdayOf(today);
  // 日报 is due by 9:00 for yesterday; 月报 and 年报 are made once the month is over.
  const lastMonth = previousMonth(monthOfIso(today));
  const [periods, setPeriods] = useState<Record<ReportKind, string>>({
    daily: yesterday,
    monthly: lastMonth,
    annual: lastMonth.slice(0, 4),
    aging: today,
  });
  const [busy, setBusy] = useState<ReportKind | null>(null);
  const [outcomes, setOutcomes] = useState<Partial<Record<ReportKind, Outcome>>>({});
  const auto = useAutoRefreshState();

  const run = async (kind: ReportKind) => {
    setBusy(kind);
    try {
      const r = await runReport(services.port, kind, periods[kind], today, locale);
      setOutcomes((o) => ({ ...o, [kind]: r.ok ? { sheetName: r.value.sheetName, issues: r.value.issues } : { issues: r.issues } }));
    } catch (e: unknown) {
      setOutcomes((o) => ({ ...o, [kind]: { issues: [], error: e } }));
    } finally {
      setBusy(null);
    }
  };

  const kinds: { kind: ReportKind; label: string; input: "date" | "month" | "year" }[] = [
    { kind: "daily", label: ui("reports.daily"), input: "date" },
    { kind: "monthly", label: ui("reports.monthly"), input: "month" },
    { kind: "annual", label: ui("reports.annual"), input: "year" },
    { kind: "aging", label: ui("reports.aging"), input: "date" },
  ];

  return (
    <section aria-label={ui("tab.reports")} className={s.list}>
      {ledger.status === "ready" && !ledger.converted ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{ui("reports.fromRaw")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {kinds.map(({ kind, label, input }) => {
        const out = outcomes[kind];
        const id = `period-${kind}`;
        return (
          <Card key={kind} className={s.card} data-report={kind}>
            <div className={s.line}>
              <div className={s.input}>
                <label htmlFor={id} style={{ display: "block", fontSize: "12px" }}>
                  {ui(`reports.period.${kind}`)}
                </label>
                <Input
                  id={id}
                  type={input === "year" ? "number" : input}
                  value={periods[kind]}
                  onChange={(_e, d) => setPeriods((p) => ({ ...p, [kind]: d.value }))}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") void run(kind);
                  }}
                  style={{ width: "100%" }}
                />
              </div>
              <Button appearance="primary" onClick={() => void run(kind)} disabled={busy !== null} data-testid={`run-${kind}`}>
                {busy === kind ? <Spinner size="tiny" /> : label}
              </Button>
            </div>
            {out?.sheetName ? (
              <Text className={s.done} data-testid={`done-${kind}`}>
                {ui("reports.generated", { sheet: out.sheetName })}
              </Text>
            ) : null}
            {out ? <IssueList issues={out.issues} locale={locale} max={5} moreText={(n) => ui("common.more", { n })} /> : null}
            {out?.error ? <ErrorBar error={out.error} title={ui("common.failed")} /> : null}
          </Card>
        );
      })}
      <OrdersPivotCard port={services.port} ui={ui} locale={locale} />
      {auto.available ? (
        <Card className={s.card}>
          <Switch checked={auto.enabled} onChange={(_e, d) => auto.setEnabled(d.checked)} label={ui("reports.autoRefresh")} data-testid="auto-refresh" />
          <Text size={200}>{auto.lastRun ? ui("reports.autoRefreshed", { time: auto.lastRun, sheets: auto.lastSheets.join("、") || "—" }) : ui("reports.autoRefreshHint")}</Text>
          {auto.error ? <ErrorBar error={auto.error} title={ui("reports.autoRefreshFailed")} /> : null}
        </Card>
      ) : (
        <Text size={200}>{ui("reports.autoRefreshUnavailable")}</Text>
      )}
    </section>
  );
}
