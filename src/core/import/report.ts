/**
 * The import report: the CLI `--json` contract of DESIGN.md (sheets, rejected rows, ledger
 * counts) plus warnings and skipped-row summaries, and the 导入问题 sheet that lists every
 * rejected row with a link to its cell.
 */
import { describeIssue, t, type Locale } from "../i18n";
import type { Issue } from "../result";
import { type CellRange, type SheetSpec, type SpecCell, type StyledRange } from "../sheet-spec";
import type { LedgerInput } from "../schemas/records";
import type { ImportResult, SheetRole } from "./types";

/** One sheet in the report. */
export interface ImportReportSheet {
  readonly name: string;
  readonly role: SheetRole;
  readonly confidence: number;
  /** 1-based header row, null when none was found. */
  readonly headerRow: number | null;
  /** `field → header text`. */
  readonly mapping: Readonly<Record<string, string>>;
  /** Why the role and mapping were chosen, in words. */
  readonly reasons: readonly string[];
  readonly rows: number;
  readonly imported: number;
  readonly rejected: number;
  readonly skipped: number;
}

/** Ledger totals (amounts in integer fen). */
export interface ImportLedgerSummary {
  readonly customers: number;
  readonly products: number;
  /**
   * Counted lines (已取消 left out, as every report leaves them out); `returnLines`: those with a
   * negative quantity or amount (returns and credits); `cancelledLines`: 已取消 lines kept in the ledger.
   */
  readonly orders: { readonly lines: number; readonly qty: number; readonly amountFen: number; readonly returnLines: number; readonly returnAmountFen: number; readonly cancelledLines: number };
  readonly payments: { readonly count: number; readonly amountFen: number };
  readonly returns: { readonly count: number; readonly amountFen: number };
  readonly derivedCustomers: boolean;
  readonly derivedProducts: boolean;
}

/** The import report (`sales-ledger import --json`). */
export interface ImportReport {
  readonly sheets: readonly ImportReportSheet[];
  readonly rejected: readonly { readonly sheet: string; readonly row: number; readonly reasons: readonly string[] }[];
  readonly skipped: readonly { readonly sheet: string; readonly reason: string; readonly count: number; readonly rows: readonly number[] }[];
  readonly warnings: readonly string[];
  readonly ledger: ImportLedgerSummary;
}

/** Name of the sheet listing import problems. */
export const IMPORT_ISSUES_SHEET = "导入问题";

/** Longest cell value quoted in a reason (a clerk's cell may hold 32,767 characters, Excel's limit for the whole cell). */
export const MAX_QUOTED_VALUE = 200;

/**
 * A value as quoted in a message or the 导入问题 sheet: cut to `max` characters with `…`.
 * @example clipValue("x".repeat(500)).length // 200
 */
export function clipValue(s: string, max = MAX_QUOTED_VALUE): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The issue with its quoted value and text params clipped (`clipValue`), for words a cell or a line can hold. */
export function clipIssue(issue: Issue): Issue {
  const params = issue.params && Object.fromEntries(Object.entries(issue.params).map(([k, v]) => [k, typeof v === "string" ? clipValue(v) : v]));
  return { ...issue, ...(issue.value !== undefined ? { value: clipValue(issue.value) } : {}), ...(params ? { params } : {}) };
}

/** Words for an issue without its sheet and row (the report already says those). */
export function describeCellIssue(issue: Issue, locale: Locale = "zh-CN"): string {
  const { sheet: _sheet, row: _row, ...rest } = issue.at ?? {};
  const params = localParams(issue, locale);
  return describeIssue({ ...issue, ...(issue.value !== undefined ? { value: clipValue(issue.value) } : {}), ...(params ? { params } : {}), at: { ...rest, field: undefined } }, locale);
}

/** Issue params with field names and detail codes put into words, quoted text clipped. */
function localParams(issue: Issue, locale: Locale): Readonly<Record<string, string | number>> | undefined {
  const p = issue.params;
  if (!p) return p;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === "string" ? clipValue(v) : v;
  if (p.field !== undefined) out.field = fieldLabel(String(p.field), locale);
  if (typeof p.detail === "string" && /^[a-z]+\.[A-Za-z.]+$/.test(p.detail)) out.detail = t(p.detail, {}, locale);
  return out;
}

