/** Use case 录入退货: validate a return draft and append one row to 退货 (Returns). */
import { validateReturnDraft, type EntryContext, type ReturnDraft } from "../core/entry";
import type { Ledger } from "../core/ledger";
import { returnToRow } from "../core/ledger-tables";
import type { Result } from "../core/result";
import type { ReturnRecord } from "../core/schemas/records";
import { appendRecord, type EnterOutcome } from "./enter-record";
import type { WorkbookPort } from "./workbook-port";

/**
 * Enter one return; one `appendRows` call when valid, none otherwise.
 * @example await enterReturn(port, ledger, { customer: "长沙华兴", orderNo: "XS20250301-001", model: "XY-100", qty: "2", reason: "破损" }, { today: "2025-03-10" })
 */
export async function enterReturn(port: WorkbookPort, ledger: Ledger, draft: ReturnDraft, ctx: EntryContext): Promise<Result<EnterOutcome<ReturnRecord>>> {
  return appendRecord(port, "returns", validateReturnDraft(draft, ledger, ctx), returnToRow);
}
