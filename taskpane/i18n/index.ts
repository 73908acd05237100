/**
 * The pane's own words (labels, buttons, headings). Messages about data — validation, business rules,
 * import problems — come from src/core/i18n via describeIssue, never from here.
 */
import type { Locale } from "../../src/core/i18n";
import { zhCN, type UiKey } from "./zh-CN";
import { enUS } from "./en-US";

export type { UiKey };

const catalogues: Readonly<Record<Locale, Readonly<Record<UiKey, string>>>> = { "zh-CN": zhCN, "en-US": enUS };

/** A lookup function for one locale; `{name}` placeholders are filled from params. */
export function uiText(locale: Locale): (key: UiKey, params?: Readonly<Record<string, string | number>>) => string {
  const cat = catalogues[locale];
  return (key, params = {}) => cat[key].replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));
}
