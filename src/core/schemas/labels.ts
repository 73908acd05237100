/**
 * Field labels of the ledger records, in both languages. The words live in the `records` message
 * catalogue (keys `records.field.<record>.<field>`); this module knows which fields exist and
 * finds their label. Import header synonyms are not labels (they belong to the importer).
 */
import { t, type Locale } from "../i18n";
import { Confirmation, Customer, OrderLine, Payment, Product, ReturnRecord } from "./records";

/** Which record a field belongs to (same names as the ledger tables). */
export type RecordKind = "customers" | "products" | "orders" | "payments" | "returns" | "confirmations";

/** The schema of each record kind. */
export const RECORD_SCHEMAS = {
  customers: Customer,
  products: Product,
  orders: OrderLine,
  payments: Payment,
  returns: ReturnRecord,
  confirmations: Confirmation,
} as const;

/** Every field of every record, in schema order. */
export const RECORD_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  customers: Object.keys(Customer.shape),
  products: Object.keys(Product.shape),
  orders: Object.keys(OrderLine.shape),
  payments: Object.keys(Payment.shape),
  returns: Object.keys(ReturnRecord.shape),
  confirmations: Object.keys(Confirmation.shape),
};

/** The catalogue key of a field's label. @example labelCode("orders", "amountFen") // "records.field.orders.amountFen" */
export function labelCode(record: RecordKind, field: string): string {
  return `records.field.${record}.${field}`;
}

const SEARCH_ORDER: readonly RecordKind[] = ["orders", "payments", "returns", "customers", "products", "confirmations"];

/**
 * A field's label for people. Without `record`, the first record (orders, payments, returns,
 * customers, products, confirmations) that has the field is used. An unknown field comes back as
 * itself, so nothing is ever shown blank.
 * @example fieldLabel("amountFen", "zh-CN", "orders") // "金额"
 * @example fieldLabel("customer", "en-US") // "Customer"
 */
export function fieldLabel(field: string, locale: Locale = "zh-CN", record?: RecordKind): string {
  const kind = record && RECORD_FIELDS[record].includes(field) ? record : SEARCH_ORDER.find((k) => RECORD_FIELDS[k].includes(field));
  return kind ? t(labelCode(kind, field), {}, locale) : field;
}
