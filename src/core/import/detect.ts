/**
 * Detection: in one sheet, find the header row under the title rows, any repeated header blocks
 * further down, the column → field mapping (by synonyms, with the reason for each choice) and the
 * sheet's role with a confidence and the reasons for it.
 */
import type { Issue } from "../result";
import { columnLetter } from "../sheet-spec";
import { normalizeText } from "../text";
import { isDateFormat } from "../dates";
import { INVENTORY_HEADER_WORDS, headerKey, matchHeader } from "./synonyms";
import { chooseColumns, type HeaderCandidate } from "./choice";
import type { ColumnChoice, HeaderBlock, ImportField, RawCell, SheetDetection, SheetGrid, SheetRole, UncertainChoice } from "./types";
import { formTrailer, isFormHeader, isKeyValueRow, readFormHeader, titledAsForm, type FormHeader } from "./form-header";
import { findMonthColumn } from "./month-dates";
import { receiptsColumn, sheetNameCustomer, type SheetContext } from "./sheet-context";
import { roleEvidence, whyOther, type RoleEvidence } from "./role-evidence";
import { isJournalSubHeader, journalColumns, journalTitleCustomer, readJournalTitle } from "./journal";

/** How many rows from the top are searched for the header. */
export const HEADER_SCAN_ROWS = 30;

/** Text of a cell for header purposes (strings only; numbers are data, not headers). */
export function headerText(v: RawCell | undefined): string | null {
  if (typeof v !== "string") return null;
  const s = normalizeText(v);
  return s === "" ? null : s;
}

/** The value at 0-based local (row, col) of a grid, following merges (a merged area's value is its top-left cell's). */
export function mergedValue(grid: SheetGrid, r: number, c: number): RawCell {
  const v = grid.values[r]?.[c] ?? null;
  if (v !== null && v !== "") return v;
  const sr = grid.startRow + r;
  const sc = grid.startCol + c;
  for (const m of grid.merges) {
    if (sr >= m.row && sr <= m.rowEnd && sc >= m.col && sc <= m.colEnd && (sr !== m.row || sc !== m.col)) {
      return grid.values[m.row - grid.startRow]?.[m.col - grid.startCol] ?? null;
    }
  }
  return v;
}

interface RowHeaderScan {
  /** Distinct fields matched in the row. */
  readonly fields: number;
  readonly numbers: number;
}

function scanRow(grid: SheetGrid, r: number, stopOnNumber = false): RowHeaderScan {
  const row = grid.values[r] ?? [];
  const seen = new Set<ImportField>();
  let numbers = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === "number") {
      numbers++;
      // A header has no numbers: a data row is given up at its first one.
      if (stopOnNumber) return { fields: 0, numbers };
    }
    const text = headerText(v);
    if (!text) continue;
    const m = matchHeader(text);
    if (m) seen.add(m.field);
  }
  return { fields: seen.size, numbers };
}

/** Text of column `c` in header row `r`, looking through merges and a parent row of a two-row header. */
function headerCellText(grid: SheetGrid, r: number, c: number): string | null {
  const direct = headerText(mergedValue(grid, r, c));
  if (direct) return direct;
  return null;
}

const MONEY_FIELDS: ReadonlySet<ImportField> = new Set(["amount", "price", "listAmount", "creditLimit", "openingBalance"]);

/**
 * The unit a money header states: `金额（万元）` → 10000, `单价(千元)` → 1000, else 1 (yuan).
 * @example moneyScale("销售额(万元)") // 10000
 */
export function moneyScale(header: string): number {
  const s = header.normalize("NFKC").replace(/\s/g, "");
  if (/万元|[(（/]万[)）]?$|单位[:：]?万/.test(s)) return 10000;
  if (/千元|[(（/]千[)）]?$/.test(s)) return 1000;
  return 1;
}

/**
 * Column → field mapping of header row `r` (local index), the data below it as evidence: every
 * column a field's header words allow is a candidate, its values and the row arithmetic decide
 * (see `choice.ts`); each column carries at most one field.
 */
export function mapHeaderRow(grid: SheetGrid, r: number, dataFrom = r + 1, dataTo = grid.values.length - 1): ColumnChoice[] {
  return chooseHeaderRow(grid, r, dataFrom, dataTo).mapping;
}

interface BandChoice {
  readonly mapping: ColumnChoice[];
  readonly uncertain: UncertainChoice[];
  readonly reasons: Issue[];
}

function chooseHeaderRow(grid: SheetGrid, r: number, dataFrom: number, dataTo: number): BandChoice {
  const width = grid.values[r]?.length ?? 0;
  const headers: (string | null)[] = [];
  const candidates: HeaderCandidate[] = [];
  for (let c = 0; c < width; c++) {
    const text = headerCellText(grid, r, c);
    headers.push(text);
    if (!text) continue;
    // The other cells of a merge across columns repeat its text: its first column is the header.
    if (c > 0 && headers[c - 1] === text && headerText(grid.values[r]?.[c]) === null) continue;
    const m = matchHeader(text);
    if (m) candidates.push({ col: c, header: text, match: m });
  }
  const choice = chooseColumns(grid, headers, candidates, dataFrom, dataTo);
  const mapping: ColumnChoice[] = choice.chosen.map(({ cand, field, how }) => {
    const scale = MONEY_FIELDS.has(field) ? moneyScale(cand.header) : 1;
    return { field, col: grid.startCol + cand.col, header: cand.header, how: how ?? cand.match.how, matched: how === "fallback" ? cand.header : cand.match.matched, ...(scale !== 1 ? { scale } : {}) };
  });
  return { mapping: mapping.sort((a, b) => a.col - b.col), uncertain: [...choice.uncertain], reasons: [...choice.reasons] };
}

/** True when every filled cell of row `r` is header text (a known field, or a merged parent title) and one is a field. */
function headerish(grid: SheetGrid, r: number): boolean {
  const row = grid.values[r];
  if (!row) return false;
  let fields = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === null || v === "") continue;
    if (typeof v !== "string") return false;
    const text = headerText(v);
    if (!text) continue;
    if (matchHeader(text)) {
      fields++;
      continue;
    }
    const sr = grid.startRow + r;
    const sc = grid.startCol + c;
    if (!grid.merges.some((m) => m.row === sr && m.col === sc && m.colEnd > m.col)) return false;
  }
  return fields > 0;
}

