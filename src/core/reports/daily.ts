/**
 * 销售日报 for a date D: sales by customer × model (the day and the month to date) with customer
 * subtotals and a grand total; the day's collections by region/warehouse × customer.
 */
import { t } from "../i18n";
import { dayOfWeek } from "../dates";
import { SheetBuilder, STYLE, MONEY_FORMAT, QTY_FORMAT, yuan, masterOrder, compareText } from "./layout";
import type { ReportLedger } from "./ledger-view";
import { dayNumber, salesColumns } from "./columns";
import { PairSums, orderedSlots, styleBlock, subtotalCell } from "./pivot";
import { dailySheetName } from "../sheet-names";
import type { DailyReportData, Report, ReportOptions } from "./types";

const WIDTH = 6;

/**
 * The daily report for `date` (YYYY-MM-DD).
 * @example dailyReport(ledger, "2025-03-05").data.totals.amountFen
 */
export function dailyReport(ledger: ReportLedger, date: string, opts: ReportOptions = {}): Report<DailyReportData> {
  const locale = opts.locale ?? "zh-CN";
  const from = `${date.slice(0, 8)}01`;
  const cols = salesColumns(ledger);
  const customers = cols.customers;
  const models = cols.models;
  const sums = new PairSums();

  // One pass over the month to date; the day's figures go to the second measure pair.
  const day = dayNumber(date);
  const lo = dayNumber(from);
  for (let i = 0; i < cols.orderDay.length; i++) {
    const d = cols.orderDay[i] as number;
    if (d < lo || d > day) continue;
    const s = sums.slot(cols.orderCustomer[i] as number, cols.orderModel[i] as number);
    const qty = cols.orderQty[i] as number;
    const fen = cols.orderAmount[i] as number;
    sums.qty[s] = (sums.qty[s] as number) + qty;
    sums.amt[s] = (sums.amt[s] as number) + fen;
    if (d === day) {
      sums.qty2[s] = (sums.qty2[s] as number) + qty;
      sums.amt2[s] = (sums.amt2[s] as number) + fen;
    }
  }

  // Collections of the day, by group × customer (allowances are not money received).
  const groupNames: string[] = [];
  const groupIdx = new Map<string, number>();
  const collected = new Map<number, number>(); // group * 2^21 + customer → fen
  for (const p of ledger.paymentsBetween(date, date)) {
    if (p.allowance) continue;
    const c = customers.of(p.customer);
    const master = ledger.findCustomer(p.customer);
    const group = p.account ?? master?.warehouse ?? master?.region ?? "";
    let g = groupIdx.get(group);
    if (g === undefined) {
      g = groupNames.length;
      groupNames.push(group);
      groupIdx.set(group, g);
    }
    const key = g * 2 ** 21 + c;
    collected.set(key, (collected.get(key) ?? 0) + p.amountFen);
  }

  const b = new SheetBuilder();
  b.title(t("reports.daily.title", {}, locale), WIDTH);
  b.line(t("reports.daily.subtitle", { date, from, weekday: t(`reports.weekday.${dayOfWeek(date)}`, {}, locale) }, locale), WIDTH);
  b.line(t("reports.daily.basis", {}, locale), WIDTH, STYLE.note);
  b.line([opts.today ? t("reports.preparedOn", { date: opts.today }, locale) : "", t("reports.unit", {}, locale)].filter(Boolean).join("　"), WIDTH, STYLE.note);
  b.line(t("reports.daily.salesSection", {}, locale), WIDTH, STYLE.section);
  const headerRow = b.header([
    t("reports.col.customer", {}, locale),
    t("reports.col.model", {}, locale),
    t("reports.col.dayQty", {}, locale),
    t("reports.col.dayAmount", {}, locale),
    t("reports.col.mtdQty", {}, locale),
    t("reports.col.mtdAmount", {}, locale),
  ]);

  const rows: DailyReportData["rows"][number][] = [];
  const firstData = b.next;
  const order = orderedSlots(sums, customers, models);
  let tot = { qty: 0, amountFen: 0, mtdQty: 0, mtdAmountFen: 0 };
  let k = 0;
  while (k < order.length) {
    const c = sums.cust[order[k] ?? 0] ?? 0;
    const groupStart = b.next;
    const sub = { qty: 0, amountFen: 0, mtdQty: 0, mtdAmountFen: 0 };
    for (; k < order.length && sums.cust[order[k] ?? 0] === c; k++) {
      const s = order[k] ?? 0;
      const row = {
        customer: customers.name(c),
        model: models.name(sums.model[s] ?? 0),
        qty: sums.qty2[s] ?? 0,
        amountFen: sums.amt2[s] ?? 0,
        mtdQty: sums.qty[s] ?? 0,
        mtdAmountFen: sums.amt[s] ?? 0,
      };
      rows.push(row);
      sub.qty += row.qty;
      sub.amountFen += row.amountFen;
      sub.mtdQty += row.mtdQty;
      sub.mtdAmountFen += row.mtdAmountFen;
      b.push([row.customer, row.model, row.qty, yuan(row.amountFen), row.mtdQty, yuan(row.mtdAmountFen)]);
    }
    const last = b.next - 1;
    const r = b.push([
      t("reports.subtotal", { customer: customers.name(c) }, locale),
      null,
      subtotalCell(2, groupStart, last, sub.qty),
      subtotalCell(3, groupStart, last, yuan(sub.amountFen)),
      subtotalCell(4, groupStart, last, sub.mtdQty),
      subtotalCell(5, groupStart, last, yuan(sub.mtdAmountFen)),
    ]);
    b.style(r, 0, r, WIDTH - 1, STYLE.subtotal);
    tot = { qty: tot.qty + sub.qty, amountFen: tot.amountFen + sub.amountFen, mtdQty: tot.mtdQty + sub.mtdQty, mtdAmountFen: tot.mtdAmountFen + sub.mtdAmountFen };
  }
  if (order.length === 0) b.push([t("reports.none", {}, locale)]);
  const lastData = b.next - 1;
  const totalRow = b.push([
    t("reports.total", {}, locale),
    null,
    subtotalCell(2, firstData, lastData, tot.qty),
    subtotalCell(3, firstData, lastData, yuan(tot.amountFen)),
    subtotalCell(4, firstData, lastData, tot.mtdQty),
    subtotalCell(5, firstData, lastData, yuan(tot.mtdAmountFen)),
  ]);
  styleBlock(b, firstData, totalRow, WIDTH, [3, 5], [2, 4], MONEY_FORMAT, QTY_FORMAT);
  b.style(totalRow, 0, totalRow, WIDTH - 1, STYLE.total);
  b.anchor("salesHeader", headerRow, 0);
  b.anchor("salesTotal", totalRow, 3);
  b.anchor("salesMtdTotal", totalRow, 5);

  // Section 2: collections.
  b.blank();
  b.line(t("reports.daily.collectionsSection", {}, locale), WIDTH, STYLE.section);
  const collHeader = b.header([t("reports.col.group", {}, locale), t("reports.col.customer", {}, locale), t("reports.col.collected", {}, locale)]);
  const collections: { group: string; customer: string; collectedFen: number }[] = [];
  const gOrder = groupNames.map((_, i) => i).sort((x, y) => compareText(groupNames[x] ?? "", groupNames[y] ?? "") || x - y);
  const cOrder = masterOrder(customers.names, customers.seeded, () => true);
  const cRank = new Int32Array(customers.names.length);
  cOrder.forEach((ci, r) => (cRank[ci] = r));
  const firstColl = b.next;
  let collectedTotal = 0;
  for (const g of gOrder) {
    const keys = [...collected.keys()].filter((key) => Math.floor(key / 2 ** 21) === g).sort((x, y) => (cRank[x % 2 ** 21] ?? 0) - (cRank[y % 2 ** 21] ?? 0));
    const start = b.next;
    let sub = 0;
    const groupLabel = groupNames[g] || t("reports.unassigned", {}, locale);
    for (const key of keys) {
      const fen = collected.get(key) ?? 0;
      const customer = customers.name(key % 2 ** 21);
      collections.push({ group: groupNames[g] ?? "", customer, collectedFen: fen });
      sub += fen;
      b.push([groupLabel, customer, yuan(fen)]);
    }
    const r = b.push([t("reports.subtotal", { customer: groupLabel }, locale), null, subtotalCell(2, start, b.next - 1, yuan(sub))]);
    b.style(r, 0, r, 2, STYLE.subtotal);
    collectedTotal += sub;
  }
  if (gOrder.length === 0) b.push([t("reports.none", {}, locale)]);
  const collTotal = b.push([t("reports.total", {}, locale), null, subtotalCell(2, firstColl, b.next - 1, yuan(collectedTotal))]);
  styleBlock(b, firstColl, collTotal, 3, [2], [], MONEY_FORMAT, QTY_FORMAT);
  b.style(collTotal, 0, collTotal, 2, STYLE.total);
  b.anchor("collectionsHeader", collHeader, 0);
  b.anchor("collectionsTotal", collTotal, 2);

  const spec = b.build({
    name: dailySheetName(date),
    kind: "daily",
    columnWidths: [24, 16, 12, 16, 14, 18],
    freeze: { rows: headerRow + 1, columns: 0 },
    print: { paperSize: "A4", orientation: "portrait", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow }, footer: t("reports.footer", {}, locale) },
  });
  return {
    spec,
    data: { kind: "daily", period: date, basis: "orderDate", rows, collections, totals: { ...tot, collectedFen: collectedTotal } },
  };
}
