/**
 * 账龄分析 as of a date: each customer's receivable split by days past due. Debts are dated by the
 * receivable date (ship date, else order date); due = that date + the customer's payment days;
 * credits (payments, returns, allowances, a negative opening) settle the oldest debts first (FIFO),
 * so the buckets of the debts left open sum to the balance exactly. A credit balance (negative)
 * goes entirely to 未到期 with a note.
 */
import { t } from "../i18n";
import type { Customer } from "../schemas/records";
import { formatFen } from "../money";
import { SheetBuilder, STYLE, MONEY_FORMAT, QTY_FORMAT, yuan, epochDay, masterOrder } from "./layout";
import { receivableColumns } from "./columns";
import type { ReportLedger } from "./ledger-view";
import { styleBlock, subtotalCell } from "./pivot";
import { agingSheetName } from "../sheet-names";
import { BUCKET_KEYS, type AgingBuckets, type AgingReportData, type Report, type ReportOptions } from "./types";

const WIDTH = 9;

/** Payment days used for aging: the customer's own, else 30 for 月结 and 0 (due on shipping) otherwise. */
export function agingPaymentDays(customer: Customer): number {
  return customer.paymentDays ?? (customer.terms === "月结" ? 30 : 0);
}

/** Bucket index (0 = current … 5 = 120+) for days past due. */
export function bucketOf(daysPastDue: number): number {
  if (daysPastDue <= 0) return 0;
  if (daysPastDue <= 30) return 1;
  if (daysPastDue <= 60) return 2;
  if (daysPastDue <= 90) return 3;
  if (daysPastDue <= 120) return 4;
  return 5;
}

/**
 * FIFO over buckets: credits settle the oldest debts first, and for one customer an older debt is
 * never in a younger bucket (same payment days), so FIFO by date = consuming buckets from 120+
 * down. `debits` are per bucket (0 = current … 5 = 120+). A credit balance goes wholly to current.
 */
export function fifoBuckets(debits: readonly number[], credits: number): AgingBuckets {
  const b = [0, 0, 0, 0, 0, 0];
  let total = 0;
  for (let k = 0; k < 6; k++) total += debits[k] ?? 0;
  const balance = total - credits;
  if (balance <= 0) b[0] = balance;
  else {
    let left = credits;
    for (let k = 5; k >= 0; k--) {
      const open = debits[k] ?? 0;
      const used = Math.min(open, left);
      left -= used;
      b[k] = open - used;
    }
  }
  return { current: b[0] ?? 0, "1-30": b[1] ?? 0, "31-60": b[2] ?? 0, "61-90": b[3] ?? 0, "91-120": b[4] ?? 0, "120+": b[5] ?? 0 };
}

/** The master record of a name, or a stand-in for names only seen in transactions. */
function customerOf(ledger: ReportLedger, name: string): Customer {
  return ledger.findCustomer(name) ?? { name, openingBalanceFen: 0, derived: true };
}

/**
 * One customer's aging as of `asOf` (a name, or the master record): balance and buckets (fen),
 * FIFO. The opening balance is a debt dated by its opening date (else by the first movement).
 * @example customerAging(ledger, "长沙华兴", "2025-06-30").buckets["31-60"]
 */
export function customerAging(ledger: ReportLedger, who: Customer | string, asOf: string): { balanceFen: number; buckets: AgingBuckets } {
  const customer = typeof who === "string" ? who : who.name;
  const days = agingPaymentDays(typeof who === "string" ? customerOf(ledger, who) : who);
  const asOfDay = epochDay(asOf);
  const debits = [0, 0, 0, 0, 0, 0];
  let credits = 0;
  const movements = ledger.movements(customer, undefined, asOf);
  for (const m of movements) {
    if (m.amountFen > 0) {
      const k = bucketOf(asOfDay - epochDay(m.date) - days);
      debits[k] = (debits[k] ?? 0) + m.amountFen;
    } else credits -= m.amountFen;
  }
  const opening = ledger.openingOf(customer);
  if (opening.date === undefined || asOf >= opening.date) {
    if (opening.amountFen > 0) {
      const k = bucketOf(asOfDay - epochDay(opening.date ?? movements[0]?.date ?? asOf) - days);
      debits[k] = (debits[k] ?? 0) + opening.amountFen;
    } else credits -= opening.amountFen;
  }
  const buckets = fifoBuckets(debits, credits);
  return { balanceFen: bucketSum(buckets), buckets };
}

function bucketSum(b: AgingBuckets): number {
  return b.current + b["1-30"] + b["31-60"] + b["61-90"] + b["91-120"] + b["120+"];
}

/**
 * The aging report as of `asOf` (YYYY-MM-DD): customers with a non-zero balance, master order.
 * @example agingReport(ledger, "2025-06-30").data.totals.balanceFen
 */
