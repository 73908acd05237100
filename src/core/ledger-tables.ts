/**
 * The ledger tables the add-in creates (客户, 产品, 订单, 回款, 退货, 对账): their columns
 * (Chinese header, English field, number format, validation) and the conversions record ↔ row.
 * In the sheet, money is yuan (`#,##0.00`) and dates are real dates; in memory, fen and ISO strings.
 */
import { fail, ok, type Issue, type Result } from "./result";
import {
  Confirmation,
  Customer,
  OrderLine,
  Payment,
  Product,
  ReturnRecord,
  type LedgerInput,
} from "./schemas/records";
import { fenToYuan, parseMoney } from "./money";
import { parseDate } from "./dates";
import { normalizeText } from "./text";
import { columnLetter } from "./sheet-spec";
import type { ColumnValidation, TableColumnSpec, TableSpec, RawCell, WriteCell } from "./table-spec";

export type { RawCell, WriteCell, ColumnValidation, TableColumnSpec, TableSpec } from "./table-spec";

/** Which ledger table. */
export type LedgerTableKind = "customers" | "products" | "orders" | "payments" | "returns" | "confirmations";

/** How a column's cell is converted. */
export type CellKind = "text" | "money" | "date" | "number" | "bool" | "int";

/** One ledger column: what the sheet shows and how the value converts. */
export interface LedgerColumn extends TableColumnSpec {
  readonly kind: CellKind;
}

/** A ledger table's fixed shape. */
export interface LedgerTableDef {
  readonly kind: LedgerTableKind;
  readonly sheetName: string;
  readonly tableName: string;
  readonly columns: readonly LedgerColumn[];
}

/** Number format of money cells (yuan). */
export const MONEY_FORMAT = "#,##0.00";
/** Number format of date cells. */
export const DATE_FORMAT = "yyyy-mm-dd";

const positive: ColumnValidation = { type: "decimal", min: 0 };
const date: ColumnValidation = { type: "date" };

function col(header: string, field: string, kind: CellKind, width: number, validation?: ColumnValidation): LedgerColumn {
  const numberFormat = kind === "money" ? MONEY_FORMAT : kind === "date" ? DATE_FORMAT : kind === "text" ? "@" : kind === "int" ? "0" : kind === "number" ? "General" : undefined;
  return { header, field, kind, width, ...(numberFormat ? { numberFormat } : {}), ...(validation ? { validation } : {}) };
}

const sourceColumns = [col("来源表", "sourceSheet", "text", 12), col("来源行", "sourceRow", "int", 8)] as const;

/** The six ledger tables, in the order they are created. */
export const LEDGER_TABLES: Readonly<Record<LedgerTableKind, LedgerTableDef>> = {
  customers: {
    kind: "customers",
    sheetName: "客户",
    tableName: "Customers",
    columns: [
      col("客户名称", "name", "text", 24),
      col("客户编码", "code", "text", 12),
      col("区域", "region", "text", 10),
      col("仓库", "warehouse", "text", 10),
      col("结算方式", "terms", "text", 10, { type: "list", values: ["月结", "款到发货", "现结"] }),
      col("信用额度", "creditLimitFen", "money", 14, positive),
      col("账期天数", "paymentDays", "int", 10, { type: "wholeNumber", min: 0 }),
      col("联系人", "contact", "text", 10),
      col("电话", "phone", "text", 14),
      col("地址", "address", "text", 28),
      col("客户分类", "class", "text", 10),
      col("期初应收", "openingBalanceFen", "money", 14),
      col("期初日期", "openingDate", "date", 12, date),
      col("由交易推导", "derived", "bool", 10, { type: "list", values: ["是", "否"] }),
    ],
  },
  products: {
    kind: "products",
    sheetName: "产品",
    tableName: "Products",
    columns: [
      col("型号", "model", "text", 18),
      col("系列", "series", "text", 12),
      col("品名", "name", "text", 24),
      col("单位", "unit", "text", 8),
      col("单价", "priceFen", "money", 12, positive),
      col("需审批", "needsApproval", "bool", 8, { type: "list", values: ["是", "否"] }),
      col("由交易推导", "derived", "bool", 10, { type: "list", values: ["是", "否"] }),
    ],
  },
  orders: {
    kind: "orders",
    sheetName: "订单",
    tableName: "Orders",
    columns: [
      col("订单号", "orderNo", "text", 14),
      col("日期", "date", "date", 12, date),
      col("客户", "customer", "text", 22),
      col("型号", "model", "text", 16),
      col("数量", "qty", "number", 10),
      col("单价", "priceFen", "money", 12, positive),
      col("折扣", "discount", "number", 8, { type: "decimal", min: 0, max: 1 }),
      col("金额", "amountFen", "money", 14),
      col("仓库", "warehouse", "text", 10),
      col("区域", "region", "text", 10),
      col("状态", "status", "text", 10, { type: "list", values: ["已接单", "已确认", "已发货", "已签收", "已取消"] }),
      col("承运商", "carrier", "text", 12),
      col("运单号", "trackingNo", "text", 16),
      col("发货日期", "shipDate", "date", 12, date),
      col("备注", "notes", "text", 20),
      ...sourceColumns,
    ],
  },
  payments: {
    kind: "payments",
    sheetName: "回款",
    tableName: "Payments",
    columns: [
      col("日期", "date", "date", 12, date),
      col("客户", "customer", "text", 22),
      col("金额", "amountFen", "money", 14),
      col("方式", "method", "text", 10),
      col("账户", "account", "text", 12),
      col("凭证号", "ref", "text", 14),
      col("备注", "notes", "text", 20),
      col("折让", "allowance", "bool", 8, { type: "list", values: ["是", "否"] }),
      ...sourceColumns,
    ],
  },
  returns: {
    kind: "returns",
    sheetName: "退货",
    tableName: "Returns",
    columns: [
      col("日期", "date", "date", 12, date),
      col("客户", "customer", "text", 22),
      col("订单号", "orderNo", "text", 14),
      col("型号", "model", "text", 16),
      col("数量", "qty", "number", 10, positive),
      col("金额", "amountFen", "money", 14, positive),
      col("原因", "reason", "text", 20),
      col("处理结果", "resolution", "text", 14),
      ...sourceColumns,
    ],
  },
  confirmations: {
    kind: "confirmations",
    sheetName: "对账",
    tableName: "Confirmations",
    columns: [
      col("客户", "customer", "text", 22),
      col("截止日期", "asOf", "date", 12, date),
      col("确认余额", "balanceFen", "money", 14),
      col("状态", "status", "text", 10, { type: "list", values: ["已发送", "已确认", "有异议"] }),
      col("日期", "date", "date", 12, date),
      col("差额", "differenceFen", "money", 14),
      col("备注", "notes", "text", 20),
    ],
  },
};

