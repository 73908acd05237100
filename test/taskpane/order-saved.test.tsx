/**
 * The order form's saved message tells the clerk the final order number and, when other panes took
 * the generated one at the same moment, that it was renumbered (she writes the number on paperwork).
 * Saved through the pane's own `submitOrder`; the message rendered to HTML (react-dom/server).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, MessageBar, webLightTheme } from "@fluentui/react-components";
import type { Locale } from "../../src/core/i18n";
import { LEDGER_TABLE_ORDER, ledgerTableSpec } from "../../src/core/ledger-tables";
import { emptyOrderForm, orderNoNotes } from "../../taskpane/entry-forms";
import { uiText } from "../../taskpane/i18n";
import { submitOrder } from "../../taskpane/ledger-api";
import { OrderSavedBody } from "../../taskpane/screens/order-form";
import { entryLedger } from "../core/entry/fixture";
import { MemoryPort } from "../builders/memory-port";

const TODAY = "2025-03-10";

function savedText(saved: Parameters<typeof OrderSavedBody>[0]["saved"], locale: Locale): string {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <MessageBar>
        <OrderSavedBody saved={saved} ui={uiText(locale)} locale={locale} />
      </MessageBar>
    </FluentProvider>,
  );
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<div[^>]*data-testid="order-no-note"[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .trim();
}

describe("order form: the saved message", () => {
  test("an order renumbered because another pane took its number at the same moment: the final number and why", async () => {
    const port = new MemoryPort();
    for (const kind of LEDGER_TABLE_ORDER) await port.createTable(ledgerTableSpec(kind, []));
    const stale = entryLedger(); // both panes read the ledger before either saved
    const form = { ...emptyOrderForm(TODAY), customer: "长沙华兴商贸", model: "XY-100", qty: "1" };
    const first = await submitOrder(port, { ...form, notes: "甲" }, "", stale, TODAY);
    const second = await submitOrder(port, { ...form, notes: "乙" }, "", stale, TODAY);
    if (!first.ok || !second.ok) throw new Error("not saved");
    expect([first.value.orderNo, orderNoNotes(first.value.warnings)]).toEqual(["XS20250310-001", []]);
    expect(savedText(first.value, "zh-CN")).toMatchInlineSnapshot(`"已保存订单 XS20250310-001，金额 ¥120.00。"`);
    expect(savedText(second.value, "zh-CN")).toMatchInlineSnapshot(`
"已保存订单 XS20250310-002，金额 ¥120.00。
订单号 XS20250310-001 已被他人同时使用，已改为 XS20250310-002"
`);
    expect(savedText(second.value, "en-US")).toMatchInlineSnapshot(`
"Saved order XS20250310-002, amount ¥120.00.
Order number XS20250310-001 was taken by someone else at the same moment; this order is now XS20250310-002"
`);
  });

  test("other warnings of the order (already shown while typing) are not repeated", () => {
    const warnings = [{ code: "entry.customer.unknown", at: { field: "customer" }, params: { customer: "新客户" }, severity: "warning" as const }];
    expect(orderNoNotes(warnings)).toEqual([]);
    expect(savedText({ orderNo: "XS20250310-003", amountFen: 12_000, warnings }, "zh-CN")).toMatchInlineSnapshot(`"已保存订单 XS20250310-003，金额 ¥120.00。"`);
  });
});
