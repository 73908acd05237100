/** Use case 录入订单: validate an order draft against the ledger and append one row to 订单 (Orders). */
import { validateOrderDraft, type EntryContext, type OrderDraft } from "../core/entry";
import type { Ledger } from "../core/ledger";
import { orderToRow } from "../core/ledger-tables";
import type { Result } from "../core/result";
import type { OrderLine } from "../core/schemas/records";
import { appendRecord, type EnterOutcome } from "./enter-record";
import type { WorkbookPort } from "./workbook-port";

/**
 * Enter one order line. Invalid drafts and refused rules come back as issues and the workbook is
 * untouched; a valid line is appended with one `appendRows` call. The `ledger` is not updated:
 * rebuild it (or add `record`) before the next entry.
 * @example await enterOrder(port, ledger, { customer: "长沙华兴", model: "XY-100", qty: "10" }, { today: "2025-03-05" })
 */
export async function enterOrder(port: WorkbookPort, ledger: Ledger, draft: OrderDraft, ctx: EntryContext): Promise<Result<EnterOutcome<OrderLine>>> {
  return appendRecord(port, "orders", validateOrderDraft(draft, ledger, ctx), orderToRow);
}
