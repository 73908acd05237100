/**
 * Expected failures are values, not exceptions (the zod way): a code a program can switch on,
 * where it happened, and the parameters a message catalogue turns into words.
 */

/** Where a problem is: a workbook cell, a form field, a CLI argument. All parts optional. */
export interface IssueLocation {
  /** Sheet name as the clerk sees it. */
  readonly sheet?: string;
  /** 1-based row number as Excel shows it. */
  readonly row?: number;
  /** Column letter(s) as Excel shows them, e.g. `"F"`. */
  readonly column?: string;
  /** Header text of that column, when known. */
  readonly header?: string;
  /** Record field (e.g. `"amountFen"`) or form field. */
  readonly field?: string;
}

/** One problem. `code` keys the message catalogues in `src/core/i18n`. */
export interface Issue {
  readonly code: string;
  readonly at?: IssueLocation;
  /** The offending value as found (stringified for display). */
  readonly value?: string;
  /** Extra parameters for the message template. */
  readonly params?: Readonly<Record<string, string | number>>;
  /** `error` rejects the row/action; `warning` keeps it and reports. Default `error`. */
  readonly severity?: "error" | "warning";
}

/** A computation that may fail with issues. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Success. @example ok(5) // { ok: true, value: 5 } */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Failure with one issue. @example fail({ code: "money.notANumber", value: "abc" }) */
export function fail<T = never>(issue: Issue, ...more: Issue[]): Result<T> {
  return { ok: false, issues: [issue, ...more] };
}