/** Table kinds in creation order (masters first so validation lists can point at them). */
export const LEDGER_TABLE_ORDER: readonly LedgerTableKind[] = ["customers", "products", "orders", "payments", "returns", "confirmations"];

type Rec = Readonly<Record<string, unknown>>;

function toCell(kind: CellKind, v: unknown): WriteCell {
  if (v === undefined || v === null) return null;
  switch (kind) {
    case "money":
      return typeof v === "number" ? fenToYuan(v) : null;
    case "date":
      return typeof v === "string" ? { date: v } : null;
    case "bool":
      return v === true ? "是" : "否";
    case "number":
    case "int":
      return typeof v === "number" ? v : null;
    default:
      return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
  }
}

function recordToRow(kind: LedgerTableKind, rec: Rec): WriteCell[] {
  const source = rec.source as { sheet: string; row: number } | undefined;
  return LEDGER_TABLES[kind].columns.map((c) => {
    if (c.field === "sourceSheet") return source?.sheet ?? null;
    if (c.field === "sourceRow") return source?.row ?? null;
    return toCell(c.kind, rec[c.field]);
  });
}

/** A customer as a 客户 table row. */
export function customerToRow(c: Customer): WriteCell[] {
  return recordToRow("customers", c);
}
/** A product as a 产品 table row. */
export function productToRow(p: Product): WriteCell[] {
  return recordToRow("products", p);
}
/** An order line as an 订单 table row (money in yuan, dates as date cells). @example orderToRow(line)[7] // 1234.5 */
export function orderToRow(line: OrderLine): WriteCell[] {
  return recordToRow("orders", line);
}
/** A payment as a 回款 table row. */
export function paymentToRow(p: Payment): WriteCell[] {
  return recordToRow("payments", p);
}
/** A return as a 退货 table row. */
export function returnToRow(r: ReturnRecord): WriteCell[] {
  return recordToRow("returns", r);
}
/** A confirmation as an 对账 table row. */
export function confirmationToRow(c: Confirmation): WriteCell[] {
  return recordToRow("confirmations", c);
}

/** The TableSpec for one ledger table with `rows`; `lists` fill the customer/model validation lists. */
export function ledgerTableSpec(kind: LedgerTableKind, rows: readonly (readonly WriteCell[])[], lists: { customers?: readonly string[]; models?: readonly string[] } = {}): TableSpec {
  const def = LEDGER_TABLES[kind];
  const columns = def.columns.map(({ kind: _kind, ...c }): TableColumnSpec => {
    if (kind !== "customers" && c.field === "customer" && lists.customers && lists.customers.length > 0) return { ...c, validation: { type: "list", values: lists.customers } };
    if (kind !== "products" && c.field === "model" && lists.models && lists.models.length > 0) return { ...c, validation: { type: "list", values: lists.models } };
    return c;
  });
  return { sheetName: def.sheetName, tableName: def.tableName, columns, rows };
}

