/**
 * The entry forms' state (strings as typed, named like the core drafts so issues' `at.field` lines
 * up with the inputs) and the live checks the forms show while the clerk types. Pure: no port.
 */
import type { Ledger } from "../src/core/ledger";
import type { Issue } from "../src/core/result";
import { OVERRIDABLE_RULES, nextOrderNo, readDiscount, readNumber, validateConfirmationDraft, validateOrderDraft, validatePaymentDraft, validateReturnDraft } from "../src/core/entry";
import type { ConfirmationDraft, OrderDraft, PaymentDraft, ReturnDraft } from "../src/core/entry";
import { multiplyFen, parseMoney } from "../src/core/money";
import { isIsoDate } from "../src/core/dates";

/** The order form as typed. Keys are OrderDraft's. */
export interface OrderForm {
  orderNo: string;
  date: string;
  customer: string;
  model: string;
  qty: string;
  priceText: string;
  discount: string;
  warehouse: string;
  status: string;
  shipDate: string;
  carrier: string;
  trackingNo: string;
  notes: string;
}

/** A blank order form dated today. */
export function emptyOrderForm(today: string): OrderForm {
  return { orderNo: "", date: today, customer: "", model: "", qty: "", priceText: "", discount: "", warehouse: "", status: "", shipDate: "", carrier: "", trackingNo: "", notes: "" };
}

/** What the order form shows now. */
export interface OrderCheck {
  /** Problems of single fields (errors and warnings), each at its `at.field`. */
  readonly fieldIssues: readonly Issue[];
  /** Business rules the order breaks (款到发货, 月结, credit limit, needs approval). */
  readonly ruleIssues: readonly Issue[];
  /** True when every broken rule allows a manager's approval. */
  readonly overridable: boolean;
  /** True when an approval note is needed to save. */
  readonly needsApproval: boolean;
  /** The line amount as far as it can be computed, else null. */
  readonly amountFen: number | null;
}

const isRule = (i: Issue) => i.code.startsWith("entry.rule.");

/**
 * Checks the form against the ledger as the clerk types (no approval note: shows every rule).
 * `addLine`: the clerk is adding a further line to an order just saved (its number is then not a duplicate).
 */
export function checkOrder(form: OrderForm, ledger: Ledger, today: string, addLine = false): OrderCheck {
  const r = validateOrderDraft(orderDraft(form), ledger, { today, addLine });
  if (r.ok) return { fieldIssues: r.value.warnings, ruleIssues: [], overridable: true, needsApproval: false, amountFen: r.value.line.amountFen };
  const ruleIssues = r.issues.filter(isRule);
  const fieldIssues = r.issues.filter((i) => !isRule(i));
  const overridable = ruleIssues.every((i) => OVERRIDABLE_RULES.has(i.code));
  return { fieldIssues, ruleIssues, overridable, needsApproval: ruleIssues.length > 0 && overridable, amountFen: liveAmount(form, ledger) };
}

/** The draft the core validates (blank strings mean "use the default"). */
export function orderDraft(form: OrderForm): OrderDraft {
  return { ...form };
}

/** Amount while fields are still incomplete: qty × price × discount when those three read. */
function liveAmount(form: OrderForm, ledger: Ledger): number | null {
  const qty = readNumber(form.qty);
  const price = form.priceText.trim() === "" ? ledger.findProduct(form.model)?.priceFen : (() => {
    const m = parseMoney(form.priceText);
    return m.ok ? m.value : undefined;
  })();
  const rate = form.discount.trim() === "" ? 1 : readDiscount(form.discount);
  if (qty === undefined || price === undefined || rate === undefined) return null;
  try {
    return multiplyFen(price, qty, rate);
  } catch {
    return null;
  }
}

/** The order number a blank field will get (numbered by the order date, or today while the date is unreadable). */
export function previewOrderNo(ledger: Ledger, date: string, today: string): string {
  return nextOrderNo(ledger, isIsoDate(date) ? date : today);
}

/**
 * What a saved order's outcome says about its number, to show with the saved message: renumbered
 * because other panes took it at the same moment, a typed number taken meanwhile, or not settled.
 */
export function orderNoNotes(warnings: readonly Issue[]): readonly Issue[] {
  return warnings.filter((w) => w.code.startsWith("entry.orderNo."));
}

/** The payment form as typed. */
export interface PaymentForm {
  date: string;
  customer: string;
  amountText: string;
  method: string;
  account: string;
  ref: string;
  notes: string;
  allowance: boolean;
}

/** A blank payment form. */
export function emptyPaymentForm(today: string): PaymentForm {
  return { date: today, customer: "", amountText: "", method: "", account: "", ref: "", notes: "", allowance: false };
}

/** The payment draft. */
export function paymentDraft(form: PaymentForm): PaymentDraft {
  return { ...form };
}

/** Issues of the payment form now (errors and warnings). */
export function checkPayment(form: PaymentForm, ledger: Ledger, today: string): readonly Issue[] {
  const r = validatePaymentDraft(paymentDraft(form), ledger, { today });
  return r.ok ? r.value.warnings : r.issues;
}

/** The return form as typed. */
export interface ReturnForm {
  date: string;
  customer: string;
  orderNo: string;
  model: string;
  qty: string;
  amountText: string;
  reason: string;
  resolution: string;
}

/** A blank return form. */
export function emptyReturnForm(today: string): ReturnForm {
  return { date: today, customer: "", orderNo: "", model: "", qty: "", amountText: "", reason: "", resolution: "" };
}

/** The return draft. */
export function returnDraft(form: ReturnForm): ReturnDraft {
  return { ...form };
}

/** Issues of the return form now. */
export function checkReturn(form: ReturnForm, ledger: Ledger, today: string): readonly Issue[] {
  const r = validateReturnDraft(returnDraft(form), ledger, { today });
  return r.ok ? r.value.warnings : r.issues;
}

/** A confirmation as the reconciliation screen collects it. */
export interface ConfirmationForm {
  readonly customer: string;
  readonly asOf: string;
  readonly status: string;
  readonly balanceText: string;
  readonly notes: string;
}

/** The confirmation draft. */
export function confirmationDraft(form: ConfirmationForm): ConfirmationDraft {
  return { ...form };
}

/** Issues of a confirmation now. */
export function checkConfirmation(form: ConfirmationForm, ledger: Ledger, today: string): readonly Issue[] {
  const r = validateConfirmationDraft(confirmationDraft(form), ledger, { today });
  return r.ok ? r.value.warnings : r.issues;
}
