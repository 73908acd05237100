/**
 * The pane's only door to the workbook: thin wrappers over the src/app use cases, shaped for the
 * screens. Every function takes the WorkbookPort; none touches Excel directly.
 */
import type { Progress, WorkbookPort } from "../src/app/workbook-port";
import { convertWorkbook } from "../src/app/convert-workbook";
import { readGrid, userSheets } from "../src/app/detect-workbook";
import { headerText, mergedValue } from "../src/core/import/detect";
import { importWorkbook } from "../src/core/import/import-workbook";
import type { ColumnChoice, ImportField, ImportOverrides, ImportResult, SheetGrid, SheetRole, SheetTally, UncertainChoice } from "../src/core/import/types";
import { importUncertain, importWarnings, type LocatedUncertain } from "../src/core/import/outcomes";
import { fieldLabel, type RecordKind } from "../src/core/schemas/labels";
import { enterOrder } from "../src/app/enter-order";
import { enterPayment } from "../src/app/enter-payment";
import { enterReturn } from "../src/app/enter-return";
import { recordConfirmation } from "../src/app/record-confirmation";
import { generateReport } from "../src/app/generate-report";
import { generateStatements } from "../src/app/generate-statements";
import { insertOrdersPivot } from "../src/app/insert-orders-pivot";
import { loadLedger } from "../src/app/load-ledger";
import { describeIssue, t, type Locale } from "../src/core/i18n";
import type { Ledger } from "../src/core/ledger";
import { LEDGER_TABLES } from "../src/core/ledger-tables";
import type { ReportKind } from "../src/core/reports";
import type { LedgerState } from "./pane-context";
import { ok, type Issue, type Result } from "../src/core/result";
import { SETTINGS_KEYS, checkCompanySettings, settingsOfForm, type CompanySettingsForm, type StoredSettings } from "./company-settings";
import { confirmationDraft, orderDraft, paymentDraft, returnDraft, type ConfirmationForm, type OrderForm, type PaymentForm, type ReturnForm } from "./entry-forms";

/** Saves an order line (one appendRows). The approval note, when given, overrides the rules that allow it; `addLine` adds a line to an existing order of the same customer. */
export async function submitOrder(
  port: WorkbookPort,
  form: OrderForm,
  approvalNote: string,
  ledger: Ledger,
  today: string,
  addLine = false,
): Promise<Result<{ orderNo: string; amountFen: number; warnings: readonly Issue[] }>> {
  const r = await enterOrder(port, ledger, orderDraft(form), { today, addLine, ...(approvalNote ? { overrides: { approvalNote } } : {}) });
  if (!r.ok) return r;
  return ok({ orderNo: r.value.record.orderNo ?? "", amountFen: r.value.record.amountFen, warnings: r.value.warnings });
}

/** Saves a payment; returns the amount and the customer's balance afterwards. */
export async function submitPayment(port: WorkbookPort, form: PaymentForm, ledger: Ledger, today: string): Promise<Result<{ amountFen: number; balanceFen: number }>> {
  const r = await enterPayment(port, ledger, paymentDraft(form), { today });
  if (!r.ok) return r;
  const p = r.value.record;
  return ok({ amountFen: p.amountFen, balanceFen: ledger.balance(p.customer, "9999-12-31") - p.amountFen });
}

/** Saves a return record. */
export async function submitReturn(port: WorkbookPort, form: ReturnForm, ledger: Ledger, today: string): Promise<Result<{ amountFen: number }>> {
  const r = await enterReturn(port, ledger, returnDraft(form), { today });
  if (!r.ok) return r;
  return ok({ amountFen: r.value.record.amountFen });
}

/** Records a statement's confirmation (已发送 / 已确认 / 有异议). */
export async function saveConfirmation(port: WorkbookPort, form: ConfirmationForm, ledger: Ledger, today: string): Promise<Result<{ warnings: readonly Issue[] }>> {
  const r = await recordConfirmation(port, ledger, confirmationDraft(form), { today });
  if (!r.ok) return r;
  return ok({ warnings: r.value.warnings });
}

/** Loads the ledger for the screens: from the ledger tables, or the raw sheets imported in memory. */
export async function loadLedgerState(port: WorkbookPort): Promise<LedgerState> {
  const [loaded, tables] = await Promise.all([loadLedger(port), port.listTables()]);
  const names = tables.map((t) => t.name);
  return { status: "ready", ledger: loaded.ledger, issues: loaded.issues, converted: names.includes(LEDGER_TABLES.orders.tableName), tables: tables.map((t) => t.sheetName) };
}

/** Report kinds of the 报表 screen. */
export type { ReportKind };

