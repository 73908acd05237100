/**
 * The import report: the CLI `--json` contract of DESIGN.md (sheets, rejected rows, ledger
 * counts) plus warnings and skipped-row summaries, and the 导入问题 sheet that lists every
 * rejected row with a link to its cell.
 */
import { describeIssue, t, type Locale } from "../i18n";
import type { Issue } from "../result";
import { type CellRange, type SheetSpec, type SpecCell, type StyledRange } from "../sheet-spec";
import type { LedgerInput } from "../schemas/records";
import type { ImportResult, SheetRole, UncertainChoice } from "./types";
import { columnRef, countWarnings, importUncertain, importWarnings, type ColumnRef, type LocatedWarning } from "./outcomes";
import { importEnding, type SheetProblem } from "./ending";

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
  /** Warnings on this sheet (its rows' and its own). */
  readonly warnings: number;
  /** Column choices on this sheet the import is not sure of. */
  readonly uncertain: number;
  /** Why this sheet gave nothing, when it looks like sales data (or the workbook gave nothing); else null. */
  readonly problem: string | null;
}

/** A column choice the import is not sure of, in the report. */
export interface ImportReportUncertain {
  readonly sheet: string;
  readonly field: string;
  /** The column taken (letter and header), null when the field was left unmapped. */
  readonly chosen: ColumnRef | null;
  /** Other columns that could be the field, best first. */
  readonly alternatives: readonly ColumnRef[];
  /** Why it is uncertain, in words. */
  readonly reason: string;
  /** The whole choice in words (field, column taken, the others). */
  readonly message: string;
}

/** One warning in the report: where, what, and whether its row was imported. */
export interface ImportReportWarning {
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly header: string | null;
  readonly value: string | null;
  readonly code: string;
  /** The warning in words, without its place (the other keys say it). */
  readonly message: string;
  /** True: the row was imported with this warning; false: the row was not imported; null: not about one row. */
  readonly imported: boolean | null;
}

/** A sheet that gave nothing, and why. */
export interface ImportReportProblem {
  readonly sheet: string;
  readonly code: string;
  /** The reason in words, with the commonest row problems and their counts. */
  readonly message: string;
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
  /** Column choices to confirm, listed first. */
  readonly uncertain: readonly ImportReportUncertain[];
  readonly rejected: readonly { readonly sheet: string; readonly row: number; readonly reasons: readonly string[] }[];
  readonly skipped: readonly { readonly sheet: string; readonly reason: string; readonly count: number; readonly rows: readonly number[] }[];
  /** Every warning: each imported row's (with its cell), each sheet's and the workbook's. */
  readonly warnings: readonly ImportReportWarning[];
  /** Sheets that gave nothing, with the real reason. */
  readonly problems: readonly ImportReportProblem[];
  /** True when the import gave nothing a ledger can use (the CLI exits 2): see `importEnding`. */
  readonly nothingImported: boolean;
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
  const located = importWarnings(result);
  const uncertain = importUncertain(result);
  const ending = importEnding(result);
  const problemOf = new Map(ending.problems.map((p) => [p.sheet, describeProblem(p, locale)]));
  const warningsOf = new Map<string, number>();
  for (const w of located) if (w.sheet !== null) warningsOf.set(w.sheet, (warningsOf.get(w.sheet) ?? 0) + 1);
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
      warnings: warningsOf.get(d.sheet) ?? 0,
      uncertain: (d.uncertain ?? []).length,
      problem: problemOf.get(d.sheet) ?? null,
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
    uncertain: uncertain.map((u) => reportUncertain(u.sheet, u.choice, locale)),
    rejected,
    skipped: [...skippedMap.values()],
    warnings: located.map((w) => reportWarning(w, locale)),
    problems: ending.problems.map((p) => ({ sheet: p.sheet, code: p.issue.code, message: problemOf.get(p.sheet) ?? "" })),
    nothingImported: ending.nothing,
    ledger: summarizeLedger(result.input, result.derivedCustomers, result.derivedProducts),
  };
}

/** A warning's message alone (field names and details in words, quoted text clipped), no place. */
export function warningMessage(issue: Issue, locale: Locale = "zh-CN"): string {
  const params: Record<string, string | number> = { ...(localParams(issue, locale) ?? {}) };
  if (issue.value !== undefined && params.value === undefined) params.value = clipValue(issue.value);
  return t(issue.code, params, locale);
}

/** A warning as a whole sentence with its place: `「1月」 第 5 行 G 列 （金额）：…`. */
export function describeWarning(w: LocatedWarning, locale: Locale = "zh-CN"): string {
  const params = localParams(w.issue, locale);
  return describeIssue({ ...w.issue, ...(w.issue.value !== undefined ? { value: clipValue(w.issue.value) } : {}), ...(params ? { params } : {}), at: { ...(w.issue.at ?? {}), field: undefined } }, locale);
}

function reportWarning(w: LocatedWarning, locale: Locale): ImportReportWarning {
  return {
    sheet: w.sheet,
    row: w.row,
    column: w.column,
    header: w.header === null ? null : clipValue(w.header),
    value: w.value === null ? null : clipValue(w.value),
    code: w.issue.code,
    message: warningMessage(w.issue, locale),
    imported: w.rowOutcome === null ? null : w.rowOutcome === "imported",
  };
}

