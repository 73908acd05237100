/**
 * 往来对账单 (statement of account), balance-forward: header, summary line, detail with a running
 * balance (formulas carrying our computed values), closing in figures and RMB uppercase, and the
 * reply slip (回执) in the style of an audit confirmation. Dated by the receivable date (ship date,
 * else order date), exactly as `Ledger.movements` and `Ledger.balance` count.
 */
import { t, type Locale } from "../i18n";
import { fail, ok, type Result } from "../result";
import { toRmbUpper } from "../rmb-uppercase";
import { formatFen } from "../money";
import { addDays, dayBefore, isIsoDate } from "../dates";
import { nameKey } from "../text";
import { a1, type SheetSpec } from "../sheet-spec";
import { SheetBuilder, STYLE, MONEY_FORMAT, QTY_FORMAT, DATE_FORMAT, yuan } from "../reports/layout";
import type { LedgerMovement, ReportLedger } from "../reports/ledger-view";
import { statementSheetName } from "../sheet-names";

/** Our company, printed at the top (from settings). */
export interface CompanyInfo {
  readonly name: string;
  readonly address?: string;
  readonly phone?: string;
  /** Bank and account, e.g. `工商银行长沙分行 1901 0000 0000 0000`. */
  readonly bank?: string;
}

/** Options of a statement. */
export interface StatementOptions {
  readonly company: CompanyInfo;
  /** Statement date (core has no clock); default the period's last day. */
  readonly date?: string;
  /** Reply-by date on the slip; default statement date + 7 days. */
  readonly replyBy?: string;
  /** Statement number; default `DZ<YYYYMM of to>-<customer code, else name>`. */
  readonly number?: string;
  readonly locale?: Locale;
}

/** One detail line of the JSON contract. `amountFen` is the signed effect on the receivable. */
export interface StatementLine {
  readonly date: string;
  readonly kind: LedgerMovement["kind"];
  readonly ref: string | null;
  readonly model: string | null;
  readonly qty: number | null;
  readonly priceFen: number | null;
  readonly amountFen: number;
  /** Running balance after this line. */
  readonly balanceFen: number;
  readonly notes: string | null;
}

/** A statement's figures (the `--json` contract object, plus the summary split). */
export interface StatementData {
  readonly customer: string;
  readonly code: string | null;
  readonly from: string;
  readonly to: string;
  readonly statementNo: string;
  readonly date: string;
  readonly replyBy: string;
  /** The day the opening balance stands at: the day before the period, or the customer's opening date when it falls inside the period (the ledger starts there). */
  readonly openingDate: string;
  readonly openingFen: number;
  /** Σ positive movements (receivable up). */
  readonly debitFen: number;
  /** Σ negative movements as a positive figure (paid, returned, allowed). */
  readonly creditFen: number;
  readonly closingFen: number;
  /** `人民币` + 大写 of the closing balance. */
  readonly closingUpper: string;
  /** Summary line: sales, returns, allowances, payments (signed so that closing = opening + sales − returns − allowances − payments). */
  readonly salesFen: number;
  readonly returnsFen: number;
  readonly allowanceFen: number;
  readonly paymentsFen: number;
  readonly lines: readonly StatementLine[];
}

/** A statement: the sheet and its data. */
export interface Statement {
  readonly spec: SheetSpec;
  readonly data: StatementData;
}

/** The ledger's own spelling of a customer, or undefined when the ledger has never heard of it. */
export function resolveCustomer(ledger: ReportLedger, name: string): string | undefined {
  const master = ledger.findCustomer(name);
  if (master) return master.name;
  const key = nameKey(name);
  return ledger.customerNames().find((n) => nameKey(n) === key);
}

/**
 * The statement's figures for `customer` over [from, to].
 * @example statementData(ledger, "长沙华兴", "2025-02-26", "2025-03-25", { company: { name: "某某公司" } })
 */
