/**
 * The ledger tables the add-in creates (客户, 产品, 订单, 回款, 退货, 对账): their columns
 * (Chinese header, English field, number format, validation) and the conversions record ↔ row.
 * In the sheet, money is yuan (`#,##0.00`) and dates are real dates; in memory, fen and ISO strings.
 */
import { ok, type Issue, type Result } from "./result";
import {
  Confirmation,
  ConfirmationStatus,
  Customer,
  NAME_MAX_LENGTH,
  OrderLine,
  OrderStatus,
  Payment,
  PaymentTerms,
  Product,
  ReturnRecord,
  type LedgerInput,
} from "./schemas/records";
import { fenToYuan, parseMoney } from "./money";
import { parseDate } from "./dates";
import { displayText, normalizeText } from "./text";
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

/** Where cell `colIndex` of a row sits, built only when an issue needs it. */
function cellAt(c: LedgerColumn, ctx: RowContext, colIndex: number): NonNullable<Issue["at"]> {
  return { sheet: ctx.sheet, row: ctx.row, column: columnLetter((ctx.startCol ?? 0) + colIndex), header: c.header, field: c.field };
}

/** A cell that could not be read: its issues, located at the cell. */
class BadCell {
  constructor(readonly issues: readonly Issue[]) {}
}

/** Name columns: read back as spelled (full-width brackets kept), matched elsewhere by `nameKey`. */
const NAME_FIELDS: ReadonlySet<string> = new Set(["name", "customer", "model"]);

const TRUE_WORDS: ReadonlySet<string> = new Set(["是", "y", "yes", "true", "1", "√"]);

/**
 * A cell's value (`undefined` when blank), or a BadCell. Hot path for converted ledgers: a good
 * cell allocates nothing and normalizes its text once.
 */
function fromCell(c: LedgerColumn, v: RawCell, ctx: RowContext, colIndex: number): string | number | boolean | undefined | BadCell {
  if (v === null) return undefined;
  let text: string | undefined;
  if (typeof v === "string") {
    text = c.kind === "text" && NAME_FIELDS.has(c.field) ? displayText(v) : normalizeText(v);
    if (text === "") return undefined;
  }
  if (typeof v === "object") return new BadCell([{ code: "import.cellError", at: cellAt(c, ctx, colIndex), value: v.error }]);
  switch (c.kind) {
    case "money": {
      const r = parseMoney(v);
      return r.ok ? r.value : relocated(r.issues, cellAt(c, ctx, colIndex));
    }
    case "date": {
      const r = parseDate(v, { date1904: ctx.date1904 ?? false });
      return r.ok ? r.value : relocated(r.issues, cellAt(c, ctx, colIndex));
    }
    case "number":
    case "int": {
      const n = typeof v === "number" ? v : Number((text ?? normalizeText(String(v))).replace(/,/g, ""));
      return Number.isFinite(n) ? n : new BadCell([{ code: "import.notANumber", at: cellAt(c, ctx, colIndex), value: String(v) }]);
    }
    case "bool":
      return v === true || TRUE_WORDS.has((text ?? normalizeText(String(v))).toLowerCase());
    default:
      return text ?? normalizeText(String(v));
  }
}