/** A column as words: `E 列「订单数量」`. */
export function columnWords(c: ColumnRef, locale: Locale = "zh-CN"): string {
  return t("import.uncertain.columnRef", { column: c.column, header: clipValue(c.header) }, locale);
}

/** An uncertain choice in words, without its sheet: `数量：用了 E 列「未交订单数量」，也可能是 F 列「订单数量」（…）`. */
export function describeUncertain(choice: UncertainChoice, locale: Locale = "zh-CN"): string {
  const sep = locale === "zh-CN" ? "、" : ", ";
  const alternatives = choice.alternatives.map((a) => columnWords(columnRef(a), locale)).join(sep);
  const field = fieldLabel(choice.field, locale);
  const base = choice.chosen ? t("import.uncertain.chosen", { field, chosen: columnWords(columnRef(choice.chosen), locale), alternatives }, locale) : t("import.uncertain.unchosen", { field, alternatives }, locale);
  const reason = describeReason(choice.reason, locale);
  return reason === "" || reason === choice.reason.code ? base : t("import.uncertain.withReason", { choice: base, reason }, locale);
}

function reportUncertain(sheet: string, choice: UncertainChoice, locale: Locale): ImportReportUncertain {
  return {
    sheet,
    field: choice.field,
    chosen: choice.chosen ? columnRef(choice.chosen) : null,
    alternatives: choice.alternatives.map(columnRef),
    reason: describeReason(choice.reason, locale),
    message: describeUncertain(choice, locale),
  };
}

/** The header an alternative would be mapped by in `--map` (its header, else its column letter). */
export function uncertainFixHeader(choice: UncertainChoice): string {
  const alt = choice.alternatives[0];
  return alt ? alt.header || columnRef(alt).column : "";
}

/** A sheet's problem as an issue at its sheet, its commonest row problems worded into `params.examples` (in `locale`). */
export function problemIssue(p: SheetProblem, locale: Locale = "zh-CN"): Issue {
  const params: Record<string, string | number> = { ...(p.issue.params ?? {}) };
  for (const key of ["missing", "fields"]) if (typeof params[key] === "string") params[key] = String(params[key]).split(",").filter(Boolean).map((f) => fieldLabel(f, locale)).join(locale === "zh-CN" ? "、" : ", ");
  if (typeof params.role === "string") params.role = roleLabel(params.role, locale);
  const sep = locale === "zh-CN" ? "；" : "; ";
  if (p.examples.length > 0) params.examples = p.examples.map((e) => t("import.problem.example", { reason: p.issue.code === "import.problem.allSkipped" ? t(e.issue.code, {}, locale) : describeCellIssue(e.issue, locale), count: e.count, row: e.row }, locale)).join(sep);
  return { ...p.issue, params };
}

/** Why a sheet gave nothing, in words, with its commonest row problems counted (no sheet name: the report says it). */
export function describeProblem(p: SheetProblem, locale: Locale = "zh-CN"): string {
  const issue = problemIssue(p, locale);
  return t(issue.code, issue.params ?? {}, locale);
}

/**
 * The issues that end an import that gave nothing (`importEnding(result).nothing`): one saying so,
 * then one per sheet with its real reason. Empty when the import gave something.
 * @example const issues = endingIssues(result); if (issues.length) return { ok: false, issues };
 */
