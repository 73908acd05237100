/** 录入: order / payment / return forms, once the ledger tables exist. */
import { useState } from "react";
import { MessageBar, MessageBarBody, Spinner, Tab, TabList } from "@fluentui/react-components";
import { usePane } from "../pane-context";
import { ErrorBar } from "../components/issue-list";
import { OrderFormView } from "./order-form";
import { PaymentFormView } from "./payment-form";
import { ReturnFormView } from "./return-form";

type Form = "order" | "payment" | "return";

/** The entry screen. */
export function EntryScreen() {
  const { ui, ledger } = usePane();
  const [form, setForm] = useState<Form>("order");
  if (ledger.status === "loading") return <Spinner label={ui("common.loadingLedger")} />;
  if (ledger.status === "error") return <ErrorBar error={ledger.error} title={ui("common.ledgerFailed")} />;
  if (!ledger.converted) {
    return (
      <MessageBar intent="info" layout="multiline" data-testid="entry-needs-convert">
        <MessageBarBody>{ui("entry.needsConvert")}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section aria-label={ui("tab.entry")} style={{ display: "flex", flexDirection: "column", gap: "8px" }}>
      <TabList selectedValue={form} onTabSelect={(_e, d) => setForm(d.value as Form)} size="small" appearance="subtle" aria-label={ui("tab.entry")}>
        <Tab value="order">{ui("entry.order")}</Tab>
        <Tab value="payment">{ui("entry.payment")}</Tab>
        <Tab value="return">{ui("entry.return")}</Tab>
      </TabList>
      {form === "order" ? <OrderFormView ledger={ledger.ledger} /> : null}
      {form === "payment" ? <PaymentFormView ledger={ledger.ledger} /> : null}
      {form === "return" ? <ReturnFormView ledger={ledger.ledger} /> : null}
    </section>
  );
}
