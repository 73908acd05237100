/** 录入 · 回款: a payment (or a 折让 allowance), validated as the clerk types, appended in one sync. */
import { useMemo, useState, type FormEvent } from "react";
import { Button, Checkbox, Input, MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import type { Ledger } from "../../src/core/ledger";
import type { Issue } from "../../src/core/result";
import { describeIssue } from "../../src/core/i18n";
import { formatFen } from "../../src/core/money";
import { isIsoDate } from "../../src/core/dates";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { ErrorBar } from "../components/issue-list";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { checkPayment, emptyPaymentForm, type PaymentForm } from "../entry-forms";
import { submitPayment } from "../ledger-api";

/** The payment form. */
export function PaymentFormView({ ledger }: { ledger: Ledger }) {
  const s = useFormStyles();
  const { services, ui, locale, reload } = usePane();
  const today = services.today();
  const [form, setForm] = useState<PaymentForm>(() => emptyPaymentForm(today));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ amountFen: number; balanceFen: number } | null>(null);
  const [submitIssues, setSubmitIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const issues = useMemo(() => checkPayment(form, ledger, today), [form, ledger, today]);
  const visible = issues.filter((i) => attempted || touched.has(i.at?.field ?? ""));
  const customers = useMemo(() => ledger.customers.map((c) => c.name), [ledger]);
  const accounts = useMemo(() => [...new Set(ledger.payments.map((p) => p.account).filter((a): a is string => !!a))].sort(), [ledger]);
  const methods = useMemo(() => [...new Set(["银行转账", "现金", "承兑汇票", ...ledger.payments.map((p) => p.method).filter((m): m is string => !!m)])], [ledger]);
  const asOf = isIsoDate(form.date) ? form.date : today;
  const balance = form.customer && ledger.findCustomer(form.customer) ? ledger.balance(form.customer, asOf) : null;

  const set = (field: keyof PaymentForm, value: string | boolean) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => new Set(t).add(field));
    setSaved(null);
    setSubmitIssues([]);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setError(null);
    if (issues.some((i) => (i.severity ?? "error") === "error")) return;
    setBusy(true);
    try {
      const r = await submitPayment(services.port, form, ledger, today);
      if (r.ok) {
        setSaved(r.value);
        setForm(emptyPaymentForm(today));
        setTouched(new Set());
        setAttempted(false);
        await reload();
      } else setSubmitIssues(r.issues);
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={s.form} onSubmit={onSubmit} aria-label={ui("payment.title")} data-testid="payment-form" noValidate>
      <div className={s.row}>
        <FormField label={ui("payment.date")} field="date" issues={visible} locale={locale} required>
          <Input type="date" value={form.date} onChange={(_e, d) => set("date", d.value)} />
        </FormField>
        <FormField label={ui("payment.amount")} field="amountText" issues={visible} locale={locale} required>
          <Input inputMode="decimal" value={form.amountText} onChange={(_e, d) => set("amountText", d.value)} contentAfter={<Text size={200}>{ui("common.yuan")}</Text>} />
        </FormField>
      </div>
      <FormField label={ui("payment.customer")} field="customer" issues={visible} locale={locale} required hint={balance !== null ? ui("payment.balance", { amount: formatFen(balance) }) : undefined}>
        <SearchCombobox value={form.customer} options={customers} onChange={(v) => set("customer", v)} placeholder={ui("order.customerPlaceholder")} noMatchText={ui("common.noMatch")} />
      </FormField>
      <div className={s.row}>
        <FormField label={ui("payment.method")} field="method" issues={visible} locale={locale}>
          <SearchCombobox value={form.method} options={methods} onChange={(v) => set("method", v)} noMatchText={ui("common.newValue")} />
        </FormField>
        <FormField label={ui("payment.account")} field="account" issues={visible} locale={locale}>
          <SearchCombobox value={form.account} options={accounts} onChange={(v) => set("account", v)} noMatchText={ui("common.newValue")} />
        </FormField>
      </div>
      <div className={s.row}>
        <FormField label={ui("payment.ref")} field="ref" issues={visible} locale={locale}>
          <Input value={form.ref} onChange={(_e, d) => set("ref", d.value)} />
        </FormField>
        <FormField label={ui("payment.notes")} field="notes" issues={visible} locale={locale}>
          <Input value={form.notes} onChange={(_e, d) => set("notes", d.value)} />
        </FormField>
      </div>
      <Checkbox checked={form.allowance} onChange={(_e, d) => set("allowance", d.checked === true)} label={ui("payment.allowance")} />
      {submitIssues.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{submitIssues.map((i) => describeIssue(i, locale)).join("；")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {saved ? (
        <MessageBar intent="success" data-testid="payment-saved">
          <MessageBarBody>{ui("payment.saved", { amount: formatFen(saved.amountFen), balance: formatFen(saved.balanceFen) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {ui("payment.submit")}
        </Button>
        {busy ? <Spinner size="tiny" label={ui("common.saving")} /> : null}
      </div>
    </form>
  );
}
