/**
 * The importer: detected sheets → ledger records. Every data row below a header ends up imported,
 * rejected (with the cell and the reason) or skipped (blank, 小计/合计, repeated header, note, a
 * sheet that holds no ledger data). Masters come from master sheets, or are derived from the
 * transactions and marked so; names are matched across spelling variants with `nameKey`.
 */
import type { Issue } from "../result";
import { parseMoney, multiplyFen } from "../money";
import { displayText, nameKey, normalizeText } from "../text";
import { columnLetter } from "../sheet-spec";
import { Customer, NAME_MAX_LENGTH, OrderLine, Payment, Product, ReturnRecord, type Customer as CustomerT, type Product as ProductT } from "../schemas/records";
import { customerHeading, detectSheet, isDateHeading } from "./detect";
import { evaluateSimpleFormula } from "./formula";
import { isEssentialField } from "./essential-fields";
import { isVoidNote, readStatus } from "./order-status";
import { productIdColumns, type ProductIdColumn } from "./product-identity";
import { lineSign } from "./line-sign";
import { readDiscount } from "./discount-reading";
import { formRowPlace } from "./form-header";
import { monthDate, type MonthDates } from "./month-dates";
import { workbookContext } from "./sheet-context";
import { JournalSheet, isJournalSheet, type JournalRow, type JournalSink } from "./journal";
import { bankCharge, isBankStatement } from "./bank-statement";
import { countReceiptsOnce } from "./receipt-matching";
import { cellName, cellText, isBlankCell, isEmptyish, parseDateCell, parseDays, parseDiscount, parseFlag, parseMoneyCell, parseQty, parseTerms } from "./cells";
import type { ColumnChoice, HeaderBlock, ImportField, ImportOverrides, ImportResult, RawCell, RowOutcome, SheetDetection, SheetGrid, SheetRole, SheetTally } from "./types";

/** Options for `importWorkbook`. */
export interface ImportOptions {
  /** The workbook counts dates from 1904. */
  readonly date1904?: boolean;
  /** User corrections of roles and mappings. */
  readonly overrides?: ImportOverrides;
  /** Model written when a sheet has neither a model nor a product-name column (catalogue text). */
  readonly noModelPlaceholder?: string;
  /** Customer written when a sheet (made orders by the user) has no customer column (catalogue text). */
  readonly noCustomerPlaceholder?: string;
  /** The workbook's file name (folders are ignored): a year for a column of months (`2023销售台账.xlsx`). */
  readonly fileName?: string;
}

/** Subtotal/total words; a row holding one of them is a summary row, not data. */
const SUBTOTAL = /^(本[日周月页年季]|全年|月度|年度|当月|当日|本期|当前|当期)?(小计|合计|总计|总合计|累计|共计|汇总)|(小计|合计|总计|共计|汇总)[:：]?$|^[日月季年]计$|^(sub)?total\b|^grand\s*total|^sum$/i;
const EMPTY_SET: ReadonlySet<number> = new Set();
/** Columns whose number makes a row a line, not a form's footer. */
const FIGURE_FIELDS: ReadonlySet<ImportField> = new Set(["qty", "price", "amount", "listAmount", "debit", "credit"]);
const NO_WARNINGS: readonly Issue[] = Object.freeze([]);
/** Every total word holds one of these (a cheap test before normalizing). */
const TOTAL_HINT = /计|汇总|total|sum|ｔｏｔａｌ|ｓｕｍ/i;
/** Columns of free text, where a total word does not make a total row. */
const FREE_TEXT_FIELDS: ReadonlySet<ImportField> = new Set(["notes", "address", "reason", "resolution", "productName"]);
/** Record fields whose import column has another name. */
const RECORD_TO_IMPORT_FIELD: Readonly<Record<string, string>> = { name: "customer", priceFen: "price", amountFen: "amount", creditLimitFen: "creditLimit", openingBalanceFen: "openingBalance" };

/** Legal-form endings clerks drop when they type a customer's name (长沙华兴建材 = 长沙华兴建材有限公司). */
const COMPANY_SUFFIX = /(股份有限公司|有限责任公司|有限公司|分公司|公司|商行|经营部|经销部|门市部|贸易部)$/;

/** A customer key that ignores the legal-form ending. */
export function looseCustomerKey(name: string): string {
  return nameKey(name).replace(COMPANY_SUFFIX, "");
}

/** A model key that ignores dashes, dots, slashes and spaces (HX-100 = HX100 = hx 100). */
export function looseModelKey(model: string): string {
  return nameKey(model).replace(/[-_/.·\s]/g, "");
}

/** Words of a note or signature line (制表人：…, 审核：…). */
const NOTE = /制表|审核|审批人|打印|经办|负责人[:：]|单位[:：]|日期[:：]|备注[:：]|说明|注[:：]|^注|第\s*\d+\s*页|prepared by|checked by|page\s*\d/i;

interface CellRead {
  readonly value: RawCell;
  readonly format: string;
  readonly formula: string | null;
  readonly col: number;
  readonly header: string;
}

class SheetReader {
  private readonly covered = new Map<number, RawCell>();
  private readonly evaluating = new Set<number>();
  constructor(
    readonly grid: SheetGrid,
    readonly det: SheetDetection,
  ) {
    // Vertically merged data cells carry the top-left value down (a date merged over an order's lines).
    for (const m of grid.merges) {
      if (m.rowEnd <= m.row) continue;
      const top = grid.values[m.row - grid.startRow]?.[m.col - grid.startCol] ?? null;
      for (let r = m.row; r <= m.rowEnd; r++) for (let c = m.col; c <= m.colEnd; c++) if (r !== m.row || c !== m.col) this.covered.set(r * 16384 + c, top);
    }
  }

  raw(row: number, col: number): RawCell {
    return this.grid.values[row - this.grid.startRow]?.[col - this.grid.startCol] ?? null;
  }

  formula(row: number, col: number): string | null {
    return this.grid.formulas[row - this.grid.startRow]?.[col - this.grid.startCol] ?? null;
  }

  format(row: number, col: number): string {
    return this.grid.formats[row - this.grid.startRow]?.[col - this.grid.startCol] ?? "General";
  }

  /** Value with merges followed and simple formulas without a cached result computed (null when impossible). */
  value(row: number, col: number): { value: RawCell; formulaFailed: string | null } {
    const raw = this.raw(row, col);
    const f = this.formula(row, col);
    if ((raw === null || raw === "") && f) {
      const v = this.evaluate(row, col, f);
      return v === null ? { value: null, formulaFailed: f } : { value: v, formulaFailed: null };
    }
    if (raw === null || raw === "") {
      const merged = this.covered.get(row * 16384 + col);
      if (merged !== undefined) return { value: merged, formulaFailed: null };
    }
    return { value: raw, formulaFailed: null };
  }

  private evaluate(row: number, col: number, f: string): number | null {
    const key = row * 16384 + col;
    if (this.evaluating.has(key) || this.evaluating.size > 50) return null;
    this.evaluating.add(key);
    try {
      return evaluateSimpleFormula(f, (r, c) => {
        const { value } = this.value(r, c);
        if (value === null) return this.formula(r, c) ? null : 0;
        if (typeof value === "number") return value;
        if (typeof value === "string") {
          if (normalizeText(value) === "") return 0;
          const m = parseMoney(value);
          return m.ok ? m.value / 100 : null;
        }
        return null;
      });
    } finally {
      this.evaluating.delete(key);
    }
  }
}

/** An own property of a user-keyed record (sheet names may be `constructor` or `__proto__`). */
function ownValue<T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function modeYear(years: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  let best: number | null = null;
  let bestN = 0;
  for (const [y, n] of counts) if (n > bestN) [best, bestN] = [y, n];
  return best;
}

type Draft = Record<string, unknown>;