export function agingReport(ledger: ReportLedger, asOf: string, opts: ReportOptions = {}): Report<AgingReportData> {
  const locale = opts.locale ?? "zh-CN";
  // One pass over the receivable columns: debts into buckets, credits summed, per customer.
  const rc = receivableColumns(ledger);
  const names = rc.customers.names;
  const nC = names.length;
  const payDays = new Int32Array(nC);
  for (let c = 0; c < nC; c++) payDays[c] = agingPaymentDays(customerOf(ledger, names[c] ?? ""));
  const asOfDay = epochDay(asOf);
  const debit = new Float64Array(nC * 6);
  const credit = new Float64Array(nC);
  const firstDay = new Int32Array(nC).fill(asOfDay);
  for (let i = 0; i < rc.day.length; i++) {
    const d = rc.day[i] as number;
    if (d > asOfDay) continue;
    const c = rc.customer[i] as number;
    const fen = rc.amount[i] as number;
    if (d < (firstDay[c] as number)) firstDay[c] = d;
    if (fen > 0) {
      const k = c * 6 + bucketOf(asOfDay - d - (payDays[c] as number));
      debit[k] = (debit[k] as number) + fen;
    } else credit[c] = (credit[c] as number) - fen;
  }

  const rows: AgingReportData["rows"][number][] = [];
  const totals = [0, 0, 0, 0, 0, 0];
  let totalBalance = 0;
  const negatives: { customer: string; fen: number }[] = [];
  for (const c of masterOrder(names, rc.customers.seeded, () => true)) {
    const name = names[c] ?? "";
    const debits = Array.from(debit.subarray(c * 6, c * 6 + 6));
    let credits = credit[c] as number;
    const opening = ledger.openingOf(name);
    if (opening.date === undefined || asOf >= opening.date) {
      if (opening.amountFen > 0) {
        const k = bucketOf(asOfDay - (opening.date === undefined ? (firstDay[c] as number) : epochDay(opening.date)) - (payDays[c] as number));
        debits[k] = (debits[k] ?? 0) + opening.amountFen;
      } else credits -= opening.amountFen;
    }
    const buckets = fifoBuckets(debits, credits);
    const balanceFen = bucketSum(buckets);
    // Two independent counts of the same money; disagreeing is a bug, never a report.
    if (balanceFen !== ledger.balance(name, asOf)) throw new Error(`aging: ${name} buckets ${balanceFen} ≠ balance ${ledger.balance(name, asOf)}`);
    if (balanceFen === 0) continue;
    rows.push({ customer: name, paymentDays: payDays[c] as number, balanceFen, buckets });
    totalBalance += balanceFen;
    BUCKET_KEYS.forEach((key, i) => (totals[i] = (totals[i] ?? 0) + buckets[key]));
    if (balanceFen < 0) negatives.push({ customer: name, fen: -balanceFen });
  }

  const b = new SheetBuilder();
  b.title(t("reports.aging.title", {}, locale), WIDTH);
  b.line(t("reports.aging.subtitle", { asOf }, locale), WIDTH);
  b.line(t("reports.aging.basis", {}, locale), WIDTH, { ...STYLE.note, wrap: true });
  b.line([opts.today ? t("reports.preparedOn", { date: opts.today }, locale) : "", t("reports.unit", {}, locale)].filter(Boolean).join("　"), WIDTH, STYLE.note);
  const headerRow = b.header([
    t("reports.col.customer", {}, locale),
    t("reports.col.paymentDays", {}, locale),
    t("reports.col.balance", {}, locale),
    ...BUCKET_KEYS.map((key) => t(`reports.bucket.${key}`, {}, locale)),
  ]);
  const first = b.next;
  for (const r of rows) b.push([r.customer, r.paymentDays, yuan(r.balanceFen), ...BUCKET_KEYS.map((key) => yuan(r.buckets[key]))]);
  if (rows.length === 0) b.push([t("reports.none", {}, locale)]);
  const last = b.next - 1;
  const totalRow = b.push([t("reports.total", {}, locale), null, subtotalCell(2, first, last, yuan(totalBalance)), ...totals.map((fen, i) => subtotalCell(3 + i, first, last, yuan(fen)))]);
  styleBlock(b, first, totalRow, WIDTH, [2, 3, 4, 5, 6, 7, 8], [1], MONEY_FORMAT, QTY_FORMAT);
  b.style(totalRow, 0, totalRow, WIDTH - 1, STYLE.total);
  b.anchor("header", headerRow, 0);
  b.anchor("total", totalRow, 2);
  for (const n of negatives) b.line(t("reports.aging.negative", { customer: n.customer, amount: formatFen(n.fen) }, locale), WIDTH, STYLE.note);

  const spec = b.build({
    name: agingSheetName(asOf),
    kind: "aging",
    columnWidths: [24, 10, 16, 14, 14, 14, 14, 14, 16],
    freeze: { rows: headerRow + 1, columns: 1 },
    print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow }, footer: t("reports.footer", {}, locale) },
  });
  const bucketTotals: AgingBuckets = { current: totals[0] ?? 0, "1-30": totals[1] ?? 0, "31-60": totals[2] ?? 0, "61-90": totals[3] ?? 0, "91-120": totals[4] ?? 0, "120+": totals[5] ?? 0 };
  return { spec, data: { kind: "aging", period: asOf, basis: "receivableDate", rows, totals: { balanceFen: totalBalance, buckets: bucketTotals } } };
}