/** Generates one report into its sheet. */
export async function runReport(port: WorkbookPort, kind: ReportKind, period: string, today: string, locale: Locale): Promise<Result<{ sheetName: string; issues: readonly Issue[] }>> {
  const r = await generateReport(port, undefined, { kind, period: period.trim(), today, locale });
  if (!r.ok) return r;
  return ok({ sheetName: r.value.sheet, issues: r.value.loadIssues });
}

const REPORT_SHEET = /^(日报|月报|年报|账龄) (\d{4}(?:-\d{2}(?:-\d{2})?)?)$/;
const KIND_OF: Readonly<Record<string, ReportKind>> = { 日报: "daily", 月报: "monthly", 年报: "annual", 账龄: "aging" };

/**
 * Regenerates every report sheet the add-in made (found by its ownership mark and its predictable
 * name), from one fresh load of the ledger. Returns the sheets rewritten.
 */
export async function refreshGeneratedReports(port: WorkbookPort, today: string, locale: Locale): Promise<string[]> {
  const sheets = await port.listSheets();
  const targets = sheets
    .filter((s) => s.ownedKind !== null && ["daily", "monthly", "annual", "aging"].includes(s.ownedKind))
    .map((s) => ({ sheet: s.name, m: REPORT_SHEET.exec(s.name) }))
    .filter((x): x is { sheet: string; m: RegExpExecArray } => x.m !== null);
  if (targets.length === 0) return [];
  const { ledger } = await loadLedger(port);
  const done: string[] = [];
  for (const { m } of targets) {
    const kind = KIND_OF[m[1] ?? ""];
    if (!kind) continue;
    const r = await generateReport(port, ledger, { kind, period: m[2] ?? "", today, locale });
    if (!r.ok) throw new Error(r.issues.map((i) => describeIssue(i, locale)).join("；"));
    done.push(r.value.sheet);
  }
  return done;
}

/** One statement written, as the 对账 screen lists it. */
export interface StatementSummary {
  readonly customer: string;
  readonly sheetName: string;
  readonly from: string;
  readonly to: string;
  readonly closingFen: number;
}

/** Generates statements for one customer or every 月结 customer. */
export async function runStatements(
  port: WorkbookPort,
  scope: { readonly customer: string } | { readonly allMonthly: true },
  from: string,
  to: string,
  locale: Locale,
): Promise<Result<{ statements: readonly StatementSummary[]; issues: readonly Issue[] }>> {
  const r = await generateStatements(port, undefined, { customers: "customer" in scope ? [scope.customer] : "all-monthly", from, to, locale });
  if (!r.ok) return r;
  const statements = r.value.written.map((w) => ({ customer: w.data.customer, sheetName: w.sheet, from: w.data.from, to: w.data.to, closingFen: w.data.closingFen }));
  return ok({ statements, issues: [...r.value.issues, ...r.value.loadIssues] });
}

/** The stored 本公司信息 and cut-off settings (null for a key never set). */
export async function loadCompanySettings(port: WorkbookPort): Promise<StoredSettings> {
  const values = await Promise.all(SETTINGS_KEYS.map((k) => port.getSetting(k)));
  return Object.fromEntries(SETTINGS_KEYS.map((k, i) => [k, values[i] ?? null]));
}

/** Saves the 本公司信息 form (only the settings that changed); field issues when it is not valid. */
export async function saveCompanySettings(port: WorkbookPort, form: CompanySettingsForm, stored: StoredSettings): Promise<Result<StoredSettings>> {
  const issues = checkCompanySettings(form);
  if (issues.length > 0) return { ok: false, issues };
  const now: Record<string, string | null> = { ...stored };
  // One setting at a time (each is a row of the meta sheet); a blank never set stays unset.
  for (const [key, value] of Object.entries(settingsOfForm(form))) {
    if ((stored[key] ?? "") === value) continue;
    await port.setSetting(key, value);
    now[key] = value;
  }
  return ok(now);
}

/** One sheet as the 台账设置 screen shows it. */
export interface SetupSheet {
  readonly name: string;
  /** Made by the add-in (a ledger table or a generated report): not imported. */
  readonly owned: boolean;
  readonly role: SheetRole;
  readonly confidence: number;
  /** Why this role and mapping (issue codes the core catalogue words). */
  readonly reasons: readonly Issue[];
  /** 0-based sheet row of the header, null when none. */
  readonly headerRow: number | null;
  readonly dataRows: number;
  readonly mapping: readonly ColumnChoice[];
  /** Every non-blank header cell of the header row (0-based sheet column), for the mapping dropdowns. */
  readonly headers: readonly { readonly col: number; readonly header: string }[];
  /** Column choices the import is not sure of: shown first, settled with the mapping dropdowns. */
  readonly uncertain: readonly UncertainChoice[];
}

