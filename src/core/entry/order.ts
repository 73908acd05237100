/**
 * The order form (录入订单): a draft of raw form text → a validated order line, with the shipping
 * and approval rules of the job (clerk-workflows.md):
 * - 款到发货 ships only once payments cover it (`entry.rule.prepaymentRequired`);
 * - 月结 needs last settlement period's balance paid (`entry.rule.lastPeriodUnpaid`), and any
 *   customer with a credit limit stays within it (`entry.rule.creditLimit`);
 * - made-to-order products need a manager (`entry.rule.productNeedsApproval`);
 * all four can be overridden by an approval note, kept on the line. A duplicate order number is
 * refused outright (`entry.orderNo.duplicate`).
 */
import { addDays } from "../dates";
import type { Ledger } from "../ledger";
import { formatFen, multiplyFen } from "../money";
import { previousPeriod, settlementPeriod } from "../periods";
import { ok, type Issue, type Result } from "../result";
import { OrderStatus, type OrderLine } from "../schemas/records";
import { nameKey } from "../text";
import { ALL_BOOKED, applyApproval, approvalNote, approvalTooLong, clean, fieldIssue, readCustomer, readDate, readDiscount, readEntryDate, readMoney, readNumber, text, tooLongFields, withApproval, type DraftValue, type Entered, type EntryContext } from "./common";
import { nextOrderNo } from "./order-no";

/** The order form as typed. Only customer, model and qty are required. */
export interface OrderDraft {
  readonly customer?: DraftValue;
  readonly model?: DraftValue;
  readonly qty?: DraftValue;
  /** Unit price in yuan; blank = the product's list price. */
  readonly priceText?: DraftValue;
  /** `0.9`, `90%`, `9折`, `九折`; blank = none. */
  readonly discount?: DraftValue;
  /** Blank = the customer's warehouse. */
  readonly warehouse?: DraftValue;
  /** Blank = the customer's region. */
  readonly region?: DraftValue;
  /** Order date; blank = today. */
  readonly date?: DraftValue;
  readonly shipDate?: DraftValue;
  readonly carrier?: DraftValue;
  readonly trackingNo?: DraftValue;
  readonly notes?: DraftValue;
  /** Blank = 已发货 when a ship date is given, else 已接单. */
  readonly status?: DraftValue;
  /** Blank = `nextOrderNo`. */
  readonly orderNo?: DraftValue;
}

/** A valid order draft: the line to append (`record` and `line` are the same object). */
export interface OrderEntered extends Entered<OrderLine> {
  readonly line: OrderLine;
}

const SHIPPED: ReadonlySet<string> = new Set(["已发货", "已签收"]);

/**
 * Check an order draft against the ledger. Field problems come back together (each at its
 * `at.field`, free text longer than an Excel cell included); business rules are checked once the
 * fields are sound.
 * @example validateOrderDraft({ customer: "长沙华兴", model: "XY-100", qty: "10" }, ledger, { today: "2025-03-05" })
 */
