/** 录入 · 退货: a return record (reason, model, quantity, credited amount, resolution). */
import { useMemo } from "react";
import { Input, Text } from "@fluentui/react-components";
import type { Ledger } from "../../src/core/ledger";
import { formatFen } from "../../src/core/money";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { EntryFormFooter, useEntryForm, type EntryFormSpec } from "../components/entry-form";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { checkReturn, emptyReturnForm, type ReturnForm } from "../entry-forms";
import { submitReturn } from "../ledger-api";

const RETURN: EntryFormSpec<ReturnForm, { amountFen: number }> = { empty: emptyReturnForm, check: checkReturn, submit: submitReturn };

/** The return form. */
export function ReturnFormView({ ledger }: { ledger: Ledger }) {
  const s = useFormStyles();
  const { ui, locale } = usePane();
  const state = useEntryForm(RETURN, ledger);
  const { form, visible, set, onSubmit } = state;
  const customers = useMemo(() => ledger.customers.map((c) => c.name), [ledger]);
  const models = useMemo(() => ledger.products.map((p) => p.model), [ledger]);
  const orderNos = useMemo(() => {
    if (!form.customer) return [];
    return [...new Set(ledger.ordersOf(form.customer).map((o) => o.orderNo).filter((n): n is string => !!n))].reverse();
  }, [ledger, form.customer]);

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
      <EntryFormFooter state={state} savedTestId="return-saved" savedText={(saved) => ui("return.saved", { amount: formatFen(saved.amountFen) })} submitLabel={ui("return.submit")} />
    </form>
  );
}
