/** Tiny builders of in-memory sheet grids for importer tests. */
import type { RawCell, SheetGrid, MergeArea } from "../../../src/core/import/types";

/** A grid from rows of raw cells, starting at A1; formats default to General. */
export function grid(name: string, values: RawCell[][], extra: { formats?: string[][]; formulas?: (string | null)[][]; merges?: MergeArea[]; startRow?: number; startCol?: number } = {}): SheetGrid {
  let width = 0;
  for (const r of values) if (r.length > width) width = r.length;
  const norm = values.map((r) => [...r, ...new Array<RawCell>(width - r.length).fill(null)]);
  return {
    name,
    startRow: extra.startRow ?? 0,
    startCol: extra.startCol ?? 0,
    values: norm,
    formats: extra.formats ?? norm.map((r) => r.map(() => "General")),
    formulas: extra.formulas ?? norm.map((r) => r.map(() => null)),
    merges: extra.merges ?? [],
  };
}