export function validateOrderDraft(draft: OrderDraft, ledger: Ledger, ctx: EntryContext): Result<OrderEntered> {
  // Text too long for a cell is refused first: other checks would echo it back in their messages.
  const tooLong = tooLongFields(draft, ["customer", "model", "warehouse", "region", "carrier", "trackingNo", "notes", "orderNo"]);
  if (tooLong.length > 0) return { ok: false, issues: tooLong };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];

  const { customerText, customer } = readCustomer(draft.customer, ledger, { errors, warnings });

  const modelText = text(draft.model);
  const product = modelText === undefined ? undefined : ledger.findProduct(modelText);
  if (modelText === undefined) errors.push(fieldIssue("model", "entry.model.required"));
  else if (!product) warnings.push(fieldIssue("model", "entry.model.unknown", modelText, { model: modelText }, "warning"));

  const qty = readNumber(draft.qty);
  if (text(draft.qty) === undefined) errors.push(fieldIssue("qty", "entry.qty.required"));
  else if (qty === undefined) errors.push(fieldIssue("qty", "entry.qty.notANumber", draft.qty));
  else if (qty <= 0) errors.push(fieldIssue("qty", "entry.qty.notPositive", draft.qty));

  let priceFen: number | undefined;
  const price = readMoney("priceText", draft.priceText);
  if (!price.ok) errors.push(...price.issues);
  else if (price.value !== undefined && price.value < 0) errors.push(fieldIssue("priceText", "entry.price.negative", draft.priceText));
  else {
    priceFen = price.value ?? product?.priceFen;
    if (priceFen === undefined) errors.push(fieldIssue("priceText", "entry.price.required", undefined, { model: modelText ?? "" }));
  }

  const discount = readDiscount(draft.discount);
  if (text(draft.discount) !== undefined && discount === undefined) errors.push(fieldIssue("discount", "entry.discount.invalid", draft.discount));

  const date = readEntryDate(draft.date, ctx, { errors, warnings });
  const shipDate = readDate("shipDate", draft.shipDate, ctx.today);
  if (!shipDate.ok) errors.push(...shipDate.issues);
  else if (date.ok && shipDate.value !== undefined && date.value !== undefined && shipDate.value < date.value) {
    errors.push(fieldIssue("shipDate", "entry.shipDate.beforeOrder", shipDate.value, { date: date.value }));
  }

  const statusText = text(draft.status);
  const status = statusText === undefined ? (text(draft.shipDate) !== undefined ? "已发货" : "已接单") : OrderStatus.safeParse(statusText).data;
  if (status === undefined) errors.push(fieldIssue("status", "entry.status.invalid", statusText, { options: OrderStatus.options.join("、") }));

  let orderNo = text(draft.orderNo);
  if (orderNo !== undefined && ledger.hasOrderNo(orderNo)) {
    const sameCustomer = customerText !== undefined && ledger.findOrder(orderNo).every((o) => nameKey(o.customer) === nameKey(customerText));
    if (!ctx.addLine || !sameCustomer) errors.push(fieldIssue("orderNo", "entry.orderNo.duplicate", orderNo));
  }

  let amountFen: number | undefined;
  if (priceFen !== undefined && qty !== undefined && qty > 0) {
    try {
      amountFen = multiplyFen(priceFen, qty, discount ?? 1);
    } catch {
      errors.push(fieldIssue("qty", "entry.amount.tooLarge", draft.qty));
    }
  }

  if (errors.length > 0 || !date.ok || !shipDate.ok || amountFen === undefined || status === undefined || date.value === undefined || qty === undefined || customerText === undefined || modelText === undefined) {
    return { ok: false, issues: errors };
  }
  orderNo ??= nextOrderNo(ledger, date.value);
  const name = customer?.name ?? customerText;

  const breaches: Issue[] = [];
  if (status !== "已取消") {
    const balance = ledger.balance(name, ALL_BOOKED);
    const after = balance + amountFen;
    const shipping = SHIPPED.has(status) || shipDate.value !== undefined;
    if (customer?.terms === "款到发货" && shipping && after > 0) {
      breaches.push(fieldIssue("status", "entry.rule.prepaymentRequired", undefined, { customer: name, balance: formatFen(balance), amount: formatFen(amountFen), owing: formatFen(after) }));
    }
    if (customer?.terms === "月结") {
      const cutoff = ctx.cutoffDay ?? 25;
      const last = previousPeriod(settlementPeriod(date.value, cutoff), cutoff);
      const owedThen = ledger.balance(name, last.to);
      const creditsSince = ledger.movements(name, addDays(last.to, 1)).reduce((s, m) => (m.amountFen < 0 ? s - m.amountFen : s), 0);
      const unpaid = owedThen - creditsSince;
      if (unpaid > 0) breaches.push(fieldIssue("customer", "entry.rule.lastPeriodUnpaid", undefined, { customer: name, from: last.from, to: last.to, owed: formatFen(owedThen), unpaid: formatFen(unpaid) }));
    }
    if (customer?.creditLimitFen !== undefined && customer.creditLimitFen > 0 && after > customer.creditLimitFen) {
      breaches.push(fieldIssue("customer", "entry.rule.creditLimit", undefined, { customer: name, limit: formatFen(customer.creditLimitFen), after: formatFen(after) }));
    }
    if (product?.needsApproval) breaches.push(fieldIssue("model", "entry.rule.productNeedsApproval", undefined, { model: product.model }));
  }
  const { errors: refused, approved } = applyApproval(breaches, ctx);
  if (refused.length > 0) return { ok: false, issues: refused };
  const notes = withApproval(text(draft.notes), approved.length > 0 ? approvalNote(ctx) : undefined);
  const notesTooLong = approvalTooLong("notes", notes);
  if (notesTooLong) return { ok: false, issues: [notesTooLong] };

  const line: OrderLine = clean({
    orderNo,
    date: date.value,
    customer: name,
    model: product?.model ?? modelText,
    qty,
    priceFen,
    discount: discount === undefined || discount === 1 ? undefined : discount,
    amountFen,
    warehouse: text(draft.warehouse) ?? customer?.warehouse,
    region: text(draft.region) ?? customer?.region,
    status,
    carrier: text(draft.carrier),
    trackingNo: text(draft.trackingNo),
    shipDate: shipDate.value,
    notes,
  });
  return ok({ line, record: line, warnings: [...warnings, ...approved] });
}
