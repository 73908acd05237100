/**
 * Receivable journals (往来账 / 应收账款明细账), in the shapes accounting packages (用友, 金蝶) export
 * and clerks keep: 借方 is a sale, 贷方 money received (or a return, or an allowance), 余额 the running
 * balance — signed, or absolute beside a 方向 (借/贷/平) column. The customer is a column, or named in
 * title lines (`科目：1122 应收账款 — 某公司`, `核算项目：客户 — 0012 某公司`, `往来单位：…`), and a
 * sheet may stack several customers' blocks, each under its own title and 期间 line with its own 期初.
 * Dates are a date column, or 月 | 日 columns under a year (a 年 column, the 期间 line, the title).
 */
import type { Issue } from "../result";
import { dayBefore, daysInMonth } from "../dates";
import { nameKey, normalizeText } from "../text";
import { NAME_MAX_LENGTH } from "../schemas/records";
import { parseMoneyCell } from "./cells";
import type { ColumnChoice, HeaderBlock, ImportField, RawCell, SheetDetection, SheetGrid } from "./types";

/**
 * A journal's total and carry-forward lines (in its 摘要): 本月合计, 本年累计, 当前合计, 当前累计,
 * 本期合计, 月计, 年计, 承前页, 过次页, 结转下年 … — never movements.
 */
export const JOURNAL_TOTAL = /^(本[日周月年季期]|当[日月年期前]|全年|月度|年度|期间)?(合计|小计|累计|总计|发生额合计)$|^(本[月年期季]|当[前期月年])(合计|累计)|^(承前页|过次页|转下页|承上页|[日月季年]计|结转下[年期月]|转下[年期月]|期末余额|本期余额)$/;

/** A journal's opening line: 期初余额, 上年结转, 年初余额 … */
export const JOURNAL_OPENING = /期初|上年结转|上期结转|年初|上月结转|结转上年|承上年|opening|brought\s*forward|b\/f/i;

/** 摘要 words of a credit that is goods coming back (a return, a negative sale), not money received. */
const RETURN_WORDS = /退货|退回|销售退|退库|return/i;
/** 摘要 words of a credit that is a price allowance (折让), not money received. */
const ALLOWANCE_WORDS = /折让|让利|allowance|rebate/i;

/**
 * True when a journal's 摘要 (spaces removed) is a total or carry-forward line, not a movement.
 * @example isJournalTotal("当前累计") // true
 */
export function isJournalTotal(compact: string): boolean {
  return JOURNAL_TOTAL.test(compact);
}

/** A year and month (1–12). */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** What one title line of a journal says (any part may be absent). */
export interface JournalTitle {
  /** The customer the lines below belong to (its code stripped into `code`). */
  readonly customer?: string;
  readonly code?: string;
  /** The period of the lines below (`期间：2025.01-2025.03`). */
  readonly period?: { readonly from: YearMonth; readonly to: YearMonth };
  /** A year heading (`2025年`, `2025年度`) or the period's first year. */
  readonly year?: number;
  /** The line names an account or an item kind (科目 / 核算项目) even without a customer. */
  readonly account?: boolean;
}

