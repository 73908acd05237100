/**
 * Shared sheet layout for reports and statements: a small row-by-row builder for `SheetSpec`,
 * the house styles (title, header, total), number formats, and fen → yuan for cells.
 */
import type { CellRange, CellStyle, PrintSetup, SheetKind, SheetSpec, SpecCell, StyledRange } from "../sheet-spec";

/** Money cells hold yuan (what a clerk types and sums), shown with two decimals. */
export const MONEY_FORMAT = "#,##0.00";
/** Quantities: shown as entered (never mixed with money in one column). */
export const QTY_FORMAT = "General";
/** Date cells. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** Cell value in yuan for integer fen (exact to the fen when printed with two decimals). */
export function yuan(fen: number): number {
  return fen / 100;
}

/** Most characters an Excel cell holds. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Text cut to what one Excel cell holds, ending in `…` when cut.
 * @example clipCellText("x".repeat(40_000)).length // 32_767
 */
export function clipCellText(s: string): string {
  return s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s;
}

/** House styles. */
export const STYLE = {
  title: { bold: true, fontSize: 16, hAlign: "center", vAlign: "middle" },
  subtitle: { hAlign: "left", fontSize: 10 },
  note: { fontSize: 9, italic: true, fontColor: "#595959", wrap: false },
  section: { bold: true, fontSize: 11 },
  header: { bold: true, hAlign: "center", vAlign: "middle", wrap: true, fill: "#D9E1F2", border: { weight: "thin", scope: "all" } },
  body: { border: { weight: "thin", scope: "all" } },
  subtotal: { bold: true, fill: "#F2F2F2" },
  total: { bold: true, fill: "#E2EFDA", border: { weight: "medium", scope: "top" } },
} as const satisfies Record<string, CellStyle>;

/** Builds a SheetSpec row by row. Row indexes are 0-based, as in SheetSpec. */
export class SheetBuilder {
  readonly rows: SpecCell[][] = [];
  readonly styles: StyledRange[] = [];
  readonly merges: CellRange[] = [];
  readonly anchors: Record<string, { row: number; col: number }> = {};

  /** Index the next pushed row will get. */
  get next(): number {
    return this.rows.length;
  }

  /** Append a row; returns its index. */
  push(cells: SpecCell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }

  /** Append an empty row. */
  blank(): number {
    return this.push([]);
  }

  /** Style a rectangle (inclusive). Empty ranges (rowEnd < row) are ignored. */
  style(row: number, col: number, rowEnd: number, colEnd: number, style: CellStyle): void {
    if (rowEnd < row || colEnd < col) return;
    this.styles.push({ range: { row, col, rowEnd, colEnd }, style });
  }

  /** Merge a rectangle (inclusive). */
  merge(row: number, col: number, rowEnd: number, colEnd: number): void {
    if (rowEnd === row && colEnd === col) return;
    this.merges.push({ row, col, rowEnd, colEnd });
  }

  /** Name a cell for tests and links. */
  anchor(name: string, row: number, col: number): void {
    this.anchors[name] = { row, col };
  }

  /** A merged, centred title across `width` columns; returns its row. */
  title(text: string, width: number): number {
    const r = this.push([text]);
    this.merge(r, 0, r, width - 1);
    this.style(r, 0, r, width - 1, STYLE.title);
    return r;
  }

  /** A merged one-line text across `width` columns (subtitle, basis, note); returns its row. */
  line(text: string, width: number, style: CellStyle = STYLE.subtitle): number {
    const r = this.push([text]);
    this.merge(r, 0, r, width - 1);
    this.style(r, 0, r, width - 1, style);
    return r;
  }

  /** A header row styled as such; returns its row. */
  header(cells: string[]): number {
    const r = this.push(cells);
    this.style(r, 0, r, cells.length - 1, STYLE.header);
    return r;
  }

  /** The finished spec. */
  build(opts: {
    name: string;
    kind: SheetKind;
    columnWidths: number[];
    print: PrintSetup;
    freeze?: { rows: number; columns: number };
  }): SheetSpec {
    // A customer name or note can make a title or line longer than a cell holds; Excel would refuse it.
    for (const row of this.rows) for (let c = 0; c < row.length; c++) if (typeof row[c] === "string") row[c] = clipCellText(row[c] as string);
    const spec: SheetSpec = {
      name: opts.name,
      kind: opts.kind,
      rows: this.rows,
      styles: this.styles,
      merges: this.merges,
      columnWidths: opts.columnWidths,
      print: opts.print,
      anchors: this.anchors,
      ...(opts.freeze ? { freeze: opts.freeze } : {}),
    };
    return spec;
  }
}

/** Sorts indexes: seeded (master-order) entries first in master order, the rest by name. */
export function masterOrder(names: readonly string[], seeded: number, used: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < names.length; i++) if (used(i)) out.push(i);
  return out.sort((a, b) => (a < seeded || b < seeded ? a - b : compareText(names[a] ?? "", names[b] ?? "")));
}

/** Code-point order: stable across machines (no locale data in core). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Days since 1970-01-01 of a valid civil date, by arithmetic without validation (hot loops: aging). */
export function epochDay(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
