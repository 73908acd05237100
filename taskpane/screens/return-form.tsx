/** 录入 · 退货: a return record (reason, model, quantity, credited amount, resolution). */
import { useMemo, useState, type FormEvent } from "react";
import { Button, Input, MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import type { Ledger } from "../../src/core/ledger";
import type { Issue } from "../../src/core/result";
import { describeIssue } from "../../src/core/i18n";
import { formatFen } from "../../src/core/money";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { ErrorBar } from "../components/issue-list";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { checkReturn, emptyReturnForm, type ReturnForm } from "../entry-forms";
import { submitReturn } from "../ledger-api";

/** The return form. */
export function ReturnFormView({ ledger }: { ledger: Ledger }) {
  const s = useFormStyles();
  const { services, ui, locale, reload } = usePane();
  const today = services.today();
  const [form, setForm] = useState<ReturnForm>(() => emptyReturnForm(today));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ amountFen: number } | null>(null);
  const [submitIssues, setSubmitIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const issues = useMemo(() => checkReturn(form, ledger, today), [form, ledger, today]);
  const visible = issues.filter((i) => attempted || touched.has(i.at?.field ?? ""));
  const customers = useMemo(() => ledger.customers.map((c) => c.name), [ledger]);
  const models = useMemo(() => ledger.products.map((p) => p.model), [ledger]);
  const orderNos = useMemo(() => {
    if (!form.customer) return [];
    return [...new Set(ledger.ordersOf(form.customer).map((o) => o.orderNo).filter((n): n is string => !!n))].reverse();
  }, [ledger, form.customer]);

  const set = (field: keyof ReturnForm, value: string) => {
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
      const r = await submitReturn(services.port, form, ledger, today);
      if (r.ok) {
        setSaved(r.value);
        setForm(emptyReturnForm(today));
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
    <form className={s.form} onSubmit={onSubmit} aria-label={ui("return.title")} data-testid="return-form" noValidate>
      <div className={s.row}>
        <FormField label={ui("return.date")} field="date" issues={visible} locale={locale} required>
          <Input type="date" value={form.date} onChange={(_e, d) => set("date", d.value)} />
        </FormField>
        <FormField label={ui("return.orderNo")} field="orderNo" issues={visible} locale={locale}>
          <SearchCombobox value={form.orderNo} options={orderNos} onChange={(v) => set("orderNo", v)} noMatchText={ui("common.noMatch")} />
        </FormField>
      </div>
      <FormField label={ui("return.customer")} field="customer" issues={visible} locale={locale} required>
        <SearchCombobox value={form.customer} options={customers} onChange={(v) => set("customer", v)} placeholder={ui("order.customerPlaceholder")} noMatchText={ui("common.noMatch")} />
      </FormField>
      <div className={s.row}>
        <FormField label={ui("return.model")} field="model" issues={visible} locale={locale}>
          <SearchCombobox value={form.model} options={models} onChange={(v) => set("model", v)} noMatchText={ui("common.noMatch")} />
        </FormField>
        <FormField label={ui("return.qty")} field="qty" issues={visible} locale={locale}>
          <Input inputMode="decimal" value={form.qty} onChange={(_e, d) => set("qty", d.value)} />
        </FormField>
        <FormField label={ui("return.amount")} field="amountText" issues={visible} locale={locale} hint={ui("return.amountHint")}>
          <Input inputMode="decimal" value={form.amountText} onChange={(_e, d) => set("amountText", d.value)} contentAfter={<Text size={200}>{ui("common.yuan")}</Text>} />
        </FormField>
      </div>
      <FormField label={ui("return.reason")} field="reason" issues={visible} locale={locale} required>
        <Input value={form.reason} onChange={(_e, d) => set("reason", d.value)} />
      </FormField>
      <FormField label={ui("return.resolution")} field="resolution" issues={visible} locale={locale} hint={ui("return.resolutionHint")}>
        <Input value={form.resolution} onChange={(_e, d) => set("resolution", d.value)} />
      </FormField>
      {submitIssues.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{submitIssues.map((i) => describeIssue(i, locale)).join("；")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {saved ? (
        <MessageBar intent="success" data-testid="return-saved">
          <MessageBarBody>{ui("return.saved", { amount: formatFen(saved.amountFen) })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {ui("return.submit")}
        </Button>
        {busy ? <Spinner size="tiny" label={ui("common.saving")} /> : null}
      </div>
    </form>
  );
}
