/**
 * The 本公司信息 · 对账设置 form of the 对账 screen, as plain data: our company's header lines and the
 * settlement cut-off day, read from and written to the workbook's settings. Pure (no port, no React)
 * so the checks are unit-tested; `ledger-api.ts` does the reading and writing.
 */
import { COMPANY_SETTINGS, DEFAULT_CUTOFF_DAY, STATEMENT_SETTINGS, parseCutoffDay } from "../src/app/generate-statements";
import type { Issue } from "../src/core/result";

/** The cut-off day that means calendar months (自然月: the 1st to the month's last day). */
export const CALENDAR_MONTH_CUTOFF = 31;

/** What the clerk types, as typed. */
export interface CompanySettingsForm {
  readonly name: string;
  readonly address: string;
  readonly phone: string;
  readonly bank: string;
  /** `day`: periods end on `cutoffText` each month; `month`: 自然月. */
  readonly cutoffMode: "day" | "month";
  readonly cutoffText: string;
}

/** The settings as stored (keys of `COMPANY_SETTINGS` / `STATEMENT_SETTINGS` → values). */
export type StoredSettings = Readonly<Record<string, string | null>>;

/** Every setting key the form reads and writes. */
export const SETTINGS_KEYS: readonly string[] = [COMPANY_SETTINGS.name, COMPANY_SETTINGS.address, COMPANY_SETTINGS.phone, COMPANY_SETTINGS.bank, STATEMENT_SETTINGS.cutoffDay];

/**
 * The form as stored settings fill it: blanks for what is not set, cut-off 25 when unset or
 * unreadable, 31 shown as 自然月.
 * @example formFromSettings({ "company.name": "湖南某某电器有限公司" }).cutoffText // "25"
 */
export function formFromSettings(stored: StoredSettings): CompanySettingsForm {
  const cutoff = parseCutoffDay(stored[STATEMENT_SETTINGS.cutoffDay] ?? null) ?? DEFAULT_CUTOFF_DAY;
  return {
    name: stored[COMPANY_SETTINGS.name] ?? "",
    address: stored[COMPANY_SETTINGS.address] ?? "",
    phone: stored[COMPANY_SETTINGS.phone] ?? "",
    bank: stored[COMPANY_SETTINGS.bank] ?? "",
    cutoffMode: cutoff === CALENDAR_MONTH_CUTOFF ? "month" : "day",
    cutoffText: cutoff === CALENDAR_MONTH_CUTOFF ? String(DEFAULT_CUTOFF_DAY) : String(cutoff),
  };
}

/** The cut-off day the form stands for, or null while the typed day is not 1–31. */
export function cutoffOfForm(form: CompanySettingsForm): number | null {
  return form.cutoffMode === "month" ? CALENDAR_MONTH_CUTOFF : parseCutoffDay(form.cutoffText);
}

/**
 * Field issues before saving (`at.field` names the form field): the name is required, the cut-off
 * a whole number 1–31 (full-width digits accepted).
 * @example checkCompanySettings({ ...form, name: " " }).map((i) => i.code) // ["statement.settings.nameRequired"]
 */
export function checkCompanySettings(form: CompanySettingsForm): Issue[] {
  const issues: Issue[] = [];
  if (form.name.normalize("NFKC").trim() === "") issues.push({ code: "statement.settings.nameRequired", at: { field: "name" } });
  if (cutoffOfForm(form) === null) issues.push({ code: "statement.settings.cutoffInvalid", at: { field: "cutoffDay" }, value: form.cutoffText.trim() });
  return issues;
}

/**
 * The settings to write for a valid form, trimmed (an empty value clears a line of the header).
 * Throws for an invalid form (a bug: check first).
 */
export function settingsOfForm(form: CompanySettingsForm): Readonly<Record<string, string>> {
  const cutoff = cutoffOfForm(form);
  if (cutoff === null || checkCompanySettings(form).length > 0) throw new Error("settingsOfForm: form not checked");
  return {
    [COMPANY_SETTINGS.name]: form.name.trim(),
    [COMPANY_SETTINGS.address]: form.address.trim(),
    [COMPANY_SETTINGS.phone]: form.phone.trim(),
    [COMPANY_SETTINGS.bank]: form.bank.trim(),
    [STATEMENT_SETTINGS.cutoffDay]: String(cutoff),
  };
}
