/**
 * Zod's own messages in our languages, and zod issues turned into our `Issue` values. Codes are
 * `records.<kind>` (kind: required, invalidType, notInteger, tooSmall, notPositive, tooBig,
 * unsafeNumber, notOneOf, dateFormat, dateImpossible, invalid); the field is in `at.field` and its
 * label in `params.field`, zod's localized sentence in `params.detail`.
 */
import { z } from "zod";
import { en, zhCN } from "zod/v4/locales";
import { fail, ok, type Issue, type IssueLocation, type Result } from "../result";
import type { Locale } from "../i18n";
import { fieldLabel, RECORD_SCHEMAS, type RecordKind } from "./labels";

/**
 * Zod's localized error map for a locale (zod's `zhCN` / `en` locales, imported alone so a bundle
 * carries only these two); pass it per parse:
 * `schema.safeParse(v, { error: zodLocaleError("zh-CN") })`.
 */
export function zodLocaleError(locale: Locale): z.core.$ZodErrorMap {
  return locale === "en-US" ? en().localeError : zhCN().localeError;
}

/**
 * Make `locale` zod's global language (`z.config`). A process-wide switch: call it once at start-up
 * (task pane, CLI); libraries should prefer `zodLocaleError` per parse.
 */
export function useZodLocale(locale: Locale): void {
  z.config({ localeError: zodLocaleError(locale) });
}

/** Our record messages set on the schemas themselves (records.ts), mapped to catalogue codes. */
const SCHEMA_MESSAGES: Readonly<Record<string, string>> = {
  "date.format": "records.dateFormat",
  "date.impossible": "records.dateImpossible",
  "money.unsafe": "records.unsafeNumber",
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function show(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function issueCode(iss: z.core.$ZodIssue, value: unknown): { code: string; params: Record<string, string | number> } {
  const schemaCode = SCHEMA_MESSAGES[iss.message];
  if (schemaCode) return { code: schemaCode, params: {} };
  switch (iss.code) {
    case "invalid_type":
      if (value === undefined || value === null) return { code: "records.required", params: {} };
      if (iss.expected === "int" && typeof value === "number") return { code: "records.notInteger", params: {} };
      return { code: "records.invalidType", params: { expected: String(iss.expected) } };
    case "too_small": {
      const min = Number(iss.minimum);
      if (iss.origin === "string" && min === 1) return { code: "records.required", params: {} };
      if (Math.abs(min) >= Number.MAX_SAFE_INTEGER) return { code: "records.unsafeNumber", params: {} };
      if (min === 0 && iss.inclusive === false) return { code: "records.notPositive", params: {} };
      return { code: "records.tooSmall", params: { minimum: min } };
    }
    case "too_big": {
      const max = Number(iss.maximum);
      if (Math.abs(max) >= Number.MAX_SAFE_INTEGER) return { code: "records.unsafeNumber", params: {} };
      if (iss.origin === "string") return { code: "records.tooLong", params: { maximum: max, length: typeof value === "string" ? value.length : "?" } };
      return { code: "records.tooBig", params: { maximum: max } };
    }
    case "invalid_value":
      return { code: "records.notOneOf", params: { options: iss.values.map(String).join("、") } };
    case "invalid_format":
      return { code: "records.invalid", params: {} };
    default:
      return { code: "records.invalid", params: {} };
  }
}

/**
 * Zod issues as our issues: one per field (the first problem wins, so a cell gets one message),
 * located at `at` with `field` set, the label and zod's localized detail as params. Pass the
 * parsed `input` to tell a missing value (`records.required`) from a wrong one and to keep `value`.
 * @example recordIssues(err, { sheet: "订单", row: 5 }, "zh-CN", row)[0].code // "records.required"
 */
export function recordIssues(error: z.ZodError, at: IssueLocation = {}, locale: Locale = "zh-CN", input?: unknown, record?: RecordKind): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const detailMap = zodLocaleError(locale);
  for (const iss of error.issues) {
    const field = iss.path.map(String).join(".");
    if (seen.has(field)) continue;
    seen.add(field);
    const value = input === undefined ? undefined : valueAt(input, iss.path);
    const { code, params } = issueCode(iss, value);
    const localized = detailMap({ ...iss, input: value } as Parameters<z.core.$ZodErrorMap>[0]);
    const detail = typeof localized === "string" ? localized : (localized?.message ?? iss.message);
    const shown = show(value);
    out.push({
      code,
      at: { ...at, field },
      ...(shown !== undefined ? { value: shown } : {}),
      params: { field: fieldLabel(String(iss.path[0] ?? field), locale, record), detail, ...params },
    });
  }
  return out;
}

/**
 * Validate one record against its schema, with issues in our form.
 * @example parseRecord("payments", { date: "2025-03-05", customer: "甲", amountFen: 100 }) // ok, allowance false
 */
export function parseRecord<K extends RecordKind>(record: K, input: unknown, at: IssueLocation = {}, locale: Locale = "zh-CN"): Result<z.infer<(typeof RECORD_SCHEMAS)[K]>> {
  const schema = RECORD_SCHEMAS[record] as unknown as z.ZodType<z.infer<(typeof RECORD_SCHEMAS)[K]>>;
  const r = schema.safeParse(input, { error: zodLocaleError(locale) });
  if (r.success) return ok(r.data);
  const [first, ...rest] = recordIssues(r.error, at, locale, input, record);
  return first ? fail(first, ...rest) : fail({ code: "records.invalid", at, params: { field: "", detail: r.error.message } });
}
