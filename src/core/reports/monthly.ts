/**
 * 销售月报 for a month: sales by customer × model with customer subtotals; then per customer the
 * month's sales, returns, allowances, collections and closing receivable.
 */
import { t } from "../i18n";
import { monthRange } from "../periods";
import { SheetBuilder, STYLE, MONEY_FORMAT, QTY_FORMAT, yuan } from "./layout";
import type { ReportLedger } from "./ledger-view";
import { dayNumber, salesColumns } from "./columns";
import { PairSums, orderedSlots, ranks, styleBlock, subtotalCell } from "./pivot";
import { monthlySheetName } from "../sheet-names";
import type { MonthlyCustomerRow, MonthlyReportData, PairRow, Report, ReportOptions } from "./types";

const WIDTH = 6;

/**
 * The monthly report for `month` (YYYY-MM).
 * @example monthlyReport(ledger, "2025-03").data.totals.amountFen
 */
export function monthlyReport(ledger: ReportLedger, month: string, opts: ReportOptions = {}): Report<MonthlyReportData> {
  const locale = opts.locale ?? "zh-CN";
  const { from, to } = monthRange(month);
  const cols = salesColumns(ledger);
  const customers = cols.customers;
  const models = cols.models;
  const sums = new PairSums();
  const sales: number[] = [];
  const returns: number[] = [];
  const allowances: number[] = [];
  const collections: number[] = [];
  const active: boolean[] = [];
  const bump = (arr: number[], c: number, fen: number): void => {
    arr[c] = (arr[c] ?? 0) + fen;
    active[c] = true;
  };

  const lo = dayNumber(from);
  const hi = dayNumber(to);
  for (let i = 0; i < cols.orderDay.length; i++) {
    const d = cols.orderDay[i] as number;
    if (d < lo || d > hi) continue;
    const c = cols.orderCustomer[i] as number;
    const fen = cols.orderAmount[i] as number;
    const s = sums.slot(c, cols.orderModel[i] as number);
    sums.qty[s] = (sums.qty[s] as number) + (cols.orderQty[i] as number);
    sums.amt[s] = (sums.amt[s] as number) + fen;
    if (fen >= 0) bump(sales, c, fen);
    // A negative line without goods back is a price adjustment (折让), as the ledger lists it.
    else if ((cols.orderQty[i] as number) < 0) bump(returns, c, -fen);
    else bump(allowances, c, -fen);
  }
  for (const r of ledger.returnsBetween(from, to)) bump(returns, customers.of(r.customer), r.amountFen);
  for (let i = 0; i < cols.paymentDay.length; i++) {
    const d = cols.paymentDay[i] as number;
    if (d >= lo && d <= hi) bump(cols.paymentAllowance[i] === 1 ? allowances : collections, cols.paymentCustomer[i] as number, cols.paymentAmount[i] as number);
  }

  const b = new SheetBuilder();
  b.title(t("reports.monthly.title", {}, locale), WIDTH);
  b.line(t("reports.monthly.subtitle", { month, from, to }, locale), WIDTH);
  b.line(t("reports.monthly.basis", { to }, locale), WIDTH, STYLE.note);
  b.line([opts.today ? t("reports.preparedOn", { date: opts.today }, locale) : "", t("reports.unit", {}, locale)].filter(Boolean).join("　"), WIDTH, STYLE.note);
  b.line(t("reports.monthly.detailSection", {}, locale), WIDTH, STYLE.section);
  const headerRow = b.header([t("reports.col.customer", {}, locale), t("reports.col.model", {}, locale), t("reports.col.qty", {}, locale), t("reports.col.amount", {}, locale)]);

  const rows: PairRow[] = [];
  const firstData = b.next;
  const order = orderedSlots(sums, customers, models);
  let totQty = 0;
  let totFen = 0;
  let k = 0;
  while (k < order.length) {
    const c = sums.cust[order[k] ?? 0] ?? 0;
    const start = b.next;
    let subQty = 0;
    let subFen = 0;
    for (; k < order.length && sums.cust[order[k] ?? 0] === c; k++) {
      const s = order[k] ?? 0;
      const row: PairRow = { customer: customers.name(c), model: models.name(sums.model[s] ?? 0), qty: sums.qty[s] ?? 0, amountFen: sums.amt[s] ?? 0 };
      rows.push(row);
      subQty += row.qty;
      subFen += row.amountFen;
      b.push([row.customer, row.model, row.qty, yuan(row.amountFen)]);
    }
    const r = b.push([t("reports.subtotal", { customer: customers.name(c) }, locale), null, subtotalCell(2, start, b.next - 1, subQty), subtotalCell(3, start, b.next - 1, yuan(subFen))]);
    b.style(r, 0, r, 3, STYLE.subtotal);
    totQty += subQty;
    totFen += subFen;
  }
  if (order.length === 0) b.push([t("reports.none", {}, locale)]);
  const totalRow = b.push([t("reports.total", {}, locale), null, subtotalCell(2, firstData, b.next - 1, totQty), subtotalCell(3, firstData, b.next - 1, yuan(totFen))]);
  styleBlock(b, firstData, totalRow, 4, [3], [2], MONEY_FORMAT, QTY_FORMAT);
  b.style(totalRow, 0, totalRow, 3, STYLE.total);
  b.anchor("detailHeader", headerRow, 0);
  b.anchor("detailTotal", totalRow, 3);

  // Section 2: customer summary (customers with activity in the month or a non-zero closing balance).
  b.blank();
  b.line(t("reports.monthly.summarySection", {}, locale), WIDTH, STYLE.section);
  const sumHeader = b.header([
    t("reports.col.customer", {}, locale),
    t("reports.col.sales", {}, locale),
    t("reports.col.returns", {}, locale),
    t("reports.col.allowance", {}, locale),
    t("reports.col.collections", {}, locale),
    t("reports.col.closing", {}, locale),
  ]);
  const closing: number[] = [];
  for (let c = 0; c < customers.names.length; c++) {
    const fen = ledger.balance(customers.name(c), to);
    closing[c] = fen;
    if (fen !== 0) active[c] = true;
  }
  const { order: cOrder } = ranks(customers, (c) => active[c] === true);
  const summary: MonthlyCustomerRow[] = [];
  const firstSum = b.next;
  const tot = { salesFen: 0, returnsFen: 0, allowanceFen: 0, collectedFen: 0, closingFen: 0 };
  for (const c of cOrder) {
    const row: MonthlyCustomerRow = {
      customer: customers.name(c),
      salesFen: sales[c] ?? 0,
      returnsFen: returns[c] ?? 0,
      allowanceFen: allowances[c] ?? 0,
      collectedFen: collections[c] ?? 0,
      closingFen: closing[c] ?? 0,
    };
    summary.push(row);
    tot.salesFen += row.salesFen;
    tot.returnsFen += row.returnsFen;
    tot.allowanceFen += row.allowanceFen;
    tot.collectedFen += row.collectedFen;
    tot.closingFen += row.closingFen;
    b.push([row.customer, yuan(row.salesFen), yuan(row.returnsFen), yuan(row.allowanceFen), yuan(row.collectedFen), yuan(row.closingFen)]);
  }
  if (cOrder.length === 0) b.push([t("reports.none", {}, locale)]);
  const lastSum = b.next - 1;
  const sumTotal = b.push([
    t("reports.total", {}, locale),
    subtotalCell(1, firstSum, lastSum, yuan(tot.salesFen)),
    subtotalCell(2, firstSum, lastSum, yuan(tot.returnsFen)),
    subtotalCell(3, firstSum, lastSum, yuan(tot.allowanceFen)),
    subtotalCell(4, firstSum, lastSum, yuan(tot.collectedFen)),
    subtotalCell(5, firstSum, lastSum, yuan(tot.closingFen)),
  ]);
  styleBlock(b, firstSum, sumTotal, WIDTH, [1, 2, 3, 4, 5], [], MONEY_FORMAT, QTY_FORMAT);
  b.style(sumTotal, 0, sumTotal, WIDTH - 1, STYLE.total);
  b.anchor("summaryHeader", sumHeader, 0);
  b.anchor("summaryTotal", sumTotal, 5);

  const spec = b.build({
    name: monthlySheetName(month),
    kind: "monthly",
    columnWidths: [24, 16, 14, 16, 16, 18],
    freeze: { rows: headerRow + 1, columns: 0 },
    print: { paperSize: "A4", orientation: "portrait", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow }, footer: t("reports.footer", {}, locale) },
  });
  return {
    spec,
    data: { kind: "monthly", period: month, basis: "orderDate", rows, customers: summary, totals: { qty: totQty, amountFen: totFen, ...tot } },
  };
}