/** Codes typed before a name: `0012 `, `C001-`, `[0012]`, `01.003 ` (digits required; bracketed, or set off by a space or dash: 3M公司 keeps its 3M). */
const LEADING_CODE = /^[[【(（]\s*([A-Za-z]{0,4}\d[\dA-Za-z.-]*)\s*[\]】)）]\s*[—–\-_:：/|]*\s*|^([A-Za-z]{0,4}\d[\dA-Za-z.-]*)(?:\s+|\s*[—–\-_:：/|]+\s*)/;
/** The separators between parts of one title (`应收账款 — 某公司`, `应收账款_某公司`, `客户-0012-某公司`). */
const SEPARATOR = /^\s*[—–\-_/|:：·]+\s*|^\s+/;
/** Item kinds of 核算项目 that are not customers. */
const NOT_CUSTOMER_ITEM = /^(供应商|职员|员工|部门|项目|个人|存货|现金流量)/;
const ACCOUNT_LINE = /^(?:会计)?科目(?:名称|代码)?\s*[:：]\s*(.*)$/;
/** Accounts whose sub-ledgers are customers. */
const CUSTOMER_ACCOUNT = /^(?:[\d.]+\s*)?(应收账款|预收账款|应收票据|合同资产)(.*)$/;
const ITEM_LINE = /^(?:核算项目|辅助核算|辅助项目|核算维度|往来单位|往来户|客户名称|客户|单位名称|购货单位|customer)\s*[:：]\s*(.*)$/i;
const PERIOD_LINE = /^(?:会计期间|所属期间|期间|日期|时间|年度|period)\s*[:：]\s*(.*)$/i;
const YEAR_MONTH = /((?:19|20)\d{2})\s*(?:年\s*(?:第\s*)?|[.\-/]\s*)(\d{1,2})(?!\d)\s*[期月]?/g;
const YEAR_ONLY = /^((?:19|20)\d{2})\s*年度?$/;
/** What every title line holds: a key with a colon, or a year. */
const TITLE_HINT = /[:：]|年/;

/** The name in the rest of a title part: a code before it stripped, nothing that is not a name. */
function nameIn(rest: string): { name: string; code?: string } | null {
  let s = rest.replace(SEPARATOR, "");
  let code: string | undefined;
  const c = LEADING_CODE.exec(s);
  const found = c?.[1] ?? c?.[2];
  if (c && found && s.length > c[0].length) {
    code = found;
    s = s.slice(c[0].length);
  }
  s = s.replace(/[—–\-_/|:：\s]+$/, "").trim();
  if (s.length < 2 || s.length > NAME_MAX_LENGTH || /^[\d.\-\s]+$/.test(s) || /^(全部|所有|合计|汇总)/.test(s)) return null;
  return code !== undefined ? { name: s, code } : { name: s };
}