export function statementData(ledger: ReportLedger, customer: string, from: string, to: string, opts: StatementOptions): Result<StatementData> {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) return fail({ code: "statement.badPeriod", params: { from, to } });
  const name = resolveCustomer(ledger, customer);
  if (name === undefined) return fail({ code: "statement.unknownCustomer", value: customer });
  const master = ledger.findCustomer(name);
  const code = master?.code ?? null;
  const date = opts.date ?? to;
  const replyBy = opts.replyBy ?? addDays(date, 7);
  const statementNo = opts.number ?? `DZ${to.slice(0, 4)}${to.slice(5, 7)}-${code ?? name}`;

  // The ledger knows nothing before a customer's opening date: a period containing it opens there.
  const standing = ledger.openingOf(name);
  const opensInside = standing.date !== undefined && standing.date >= from && standing.date <= to;
  const openingFen = opensInside ? standing.amountFen : ledger.balance(name, dayBefore(from));
  const openingDate = opensInside && standing.date !== undefined ? standing.date : dayBefore(from);
  let balance = openingFen;
  let debitFen = 0;
  let creditFen = 0;
  const split = { sale: 0, return: 0, allowance: 0, payment: 0 };
  const lines: StatementLine[] = [];
  for (const m of ledger.movements(name, from, to)) {
    balance += m.amountFen;
    if (m.amountFen >= 0) debitFen += m.amountFen;
    else creditFen -= m.amountFen;
    split[m.kind] += m.amountFen;
    lines.push({
      date: m.date,
      kind: m.kind,
      ref: m.ref ?? null,
      model: m.model ?? null,
      qty: m.qty ?? null,
      priceFen: m.priceFen ?? null,
      amountFen: m.amountFen,
      balanceFen: balance,
      notes: m.notes ?? null,
    });
  }
  const closingFen = ledger.balance(name, to);
  // The ledger's balance and our running sum are computed independently; disagreeing is a bug.
  if (closingFen !== balance) throw new Error(`statement: running balance ${balance} ≠ ledger balance ${closingFen} for ${name}`);
  return ok({
    customer: name,
    code,
    from,
    to,
    statementNo,
    date,
    replyBy,
    openingDate,
    openingFen,
    debitFen,
    creditFen,
    closingFen,
    closingUpper: `人民币${toRmbUpper(closingFen)}`,
    salesFen: split.sale,
    returnsFen: -split.return,
    allowanceFen: -split.allowance,
    paymentsFen: -split.payment,
    lines,
  });
}

const WIDTH = 9; // 日期 | 单号 | 摘要 | 型号 | 数量 | 单价 | 借方 | 贷方 | 余额
const COL = { date: 0, ref: 1, memo: 2, model: 3, qty: 4, price: 5, debit: 6, credit: 7, balance: 8 } as const;

/**
 * The statement sheet for `customer` over [from, to], with its data.
 * @example statement(ledger, "长沙华兴", "2025-02-26", "2025-03-25", { company: { name: "某某公司" }, date: "2025-03-26" })
 */
export function statement(ledger: ReportLedger, customer: string, from: string, to: string, opts: StatementOptions): Result<Statement> {
  const r = statementData(ledger, customer, from, to, opts);
  if (!r.ok) return r;
  return ok({ spec: statementSpec(r.value, opts), data: r.value });
}