export function endingIssues(result: ImportResult, locale: Locale = "zh-CN"): Issue[] {
  const ending = importEnding(result);
  if (!ending.nothing) return [];
  return [{ code: "import.nothingImported", params: { sheets: result.detections.map((d) => d.sheet).join("、") } }, ...ending.problems.map((p) => problemIssue(p, locale))];
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

/** Most warned rows the 导入问题 sheet lists one by one (the rest are counted by kind): the sheet must fit in Excel's 1,048,576 rows. */
export const MAX_WARNING_ROWS = 100_000;

/**
 * The 导入问题 sheet: the column choices to confirm (first), sheets that gave nothing, a summary
 * per sheet, every rejected row and every imported row with a warning (sheet, row, column, value,
 * reason, a link to the source cell, and whether the row was imported), skipped rows by reason,
 * and the sheet- and workbook-level notes.
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
  const report = buildImportReport(result, locale);

  rows.push([L("import.sheet.title")]);
  merges.push({ row: 0, col: 0, rowEnd: 0, colEnd: 7 });
  styles.push({ range: { row: 0, col: 0, rowEnd: 0, colEnd: 7 }, style: { bold: true, fontSize: 14, hAlign: "center" } });
  anchors.title = { row: 0, col: 0 };

  // What the import was not sure of comes first: a wrong column choice misreads every row.
  const uncertain = importUncertain(result);
  if (uncertain.length > 0) {
    section(L("import.sheet.uncertain"), "uncertain");
    header([L("import.sheet.col.sheet"), L("import.sheet.col.field"), L("import.sheet.col.chosen"), L("import.sheet.col.alternatives"), L("import.sheet.col.reason"), L("import.sheet.col.fix")]);
    const sep = locale === "zh-CN" ? "、" : ", ";
    for (const { sheet, choice } of uncertain) {
      rows.push([
        sheet,
        fieldLabel(choice.field, locale),
        choice.chosen ? columnWords(columnRef(choice.chosen), locale) : L("import.sheet.unmapped"),
        choice.alternatives.map((a) => columnWords(columnRef(a), locale)).join(sep),
        describeReason(choice.reason, locale),
        L("import.sheet.uncertainFix", { sheet, field: choice.field, header: uncertainFixHeader(choice) }),
      ]);
    }
  }
  if (report.problems.length > 0) {
    section(L("import.sheet.problems"), "problems");
    header([L("import.sheet.col.sheet"), L("import.sheet.col.reason")]);
    for (const p of report.problems) rows.push([p.sheet, p.message]);
  }

  section(L("import.sheet.summary"), "summary");
  header([L("import.sheet.col.sheet"), L("import.sheet.col.role"), L("import.sheet.col.headerRow"), L("import.sheet.col.rows"), L("import.sheet.col.imported"), L("import.sheet.col.rejected"), L("import.sheet.col.skipped"), L("import.sheet.col.warnings")]);
  for (const s of report.sheets) rows.push([s.name, roleLabel(s.role, locale), s.headerRow, s.rows, s.imported, s.rejected, s.skipped, s.warnings]);

  const rowColumns = [L("import.sheet.col.sheet"), L("import.sheet.col.row"), L("import.sheet.col.column"), L("import.sheet.col.header"), L("import.sheet.col.value"), L("import.sheet.col.reason"), L("import.sheet.col.link"), L("import.sheet.col.outcome")];
  const cellRow = (sheet: string, row: number, issue: Issue, outcome: string): void => {
    const column = issue.at?.column ?? "";
    const cell = column ? `${column}${row}` : `A${row}`;
    links.push({ row: rows.length, col: 6, target: { sheet, cell } });
    const value = issue.value === undefined ? undefined : clipValue(issue.value);
    rows.push([sheet, row, column || null, issue.at?.header === undefined ? null : clipValue(issue.at.header), value ?? null, t(issue.code, { ...(localParams(issue, locale) ?? {}), ...(value !== undefined && issue.params?.value === undefined ? { value } : {}) }, locale), `${sheet}!${cell}`, outcome]);
  };

  section(L("import.sheet.rejected"), "rejected");
  header(rowColumns);
  const firstRejected = rows.length;
  const notImported = L("import.sheet.outcome.rejected");
  for (const d of result.detections) {
    for (const o of result.outcomes[d.sheet] ?? []) {
      if (o.kind !== "rejected") continue;
      for (const issue of o.issues) cellRow(d.sheet, o.row, issue, notImported);
    }
  }
  if (rows.length === firstRejected) rows.push([L("import.sheet.none")]);

  section(L("import.sheet.warned"), "warned");
  header(rowColumns);
  const firstWarned = rows.length;
  const located = importWarnings(result);
  const onRows = located.filter((w) => w.sheet !== null && w.row !== null);
  for (const w of onRows.slice(0, MAX_WARNING_ROWS)) cellRow(w.sheet ?? "", w.row ?? 0, w.issue, L(w.rowOutcome === "rejected" ? "import.sheet.outcome.rejected" : "import.sheet.outcome.warned"));
  if (onRows.length > MAX_WARNING_ROWS) {
    const rest = countWarnings(onRows.slice(MAX_WARNING_ROWS)).map((c) => L("import.sheet.moreKind", { reason: warningMessage(c.first.issue, locale), count: c.count }));
    rows.push([L("import.sheet.moreWarnings", { count: onRows.length - MAX_WARNING_ROWS, kinds: rest.join(locale === "zh-CN" ? "；" : "; ") })]);
  }
  if (rows.length === firstWarned) rows.push([L("import.sheet.none")]);

  section(L("import.sheet.skipped"), "skipped");
  header([L("import.sheet.col.sheet"), L("import.sheet.col.reason"), L("import.sheet.col.count"), L("import.sheet.col.rowsList")]);
  for (const s of report.skipped) rows.push([s.sheet, s.reason, s.count, s.rows.join(", ") + (s.count > s.rows.length ? " …" : "")]);
  if (report.skipped.length === 0) rows.push([L("import.sheet.none")]);

  section(L("import.sheet.warnings"), "warnings");
  const notes = located.filter((w) => w.sheet === null || w.row === null);
  for (const w of notes) rows.push([describeWarning(w, locale)]);
  if (notes.length === 0) rows.push([L("import.sheet.none")]);

  return {
    name: IMPORT_ISSUES_SHEET,
    kind: "issues",
    rows,
    styles,
    merges,
    columnWidths: [16, 8, 8, 14, 22, 48, 18, 16],
    freeze: { rows: 1, columns: 0 },
    print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: 0, last: 0 } },
    anchors: { ...anchors, firstRejected: { row: firstRejected, col: 0 }, firstWarned: { row: firstWarned, col: 0 }, end: { row: rows.length, col: 0 } },
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
