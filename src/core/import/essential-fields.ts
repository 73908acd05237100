/**
 * Which fields of a row are essential, per sheet role: a cell of an essential field that cannot be
 * read rejects the row (with the cell and the reason); any other field that cannot be read is left
 * out of the record and the row is kept with a warning naming the cell and its value. The rule is
 * general: only what the ledger cannot do without — when, who, how much — may cost a row.
 *
 * | role      | essential                                                           |
 * |-----------|---------------------------------------------------------------------|
 * | orders    | date, customer, amount, qty (price/discount only when the amount is computed from them) |
 * | journal   | date, customer, debit, credit, balance (an orders sheet read as 往来账) |
 * | payments  | date, customer, amount                                              |
 * | returns   | date, customer, amount (qty/price only when the amount is computed)  |
 * | customers | customer (the name)                                                  |
 * | products  | model                                                                |
 *
 * Not essential anywhere: model/productName on transaction rows (another column or a placeholder
 * names the product), shipDate (unless it stands in for the date), discount, price, listAmount,
 * orderNo, warehouse, region, status, carrier, trackingNo, notes, method, account, ref, kind, unit,
 * series, code, terms, creditLimit, paymentDays, contact, phone, address, class, openingBalance,
 * openingDate, needsApproval, reason, resolution.
 */
import type { ImportField, SheetRole } from "./types";

const ESSENTIAL: Readonly<Record<SheetRole, ReadonlySet<ImportField>>> = {
  // debit / credit / balance only occur on orders sheets read as receivable journals.
  orders: new Set<ImportField>(["date", "customer", "amount", "qty", "debit", "credit", "balance"]),
  payments: new Set<ImportField>(["date", "customer", "amount"]),
  returns: new Set<ImportField>(["date", "customer", "amount"]),
  customers: new Set<ImportField>(["customer"]),
  products: new Set<ImportField>(["model"]),
  other: new Set<ImportField>(),
};

/**
 * True when a field's unreadable cell rejects a row of a sheet of this role.
 * @example isEssentialField("orders", "discount") // false
 */
export function isEssentialField(role: SheetRole, field: ImportField): boolean {
  return ESSENTIAL[role].has(field);
}