/** Lay out a statement's data as a sheet. */
export function statementSpec(d: StatementData, opts: StatementOptions): SheetSpec {
  const locale = opts.locale ?? "zh-CN";
  const tr = (code: string, params: Readonly<Record<string, string | number>> = {}): string => t(code, params, locale);
  const company = opts.company;
  const b = new SheetBuilder();

  // Header: our company, the title, the customer, number, period, date.
  const companyRow = b.title(company.name, WIDTH);
  if (company.address || company.phone) b.line(tr("statement.companyContact", { address: company.address ?? "", phone: company.phone ?? "" }), WIDTH, { hAlign: "center", fontSize: 9 });
  if (company.bank) b.line(tr("statement.companyBank", { bank: company.bank }), WIDTH, { hAlign: "center", fontSize: 9 });
  const titleRow = b.title(tr("statement.title"), WIDTH);
  b.style(titleRow, 0, titleRow, WIDTH - 1, { fontSize: 14, bold: true, hAlign: "center" });
  const pair = (left: string, right: string): number => {
    const r = b.push([left, null, null, null, null, right]);
    b.merge(r, 0, r, 4);
    b.merge(r, 5, r, WIDTH - 1);
    return r;
  };
  const customerRow = pair(d.code ? tr("statement.customerWithCode", { name: d.customer, code: d.code }) : tr("statement.customer", { name: d.customer }), tr("statement.number", { no: d.statementNo }));
  pair(tr("statement.period", { from: d.from, to: d.to }), tr("statement.date", { date: d.date }));
  b.line(tr("statement.greeting", { name: d.customer, from: d.from, to: d.to }), WIDTH, { wrap: true });
  b.line(tr("statement.basis"), WIDTH, STYLE.note);

  // Summary line: labels over values; closing = opening + sales − returns − allowances − payments.
  const sumHeader = b.push([tr("statement.sum.opening"), tr("statement.sum.sales"), tr("statement.sum.returns"), tr("statement.sum.allowances"), tr("statement.sum.payments"), tr("statement.sum.closing")]);
  b.style(sumHeader, 0, sumHeader, 5, STYLE.header);
  const sumRow = b.next;
  b.push([
    yuan(d.openingFen),
    yuan(d.salesFen),
    yuan(d.returnsFen),
    yuan(d.allowanceFen),
    yuan(d.paymentsFen),
    { formula: `=${a1(sumRow, 0)}+${a1(sumRow, 1)}-${a1(sumRow, 2)}-${a1(sumRow, 3)}-${a1(sumRow, 4)}`, value: yuan(d.closingFen) },
  ]);
  b.style(sumRow, 0, sumRow, 5, { ...STYLE.body, numberFormat: MONEY_FORMAT, bold: true });
  b.anchor("summaryClosing", sumRow, 5);
  b.blank();

  // Detail.
  const headerRow = b.header([
    tr("statement.col.date"),
    tr("statement.col.ref"),
    tr("statement.col.memo"),
    tr("statement.col.model"),
    tr("statement.col.qty"),
    tr("statement.col.price"),
    tr("statement.col.debit"),
    tr("statement.col.credit"),
    tr("statement.col.balance"),
  ]);
  const openingRow = b.push([{ date: d.openingDate }, null, tr("statement.kind.opening"), null, null, null, null, null, yuan(d.openingFen)]);
  b.anchor("opening", openingRow, COL.balance);
  let prev = openingRow;
  for (const line of d.lines) {
    const r = b.next;
    const memo = line.notes ? `${tr(`statement.kind.${line.kind}`)} ${line.notes}` : tr(`statement.kind.${line.kind}`);
    b.push([
      { date: line.date },
      line.ref,
      memo,
      line.model,
      line.qty,
      line.priceFen === null ? null : yuan(line.priceFen),
      line.amountFen > 0 ? yuan(line.amountFen) : null,
      line.amountFen < 0 ? yuan(-line.amountFen) : null,
      { formula: `=${a1(prev, COL.balance)}+${a1(r, COL.debit)}-${a1(r, COL.credit)}`, value: yuan(line.balanceFen) },
    ]);
    prev = r;
  }
  const closingRow = b.next;
  const firstLine = openingRow + 1;
  const lastLine = closingRow - 1;
  const sumOf = (col: number, fen: number) => (lastLine >= firstLine ? { formula: `=SUM(${a1(firstLine, col)}:${a1(lastLine, col)})`, value: yuan(fen) } : 0);
  b.push([
    { date: d.to },
    null,
    tr("statement.kind.closing"),
    null,
    null,
    null,
    sumOf(COL.debit, d.debitFen),
    sumOf(COL.credit, d.creditFen),
    { formula: `=${a1(openingRow, COL.balance)}+${a1(closingRow, COL.debit)}-${a1(closingRow, COL.credit)}`, value: yuan(d.closingFen) },
  ]);
  b.style(openingRow, 0, closingRow, WIDTH - 1, STYLE.body);
  b.style(openingRow, COL.date, closingRow, COL.date, { numberFormat: DATE_FORMAT, hAlign: "center" });
  b.style(openingRow, COL.qty, closingRow, COL.qty, { numberFormat: QTY_FORMAT });
  b.style(openingRow, COL.price, closingRow, COL.balance, { numberFormat: MONEY_FORMAT });
  b.style(openingRow, 0, openingRow, WIDTH - 1, STYLE.subtotal);
  b.style(closingRow, 0, closingRow, WIDTH - 1, STYLE.total);
  b.anchor("closing", closingRow, COL.balance);

  // Closing in figures and in uppercase.
  b.blank();
  const figRow = b.push([tr("statement.closingFigure"), null, null, { formula: `=${a1(closingRow, COL.balance)}`, value: yuan(d.closingFen) }]);
  b.merge(figRow, 0, figRow, 2);
  b.merge(figRow, 3, figRow, 5);
  b.style(figRow, 0, figRow, 2, { bold: true, hAlign: "right" });
  b.style(figRow, 3, figRow, 5, { bold: true, numberFormat: `"¥"${MONEY_FORMAT}`, hAlign: "left" });
  b.anchor("closingFigure", figRow, 3);
  const upRow = b.push([tr("statement.closingUpper"), null, null, d.closingUpper]);
  b.merge(upRow, 0, upRow, 2);
  b.merge(upRow, 3, upRow, WIDTH - 1);
  b.style(upRow, 0, upRow, 2, { bold: true, hAlign: "right" });
  b.style(upRow, 3, upRow, WIDTH - 1, { bold: true, hAlign: "left" });
  b.anchor("closingUpper", upRow, 3);
  b.blank();
  b.line(tr("statement.ownSign", { company: company.name }), WIDTH, { hAlign: "right" });
  b.blank();
  b.line(tr("statement.cutLine"), WIDTH, { ...STYLE.note, hAlign: "center" });

  // Reply slip (回执).
  const replyTitle = b.title(tr("statement.reply.title"), WIDTH);
  b.style(replyTitle, 0, replyTitle, WIDTH - 1, { fontSize: 14, bold: true, hAlign: "center" });
  b.anchor("reply", replyTitle, 0);
  b.line(tr("statement.reply.to", { company: company.name }), WIDTH);
  b.line(tr("statement.reply.body", { no: d.statementNo, to: d.to, amount: formatFen(d.closingFen), upper: toRmbUpper(d.closingFen) }), WIDTH, { wrap: true });
  b.line(tr("statement.reply.ok"), WIDTH);
  b.line(tr("statement.reply.notOk"), WIDTH);
  for (let i = 0; i < 3; i++) {
    const r = b.blank();
    b.style(r, 0, r, WIDTH - 1, { border: { weight: "thin", scope: "bottom" } });
  }
  b.blank();
  const sealRow = pair(tr("statement.reply.seal"), tr("statement.reply.signature"));
  b.anchor("seal", sealRow, 0);
  pair("", tr("statement.reply.date"));
  b.line(company.phone ? tr("statement.reply.returnByPhone", { date: d.replyBy, phone: company.phone }) : tr("statement.reply.returnBy", { date: d.replyBy }), WIDTH, { bold: true });

  b.anchor("company", companyRow, 0);
  b.anchor("customer", customerRow, 0);
  b.anchor("detailHeader", headerRow, 0);
  return b.build({
    name: statementSheetName(d.customer, d.from, d.to),
    kind: "statement",
    columnWidths: [11, 16, 14, 12, 8, 10, 13, 13, 14],
    freeze: { rows: headerRow + 1, columns: 0 },
    print: { paperSize: "A4", orientation: "portrait", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow }, footer: tr("reports.footer") },
  });
}
