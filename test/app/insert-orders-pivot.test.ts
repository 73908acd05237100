import { ORDERS_PIVOT_SHEET, insertOrdersPivot, ordersPivotSpec } from "../../src/app/insert-orders-pivot";
import { generateReport } from "../../src/app/generate-report";
import { describeIssue } from "../../src/core/i18n";
import { ledgerTableSpecs } from "../../src/core/ledger-tables";
import type { LedgerInput } from "../../src/core/schemas/records";
import { MemoryPort } from "../builders/memory-port";
import { smallLedgerInput } from "../builders/report-fixtures";
import { FakeExcel } from "../excel-fake";
import { portOn } from "../hosts/excel/fixtures";

/** The small ledger without its cancelled line, each customer spelled one way (the PivotTable groups cells as written). */
function cleanInput(): LedgerInput {
  const input = smallLedgerInput();
  const spell = (name: string) => name.replace("(集团)", "（集团）");
  return { ...input, orders: input.orders.filter((o) => o.status !== "已取消").map((o) => ({ ...o, customer: spell(o.customer) })) };
}

/** A fake workbook converted to a ledger (the six tables), on ExcelApi `version`. */
async function ledgerFake(version = "1.17"): Promise<FakeExcel> {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1");
  const port = portOn(fake);
  for (const spec of ledgerTableSpecs(cleanInput())) {
    const r = await port.createTable(spec);
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  fake.apiVersion = version;
  return fake;
}

function column(fake: FakeExcel, sheet: string, col: number, from: number, to: number): unknown[] {
  return Array.from({ length: to - from + 1 }, (_, i) => fake.cell(sheet, from + i, col).value);
}

test("inserts the Orders PivotTable on its own sheet: title text, filters, customers × models, totals equal to the 月报's", async () => {
  const fake = await ledgerFake();
  const port = portOn(fake);
  expect(await insertOrdersPivot(port, { locale: "zh-CN" })).toEqual({ ok: true, value: { sheet: ORDERS_PIVOT_SHEET, replaced: false } });
  const s = ORDERS_PIVOT_SHEET;
  expect(fake.cell(s, 0, 0)).toEqual({ value: "订单数据透视表（来源：订单表。订单变动后，在透视表上右键 ▸ 刷新）", numberFormat: "General" });
  expect([column(fake, s, 0, 2, 5), column(fake, s, 1, 2, 4)]).toEqual([["状态", "仓库", "区域", null], ["(All)", "(All)", "(All)"]]);
  expect([0, 1, 2].map((c) => column(fake, s, c, 6, 14))).toMatchInlineSnapshot(`
[
  [
    "Row Labels",
    "长沙华兴商贸有限公司",
    "XY-100",
    "XY-200",
    "郑州宏达（集团）",
    "XY-200",
    "ZK-5",
    "Grand Total",
    null,
  ],
  [
    "数量合计",
    18,
    14,
    4,
    32,
    2,
    30,
    50,
    null,
  ],
  [
    "金额合计（元）",
    2682,
    1680,
    1002,
    1491,
    501,
    990,
    4173,
    null,
  ],
]
`);
  expect(fake.cell(s, 13, 2).numberFormat).toBe("#,##0.00");
  const monthly = await generateReport(port, undefined, { kind: "monthly", period: "2025-03" });
  if (!monthly.ok || monthly.value.data.kind !== "monthly") throw new Error("no monthly report");
  expect([fake.cell(s, 13, 1).value, Math.round((fake.cell(s, 13, 2).value as number) * 100)]).toEqual([monthly.value.data.totals.qty, monthly.value.data.totals.amountFen]);
  const sheets = await port.listSheets();
  expect(sheets.filter((x) => x.name === s).map((x) => x.ownedKind)).toEqual(["pivot"]);
  expect(fake.sheet("订单")?.pivots).toEqual([]);
});

test("inserting again replaces the add-in's own sheet in place, with one PivotTable", async () => {
  const fake = await ledgerFake();
  const port = portOn(fake);
  await insertOrdersPivot(port, { locale: "zh-CN" });
  const before = fake.sheetNames();
  expect(await insertOrdersPivot(port, { locale: "en-US" })).toEqual({ ok: true, value: { sheet: ORDERS_PIVOT_SHEET, replaced: true } });
  expect(fake.sheetNames()).toEqual(before);
  expect(fake.sheets.filter((x) => !x.deleted).flatMap((x) => x.pivots.map((p) => [x.name, p.name, p.data.map((d) => d.name)]))).toEqual([[ORDERS_PIVOT_SHEET, "OrdersPivot", ["Total qty", "Total amount (yuan)"]]]);
  expect(fake.cell(ORDERS_PIVOT_SHEET, 0, 0).value).toBe("Orders PivotTable (source: the orders table; after orders change, right-click the PivotTable ▸ Refresh)");
});

test("refuses a clerk's sheet called 订单透视, writing nothing", async () => {
  const fake = await ledgerFake();
  fake.addSheet(ORDERS_PIVOT_SHEET, [["我的透视"]]);
  const r = await insertOrdersPivot(portOn(fake), { locale: "zh-CN" });
  expect(r).toEqual({ ok: false, issues: [{ code: "sheet.userSheetExists", params: { sheet: ORDERS_PIVOT_SHEET } }] });
  expect(fake.cell(ORDERS_PIVOT_SHEET, 0, 0).value).toBe("我的透视");
  expect(fake.sheets.flatMap((x) => x.pivots)).toEqual([]);
});

test("without the Orders table (not converted yet): pivot.noSourceTable, nothing written", async () => {
  const fake = new FakeExcel();
  fake.addSheet("销售明细", [["日期", "客户", "金额"]]);
  const r = await insertOrdersPivot(portOn(fake), { locale: "zh-CN" });
  expect(r).toEqual({ ok: false, issues: [{ code: "pivot.noSourceTable", params: { table: "Orders" } }] });
  expect(fake.sheetNames()).toEqual(["销售明细"]);
  if (!r.ok) expect(describeIssue(r.issues[0] as never)).toMatchInlineSnapshot(`"还没有订单表（Orders）：请先在「台账设置」里把工作簿转换为台账，再插入数据透视表。"`);
});

test("on an Excel without ExcelApi 1.8, and on a port without PivotTables: pivot.unsupported, nothing written", async () => {
  const fake = await ledgerFake("1.7");
  const names = fake.sheetNames();
  const r = await insertOrdersPivot(portOn(fake), { locale: "zh-CN" });
  expect(r).toEqual({ ok: false, issues: [{ code: "pivot.unsupported" }] });
  expect(fake.sheetNames()).toEqual(names);
  const memory = new MemoryPort();
  for (const spec of ledgerTableSpecs(cleanInput())) await memory.createTable(spec);
  expect(await insertOrdersPivot(memory, { locale: "en-US" })).toEqual({ ok: false, issues: [{ code: "pivot.unsupported" }] });
  expect(memory.sheets.length).toBe(6);
  expect([describeIssue({ code: "pivot.unsupported" }), describeIssue({ code: "pivot.unsupported" }, "en-US")]).toMatchInlineSnapshot(`
[
  "此版本的 Excel 不支持插入数据透视表（需要 Excel 2019、Microsoft 365 或网页版 Excel）。日报、月报、年报照常可用。",
  "This version of Excel cannot insert PivotTables (it needs Excel 2019, Microsoft 365 or Excel on the web). The daily, monthly and annual reports work as before.",
]
`);
});

test("a renamed value column is named in the issue; a removed filter column is just left out", async () => {
  const fake = new FakeExcel();
  fake.addSheet("订单", [["客户", "型号", "数量", "金额(元)", "状态"], ["甲", "A", 1, 10, "已确认"]]);
  fake.addTable("订单", "Orders", { row: 0, col: 0, rows: 2, cols: 5 });
  const port = portOn(fake);
  expect(await insertOrdersPivot(port, { locale: "zh-CN" })).toEqual({ ok: false, issues: [{ code: "pivot.missingColumn", params: { header: "金额" } }] });
  fake.type("订单", 0, 3, "金额");
  expect(await insertOrdersPivot(port, { locale: "zh-CN" })).toMatchObject({ ok: true });
  expect(fake.sheet(ORDERS_PIVOT_SHEET)?.pivots.map((p) => p.filters)).toEqual([["状态"]]);
});

test("the spec: rows 客户 then 型号, 数量 and 金额 summed (金额 in the money format), filters 状态 / 仓库 / 区域", () => {
  const spec = ordersPivotSpec("zh-CN");
  expect([spec.sourceTable, spec.rows, spec.values.map((v) => [v.header, v.numberFormat ?? null, v.label]), spec.filters]).toEqual([
    "Orders",
    ["客户", "型号"],
    [["数量", null, "数量合计"], ["金额", "#,##0.00", "金额合计（元）"]],
    ["状态", "仓库", "区域"],
  ]);
});
