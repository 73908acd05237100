/**
 * 销售年报 for a year: customers as rows, the twelve months as columns, row and column totals;
 * the year's collections laid out the same way.
 */
import { t } from "../i18n";
import { SheetBuilder, STYLE, MONEY_FORMAT, QTY_FORMAT, yuan } from "./layout";
import type { ReportLedger } from "./ledger-view";
import { dayNumber, salesColumns } from "./columns";
import { ranks, styleBlock, subtotalCell, sumCell } from "./pivot";
import { annualSheetName } from "../sheet-names";
import type { AnnualReportData, AnnualRow, Report, ReportOptions } from "./types";

const WIDTH = 14;

/**
 * The annual report for `year` (YYYY).
 * @example annualReport(ledger, "2025").data.totals.amountFen
 */
export function annualReport(ledger: ReportLedger, year: string, opts: ReportOptions = {}): Report<AnnualReportData> {
  const locale = opts.locale ?? "zh-CN";
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const cols = salesColumns(ledger);
  const customers = cols.customers;
  const width = customers.names.length * 12;
  const sales = new Float64Array(width);
  const coll = new Float64Array(width);
  const active = new Uint8Array(customers.names.length);

  // One pass each over the year's order lines and payments (typed columns, no objects).
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  for (let i = 0; i < cols.orderDay.length; i++) {
    const d = cols.orderDay[i] as number;
    if (d < lo || d > hi) continue;
    const c = cols.orderCustomer[i] as number;
    const k = c * 12 + (((d / 100) | 0) % 100) - 1;
    sales[k] = (sales[k] as number) + (cols.orderAmount[i] as number);
    active[c] = 1;
  }
  for (let i = 0; i < cols.paymentDay.length; i++) {
    const d = cols.paymentDay[i] as number;
    if (d < lo || d > hi || cols.paymentAllowance[i] === 1) continue;
    const c = cols.paymentCustomer[i] as number;
    const k = c * 12 + (((d / 100) | 0) % 100) - 1;
    coll[k] = (coll[k] as number) + (cols.paymentAmount[i] as number);
    active[c] = 1;
  }

  const monthKeys = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`);
  const { order } = ranks(customers, (c) => active[c] === 1);
  const rows: AnnualRow[] = [];
  const totSales = new Array<number>(12).fill(0);
  const totColl = new Array<number>(12).fill(0);
  for (const c of order) {
    const months: Record<string, number> = {};
    const collectedMonths: Record<string, number> = {};
    let amountFen = 0;
    let collectedFen = 0;
    for (let m = 0; m < 12; m++) {
      const key = monthKeys[m] ?? "";
      const s = sales[c * 12 + m] ?? 0;
      const p = coll[c * 12 + m] ?? 0;
      months[key] = s;
      collectedMonths[key] = p;
      amountFen += s;
      collectedFen += p;
      totSales[m] = (totSales[m] ?? 0) + s;
      totColl[m] = (totColl[m] ?? 0) + p;
    }
    rows.push({ customer: customers.name(c), months, amountFen, collectedMonths, collectedFen });
  }

  const b = new SheetBuilder();
  b.title(t("reports.annual.title", {}, locale), WIDTH);
  b.line(t("reports.annual.subtitle", { year, from, to }, locale), WIDTH);
  b.line(t("reports.annual.basis", {}, locale), WIDTH, STYLE.note);
  b.line([opts.today ? t("reports.preparedOn", { date: opts.today }, locale) : "", t("reports.unit", {}, locale)].filter(Boolean).join("　"), WIDTH, STYLE.note);
  const header = [t("reports.col.customer", {}, locale), ...monthKeys.map((_, m) => t("reports.col.month", { month: m + 1 }, locale)), t("reports.col.yearTotal", {}, locale)];

  const section = (titleKey: string, pick: (r: AnnualRow) => Readonly<Record<string, number>>, total: (r: AnnualRow) => number, colTotals: number[], anchor: string): number => {
    b.line(t(titleKey, {}, locale), WIDTH, STYLE.section);
    const h = b.header(header);
    const first = b.next;
    for (const r of rows) {
      const months = pick(r);
      const row = b.next;
      b.push([r.customer, ...monthKeys.map((key) => yuan(months[key] ?? 0)), sumCell(row, 1, 12, yuan(total(r)))]);
    }
    if (rows.length === 0) b.push([t("reports.none", {}, locale)]);
    const last = b.next - 1;
    const grand = colTotals.reduce((x, y) => x + y, 0);
    const tr = b.push([t("reports.total", {}, locale), ...colTotals.map((fen, m) => subtotalCell(m + 1, first, last, yuan(fen))), subtotalCell(13, first, last, yuan(grand))]);
    styleBlock(b, first, tr, WIDTH, Array.from({ length: 13 }, (_, i) => i + 1), [], MONEY_FORMAT, QTY_FORMAT);
    b.style(tr, 0, tr, WIDTH - 1, STYLE.total);
    b.anchor(anchor, tr, 13);
    return h;
  };
  const salesHeader = section("reports.annual.salesSection", (r) => r.months, (r) => r.amountFen, totSales, "salesTotal");
  b.blank();
  section("reports.annual.collectionsSection", (r) => r.collectedMonths, (r) => r.collectedFen, totColl, "collectionsTotal");
  b.anchor("salesHeader", salesHeader, 0);

  const spec = b.build({
    name: annualSheetName(year),
    kind: "annual",
    columnWidths: [24, ...new Array<number>(12).fill(12), 16],
    freeze: { rows: salesHeader + 1, columns: 1 },
    print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: salesHeader, last: salesHeader }, footer: t("reports.footer", {}, locale) },
  });
  const monthsTotal: Record<string, number> = {};
  const collTotal: Record<string, number> = {};
  monthKeys.forEach((key, m) => {
    monthsTotal[key] = totSales[m] ?? 0;
    collTotal[key] = totColl[m] ?? 0;
  });
  return {
    spec,
    data: {
      kind: "annual",
      period: year,
      basis: "orderDate",
      rows,
      totals: { months: monthsTotal, amountFen: totSales.reduce((x, y) => x + y, 0), collectedMonths: collTotal, collectedFen: totColl.reduce((x, y) => x + y, 0) },
    },
  };
}
