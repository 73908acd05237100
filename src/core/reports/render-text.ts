/**
 * A SheetSpec as plain text lines (cells joined by ` | `, formulas shown by value, money cells
 * with two decimals): for snapshot tests and the CLI's terminal output.
 */
import type { SheetSpec, SpecCell } from "../sheet-spec";

function cellText(cell: SpecCell | undefined, format: string | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "object") {
    if ("date" in cell) return cell.date;
    return cellText(cell.value, format);
  }
  if (typeof cell === "number") {
    if (format !== undefined && /0\.00/.test(format)) return groupThousands(cell.toFixed(2));
    return String(cell);
  }
  return String(cell);
}

function groupThousands(fixed: string): string {
  const neg = fixed.startsWith("-");
  const body = neg ? fixed.slice(1) : fixed;
  const [int = "", frac] = body.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/**
 * The spec's rows as text lines; trailing empty cells dropped.
 * @example renderSpecText(spec).join("\n")
 */
export function renderSpecText(spec: SheetSpec): string[] {
  // Number format per cell: later styles win, as hosts apply them in order.
  const formats = new Map<number, Map<number, string>>();
  for (const { range, style } of spec.styles) {
    if (style.numberFormat === undefined) continue;
    for (let r = range.row; r <= range.rowEnd && r < spec.rows.length; r++) {
      let row = formats.get(r);
      if (!row) formats.set(r, (row = new Map()));
      for (let c = range.col; c <= range.colEnd; c++) row.set(c, style.numberFormat);
    }
  }
  return spec.rows.map((row, r) => {
    const cells = row.map((cell, c) => cellText(cell, formats.get(r)?.get(c)));
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells.join(" | ");
  });
}