/** Mapping of a header band (one or two rows): the first row's choices, then the other row's for columns and fields still free. */
function mapBand(grid: SheetGrid, rows: readonly number[], dataTo: number): BandChoice {
  const out: ColumnChoice[] = [];
  const uncertain: UncertainChoice[] = [];
  const reasons: Issue[] = [];
  const dataFrom = (rows[rows.length - 1] ?? 0) + 1;
  for (const r of rows) {
    const row = chooseHeaderRow(grid, r, dataFrom, dataTo);
    for (const m of row.mapping) {
      if (out.some((x) => x.field === m.field || x.col === m.col)) continue;
      out.push(m);
    }
    uncertain.push(...row.uncertain.filter((u) => out.some((m) => m.field === u.field && m.col === u.chosen?.col) && !uncertain.some((x) => x.field === u.field)));
    for (const x of row.reasons) if (!reasons.some((y) => y.code === x.code && JSON.stringify(y.params) === JSON.stringify(x.params))) reasons.push(x);
  }
  return { mapping: out.sort((a, b) => a.col - b.col), uncertain, reasons };
}

/** True when row `r` is one cell merged across most of the used width and nothing else: a title, never the upper half of a header. */
function isTitleRow(grid: SheetGrid, r: number, headerRow: number): boolean {
  let first = -1;
  let last = -1;
  for (const row of [grid.values[headerRow] ?? [], grid.values[headerRow + 1] ?? []]) {
    for (let c = 0; c < row.length; c++) {
      if (row[c] === null || row[c] === "") continue;
      if (first < 0 || c < first) first = c;
      if (c > last) last = c;
    }
  }
  const used = last - first + 1;
  const sr = grid.startRow + r;
  const title = grid.merges.find((m) => m.row <= sr && m.rowEnd >= sr && m.colEnd - m.col + 1 >= Math.max(3, used * 0.6));
  if (!title) return false;
  const row = grid.values[r] ?? [];
  for (let c = 0; c < row.length; c++) {
    const sc = grid.startCol + c;
    if (sc >= title.col && sc <= title.colEnd) continue;
    if (row[c] !== null && row[c] !== "") return false;
  }
  return true;
}

/**
 * A two-row header (a merged 销售 over 数量 | 单价 | 金额, with 日期 and 客户 merged down both rows):
 * the rows of the band around `best`, top to bottom.
 */
function headerBand(grid: SheetGrid, best: number): number[] {
  const own = new Set(mapHeaderRow(grid, best).map((m) => m.col));
  const adds = (r: number): boolean => mapHeaderRow(grid, r).some((m) => !own.has(m.col));
  if (best + 1 < grid.values.length - 1 && headerish(grid, best + 1) && !isTitleRow(grid, best + 1, best) && adds(best + 1)) return [best, best + 1];
  if (best > 0 && headerish(grid, best - 1) && !isTitleRow(grid, best - 1, best) && adds(best - 1) && grid.merges.some((m) => m.row === grid.startRow + best - 1 && (m.colEnd > m.col || m.rowEnd > m.row))) return [best - 1, best];
  return [best];
}

/** Options for detecting one sheet. */
export interface DetectOptions {
  /** Forced role (user override). */
  readonly role?: SheetRole;
  /** Forced `field → header text` choices (user override). */
  readonly mapping?: Readonly<Record<string, string>>;
  /** The workbook around the sheet (other sheets with the same columns): evidence that its name is its customer. */
  readonly context?: SheetContext;
  /** The workbook's file name (no folders): a year for month-only dates (`2023销售台账.xlsx`). */
  readonly fileName?: string;
}

const ROLE_WEIGHTS: Readonly<Record<Exclude<SheetRole, "other">, Partial<Record<ImportField, number>>>> = {
  // A receivable journal (借方 / 贷方 / 余额) is read as orders: its 借方 lines are sales, its 贷方 lines become payments.
  orders: { customer: 3, date: 2, shipDate: 1, model: 2, productName: 1, qty: 2, price: 1.5, amount: 2, listAmount: 1, orderNo: 1, discount: 0.5, status: 1, carrier: 0.5, trackingNo: 0.5, warehouse: 0.5, method: -1.5, account: -1, contact: -1, address: -0.5, phone: -1, reason: -0.5, debit: 2.5, credit: 1.5, balance: 0.5, outflow: -3 },
  payments: { customer: 3, date: 2, amount: 2, method: 2, account: 1.5, ref: 1, kind: 0.5, notes: 0.3, model: -3, qty: -3, price: -2, productName: -2, debit: -2, outflow: 2 },
  customers: { customer: 3, contact: 2, phone: 2, address: 2, terms: 2, creditLimit: 2, paymentDays: 1.5, region: 1, class: 1, code: 1.5, openingBalance: 2, warehouse: 0.5, date: -1.5, qty: -3, model: -3, amount: -1.5, price: -2, debit: -3, credit: -3 },
  products: { model: 3, productName: 2, price: 2, unit: 1.5, series: 1.5, needsApproval: 1, customer: -4, date: -1.5, qty: -1.5, amount: -1, debit: -3, credit: -3 },
  // Returns look like orders; only a reason/resolution column (or the sheet's name) tells them apart.
  returns: { customer: 1.5, date: 1, model: 1, qty: 1, amount: 1, reason: 3, resolution: 3, orderNo: 0.5, productName: 0.5, price: 0.5 },
};

const PAYMENTS_NAME = /回款|收款|到账|来款|银行|网银|[工农中建交招]行(?:流水|明细|对账)|payments?|receipts?|collections?|bank/i;