/** One row being parsed: where it is, its mapped cells, and what went wrong or needs saying. */
class RowParse {
  /** Set when the row turns out to be a repeat that is skipped, not an error. */
  skip?: Issue;
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  /** The row's date when the sheet has no date column (its title's date, or the heading above it). */
  fallbackDate?: string;
  /** The customer when the sheet has no customer column: the title's, or the heading row's above it. */
  fallbackCustomer?: string;
  /** The sheet's customers come from heading rows: no placeholder customer for a row before the first. */
  readonly needsHeadingCustomer: boolean;
  /** The date column holds months only (dated the first of the month). */
  readonly monthDates: MonthDates | undefined;
  /** A further line of the order above (no date, customer or order number of its own): what it takes from it. */
  continues?: { readonly date: string; readonly customer: string; readonly orderNo?: string; readonly shipDate?: string };
  /** Every field rejects the row when unreadable (journal rows keep their own rules). */
  strict = false;
  /** Fields this row needs beyond its role's essentials (price and discount when the amount is computed from them). */
  private readonly needed = new Set<ImportField>();
  /** Fields whose formula without a value was already said. */
  private readonly saidFormula = new Set<ImportField>();
  constructor(
    readonly rd: SheetReader,
    private readonly row: number,
    private readonly byField: ReadonlyMap<ImportField, ColumnChoice>,
  ) {
    if (rd.det.sheetCustomer !== null) this.fallbackCustomer = rd.det.sheetCustomer;
    this.needsHeadingCustomer = rd.det.customerHeadings;
    this.monthDates = rd.det.monthDates !== undefined && byField.get("date")?.col === rd.det.monthDates.col ? rd.det.monthDates : undefined;
  }

  /** The cell of `field` as an issue location (the row when the field has no column). */
  at(field: ImportField): Issue["at"] {
    const m = this.byField.get(field);
    const sheet = this.rd.grid.name;
    return m ? { sheet, row: this.row + 1, column: columnLetter(m.col), header: m.header, field } : { sheet, row: this.row + 1, field };
  }

  /** The mapped cell of `field`, formulas without a cached value computed (or an issue). */
  cell(field: ImportField): CellRead | undefined {
    const m = this.byField.get(field);
    if (!m) return undefined;
    const { value, formulaFailed } = this.rd.value(this.row, m.col);
    // A cell read twice (a status check, then the record) is said once.
    if (formulaFailed && !this.saidFormula.has(field)) {
      this.saidFormula.add(field);
      this.issues.push({ code: "import.formulaNoValue", at: this.at(field), value: formulaFailed });
    }
    return { value, format: this.rd.format(this.row, m.col), formula: null, col: m.col, header: m.header };
  }

  /** The value of any sheet column on this row (merges followed), mapped or not. */
  rawAt(col: number): RawCell {
    return this.rd.value(this.row, col).value;
  }

  /** The column's money unit (万元 → 10000). */
  scale(field: ImportField): number | undefined {
    return this.byField.get(field)?.scale;
  }

  has(field: ImportField): boolean {
    return this.byField.has(field);
  }

  /** True when `code` was already said of `field` on this row (a cell read twice is said once). */
  said(code: string, field: ImportField): boolean {
    const same = (i: Issue): boolean => i.code === code && i.at?.field === field;
    return this.issues.some(same) || this.warnings.some(same);
  }

  /** This row cannot do without `field` (e.g. the price, when the amount is price × qty). */
  need(field: ImportField): void {
    this.needed.add(field);
  }

  /**
   * True when the row must be rejected: an essential field could not be read. Problems of other
   * fields move to the warnings first (the field is left out, the row kept; essential-fields.ts).
   */
  blocked(): boolean {
    if (this.issues.length === 0) return false;
    if (this.strict) return true;
    const role = this.rd.det.role;
    let keep = 0;
    for (const i of this.issues) {
      const field = i.at?.field as ImportField | undefined;
      if (field === undefined || isEssentialField(role, field) || this.needed.has(field)) this.issues[keep++] = i;
      else this.warnings.push({ ...i, severity: "warning" });
    }
    this.issues.length = keep;
    return keep > 0;
  }
}

/**
 * Import detected sheets into ledger records.
 * @example const result = importWorkbook(grids, { date1904: false }); result.input.orders.length
 */
