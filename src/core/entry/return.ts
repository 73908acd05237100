/**
 * The return form (录入退货): a credit to the customer, recorded with its reason, under the
 * return policy: the returned quantity may not exceed what the order sold and was not yet
 * returned (`entry.rule.returnExceedsOrder`, overridable with an approval note).
 */
import type { Ledger } from "../ledger";
import { multiplyFen } from "../money";
import { ok, type Issue, type Result } from "../result";
import type { OrderLine, ReturnRecord } from "../schemas/records";
import { nameKey } from "../text";
import { applyApproval, approvalNote, approvalTooLong, clean, fieldIssue, readCustomer, readEntryDate, readMoney, readNumber, text, tooLongFields, withApproval, type DraftValue, type Entered, type EntryContext } from "./common";

/** The return form as typed. */
export interface ReturnDraft {
  readonly customer?: DraftValue;
  /** The original order, when known. */
  readonly orderNo?: DraftValue;
  readonly model?: DraftValue;
  /** Quantity returned (positive). */
  readonly qty?: DraftValue;
  /** Credited amount in yuan; blank = qty × the original line's net price (else the list price). */
  readonly amountText?: DraftValue;
  /** Blank = today. */
  readonly date?: DraftValue;
  /** Required: the policy wants a reason on every return. */
  readonly reason?: DraftValue;
  /** 维修 / 换货 / 退款 / 拒绝 … (free text). */
  readonly resolution?: DraftValue;
}

/** Net unit price of an order line in fen (amount / qty), or undefined. */
function unitOf(line: OrderLine): { priceFen: number; rate: number } | undefined {
  if (line.priceFen === undefined) return undefined;
  return { priceFen: line.priceFen, rate: line.discount ?? 1 };
}

/**
 * Check a return draft. Errors: customer or reason missing, qty not a positive number, amount not
 * positive or not derivable, the order belonging to another customer, free text longer than an Excel cell. Warning: order number not
 * in the ledger (paper orders before the ledger began).
 * @example validateReturnDraft({ customer: "长沙华兴", orderNo: "XS20250301-001", model: "XY-100", qty: "2", reason: "破损" }, ledger, { today: "2025-03-10" })
 */
export function validateReturnDraft(draft: ReturnDraft, ledger: Ledger, ctx: EntryContext): Result<Entered<ReturnRecord>> {
  // Text too long for a cell is refused first: other checks would echo it back in their messages.
  const tooLong = tooLongFields(draft, ["customer", "orderNo", "model", "reason", "resolution"]);
  if (tooLong.length > 0) return { ok: false, issues: tooLong };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const { customerText, customer } = readCustomer(draft.customer, ledger, { errors, warnings });
  const name = customer?.name ?? customerText;

  const modelText = text(draft.model);
  const product = modelText === undefined ? undefined : ledger.findProduct(modelText);
  const model = product?.model ?? modelText;

  const qty = readNumber(draft.qty);
  if (text(draft.qty) !== undefined && qty === undefined) errors.push(fieldIssue("qty", "entry.qty.notANumber", draft.qty));
  else if (qty !== undefined && qty <= 0) errors.push(fieldIssue("qty", "entry.qty.notPositive", draft.qty));

  const date = readEntryDate(draft.date, ctx, { errors, warnings });

  const reason = text(draft.reason);
  if (reason === undefined) errors.push(fieldIssue("reason", "entry.return.reasonRequired"));

  const orderNo = text(draft.orderNo);
  const orderLines = orderNo === undefined ? [] : ledger.findOrder(orderNo).filter((o) => o.status !== "已取消");
  if (orderNo !== undefined && orderLines.length === 0) warnings.push(fieldIssue("orderNo", "entry.return.orderNotFound", orderNo, undefined, "warning"));
  if (name !== undefined && orderLines.length > 0 && orderLines.some((o) => nameKey(o.customer) !== nameKey(name))) {
    errors.push(fieldIssue("orderNo", "entry.return.customerMismatch", orderNo, { orderCustomer: orderLines[0]?.customer ?? "", customer: name }));
  }
  const sameModel = model === undefined ? [] : orderLines.filter((o) => nameKey(o.model) === nameKey(model));

  const amount = readMoney("amountText", draft.amountText);
  let amountFen: number | undefined;
  if (!amount.ok) errors.push(...amount.issues);
  else if (amount.value !== undefined) {
    if (amount.value <= 0) errors.push(fieldIssue("amountText", "entry.amount.notPositive", draft.amountText));
    else amountFen = amount.value;
  } else if (qty !== undefined && qty > 0) {
    const sold = sameModel.find((o) => o.qty > 0);
    const unit = sold ? unitOf(sold) : product?.priceFen !== undefined ? { priceFen: product.priceFen, rate: 1 } : undefined;
    if (unit) amountFen = multiplyFen(unit.priceFen, qty, unit.rate);
  }
  if (amount.ok && amount.value === undefined && amountFen === undefined && errors.length === 0) errors.push(fieldIssue("amountText", "entry.return.amountRequired"));

  if (errors.length > 0 || amountFen === undefined || !date.ok || date.value === undefined || name === undefined) return { ok: false, issues: errors };

  const breaches: Issue[] = [];
  if (orderNo !== undefined && model !== undefined && qty !== undefined && sameModel.length > 0) {
    const netOnOrder = sameModel.reduce((s, o) => s + o.qty, 0);
    const returnedBefore = ledger
      .returnsOf(name)
      .filter((r) => r.orderNo !== undefined && nameKey(r.orderNo) === nameKey(orderNo) && r.model !== undefined && nameKey(r.model) === nameKey(model))
      .reduce((s, r) => s + Math.abs(r.qty ?? 0), 0);
    const returnable = netOnOrder - returnedBefore;
    if (qty > returnable) breaches.push(fieldIssue("qty", "entry.rule.returnExceedsOrder", draft.qty, { orderNo, model, returnable, qty }));
  }
  const { errors: refused, approved } = applyApproval(breaches, ctx);
  if (refused.length > 0) return { ok: false, issues: refused };
  const written = withApproval(reason, approved.length > 0 ? approvalNote(ctx) : undefined);
  const reasonTooLong = approvalTooLong("reason", written);
  if (reasonTooLong) return { ok: false, issues: [reasonTooLong] };

  const record: ReturnRecord = clean({
    date: date.value,
    customer: name,
    orderNo,
    model,
    qty,
    amountFen,
    reason: written,
    resolution: text(draft.resolution),
  });
  return ok({ record, warnings: [...warnings, ...approved] });
}
