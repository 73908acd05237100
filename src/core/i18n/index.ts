/**
 * Message catalogues, one per language. Code never spells a user-facing sentence; it raises an
 * issue code and the catalogue words it. zh-CN is the default: users are Chinese clerks.
 */
import type { Issue } from "../result";
import { catalogue as zhCN } from "./zh-CN";
import { catalogue as enUS } from "./en-US";

/** Supported languages. */
export type Locale = "zh-CN" | "en-US";

/** The catalogues, by locale. */
export const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { "zh-CN": zhCN, "en-US": enUS };

/** Pick our locale for an Office display language such as `zh-TW` or `en-GB` (Chinese first). */
export function pickLocale(displayLanguage: string | undefined): Locale {
  return displayLanguage && /^en/i.test(displayLanguage) ? "en-US" : "zh-CN";
}

/**
 * The message for `code`, with `{param}` placeholders filled. Unknown codes come back as the code
 * itself (a test checks there are none) so nothing is ever shown blank.
 * @example t("money.notANumber", { value: "abc" }) // "金额无法识别：abc"
 */
export function t(code: string, params: Readonly<Record<string, string | number>> = {}, locale: Locale = "zh-CN"): string {
  const template = catalogues[locale][code] ?? catalogues["zh-CN"][code] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/**
 * A whole sentence for an issue, including where it is: `销售明细 第 12 行 F 列（金额）：金额无法识别：abc`.
 */
export function describeIssue(issue: Issue, locale: Locale = "zh-CN"): string {
  const params: Record<string, string | number> = { ...(issue.params ?? {}) };
  if (issue.value !== undefined && params.value === undefined) params.value = issue.value;
  // A field code (qty) in words (数量) for messages that name the field.
  if (typeof params.field === "string" && params.fieldName === undefined) {
    const code = `import.field.${params.field}`;
    const name = t(code, {}, locale);
    params.fieldName = name === code ? params.field : name;
  }
  const message = t(issue.code, params, locale);
  const at = issue.at;
  if (!at) return message;
  const parts: string[] = [];
  if (locale === "zh-CN") {
    if (at.sheet) parts.push(`「${at.sheet}」`);
    if (at.row !== undefined) parts.push(`第 ${at.row} 行`);
    if (at.column) parts.push(`${at.column} 列`);
    if (at.header) parts.push(`（${at.header}）`);
    return parts.length ? `${parts.join(" ")}：${message}` : message;
  }
  if (at.sheet) parts.push(`sheet "${at.sheet}"`);
  if (at.row !== undefined) parts.push(`row ${at.row}`);
  if (at.column) parts.push(`column ${at.column}`);
  if (at.header) parts.push(`(${at.header})`);
  return parts.length ? `${parts.join(", ")}: ${message}` : message;
}
