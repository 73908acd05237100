/**
 * ExcelJS cell values ↔ the port's raw cells, with Office.js `values` semantics: dates are serial
 * numbers (1900 or 1904 system), rich text and hyperlinks are their plain text, formulas are their
 * cached result, errors are `{ error }`, merged non-anchor cells are empty.
 */
import type ExcelJS from "exceljs";
import type { RawCell } from "../../app/workbook-port";

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 to 1970-01-01 (1900 system, where serial 25569 = 1970-01-01). */
const EPOCH_1900 = 25569;
/** Days between the 1900 and 1904 systems. */
const OFFSET_1904 = 1462;

/**
 * An ExcelJS `Date` (UTC-based, as ExcelJS builds it from a serial) → Excel serial number.
 * @example dateToSerial(new Date(Date.UTC(2025, 2, 5)), false) // 45721
 */
export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / MS_PER_DAY + EPOCH_1900 - (date1904 ? OFFSET_1904 : 0);
  // Whole days stay whole; times keep ExcelJS's millisecond precision.
  const rounded = Math.round(serial * 86_400_000) / 86_400_000;
  return Math.abs(rounded - Math.round(rounded)) < 1e-9 ? Math.round(rounded) : rounded;
}

/** Excel serial → the UTC `Date` ExcelJS writes as that serial. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_1900 + (date1904 ? OFFSET_1904 : 0)) * MS_PER_DAY));
}

function plain(v: unknown, date1904: boolean): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  // `<v>-0</v>` reads as 0, as in Excel (which has no negative zero).
  if (typeof v === "number") return Number.isFinite(v) ? (v === 0 ? 0 : v) : { error: "#NUM!" };
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: "#VALUE!" } : dateToSerial(v, date1904);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return plain(o.result, date1904);
    if (typeof o.text === "string" || typeof o.text === "object") return plain(o.text, date1904); // hyperlink
  }
  return String(v);
}

/**
 * One ExcelJS cell as a raw value. Merged cells other than the anchor read as empty (Office.js
 * gives their value only at the top-left).
 */
export function rawValue(cell: ExcelJS.Cell, date1904: boolean): RawCell {
  if (cell.isMerged && cell.master !== cell) return null;
  const v = cell.value as unknown;
  // ExcelJS's formula value drops a falsy cached result (0, FALSE); the cell's own `result` keeps it.
  if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) return plain((cell as unknown as { result?: unknown }).result ?? null, date1904);
  return plain(v, date1904);
}

/** Formula text with `=`, or null (shared formulas are translated to this cell). */
export function formulaText(cell: ExcelJS.Cell): string | null {
  if (cell.isMerged && cell.master !== cell) return null;
  const v = cell.value as unknown;
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  if (!("formula" in (v as object)) && !("sharedFormula" in (v as object))) return null;
  const f = cell.formula;
  return f ? `=${f.replace(/^=/, "")}` : null;
}

/** A cell's number format (`General` when none). */
export function numberFormat(cell: ExcelJS.Cell): string {
  const f = cell.numFmt;
  return typeof f === "string" && f !== "" ? f : "General";
}
