/**
 * Outcomes the clerk must see besides the tallies: every warning of the import, located (sheet,
 * row, column, header, value) and tied to what became of its row, and the column choices the
 * import is not sure of (listed first everywhere). One list for every surface: `--json`, the CLI
 * summary, the 导入问题 sheet and the task pane.
 */
import type { Issue } from "../result";
import { columnLetter } from "../sheet-spec";
import type { ImportResult, UncertainChoice } from "./types";

/** One warning of an import, with where it is and what became of its row. */
export interface LocatedWarning {
  readonly sheet: string | null;
  /** 1-based row as Excel shows it; null for a sheet- or workbook-level warning. */
  readonly row: number | null;
  readonly column: string | null;
  readonly header: string | null;
  readonly value: string | null;
  readonly issue: Issue;
  /** `imported`: the row was kept with this warning; `rejected`: the row was not imported; null: no row. */
  readonly rowOutcome: "imported" | "rejected" | null;
}

/** An uncertain column choice with its sheet. */
export interface LocatedUncertain {
  readonly sheet: string;
  readonly choice: UncertainChoice;
}

/** A column as a clerk names it: `E 列「订单数量」`'s parts. */
export interface ColumnRef {
  readonly column: string;
  readonly header: string;
}

/** The column letter and header of a 0-based sheet column. */
export function columnRef(c: { readonly col: number; readonly header: string }): ColumnRef {
  return { column: columnLetter(c.col), header: c.header };
}

/**
 * Every uncertain column choice, in sheet order.
 * @example importUncertain(result).map((u) => `${u.sheet}:${u.choice.field}`)
 */
export function importUncertain(result: ImportResult): LocatedUncertain[] {
  return result.detections.flatMap((d) => (d.uncertain ?? []).map((choice) => ({ sheet: d.sheet, choice })));
}

function locate(issue: Issue, rowOutcome: LocatedWarning["rowOutcome"]): LocatedWarning {
  const at = issue.at;
  return { sheet: at?.sheet ?? null, row: at?.row ?? null, column: at?.column ?? null, header: at?.header ?? null, value: issue.value ?? null, issue, rowOutcome };
}

/** Same warning raised twice (a row warning also kept as a workbook warning): one key. */
function warningKey(i: Issue): string {
  return [i.code, i.at?.sheet ?? "", i.at?.row ?? "", i.at?.column ?? "", i.value ?? ""].join("\u0000");
}

/**
 * Every warning of an import, each once: per sheet (in sheet order) the sheet's own warnings, then
 * its rows' warnings in row order; then workbook-level ones. Row warnings are those of imported
 * rows (`RowOutcome.warnings`); a workbook warning that points at a row says that row's outcome.
 * @example importWarnings(result).filter((w) => w.rowOutcome === "imported").length
 */
export function importWarnings(result: ImportResult): LocatedWarning[] {
  const seen = new Set<string>();
  const bySheet = new Map<string, LocatedWarning[]>();
  const sheetLevel = new Map<string, LocatedWarning[]>();
  const outcomeOf = new Map<string, Map<number, "imported" | "rejected">>();
  const push = (m: Map<string, LocatedWarning[]>, sheet: string, w: LocatedWarning): void => {
    const list = m.get(sheet);
    if (list) list.push(w);
    else m.set(sheet, [w]);
  };
  for (const d of result.detections) {
    for (const o of result.outcomes[d.sheet] ?? []) {
      if (o.kind !== "imported" || o.warnings.length === 0) continue;
      for (const w of o.warnings) {
        // A row warning without a location still belongs to its row.
        const issue: Issue = w.at?.sheet !== undefined && w.at.row !== undefined ? w : { ...w, at: { ...(w.at ?? {}), sheet: d.sheet, row: o.row } };
        const key = warningKey(issue);
        if (seen.has(key)) continue;
        seen.add(key);
        push(bySheet, d.sheet, locate(issue, "imported"));
      }
    }
  }
  const rowOutcome = (sheet: string, row: number): "imported" | "rejected" | null => {
    let m = outcomeOf.get(sheet);
    if (!m) {
      m = new Map();
      for (const o of result.outcomes[sheet] ?? []) if (o.kind !== "skipped") m.set(o.row, o.kind);
      outcomeOf.set(sheet, m);
    }
    return m.get(row) ?? null;
  };
  const workbook: LocatedWarning[] = [];
  for (const w of result.warnings) {
    const key = warningKey(w);
    if (seen.has(key)) continue;
    seen.add(key);
    const sheet = w.at?.sheet;
    if (sheet === undefined || !result.detections.some((d) => d.sheet === sheet)) workbook.push(locate(w, null));
    else if (w.at?.row === undefined) push(sheetLevel, sheet, locate(w, null));
    else push(bySheet, sheet, locate(w, rowOutcome(sheet, w.at.row)));
  }
  const out: LocatedWarning[] = [];
  for (const d of result.detections) {
    out.push(...(sheetLevel.get(d.sheet) ?? []));
    const rows = bySheet.get(d.sheet) ?? [];
    out.push(...rows.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  }
  return [...out, ...workbook];
}

/**
 * Warnings counted by code, most frequent first (ties by first appearance).
 * @example countWarnings(importWarnings(result))[0] // { code: "import.warn.amountMismatch", count: 12, first: … }
 */
export function countWarnings(warnings: readonly LocatedWarning[]): { readonly code: string; readonly count: number; readonly first: LocatedWarning }[] {
  const m = new Map<string, { code: string; count: number; first: LocatedWarning }>();
  for (const w of warnings) {
    const e = m.get(w.issue.code);
    if (e) e.count++;
    else m.set(w.issue.code, { code: w.issue.code, count: 1, first: w });
  }
  return [...m.values()].sort((a, b) => b.count - a.count);
}
