/**
 * 报表 ▸ 插入数据透视表（订单）: a secondary action beside the computed reports. It puts a native
 * PivotTable over the orders table on the sheet 订单透视. Where the workbook cannot have one (no
 * PivotTable API in this Excel, or a host without it), the button is disabled and the reason shown.
 */
import { useState } from "react";
import { Button, Card, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookPort } from "../../src/app/workbook-port";
import type { Locale } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";
import { ErrorBar, IssueList } from "../components/issue-list";
import { canInsertPivot, insertPivot } from "../ledger-api";
import type { PaneContextValue } from "../pane-context";

const useStyles = makeStyles({
  card: { padding: "8px 12px", display: "flex", flexDirection: "column", gap: "6px" },
  done: { color: tokens.colorPaletteGreenForeground1 },
});

/** What the last click gave. */
export type PivotOutcome =
  | { readonly kind: "done"; readonly sheetName: string; readonly replaced: boolean }
  | { readonly kind: "issues"; readonly issues: readonly Issue[] }
  | { readonly kind: "error"; readonly error: unknown };

/** What the 订单透视 card needs: the workbook, the pane's texts and language. */
export interface OrdersPivotCardProps {
  readonly port: WorkbookPort;
  readonly ui: PaneContextValue["ui"];
  readonly locale: Locale;
  /** The first outcome shown (tests render a given state). */
  readonly initial?: PivotOutcome;
}

/** True once the host said it has no PivotTables: the button can do nothing more. */
function unsupported(outcome: PivotOutcome | null): boolean {
  return outcome?.kind === "issues" && outcome.issues.some((i) => i.code === "pivot.unsupported");
}

/** The card: one-line explanation, the button, and the outcome of the last click. */
export function OrdersPivotCard({ port, ui, locale, initial }: OrdersPivotCardProps) {
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PivotOutcome | null>(initial ?? null);
  const available = canInsertPivot(port) && !unsupported(outcome);

  const run = async () => {
    setBusy(true);
    try {
      const r = await insertPivot(port, locale);
      setOutcome(r.ok ? { kind: "done", ...r.value } : { kind: "issues", issues: r.issues });
    } catch (e: unknown) {
      setOutcome({ kind: "error", error: e });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={s.card} data-report="pivot">
      <Text size={200}>{ui("reports.pivot.hint")}</Text>
      <div>
        <Button appearance="secondary" onClick={() => void run()} disabled={busy || !available} data-testid="run-pivot">
          {busy ? <Spinner size="tiny" /> : ui("reports.pivot.button")}
        </Button>
      </div>
      {!canInsertPivot(port) ? (
        <Text size={200} data-testid="pivot-unavailable">
          {ui("reports.pivot.unavailable")}
        </Text>
      ) : null}
      {outcome?.kind === "done" ? (
        <Text className={s.done} data-testid="done-pivot">
          {ui(outcome.replaced ? "reports.pivot.replaced" : "reports.pivot.done", { sheet: outcome.sheetName })}
        </Text>
      ) : null}
      {outcome?.kind === "issues" ? <IssueList issues={outcome.issues} locale={locale} max={3} testId="pivot-issues" /> : null}
      {outcome?.kind === "error" ? <ErrorBar error={outcome.error} title={ui("common.failed")} /> : null}
    </Card>
  );
}