const NAME_HINTS: readonly { role: SheetRole; re: RegExp; weight: number }[] = [
  { role: "returns", re: /退货|退回|退款|returns?\b/i, weight: 5 },
  { role: "payments", re: PAYMENTS_NAME, weight: 5 },
  { role: "customers", re: /客户|customers?|clients?|客商/i, weight: 3 },
  { role: "products", re: /产品|价格|价目|报价|商品|型号|products?|price|items?/i, weight: 3 },
  { role: "orders", re: /销售|订单|出库|发货|明细|流水|sales|orders?|\d{1,2}\s*月|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i, weight: 2 },
  { role: "other", re: /库存|盘点|进销存|进销|inventory|stock|采购|purchase/i, weight: 6 },
];

/** Columns that describe a customer (a name column alone could be any list of names). */
const CUSTOMER_ATTRIBUTES: readonly ImportField[] = ["contact", "phone", "address", "terms", "method", "creditLimit", "paymentDays", "code", "region", "class", "openingBalance", "warehouse"];
/** Columns that describe a product. */
const PRODUCT_ATTRIBUTES: readonly ImportField[] = ["price", "unit", "series", "needsApproval", "productName"];

function requirementsMet(role: SheetRole, fields: ReadonlySet<ImportField>, hinted: ReadonlySet<SheetRole> = new Set()): boolean {
  const has = (f: ImportField): boolean => fields.has(f);
  switch (role) {
    case "orders":
      // A receivable journal — not a bank statement, whose 借方 is money paid out, not a sale.
      if (has("customer") && has("date") && (has("debit") || has("credit")) && !hinted.has("payments") && !has("outflow")) return true;
      return has("customer") && (has("date") || has("shipDate")) && (has("amount") || has("listAmount") || has("qty")) && (has("model") || has("productName") || has("amount"));
    case "payments":
      return has("customer") && has("date") && has("amount");
    case "customers":
      return has("customer") && (hinted.has("customers") || CUSTOMER_ATTRIBUTES.some(has));
    case "products":
      return (has("model") || has("productName")) && (hinted.has("products") || PRODUCT_ATTRIBUTES.some((f) => has(f) && !(f === "productName" && !has("model"))));
    case "returns":
      return has("customer") && (has("date") || has("shipDate")) && (has("amount") || has("qty") || has("listAmount"));
    default:
      return true;
  }
}

/**
 * The sheet's one customer, from a title line: `客户：长沙华兴建材` (or 购货单位 / 单位名称 / Customer:),
 * else a title like `长沙华兴商贸往来明细` / `长沙华兴对账单` (the name before 往来 / 对账单 / 应收明细).
 */
function findTitleCustomer(texts: readonly string[]): string | null {
  for (const raw of texts) {
    const s = normalizeText(raw);
    const m = /(?:^|\s)(?:客户名称|客户|购货单位|单位名称|customer)\s*[:：]\s*([^\s:：][^:：]*?)(?:\s+\S+\s*[:：].*)?$/i.exec(s);
    if (m?.[1]) return m[1].trim();
  }
  for (const raw of texts) {
    const s = normalizeText(raw).replace(/\s/g, "");
    const m = /^(.{2,40}?)(?:往来明细账?|往来账|往来对账单?|往来|对账单|应收账款明细账?|应收明细账?|明细账)$/.exec(s);
    if (m?.[1] && !NOT_A_CUSTOMER.test(m[1])) return m[1];
  }
  return null;
}

/** Words that make a title's head a kind of record or a period, not a customer (销售往来明细, 2025年往来). */
const NOT_A_CUSTOMER = /\d|年|月|日|销售|采购|客户|供应商|应收|应付|往来|汇总|合计|本公司|我司|全部|所有/;