/** The six TableSpecs for a whole ledger input (masters, then transactions). */
export function ledgerTableSpecs(input: LedgerInput): TableSpec[] {
  const lists = { customers: input.customers.map((c) => c.name), models: input.products.map((p) => p.model) };
  return [
    ledgerTableSpec("customers", input.customers.map(customerToRow), lists),
    ledgerTableSpec("products", input.products.map(productToRow), lists),
    ledgerTableSpec("orders", input.orders.map(orderToRow), lists),
    ledgerTableSpec("payments", input.payments.map(paymentToRow), lists),
    ledgerTableSpec("returns", input.returns.map(returnToRow), lists),
    ledgerTableSpec("confirmations", input.confirmations.map(confirmationToRow), lists),
  ];
}

/** Where a table row sits, to locate issues (1-based sheet row of the first data row). */
export interface RowContext {
  readonly sheet: string;
  /** 1-based sheet row number of this row. */
  readonly row: number;
  /** 0-based sheet column of the table's first column. */
  readonly startCol?: number;
  readonly date1904?: boolean;
}

function fromCell(c: LedgerColumn, v: RawCell, ctx: RowContext, colIndex: number): Result<unknown> {
  const at = { sheet: ctx.sheet, row: ctx.row, column: columnLetter((ctx.startCol ?? 0) + colIndex), header: c.header, field: c.field };
  if (v === null || (typeof v === "string" && normalizeText(v) === "")) return ok(undefined);
  if (typeof v === "object") return fail({ code: "import.cellError", at, value: v.error });
  switch (c.kind) {
    case "money": {
      const r = parseMoney(v);
      return r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, at })) };
    }
    case "date": {
      const r = parseDate(v, { date1904: ctx.date1904 ?? false });
      return r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, at })) };
    }
    case "number":
    case "int": {
      const n = typeof v === "number" ? v : Number(normalizeText(String(v)).replace(/,/g, ""));
      return Number.isFinite(n) ? ok(n) : fail({ code: "import.notANumber", at, value: String(v) });
    }
    case "bool": {
      const s = normalizeText(String(v)).toLowerCase();
      return ok(v === true || ["是", "y", "yes", "true", "1", "√"].includes(s));
    }
    default:
      return ok(normalizeText(typeof v === "number" ? String(v) : String(v)));
  }
}

const schemas = { customers: Customer, products: Product, orders: OrderLine, payments: Payment, returns: ReturnRecord, confirmations: Confirmation } as const;

/** The record type of each ledger table. */
export interface LedgerRecordOf {
  customers: Customer;
  products: Product;
  orders: OrderLine;
  payments: Payment;
  returns: ReturnRecord;
  confirmations: Confirmation;
}

/**
 * Read one ledger-table row back into a record. `headers` are the table's header cells (columns are
 * found by header, so a clerk may reorder or add columns). Bad cells become issues located at the cell.
 */
export function rowToRecord<K extends LedgerTableKind>(kind: K, headers: readonly string[], row: readonly RawCell[], ctx: RowContext): Result<LedgerRecordOf[K]> {
  const def = LEDGER_TABLES[kind];
  const keys = headers.map((h) => normalizeText(h));
  const out: Record<string, unknown> = {};
  const issues: Issue[] = [];
  let sourceSheet: string | undefined;
  let sourceRow: number | undefined;
  for (const c of def.columns) {
    const idx = keys.findIndex((k) => k === c.header || k === c.field);
    if (idx < 0) continue;
    const r = fromCell(c, row[idx] ?? null, ctx, idx);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    if (r.value === undefined) continue;
    if (c.field === "sourceSheet") sourceSheet = String(r.value);
    else if (c.field === "sourceRow") sourceRow = Number(r.value);
    else out[c.field] = r.value;
  }
  if (issues.length > 0) return { ok: false, issues };
  if (sourceSheet !== undefined && sourceRow !== undefined && Number.isInteger(sourceRow) && sourceRow > 0) out.source = { sheet: sourceSheet, row: sourceRow };
  const parsed = schemas[kind].safeParse(out);
  if (parsed.success) return ok(parsed.data as LedgerRecordOf[K]);
  return {
    ok: false,
    issues: parsed.error.issues.map((zi) => {
      const field = String(zi.path[0] ?? "");
      const column = def.columns.find((c) => c.field === field);
      const idx = column ? keys.findIndex((k) => k === column.header || k === column.field) : -1;
      return {
        code: "import.recordInvalid",
        at: { sheet: ctx.sheet, row: ctx.row, ...(idx >= 0 ? { column: columnLetter((ctx.startCol ?? 0) + idx) } : {}), ...(column ? { header: column.header } : {}), field },
        params: { field: column?.header ?? field, detail: zi.message },
      };
    }),
  };
}
