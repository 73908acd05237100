/**
 * A date column that holds only months (1–12, `3月`, `三月份`), with the year written elsewhere: in
 * the title (`2023年销售台账`), the sheet name (`2023`) or the file name (`…_202305_…`,
 * `2023销售台账.xlsx`), in that order. Such a line is dated the first of its month: the earliest day
 * it can belong to, so monthly and annual reports are exact and aging never understates how long a
 * debt has been owed; the clerk is told the day is unknown.
 */
import type { Issue, Result } from "../result";
import { fail, ok } from "../result";
import { normalizeText } from "../text";
import { columnLetter } from "../sheet-spec";
import { headerKey } from "./synonyms";
import type { ColumnChoice, RawCell, SheetGrid } from "./types";

/** Where the year of a month-only date column comes from. */
export type MonthYearSource = "title" | "sheet" | "file";

/** A month-only date column and the year its months are in (null when none was found anywhere). */
export interface MonthDates {
  /** 0-based sheet column. */
  readonly col: number;
  readonly header: string;
  readonly year: number | null;
  readonly from: MonthYearSource | null;
}

const CN_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
/** Headers that name a month column (月份, 月, 月度, 期间, Month). */
const MONTH_HEADER = /^(月份?|月度|所属月份|销售月份|期间|会计期间|month|mon)$/i;
/** The reason code saying where the year came from. */
const MONTH_REASON: Readonly<Record<MonthYearSource, string>> = { title: "import.reason.monthDatesFromTitle", sheet: "import.reason.monthDatesFromSheet", file: "import.reason.monthDatesFromFile" };
/** Rows of a month column sampled to decide. */
const SAMPLE = 300;

/**
 * The month a cell holds, and its own year when it says one (`2023年5月`, `2023-05`); null when it is
 * no month (a day, a date, text).
 * @example monthValue(5) // { month: 5 }
 * @example monthValue("2023年5月") // { month: 5, year: 2023 }
 */
export function monthValue(v: RawCell | undefined): { readonly month: number; readonly year?: number } | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 12 ? { month: v } : null;
  if (typeof v !== "string") return null;
  const s = normalizeText(v).replace(/\s/g, "");
  let m = /^(\d{1,2})(?:月份?|月度)?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { month } : null;
  }
  m = /^([一二三四五六七八九十]{1,3})月份?$/.exec(s);
  if (m) {
    const i = CN_MONTHS.indexOf(m[1]!);
    return i >= 0 ? { month: i + 1 } : null;
  }
  m = /^((?:19|20)\d\d)(?:年|[-./])(\d{1,2})月?份?$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { month, year: Number(m[1]) } : null;
  }
  return null;
}

/** True when most filled cells of local column `c` below header row `h` are months (totals and blanks aside). */
function holdsMonths(grid: SheetGrid, h: number, c: number, numbersOnly: boolean): boolean {
  let months = 0;
  let seen = 0;
  for (let r = h + 1; r < grid.values.length && seen < SAMPLE; r++) {
    const v = grid.values[r]?.[c];
    if (v === null || v === undefined || (typeof v === "string" && normalizeText(v) === "")) continue;
    if (typeof v === "string" && /计|汇总|total/i.test(v)) continue;
    seen++;
    if (numbersOnly && typeof v !== "number") continue;
    if (monthValue(v) !== null) months++;
  }
  return seen >= 2 && months / seen >= 0.8;
}

const TITLE_YEAR = /(?<!\d)(19[89]\d|20\d\d)\s*(?:年|[-./]\s*\d{1,2}(?!\d)|年度)/;
/** A single month named in the context (2023年5月, _202305_): then a 日期 column of small numbers holds days, not months. */
const CONTEXT_MONTH = /(?<!\d)(?:19|20)\d\d\s*(?:年\s*\d{1,2}\s*月|[-_.]?(?:0[1-9]|1[0-2])(?![\d月]))/;

/**
 * The year a file name gives: `销售_202305_导出.xlsx`, `2023年5月台账.xlsx`, `2023销售台账.xlsx` → 2023;
 * null when it names none, or two different years (`2022-2023对比`).
 */
export function fileNameYear(fileName: string): number | null {
  const base = normalizeText(fileName.replace(/^.*[\\/]/, "").replace(/\.[A-Za-z0-9]{2,5}$/, ""));
  const years = new Set<number>();
  for (const m of base.matchAll(/(?<!\d)(19[89]\d|20\d\d)(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?)?(?!\d)/g)) years.add(Number(m[1]));
  return years.size === 1 ? [...years][0]! : null;
}

