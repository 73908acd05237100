/**
 * 录入 · 订单: one order line. Customer search, model picker that fills the price, live amount,
 * field messages as the clerk types (from the entry rules), business-rule messages with an
 * approval note where the job allows an exception, and Enter submits.
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button, Dropdown, Field, MessageBarActions, Input, Option, Textarea, Text, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import type { Ledger } from "../../src/core/ledger";
import type { OrderStatus } from "../../src/core/schemas/records";
import { describeIssue, type Locale } from "../../src/core/i18n";
import type { Issue } from "../../src/core/result";
import { FormField } from "../components/form-field";
import { SearchCombobox } from "../components/search-combobox";
import { ErrorBar } from "../components/issue-list";
import { usePane } from "../pane-context";
import { useFormStyles } from "../components/form-styles";
import { checkOrder, emptyOrderForm, orderNoNotes, previewOrderNo, type OrderForm } from "../entry-forms";
import { submitOrder } from "../ledger-api";
import { formatFen } from "../../src/core/money";

const useStyles = makeStyles({
  amount: { fontSize: "18px", fontWeight: 600 },
});

const STATUSES: readonly OrderStatus[] = ["已接单", "已确认", "已发货", "已签收", "已取消"];

/** The order form. */
export function OrderFormView({ ledger }: { ledger: Ledger }) {
  const s = { ...useStyles(), ...useFormStyles() };
  const { services, ui, locale, reload } = usePane();
  const today = services.today();
  const [form, setForm] = useState<OrderForm>(() => emptyOrderForm(today));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [approval, setApproval] = useState("");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ orderNo: string; amountFen: number; warnings: readonly Issue[]; form: OrderForm } | null>(null);
  const [addLine, setAddLine] = useState(false);
  const [submitIssues, setSubmitIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<unknown>(null);

  const check = useMemo(() => checkOrder(form, ledger, today, addLine), [form, ledger, today, addLine]);
  const visibleFieldIssues = check.fieldIssues.filter((i) => attempted || touched.has(i.at?.field ?? ""));
  const customers = useMemo(() => ledger.customers.map((c) => c.name), [ledger]);
  const models = useMemo(() => ledger.products.map((p) => p.model), [ledger]);
  const warehouses = useMemo(() => uniq([...ledger.customers.map((c) => c.warehouse), ...ledger.orders.map((o) => o.warehouse)]), [ledger]);
  const carriers = useMemo(() => uniq(ledger.orders.map((o) => o.carrier)), [ledger]);
  const nextNo = useMemo(() => previewOrderNo(ledger, form.date, today), [ledger, form.date, today]);

  const set = (field: keyof OrderForm, value: string) => {
    if (field === "orderNo" || field === "customer") setAddLine(false);
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    setSaved(null);
    setSubmitIssues([]);
  };

  // The customer's warehouse is filled in unless the clerk typed another one.
  const [autoWarehouse, setAutoWarehouse] = useState("");
  const pickCustomer = (name: string) => {
    set("customer", name);
    const wh = ledger.findCustomer(name)?.warehouse ?? "";
    setForm((f) => (f.warehouse === "" || f.warehouse === autoWarehouse ? { ...f, customer: name, warehouse: wh } : f));
    setAutoWarehouse(wh);
  };
  // The model fills the price when picked, or typed exactly; a price the clerk typed is kept.
  const [autoPrice, setAutoPrice] = useState("");
  const pickModel = (model: string) => {
    set("model", model);
    const p = ledger.findProduct(model);
    if (p?.priceFen === undefined) return;
    const price = (p.priceFen / 100).toFixed(2);
    setForm((f) => (f.priceText === "" || f.priceText === autoPrice ? { ...f, model, priceText: price } : f));
    setAutoPrice(price);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setSaved(null);
    setError(null);
    if (check.fieldIssues.some((i) => (i.severity ?? "error") === "error")) return;
    if (check.ruleIssues.some((i) => i.severity !== "warning" && !check.overridable)) return;
    if (check.needsApproval && approval.trim() === "") return;
    setBusy(true);
    try {
      const r = await submitOrder(services.port, form, approval.trim(), ledger, today, addLine);
      if (r.ok) {
        setSaved({ ...r.value, form });
        setAddLine(false);
        setSubmitIssues([]);
        setForm(emptyOrderForm(today));
        setTouched(new Set());
        setAttempted(false);
        setApproval("");
        await reload();
      } else {
        setSubmitIssues(r.issues);
      }
    } catch (err: unknown) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const blockingRules = check.ruleIssues.filter((i) => i.severity !== "warning");
  return (
    <form className={s.form} onSubmit={onSubmit} aria-label={ui("order.title")} data-testid="order-form" noValidate>
      <div className={s.row}>
        <FormField label={ui("order.orderNo")} field="orderNo" issues={visibleFieldIssues} locale={locale} hint={addLine ? ui("order.addingLine", { no: form.orderNo }) : form.orderNo ? undefined : ui("order.orderNoHint")}>
          <Input value={form.orderNo} placeholder={nextNo} onChange={(_e, d) => set("orderNo", d.value)} />
        </FormField>
        <FormField label={ui("order.date")} field="date" issues={visibleFieldIssues} locale={locale} required>
          <Input type="date" value={form.date} onChange={(_e, d) => set("date", d.value)} />
        </FormField>
      </div>
      <FormField label={ui("order.customer")} field="customer" issues={visibleFieldIssues} locale={locale} required hint={customerHint(ledger, form.customer, ui)}>
        <SearchCombobox value={form.customer} options={customers} onChange={pickCustomer} placeholder={ui("order.customerPlaceholder")} noMatchText={ui("common.noMatch")} />
      </FormField>
      <FormField label={ui("order.model")} field="model" issues={visibleFieldIssues} locale={locale} required hint={modelHint(ledger, form.model, ui)}>
        <SearchCombobox value={form.model} options={models} onChange={pickModel} placeholder={ui("order.modelPlaceholder")} noMatchText={ui("common.noMatch")} />
      </FormField>
      <div className={s.row}>
        <FormField label={ui("order.qty")} field="qty" issues={visibleFieldIssues} locale={locale} required>
          <Input inputMode="decimal" value={form.qty} onChange={(_e, d) => set("qty", d.value)} />
        </FormField>
        <FormField label={ui("order.price")} field="priceText" issues={visibleFieldIssues} locale={locale} required>
          <Input inputMode="decimal" value={form.priceText} onChange={(_e, d) => set("priceText", d.value)} placeholder={modelPrice(ledger, form.model)} contentAfter={<Text size={200}>{ui("common.yuan")}</Text>} />
        </FormField>
        <FormField label={ui("order.discount")} field="discount" issues={visibleFieldIssues} locale={locale} hint={ui("order.discountHint")}>
          <Input inputMode="decimal" value={form.discount} onChange={(_e, d) => set("discount", d.value)} />
        </FormField>
      </div>
      <div aria-live="polite">
        <Text>{ui("order.amount")}：</Text>
        <Text className={s.amount} data-testid="order-amount">
          {check.amountFen === null ? "—" : `¥${formatFen(check.amountFen)}`}
        </Text>
      </div>
      <div className={s.row}>
        <FormField label={ui("order.warehouse")} field="warehouse" issues={visibleFieldIssues} locale={locale}>
          <SearchCombobox value={form.warehouse} options={warehouses} onChange={(v) => set("warehouse", v)} noMatchText={ui("common.newValue")} />
        </FormField>
        <FormField label={ui("order.status")} field="status" issues={visibleFieldIssues} locale={locale}>
          <Dropdown value={form.status || ui("order.statusAuto")} selectedOptions={[form.status]} onOptionSelect={(_e, d) => set("status", d.optionValue ?? "")}>
            <Option value="" text={ui("order.statusAuto")}>
              {ui("order.statusAuto")}
            </Option>
            {STATUSES.map((st) => (
              <Option key={st} value={st}>
                {st}
              </Option>
            ))}
          </Dropdown>
        </FormField>
      </div>
      <div className={s.row}>
        <FormField label={ui("order.shipDate")} field="shipDate" issues={visibleFieldIssues} locale={locale}>
          <Input type="date" value={form.shipDate} onChange={(_e, d) => set("shipDate", d.value)} />
        </FormField>
        <FormField label={ui("order.carrier")} field="carrier" issues={visibleFieldIssues} locale={locale}>
          <SearchCombobox value={form.carrier} options={carriers} onChange={(v) => set("carrier", v)} noMatchText={ui("common.newValue")} />
        </FormField>
        <FormField label={ui("order.trackingNo")} field="trackingNo" issues={visibleFieldIssues} locale={locale}>
          <Input value={form.trackingNo} onChange={(_e, d) => set("trackingNo", d.value)} />
        </FormField>
      </div>
      <FormField label={ui("order.notes")} field="notes" issues={visibleFieldIssues} locale={locale}>
        <Input value={form.notes} onChange={(_e, d) => set("notes", d.value)} />
      </FormField>

      {check.ruleIssues.length > 0 ? (
        <MessageBar intent={blockingRules.length > 0 ? (check.overridable ? "warning" : "error") : "info"} layout="multiline" data-testid="order-rules">
          <MessageBarBody>
            <MessageBarTitle>{ui("order.rulesTitle")}</MessageBarTitle>
            <ul style={{ margin: "4px 0 0", paddingInlineStart: "18px" }}>
              {check.ruleIssues.map((i, k) => (
                <li key={k}>{describeIssue({ ...i, at: undefined }, locale)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {check.needsApproval ? (
        <Field
          label={ui("order.approval")}
          required
          hint={ui("order.approvalHint")}
          validationState={attempted && approval.trim() === "" ? "error" : "none"}
          validationMessage={attempted && approval.trim() === "" ? ui("order.approvalRequired") : undefined}
        >
          <Textarea value={approval} onChange={(_e, d) => setApproval(d.value)} resize="vertical" data-testid="approval-note" />
        </Field>
      ) : null}

      {submitIssues.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="order-submit-issues">
          <MessageBarBody>
            <ul style={{ margin: 0, paddingInlineStart: "18px" }}>
              {submitIssues.map((i, k) => (
                <li key={k}>{describeIssue(i, locale)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorBar error={error} title={ui("common.failed")} /> : null}
      {saved ? (
        <MessageBar intent={orderNoNotes(saved.warnings).length > 0 ? "warning" : "success"} layout="multiline" data-testid="order-saved">
          <OrderSavedBody saved={saved} ui={ui} locale={locale} />
          <MessageBarActions>
            <Button
              size="small"
              onClick={() => {
                // Same order, next line: keep number, customer, dates and shipping; clear the product part.
                const prev = saved.form;
                setForm({ ...emptyOrderForm(today), orderNo: saved.orderNo, date: prev.date, customer: prev.customer, warehouse: prev.warehouse, status: prev.status, shipDate: prev.shipDate, carrier: prev.carrier, trackingNo: prev.trackingNo });
                setAddLine(true);
                setSaved(null);
              }}
            >
              {ui("order.addLine")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        <Button type="submit" appearance="primary" disabled={busy || (check.ruleIssues.some((i) => i.severity !== "warning") && !check.overridable)}>
          {check.needsApproval ? ui("order.submitWithApproval") : ui("order.submit")}
        </Button>
        {busy ? <Spinner size="tiny" label={ui("common.saving")} /> : null}
      </div>
    </form>
  );
}

/**
 * The saved message: number and amount, and when the number changed or may be shared, why (the
 * clerk writes the number on the paperwork, so she must see the final one).
 */
export function OrderSavedBody({ saved, ui, locale }: { readonly saved: { readonly orderNo: string; readonly amountFen: number; readonly warnings: readonly Issue[] }; readonly ui: ReturnType<typeof usePane>["ui"]; readonly locale: Locale }) {
  const notes = orderNoNotes(saved.warnings);
  return (
    <MessageBarBody>
      {ui("order.saved", { no: saved.orderNo, amount: formatFen(saved.amountFen) })}
      {notes.map((w) => (
        <div key={w.code} data-testid="order-no-note">
          {describeIssue({ ...w, at: undefined }, locale)}
        </div>
      ))}
    </MessageBarBody>
  );
}

function uniq(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))].sort((a, b) => a.localeCompare(b, "zh-CN"));
}

function customerHint(ledger: Ledger, name: string, ui: ReturnType<typeof usePane>["ui"]): string | undefined {
  const c = name ? ledger.findCustomer(name) : undefined;
  if (!c) return undefined;
  const parts = [c.terms ? ui("order.terms", { terms: c.terms }) : null, c.creditLimitFen !== undefined ? ui("order.creditLimit", { amount: formatFen(c.creditLimitFen) }) : null];
  return parts.filter(Boolean).join(" · ") || undefined;
}

function modelPrice(ledger: Ledger, model: string): string | undefined {
  const p = model ? ledger.findProduct(model) : undefined;
  return p?.priceFen !== undefined ? (p.priceFen / 100).toFixed(2) : undefined;
}

function modelHint(ledger: Ledger, model: string, ui: ReturnType<typeof usePane>["ui"]): string | undefined {
  const p = model ? ledger.findProduct(model) : undefined;
  if (!p) return undefined;
  const parts = [p.name ?? null, p.priceFen !== undefined ? ui("order.listPrice", { amount: formatFen(p.priceFen) }) : null, p.needsApproval ? ui("order.productNeedsApproval") : null];
  return parts.filter(Boolean).join(" · ") || undefined;
}