const FULL_DATE = /((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?/g;
const MONTH_DAY = /(?<![\d.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const RANGE = /至|到|~|～|—|–|起止|期间/;
/** When a sheet was printed or made is not when its lines happened. */
const NOT_A_TRANSACTION_DATE = /打印|制表|制单|导出|生成|更新|填报|编制|截至|截止|printed|exported|generated/i;

/**
 * The one date a daily sheet's name or title gives (`日期：2025年3月5日`, `3月5日`), or null: none,
 * several, or a period (`3月1日至3月31日`) — a period dates no single row.
 */
export function findTitleDate(texts: readonly string[]): string | null {
  const full = new Set<string>();
  const md = new Set<string>();
  for (const raw of texts) {
    const s = raw.normalize("NFKC");
    if (NOT_A_TRANSACTION_DATE.test(s)) continue;
    const here = [...s.matchAll(FULL_DATE)].map((m) => `${m[1]}年${Number(m[2])}月${Number(m[3])}日`);
    const hereMd = here.length > 0 ? [] : [...s.matchAll(MONTH_DAY)].map((m) => `${Number(m[1])}月${Number(m[2])}日`);
    if (here.length + hereMd.length > 0 && RANGE.test(s)) return null;
    here.forEach((d) => full.add(d));
    hereMd.forEach((d) => md.add(d));
  }
  const one = full.size === 1 ? [...full][0]! : null;
  // A sheet named 3月5日 with 日期：2025年3月5日 in its title names one day.
  if (one !== null && [...md].every((d) => one.endsWith(`年${d}`))) return one;
  if (full.size === 0 && md.size === 1) return [...md][0]!;
  return null;
}

const HEADING_DATE = /^((19|20)\d{2}\s*[年\-./]\s*)?\d{1,2}\s*[月\-./]\s*\d{1,2}\s*[日号]?\s*((星期|周|礼拜)[一二三四五六日天])?$/;

/** A lone cell that is a date heading: a date typed as text, or a date-formatted number. */
export function isDateHeading(value: RawCell | undefined, format: string | undefined): boolean {
  if (typeof value === "string") return HEADING_DATE.test(normalizeText(value));
  return typeof value === "number" && format !== undefined && isDateFormat(format) && value > 0 && value < 2_958_466;
}

const ORGANISATION = /公司|集团|厂|店|行|部|中心|商贸|贸易|科技|医院|学校|工程|门市|经营/;
/** Money columns of a receivable journal that are not headed 借方 / 贷方 (keys as `headerKey` gives them). */
const SALE_SIDE: ReadonlySet<string> = new Set(["发货金额", "发货", "发货额", "出货金额", "销售金额", "销售额", "应收", "应收金额", "应收款", "本期应收", "本月应收", "本期发货", "本月发货"]);
const PAID_SIDE: ReadonlySet<string> = new Set(["回款金额", "回款", "收款金额", "收款", "实收", "实收金额", "实收款", "到账金额", "本期回款", "本月回款", "本期收款", "已收", "已收金额", "已收款"]);
const CUSTOMER_HEADING = /^(?:客户名称|客户|购货单位|收货单位|单位名称|customer)\s*[:：]\s*(\S.*)$/i;

/** The customer a heading row names (`客户：长沙华兴商贸`), or null when the cell is no such heading. */
export function customerHeading(value: RawCell | undefined): string | null {
  if (typeof value !== "string") return null;
  const m = CUSTOMER_HEADING.exec(normalizeText(value));
  return m?.[1] ? m[1].trim() : null;
}

/** True when most values below `from` in column `c` are names of people or firms, not units like 件 or 台. */
function columnHoldsNames(grid: SheetGrid, from: number, c: number): boolean {
  let names = 0;
  let seen = 0;
  for (let r = from; r < grid.values.length && seen < 50; r++) {
    const v = grid.values[r]?.[c];
    if (typeof v !== "string" || normalizeText(v) === "") continue;
    const s = normalizeText(v);
    seen++;
    if (s.length >= 4 || ORGANISATION.test(s)) names++;
  }
  return seen >= 2 && names / seen >= 0.6;
}

/**
 * A second table beside the one read (left: 发货, an empty column, right: 回款 …): its columns, to
 * tell the clerk they were not imported rather than drop them silently. Null when there is none.
 */
function sideTable(grid: SheetGrid, band: readonly number[], mapping: readonly ColumnChoice[]): { columns: string; headers: string } | null {
  if (mapping.length === 0) return null;
  // A loop, not Math.max(...rows): a million rows are more arguments than a call can take.
  let width = 0;
  for (const r of grid.values) if (r.length > width) width = r.length;
  const last = Math.max(...mapping.map((m) => m.col - grid.startCol));
  const empty = (c: number): boolean => grid.values.every((r) => r[c] === null || r[c] === undefined || r[c] === "");
  let gap = -1;
  for (let c = last + 1; c < width && gap < 0; c++) if (empty(c)) gap = c;
  if (gap < 0) return null;
  const found: { col: number; text: string }[] = [];
  for (let c = gap + 1; c < width; c++) {
    for (const r of band) {
      const text = headerCellText(grid, r, c);
      if (text !== null && matchHeader(text) !== null) {
        found.push({ col: grid.startCol + c, text });
        break;
      }
    }
  }
  if (found.length < 2) return null;
  const first = found[0]!;
  const end = found[found.length - 1]!;
  return { columns: `${columnLetter(first.col)}–${columnLetter(end.col)}`, headers: found.map((f) => f.text).join("、") };
}

/** True when two rows hold the same texts in the same columns. */
function sameRow(grid: SheetGrid, a: number, b: number): boolean {
  const ra = grid.values[a] ?? [];
  const rb = grid.values[b] ?? [];
  const width = Math.max(ra.length, rb.length);
  for (let c = 0; c < width; c++) if ((headerText(ra[c]) ?? "") !== (headerText(rb[c]) ?? "")) return false;
  return true;
}

function findYear(texts: readonly string[]): number | null {
  for (const s of texts) {
    const m = /(19[89]\d|20\d\d)\s*(年|[-./]\s*\d{1,2}\b|年度)/.exec(s.normalize("NFKC"));
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

function applyMappingOverride(grid: SheetGrid, band: readonly number[], mapping: readonly ColumnChoice[], override: Readonly<Record<string, string>>, reasons: Issue[]): ColumnChoice[] {
  let out = [...mapping];
  const headerRow = band[band.length - 1] ?? 0;
  const width = Math.max(0, ...band.map((r) => grid.values[r]?.length ?? 0));
  for (const [field, wanted] of Object.entries(override)) {
    const key = headerKey(wanted);
    let found = -1;
    let foundRow = headerRow;
    for (const r of band) {
      for (let c = 0; c < width && found < 0; c++) {
        const text = headerCellText(grid, r, c);
        if (text && (text === normalizeText(wanted) || headerKey(text) === key)) {
          found = c;
          foundRow = r;
        }
      }
    }
    if (found < 0) {
      // A column letter works too: --map amount=F
      if (/^[A-Z]{1,3}$/.test(wanted)) {
        const idx = [...wanted].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 - grid.startCol;
        if (idx >= 0) found = idx;
      }
    }
    if (found < 0) {
      reasons.push({ code: "import.reason.overrideHeaderMissing", params: { field, header: wanted }, severity: "warning" });
      continue;
    }
    const col = grid.startCol + found;
    out = out.filter((m) => m.field !== field && m.col !== col);
    out.push({ field: field as ImportField, col, header: headerCellText(grid, foundRow, found) ?? columnLetter(col), how: "override", matched: wanted });
  }
  return out.sort((a, b) => a.col - b.col);
}

/**
 * The role the clerk's `--map` implies, or null: the best role that only the columns she named make
 * possible (customer + date + amount + qty → orders; on a sheet named 回款, customer + date + amount →
 * payments), when detection alone chose "other" or a role those columns do not make.
 */
function roleFromOverride(role: SheetRole, ranked: readonly SheetRole[], before: ReadonlySet<ImportField>, hinted: ReadonlySet<SheetRole>): SheetRole | null {
  const gained = ranked.filter((r) => r !== "other" && !requirementsMet(r, before, hinted));
  if (gained.length === 0) return null;
  if (gained.includes(role)) return role;
  // A role that was possible before her columns stays unless detection had fallen back to "other".
  return role === "other" ? (gained[0] ?? null) : null;
}

/** Fields that mean something else in a role's sheet (结算方式 in a customer sheet is the terms). */
const ROLE_RENAMES: Partial<Record<SheetRole, Partial<Record<ImportField, ImportField>>>> = {
  customers: { method: "terms", series: "class", model: "code" },
  payments: { orderNo: "ref", warehouse: "account" },
  products: { code: "model" },
};

/** Fill gaps in a mapping: ship date as the date, list amount as the amount, product name as the model. */
function withFallbacks(role: SheetRole, mapping: readonly ColumnChoice[], reasons: Issue[], datedByTitle = false): ColumnChoice[] {
  const renames = ROLE_RENAMES[role] ?? {};
  const present = new Set(mapping.map((m) => m.field));
  const out = mapping.map((m) => {
    const to = renames[m.field];
    return to && !present.has(to) && m.how !== "override" ? { ...m, field: to } : m;
  });
  const has = (f: ImportField): ColumnChoice | undefined => out.find((m) => m.field === f);
  if (role === "orders" || role === "returns" || role === "payments") {
    const ship = has("shipDate");
    // A form or daily sheet dated in its title: that is the order date, and 交期 / 发货日期 stay what they are.
    if (!has("date") && ship && !datedByTitle) {
      out.push({ ...ship, field: "date", how: "fallback", matched: ship.header });
      reasons.push({ code: "import.reason.dateFromShipDate", params: { header: ship.header, column: columnLetter(ship.col) } });
    }
    const list = has("listAmount");
    if (!has("amount") && list) {
      out.push({ ...list, field: "amount", how: "fallback", matched: list.header });
      reasons.push({ code: "import.reason.amountFromListAmount", params: { header: list.header, column: columnLetter(list.col) } });
    }
  }
  if (role === "orders" || role === "returns" || role === "products") {
    const name = has("productName");
    if (!has("model") && name) {
      out.push({ ...name, field: "model", how: "fallback", matched: name.header });
      reasons.push({ code: "import.reason.modelFromName", params: { header: name.header, column: columnLetter(name.col) } });
    }
  }
  return out.sort((a, b) => a.col - b.col);
}

/** The uncertain choices that still stand in the final mapping (a field the clerk mapped is settled; a renamed field keeps its column). */
function stillUncertain(found: readonly UncertainChoice[], mapping: readonly ColumnChoice[], override: Readonly<Record<string, string>> | undefined): UncertainChoice[] {
  const out: UncertainChoice[] = [];
  for (const u of found) {
    if (override && u.field in override) continue;
    const m = mapping.find((x) => x.col === u.chosen?.col && x.how !== "override");
    if (!m) continue;
    out.push(m.field === u.field ? u : { ...u, field: m.field, reason: { ...u.reason, params: { ...u.reason.params, field: m.field } } });
  }
  return out;
}

/**
 * Detect one sheet: header row, blocks, mapping, role.
 * @example detectSheet(grid).role // "orders"
 */
export function detectSheet(grid: SheetGrid, options: DetectOptions = {}): SheetDetection {
  const n = grid.values.length;
  const firstRow = grid.startRow;
  const lastRow = grid.startRow + n - 1;
  const reasons: Issue[] = [];

  // Header: the row (among the first rows) with the most distinct fields, earliest on ties.
  let best = -1;
  let bestFields = 1;
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, n); r++) {
    const s = scanRow(grid, r);
    // A form's 收货单位：… | 日期：… line names fields but is no header.
    if (s.fields > bestFields && isKeyValueRow(grid, r)) continue;
    const score = s.fields - (s.numbers > s.fields ? 1 : 0);
    if (score > bestFields) {
      best = r;
      bestFields = score;
    }
  }
  let headerByShape = false;
  if (best < 0) {
    // No row names two known fields: take the first all-text row that has data under it (a header
    // in words we do not know, e.g. 月份 | 车型大类 | 购进 | 销售), so the sheet still has a shape.
    for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, n - 1); r++) {
      const row = grid.values[r] ?? [];
      const texts = row.filter((v) => headerText(v) !== null).length;
      const others = row.filter((v) => v !== null && v !== "" && headerText(v) === null).length;
      const below = (grid.values[r + 1] ?? []).filter((v) => v !== null && v !== "").length;
      if (texts >= 2 && others === 0 && texts >= below * 0.6 && below >= 2) {
        best = r;
        bestFields = scanRow(grid, r).fields;
        headerByShape = true;
        break;
      }
    }
  }
  const titleTexts: string[] = [grid.name];
  for (let r = 0; r < (best >= 0 ? best : Math.min(5, n)); r++) for (const v of grid.values[r] ?? []) if (typeof v === "string") titleTexts.push(v);
  const year = findYear(titleTexts);
  let sheetCustomer = findTitleCustomer(titleTexts.slice(1));

  const scores: Record<SheetRole, number> = { orders: 0, payments: 0, customers: 0, products: 0, returns: 0, other: 0 };
  if (best < 0) {
    reasons.push({ code: "import.reason.noHeader", params: { rows: Math.min(HEADER_SCAN_ROWS, n) } });
    const role = options.role ?? "other";
    if (options.role) reasons.push({ code: "import.reason.roleOverride", params: { role } });
    return { sheet: grid.name, role, confidence: options.role ? 1 : 0, reasons, scores, headerRow: null, blocks: [], mapping: [], year, sheetCustomer, sheetDate: null, customerHeadings: false, uncertain: [], firstRow, lastRow };
  }

  // A two-row header: map both rows; data starts under the lower one.
  const band = headerByShape ? [best] : headerBand(grid, best);
  // A journal's 月 | 日 under its year heading (用友's two-row header): the row below is header too.
  if (!headerByShape && isJournalSubHeader(grid, (band[band.length - 1] ?? best) + 1)) band.push((band[band.length - 1] ?? best) + 1);
  const top = band[0] ?? best;
  best = band[band.length - 1] ?? best;
  if (band.length > 1) reasons.push({ code: "import.reason.twoRowHeader", params: { first: grid.startRow + top + 1, last: grid.startRow + best + 1 } });

  // Blocks: the same (or an equally rich) header again further down starts a new block.
  const headerRows: number[] = [best];
  const needed = Math.max(2, Math.ceil(bestFields * 0.6));
  for (let r = best + 1; r < n && !headerByShape; r++) {
    const s = scanRow(grid, r, true);
    if (s.fields >= needed && s.numbers === 0 && !isKeyValueRow(grid, r)) headerRows.push(r);
  }

  if (headerByShape) reasons.push({ code: "import.reason.headerByShape", params: { row: grid.startRow + best + 1 } });
  const banded = mapBand(grid, band, n - 1);
  let mapping = banded.mapping;
  reasons.push(...banded.reasons);
  // 单位 is a unit of measure (件, 台) — or, in many clerks' sheets, the customer (购货单位): the values tell.
  if (!mapping.some((m) => m.field === "customer")) {
    const unit = mapping.find((m) => m.field === "unit" && headerKey(m.header) === "单位");
    if (unit && columnHoldsNames(grid, best + 1, unit.col - grid.startCol)) {
      mapping = mapping.map((m) => (m === unit ? { ...m, field: "customer" as const, how: "fallback" as const } : m));
      reasons.push({ code: "import.reason.unitIsCustomer", params: { header: unit.header, column: columnLetter(unit.col) } });
    }
  }
  // 发货金额 | 回款金额 | 余额 (or 应收 | 实收 | 余额) without quantities or models: a receivable journal in other words.
  // (Not in a 回款 / 收款 sheet, where 应收 | 实收 are what was due and what came in.)
  const paymentsNamed = [grid.name, ...titleTexts.slice(1)].some((t) => PAYMENTS_NAME.test(t));
  if (!paymentsNamed && !mapping.some((m) => m.field === "debit" || m.field === "credit" || m.field === "qty" || m.field === "price" || m.field === "model" || m.field === "productName")) {
    // Both are amount words, so the mapping kept only one of them: look at the header cells themselves.
    const width = Math.max(0, ...band.map((r) => grid.values[r]?.length ?? 0));
    let sale: { col: number; header: string } | undefined;
    let paid: { col: number; header: string } | undefined;
    for (const r of band) {
      for (let c = 0; c < width; c++) {
        const text = headerCellText(grid, r, c);
        if (text === null) continue;
        const key = headerKey(text);
        if (!sale && SALE_SIDE.has(key)) sale = { col: grid.startCol + c, header: text };
        else if (!paid && PAID_SIDE.has(key)) paid = { col: grid.startCol + c, header: text };
      }
    }
    if (sale && paid) {
      const taken = new Set([sale.col, paid.col]);
      mapping = [
        ...mapping.filter((m) => !taken.has(m.col) && m.field !== "amount" && m.field !== "listAmount"),
        { field: "debit" as const, col: sale.col, header: sale.header, how: "fallback" as const, matched: sale.header },
        { field: "credit" as const, col: paid.col, header: paid.header, how: "fallback" as const, matched: paid.header },
      ].sort((a, b) => a.col - b.col);
      reasons.push({ code: "import.reason.journalColumns", params: { sale: sale.header, paid: paid.header } });
    }
  }
  // A customer's own 账本: 金额 on sale rows, 收款 on receipt rows — read as a journal, 收款 kept.
  const receipts = receiptsColumn(grid, best, mapping);
  if (receipts) {
    const { sale, paid } = receipts;
    mapping = [...mapping.filter((m) => m !== sale && m.col !== paid.col), { ...sale, field: "debit" as const, how: "fallback" as const }, { field: "credit" as const, col: paid.col, header: paid.header, how: "fallback" as const, matched: paid.header }].sort((a, b) => a.col - b.col);
    reasons.push({ code: "import.reason.receiptsColumn", params: { sale: sale.header, paid: paid.header } });
  }
  // A journal's own columns (方向, 月 | 日) and the customer its title lines name (科目：应收账款 — 某公司, 核算项目：客户 — …).
  mapping = journalColumns(grid, band, mapping);
  const journal = mapping.some((m) => m.field === "debit" || m.field === "credit");
  if (journal) sheetCustomer = journalTitleCustomer(titleTexts.slice(1))?.name ?? sheetCustomer;
  // The clerk's --map is applied before the role is chosen, so the columns she names can make the role (see roleFromOverride).
  const unmappedFields = new Set(mapping.map((m) => m.field));
  if (options.mapping) mapping = applyMappingOverride(grid, band, mapping, options.mapping, reasons);
  const fields = new Set(mapping.map((m) => m.field));
  if (journal && !fields.has("date") && fields.has("dateMonth") && fields.has("dateDay")) {
    fields.add("date");
    const header = (f: string): string => mapping.find((m) => m.field === f)?.header ?? "";
    reasons.push({ code: "import.reason.dateFromMonthDay", params: { month: header("dateMonth"), day: header("dateDay") } });
  }
  const uncertain: UncertainChoice[] = [];
  // A date column of months only (1–5, 3月) with the year in the title, the sheet name or the file name.
  // (Not a journal's 月 | 日 pair: those make whole dates.)
  const months = fields.has("dateMonth") && fields.has("dateDay") ? null : findMonthColumn(grid, best, mapping, titleTexts.slice(1), options.fileName);
  if (months) {
    if (!months.mapped) mapping = [...mapping, { field: "date" as const, col: months.dates.col, header: months.dates.header, how: "fallback" as const, matched: months.dates.header }].sort((a, b) => a.col - b.col);
    fields.add("date");
    reasons.push(...months.reasons);
  }
  // A form (送货单): the key–value block above the item table gives every line its customer, date, number.
  const block0 = top > 0 ? readFormHeader(grid, 0, top - 1) : null;
  const titledForm = titledAsForm(grid, top);
  const form: FormHeader | null = block0 !== null && isFormHeader(block0, titledForm) ? block0 : null;
  const formCustomer = !fields.has("customer") && form?.fields.customer !== undefined;
  if (form) reasons.push({ code: "import.reason.formHeader", params: { fields: Object.values(form.fields).map((v) => `${v.key}=${typeof v.value === "number" ? `${columnLetter(v.col)}${v.row + 1}` : v.text}`).join("，"), first: form.firstRow + 1, last: form.lastRow + 1 } });
  if (formCustomer && form?.fields.customer) sheetCustomer = form.fields.customer.text;
  // A title line in a form's words (收货单位：长沙华兴) names the customer too.
  else if (sheetCustomer === null && block0?.fields.customer !== undefined) sheetCustomer = block0.fields.customer.text;
  // One sheet per customer: the title names the customer, the table has no customer column.
  const titleCustomer = !fields.has("customer") && sheetCustomer !== null;
  if (titleCustomer && sheetCustomer !== null) {
    fields.add("customer");
    reasons.push(formCustomer && form?.fields.customer ? { code: "import.reason.customerFromForm", params: { customer: sheetCustomer, key: form.fields.customer.key } } : { code: "import.reason.customerFromTitle", params: { customer: sheetCustomer } });
  }
  // No customer column: 客户：长沙华兴 alone on a row names the customer of the lines below it.
  let customerHeadings = false;
  if (!fields.has("customer")) {
    for (let r = best + 1; r < n && !customerHeadings; r++) {
      const cells = (grid.values[r] ?? []).filter((v) => v !== null && v !== "");
      if (cells.length === 1 && customerHeading(cells[0]) !== null) customerHeadings = true;
    }
    // A journal's blocks below the header, each under a title line naming its customer.
    for (let r = best + 1; r < n && journal && !customerHeadings; r++) {
      const cells = (grid.values[r] ?? []).filter((v) => v !== null && v !== "");
      if (cells.length > 0 && cells.every((v) => typeof v === "string") && cells.some((v) => typeof v === "string" && readJournalTitle(v)?.customer !== undefined)) customerHeadings = true;
    }
    if (customerHeadings) {
      fields.add("customer");
      reasons.push({ code: "import.reason.customerFromHeadings" });
    }
  }
  // Still no customer: the sheet's name, when it is a firm's or its sibling sheets say so; asked when unsure.
  let nameCustomer = false;
  if (!fields.has("customer")) {
    const named = sheetNameCustomer(grid.name, options.context, columnSample(grid, best + 1, mapping.filter((m) => m.field === "model" || m.field === "productName")));
    if (named?.take) {
      sheetCustomer = named.customer;
      nameCustomer = true;
      fields.add("customer");
      reasons.push(named.reason);
    } else if (named) {
      uncertain.push({ field: "customer", chosen: null, alternatives: [], reason: named.reason });
      reasons.push(named.reason);
    }
  }
  // No date column: a daily sheet dated by its title, or lines dated by heading rows above them.
  let sheetDate: SheetDetection["sheetDate"] = null;
  if (!fields.has("date")) {
    const formDate = form?.fields.date;
    const titleDate = formDate !== undefined ? formDate.text : findTitleDate(titleTexts);
    if (titleDate !== null) {
      sheetDate = { from: "title", text: titleDate };
      if (formDate === undefined) reasons.push({ code: "import.reason.dateFromTitle", params: { date: titleDate } });
      // A date cell is a serial: name the cell, the clerk sees the date there.
      else if (typeof formDate.value === "number") reasons.push({ code: "import.reason.dateFromFormCell", params: { key: formDate.key, cell: `${columnLetter(formDate.col)}${formDate.row + 1}` } });
      else reasons.push({ code: "import.reason.dateFromForm", params: { date: titleDate, key: formDate.key } });
    } else if (!fields.has("shipDate")) {
      for (let r = best + 1; r < n && sheetDate === null; r++) {
        const row = grid.values[r] ?? [];
        const cells = row.map((v, c) => [v, c] as const).filter(([v]) => v !== null && v !== "");
        if (cells.length === 1 && isDateHeading(cells[0]![0], grid.formats[r]?.[cells[0]![1]])) sheetDate = { from: "headings" };
      }
      if (sheetDate !== null) reasons.push({ code: "import.reason.dateFromHeadings" });
    }
    if (sheetDate !== null) fields.add("date");
  }

  // Role scores: fields present, sheet name and inventory words.
  for (const role of Object.keys(ROLE_WEIGHTS) as Exclude<SheetRole, "other">[]) {
    const w = ROLE_WEIGHTS[role];
    let s = 0;
    for (const f of fields) s += w[f] ?? 0;
    scores[role] = s;
  }
  const hinted = new Set<SheetRole>();
  for (const hint of NAME_HINTS) {
    if (hint.re.test(grid.name) || titleTexts.slice(1).some((t) => hint.re.test(t))) {
      hinted.add(hint.role);
      scores[hint.role] += hint.weight;
      reasons.push({ code: "import.reason.nameHint", params: { role: hint.role, name: grid.name } });
    }
  }
  const inventoryWords = band.flatMap((r) => grid.values[r] ?? []).map((v) => headerText(v)).filter((t): t is string => t !== null).filter((t) => INVENTORY_HEADER_WORDS.some((w) => headerKey(t).includes(w)));
  if (inventoryWords.length > 0) {
    scores.other += 2.5 * inventoryWords.length;
    reasons.push({ code: "import.reason.inventoryHeaders", params: { headers: inventoryWords.join("、") } });
  }

  // What the values say: a "master" that is transaction lines, purchases, a reconciliation.
  const evidenceInput = { grid, band, dataStart: best + 1, mapping, fields, names: titleTexts };
  const evidence: RoleEvidence = options.role ? { ruledOut: new Map(), notSales: null } : roleEvidence(evidenceInput);

  let role: SheetRole;
  let confidence: number;
  if (options.role) {
    role = options.role;
    confidence = 1;
    reasons.push({ code: "import.reason.roleOverride", params: { role } });
  } else {
    const eligible = (Object.keys(scores) as SheetRole[]).filter((r) => r === "other" || (evidence.notSales === null && !evidence.ruledOut.has(r) && requirementsMet(r, fields, hinted)));
    const ranked = eligible.sort((a, b) => scores[b] - scores[a]);
    role = ranked[0] ?? "other";
    // "other" wins only on positive evidence (inventory words, name); otherwise it is the fallback.
    if (role === "other" && scores.other <= 0) {
      const next = ranked.find((r) => r !== "other" && scores[r] > 0);
      if (next) role = next;
    }
    // What the sheet had without her columns: fields only an override brought are taken out.
    const overridden = mapping.filter((m) => m.how === "override" && !unmappedFields.has(m.field)).map((m) => m.field);
    const implied = overridden.length > 0 ? roleFromOverride(role, ranked, new Set([...fields].filter((f) => !overridden.includes(f))), hinted) : null;
    if (implied) {
      role = implied;
      reasons.push({ code: "import.reason.roleFromMap", params: { role, fields: overridden.join(",") } });
    }
    const top = scores[role];
    const second = Math.max(0, ...ranked.filter((r) => r !== role).map((r) => scores[r]));
    confidence = role === "other" && top <= 0 ? 0.5 : Math.max(0, Math.min(1, top / (top + second + 1)));
    if (evidence.notSales !== null) confidence = Math.max(confidence, 0.9);
    confidence = Math.round(confidence * 100) / 100;
    // A role the values ruled out that would have won says why it did not.
    if (evidence.notSales === null) for (const [r, why] of evidence.ruledOut) if (scores[r] > scores[role] && requirementsMet(r, fields, hinted)) reasons.push(why);
    if (role === "other") {
      // Say what an order sheet would need that this one lacks.
      const missing: ImportField[] = [];
      if (!fields.has("customer")) missing.push("customer");
      if (!fields.has("date") && !fields.has("shipDate")) missing.push("date");
      if (!fields.has("amount") && !fields.has("listAmount") && !fields.has("qty")) missing.push("amount");
      reasons.push(whyOther(evidenceInput, evidence, scores) ?? (missing.length > 0 ? { code: "import.reason.notLedgerData", params: { missing: missing.join(",") } } : { code: "import.reason.otherByEvidence" }));
    }
  }

  mapping = withFallbacks(role, mapping, reasons, sheetDate?.from === "title");
  if (role !== "other" && !options.role) reasons.push({ code: "import.reason.fieldsFound", params: { role, fields: mapping.map((m) => m.field).join(",") } });
  if (role === "orders" && mapping.some((m) => m.field === "debit" || m.field === "credit")) reasons.push({ code: "import.reason.journal" });

  const side = sideTable(grid, band, mapping);
  if (side) reasons.push({ code: "import.warn.sideTable", at: { sheet: grid.name }, params: side, severity: "warning" });

  let blocks: HeaderBlock[] = headerRows.map((h, i) => {
    const next = headerRows[i + 1];
    // The same header again (a journal's blocks, a sheet pasted twice) keeps the first block's reading.
    // A later block's own 月 | 日 row under its header belongs to that header.
    const hb = i > 0 && isJournalSubHeader(grid, h + 1) ? [h, h + 1] : [h];
    const same = i > 0 && hb.length === Math.min(band.length, 2) && hb.every((r, k) => sameRow(grid, band[band.length - hb.length + k] ?? -1, r));
    let blockMapping = i === 0 || same ? mapping : journalColumns(grid, hb, hb.length > 1 ? mapBand(grid, hb, next !== undefined ? next - 1 : n - 1).mapping : mapHeaderRow(grid, h));
    if (i > 0 && !same && options.mapping) blockMapping = applyMappingOverride(grid, hb, blockMapping, options.mapping, []);
    if (i > 0 && !same) blockMapping = withFallbacks(role, blockMapping, [], sheetDate?.from === "title");
    return { headerRow: grid.startRow + h, firstRow: grid.startRow + h + (i > 0 ? hb.length : 1), lastRow: grid.startRow + (next !== undefined ? next - 1 : n - 1), mapping: blockMapping };
  });
  if (form !== null || titledForm) blocks = withForms(grid, blocks, form, reasons);
  if (blocks.length > 1) reasons.push({ code: "import.reason.repeatedHeaders", params: { count: blocks.length, rows: blocks.map((b) => b.headerRow + 1).join(",") } });
  // Column choices first: they are the ones the clerk confirms with the mapping.
  if (role !== "other") uncertain.unshift(...stillUncertain(banded.uncertain, mapping, options.mapping));

  return { sheet: grid.name, role, confidence, reasons, scores, headerRow: grid.startRow + best, blocks, mapping, year, sheetCustomer: titleCustomer || nameCustomer ? sheetCustomer : null, sheetDate, customerHeadings, uncertain, ...(months ? { monthDates: months.dates } : {}), firstRow, lastRow };
}

/**
 * A form's blocks: each with its header block (the first's above the table, a stacked form's after
 * the previous form's last 合计) and its trailer (the footer to skip, where the next form begins).
 */
function withForms(grid: SheetGrid, blocks: readonly HeaderBlock[], first: FormHeader | null, reasons: Issue[]): HeaderBlock[] {
  let form = first;
  let stacked = 0;
  const out = blocks.map((b, i) => {
    const next = blocks[i + 1];
    const trailer = formTrailer(grid, b.headerRow - grid.startRow, b.lastRow - grid.startRow, next ? next.headerRow - grid.startRow : null);
    const block: HeaderBlock = { ...b, ...(form ? { form } : {}), trailer };
    form = next && trailer.nextFormFrom !== null ? readFormHeader(grid, trailer.nextFormFrom - grid.startRow, next.headerRow - grid.startRow - 1) : null;
    if (form) stacked++;
    return block;
  });
  if (stacked > 0) reasons.push({ code: "import.reason.stackedForms", params: { count: stacked + 1 } });
  if (out.some((b) => b.trailer?.footerFrom !== null && b.trailer?.footerFrom !== undefined)) reasons.push({ code: "import.reason.formFooter" });
  return out;
}

/** Up to 50 text values of the given columns below local row `from` (what a sheet's products are called). */
function columnSample(grid: SheetGrid, from: number, cols: readonly ColumnChoice[]): string[] {
  const out: string[] = [];
  for (let r = from; r < grid.values.length && r < from + 50; r++) {
    for (const m of cols) {
      const v = grid.values[r]?.[m.col - grid.startCol];
      if (typeof v === "string" && v.trim() !== "") out.push(v);
    }
  }
  return out;
}
