/** Use case 录入订单: validate an order draft against the ledger and append one row to 订单 (Orders). */
import { isoToExcelSerial } from "../core/dates";
import { validateOrderDraft, type EntryContext, type OrderDraft } from "../core/entry";
import { fieldIssue, text } from "../core/entry/common";
import { orderNoVerdict } from "../core/entry/order-no";
import type { Ledger } from "../core/ledger";
import { LEDGER_TABLES, orderToRow, rowToRecord, type RawCell } from "../core/ledger-tables";
import { ok, type Result } from "../core/result";
import type { OrderLine } from "../core/schemas/records";
import { nameKey, normalizeText } from "../core/text";
import { appendRecord, type EnterOutcome } from "./enter-record";
import type { TableData, WorkbookPort } from "./workbook-port";

/**
 * Enter one order line. Invalid drafts and refused rules come back as issues and the workbook is
 * untouched; a valid line is appended with one `appendRows` call, then the 订单 table is read back:
 * if other panes (or co-authors, any number at once) appended the same generated number just before
 * ours, our row is renumbered in place and read back again until its number is unique
 * (`entry.orderNo.renumbered`, `record.orderNo` is the final number); a typed number taken
 * meanwhile is kept and reported (`entry.orderNo.takenMeanwhile`). The `ledger`
 * is not updated: rebuild it (or add `record`) before the next entry.
 * @example await enterOrder(port, ledger, { customer: "长沙华兴", model: "XY-100", qty: "10" }, { today: "2025-03-05" })
 */
export async function enterOrder(port: WorkbookPort, ledger: Ledger, draft: OrderDraft, ctx: EntryContext): Promise<Result<EnterOutcome<OrderLine>>> {
  const appended = await appendRecord(port, "orders", validateOrderDraft(draft, ledger, ctx), orderToRow);
  if (!appended.ok) return appended;
  return ok(await settleOrderNo(port, ledger, appended.value, text(draft.orderNo) === undefined));
}

const ORDERS = LEDGER_TABLES.orders;
const ORDER_NO = ORDERS.columns.find((c) => c.field === "orderNo")!;

/** Rounds of check-and-renumber before a pane gives up and asks the clerk to check (panes reading the same table settle in one or two). */
const MAX_ROUNDS = 8;

/**
 * Check-after-write: checking before the append cannot stop panes that read the ledger at the same
 * moment from taking the same number, so look after it, and again after each renumbering (two panes
 * renumbering at once may pick the same free number): see `orderNoVerdict` for who yields. Only our
 * own row's 订单号 cell is ever written. The clerk is told the final number, or, if the rounds run
 * out, that the number may be shared (`entry.orderNo.unsettled`).
 */
async function settleOrderNo(port: WorkbookPort, ledger: Ledger, outcome: EnterOutcome<OrderLine>, generated: boolean): Promise<EnterOutcome<OrderLine>> {
  const { record } = outcome;
  const no = record.orderNo;
  // A typed number the ledger already had is a line added to that order on purpose.
  if (no === undefined || (!generated && ledger.hasOrderNo(no))) return outcome;
  let read = await readOrderNumbers(port);
  if (!read) return outcome;
  const sharing = read.numbers.flatMap((n, i) => (nameKey(n) === nameKey(no) ? [i] : []));
  if (sharing.length < 2) return outcome;
  const mine = await ownRow(port, read.table, sharing, record);
  if (mine === undefined) return outcome;
  if (!generated) return { ...outcome, warnings: [...outcome.warnings, fieldIssue("orderNo", "entry.orderNo.takenMeanwhile", no, undefined, "warning")] };
  let current = no;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const verdict = orderNoVerdict(record.date, read.numbers, mine, current !== no, (n) => ledger.hasOrderNo(n));
    if (verdict.keep) {
      if (current === no) return outcome;
      const renumbered = fieldIssue("orderNo", "entry.orderNo.renumbered", no, { from: no, to: current }, "warning");
      return { ...outcome, record: { ...record, orderNo: current }, warnings: [...outcome.warnings, renumbered] };
    }
    await port.updateTableCells(ORDERS.tableName, mine, { [ORDER_NO.header]: verdict.next });
    current = verdict.next;
    read = await readOrderNumbers(port);
    // Our row no longer holds what we wrote (someone edited or moved rows): stop and say so.
    if (!read || nameKey(read.numbers[mine] ?? "") !== nameKey(current)) break;
  }
  const unsettled = fieldIssue("orderNo", "entry.orderNo.unsettled", current, { from: no, to: current }, "warning");
  return { ...outcome, record: { ...record, orderNo: current }, warnings: [...outcome.warnings, unsettled] };
}

/** The 订单 table and its order-number column as text, or undefined without the table or column. */
async function readOrderNumbers(port: WorkbookPort): Promise<{ table: TableData; numbers: string[] } | undefined> {
  const table = await port.readTable(ORDERS.tableName);
  const noCol = table ? table.headers.findIndex((h) => [ORDER_NO.header, ORDER_NO.field].includes(normalizeText(h))) : -1;
  if (!table || noCol < 0) return undefined;
  return { table, numbers: table.rows.map((r) => cellText(r[noCol] ?? null)) };
}

/** A cell as order-number text ("" for blanks and errors). */
function cellText(v: RawCell): string {
  return v === null || typeof v === "object" ? "" : normalizeText(String(v));
}

/**
 * Index of our appended row among `candidates` (rows with our number): the last one whose record
 * reads back equal to `record` (a later identical row is taken to be ours, as rows only grow downward).
 */
async function ownRow(port: WorkbookPort, table: TableData, candidates: readonly number[], record: OrderLine): Promise<number | undefined> {
  const date1904 = await port.date1904();
  const at = { sheet: table.sheetName, row: 0, date1904 };
  const written = orderToRow(record).map((c): RawCell => (c !== null && typeof c === "object" ? isoToExcelSerial(c.date, date1904) : c));
  const key = (r: Result<OrderLine>): string | undefined => (r.ok ? JSON.stringify(orderToRow(r.value)) : undefined);
  const want = key(rowToRecord("orders", ORDERS.columns.map((c) => c.header), written, at));
  if (want === undefined) return undefined;
  for (let k = candidates.length - 1; k >= 0; k--) {
    const i = candidates[k]!;
    if (key(rowToRecord("orders", table.headers, table.rows[i] ?? [], at)) === want) return i;
  }
  return undefined;
}
