/**
 * The 对账 screen lists confirmation breaches (a confirmed balance the ledger no longer gives) in the
 * clerk's words: the ledger is loaded as the pane loads it (`loadLedgerState` over a workbook whose
 * confirmed period was edited), and the screen is rendered to HTML (react-dom/server: no browser).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Locale } from "../../src/core/i18n";
import { Ledger } from "../../src/core/ledger";
import { ledgerTableSpecs } from "../../src/core/ledger-tables";
import { uiText } from "../../taskpane/i18n";
import { loadLedgerState } from "../../taskpane/ledger-api";
import { PaneContext, type LedgerState } from "../../taskpane/pane-context";
import { ReconcileScreen } from "../../taskpane/screens/reconcile-screen";
import { breachRows } from "../../taskpane/confirmation-breaches";
import { aCustomer, anOrder, aPayment, ledgerInput } from "../builders/ledger-builder";
import { MemoryPort } from "../builders/memory-port";

const TODAY = "2025-04-02";

/** A converted workbook where two confirmed balances were later contradicted and one still holds. */
async function editedWorkbook(): Promise<MemoryPort> {
  const port = new MemoryPort();
  const input = ledgerInput({
    customers: [aCustomer({ name: "长沙华兴商贸", terms: "月结" }), aCustomer({ name: "郑州宏达（集团）", terms: "月结" }), aCustomer({ name: "西安秦川电器", terms: "月结" })],
    orders: [
      anOrder({ customer: "长沙华兴商贸", date: "2025-03-05", qty: 10, priceFen: 10_000, amountFen: 100_000 }),
      // Entered after 长沙华兴商贸 confirmed 1,000.00 up to 03-25, dated inside that period.
      anOrder({ customer: "长沙华兴商贸", date: "2025-03-20", qty: 1, priceFen: 15_000, amountFen: 15_000 }),
      anOrder({ customer: "郑州宏达（集团）", date: "2025-02-10", qty: 5, priceFen: 10_000, amountFen: 50_000 }),
      anOrder({ customer: "西安秦川电器", date: "2025-03-01", qty: 2, priceFen: 10_000, amountFen: 20_000 }),
    ],
    payments: [aPayment({ customer: "郑州宏达（集团）", date: "2025-02-20", amountFen: 20_000 })],
    confirmations: [
      { customer: "长沙华兴商贸", asOf: "2025-03-25", balanceFen: 100_000, status: "已确认" },
      { customer: "郑州宏达（集团）", asOf: "2025-02-25", balanceFen: 50_000, status: "已确认" },
      { customer: "西安秦川电器", asOf: "2025-03-25", balanceFen: 20_000, status: "已确认" },
    ],
  });
  for (const spec of ledgerTableSpecs(input)) await port.createTable(spec);
  return port;
}

/** The 对账 screen as HTML, with `ledger` loaded. */
function renderScreen(ledger: LedgerState, locale: Locale): string {
  return renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={{ services: { port: new MemoryPort(), locale, today: () => TODAY }, locale, ui: uiText(locale), ledger, reload: async () => undefined }}>
        <ReconcileScreen />
      </PaneContext.Provider>
    </FluentProvider>,
  );
}

/** The breach warning's text on the 对账 screen (tags dropped, one line per list item; "" when absent). */
function screenText(ledger: LedgerState, locale: Locale): string {
  const html = renderScreen(ledger, locale);
  const list = /<div[^>]*data-testid="confirmation-breaches"[\s\S]*?<\/ul>[\s\S]*?<\/span>/.exec(html)?.[0] ?? "";
  return list
    .replace(/<li[^>]*>/g, "\n• ")
    .replace(/<\/ul>/g, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

describe("对账 screen: confirmation breaches", () => {
  test("breaches from loading the workbook are listed with customer, period end, confirmed and current balance (zh-CN, en-US)", async () => {
    const state = await loadLedgerState(await editedWorkbook());
    if (state.status !== "ready") throw new Error("not loaded");
    expect(breachRows(state.issues)).toEqual([
      { customer: "郑州宏达（集团）", asOf: "2025-02-25", confirmed: "500.00", current: "300.00", difference: "-200.00" },
      { customer: "长沙华兴商贸", asOf: "2025-03-25", confirmed: "1,000.00", current: "1,150.00", difference: "150.00" },
    ]);
    expect(screenText(state, "zh-CN")).toMatchInlineSnapshot(`
"2 笔客户已确认的对账余额与现在的账面不一致
• 「郑州宏达（集团）」截至 2025-02-25：客户已确认 500.00 元，现账面 300.00 元（相差 -200.00 元）
• 「长沙华兴商贸」截至 2025-03-25：客户已确认 1,000.00 元，现账面 1,150.00 元（相差 150.00 元）
对账期内的订单、回款或退货被改动过。请核对改动；确需更改时，请与客户重新对账。"
`);
    expect(screenText(state, "en-US")).toMatchInlineSnapshot(`
"Confirmed balances the ledger no longer agrees with: 2
• 郑州宏达（集团）, up to 2025-02-25: confirmed 500.00, ledger now 300.00 (difference -200.00)
• 长沙华兴商贸, up to 2025-03-25: confirmed 1,000.00, ledger now 1,150.00 (difference 150.00)
An order, payment or return inside the confirmed period was changed. Check the change; if it stands, reconcile with the customer again."
`);
  });

  test("no breaches: no warning on the screen", async () => {
    const port = new MemoryPort();
    for (const spec of ledgerTableSpecs(ledgerInput({ customers: [aCustomer({ name: "西安秦川电器" })] }))) await port.createTable(spec);
    const state = await loadLedgerState(port);
    if (state.status !== "ready") throw new Error("not loaded");
    expect(breachRows(state.issues)).toEqual([]);
    expect(screenText(state, "zh-CN")).toBe("");
    const html = renderScreen(state, "zh-CN");
    expect([html.includes('data-testid="statement-form"'), html.includes("confirmation-breaches")]).toEqual([true, false]);
  });

  test("more than ten breaches: ten shown, the rest counted", () => {
    const issues = Array.from({ length: 12 }, (_, k) => ({ code: "records.ledger.confirmationBreach", severity: "warning" as const, params: { customer: `客户${String(k).padStart(2, "0")}`, asOf: "2025-03-25", confirmed: "1.00", current: "2.00", difference: "1.00" } }));
    const text = screenText({ status: "ready", ledger: Ledger.build(ledgerInput()), converted: true, issues, tables: [] }, "zh-CN");
    expect(text.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(11);
    expect(text).toContain("• 还有 2 条未显示");
  });
});
