/**
 * Use case 生成对账单: one 往来对账单 sheet per customer (or for every 月结 customer with activity
 * or a balance), our company from the settings. Each sheet replaces only the add-in's own copy; a
 * user's sheet of the same name is left alone and reported.
 */
import type { Locale } from "../core/i18n";
import type { Ledger } from "../core/ledger";
import { ok, type Issue, type Result } from "../core/result";
import { monthlyStatementCustomers, statementBatch, type CompanyInfo, type StatementData } from "../core/statement";
import type { SheetSpec } from "../core/sheet-spec";
import { loadLedger } from "./load-ledger";
import type { WorkbookPort } from "./workbook-port";

/** Setting keys (in the workbook's meta sheet) holding our company's header. */
export const COMPANY_SETTINGS = { name: "company.name", address: "company.address", phone: "company.phone", bank: "company.bank" } as const;

/**
 * Setting key of the settlement cut-off day (结算截止日): `"1"`–`"31"`; 31 means calendar months
 * (自然月, see `settlementPeriod`). Absent or unreadable means `DEFAULT_CUTOFF_DAY`.
 */
export const STATEMENT_SETTINGS = { cutoffDay: "statement.cutoffDay" } as const;

/** The cut-off day when none is set: periods run from the 26th to the 25th. */
export const DEFAULT_CUTOFF_DAY = 25;

/**
 * A stored cut-off day as a number, or null when it is not a whole number 1–31.
 * @example parseCutoffDay("25") // 25
 * @example parseCutoffDay("32") // null
 */
export function parseCutoffDay(raw: string | null): number | null {
  const text = raw?.normalize("NFKC").trim() ?? "";
  if (!/^\d{1,2}$/.test(text)) return null;
  const day = Number(text);
  return day >= 1 && day <= 31 ? day : null;
}

/** The cut-off day from the settings (`statement.cutoffDay`); the default 25 when unset or unreadable. */
export async function readCutoffDay(port: WorkbookPort): Promise<number> {
  return parseCutoffDay(await port.getSetting(STATEMENT_SETTINGS.cutoffDay)) ?? DEFAULT_CUTOFF_DAY;
}

/** What to generate. */
export interface GenerateStatementsRequest {
  /** Customer names, or every 月结 customer with activity in the period or a non-zero balance. */
  readonly customers: readonly string[] | "all-monthly";
  readonly from: string;
  readonly to: string;
  /** Our company; default from the settings (`company.name`, …). */
  readonly company?: CompanyInfo;
  /** Statement date; default `to`. */
  readonly date?: string;
  readonly replyBy?: string;
  readonly locale?: Locale;
}

/** One statement written (or refused). */
export interface WrittenStatement {
  readonly sheet: string;
  readonly replaced: boolean;
  readonly spec: SheetSpec;
  readonly data: StatementData;
}

/** What happened. */
export interface GenerateStatementsOutcome {
  readonly written: readonly WrittenStatement[];
  /** Sheets refused (a user's sheet of that name), no customer to do, company not set. */
  readonly issues: readonly Issue[];
  readonly loadIssues: readonly Issue[];
}

/** Our company's header from the settings; an issue when the name is not set. */
export async function readCompany(port: WorkbookPort): Promise<{ company: CompanyInfo; issues: Issue[] }> {
  const [name, address, phone, bank] = await Promise.all([
    port.getSetting(COMPANY_SETTINGS.name),
    port.getSetting(COMPANY_SETTINGS.address),
    port.getSetting(COMPANY_SETTINGS.phone),
    port.getSetting(COMPANY_SETTINGS.bank),
  ]);
  const company: CompanyInfo = { name: name ?? "", ...(address ? { address } : {}), ...(phone ? { phone } : {}), ...(bank ? { bank } : {}) };
  return { company, issues: name ? [] : [{ code: "statement.noCompany", severity: "warning" }] };
}

/**
 * Generate statements into the workbook, one sheet each.
 * @example await generateStatements(port, undefined, { customers: "all-monthly", from: "2025-02-26", to: "2025-03-25" })
 */
export async function generateStatements(port: WorkbookPort, ledger: Ledger | undefined, request: GenerateStatementsRequest): Promise<Result<GenerateStatementsOutcome>> {
  let loadIssues: readonly Issue[] = [];
  let source = ledger;
  if (!source) {
    const loaded = await loadLedger(port);
    source = loaded.ledger;
    loadIssues = loaded.issues;
  }
  const issues: Issue[] = [];
  let company = request.company;
  if (!company) {
    const read = await readCompany(port);
    company = read.company;
    issues.push(...read.issues);
  }
  const customers = request.customers === "all-monthly" ? monthlyStatementCustomers(source, request.from, request.to) : request.customers;
  const batch = statementBatch(source, customers, request.from, request.to, {
    company,
    ...(request.date ? { date: request.date } : {}),
    ...(request.replyBy ? { replyBy: request.replyBy } : {}),
    ...(request.locale ? { locale: request.locale } : {}),
  });
  if (!batch.ok) return batch;
  if (customers.length === 0) issues.push({ code: "statement.noMonthlyCustomers", severity: "warning", params: { from: request.from, to: request.to } });
  const written: WrittenStatement[] = [];
  for (const s of batch.value) {
    const r = await port.writeSheet(s.spec);
    if (r.ok) written.push({ sheet: s.spec.name, replaced: r.replaced, spec: s.spec, data: s.data });
    else issues.push({ code: r.code, params: { sheet: r.sheet } });
  }
  return ok({ written, issues, loadIssues });
}
