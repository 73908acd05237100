/**
 * What a report returns: the sheet to render and the data behind it — the object the CLI prints
 * with `--json` (DESIGN.md "CLI contract"; amounts are integer fen in fields ending `Fen`).
 */
import type { Locale } from "../i18n";
import type { SheetSpec } from "../sheet-spec";

/** The report kinds of the CLI contract. */
export type ReportKind = "daily" | "monthly" | "annual" | "aging";

/** Options every report takes. */
export interface ReportOptions {
  /** Language of titles and headers (sheet names stay Chinese). Default zh-CN. */
  readonly locale?: Locale;
  /** The day the report is made, printed as 制表日期 (core has no clock). */
  readonly today?: string;
}

/** A generated report. */
export interface Report<D> {
  readonly spec: SheetSpec;
  readonly data: D;
}

/** Daily/monthly row: one customer × model. */
export interface PairRow {
  readonly customer: string;
  readonly model: string;
  readonly qty: number;
  readonly amountFen: number;
}

/** 销售日报 data. Rows are customer × model with sales in the month to date (`qty`/`amountFen` = the day). */
export interface DailyReportData {
  readonly kind: "daily";
  readonly period: string;
  readonly basis: "orderDate";
  readonly rows: readonly (PairRow & { readonly mtdQty: number; readonly mtdAmountFen: number })[];
  /** Collections of the day: group = receiving account, else customer warehouse, else region, else "". */
  readonly collections: readonly { readonly group: string; readonly customer: string; readonly collectedFen: number }[];
  readonly totals: { readonly qty: number; readonly amountFen: number; readonly mtdQty: number; readonly mtdAmountFen: number; readonly collectedFen: number };
}

/** Per-customer line of the monthly summary. */
export interface MonthlyCustomerRow {
  readonly customer: string;
  /** Positive order lines of the month (order date). */
  readonly salesFen: number;
  /** Negative order lines of the month (as a positive figure) plus returns recorded in the month. */
  readonly returnsFen: number;
  readonly allowanceFen: number;
  readonly collectedFen: number;
  /** Receivable at the month's end (ship-date basis). */
  readonly closingFen: number;
}

/** 销售月报 data. */
export interface MonthlyReportData {
  readonly kind: "monthly";
  readonly period: string;
  readonly basis: "orderDate";
  readonly rows: readonly PairRow[];
  readonly customers: readonly MonthlyCustomerRow[];
  readonly totals: {
    readonly qty: number;
    readonly amountFen: number;
    readonly salesFen: number;
    readonly returnsFen: number;
    readonly allowanceFen: number;
    readonly collectedFen: number;
    readonly closingFen: number;
  };
}

/** 销售年报 row: months are `YYYY-MM` → fen (all twelve present). */
export interface AnnualRow {
  readonly customer: string;
  readonly months: Readonly<Record<string, number>>;
  readonly amountFen: number;
  readonly collectedMonths: Readonly<Record<string, number>>;
  readonly collectedFen: number;
}

/** 销售年报 data. */
export interface AnnualReportData {
  readonly kind: "annual";
  readonly period: string;
  readonly basis: "orderDate";
  readonly rows: readonly AnnualRow[];
  readonly totals: { readonly months: Readonly<Record<string, number>>; readonly amountFen: number; readonly collectedMonths: Readonly<Record<string, number>>; readonly collectedFen: number };
}

/** Aging buckets (days past due), fen. They sum to the balance. */
export interface AgingBuckets {
  readonly current: number;
  readonly "1-30": number;
  readonly "31-60": number;
  readonly "61-90": number;
  readonly "91-120": number;
  readonly "120+": number;
}

/** The bucket keys in print order. */
export const BUCKET_KEYS = ["current", "1-30", "31-60", "61-90", "91-120", "120+"] as const;

/** 账龄 data. */
export interface AgingReportData {
  readonly kind: "aging";
  readonly period: string;
  readonly basis: "receivableDate";
  readonly rows: readonly { readonly customer: string; readonly paymentDays: number; readonly balanceFen: number; readonly buckets: AgingBuckets }[];
  readonly totals: { readonly balanceFen: number; readonly buckets: AgingBuckets };
}

/** Any report's data. */
export type ReportData = DailyReportData | MonthlyReportData | AnnualReportData | AgingReportData;