/** Ledger totals of records. */
export function summarizeLedger(input: LedgerInput, derivedCustomers: boolean, derivedProducts: boolean): ImportLedgerSummary {
  let qty = 0;
  let amountFen = 0;
  let returnLines = 0;
  let returnAmountFen = 0;
  let cancelledLines = 0;
  for (const o of input.orders) {
    if (o.status === "已取消") {
      cancelledLines++;
      continue;
    }
    qty += o.qty;
    amountFen += o.amountFen;
    if (o.qty < 0 || o.amountFen < 0) {
      returnLines++;
      returnAmountFen += o.amountFen;
    }
  }
  return {
    customers: input.customers.length,
    products: input.products.length,
    orders: { lines: input.orders.length - cancelledLines, qty: Math.round(qty * 1e6) / 1e6, amountFen, returnLines, returnAmountFen, cancelledLines },
    payments: { count: input.payments.length, amountFen: input.payments.reduce((s, p) => s + p.amountFen, 0) },
    returns: { count: input.returns.length, amountFen: input.returns.reduce((s, r) => s + r.amountFen, 0) },
    derivedCustomers,
    derivedProducts,
  };
}

/**
 * The report for an import result, worded in `locale`.
 * @example buildImportReport(importWorkbook(grids)).ledger.orders.lines
 */
export function buildImportReport(result: ImportResult, locale: Locale = "zh-CN"): ImportReport {
  const sheets = result.detections.map((d): ImportReportSheet => {
    const tally = result.tallies.find((x) => x.sheet === d.sheet);
    const mapping: Record<string, string> = {};
    for (const m of d.mapping) mapping[m.field] = m.header;
    return {
      name: d.sheet,
      role: d.role,
      confidence: d.confidence,
      headerRow: d.headerRow === null ? null : d.headerRow + 1,
      mapping,
      reasons: d.reasons.map((r) => describeReason(r, locale)),
      rows: tally?.rows ?? 0,
      imported: tally?.imported ?? 0,
      rejected: tally?.rejected ?? 0,
      skipped: tally?.skipped ?? 0,
    };
  });
  const rejected: ImportReport["rejected"][number][] = [];
  const skippedMap = new Map<string, { sheet: string; reason: string; count: number; rows: number[] }>();
  for (const d of result.detections) {
    for (const o of result.outcomes[d.sheet] ?? []) {
      if (o.kind === "rejected") rejected.push({ sheet: d.sheet, row: o.row, reasons: o.issues.map((i) => describeCellIssue(i, locale)) });
      else if (o.kind === "skipped") {
        const reason = t(o.reason.code, {}, locale);
        const key = `${d.sheet}\u0000${o.reason.code}`;
        const entry = skippedMap.get(key) ?? { sheet: d.sheet, reason, count: 0, rows: [] };
        entry.count++;
        if (entry.rows.length < 50) entry.rows.push(o.row);
        skippedMap.set(key, entry);
      }
    }
  }
  return {
    sheets,
    rejected,
    skipped: [...skippedMap.values()],
    warnings: result.warnings.map((w) => describeIssue(clipIssue(w), locale)),
    ledger: summarizeLedger(result.input, result.derivedCustomers, result.derivedProducts),
  };
}

/** A detection reason in words (roles and field lists translated). */
export function describeReason(r: Issue, locale: Locale = "zh-CN"): string {
  const params: Record<string, string | number> = { ...(clipIssue(r).params ?? {}) };
  if (params.role !== undefined) params.role = roleLabel(String(params.role), locale);
  for (const key of ["fields", "missing", "field"]) {
    if (typeof params[key] === "string") params[key] = String(params[key]).split(",").filter(Boolean).map((f) => fieldLabel(f, locale)).join(locale === "zh-CN" ? "、" : ", ");
  }
  return t(r.code, params, locale);
}

/** The role's name in words. */
export function roleLabel(role: string, locale: Locale = "zh-CN"): string {
  return role ? t(`import.role.${role}`, {}, locale) : "";
}

const HEADER_STYLE = { bold: true, fill: "#DDEBF7", border: { weight: "thin", scope: "all" } } as const;

/**
 * The 导入问题 sheet: a summary per sheet, every rejected row (sheet, row, column, value, reason,
 * and a link to the source cell), skipped rows by reason, and warnings.
 */
