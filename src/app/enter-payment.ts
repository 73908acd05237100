/** Use case 录入回款: validate a payment (or allowance) draft and append one row to 回款 (Payments). */
import { validatePaymentDraft, type EntryContext, type PaymentDraft } from "../core/entry";
import type { Ledger } from "../core/ledger";
import { paymentToRow } from "../core/ledger-tables";
import type { Result } from "../core/result";
import type { Payment } from "../core/schemas/records";
import { appendRecord, type EnterOutcome } from "./enter-record";
import type { WorkbookPort } from "./workbook-port";

/**
 * Enter one payment; one `appendRows` call when valid, none otherwise.
 * @example await enterPayment(port, ledger, { customer: "长沙华兴", amountText: "5,000" }, { today: "2025-03-05" })
 */
export async function enterPayment(port: WorkbookPort, ledger: Ledger, draft: PaymentDraft, ctx: EntryContext): Promise<Result<EnterOutcome<Payment>>> {
  return appendRecord(port, "payments", validatePaymentDraft(draft, ledger, ctx), paymentToRow);
}
