/**
 * 报表 ▸ 插入数据透视表（订单）: the card says what the button does, names the sheet on success, and
 * where PivotTables cannot be made shows why with the button disabled. Rendered to HTML
 * (react-dom/server); the outcomes come from the pane's own `insertPivot`.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Locale } from "../../src/core/i18n";
import { ledgerTableSpecs } from "../../src/core/ledger-tables";
import { uiText } from "../../taskpane/i18n";
import { insertPivot } from "../../taskpane/ledger-api";
import { OrdersPivotCard, type PivotOutcome } from "../../taskpane/screens/orders-pivot-card";
import { MemoryPort } from "../builders/memory-port";
import { smallLedgerInput } from "../builders/report-fixtures";
import { FakeExcel } from "../excel-fake";
import { portOn } from "../hosts/excel/fixtures";
import type { WorkbookPort } from "../../src/app/workbook-port";

function render(port: WorkbookPort, locale: Locale, initial?: PivotOutcome): { text: string; disabled: boolean } {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <OrdersPivotCard port={port} ui={uiText(locale)} locale={locale} {...(initial ? { initial } : {})} />
    </FluentProvider>,
  );
  const button = /<button[^>]*data-testid="run-pivot"[^>]*>/.exec(html)?.[0] ?? "";
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<(div|li|span|button)[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
  return { text, disabled: /disabled=""|aria-disabled="true"/.test(button) };
}

async function ledgerPort(): Promise<WorkbookPort> {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1");
  const port = portOn(fake);
  for (const spec of ledgerTableSpecs(smallLedgerInput())) await port.createTable(spec);
  return port;
}

test("on Excel: the explanation, the button enabled, then the sheet named", async () => {
  const port = await ledgerPort();
  expect(render(port, "zh-CN")).toMatchInlineSnapshot(`
{
  "disabled": false,
  "text": "在新工作表「订单透视」里按客户、型号汇总订单数量和金额，可按状态、仓库、区域筛选，方便自己再拖字段细分。
插入数据透视表（订单）",
}
`);
  const r = await insertPivot(port, "zh-CN");
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(render(port, "zh-CN", { kind: "done", ...r.value }).text.split("\n").at(-1)).toBe("已插入数据透视表：工作表「订单透视」");
  const again = await insertPivot(port, "en-US");
  if (!again.ok) throw new Error(JSON.stringify(again.issues));
  expect(render(port, "en-US", { kind: "done", ...again.value }).text.split("\n").at(-1)).toBe('Updated the PivotTable on sheet "订单透视"');
});

test("a port without PivotTables: the button disabled with the reason; Excel without ExcelApi 1.8: the reason, then disabled", async () => {
  const memory = new MemoryPort();
  const shown = render(memory, "zh-CN");
  expect(shown.disabled).toBe(true);
  expect(shown.text.split("\n").at(-1)).toBe("当前环境不能插入数据透视表（需要 Excel 2019、Microsoft 365 或网页版 Excel）。");
  const r = await insertPivot(memory, "zh-CN");
  expect(r).toEqual({ ok: false, issues: [{ code: "pivot.unsupported" }] });
  const port = await ledgerPort();
  const after = render(port, "en-US", { kind: "issues", issues: r.ok ? [] : r.issues });
  expect(after.disabled).toBe(true);
  expect(after.text.split("\n").at(-1)).toBe("This version of Excel cannot insert PivotTables (it needs Excel 2019, Microsoft 365 or Excel on the web). The daily, monthly and annual reports work as before.");
});
