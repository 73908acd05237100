/** Use case 登记对账回执: validate a customer's reply to a statement and append one row to 对账 (Confirmations). */
import { validateConfirmationDraft, type ConfirmationDraft, type EntryContext } from "../core/entry";
import type { Ledger } from "../core/ledger";
import { confirmationToRow } from "../core/ledger-tables";
import type { Result } from "../core/result";
import type { Confirmation } from "../core/schemas/records";
import { appendRecord, type EnterOutcome } from "./enter-record";
import type { WorkbookPort } from "./workbook-port";

/**
 * Record a confirmation. A 已确认 figure that differs from the ledger is refused (record it as
 * 有异议); one `appendRows` call when valid, none otherwise.
 * @example await recordConfirmation(port, ledger, { customer: "长沙华兴", asOf: "2025-03-25" }, { today: "2025-03-28" })
 */
export async function recordConfirmation(port: WorkbookPort, ledger: Ledger, draft: ConfirmationDraft, ctx: EntryContext): Promise<Result<EnterOutcome<Confirmation>>> {
  return appendRecord(port, "confirmations", validateConfirmationDraft(draft, ledger, ctx), confirmationToRow);
}
