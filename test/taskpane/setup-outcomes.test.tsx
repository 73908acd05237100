/**
 * 台账设置's preview and convert result show every warning (counted, each with its cell) and the
 * column choices the import is not sure of, first; an uncertain field's dropdown says so. Rendered to
 * HTML (react-dom/server); the plan comes from the pane's own `detectSheets` / `convertLedger`.
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Locale } from "../../src/core/i18n";
import type { UncertainChoice } from "../../src/core/import/types";
import { uiText } from "../../taskpane/i18n";
import { PaneContext, type PaneContextValue } from "../../taskpane/pane-context";
import { convertLedger, detectSheets } from "../../taskpane/ledger-api";
import { ConvertedView, PreviewView, UncertainList } from "../../taskpane/screens/setup-screen";
import { MemoryPort } from "../builders/memory-port";
import type { PaneServices } from "../../taskpane/services";

function textOf(el: ReactElement, locale: Locale = "zh-CN"): string {
  const ctx = { services: {} as PaneServices, locale, ui: uiText(locale), ledger: { status: "loading" }, reload: async () => undefined } satisfies PaneContextValue;
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={ctx}>{el}</PaneContext.Provider>
    </FluentProvider>,
  );
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<(div|li|span|button)[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
}

const port = (): MemoryPort =>
  new MemoryPort({
    sheets: [
      { name: "客户", rows: [["客户名称", "联系人"], ["长沙华兴", "王"]] },
      {
        name: "3月",
        rows: [
          ["日期", "客户", "型号", "数量", "单价", "金额"],
          ["2025-03-05", "长沙华兴", "XY-100", 2, 10, 25],
          ["2025-03-06", "西安新客户", "XY-100", 1, 10, 10],
        ],
      },
    ],
  });

const QTY_UNSURE: UncertainChoice = { field: "qty", chosen: { col: 3, header: "数量" }, alternatives: [{ col: 6, header: "未交数量" }], reason: { code: "import.reason.fieldsFound", params: { role: "orders", fields: "qty" } } };

test("the preview counts the warnings and lists each with its sheet, row and column", async () => {
  const plan = await detectSheets(port());
  expect(textOf(<PreviewView preview={plan.preview} />)).toMatchInlineSnapshot(`
"预览结果
客户（客户）：导入 1 行，拒收 0 行，跳过 0 行
3月（订单）：导入 2 行，拒收 0 行，跳过 0 行
没有被拒收的行。
提醒（3 条，已导入的行照常导入，请核对）
「3月」 第 2 行 F 列 （金额）：金额 25 与 数量×单价 20 不一致，以表中金额为准
「3月」 第 3 行 B 列 （客户）：客户「西安新客户」不在客户表中，已自动添加
工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）"
`);
});

test("uncertain choices are listed first with how to settle them (hand-made, before the inference fills them in)", async () => {
  const plan = await detectSheets(port());
  expect(textOf(<UncertainList items={[{ sheet: "3月", choice: QTY_UNSURE }]} />)).toMatchInlineSnapshot(`
"有 1 处列对应没有把握，请先确认：
「3月」数量：用了 D 列「数量」，也可能是 G 列「未交数量」（识别为订单：找到的列 数量）。请在这张表的「列对应」里确认或改选「数量」"
`);
  expect(textOf(<UncertainList items={plan.preview.uncertain} />)).toBe("");
});

test("the convert result says how many warnings and lists them", async () => {
  const r = await convertLedger(port(), { roles: {}, mappings: {} }, "zh-CN");
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(textOf(<ConvertedView summary={r.value} />)).toMatchInlineSnapshot(`
"转换完成已生成：客户（台账）、产品、订单、回款、退货、对账、导入问题。订单 2 行，回款 0 笔，拒收 0 行（见「导入问题」表）。 另有 3 条提醒，见下方及「导入问题」表。
提醒（3 条，已导入的行照常导入，请核对）
「3月」 第 2 行 F 列 （金额）：金额 25 与 数量×单价 20 不一致，以表中金额为准
「3月」 第 3 行 B 列 （客户）：客户「西安新客户」不在客户表中，已自动添加
工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）"
`);
});