/** Parts of one title cell: `科目：… 期间：…` typed into one merged cell is two parts. */
function titleParts(text: string): string[] {
  return normalizeText(text)
    .split(/\s+(?=[^\s:：]{1,8}\s*[:：])/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * What a journal title line says: the customer (`科目：1122 应收账款 — 某公司`, `科目：应收账款_某公司`,
 * `核算项目：客户 — 0012 某公司`, `往来单位：…`, `客户：…`), the period (`期间：2025.01-2025.03`) or a
 * year heading (`2025年`). Null when it says none of these.
 * @example readJournalTitle("核算项目：客户 — 0012 长沙华兴")?.customer // "长沙华兴"
 */
export function readJournalTitle(text: string): JournalTitle | null {
  let out: { customer?: string; code?: string; period?: { from: YearMonth; to: YearMonth }; year?: number; account?: boolean } | null = null;
  for (const part of titleParts(text)) {
    const account = ACCOUNT_LINE.exec(part);
    if (account) {
      out ??= {};
      out.account = true;
      const acct = CUSTOMER_ACCOUNT.exec((account[1] ?? "").trim());
      if (acct) {
        // 应收账款 — 客户 — 某公司: the item kind between account and name is no part of the name.
        const rest = (acct[2] ?? "").replace(SEPARATOR, "").replace(/^客户\s*/, "");
        const n = rest === "" ? null : nameIn(rest);
        if (n && out.customer === undefined) Object.assign(out, n.code !== undefined ? { customer: n.name, code: n.code } : { customer: n.name });
      }
      continue;
    }
    const item = ITEM_LINE.exec(part);
    if (item) {
      out ??= {};
      out.account = true;
      let rest = (item[1] ?? "").trim();
      if (NOT_CUSTOMER_ITEM.test(rest)) continue;
      rest = rest.replace(/^客户(?=\s*[—–\-_/|:：\s[【(（\d])/, "");
      const n = nameIn(rest);
      if (n && out.customer === undefined) Object.assign(out, n.code !== undefined ? { customer: n.name, code: n.code } : { customer: n.name });
      continue;
    }
    const period = PERIOD_LINE.exec(part);
    const yearOnly = YEAR_ONLY.exec(part);
    if (period || yearOnly) {
      const body = period ? (period[1] ?? "") : part;
      const yms = [...body.matchAll(YEAR_MONTH)].map((m) => ({ year: Number(m[1]), month: Number(m[2]) })).filter((ym) => ym.month >= 1 && ym.month <= 12);
      const first = yms[0];
      const last = yms[yms.length - 1];
      const y = first?.year ?? (/((?:19|20)\d{2})\s*年?/.exec(body) ? Number(/((?:19|20)\d{2})/.exec(body)?.[1]) : undefined);
      if (y === undefined) continue;
      out ??= {};
      out.year = y;
      if (first && last) out.period = { from: first, to: last };
    }
  }
  return out;
}

/** The customer named in a sheet's title lines (the first one that names one), with its code; null when none does. */
export function journalTitleCustomer(texts: readonly string[]): { name: string; code?: string } | null {
  for (const t of texts) {
    const title = readJournalTitle(t);
    if (title?.customer !== undefined) return title.code !== undefined ? { name: title.customer, code: title.code } : { name: title.customer };
  }
  return null;
}

/** A header cell's text (strings only), normalized; null when blank. */
function headerText(v: RawCell | undefined): string | null {
  if (typeof v !== "string") return null;
  const s = normalizeText(v);
  return s === "" ? null : s;
}

/** Headers of a 方向 column (借/贷/平), raw: `借/贷` would otherwise read as the 借 of a debit column. */
const DIRECTION_HEADER = /^(余额)?方向$|^借或贷$|^借\s*[/／]\s*贷$|^借贷(方向)?$|^dr\s*\/\s*cr$|^d\/c$/i;
const MONTH_HEADER = /^月(份)?$/;
const DAY_HEADER = /^日$/;
const YEAR_HEADER = /^年(份|度)?$/;
/** Cells of the lower row of a journal's two-row header: 月 | 日 under the year, 字 | 号 under 凭证. */
const SUB_HEADER = /^(月|日|年|月份|字|号|种类|编号|类别)$/;

/**
 * True when a (0-based local) row is the lower half of a journal's header: 月 | 日 under a year
 * heading (用友's 2025年 over 月 | 日), with nothing else but 字 | 号 under 凭证.
 */
export function isJournalSubHeader(grid: SheetGrid, r: number): boolean {
  const row = grid.values[r];
  if (!row) return false;
  const texts: string[] = [];
  for (const v of row) {
    if (v === null || v === "") continue;
    if (typeof v !== "string") return false;
    const t = normalizeText(v).replace(/\s/g, "");
    if (!SUB_HEADER.test(t)) return false;
    texts.push(t);
  }
  return texts.includes("月") && texts.includes("日");
}

/**
 * The columns only a journal has: a 方向 column, and a date split into 月 | 日 (and 年) columns. Added
 * to a journal's mapping (one with 借方 / 贷方) for columns and fields it does not use yet.
 */
export function journalColumns(grid: SheetGrid, band: readonly number[], mapping: readonly ColumnChoice[]): ColumnChoice[] {
  if (!mapping.some((m) => m.field === "debit" || m.field === "credit")) return [...mapping];
  let out = [...mapping];
  const width = Math.max(0, ...band.map((r) => grid.values[r]?.length ?? 0));
  const want: [ImportField, RegExp][] = [["direction", DIRECTION_HEADER], ["dateMonth", MONTH_HEADER], ["dateDay", DAY_HEADER], ["dateYear", YEAR_HEADER]];
  for (const r of band) {
    for (let c = 0; c < width; c++) {
      const text = headerText(grid.values[r]?.[c]);
      if (text === null) continue;
      const compact = text.replace(/\s/g, "");
      const hit = want.find(([, re]) => re.test(compact));
      if (!hit) continue;
      const col = grid.startCol + c;
      const [field] = hit;
      // A header that is a direction is no debit column (借/贷), but a real debit column is never taken.
      const there = out.find((m) => m.col === col);
      if (there && !(field === "direction" && there.field === "debit" && there.how !== "override")) continue;
      if (out.some((m) => m.field === field)) continue;
      out = out.filter((m) => m.col !== col);
      out.push({ field, col, header: text, how: "exact", matched: compact });
    }
  }
  // 月 | 日 make a date only together, and only where there is no date column.
  const has = (f: ImportField): boolean => out.some((m) => m.field === f);
  if (has("date") || !has("dateMonth") || !has("dateDay")) out = out.filter((m) => m.field !== "dateMonth" && m.field !== "dateDay" && (m.field !== "dateYear" || has("date")));
  if (has("date")) out = out.filter((m) => m.field !== "dateYear");
  // A 期初 row's balance may sit in a column the synonyms call the opening balance; in a journal it is the 余额.
  return out.sort((a, b) => a.col - b.col);
}

/**
 * The signed balance of a journal line: +|余额| for 借, −|余额| for 贷, 0 for 平; as written when the
 * direction is blank; `null` when the direction is a word we do not know.
 * @example signedBalance(500, "贷") // -500
 */
export function signedBalance(stated: number | undefined, direction: string | undefined): number | undefined | null {
  if (direction === undefined) return stated;
  const d = normalizeText(direction).replace(/\s/g, "").toLowerCase();
  if (/^(借|借方|借余|dr|d|debit)$/.test(d)) return stated === undefined ? undefined : Math.abs(stated);
  if (/^(贷|贷方|贷余|cr|c|credit)$/.test(d)) return stated === undefined ? undefined : stated === 0 ? 0 : -Math.abs(stated);
  if (/^(平|平衡|0|-|—|无)$/.test(d)) return 0;
  return null;
}

/** A title line's section: who and when the lines below it are. */
interface Section {
  readonly index: number;
  readonly customer?: string;
  readonly code?: string;
  readonly year?: number;
  readonly period?: { readonly from: YearMonth; readonly to: YearMonth };
}

/** How the importer reads one row's cells for the journal (its readers raise the issues). */
export interface JournalRow {
  /** 0-based sheet row. */
  readonly row: number;
  has(field: ImportField): boolean;
  text(field: ImportField): string | undefined;
  money(field: ImportField): number | undefined;
  qty(): number | undefined;
  /** The date column's date (`year` for dates typed without one); raises an issue when `need` and it is missing. */
  date(year: number | null, need: boolean): string | undefined;
  /** The raw value of a mapped cell (merges followed), undefined when the field has no column. */
  raw(field: ImportField): RawCell | undefined;
  at(field: ImportField): Issue["at"];
  /** The customer when the block has no customer column (the sheet's title, a heading), undefined when none. */
  fallbackCustomer(): string | undefined;
  readonly issues: Issue[];
  readonly warnings: Issue[];
  skip?: Issue;
}

/** Where a journal's records go (the importer's masters and tables). */
export interface JournalSink {
  /** The customer's name as the ledger keeps it (added to the master when new). */
  customer(row: JournalRow, name: string, code: string | undefined): string;
  model(row: JournalRow, model: string): string;
  /** Set a customer's opening balance; false when it already has one (kept). */
  opening(name: string, fen: number, date: string): boolean;
  /** Move an opening set by this journal to an earlier date (a movement on the opening's day follows it). */
  moveOpening(name: string, date: string): void;
  order(line: Record<string, unknown>): void;
  payment(pay: Record<string, unknown>): void;
  readonly noModel: string;
}

/** A cell as a whole number (1, "01", "3月", "5日"), or undefined when blank; NaN when it is no whole number. */
function wholeNumber(v: RawCell | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return Number.isInteger(v) ? v : NaN;
  if (typeof v !== "string") return NaN;
  const s = normalizeText(v).replace(/\s/g, "");
  if (s === "") return undefined;
  const m = /^(\d{1,4})[年月日号]?$/.exec(s);
  return m?.[1] ? Number(m[1]) : NaN;
}

/**
 * One journal sheet as it is read: its title lines and the sections they open, the running balance
 * of each customer, and each customer's opening set here. Rows are given in sheet order.
 */
export class JournalSheet {
  private readonly sectionOfRow: Int32Array;
  private readonly sections: Section[] = [];
  private readonly titleRows = new Map<number, { col: number; text: string }>();
  private readonly subHeaders = new Set<number>();
  private readonly keys = new Map<string, string>();
  private readonly balances = new Map<string, number>();
  private readonly openings = new Map<string, { name: string; date: string }>();
  private lastMonth: { section: number; month: number } | undefined;

  constructor(
    private readonly grid: SheetGrid,
    det: SheetDetection,
    private readonly sheetYear: number | null,
  ) {
    const n = grid.values.length;
    this.sectionOfRow = new Int32Array(n);
    const headers = new Set(det.blocks.map((b) => b.headerRow));
    // The 月 | 日 row under a later block's header is header too.
    for (const b of det.blocks) if (b.firstRow > b.headerRow + 1 && isJournalSubHeader(grid, b.headerRow + 1 - grid.startRow)) this.subHeaders.add(b.headerRow + 1);
    for (const h of this.subHeaders) headers.add(h);
    const moneyCols = new Set(det.blocks.flatMap((b: HeaderBlock) => b.mapping.filter((m) => m.field === "debit" || m.field === "credit" || m.field === "balance").map((m) => m.col - grid.startCol)));
    let current: Section = { index: 0 };
    this.sections.push(current);
    let dataSince = false;
    for (let r = 0; r < n; r++) {
      const sheetRow = grid.startRow + r;
      const title = headers.has(sheetRow) ? null : this.titleOf(grid.values[r] ?? [], moneyCols);
      if (title) {
        // Title lines after data open a new section; title lines together make one.
        const base: Section = dataSince ? { index: this.sections.length, ...(current.customer !== undefined ? { customer: current.customer } : {}), ...(current.code !== undefined ? { code: current.code } : {}), ...(current.year !== undefined ? { year: current.year } : {}), ...(current.period ? { period: current.period } : {}) } : current;
        const next: Section = { ...base, ...(title.info.customer !== undefined ? { customer: title.info.customer, code: title.info.code } : {}), ...(title.info.year !== undefined ? { year: title.info.year } : {}), ...(title.info.period ? { period: title.info.period } : {}) };
        if (dataSince) this.sections.push(next);
        else this.sections[current.index] = next;
        current = next;
        dataSince = false;
        this.titleRows.set(sheetRow, { col: grid.startCol + title.col, text: title.text });
      } else if (headers.has(sheetRow)) {
        // A header's own year heading (2025年 over 月 | 日) dates the block below it.
        const y = (grid.values[r] ?? []).map((v) => (typeof v === "string" ? YEAR_ONLY.exec(normalizeText(v).replace(/\s/g, "")) : null)).find((m) => m)?.[1];
        if (y !== undefined && current.period === undefined) this.sections[current.index] = current = { ...current, year: Number(y) };
      } else if (sheetRow > (det.headerRow ?? Infinity) && !headers.has(sheetRow) && (grid.values[r] ?? []).some((v) => v !== null && v !== "")) dataSince = true;
      this.sectionOfRow[r] = current.index;
    }
  }

  /** How many sections (title-line blocks) the sheet has below its first title. */
  get sectionCount(): number {
    return this.sections.length;
  }

  private titleOf(row: readonly RawCell[], moneyCols: ReadonlySet<number>): { info: JournalTitle; col: number; text: string } | null {
    let found: { info: JournalTitle; col: number; text: string } | null = null;
    let merged: JournalTitle = {};
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === "") continue;
      // A title line is words only: a number, or an amount typed as text in a money column, makes it a data row.
      if (typeof v !== "string" || (moneyCols.has(c) && parseMoneyCell(v).ok)) return null;
      // Every title says a key (科目：, 期间：) or a year (2025年): most data cells are passed over cheaply.
      if (!TITLE_HINT.test(v)) continue;
      const info = readJournalTitle(v);
      if (!info) continue;
      merged = { ...merged, ...info, ...(merged.customer !== undefined ? { customer: merged.customer, code: merged.code } : {}) };
      found ??= { info, col: c, text: normalizeText(v) };
    }
    return found && (merged.customer !== undefined || merged.year !== undefined || merged.account) ? { ...found, info: merged } : null;
  }

  /** True for the 月 | 日 row under a later block's header (a repeated header, skipped). */
  isSubHeader(sheetRow: number): boolean {
    return this.subHeaders.has(sheetRow);
  }

  /** The title line at a sheet row (skipped, it names the customer or period of the lines below), or undefined. */
  titleAt(sheetRow: number): { col: number; text: string } | undefined {
    return this.titleRows.get(sheetRow);
  }

  private sectionAt(sheetRow: number): Section {
    return this.sections[this.sectionOfRow[sheetRow - this.grid.startRow] ?? 0] ?? { index: 0 };
  }

  /** The year of month `m` in a section: within its period (2024.12–2025.02 puts 1 in 2025), else its year heading, else the sheet's. */
  private yearOf(s: Section, month: number | undefined): number | null {
    if (s.period && month !== undefined) {
      const { from, to } = s.period;
      if (from.year === to.year) return from.year;
      return month >= from.month ? from.year : to.year;
    }
    return s.year ?? s.period?.from.year ?? this.sheetYear;
  }

  /** The date of a row: its date column, or its 月 | 日 (and 年) columns; issues raised on the cells. */
  private dateOf(r: JournalRow, s: Section, need: boolean): string | undefined {
    if (!r.has("dateMonth") || !r.has("dateDay")) return r.date(this.yearOf(s, undefined), need);
    const before = r.issues.length;
    const mv = wholeNumber(r.raw("dateMonth"));
    const dv = wholeNumber(r.raw("dateDay"));
    const yv = r.has("dateYear") ? wholeNumber(r.raw("dateYear")) : undefined;
    if (dv === undefined && mv === undefined) {
      if (need) r.issues.push({ code: "import.missingValue", at: r.at("dateDay"), params: { field: "date" } });
      return undefined;
    }
    if (Number.isNaN(mv)) r.issues.push({ code: "date.unrecognized", at: r.at("dateMonth"), value: String(r.raw("dateMonth") ?? "") });
    if (Number.isNaN(dv)) r.issues.push({ code: "date.unrecognized", at: r.at("dateDay"), value: String(r.raw("dateDay") ?? "") });
    if (Number.isNaN(yv)) r.issues.push({ code: "date.unrecognized", at: r.at("dateYear"), value: String(r.raw("dateYear") ?? "") });
    if (r.issues.length > before) return undefined;
    // Books print the month once and leave it blank below: a blank month is the one above, in the same section.
    const month = mv ?? (this.lastMonth?.section === s.index ? this.lastMonth.month : undefined);
    if (month === undefined) {
      r.issues.push({ code: "import.missingValue", at: r.at("dateMonth"), params: { field: "date" } });
      return undefined;
    }
    if (dv === undefined) {
      r.issues.push({ code: "import.missingValue", at: r.at("dateDay"), params: { field: "date" } });
      return undefined;
    }
    const year = yv ?? this.yearOf(s, month);
    const written = `${year ?? "?"}年${month}月${dv}日`;
    if (year === null) {
      r.issues.push({ code: "date.needsYear", at: r.at("dateMonth"), value: `${month}月${dv}日` });
      return undefined;
    }
    if (month < 1 || month > 12 || dv < 1 || dv > daysInMonth(year, month) || year < 1970 || year > 2100) {
      r.issues.push({ code: "date.impossible", at: r.at(month < 1 || month > 12 ? "dateMonth" : "dateDay"), value: written });
      return undefined;
    }
    this.lastMonth = { section: s.index, month };
    return `${year}-${String(month).padStart(2, "0")}-${String(dv).padStart(2, "0")}`;
  }

  /** An opening line without a date stands at the end of the day before its period (or its year). */
  private openingDateOf(s: Section): string | undefined {
    if (s.period) return dayBefore(`${s.period.from.year}-${String(s.period.from.month).padStart(2, "0")}-01`);
    const y = s.year ?? this.sheetYear;
    return y === null ? undefined : dayBefore(`${y}-01-01`);
  }

  /**
   * Read one row of the journal: a total line is skipped; an opening line (期初) sets the customer's
   * opening balance; 借方 is a sale (a negative, red-ink 借方 a return), 贷方 money received — or a
   * return when its 摘要 says 退货 / 退回, an allowance when 折让. A stated 余额 (signed by 方向) that
   * does not follow from the line before is warned about, the row kept. False when nothing was recorded.
   */
  readRow(r: JournalRow, sink: JournalSink, source: { sheet: string; row: number }): boolean {
    const notes = r.text("notes");
    if (notes !== undefined && isJournalTotal(normalizeText(notes).replace(/\s/g, ""))) {
      r.skip = { code: "import.skip.subtotal", at: r.at("notes"), value: normalizeText(notes) };
      return false;
    }
    const s = this.sectionAt(r.row);
    const debit = r.money("debit");
    const credit = r.money("credit");
    const stated = r.money("balance");
    const direction = r.has("direction") ? r.text("direction") : undefined;
    const opening = !debit && !credit && notes !== undefined && JOURNAL_OPENING.test(notes);
    if (!debit && !credit && !opening && r.issues.length === 0) {
      r.skip = { code: "import.skip.noMovement", at: r.at("debit") };
      return false;
    }
    let date = this.dateOf(r, s, !opening);
    if (date === undefined && opening && r.issues.length === 0) date = this.openingDateOf(s);
    const customerText = r.has("customer") ? r.text("customer") : (s.customer ?? r.fallbackCustomer());
    if (customerText === undefined && !r.issues.some((i) => i.at?.field === "customer")) r.issues.push({ code: "import.missingValue", at: r.at("customer"), params: { field: "customer" } });
    if (customerText !== undefined && customerText.length > NAME_MAX_LENGTH) r.issues.push({ code: "records.tooLong", at: r.at("customer"), value: `${customerText.slice(0, 40)}…`, params: { field: "customer", maximum: NAME_MAX_LENGTH, length: customerText.length } });
    const balance = signedBalance(stated, direction);
    if (balance === null && opening) r.issues.push({ code: "import.journal.unknownDirection", at: r.at("direction"), value: direction ?? "" });
    if (r.issues.length > 0 || date === undefined || customerText === undefined) {
      if (date === undefined && r.issues.length === 0) r.issues.push({ code: "import.missingValue", at: r.at(r.has("dateDay") ? "dateDay" : "date"), params: { field: "date" } });
      return false;
    }
    if (balance === null) r.warnings.push({ code: "import.warn.unknownDirection", at: r.at("direction"), value: direction ?? "", severity: "warning" });
    const known = balance === null ? undefined : balance;
    const code = r.has("customer") ? undefined : s.customer !== undefined ? s.code : undefined;
    let key = this.keys.get(customerText);
    if (key === undefined) this.keys.set(customerText, (key = nameKey(customerText)));
    const before = this.balances.get(key);
    if (opening) {
      if (known === undefined) {
        r.skip = { code: "import.skip.noMovement", at: r.at("balance") };
        return false;
      }
      const name = sink.customer(r, customerText, code);
      if (before !== undefined) {
        // A later block of the same customer: its 期初 is the running balance so far, a check, not a second opening.
        if (before !== known) r.warnings.push({ code: "import.warn.balanceMismatch", at: r.at("balance"), params: { expected: before / 100, actual: known / 100 }, severity: "warning" });
      } else if (sink.opening(name, known, date)) this.openings.set(key, { name, date });
      else r.warnings.push({ code: "import.warn.openingKept", at: r.at("balance"), params: { customer: name }, severity: "warning" });
      this.balances.set(key, known);
      return true;
    }
    for (const [field, v] of [["debit", debit], ["credit", credit]] as const) {
      if (v !== undefined && !Number.isSafeInteger(v)) {
        r.issues.push({ code: "money.unsafe", at: r.at(field), value: String(v) });
        return false;
      }
    }
    const modelText = r.text("model") ?? r.text("productName");
    if (modelText !== undefined && modelText.length > NAME_MAX_LENGTH) r.issues.push({ code: "records.tooLong", at: r.at("model"), value: `${modelText.slice(0, 40)}…`, params: { field: "model", maximum: NAME_MAX_LENGTH, length: modelText.length } });
    const qty = r.qty();
    const ref = r.text("ref") ?? r.text("orderNo");
    if (r.issues.length > 0) return false;
    const name = sink.customer(r, customerText, code);
    const model = sink.model(r, modelText ?? sink.noModel);
    // A movement on the opening's own day comes after it in the journal: the opening stands the day before.
    const set = this.openings.get(key);
    if (set && date <= set.date) {
      const moved = dayBefore(date);
      sink.moveOpening(set.name, moved);
      this.openings.set(key, { ...set, date: moved });
    }
    const line = (amountFen: number): void => {
      const q = Math.abs(qty ?? 1);
      const rec: Record<string, unknown> = { source, date, customer: name, model, qty: amountFen < 0 ? -q : q, amountFen, status: "已确认" };
      if (ref !== undefined) rec.orderNo = ref;
      if (notes !== undefined) rec.notes = notes;
      sink.order(rec);
    };
    // A red-ink (negative) 借方 takes a sale back: a negative sale, like a return.
    if (debit) line(debit);
    if (credit) {
      if (notes !== undefined && RETURN_WORDS.test(notes) && !ALLOWANCE_WORDS.test(notes)) line(-credit);
      else {
        const pay: Record<string, unknown> = { source, date, customer: name, amountFen: credit, allowance: ALLOWANCE_WORDS.test(notes ?? "") };
        if (ref !== undefined) pay.ref = ref;
        if (notes !== undefined) pay.notes = notes;
        sink.payment(pay);
      }
    }
    if (known !== undefined) {
      const expected = before === undefined ? undefined : before + (debit ?? 0) - (credit ?? 0);
      if (expected !== undefined && expected !== known) r.warnings.push({ code: "import.warn.balanceMismatch", at: r.at("balance"), params: { expected: expected / 100, actual: known / 100 }, severity: "warning" });
      this.balances.set(key, known);
    } else if (before !== undefined) this.balances.set(key, before + (debit ?? 0) - (credit ?? 0));
    return true;
  }
}

/** True when a sheet is read as a journal: some block maps 借方 or 贷方. */
export function isJournalSheet(det: SheetDetection): boolean {
  return det.role === "orders" && det.blocks.some((b) => b.mapping.some((m) => m.field === "debit" || m.field === "credit"));
}

