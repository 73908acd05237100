/**
 * Render a `SheetSpec` onto an ExcelJS worksheet: values (dates as serials with a date format,
 * formulas with their computed result, strings always as text), styles, merges, widths, freeze
 * panes, print setup (A4, fit to width, repeated title rows, footer) and in-workbook hyperlinks.
 */
import type ExcelJS from "exceljs";
import type { CellStyle, SheetSpec, SpecCell } from "../../core/sheet-spec";
import { a1, rangeA1 } from "../../core/sheet-spec";
import { isoToExcelSerial } from "../../core/dates";
import { serialToDate } from "./cells";
import "./exceljs-patches";

/** Number format a date cell gets when its style names none. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

/** The ExcelJS value for one spec cell. */
export function specValue(cell: SpecCell, date1904: boolean): ExcelJS.CellValue {
  if (cell === null || typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean") return cell;
  if ("date" in cell) return serialToDate(isoToExcelSerial(cell.date, date1904), date1904);
  return { formula: cell.formula.replace(/^=/, ""), result: cell.value ?? undefined } as ExcelJS.CellFormulaValue;
}

function applyStyle(c: ExcelJS.Cell, style: CellStyle): void {
  if (style.numberFormat) c.numFmt = style.numberFormat;
  if (style.bold !== undefined || style.italic !== undefined || style.fontSize !== undefined || style.fontColor !== undefined) {
    c.font = {
      ...(c.font ?? {}),
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.fontSize !== undefined ? { size: style.fontSize } : {}),
      ...(style.fontColor !== undefined ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.hAlign || style.vAlign || style.wrap !== undefined) {
    c.alignment = {
      ...(c.alignment ?? {}),
      ...(style.hAlign ? { horizontal: style.hAlign } : {}),
      ...(style.vAlign ? { vertical: style.vAlign } : {}),
      ...(style.wrap !== undefined ? { wrapText: style.wrap } : {}),
    };
  }
}

function applyBorder(ws: ExcelJS.Worksheet, range: { row: number; col: number; rowEnd: number; colEnd: number }, border: NonNullable<CellStyle["border"]>): void {
  if (border.weight === "none") return;
  const line: Partial<ExcelJS.Border> = { style: border.weight };
  for (let r = range.row; r <= range.rowEnd; r++) {
    for (let c = range.col; c <= range.colEnd; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const b = { ...(cell.border ?? {}) } as Record<string, Partial<ExcelJS.Border>>;
      if (border.scope === "all") Object.assign(b, { top: line, bottom: line, left: line, right: line });
      else if (border.scope === "bottom") {
        if (r === range.rowEnd) b.bottom = line;
      } else if (border.scope === "top") {
        if (r === range.row) b.top = line;
      } else {
        if (r === range.row) b.top = line;
        if (r === range.rowEnd) b.bottom = line;
        if (c === range.col) b.left = line;
        if (c === range.colEnd) b.right = line;
      }
      cell.border = b as Partial<ExcelJS.Borders>;
    }
  }
}

/** Quote a sheet name for a reference: `'1月 销售'!B5`. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** Draw `spec` onto an empty worksheet. */
export function renderSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, date1904: boolean): void {
  spec.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell === null) return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = specValue(cell, date1904);
      if (typeof cell === "object" && "date" in cell) target.numFmt = DEFAULT_DATE_FORMAT;
    });
  });
  for (const s of spec.styles) {
    const { range, style } = s;
    for (let r = range.row; r <= range.rowEnd; r++) for (let c = range.col; c <= range.colEnd; c++) applyStyle(ws.getCell(r + 1, c + 1), style);
    if (style.border) applyBorder(ws, range, style.border);
  }
  for (const m of spec.merges) if (m.rowEnd > m.row || m.colEnd > m.col) ws.mergeCells(rangeA1(m));
  spec.columnWidths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) {
    ws.views = [{ state: "frozen", xSplit: spec.freeze.columns, ySplit: spec.freeze.rows, topLeftCell: a1(spec.freeze.rows, spec.freeze.columns) }];
  }
  const p = spec.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: p.orientation,
    fitToPage: p.fitToWidth,
    ...(p.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(p.repeatRows ? { printTitlesRow: `${p.repeatRows.first + 1}:${p.repeatRows.last + 1}` } : {}),
  };
  if (p.footer) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${p.footer}` };
  for (const link of spec.links ?? []) {
    const cell = ws.getCell(link.row + 1, link.col + 1);
    const text = cell.value === null || cell.value === undefined ? link.target.cell : String(cell.value as string | number);
    cell.value = { text, hyperlink: `#${sheetRef(link.target.sheet, link.target.cell)}` };
  }
}