/** What detection found, plus the in-memory import for the preview. */
export interface SetupPlan {
  readonly sheets: readonly SetupSheet[];
  readonly preview: ImportPreview;
}

/** The clerk's corrections: role per sheet, `field → column letter` per sheet. */
export interface SetupOverrides {
  readonly roles: Readonly<Record<string, SheetRole>>;
  readonly mappings: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What an import would do. */
export interface ImportPreview {
  /** Column choices to confirm, every sheet's (listed first). */
  readonly uncertain: readonly LocatedUncertain[];
  readonly tallies: readonly SheetTally[];
  readonly rejected: readonly { readonly sheet: string; readonly row: number; readonly issues: readonly Issue[] }[];
  /** Every warning, located: each imported row's (sheet, row, column, value), each sheet's and the workbook's. */
  readonly warnings: readonly Issue[];
}

/** The result of a conversion, for the screen. */
export interface ConvertSummary {
  readonly createdSheets: readonly string[];
  readonly orders: number;
  readonly payments: number;
  readonly rejected: number;
  /** Every warning of the import, located (as in the preview). */
  readonly issues: readonly Issue[];
  /** Column choices the import was not sure of. */
  readonly uncertain: readonly LocatedUncertain[];
}

/** Grids read once per port, so corrections re-run the import in memory without re-reading Excel. */
const gridCache = new WeakMap<WorkbookPort, { grids: SheetGrid[]; owned: string[]; date1904: boolean }>();

async function readUserGrids(port: WorkbookPort, onProgress?: Progress, fresh = false): Promise<{ grids: SheetGrid[]; owned: string[]; date1904: boolean }> {
  const cached = gridCache.get(port);
  if (cached && !fresh) return cached;
  const all = await port.listSheets();
  const tables = await port.listTables();
  const tableSheets = new Set(tables.filter((tb) => Object.values(LEDGER_TABLES).some((d) => d.tableName === tb.name)).map((tb) => tb.sheetName));
  const sheets = userSheets(all).filter((s) => !tableSheets.has(s.name) && s.visible);
  const owned = all.filter((s) => !sheets.includes(s) && s.visible).map((s) => s.name);
  const total = sheets.reduce((n, s) => n + s.rowCount, 0);
  let done = 0;
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    grids.push(
      await readGrid(port, s, (rows) => {
        done += rows;
        onProgress?.(done, total);
      }),
    );
  }
  const entry = { grids, owned, date1904: await port.date1904() };
  gridCache.set(port, entry);
  return entry;
}

function toImportOverrides(o: SetupOverrides): ImportOverrides {
  return { roles: o.roles, mappings: o.mappings };
}

function previewOf(result: ImportResult): ImportPreview {
  const rejected: ImportPreview["rejected"][number][] = [];
  for (const [sheet, outcomes] of Object.entries(result.outcomes)) {
    for (const o of outcomes) if (o.kind === "rejected") rejected.push({ sheet, row: o.row, issues: o.issues });
  }
  return { uncertain: importUncertain(result), tallies: result.tallies, rejected, warnings: importWarnings(result).map((w) => w.issue) };
}

function headersOf(grid: SheetGrid, headerRow: number | null): { col: number; header: string }[] {
  if (headerRow === null) return [];
  const r = headerRow - grid.startRow;
  const width = grid.values[r]?.length ?? 0;
  const out: { col: number; header: string }[] = [];
  for (let c = 0; c < width; c++) {
    const h = headerText(mergedValue(grid, r, c));
    if (h) out.push({ col: grid.startCol + c, header: h });
  }
  return out;
}

/** Reads the workbook's sheets and imports them in memory (nothing written). */
export async function detectSheets(port: WorkbookPort, overrides: SetupOverrides = { roles: {}, mappings: {} }, locale: Locale = "zh-CN", onProgress?: Progress): Promise<SetupPlan> {
  const { grids, owned, date1904 } = await readUserGrids(port, onProgress, true);
  return planOf(grids, owned, date1904, overrides, locale);
}

function planOf(grids: readonly SheetGrid[], owned: readonly string[], date1904: boolean, overrides: SetupOverrides, locale: Locale): SetupPlan {
  const result = importWorkbook(grids, { date1904, overrides: toImportOverrides(overrides), noModelPlaceholder: t("import.placeholder.noModel", {}, locale) });
  const sheets: SetupSheet[] = result.detections.map((d) => {
    const grid = grids.find((g) => g.name === d.sheet);
    const tally = result.tallies.find((x) => x.sheet === d.sheet);
    return {
      name: d.sheet,
      owned: false,
      role: d.role,
      confidence: d.confidence,
      reasons: d.reasons,
      headerRow: d.headerRow,
      dataRows: tally?.rows ?? 0,
      mapping: d.mapping,
      headers: grid ? headersOf(grid, d.headerRow) : [],
      uncertain: d.uncertain ?? [],
    };
  });
  for (const name of owned) sheets.push({ name, owned: true, role: "other", confidence: 1, reasons: [], headerRow: null, dataRows: 0, mapping: [], headers: [], uncertain: [] });
  return { sheets, preview: previewOf(result) };
}

