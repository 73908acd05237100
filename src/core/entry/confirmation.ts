/**
 * Recording a customer's reply to a statement (对账回执): 已确认 with the balance they confirmed,
 * or 有异议 with their figure. A confirmation is an assertion about the ledger, so a 已确认
 * figure that differs from the ledger's balance is refused: record it as 有异议 instead.
 */
import type { Ledger } from "../ledger";
import { formatFen } from "../money";
import { ok, type Issue, type Result } from "../result";
import { ConfirmationStatus, type Confirmation } from "../schemas/records";
import { clean, fieldIssue, readCustomer, readDate, readMoney, text, tooLongFields, type DraftValue, type Entered, type EntryContext } from "./common";

/** The confirmation form as typed. */
export interface ConfirmationDraft {
  readonly customer?: DraftValue;
  /** The statement's closing date. Required. */
  readonly asOf?: DraftValue;
  /** The customer's figure in yuan; blank = the ledger's balance (for 已确认 and 已发送). */
  readonly balanceText?: DraftValue;
  /** 已发送 / 已确认 / 有异议; blank = 已确认. */
  readonly status?: DraftValue;
  /** Reply date; blank = today. */
  readonly date?: DraftValue;
  readonly notes?: DraftValue;
}

/**
 * Check a confirmation draft (free text longer than an Excel cell is refused). For 有异议,
 * `differenceFen` = their figure − ours.
 * @example validateConfirmationDraft({ customer: "长沙华兴", asOf: "2025-03-25" }, ledger, { today: "2025-03-28" })
 */
export function validateConfirmationDraft(draft: ConfirmationDraft, ledger: Ledger, ctx: EntryContext): Result<Entered<Confirmation>> {
  // Text too long for a cell is refused first: other checks would echo it back in their messages.
  const tooLong = tooLongFields(draft, ["customer", "notes"]);
  if (tooLong.length > 0) return { ok: false, issues: tooLong };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const { customerText, customer } = readCustomer(draft.customer, ledger, { errors, warnings });

  const asOf = readDate("asOf", draft.asOf, ctx.today);
  if (!asOf.ok) errors.push(...asOf.issues);
  else if (asOf.value === undefined) errors.push(fieldIssue("asOf", "entry.confirmation.asOfRequired"));
  const date = readDate("date", draft.date, ctx.today, ctx.today);
  if (!date.ok) errors.push(...date.issues);

  const statusText = text(draft.status);
  const status = statusText === undefined ? "已确认" : ConfirmationStatus.safeParse(statusText).data;
  if (status === undefined) errors.push(fieldIssue("status", "entry.status.invalid", statusText, { options: ConfirmationStatus.options.join("、") }));

  const figure = readMoney("balanceText", draft.balanceText);
  if (!figure.ok) errors.push(...figure.issues);
  else if (figure.value === undefined && status === "有异议") errors.push(fieldIssue("balanceText", "entry.confirmation.figureRequired"));

  if (errors.length > 0 || !asOf.ok || asOf.value === undefined || !date.ok || !figure.ok || status === undefined || customerText === undefined) return { ok: false, issues: errors };
  const name = customer?.name ?? customerText;
  const ours = ledger.balance(name, asOf.value);
  const theirs = figure.value ?? ours;
  if (status === "已确认" && theirs !== ours) {
    return {
      ok: false,
      issues: [fieldIssue("balanceText", "entry.confirmation.mismatch", draft.balanceText, { customer: name, asOf: asOf.value, ours: formatFen(ours), theirs: formatFen(theirs), difference: formatFen(theirs - ours) })],
    };
  }
  if (status === "有异议" && theirs === ours) warnings.push(fieldIssue("balanceText", "entry.confirmation.noDifference", draft.balanceText, { asOf: asOf.value }, "warning"));

  const record: Confirmation = clean({
    customer: name,
    asOf: asOf.value,
    balanceFen: theirs,
    status,
    date: date.value,
    differenceFen: status === "有异议" ? theirs - ours : undefined,
    notes: text(draft.notes),
  });
  return ok({ record, warnings });
}
