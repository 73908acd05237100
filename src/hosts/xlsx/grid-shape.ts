/**
 * The shape of the chunks both xlsx hosts give from `readSheet`: a used range no bigger than
 * `DENSE_CELLS` comes as whole rows (every row as wide as the range, as Office.js gives it); a
 * bigger one — typically a stray value far away, such as XFD1048576 — has each row end at its last
 * value or formula, so reading it costs what the sheet holds, never the rectangle's area.
 */

/** Largest used range (rows × columns) read as whole rows: 4,194,304 cells, ~100 MB at worst. */
export const DENSE_CELLS = 4_194_304;

/**
 * True when a used range of `rows` × `columns` is read as whole rows.
 * @example denseGrid(1_048_576, 16_384) // false
 */
export function denseGrid(rows: number, columns: number): boolean {
  return rows * columns <= DENSE_CELLS;
}