/** Re-runs the import with the clerk's corrections, on the grids already read. */
export async function previewImport(port: WorkbookPort, overrides: SetupOverrides, locale: Locale = "zh-CN", onProgress?: Progress): Promise<SetupPlan> {
  const { grids, owned, date1904 } = await readUserGrids(port, onProgress);
  return planOf(grids, owned, date1904, overrides, locale);
}

/** Converts: creates the ledger tables and the 导入问题 sheet (source sheets only read). */
export async function convertLedger(port: WorkbookPort, overrides: SetupOverrides, locale: Locale = "zh-CN", onProgress?: Progress): Promise<Result<ConvertSummary>> {
  const r = await convertWorkbook(port, { overrides: toImportOverrides(overrides), locale, ...(onProgress ? { onProgress } : {}) });
  gridCache.delete(port);
  if (!r.ok) return r;
  const rep = r.value.report;
  return ok({
    createdSheets: r.value.sheetsCreated,
    orders: rep.ledger.orders.lines,
    payments: rep.ledger.payments.count,
    rejected: rep.rejected.length,
    issues: importWarnings(r.value.result).map((w) => w.issue),
    uncertain: importUncertain(r.value.result),
  });
}

/** Fields the mapping dropdowns offer for a role (the importer's vocabulary, per role). */
const ROLE_FIELDS: Readonly<Record<SheetRole, readonly ImportField[]>> = {
  orders: ["date", "orderNo", "customer", "model", "productName", "qty", "price", "discount", "amount", "warehouse", "region", "status", "shipDate", "carrier", "trackingNo", "notes", "debit", "credit", "balance"],
  payments: ["date", "customer", "amount", "outflow", "method", "account", "ref", "kind", "notes"],
  customers: ["customer", "code", "region", "warehouse", "terms", "creditLimit", "paymentDays", "contact", "phone", "address", "class", "openingBalance", "openingDate"],
  products: ["model", "productName", "series", "unit", "price", "needsApproval"],
  returns: ["date", "customer", "orderNo", "model", "qty", "amount", "reason", "resolution"],
  other: [],
};

/** The fields of a role. */
export function fieldsOfRole(role: SheetRole): readonly ImportField[] {
  return ROLE_FIELDS[role];
}

/** Import field → the record field whose label names it. */
const LABEL_FIELD: Partial<Record<ImportField, [string, RecordKind]>> = {
  price: ["priceFen", "orders"],
  amount: ["amountFen", "orders"],
  listAmount: ["amountFen", "orders"],
  productName: ["name", "products"],
  creditLimit: ["creditLimitFen", "customers"],
  openingBalance: ["openingBalanceFen", "customers"],
  customer: ["customer", "orders"],
  code: ["code", "customers"],
  series: ["series", "products"],
  unit: ["unit", "products"],
  needsApproval: ["needsApproval", "products"],
  terms: ["terms", "customers"],
  paymentDays: ["paymentDays", "customers"],
  contact: ["contact", "customers"],
  phone: ["phone", "customers"],
  address: ["address", "customers"],
  class: ["class", "customers"],
  openingDate: ["openingDate", "customers"],
  method: ["method", "payments"],
  account: ["account", "payments"],
  ref: ["ref", "payments"],
  reason: ["reason", "returns"],
  resolution: ["resolution", "returns"],
};

/** A mapping field's label (from the core's record labels; the import catalogue's own label when it has one). */
export function importFieldLabel(field: string, locale: Locale): string {
  const own = `import.field.${field}`;
  const worded = t(own, {}, locale);
  if (worded !== own) return worded;
  const via = LABEL_FIELD[field as ImportField];
  return via ? fieldLabel(via[0], locale, via[1]) : fieldLabel(field, locale);
}

/** True when this Excel can make native PivotTables (the port has the capability; Excel may still lack ExcelApi 1.8, which the use case reports). */
export function canInsertPivot(port: WorkbookPort): boolean {
  return typeof port.createPivotTable === "function";
}

/** Inserts (or replaces) the 订单透视 sheet with a native PivotTable over the orders table. */
export async function insertPivot(port: WorkbookPort, locale: Locale): Promise<Result<{ sheetName: string; replaced: boolean }>> {
  const r = await insertOrdersPivot(port, { locale });
  if (!r.ok) return r;
  return ok({ sheetName: r.value.sheet, replaced: r.value.replaced });
}
