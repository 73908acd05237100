/**
 * Use case 插入数据透视表（订单）: a native Excel PivotTable over the 订单 table, beside the
 * computed reports, for clerks who want to slice further themselves. Only a host with
 * `createPivotTable` (Excel with ExcelApi 1.8: Excel 2019, Microsoft 365, Excel on the web) can
 * make one; elsewhere the use case fails with `pivot.unsupported` and nothing is written.
 */
import { t, type Locale } from "../core/i18n";
import { LEDGER_TABLES, MONEY_FORMAT } from "../core/ledger-tables";
import { fail, ok, type Issue, type Result } from "../core/result";
import { normalizeText } from "../core/text";
import type { PivotSpec, WorkbookPort } from "./workbook-port";

/** The sheet holding the PivotTable. Like the report sheets' names it is Chinese in every locale: it is how the add-in finds (and replaces) its own sheet. */
export const ORDERS_PIVOT_SHEET = "订单透视";
/** Name of the PivotTable itself (Excel shows it in PivotTable Analyze ▸ PivotTable Name). */
export const ORDERS_PIVOT_NAME = "OrdersPivot";

/** What was inserted. */
export interface InsertOrdersPivotOutcome {
  readonly sheet: string;
  /** True when the add-in's earlier PivotTable sheet was replaced. */
  readonly replaced: boolean;
}

function header(field: string): string {
  const column = LEDGER_TABLES.orders.columns.find((c) => c.field === field);
  if (!column) throw new Error(`orders table has no field ${field}`);
  return column.header;
}

/**
 * The PivotTable over the Orders table: rows 客户 then 型号 (the 月报's detail order), values
 * 数量 and 金额 summed (金额 in the table's money format), and report filters 状态, 仓库, 区域.
 * 状态 first because the computed reports leave 已取消 lines out and a clerk matches them by
 * unticking it; 仓库 and 区域 because that is how collections are grouped and how managers ask.
 * Dates are left for the clerk to drag in (Excel groups them by month there).
 * @example ordersPivotSpec("zh-CN").rows // ["客户", "型号"]
 */
export function ordersPivotSpec(locale: Locale): PivotSpec {
  return {
    sheetName: ORDERS_PIVOT_SHEET,
    pivotName: ORDERS_PIVOT_NAME,
    sourceTable: LEDGER_TABLES.orders.tableName,
    rows: [header("customer"), header("model")],
    values: [
      { header: header("qty"), label: t("reports.pivot.qty", {}, locale) },
      { header: header("amountFen"), numberFormat: MONEY_FORMAT, label: t("reports.pivot.amount", {}, locale) },
    ],
    filters: [header("status"), header("warehouse"), header("region")],
    title: t("reports.pivot.title", {}, locale),
  };
}

/**
 * Insert (or replace) the 订单透视 sheet. Fails with `pivot.unsupported` (no PivotTables on this
 * host), `pivot.noSourceTable` (no Orders table: the ledger is not converted yet),
 * `pivot.missingColumn` (the clerk removed or renamed a row/value column) or
 * `sheet.userSheetExists` (the clerk has a sheet of that name). Filter columns the clerk removed are
 * just left out. Fields are named by the table's own header text as found.
 * @example const r = await insertOrdersPivot(port, { locale: "zh-CN" }); // r.value.sheet === "订单透视"
 */
export async function insertOrdersPivot(port: WorkbookPort, options: { readonly locale: Locale }): Promise<Result<InsertOrdersPivotOutcome>> {
  if (!port.createPivotTable) return fail({ code: "pivot.unsupported" });
  const spec = ordersPivotSpec(options.locale);
  const tables = await port.listTables();
  const orders = tables.find((x) => x.name.toLowerCase() === spec.sourceTable.toLowerCase());
  if (!orders) return fail({ code: "pivot.noSourceTable", params: { table: spec.sourceTable } });
  const actual = (h: string): string | undefined => orders.headers.find((x) => normalizeText(x) === h);
  const missing = [...spec.rows, ...spec.values.map((v) => v.header)].filter((h) => actual(h) === undefined);
  if (missing.length > 0) {
    const [first, ...rest] = missing.map((h): Issue => ({ code: "pivot.missingColumn", params: { header: h } }));
    return fail(first as Issue, ...rest);
  }
  const written = await port.createPivotTable({
    ...spec,
    sourceTable: orders.name,
    rows: spec.rows.map((h) => actual(h) as string),
    values: spec.values.map((v) => ({ ...v, header: actual(v.header) as string })),
    filters: (spec.filters ?? []).flatMap((h) => actual(h) ?? []),
  });
  if (written.ok) return ok({ sheet: spec.sheetName, replaced: written.replaced });
  switch (written.code) {
    case "sheet.userSheetExists":
      return fail({ code: written.code, params: { sheet: written.sheet } });
    case "pivot.noSourceTable":
      return fail({ code: written.code, params: { table: written.table } });
    default:
      return fail({ code: written.code });
  }
}
