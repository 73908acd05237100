/**
 * 对账: confirmed balances the ledger no longer agrees with (a warning list, when there are any),
 * our company's details and the cut-off day (本公司信息 · 对账设置, collapsible), then
 * statements (往来对账单) for one customer or every 月结 customer over the settlement period
 * (default: the period just ended, by the cut-off day in the settings, 25 when unset), then record
 * what came back: 已发送, 已确认 with the balance, 有异议 with the difference.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Card, Dropdown, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Text, makeStyles } from "@fluentui/react-components";
import type { ConfirmationStatus } from "../../src/core/schemas/records";
import type { Issue } from "../../src/core/result";
import { formatFen, parseMoney } from "../../src/core/money";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { ErrorBar, IssueList } from "../components/issue-list";
import { lastSettlementPeriod } from "../dates";
import { loadCompanySettings, runStatements, saveConfirmation, type StatementSummary } from "../ledger-api";
import { COMPANY_SETTINGS, DEFAULT_CUTOFF_DAY } from "../../src/app/generate-statements";
import { CALENDAR_MONTH_CUTOFF, type StoredSettings } from "../company-settings";
import { CompanySettingsSection, storedCutoff, type SettingsState } from "./company-settings-section";
import { ConfirmationBreaches } from "./confirmation-breaches";

const useStyles = makeStyles({
  col: { display: "flex", flexDirection: "column", gap: "8px" },
  card: { padding: "8px 12px" },
});

const STATUSES: readonly ConfirmationStatus[] = ["已发送", "已确认", "有异议"];

/** The reconciliation screen. */
export function ReconcileScreen() {
  const s = { ...useStyles(), ...useFormStyles() };
  const { services, ui, locale, ledger, reload } = usePane();
  const today = services.today();
  const initial = lastSettlementPeriod(today, DEFAULT_CUTOFF_DAY);
  const [settings, setSettings] = useState<SettingsState>({ status: "loading" });
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Dates the clerk typed are hers: a cut-off read later does not overwrite them.
  const datesTouched = useRef(false);
  const [scope, setScope] = useState<"one" | "monthly">("one");
  const [customer, setCustomer] = useState("");
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ statements: readonly StatementSummary[]; issues: readonly Issue[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const cutoff = settings.status === "ready" ? storedCutoff(settings.stored) : DEFAULT_CUTOFF_DAY;

  const applyCutoff = (day: number) => {
    const p = lastSettlementPeriod(today, day);
    setFrom(p.from);
    setTo(p.to);
  };

  useEffect(() => {
    let live = true;
    loadCompanySettings(services.port).then(
      (stored) => {
        if (!live) return;
        setSettings({ status: "ready", stored });
        // Open by itself while the statement header would be blank.
        if (!stored[COMPANY_SETTINGS.name]) setSettingsOpen(true);
        if (!datesTouched.current) {
          const p = lastSettlementPeriod(services.today(), storedCutoff(stored));
          setFrom(p.from);
          setTo(p.to);
        }
      },
      (e: unknown) => live && setSettings({ status: "error", error: e }),
    );
    return () => {
      live = false;
    };
  }, [services]);

  const settingsSaved = (stored: StoredSettings) => {
    const next = storedCutoff(stored);
    setSettings({ status: "ready", stored });
    // A new cut-off means a new default period.
    if (next !== cutoff) {
      datesTouched.current = false;
      applyCutoff(next);
    }
  };

  const customers = useMemo(() => (ledger.status === "ready" ? ledger.ledger.customers.map((c) => c.name) : []), [ledger]);
  const monthlyCount = useMemo(() => (ledger.status === "ready" ? ledger.ledger.customers.filter((c) => c.terms === "月结").length : 0), [ledger]);

  if (ledger.status === "loading") return <Spinner label={ui("common.loadingLedger")} />;
  if (ledger.status === "error") return <ErrorBar error={ledger.error} title={ui("common.ledgerFailed")} />;

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await runStatements(services.port, scope === "one" ? { customer } : { allMonthly: true }, from, to, locale);
      setResult(r.ok ? { statements: r.value.statements, issues: r.value.issues } : { statements: [], issues: r.issues });
      // The warning says to fill in 本公司信息: have it open right above.
      if (r.ok && r.value.issues.some((i) => i.code === "statement.noCompany")) setSettingsOpen(true);
    } catch (e: unknown) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={ui("tab.reconcile")} className={s.col}>
      <ConfirmationBreaches issues={ledger.issues} />
      <CompanySettingsSection settings={settings} open={settingsOpen} onOpenChange={setSettingsOpen} onSaved={settingsSaved} />
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
        data-testid="statement-form"
      >
        <RadioGroup value={scope} onChange={(_e, d) => setScope(d.value as "one" | "monthly")} aria-label={ui("reconcile.scope")} layout="horizontal">
          <Radio value="one" label={ui("reconcile.one")} />
          <Radio value="monthly" label={ui("reconcile.allMonthly", { n: monthlyCount })} />
        </RadioGroup>
        {scope === "one" ? (
          <FormField label={ui("reconcile.customer")} field="customer" issues={[]} locale={locale} required>
            <SearchCombobox value={customer} options={customers} onChange={(v) => setCustomer(v)} placeholder={ui("order.customerPlaceholder")} noMatchText={ui("common.noMatch")} />
          </FormField>
        ) : null}
        <div className={s.row}>
          <FormField label={ui("reconcile.from")} field="from" issues={[]} locale={locale} required>
            <Input
              type="date"
              value={from}
              onChange={(_e, d) => {
                datesTouched.current = true;
                setFrom(d.value);
              }}
            />
          </FormField>
          <FormField label={ui("reconcile.to")} field="to" issues={[]} locale={locale} required>
            <Input
              type="date"
              value={to}
              onChange={(_e, d) => {
                datesTouched.current = true;
                setTo(d.value);
              }}
            />
          </FormField>
        </div>
        <Text size={200} data-testid="period-hint">
          {cutoff === CALENDAR_MONTH_CUTOFF ? ui("reconcile.periodHintMonth") : ui("reconcile.periodHintDay", { next: cutoff + 1, day: cutoff })}
        </Text>
        <div>
          <Button type="submit" appearance="primary" disabled={busy || (scope === "one" && customer.trim() === "")} data-testid="run-statements">
            {busy ? <Spinner size="tiny" /> : ui("reconcile.generate")}
          </Button>
        </div>
      </form>
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {result ? <IssueList issues={result.issues} locale={locale} max={10} moreText={(n) => ui("common.more", { n })} /> : null}
      {result && result.statements.length > 0 ? (
        <div className={s.col} data-testid="statements">
          <Text weight="semibold">{ui("reconcile.generatedN", { n: result.statements.length })}</Text>
          {result.statements.map((st) => (
            <ConfirmationCard key={st.sheetName} statement={st} onSaved={() => void reload()} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function ConfirmationCard({ statement, onSaved }: { statement: StatementSummary; onSaved: () => void }) {
  const s = { ...useStyles(), ...useFormStyles() };
  const { services, ui, locale, ledger } = usePane();
  const [status, setStatus] = useState<ConfirmationStatus>("已发送");
  const [balance, setBalance] = useState((statement.closingFen / 100).toFixed(2));
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    if (ledger.status !== "ready") return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const form = { customer: statement.customer, asOf: statement.to, status, balanceText: status === "已发送" ? "" : balance, notes };
      const r = await saveConfirmation(services.port, form, ledger.ledger, services.today());
      if (r.ok) {
        setIssues([]);
        setSaved(true);
        onSaved();
      } else setIssues(r.issues);
    } catch (e: unknown) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={s.card} data-statement={statement.customer}>
      <Text weight="semibold">{statement.customer}</Text>
      <Text size={200}>
        {ui("reconcile.summary", { sheet: statement.sheetName, closing: formatFen(statement.closingFen) })}
      </Text>
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className={s.row}>
          <FormField label={ui("reconcile.status")} field="status" issues={issues} locale={locale}>
            <Dropdown value={status} selectedOptions={[status]} onOptionSelect={(_e, d) => d.optionValue && setStatus(d.optionValue as ConfirmationStatus)}>
              {STATUSES.map((st) => (
                <Option key={st} value={st}>
                  {st}
                </Option>
              ))}
            </Dropdown>
          </FormField>
          {status !== "已发送" ? (
            <FormField
              label={ui(status === "有异议" ? "reconcile.theirBalance" : "reconcile.confirmedBalance")}
              field="balanceText"
              issues={issues}
              locale={locale}
              required
              hint={status === "有异议" ? differenceHint(balance, statement.closingFen, ui) : undefined}
            >
              <Input inputMode="decimal" value={balance} onChange={(_e, d) => setBalance(d.value)} data-testid="confirmation-balance" />
            </FormField>
          ) : null}
        </div>
        <FormField label={ui("reconcile.notes")} field="notes" issues={issues} locale={locale}>
          <Input value={notes} onChange={(_e, d) => setNotes(d.value)} />
        </FormField>
        {issues.filter((i) => !i.at?.field).length > 0 ? <IssueList issues={issues.filter((i) => !i.at?.field)} locale={locale} /> : null}
        {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
        {saved ? (
          <MessageBar intent="success">
            <MessageBarBody>{ui("reconcile.saved", { status })}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? <Spinner size="tiny" /> : ui("reconcile.record")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** 有异议: the difference (their figure − ours) as the clerk types their figure. */
function differenceHint(balanceText: string, closingFen: number, ui: ReturnType<typeof usePane>["ui"]): string | undefined {
  const r = parseMoney(balanceText);
  return r.ok ? ui("reconcile.differenceIs", { amount: formatFen(r.value - closingFen) }) : undefined;
}