export function importIssuesSheet(result: ImportResult, locale: Locale = "zh-CN"): SheetSpec {
  const rows: SpecCell[][] = [];
  const styles: StyledRange[] = [];
  const merges: CellRange[] = [];
  const links: { row: number; col: number; target: { sheet: string; cell: string } }[] = [];
  const anchors: Record<string, { row: number; col: number }> = {};
  const L = (code: string, params: Readonly<Record<string, string | number>> = {}): string => t(code, params, locale);
  const header = (cells: string[]): void => {
    styles.push({ range: { row: rows.length, col: 0, rowEnd: rows.length, colEnd: cells.length - 1 }, style: HEADER_STYLE });
    rows.push(cells);
  };
  const section = (title: string, anchor: string): void => {
    rows.push([]);
    anchors[anchor] = { row: rows.length, col: 0 };
    styles.push({ range: { row: rows.length, col: 0, rowEnd: rows.length, colEnd: 0 }, style: { bold: true, fontSize: 12 } });
    rows.push([title]);
  };

  rows.push([L("import.sheet.title")]);
  merges.push({ row: 0, col: 0, rowEnd: 0, colEnd: 6 });
  styles.push({ range: { row: 0, col: 0, rowEnd: 0, colEnd: 6 }, style: { bold: true, fontSize: 14, hAlign: "center" } });
  anchors.title = { row: 0, col: 0 };

  section(L("import.sheet.summary"), "summary");
  header([L("import.sheet.col.sheet"), L("import.sheet.col.role"), L("import.sheet.col.headerRow"), L("import.sheet.col.rows"), L("import.sheet.col.imported"), L("import.sheet.col.rejected"), L("import.sheet.col.skipped")]);
  for (const d of result.detections) {
    const tally = result.tallies.find((x) => x.sheet === d.sheet);
    rows.push([d.sheet, roleLabel(d.role, locale), d.headerRow === null ? null : d.headerRow + 1, tally?.rows ?? 0, tally?.imported ?? 0, tally?.rejected ?? 0, tally?.skipped ?? 0]);
  }

  section(L("import.sheet.rejected"), "rejected");
  header([L("import.sheet.col.sheet"), L("import.sheet.col.row"), L("import.sheet.col.column"), L("import.sheet.col.header"), L("import.sheet.col.value"), L("import.sheet.col.reason"), L("import.sheet.col.link")]);
  const firstRejected = rows.length;
  for (const d of result.detections) {
    for (const o of result.outcomes[d.sheet] ?? []) {
      if (o.kind !== "rejected") continue;
      for (const issue of o.issues) {
        const column = issue.at?.column ?? "";
        const cell = column ? `${column}${o.row}` : `A${o.row}`;
        links.push({ row: rows.length, col: 6, target: { sheet: d.sheet, cell } });
        const value = issue.value === undefined ? undefined : clipValue(issue.value);
        rows.push([d.sheet, o.row, column || null, issue.at?.header === undefined ? null : clipValue(issue.at.header), value ?? null, t(issue.code, { ...(localParams(issue, locale) ?? {}), ...(value !== undefined && issue.params?.value === undefined ? { value } : {}) }, locale), `${d.sheet}!${cell}`]);
      }
    }
  }
  if (rows.length === firstRejected) rows.push([L("import.sheet.none")]);

  section(L("import.sheet.skipped"), "skipped");
  header([L("import.sheet.col.sheet"), L("import.sheet.col.reason"), L("import.sheet.col.count"), L("import.sheet.col.rowsList")]);
  const report = buildImportReport(result, locale);
  for (const s of report.skipped) rows.push([s.sheet, s.reason, s.count, s.rows.join(", ") + (s.count > s.rows.length ? " …" : "")]);
  if (report.skipped.length === 0) rows.push([L("import.sheet.none")]);

  section(L("import.sheet.warnings"), "warnings");
  for (const w of report.warnings) rows.push([w]);
  if (report.warnings.length === 0) rows.push([L("import.sheet.none")]);

  return {
    name: IMPORT_ISSUES_SHEET,
    kind: "issues",
    rows,
    styles,
    merges,
    columnWidths: [16, 8, 8, 14, 22, 48, 18],
    freeze: { rows: 1, columns: 0 },
    print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: 0, last: 0 } },
    anchors: { ...anchors, firstRejected: { row: firstRejected, col: 0 }, end: { row: rows.length, col: 0 } },
    links,
  };
}

/** A field's name in words (`amount` → 金额). */
export function fieldLabel(field: string, locale: Locale = "zh-CN"): string {
  if (!field) return "";
  const code = `import.field.${field}`;
  const s = t(code, {}, locale);
  return s === code ? field : s;
}
