/**
 * The payment form (录入回款): money received or an allowance (折让) → a validated payment.
 */
import type { Ledger } from "../ledger";
import { formatFen } from "../money";
import { ok, type Issue, type Result } from "../result";
import type { Payment } from "../schemas/records";
import { ALL_BOOKED, clean, fieldIssue, readCustomer, readEntryDate, readMoney, text, tooLongFields, type DraftValue, type Entered, type EntryContext } from "./common";

/** The payment form as typed. */
export interface PaymentDraft {
  readonly customer?: DraftValue;
  /** Amount in yuan (`1,234.50`, `¥1234.5`). */
  readonly amountText?: DraftValue;
  /** Blank = today. */
  readonly date?: DraftValue;
  readonly method?: DraftValue;
  /** Account or warehouse it came in through; blank = the customer's warehouse. */
  readonly account?: DraftValue;
  readonly ref?: DraftValue;
  readonly notes?: DraftValue;
  /** A 折让 (price allowance) rather than money. */
  readonly allowance?: boolean;
}

/**
 * Check a payment draft. Errors: customer/amount missing, amount not a number or ≤ 0, bad date,
 * free text longer than an Excel cell.
 * Warnings: unknown customer, future date, the same customer+date+amount (or reference) already
 * recorded, the payment leaving the customer in credit.
 * @example validatePaymentDraft({ customer: "长沙华兴", amountText: "5,000" }, ledger, { today: "2025-03-05" })
 */
export function validatePaymentDraft(draft: PaymentDraft, ledger: Ledger, ctx: EntryContext): Result<Entered<Payment>> {
  // Text too long for a cell is refused first: other checks would echo it back in their messages.
  const tooLong = tooLongFields(draft, ["customer", "method", "account", "ref", "notes"]);
  if (tooLong.length > 0) return { ok: false, issues: tooLong };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const { customerText, customer } = readCustomer(draft.customer, ledger, { errors, warnings });

  const amount = readMoney("amountText", draft.amountText);
  if (!amount.ok) errors.push(...amount.issues);
  else if (amount.value === undefined) errors.push(fieldIssue("amountText", "entry.amount.required"));
  else if (amount.value <= 0) errors.push(fieldIssue("amountText", "entry.amount.notPositive", draft.amountText));

  const date = readEntryDate(draft.date, ctx, { errors, warnings });

  if (errors.length > 0 || !amount.ok || amount.value === undefined || !date.ok || date.value === undefined || customerText === undefined) return { ok: false, issues: errors };
  const name = customer?.name ?? customerText;
  const amountFen = amount.value;
  const ref = text(draft.ref);
  const paid = ledger.paymentsOf(name);
  if (paid.some((p) => p.date === date.value && p.amountFen === amountFen)) {
    warnings.push(fieldIssue("amountText", "entry.payment.possibleDuplicate", undefined, { customer: name, date: date.value, amount: formatFen(amountFen) }, "warning"));
  } else if (ref !== undefined && paid.some((p) => p.ref !== undefined && text(p.ref) === ref)) {
    warnings.push(fieldIssue("ref", "entry.payment.refUsed", ref, { customer: name }, "warning"));
  }
  const after = ledger.balance(name, ALL_BOOKED) - amountFen;
  if (after < 0) warnings.push(fieldIssue("amountText", "entry.payment.inCredit", undefined, { customer: name, credit: formatFen(-after) }, "warning"));

  const payment: Payment = clean({
    date: date.value,
    customer: name,
    amountFen,
    method: text(draft.method),
    account: text(draft.account) ?? customer?.warehouse,
    ref,
    notes: text(draft.notes),
    allowance: draft.allowance === true,
  });
  return ok({ record: payment, warnings });
}