export function importWorkbook(grids: readonly SheetGrid[], options: ImportOptions = {}): ImportResult {
  const date1904 = options.date1904 ?? false;
  const overrides = options.overrides ?? {};
  // Placeholders are names like any other: tidied as read back (full-width brackets kept).
  const noModel = displayText(options.noModelPlaceholder ?? "-");
  const noCustomer = displayText(options.noCustomerPlaceholder ?? "-");
  const contexts = workbookContext(grids);
  const fileName = options.fileName !== undefined ? options.fileName.replace(/^.*[\\/]/, "") : undefined;
  const readers = grids.map((grid) => {
    // Sheet names are user text: only own keys count (a sheet called constructor or __proto__).
    const mapping = { ...(ownValue(overrides.mappings, "*") ?? {}), ...(ownValue(overrides.mappings, grid.name) ?? {}) };
    const role = ownValue(overrides.roles, grid.name);
    const context = contexts.get(grid.name);
    const det = detectSheet(grid, { ...(role ? { role } : {}), ...(Object.keys(mapping).length ? { mapping } : {}), ...(context ? { context } : {}), ...(fileName !== undefined ? { fileName } : {}) });
    return new SheetReader(grid, det);
  });

  // Year for dates typed without one: the sheet's own (name, title), else the workbook's usual year.
  const sampledYears: number[] = [];
  for (const rd of readers) {
    const block = rd.det.blocks[0];
    const dateCol = block?.mapping.find((m) => m.field === "date");
    if (!block || !dateCol || rd.det.role === "other") continue;
    for (let r = block.firstRow; r <= Math.min(block.lastRow, block.firstRow + 300); r++) {
      const p = parseDateCell(rd.value(r, dateCol.col).value, { date1904, numberFormat: rd.format(r, dateCol.col) });
      if (p.ok) sampledYears.push(Number(p.value.slice(0, 4)));
    }
  }
  const workbookYear = modeYear(sampledYears);

  const customers = new Map<string, CustomerT>();
  const products = new Map<string, ProductT>();
  // Product names seen per model key, one spelling per name key (（上海） and (上海) are one name).
  const productNames = new Map<string, Map<string, string>>();
  const orders: OrderLine[] = [];
  const payments: Payment[] = [];
  const returns: ReturnRecord[] = [];
  const warnings: Issue[] = [];
  // No prototype: a sheet named __proto__ is an ordinary key.
  const outcomes = Object.create(null) as Record<string, RowOutcome[]>;
  const tallies: SheetTally[] = [];
  const hasCustomerSheet = readers.some((r) => r.det.role === "customers");
  // A second table beside the one read, money not in RMB: said, never dropped silently.
  for (const rd of readers) for (const x of rd.det.reasons) if (x.code.startsWith("import.warn.")) warnings.push(x);
  const hasProductSheet = readers.some((r) => r.det.role === "products");
  const masterRowOf = new Map<string, number>();
  const fieldMaps = new WeakMap<HeaderBlock, ReadonlyMap<ImportField, ColumnChoice>>();
  // A form block's date, read once (null when unusable).
  const formDates = new WeakMap<HeaderBlock, string | null>();
  const freeTextCols = new WeakMap<HeaderBlock, ReadonlySet<number>>();
  const keyCache = new Map<string, string>();
  // The journal being read (a sheet whose blocks map 借方 / 贷方): its title lines, sections and running balances.
  let journal: JournalSheet | undefined;
  // The sheet being read is a bank statement (its interest and fee lines are no customer's money).
  let bankSheet = false;
  const bankSheets = new Set<string>();
  const idColumns = new WeakMap<HeaderBlock, readonly ProductIdColumn[]>();
  // 红冲 / 关闭 lines per sheet and status text: said once each, with the count.
  const statusNotes = new Map<string, { kind: "reversal" | "closed"; status: string; at: Issue["at"]; count: number }>();
  // The sheet being read: its title's date, and the date of the last date heading (sheets without a date column).
  let titleDate: string | undefined;
  let sectionDate: string | undefined;
  // The order line imported from the row just above (a further line of the same order may follow), and how many did.
  let lastLine: (NonNullable<RowParse["continues"]> & { readonly row: number }) | undefined;
  // The customer of the last customer heading (sheets without a customer column).
  let sectionCustomer: string | undefined;
  let continued = 0;

  const rank: Record<SheetRole, number> = { customers: 0, products: 1, orders: 2, returns: 2, payments: 2, other: 3 };
  const ordered = [...readers].sort((a, b) => rank[a.det.role] - rank[b.det.role]);

  function freeTextOf(block: HeaderBlock, startCol: number): ReadonlySet<number> {
    let set = freeTextCols.get(block);
    if (!set) freeTextCols.set(block, (set = new Set(block.mapping.filter((m) => FREE_TEXT_FIELDS.has(m.field)).map((m) => m.col - startCol))));
    return set;
  }

  function blockOf(det: SheetDetection, row: number): HeaderBlock | undefined {
    return det.blocks.find((b) => row >= b.firstRow && row <= b.lastRow);
  }

  function processRow(rd: SheetReader, row: number, blockHeaders: ReadonlySet<number>, year: number | null): RowOutcome {
    const { det, grid } = rd;
    const r1 = row + 1;
    const at = { sheet: grid.name, row: r1 };
    const rawRow = grid.values[row - grid.startRow] ?? [];
    const nonBlank: number[] = [];
    for (let c = 0; c < rawRow.length; c++) if (!isBlankCell(rawRow[c]) || (grid.formulas[row - grid.startRow]?.[c] ?? null) !== null) nonBlank.push(c);
    if (nonBlank.length === 0) return { kind: "skipped", row: r1, reason: { code: "import.skip.blank", at } };
    if (blockHeaders.has(row) || journal?.isSubHeader(row)) return { kind: "skipped", row: r1, reason: { code: "import.skip.repeatedHeader", at } };
    if (det.headerRow === null) return { kind: "skipped", row: r1, reason: { code: "import.skip.noHeader", at } };
    // Words like 合计 in a note or address column are text, not a total row.
    const block = blockOf(det, row);
    const freeText = block ? freeTextOf(block, grid.startCol) : EMPTY_SET;
    for (const c of nonBlank) {
      const v = rawRow[c];
      if (typeof v !== "string" || freeText.has(c) || !TOTAL_HINT.test(v)) continue;
      const compact = normalizeText(v).replace(/\s/g, "");
      if (compact.length <= 24 && SUBTOTAL.test(compact)) {
        return { kind: "skipped", row: r1, reason: { code: "import.skip.subtotal", at: { ...at, column: columnLetter(grid.startCol + c) }, value: normalizeText(v) } };
      }
    }
    if (det.role === "other") return { kind: "skipped", row: r1, reason: { code: "import.skip.sheetNotImported", at } };
    if (!block) return { kind: "skipped", row: r1, reason: { code: "import.skip.noHeader", at } };
    // A form's notes and signatures after its last 合计, or the next stacked form's header block.
    const place = formRowPlace(block, row, () => block.mapping.some((m) => FIGURE_FIELDS.has(m.field) && typeof rd.value(row, m.col).value === "number"));
    if (place !== null) return { kind: "skipped", row: r1, reason: { code: place === "footer" ? "import.skip.formFooter" : "import.skip.formHeader", at: { ...at, column: columnLetter(grid.startCol + nonBlank[0]!) }, value: cellText(rawRow[nonBlank[0]!] ?? null) ?? "" } };
    // A SUM over the column above, with no label: an unlabelled subtotal.
    for (const m of block.mapping) {
      const f = rd.formula(row, m.col);
      if (f && /^=\s*(SUBTOTAL|SUM)\s*\(\s*\$?[A-Z]{1,3}\$?\d+\s*:\s*\$?[A-Z]{1,3}\$?\d+\s*\)\s*$/i.test(f) && (m.field === "amount" || m.field === "qty" || m.field === "listAmount")) {
        const refs = [...f.matchAll(/\$?([A-Z]{1,3})\$?(\d+)/gi)];
        const sameCol = refs.every((x) => x[1]?.toUpperCase() === columnLetter(m.col)) && refs.some((x) => Number(x[2]) < r1);
        if (sameCol) return { kind: "skipped", row: r1, reason: { code: "import.skip.subtotalFormula", at: { ...at, column: columnLetter(m.col) }, value: f } };
      }
    }
    const title = journal?.titleAt(row);
    if (title) return { kind: "skipped", row: r1, reason: { code: "import.skip.journalTitle", at: { ...at, column: columnLetter(title.col) }, value: title.text } };
    if (nonBlank.length === 1 && det.customerHeadings) {
      const c = nonBlank[0]!;
      const name = customerHeading(rawRow[c]);
      if (name !== null) {
        // A customer heading names the customer of the lines below it (until the next heading).
        sectionCustomer = name;
        return { kind: "skipped", row: r1, reason: { code: "import.skip.customerHeading", at: { ...at, column: columnLetter(grid.startCol + c) }, value: name } };
      }
    }
    if (nonBlank.length === 1 && det.sheetDate?.from === "headings") {
      // A date heading dates the lines below it (until the next heading).
      const c = nonBlank[0]!;
      const v = rawRow[c];
      const fmt = grid.formats[row - grid.startRow]?.[c];
      if (isDateHeading(v, fmt)) {
        // 3月6日 under 2025年3月5日 is in 2025: the heading above gives the year first.
        const y = sectionDate !== undefined ? Number(sectionDate.slice(0, 4)) : year;
        const d = parseDateCell(v, { date1904, year: y, ...(fmt !== undefined ? { numberFormat: fmt } : {}) });
        const col = { ...at, column: columnLetter(grid.startCol + c) };
        sectionDate = d.ok ? d.value : undefined;
        if (!d.ok) return { kind: "rejected", row: r1, issues: d.issues.map((i) => ({ ...i, at: col })) };
        return { kind: "skipped", row: r1, reason: { code: "import.skip.dateHeading", at: col, value: d.value } };
      }
    }
    if (nonBlank.length === 1) {
      const c = nonBlank[0]!;
      const v = rawRow[c];
      const sheetCol = grid.startCol + c;
      const mapped = block.mapping.some((m) => m.col === sheetCol);
      const wideMerge = grid.merges.some((m) => m.row === row && m.col === sheetCol && m.colEnd > m.col);
      // One lone text in a transaction sheet is a section label (三月份, 华东区); in a master list it may be a name.
      const transaction = det.role === "orders" || det.role === "payments" || det.role === "returns";
      if (typeof v === "string" && (wideMerge || !mapped || NOTE.test(v) || transaction)) {
        return { kind: "skipped", row: r1, reason: { code: "import.skip.note", at: { ...at, column: columnLetter(sheetCol) }, value: normalizeText(v) } };
      }
    }
    const p = new RowParse(rd, row, fieldsOf(block));
    if (det.customerHeadings && sectionCustomer !== undefined) p.fallbackCustomer = sectionCustomer;
    if (det.role === "orders" && lastLine !== undefined && lastLine.row === row - 1 && isContinuation(rd, row, fieldsOf(block))) {
      p.continues = lastLine;
      continued++;
    }
    if (det.sheetDate !== null) {
      const d = det.sheetDate.from === "title" ? titleDate : sectionDate;
      if (d !== undefined) p.fallbackDate = d;
    }
    if (block.form) applyForm(p, block, year, grid.name);
    const source = { sheet: grid.name, row: r1 };
    switch (det.role) {
      case "customers":
        return finish(at, p, parseCustomer(p));
      case "products":
        return finish(at, p, parseProduct(p));
      case "payments":
        return finish(at, p, parsePayment(p, year, source, rawRow));
      case "returns":
        return finish(at, p, parseReturn(p, year, source));
      default: {
        if (fieldsOf(block).has("debit") || fieldsOf(block).has("credit")) {
          p.strict = true;
          return finish(at, p, parseJournal(p, year, source, fieldsOf(block)));
        }
        const before = orders.length;
        const outcome = finish(at, p, parseOrder(p, year, source, fieldsOf(block), block));
        let line = orders.length > before ? orders[orders.length - 1] : undefined;
        // A form's 单号 and 仓库 are every line's, when the table has no such column.
        if (line && block.form) {
          orders[orders.length - 1] = line = withFormFields(line, block, fieldsOf(block));
          formContact(line.customer, block);
        }
        // The next row may be a further line of this order (only its model, quantity and amount filled in).
        lastLine = outcome.kind === "imported" && line ? { row, date: line.date, customer: line.customer, ...(line.orderNo !== undefined ? { orderNo: line.orderNo } : {}), ...(line.shipDate !== undefined ? { shipDate: line.shipDate } : {}) } : undefined;
        return outcome;
      }
    }
  }

  /** A form block's customer and date (when the table has no such column), its date read once per block. */
  function applyForm(p: RowParse, block: HeaderBlock, year: number | null, sheet: string): void {
    const form = block.form;
    if (!form) return;
    const byField = fieldsOf(block);
    const customer = form.fields.customer;
    if (customer && !byField.has("customer")) p.fallbackCustomer = customer.text;
    const date = form.fields.date;
    if (!date || byField.has("date") || byField.has("shipDate")) return;
    let d = formDates.get(block);
    if (d === undefined) {
      const r = parseDateCell(date.value, { date1904, year, numberFormat: date.format });
      d = r.ok ? r.value : null;
      formDates.set(block, d);
      if (!r.ok) warnings.push({ code: "import.warn.formDateUnusable", at: { sheet, row: date.row + 1, column: columnLetter(date.col) }, value: date.text, params: { detail: r.issues[0]?.code ?? "" }, severity: "warning" });
    }
    if (d !== null) p.fallbackDate = d;
    else delete p.fallbackDate;
  }

  function withFormFields(line: OrderLine, block: HeaderBlock, byField: ReadonlyMap<ImportField, ColumnChoice>): OrderLine {
    const f = block.form?.fields;
    if (!f) return line;
    const orderNo = line.orderNo === undefined && !byField.has("orderNo") ? f.orderNo?.text : undefined;
    const warehouse = line.warehouse === undefined && !byField.has("warehouse") ? f.warehouse?.text : undefined;
    if (orderNo === undefined && warehouse === undefined) return line;
    return { ...line, ...(orderNo !== undefined ? { orderNo } : {}), ...(warehouse !== undefined ? { warehouse } : {}) };
  }

  /** A derived customer (no master sheet row) takes the form's 地址 / 电话 / 联系人 it has none of. */
  function formContact(name: string, block: HeaderBlock): void {
    const f = block.form?.fields;
    const key = keyOf(name);
    const c = customers.get(key);
    if (!f || !c?.derived || fieldsOf(block).has("customer")) return;
    const add: Partial<Record<"address" | "phone" | "contact", string>> = {};
    for (const k of ["address", "phone", "contact"] as const) if (c[k] === undefined && f[k] !== undefined) add[k] = f[k].text;
    if (Object.keys(add).length > 0) customers.set(key, { ...c, ...add });
  }

  function finish(at: { sheet: string; row: number }, p: RowParse, ok: boolean): RowOutcome {
    const row = at.row;
    const blocked = p.blocked();
    if (p.skip && !blocked) return { kind: "skipped", row, reason: p.skip };
    if (!ok || blocked) return { kind: "rejected", row, issues: p.issues.length > 0 ? p.issues : [{ code: "import.rowInvalid", at }] };
    // Most rows warn of nothing: one shared empty list, not a million.
    return { kind: "imported", row, warnings: p.warnings.length > 0 ? p.warnings : NO_WARNINGS };
  }

  // ---- field readers -------------------------------------------------------------------------

  function text(p: RowParse, field: ImportField): string | undefined {
    const c = p.cell(field);
    if (!c) return undefined;
    if (typeof c.value === "object" && c.value !== null) {
      if (!p.said("import.cellError", field)) p.issues.push({ code: "import.cellError", at: p.at(field), value: c.value.error });
      return undefined;
    }
    return isEmptyish(c.value) ? undefined : cellText(c.value);
  }

  /** A name cell (customer, model, product name) as the clerk spelled it; matched later by `nameKey`. */
  function nameText(p: RowParse, field: ImportField): string | undefined {
    const c = p.cell(field);
    if (!c) return undefined;
    if (typeof c.value === "object" && c.value !== null) {
      p.issues.push({ code: "import.cellError", at: p.at(field), value: c.value.error });
      return undefined;
    }
    return isEmptyish(c.value) ? undefined : cellName(c.value);
  }

  function required(p: RowParse, field: ImportField, v: string | undefined): string | undefined {
    if (v === undefined && !p.issues.some((i) => i.at?.field === field)) p.issues.push({ code: "import.missingValue", at: p.at(field), params: { field } });
    return v === undefined ? v : nameWithin(p, field, v);
  }

  /** A customer name or model no longer than the records allow (a pasted paragraph is not a name). */
  function nameWithin(p: RowParse, field: ImportField, v: string): string | undefined {
    if (v.length <= NAME_MAX_LENGTH) return v;
    p.issues.push({ code: "records.tooLong", at: p.at(field), value: `${v.slice(0, 40)}…`, params: { field, maximum: NAME_MAX_LENGTH, length: v.length } });
    return undefined;
  }

  function money(p: RowParse, field: ImportField, need: boolean): number | undefined {
    const c = p.cell(field);
    if (!c || isEmptyish(c.value)) {
      // A required amount is missing whether the cell is blank or this block has no such column.
      if (need && !p.issues.some((i) => i.at?.field === field)) p.issues.push({ code: "import.missingValue", at: p.at(field), params: { field } });
      return undefined;
    }
    if (typeof c.value === "object" && c.value !== null) {
      p.issues.push({ code: "import.cellError", at: p.at(field), value: c.value.error });
      return undefined;
    }
    const r = parseMoneyCell(c.value);
    if (r.ok) return r.value * (p.scale(field) ?? 1);
    p.issues.push(...r.issues.map((i) => ({ ...i, at: p.at(field), value: cellText(c.value) ?? "" })));
    return undefined;
  }

  function dateOf(p: RowParse, field: ImportField, year: number | null, need: boolean): string | undefined {
    const c = p.cell(field);
    if (!c && field === "date" && p.fallbackDate !== undefined) return p.fallbackDate;
    if (field === "date" && p.continues !== undefined && (!c || isEmptyish(c.value))) return p.continues.date;
    if (!c || isEmptyish(c.value)) {
      if (need && !p.issues.some((i) => i.at?.field === field)) p.issues.push({ code: "import.missingValue", at: p.at(field), params: { field } });
      return undefined;
    }
    const month = field === "date" && p.monthDates !== undefined ? monthDate(c.value, p.monthDates) : null;
    const r = month ?? parseDateCell(c.value, { date1904, year, numberFormat: c.format });
    if (r.ok) return r.value;
    p.issues.push(...r.issues.map((i) => ({ ...i, at: p.at(field), value: cellText(c.value) ?? i.value ?? "" })));
    return undefined;
  }

  /** price × qty × rate in fen, or an issue when the product is beyond safe integers. */
  function times(p: RowParse, priceFen: number, qty: number, rate = 1): number | undefined {
    // Whole fen × whole quantity: the exact product when it is safe, as multiplyFen gives it (without BigInt).
    if (rate === 1 && Number.isSafeInteger(priceFen) && Number.isInteger(qty)) {
      const fen = priceFen * qty;
      if (Number.isSafeInteger(fen)) return fen === 0 ? 0 : fen;
    }
    try {
      return multiplyFen(priceFen, qty, rate);
    } catch {
      p.issues.push({ code: "money.unsafe", at: p.at("amount"), value: `${priceFen / 100}×${qty}` });
      return undefined;
    }
  }

  function qtyOf(p: RowParse, field: ImportField): number | undefined {
    const c = p.cell(field);
    if (!c || isEmptyish(c.value) || (typeof c.value === "string" && /^\s*[-－]\s*$/.test(c.value))) return undefined;
    const r = parseQty(c.value);
    if (r.ok) return r.value;
    p.issues.push(...r.issues.map((i) => ({ ...i, at: p.at(field) })));
    return undefined;
  }

  function validated<T>(p: RowParse, schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, draft: Draft, names: Readonly<Record<string, string>> = RECORD_TO_IMPORT_FIELD): T | undefined {
    const r = schema.safeParse(draft);
    if (r.success) return r.data;
    for (const zi of r.error.issues) {
      const recordField = String(zi.path[0] ?? "");
      const field = (names[recordField] ?? recordField) as ImportField;
      p.issues.push({ code: "import.recordInvalid", at: p.at(field), params: { field, detail: zi.message } });
    }
    return undefined;
  }

  function keyOf(s: string): string {
    let k = keyCache.get(s);
    if (k === undefined) keyCache.set(s, (k = nameKey(s)));
    return k;
  }

  /** Master names by a looser key (company suffixes / model punctuation dropped); null when two collide. */
  let looseCustomers: Map<string, string | null> | undefined;
  let looseModels: Map<string, string | null> | undefined;
  const aliases = new Map<string, string>();
  function looseIndex<T>(items: Iterable<T>, nameOf: (x: T) => string, key: (s: string) => string): Map<string, string | null> {
    const m = new Map<string, string | null>();
    for (const x of items) {
      const k = key(nameOf(x));
      if (k === "") continue;
      m.set(k, m.has(k) && m.get(k) !== nameOf(x) ? null : nameOf(x));
    }
    return m;
  }

  function resolveCustomer(p: RowParse, name: string): string {
    const key = keyOf(name);
    const known = customers.get(key);
    if (known) return known.name;
    const alias = aliases.get(`c:${key}`);
    if (alias) return alias;
    if (hasCustomerSheet) {
      looseCustomers ??= looseIndex([...customers.values()].filter((c) => !c.derived), (c) => c.name, looseCustomerKey);
      const match = looseCustomers.get(looseCustomerKey(name));
      if (match) {
        aliases.set(`c:${key}`, match);
        const w: Issue = { code: "import.warn.customerMatchedLoosely", at: p.at("customer"), value: name, params: { name: match }, severity: "warning" };
        warnings.push(w);
        p.warnings.push(w);
        return match;
      }
    }
    const derived = Customer.parse({ name, derived: true });
    customers.set(key, derived);
    if (hasCustomerSheet) {
      const w: Issue = { code: "import.warn.customerAdded", at: p.at("customer"), value: name, severity: "warning" };
      warnings.push(w);
      p.warnings.push(w);
    }
    return derived.name;
  }

  function resolveModel(p: RowParse, model: string, name: string | undefined, unit: string | undefined): string {
    const key = keyOf(model);
    if (name) {
      const set = productNames.get(key) ?? new Map<string, string>();
      const nk = keyOf(name);
      if (!set.has(nk)) set.set(nk, name);
      productNames.set(key, set);
    }
    const known = products.get(key);
    if (known) return known.model;
    const alias = aliases.get(`p:${key}`);
    if (alias) return alias;
    if (hasProductSheet) {
      looseModels ??= looseIndex([...products.values()].filter((x) => !x.derived), (x) => x.model, looseModelKey);
      const match = looseModels.get(looseModelKey(model));
      if (match) {
        aliases.set(`p:${key}`, match);
        const w: Issue = { code: "import.warn.modelMatchedLoosely", at: p.at("model"), value: model, params: { name: match }, severity: "warning" };
        warnings.push(w);
        p.warnings.push(w);
        return match;
      }
    }
    const derived = Product.parse({ model, ...(name ? { name } : {}), ...(unit ? { unit } : {}), derived: true });
    products.set(key, derived);
    if (hasProductSheet) {
      const w: Issue = { code: "import.warn.modelAdded", at: p.at("model"), value: model, severity: "warning" };
      warnings.push(w);
      p.warnings.push(w);
    }
    return derived.model;
  }

  function optionalText(p: RowParse, draft: Draft, field: ImportField, target: string = field): void {
    const v = text(p, field);
    if (v !== undefined) draft[target] = v;
  }

  function parseCustomer(p: RowParse): boolean {
    const name = required(p, "customer", nameText(p, "customer"));
    const draft: Draft = {};
    if (name) draft.name = name;
    optionalText(p, draft, "code");
    if (draft.code === undefined) optionalText(p, draft, "model", "code");
    optionalText(p, draft, "region");
    optionalText(p, draft, "warehouse");
    optionalText(p, draft, "contact");
    optionalText(p, draft, "phone");
    optionalText(p, draft, "address");
    optionalText(p, draft, "class");
    if (draft.class === undefined) optionalText(p, draft, "series", "class");
    const termsText = text(p, "terms") ?? text(p, "method");
    if (termsText) {
      const terms = parseTerms(termsText);
      if (terms) draft.terms = terms;
      else p.warnings.push({ code: "import.warn.unknownTerms", at: p.at("terms"), value: termsText, severity: "warning" });
      const days = /(\d+)\s*天/.exec(termsText);
      if (days) draft.paymentDays = Number(days[1]);
    }
    const pd = p.cell("paymentDays");
    if (pd && !isBlankCell(pd.value)) {
      const d = parseDays(pd.value);
      if (d !== undefined) draft.paymentDays = d;
    }
    const limit = money(p, "creditLimit", false);
    if (limit !== undefined) draft.creditLimitFen = Math.abs(limit);
    const opening = money(p, "openingBalance", false);
    if (opening !== undefined) draft.openingBalanceFen = opening;
    const od = dateOf(p, "openingDate", null, false);
    if (od) draft.openingDate = od;
    if (p.blocked() || !name) return false;
    const key = nameKey(name);
    const first = masterRowOf.get(`c:${key}`);
    if (first !== undefined) {
      p.skip = { code: "import.skip.duplicateMaster", at: p.at("customer"), value: name, params: { first } };
      return false;
    }
    const c = validated(p, Customer, { ...draft, derived: false });
    if (!c) return false;
    customers.set(key, c);
    masterRowOf.set(`c:${key}`, p.at("customer")?.row ?? 0);
    return true;
  }

  function parseProduct(p: RowParse): boolean {
    const model = required(p, "model", nameText(p, "model"));
    const draft: Draft = {};
    if (model) draft.model = model;
    optionalText(p, draft, "series");
    const name = nameText(p, "productName");
    if (name !== undefined && (model === undefined || nameKey(name) !== nameKey(model))) draft.name = name;
    optionalText(p, draft, "unit");
    const price = money(p, "price", false);
    if (price !== undefined) {
      if (price < 0) p.issues.push({ code: "import.negativePrice", at: p.at("price"), value: String(price / 100) });
      else draft.priceFen = price;
    }
    const na = p.cell("needsApproval");
    if (na) draft.needsApproval = parseFlag(na.value);
    if (p.blocked() || !model) return false;
    const key = nameKey(model);
    const first = masterRowOf.get(`p:${key}`);
    if (first !== undefined) {
      p.skip = { code: "import.skip.duplicateMaster", at: p.at("model"), value: model, params: { first } };
      return false;
    }
    const prod = validated(p, Product, { ...draft, derived: false }, { name: "productName", priceFen: "price" });
    if (!prod) return false;
    products.set(key, prod);
    masterRowOf.set(`p:${key}`, p.at("model")?.row ?? 0);
    return true;
  }

  function parseOrder(p: RowParse, year: number | null, source: { sheet: string; row: number }, byField: ReadonlyMap<ImportField, ColumnChoice>, block: HeaderBlock): boolean {
    const draft: Draft = { source };
    const date = dateOf(p, "date", year, true);
    const dateIsShip = byField.get("date")?.how === "fallback";
    const ship = dateIsShip ? date : dateOf(p, "shipDate", year, false);
    const customer = required(p, "customer", p.continues?.customer ?? (byField.has("customer") ? nameText(p, "customer") : (p.fallbackCustomer ?? (p.needsHeadingCustomer ? undefined : noCustomer))));
    const productName = nameText(p, "productName");
    const unit = text(p, "unit");
    const modelText = nameText(p, "model");
    const named = modelText === undefined ? undefined : nameWithin(p, "model", modelText);
    const model = named ?? (!byField.has("model") && !byField.has("productName") ? noModel : productOf(p, block, productName));
    let qty = qtyOf(p, "qty");
    const hasPriceCol = byField.has("price");
    // An unreadable price (面议, 见合同) or discount does not sink a row whose amount is there (essential-fields.ts).
    let price = money(p, "price", false);
    let discount: number | undefined;
    const dc = p.cell("discount");
    const paidRate = dc && !isEmptyish(dc.value) ? parseDiscount(dc.value) : undefined;
    if (paidRate?.ok) discount = paidRate.value < 1 ? paidRate.value : undefined;
    else if (dc && paidRate && !paidRate.ok) p.issues.push({ code: "import.badDiscount", at: p.at("discount"), value: cellText(dc.value) ?? "" });
    const amountFailed = (): boolean => p.issues.some((i) => i.at?.field === "amount");
    let amount = money(p, "amount", false);
    if (amount === undefined && !amountFailed()) {
      // The amount is price × qty × discount: those cells are needed now.
      p.need("price");
      p.need("discount");
    }
    if (p.issues.some((i) => i.at?.field === "price")) price = undefined;
    const list = byField.get("amount")?.how === "fallback" ? undefined : money(p, "listAmount", false);
    if (qty === undefined && !p.issues.some((i) => i.at?.field === "qty")) {
      if (!byField.has("qty")) qty = amount !== undefined && amount < 0 ? -1 : 1;
      else if (amount !== undefined && price !== undefined && price !== 0) {
        const unit = times(p, price, 1, discount ?? 1);
        const q = unit ? amount / unit : NaN;
        if (Number.isInteger(q)) qty = q;
      }
      if (qty === undefined && amount !== undefined) {
        // The amount is what the line owes: a blank quantity keeps the line, counted as 0 pieces.
        qty = 0;
        p.warnings.push({ code: "import.warn.qtyMissing", at: p.at("qty"), params: { amount: amount / 100 }, severity: "warning" });
      }
      if (qty === undefined) p.issues.push({ code: "import.missingValue", at: p.at("qty"), params: { field: "qty" } });
    }
    if (price === undefined && list !== undefined && qty !== undefined && qty !== 0) {
      // 应收金额 / 数量 gives the unit price when it is a whole number of fen.
      const unitFen = list / qty;
      if (Number.isInteger(unitFen) && unitFen >= 0) price = unitFen;
    }
    if (amount === undefined && !amountFailed()) {
      if (price !== undefined && qty !== undefined) amount = times(p, price, qty, discount ?? 1);
      else p.issues.push({ code: "import.missingValue", at: p.at(byField.has("amount") ? "amount" : "price"), params: { field: "amount" } });
    } else if (amount !== undefined && hasPriceCol && price !== undefined && qty !== undefined) {
      if (dc && paidRate !== undefined) discount = discountByArithmetic(p, dc.value, price * qty, amount, paidRate.ok ? paidRate.value : undefined, discount);
      // Compared without signs: a sign that disagrees is the sign rule's to say, below.
      const expected = times(p, price, qty, discount ?? 1);
      if (expected !== undefined && Math.abs(Math.abs(expected) - Math.abs(amount)) > 1) p.warnings.push({ code: "import.warn.amountMismatch", at: p.at("amount"), value: cellText(p.cell("amount")?.value) ?? "", params: { expected: expected / 100, actual: amount / 100 }, severity: "warning" });
    }
    if (qty !== undefined && amount !== undefined) {
      const sign = lineSign(qty, amount, byField.has("qty"));
      amount = sign.amountFen;
      if (sign.warning) p.warnings.push({ code: sign.warning, at: p.at("amount"), value: cellText(p.cell("amount")?.value) ?? "", params: { qty, amount: amount / 100 }, severity: "warning" });
    }
    if (price !== undefined && price < 0) price = -price;
    if (p.blocked() || !date || !customer || model === undefined || qty === undefined || amount === undefined) return false;
    draft.date = date;
    if (ship && !dateIsShip) draft.shipDate = ship;
    if (dateIsShip) draft.shipDate = date;
    draft.qty = qty;
    draft.amountFen = amount;
    if (price !== undefined) draft.priceFen = price;
    if (discount !== undefined) draft.discount = discount;
    optionalText(p, draft, "orderNo");
    if (draft.orderNo === undefined && p.continues?.orderNo !== undefined) draft.orderNo = p.continues.orderNo;
    if (draft.shipDate === undefined && p.continues?.shipDate !== undefined) draft.shipDate = p.continues.shipDate;
    optionalText(p, draft, "warehouse");
    optionalText(p, draft, "region");
    optionalText(p, draft, "carrier");
    optionalText(p, draft, "trackingNo");
    optionalText(p, draft, "notes");
    orderStatus(p, draft);
    // Optional cells read above (a formula with no value) are warnings now, never a rejection.
    if (p.blocked()) return false;
    draft.customer = resolveCustomer(p, customer);
    draft.model = resolveModel(p, model, productName !== undefined && productName !== model && keyOf(productName) !== keyOf(model) ? productName : undefined, unit);
    // Every field was read by a checked reader above, so the record is built, not re-validated
    // (zod per row costs more than the rest of the import on big sheets).
    if (!Number.isSafeInteger(draft.amountFen) || (draft.priceFen !== undefined && !Number.isSafeInteger(draft.priceFen))) {
      p.issues.push({ code: "money.unsafe", at: p.at("amount"), value: String(draft.amountFen) });
      return false;
    }
    const line = { ...draft, status: draft.status ?? "已确认" } as OrderLine;
    orders.push(line);
    return true;
  }

  /** The discount the row's arithmetic supports (discount-reading.ts), said when it is not the rate paid. */
  function discountByArithmetic(p: RowParse, cell: RawCell, grossFen: number, amountFen: number, paidRate: number | undefined, current: number | undefined): number | undefined {
    const m = parseMoneyCell(cell);
    const r = readDiscount(grossFen, amountFen, paidRate, m.ok ? m.value : undefined);
    if (r === undefined || r.reading === "paid") return current;
    // The cell was read another way after all: its "unreadable" issue (if any) no longer stands.
    for (let i = p.issues.length - 1; i >= 0; i--) if (p.issues[i]?.code === "import.badDiscount") p.issues.splice(i, 1);
    p.warnings.push({ code: r.reading === "off" ? "import.warn.discountOff" : "import.warn.discountMoney", at: p.at("discount"), value: cellText(cell) ?? "", params: { rate: r.rate }, severity: "warning" });
    return r.rate < 1 ? r.rate : undefined;
  }

  /**
   * The product of a line whose model cell is blank, `无` or unreadable: a part-number column
   * (料件编号, 料号 …) in column order, else the product name, else the placeholder — each said.
   */
  function productOf(p: RowParse, block: HeaderBlock, productName: string | undefined): string {
    for (const c of idColumnsOf(p, block)) {
      const v = p.rawAt(c.col);
      if (isEmptyish(v) || (typeof v === "object" && v !== null)) continue;
      const name = cellName(v);
      if (name === undefined || name.length > NAME_MAX_LENGTH) continue;
      p.warnings.push({ code: "import.warn.modelFromColumn", at: { ...p.at("model"), column: columnLetter(c.col), header: c.header }, value: name, params: { source: c.header }, severity: "warning" });
      return name;
    }
    if (productName !== undefined && productName.length <= NAME_MAX_LENGTH && p.has("model")) {
      p.warnings.push({ code: "import.warn.modelFromName", at: p.at("productName"), value: productName, severity: "warning" });
      return productName;
    }
    p.warnings.push({ code: "import.warn.modelPlaceholder", at: p.at("model"), value: noModel, severity: "warning" });
    return noModel;
  }

  /** Part-number columns of a block that no field took (product-identity.ts). */
  function idColumnsOf(p: RowParse, block: HeaderBlock): readonly ProductIdColumn[] {
    let ids = idColumns.get(block);
    if (!ids) {
      const rd = p.rd;
      const headers: [number, string][] = [];
      const row = rd.grid.values[block.headerRow - rd.grid.startRow] ?? [];
      row.forEach((v, i) => {
        const h = typeof v === "string" ? normalizeText(v) : "";
        if (h !== "") headers.push([rd.grid.startCol + i, h]);
      });
      ids = productIdColumns(headers, new Set(block.mapping.map((m) => m.col)));
      idColumns.set(block, ids);
    }
    return ids;
  }

  /**
   * The line's status: a void word (作废, 已取消, void …) in the status column — or a note that
   * says only 作废 — imports the line as 已取消 (kept in the ledger, left out of every report and
   * balance), with a warning; 红冲 and 关闭 lines count as they stand, said once per sheet and word;
   * an unknown status is kept as 已确认 and said on the row.
   */
  function orderStatus(p: RowParse, draft: Draft): void {
    const status = text(p, "status");
    if (status) {
      const r = readStatus(status);
      if (r.kind === "status") draft.status = r.status;
      else if (r.kind === "void") {
        draft.status = "已取消";
        p.warnings.push({ code: "import.warn.voidLine", at: p.at("status"), value: status, severity: "warning" });
      } else if (r.kind === "unknown") p.warnings.push({ code: "import.warn.unknownStatus", at: p.at("status"), value: status, severity: "warning" });
      else noteStatus(p, r.kind, status);
    }
    const notes = typeof draft.notes === "string" ? draft.notes : undefined;
    if (draft.status !== "已取消" && notes !== undefined && isVoidNote(notes)) {
      draft.status = "已取消";
      p.warnings.push({ code: "import.warn.voidLine", at: p.at("notes"), value: notes, severity: "warning" });
    }
  }

  /** 红冲 / 关闭 lines, counted per sheet and status text (one workbook warning each, not one per row). */
  function noteStatus(p: RowParse, kind: "reversal" | "closed", status: string): void {
    const at = p.at("status");
    const key = `${at?.sheet ?? ""}\u0000${status}`;
    const seen = statusNotes.get(key);
    if (seen) seen.count++;
    else statusNotes.set(key, { kind, status, at, count: 1 });
  }

  /** A row of a receivable journal (往来账 / 应收账款明细账): read by journal.ts through the importer's cell readers. */
  function parseJournal(p: RowParse, year: number | null, source: { sheet: string; row: number }, byField: ReadonlyMap<ImportField, ColumnChoice>): boolean {
    if (!journal) return false;
    journalRow = p;
    journalFields = byField;
    journalYear = year;
    journalRowNo = source.row - 1;
    return journal.readRow(journalAccess, journalSink, source);
  }

  // The row the journal is reading: one reader object over it, not a dozen closures a row.
  let journalRow: RowParse | undefined;
  let journalFields: ReadonlyMap<ImportField, ColumnChoice> = new Map();
  let journalYear: number | null = null;
  let journalRowNo = 0;
  const cur = (): RowParse => journalRow as RowParse;
  const journalAccess: JournalRow = {
    get row() {
      return journalRowNo;
    },
    has: (f) => journalFields.has(f),
    text: (f) => text(cur(), f),
    money: (f) => money(cur(), f, false),
    qty: () => qtyOf(cur(), "qty"),
    date: (y, need) => dateOf(cur(), "date", y ?? journalYear, need),
    raw: (f) => (journalFields.has(f) ? cur().cell(f)?.value : undefined),
    at: (f) => cur().at(f),
    fallbackCustomer: () => cur().fallbackCustomer ?? (cur().needsHeadingCustomer ? undefined : noCustomer),
    get issues() {
      return cur().issues;
    },
    get warnings() {
      return cur().warnings;
    },
    get skip() {
      return cur().skip;
    },
    set skip(v) {
      cur().skip = v;
    },
  };

  const journalSink: JournalSink = {
    customer: (_r, name, code) => {
      const resolved = journalRow ? resolveCustomer(journalRow, name) : name;
      const k = keyOf(resolved);
      const c = customers.get(k);
      // A derived customer takes the code its journal title gives (核算项目：客户 — 0012 某公司).
      if (code !== undefined && c && c.derived && c.code === undefined) customers.set(k, { ...c, code });
      return resolved;
    },
    model: (_r, model) => (journalRow ? resolveModel(journalRow, model, undefined, undefined) : model),
    opening: (name, fen, date) => {
      const k = keyOf(name);
      const c = customers.get(k);
      // The first opening a customer gets stands (a master sheet's, or the earliest journal's).
      if (!c || c.openingBalanceFen || c.openingDate) return false;
      customers.set(k, { ...c, openingBalanceFen: fen, openingDate: date });
      return true;
    },
    moveOpening: (name, date) => {
      const k = keyOf(name);
      const c = customers.get(k);
      if (c) customers.set(k, { ...c, openingDate: date });
    },
    order: (line) => orders.push(line as OrderLine),
    payment: (pay) => payments.push(pay as Payment),
    get noModel() {
      return noModel;
    },
  };

  function parseReturn(p: RowParse, year: number | null, source: { sheet: string; row: number }): boolean {
    const draft: Draft = { source };
    const date = dateOf(p, "date", year, true);
    const customer = required(p, "customer", p.has("customer") ? nameText(p, "customer") : p.fallbackCustomer);
    const model = nameText(p, "model") ?? nameText(p, "productName");
    const qty = qtyOf(p, "qty");
    let amount = money(p, "amount", false);
    const price = money(p, "price", false);
    if (amount === undefined && !p.issues.some((i) => i.at?.field === "amount")) {
      // The amount is price × qty: those cells are needed now.
      p.need("price");
      p.need("qty");
    }
    if (amount === undefined && price !== undefined && qty !== undefined) amount = times(p, price, qty);
    if (amount === undefined && !p.issues.some((i) => i.at?.field === "amount")) p.issues.push({ code: "import.missingValue", at: p.at("amount"), params: { field: "amount" } });
    if (voidRow(p)) return false;
    if (p.blocked() || !date || !customer || amount === undefined) return false;
    draft.date = date;
    draft.amountFen = Math.abs(amount);
    if (qty !== undefined) draft.qty = Math.abs(qty);
    optionalText(p, draft, "orderNo");
    optionalText(p, draft, "reason");
    optionalText(p, draft, "resolution");
    if (draft.reason === undefined) optionalText(p, draft, "notes", "reason");
    const shortModel = model === undefined ? undefined : nameWithin(p, "model", model);
    // Optional cells read above (a formula with no value) are warnings now, never a rejection.
    if (p.blocked()) return false;
    draft.customer = resolveCustomer(p, customer);
    if (shortModel) draft.model = resolveModel(p, shortModel, undefined, undefined);
    if (!Number.isSafeInteger(draft.amountFen)) {
      p.issues.push({ code: "money.unsafe", at: p.at("amount"), value: String(draft.amountFen) });
      return false;
    }
    returns.push(draft as ReturnRecord);
    return true;
  }

  /**
   * A payment or return row whose status (or whole note) says void (作废, 已取消, void …): the ledger
   * has no status for these records, so the row is skipped with that reason — never counted.
   */
  function voidRow(p: RowParse): boolean {
    const status = text(p, "status");
    const notes = text(p, "notes");
    const hit = status !== undefined && readStatus(status).kind === "void" ? { field: "status" as const, value: status } : notes !== undefined && isVoidNote(notes) ? { field: "notes" as const, value: notes } : undefined;
    if (hit === undefined) return false;
    p.skip = { code: "import.skip.voidRow", at: p.at(hit.field), value: hit.value };
    return true;
  }

  function parsePayment(p: RowParse, year: number | null, source: { sheet: string; row: number }, rawRow: readonly RawCell[]): boolean {
    const draft: Draft = { source };
    const date = dateOf(p, "date", year, true);
    const out = p.cell("outflow");
    const received = p.cell("amount");
    if (out && !isEmptyish(out.value) && (!received || isEmptyish(received.value))) {
      // A bank statement's 支出 line: money paid out is no payment received.
      p.skip = { code: "import.skip.outflow", at: p.at("outflow"), value: cellText(out.value) ?? "" };
      return false;
    }
    if (bankSheet) {
      // Interest, fees, or the bank itself as the counterparty: the bank's money, not a customer's payment.
      const charge = bankCharge(rawRow, p.has("customer") ? text(p, "customer") : undefined);
      if (charge !== null) {
        p.skip = { code: "import.skip.bankCharge", at: p.at("notes"), value: charge };
        return false;
      }
    }
    const customer = required(p, "customer", p.has("customer") ? nameText(p, "customer") : p.fallbackCustomer);
    const amount = money(p, "amount", true);
    if (voidRow(p)) return false;
    if (p.blocked() || !date || !customer || amount === undefined) return false;
    draft.date = date;
    draft.amountFen = amount;
    optionalText(p, draft, "method");
    optionalText(p, draft, "account");
    if (draft.account === undefined) optionalText(p, draft, "warehouse", "account");
    optionalText(p, draft, "ref");
    if (draft.ref === undefined) optionalText(p, draft, "orderNo", "ref");
    optionalText(p, draft, "notes");
    const kind = text(p, "kind");
    draft.allowance = [kind, draft.method, draft.notes].some((s) => typeof s === "string" && /折让|让利|allowance|rebate/i.test(s));
    // Optional cells read above (a formula with no value) are warnings now, never a rejection.
    if (p.blocked()) return false;
    draft.customer = resolveCustomer(p, customer);
    if (!Number.isSafeInteger(draft.amountFen)) {
      p.issues.push({ code: "money.unsafe", at: p.at("amount"), value: String(draft.amountFen) });
      return false;
    }
    payments.push(draft as Payment);
    return true;
  }

  // ---- the sheets, masters first ------------------------------------------------------------
  for (const rd of ordered) {
    const { det, grid } = rd;
    const sheetOutcomes: RowOutcome[] = [];
    const firstData = det.headerRow === null ? grid.startRow : det.headerRow + 1;
    const lastRow = grid.startRow + grid.values.length - 1;
    const blockHeaders = new Set(det.blocks.slice(1).map((b) => b.headerRow));
    const year = det.year ?? workbookYear;
    sectionDate = undefined;
    titleDate = undefined;
    lastLine = undefined;
    continued = 0;
    sectionCustomer = undefined;
    journal = isJournalSheet(det) ? new JournalSheet(grid, det, year) : undefined;
    bankSheet = isBankStatement(det, grid);
    if (bankSheet) bankSheets.add(grid.name);
    // A form's date is read per form block (applyForm), not as the sheet's title date.
    if (det.sheetDate?.from === "title" && det.blocks[0]?.form?.fields.date === undefined) {
      const d = parseDateCell(det.sheetDate.text, { date1904, year });
      if (d.ok) titleDate = d.value;
      else warnings.push({ code: "import.warn.titleDateUnusable", at: { sheet: grid.name }, value: det.sheetDate.text, params: { detail: d.issues[0]?.code ?? "" }, severity: "warning" });
    }
    for (let row = firstData; row <= lastRow; row++) {
      const outcome = processRow(rd, row, blockHeaders, year);
      sheetOutcomes.push(outcome);
    }
    outcomes[grid.name] = sheetOutcomes;
    if (det.monthDates !== undefined && det.monthDates.year !== null && sheetOutcomes.some((o) => o.kind === "imported")) warnings.push({ code: "import.warn.dayUnknown", at: { sheet: grid.name, column: columnLetter(det.monthDates.col), header: det.monthDates.header }, params: { year: det.monthDates.year }, severity: "warning" });
    if (continued > 0) warnings.push({ code: "import.warn.continuationLines", at: { sheet: grid.name }, params: { count: continued }, severity: "warning" });
    const count = (k: RowOutcome["kind"]): number => sheetOutcomes.filter((o) => o.kind === k).length;
    tallies.push({ sheet: grid.name, role: det.role, rows: Math.max(0, lastRow - firstData + 1), imported: count("imported"), rejected: count("rejected"), skipped: count("skipped") });
  }

  /** A further line of an order: no date, customer or order number of its own, but a model and a quantity or amount. */
  function isContinuation(rd: SheetReader, row: number, byField: ReadonlyMap<ImportField, ColumnChoice>): boolean {
    const filled = (f: ImportField): boolean => {
      const m = byField.get(f);
      return m !== undefined && !isBlankCell(rd.value(row, m.col).value);
    };
    if (!byField.has("date") || !byField.has("customer")) return false;
    return !filled("date") && !filled("customer") && !filled("orderNo") && (filled("model") || filled("productName")) && (filled("amount") || filled("qty"));
  }

  function fieldsOf(block: HeaderBlock): ReadonlyMap<ImportField, ColumnChoice> {
    let m = fieldMaps.get(block);
    if (!m) fieldMaps.set(block, (m = new Map(block.mapping.map((c) => [c.field, c]))));
    return m;
  }

  // ---- one receipt counted once (a collection log and the bank statement of the same money) --------
  const once = countReceiptsOnce({ payments, outcomes, tallies }, bankSheets, looseCustomerKey);
  warnings.push(...once.warnings);
  if (once.payments.length < payments.length) {
    // A loop, not splice(...all): a million payments are more arguments than a call can take.
    payments.length = 0;
    for (const x of once.payments) payments.push(x);
    // A customer only the skipped bank lines named is no customer of the ledger.
    const used = new Set<string>();
    for (const x of [...orders, ...payments, ...returns]) used.add(keyOf(x.customer));
    for (const [k, c] of customers) if (c.derived && !used.has(k) && !c.openingBalanceFen && !c.openingDate) customers.delete(k);
    for (let i = warnings.length - 1; i >= 0; i--) if (warnings[i]!.code === "import.warn.customerAdded" && !customers.has(keyOf(warnings[i]!.value ?? ""))) warnings.splice(i, 1);
  }

  // ---- workbook-level notes --------------------------------------------------------------------
  for (const n of statusNotes.values()) warnings.push({ code: n.kind === "reversal" ? "import.warn.reversalLines" : "import.warn.closedLines", ...(n.at ? { at: n.at } : {}), value: n.status, params: { count: n.count }, severity: "warning" });
  if (!hasCustomerSheet && customers.size > 0) warnings.push({ code: "import.warn.customersDerived", params: { count: customers.size }, severity: "warning" });
  if (!hasProductSheet && products.size > 0) warnings.push({ code: "import.warn.productsDerived", params: { count: products.size }, severity: "warning" });
  for (const [key, names] of productNames) {
    const prod = products.get(key);
    if (names.size > 1 && prod) warnings.push({ code: "import.warn.modelNameConflict", value: prod.model, params: { model: prod.model, names: [...names.values()].slice(0, 5).join("、"), count: names.size }, severity: "warning" });
  }

  // Masters: sheet order first, derived ones after, in first-seen order (Map keeps insertion order).
  const customerList = [...customers.values()].sort((a, b) => Number(a.derived) - Number(b.derived));
  const productList = [...products.values()].sort((a, b) => Number(a.derived) - Number(b.derived));
  const byName = new Map(grids.map((g, i) => [g.name, i]));
  return {
    detections: readers.map((r) => r.det),
    input: { customers: customerList, products: productList, orders, payments, returns, confirmations: [] },
    outcomes,
    tallies: [...tallies].sort((a, b) => (byName.get(a.sheet) ?? 0) - (byName.get(b.sheet) ?? 0)),
    warnings,
    derivedCustomers: !hasCustomerSheet,
    derivedProducts: !hasProductSheet,
  };
}
