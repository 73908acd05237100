/**
 * The 导入 screen's convert on a workbook whose Name Manager already holds a ledger table's name:
 * `convertLedger` (what the convert button runs) on the Excel host refuses before writing, and the
 * screen's failure list (`IssueList`, rendered to HTML: no browser) says so in the clerk's words.
 */
import ExcelJS from "exceljs";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { IssueList } from "../../taskpane/components/issue-list";
import { uiText } from "../../taskpane/i18n";
import { convertLedger } from "../../taskpane/ledger-api";
import { fromXlsx } from "../excel-fake";

it("a named range called `orders` stops the convert with one message and no sheet added", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("销售");
  ws.addRow(["日期", "客户", "型号", "数量", "金额"]);
  ws.addRow([new Date(Date.UTC(2025, 2, 5)), "长沙华兴", "XY-100", 2, 240]);
  wb.definedNames.add("销售!$A$1:$E$2", "orders");
  const fake = await fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
  const r = await convertLedger(port, { roles: {}, mappings: {} }, "zh-CN");
  expect([r.ok, fake.sheetNames(), fake.tables.length]).toEqual([false, ["销售"], 0]);
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <IssueList issues={r.ok ? [] : r.issues} locale="zh-CN" title={uiText("zh-CN")("setup.convertFailed")} />
    </FluentProvider>,
  );
  const text = html.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<li[^>]*>/g, "\n• ").replace(/<[^>]+>/g, "").trim();
  expect(text).toMatchInlineSnapshot(`
"没有转换
• 无法创建表格「Orders」：工作簿里已有同名的表格或名称（公式 ▸ 名称管理器）。请改名后再试"
`);
});