function relocated(issues: readonly Issue[], at: NonNullable<Issue["at"]>): BadCell {
  return new BadCell(issues.map((i) => ({ ...i, at })));
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

// ---- the valid path without zod: hand-written guards equal to the record schemas ----------------

type Guard = (v: unknown) => boolean;
/** One schema field: its guard, and the value zod's `.default()` puts in when it is absent. */
interface FieldRule {
  readonly field: string;
  readonly guard: Guard;
  readonly optional: boolean;
  readonly fallback?: unknown;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isString: Guard = (v) => typeof v === "string";
const isBool: Guard = (v) => typeof v === "boolean";
const isFiniteNumber: Guard = (v) => typeof v === "number" && Number.isFinite(v);
const isFen: Guard = (v) => typeof v === "number" && Number.isSafeInteger(v);
const isFenNonNegative: Guard = (v) => isFen(v) && (v as number) >= 0;
const isName: Guard = (v) => typeof v === "string" && v.length >= 1 && v.length <= NAME_MAX_LENGTH;
const isDiscount: Guard = (v) => typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 1;
const isIsoDate: Guard = (v) => {
  if (typeof v !== "string" || !ISO_DATE.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0));
};
const isSource: Guard = (v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const s = v as { sheet?: unknown; row?: unknown };
  return typeof s.sheet === "string" && typeof s.row === "number" && Number.isSafeInteger(s.row) && s.row > 0;
};
const oneOf = (values: readonly string[]): Guard => {
  const set = new Set(values);
  return (v) => typeof v === "string" && set.has(v);
};

const req = (field: string, guard: Guard): FieldRule => ({ field, guard, optional: false });
const opt = (field: string, guard: Guard): FieldRule => ({ field, guard, optional: true });
const withDefault = (field: string, guard: Guard, fallback: unknown): FieldRule => ({ field, guard, optional: true, fallback });

/** The record schemas (`schemas/records.ts`) field by field, in their key order (zod's output order). */
const RULES: Readonly<Record<LedgerTableKind, readonly FieldRule[]>> = {
  customers: [
    req("name", isName), opt("code", isString), opt("region", isString), opt("warehouse", isString), opt("terms", oneOf(PaymentTerms.options)),
    opt("creditLimitFen", isFenNonNegative), opt("paymentDays", isFenNonNegative), opt("contact", isString), opt("phone", isString),
    opt("address", isString), opt("class", isString), withDefault("openingBalanceFen", isFen, 0), opt("openingDate", isIsoDate), withDefault("derived", isBool, false),
  ],
  products: [req("model", isName), opt("series", isString), opt("name", isString), opt("unit", isString), opt("priceFen", isFenNonNegative), withDefault("needsApproval", isBool, false), withDefault("derived", isBool, false)],
  orders: [
    opt("orderNo", isString), req("date", isIsoDate), req("customer", isName), req("model", isName), req("qty", isFiniteNumber), opt("priceFen", isFen),
    opt("discount", isDiscount), req("amountFen", isFen), opt("warehouse", isString), opt("region", isString), withDefault("status", oneOf(OrderStatus.options), "已确认"),
    opt("carrier", isString), opt("trackingNo", isString), opt("shipDate", isIsoDate), opt("notes", isString), opt("source", isSource),
  ],
  payments: [
    req("date", isIsoDate), req("customer", isName), req("amountFen", isFen), opt("method", isString), opt("account", isString), opt("ref", isString),
    opt("notes", isString), withDefault("allowance", isBool, false), opt("source", isSource),
  ],
  returns: [
    req("date", isIsoDate), req("customer", isName), opt("orderNo", isString), opt("model", isString), opt("qty", isFiniteNumber), req("amountFen", isFen),
    opt("reason", isString), opt("resolution", isString), opt("source", isSource),
  ],
  confirmations: [
    req("customer", isName), req("asOf", isIsoDate), req("balanceFen", isFen), req("status", oneOf(ConfirmationStatus.options)), opt("date", isIsoDate),
    opt("differenceFen", isFen), opt("notes", isString),
  ],
};

/**
 * What the record schema's `safeParse(input)` gives for a valid `input` — the same fields, key
 * order, defaults and a fresh `source` — without zod, or null when `input` is not valid (then zod
 * runs to word the issues). `test/core/ledger-tables.test.ts` holds the two equal on random input.
 * @example fastRecord("payments", { date: "2025-03-05", customer: "长沙华兴", amountFen: 100 })?.allowance // false
 */
export function fastRecord<K extends LedgerTableKind>(kind: K, input: Readonly<Record<string, unknown>>): LedgerRecordOf[K] | null {
  const out: Record<string, unknown> = {};
  for (const r of RULES[kind]) {
    const v = input[r.field];
    if (v === undefined) {
      if (r.fallback !== undefined) out[r.field] = r.fallback;
      else if (!r.optional) return null;
      // zod keeps a key that is present with the value undefined.
      else if (r.field in input) out[r.field] = undefined;
      continue;
    }
    if (!r.guard(v)) return null;
    out[r.field] = r.field === "source" ? { sheet: (v as { sheet: string }).sheet, row: (v as { row: number }).row } : v;
  }
  return out as unknown as LedgerRecordOf[K];
}

/** Per table kind: the header row last seen and where each column sits in it (-1: absent). */
const columnCache = new WeakMap<readonly string[], Map<LedgerTableKind, readonly number[]>>();

function columnIndexes(kind: LedgerTableKind, headers: readonly string[]): readonly number[] {
  let byKind = columnCache.get(headers);
  if (!byKind) {
    byKind = new Map();
    columnCache.set(headers, byKind);
  }
  let idx = byKind.get(kind);
  if (!idx) {
    const keys = headers.map((h) => normalizeText(h));
    idx = LEDGER_TABLES[kind].columns.map((c) => keys.findIndex((k) => k === c.header || k === c.field));
    byKind.set(kind, idx);
  }
  return idx;
}

/**
 * Read one ledger-table row back into a record. `headers` are the table's header cells (columns are
 * found by header, so a clerk may reorder or add columns). Bad cells become issues located at the cell.
 */
export function rowToRecord<K extends LedgerTableKind>(kind: K, headers: readonly string[], row: readonly RawCell[], ctx: RowContext): Result<LedgerRecordOf[K]> {
  const def = LEDGER_TABLES[kind];
  const indexes = columnIndexes(kind, headers);
  const out: Record<string, unknown> = {};
  const issues: Issue[] = [];
  let sourceSheet: string | undefined;
  let sourceRow: number | undefined;
  for (let ci = 0; ci < def.columns.length; ci++) {
    const idx = indexes[ci]!;
    if (idx < 0) continue;
    const c = def.columns[ci]!;
    const value = fromCell(c, row[idx] ?? null, ctx, idx);
    if (value instanceof BadCell) {
      issues.push(...value.issues);
      continue;
    }
    if (value === undefined) continue;
    if (c.field === "sourceSheet") sourceSheet = String(value);
    else if (c.field === "sourceRow") sourceRow = Number(value);
    else out[c.field] = value;
  }
  if (issues.length > 0) return { ok: false, issues };
  if (sourceSheet !== undefined && sourceRow !== undefined && Number.isInteger(sourceRow) && sourceRow > 0) out.source = { sheet: sourceSheet, row: sourceRow };
  const fast = fastRecord(kind, out);
  if (fast !== null) return ok(fast);
  const parsed = schemas[kind].safeParse(out);
  if (parsed.success) return ok(parsed.data as LedgerRecordOf[K]);
  const keys = headers.map((h) => normalizeText(h));
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
