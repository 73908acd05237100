/** 录入 · 回款: a payment (or a 折让 allowance), validated as the clerk types, appended in one sync. */
import { useMemo } from "react";
import { Checkbox, Input, Text } from "@fluentui/react-components";
import type { Ledger } from "../../src/core/ledger";
import { formatFen } from "../../src/core/money";
import { isIsoDate } from "../../src/core/dates";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { EntryFormFooter, useEntryForm, type EntryFormSpec } from "../components/entry-form";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { checkPayment, emptyPaymentForm, type PaymentForm } from "../entry-forms";
import { submitPayment } from "../ledger-api";

const PAYMENT: EntryFormSpec<PaymentForm, { amountFen: number; balanceFen: number }> = { empty: emptyPaymentForm, check: checkPayment, submit: submitPayment };

/** The payment form. */
export function PaymentFormView({ ledger }: { ledger: Ledger }) {
  const s = useFormStyles();
  const { ui, locale } = usePane();
  const state = useEntryForm(PAYMENT, ledger);
  const { form, visible, set, onSubmit, today } = state;
  const customers = useMemo(() => ledger.customers.map((c) => c.name), [ledger]);
  const accounts = useMemo(() => [...new Set(ledger.payments.map((p) => p.account).filter((a): a is string => !!a))].sort(), [ledger]);
  const methods = useMemo(() => [...new Set(["银行转账", "现金", "承兑汇票", ...ledger.payments.map((p) => p.method).filter((m): m is string => !!m)])], [ledger]);
  const asOf = isIsoDate(form.date) ? form.date : today;
  const balance = form.customer && ledger.findCustomer(form.customer) ? ledger.balance(form.customer, asOf) : null;

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
      <EntryFormFooter
        state={state}
        savedTestId="payment-saved"
        savedText={(saved) => ui("payment.saved", { amount: formatFen(saved.amountFen), balance: formatFen(saved.balanceFen) })}
        submitLabel={ui("payment.submit")}
      />
    </form>
  );
}