/** The year for a month-only column: the title's, else the sheet name's, else the file name's, with where it came from. */
export function monthYear(titles: readonly string[], sheetName: string, fileName: string | undefined): { readonly year: number; readonly from: MonthYearSource } | null {
  for (const t of titles) {
    const m = TITLE_YEAR.exec(t.normalize("NFKC"));
    if (m?.[1]) return { year: Number(m[1]), from: "title" };
  }
  const s = sheetName.normalize("NFKC");
  const sm = TITLE_YEAR.exec(s) ?? /^\s*(19[89]\d|20\d\d)\s*$/.exec(s) ?? /(?<!\d)(19[89]\d|20\d\d)(?!\d)/.exec(s);
  if (sm?.[1]) return { year: Number(sm[1]), from: "sheet" };
  const f = fileName !== undefined ? fileNameYear(fileName) : null;
  return f !== null ? { year: f, from: "file" } : null;
}

/**
 * Find a month-only date column: the mapped date column when its values are months (a 日期 column
 * of bare numbers counts only when nothing names one month, where they would be days), else an
 * unmapped 月份 / 月 column of months. Null when there is none.
 */
export function findMonthColumn(grid: SheetGrid, headerRow: number, mapping: readonly ColumnChoice[], titles: readonly string[], fileName: string | undefined): { readonly dates: MonthDates; readonly mapped: boolean; readonly reasons: readonly Issue[] } | null {
  const date = mapping.find((m) => m.field === "date");
  let found: { col: number; header: string; mapped: boolean } | null = null;
  if (date) {
    const c = date.col - grid.startCol;
    const saysMonth = /月|month/i.test(date.header);
    const contextMonth = [grid.name, ...titles, fileName ?? ""].some((t) => CONTEXT_MONTH.test(normalizeText(t)));
    if (holdsMonths(grid, headerRow, c, false) && (saysMonth || !contextMonth || !holdsMonths(grid, headerRow, c, true))) found = { col: date.col, header: date.header, mapped: true };
  } else {
    const row = grid.values[headerRow] ?? [];
    for (let c = 0; c < row.length && found === null; c++) {
      const v = row[c];
      if (typeof v !== "string" || mapping.some((m) => m.col === grid.startCol + c)) continue;
      if (MONTH_HEADER.test(headerKey(v)) && holdsMonths(grid, headerRow, c, false)) found = { col: grid.startCol + c, header: normalizeText(v), mapped: false };
    }
  }
  if (found === null) return null;
  const y = monthYear(titles, grid.name, fileName);
  const column = columnLetter(found.col);
  const wrap = monthsWrap(grid, headerRow, found.col - grid.startCol);
  const reasons: Issue[] = y
    ? [{ code: MONTH_REASON[y.from], params: { column, header: found.header, year: y.year }, severity: "warning" }]
    : [{ code: "import.reason.monthDatesNoYear", params: { column, header: found.header }, severity: "warning" }];
  // 11, 12, 1, 2 under one year: the later months are likely the next year's — said, not guessed.
  if (y && wrap !== null) reasons.push({ code: "import.reason.monthsWrap", params: { column, header: found.header, year: y.year, row: wrap + 1 }, severity: "warning" });
  return { dates: { col: found.col, header: found.header, year: y?.year ?? null, from: y?.from ?? null }, mapped: found.mapped, reasons };
}

/** The 0-based sheet row where months without their own year fall back by half a year or more (12 → 1), or null. */
function monthsWrap(grid: SheetGrid, h: number, c: number): number | null {
  let last: number | null = null;
  for (let r = h + 1; r < grid.values.length; r++) {
    const m = monthValue(grid.values[r]?.[c]);
    if (m === null || m.year !== undefined) continue;
    if (last !== null && last - m.month >= 6) return grid.startRow + r;
    last = m.month;
  }
  return null;
}

/**
 * The date of a cell in a month-only column: the first of its month in the cell's own year, else the
 * column's; a refusal saying where to write the year when there is none; null when the cell is no
 * month (read it as an ordinary date).
 * @example monthDate(5, { col: 0, header: "月份", year: 2023, from: "title" }) // { ok: true, value: "2023-05-01" }
 */
export function monthDate(v: RawCell | undefined, dates: MonthDates): Result<string> | null {
  const m = monthValue(v);
  if (m === null) return null;
  const year = m.year ?? dates.year;
  if (year === null) return fail({ code: "import.date.monthNeedsYear", value: typeof v === "string" ? normalizeText(v) : String(v), params: { header: dates.header } });
  return ok(`${year}-${String(m.month).padStart(2, "0")}-01`);
}
