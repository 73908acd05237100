/**
 * Civil dates as `YYYY-MM-DD` strings. Arithmetic is done on day numbers (days since 1970-01-01 in
 * the proleptic Gregorian calendar) with integer formulas, not `Date`: no time zone, no DST, no
 * clock can shift a day. Excel serials (1900 system with Lotus's fictitious 1900-02-29, and the
 * 1904 system) and the text clerks type are read here, once.
 */
import { fail, ok, type Result } from "./result";

/** Leap year in the Gregorian calendar. @example isLeapYear(2000) // true */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1–12). @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `dayNumber` (Hinnant's civil_from_days). */
function civil(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function format(y: number, m: number, d: number): string {
  if (y < 1 || y > 9999) throw new RangeError(`year out of range: ${y}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function isReal(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * True for a `YYYY-MM-DD` string that exists on the calendar.
 * @example isIsoDate("2024-02-29") // true
 * @example isIsoDate("2018-02-29") // false
 */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isReal(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Day number of a valid ISO date; throws `RangeError` otherwise (a bug: validate input first). */
function toDays(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`not a civil date YYYY-MM-DD: ${iso}`);
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

function fromDays(days: number): string {
  const [y, m, d] = civil(days);
  return format(y, m, d);
}

/**
 * The date `n` days after `iso` (n may be negative). Throws `RangeError` for an invalid date.
 * @example addDays("2024-02-28", 1) // "2024-02-29"
 * @example addDays("2025-03-01", -1) // "2025-02-28"
 */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return fromDays(toDays(iso) + n);
}

/**
 * Calendar days from `b` to `a` (a − b): positive when `a` is later.
 * @example diffDays("2025-03-05", "2025-03-01") // 4
 * @example diffDays("2025-01-01", "2025-12-31") // -364
 */
export function diffDays(a: string, b: string): number {
  return toDays(a) - toDays(b);
}

/**
 * The day before. @example dayBefore("2025-03-01") // "2025-02-28"
 */
export function dayBefore(iso: string): string {
  return addDays(iso, -1);
}

/**
 * Day of the week, 0 = Sunday … 6 = Saturday. @example dayOfWeek("2025-03-05") // 3 (星期三)
 */
export function dayOfWeek(iso: string): number {
  return (((toDays(iso) + 4) % 7) + 7) % 7;
}

/** 1900 system: serial 1 = 1900-01-01; from serial 61 on, one day is lost to the fictitious 1900-02-29. */
const DAY_1900_01_01 = dayNumber(1900, 1, 1);
const DAY_1899_12_30 = dayNumber(1899, 12, 30);
const DAY_1904_01_01 = dayNumber(1904, 1, 1);
const LAST_DAY = dayNumber(9999, 12, 31);
/** Half a millisecond, in days: a serial this close below midnight is float noise for the next day. */
const HALF_MS = 0.5 / 86_400_000;

/**
 * Excel serial → civil date. 1900 system (default): 1 = 1900-01-01, 60 = the fictitious 1900-02-29
 * Lotus 1-2-3 invented (issue `date.fictitious1900`), 61 = 1900-03-01. 1904 system: 0 = 1904-01-01.
 * The fraction (time of day) is dropped. Before serial 1 (or 0) or after 9999-12-31:
 * `date.outOfRange`; NaN/Infinity: `date.unrecognized`.
 * @example excelSerialToIso(45721) // { ok: true, value: "2025-03-05" }
 * @example excelSerialToIso(60) // { ok: false, issues: [{ code: "date.fictitious1900", value: "60" }] }
 * @example excelSerialToIso(0, true) // { ok: true, value: "1904-01-01" }
 */
export function excelSerialToIso(serial: number, date1904 = false): Result<string> {
  if (!Number.isFinite(serial)) return fail({ code: "date.unrecognized", value: String(serial) });
  const whole = Math.floor(serial + HALF_MS);
  let days: number;
  if (date1904) {
    days = DAY_1904_01_01 + whole;
    if (whole < 0) return fail({ code: "date.outOfRange", value: String(serial) });
  } else {
    if (whole === 60) return fail({ code: "date.fictitious1900", value: String(serial) });
    if (whole < 1) return fail({ code: "date.outOfRange", value: String(serial) });
    days = whole < 60 ? DAY_1900_01_01 + whole - 1 : DAY_1899_12_30 + whole;
  }
  if (days > LAST_DAY) return fail({ code: "date.outOfRange", value: String(serial) });
  return ok(fromDays(days));
}

/**
 * Civil date → Excel serial (whole days), the inverse of `excelSerialToIso`. Throws `RangeError`
 * for an invalid date or one before the system's first day (1900-01-01 / 1904-01-01).
 * @example isoToExcelSerial("2025-03-05") // 45721
 * @example isoToExcelSerial("1900-03-01") // 61
 * @example isoToExcelSerial("1904-01-01", true) // 0
 */
export function isoToExcelSerial(iso: string, date1904 = false): number {
  const days = toDays(iso);
  if (date1904) {
    if (days < DAY_1904_01_01) throw new RangeError(`before the 1904 date system: ${iso}`);
    return days - DAY_1904_01_01;
  }
  if (days < DAY_1900_01_01) throw new RangeError(`before the 1900 date system: ${iso}`);
  return days < DAY_1900_01_01 + 59 ? days - DAY_1900_01_01 + 1 : days - DAY_1899_12_30;
}

/** Options for `parseDate`. */
export interface ParseDateOptions {
  /** The workbook uses the 1904 date system (Mac Excel). */
  readonly date1904?: boolean;
  /** Year for text without one (`3月5日`, `3.5`); without it such text is `date.needsYear`. */
  readonly year?: number;
  /** The cell's number format; an 8-digit number is read as `yyyymmdd` unless this is a date format. */
  readonly numberFormat?: string;
}

const WEEKDAY = /[\s,，、(（]*(?:(?:星期|周|礼拜)[一二三四五六七日天]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)[)）]?$/i;
const TIME = /(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[AP]M))?$/i;
const YMD_SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const YMD_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MD_CHINESE = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const MD_SEPARATED = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})$/;

function checked(y: number, m: number, d: number, value: string): Result<string> {
  if (y < 1900 || y > 9999) return fail({ code: "date.outOfRange", value });
  if (!isReal(y, m, d)) return fail({ code: "date.impossible", value });
  return ok(format(y, m, d));
}

function parseDateText(raw: string, opts: ParseDateOptions): Result<string> {
  let s = raw.normalize("NFKC").replace(/[\u200B-\u200D\u2060\uFEFF]/g, "").trim();
  // Time and weekday may come in either order after the date; the weekday is ignored even if wrong.
  for (let i = 0; i < 2; i++) s = s.replace(TIME, "").replace(WEEKDAY, "").trim();
  const full = YMD_SEPARATED.exec(s) ?? YMD_CHINESE.exec(s);
  if (full) {
    const hasSep = full.length === 5;
    return checked(Number(full[1]), Number(hasSep ? full[3] : full[2]), Number(hasSep ? full[4] : full[3]), raw);
  }
  const compact = YMD_COMPACT.exec(s);
  if (compact) return checked(Number(compact[1]), Number(compact[2]), Number(compact[3]), raw);
  const md = MD_CHINESE.exec(s);
  const mdSep = md ? undefined : MD_SEPARATED.exec(s);
  if (md || mdSep) {
    if (opts.year === undefined) return fail({ code: "date.needsYear", value: raw });
    const month = Number(md ? md[1] : mdSep?.[1]);
    const day = Number(md ? md[2] : mdSep?.[3]);
    return checked(opts.year, month, day, raw);
  }
  return fail({ code: "date.unrecognized", value: raw });
}

/**
 * A date cell's value → civil date.
 * - number: an Excel serial (see `excelSerialToIso`; `opts.date1904`), except an 8-digit integer
 *   such as 20250305 in a cell whose format is not a date format, which is `yyyymmdd`.
 * - `Date` (what ExcelJS returns for date cells, at UTC midnight): its UTC calendar day.
 * - text: `2025-03-05`, `2025-3-5`, `2025/3/5`, `2025.3.5`, `2025年3月5日`, `20250305`, with an
 *   optional time (`2025/03/05 00:00:00`) and weekday (`2018-01-01 星期五`, ignored even if wrong);
 *   `3月5日`, `3.5`, `3/5`, `3-5` need `opts.year`. Full-width digits are fine.
 *
 * Issues (all with `value`): `date.empty` (blank), `date.unrecognized`, `date.impossible`
 * (2018-02-29, 2025-13-01: never shifted), `date.outOfRange` (year < 1900 or > 9999),
 * `date.fictitious1900` (serial 60), `date.needsYear`.
 * @example parseDate("2025年3月5日 星期三") // { ok: true, value: "2025-03-05" }
 * @example parseDate("3月5日", { year: 2025 }) // { ok: true, value: "2025-03-05" }
 * @example parseDate("2018-02-29") // { ok: false, issues: [{ code: "date.impossible", value: "2018-02-29" }] }
 */
export function parseDate(raw: unknown, opts: ParseDateOptions = {}): Result<string> {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.normalize("NFKC").trim() === "")) {
    return fail({ code: "date.empty" });
  }
  if (typeof raw === "number") {
    if (Number.isInteger(raw) && raw >= 10000101 && raw <= 99991231 && !(opts.numberFormat && isDateFormat(opts.numberFormat))) {
      return checked(Math.floor(raw / 10000), Math.floor(raw / 100) % 100, raw % 100, String(raw));
    }
    return excelSerialToIso(raw, opts.date1904 ?? false);
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail({ code: "date.unrecognized", value: String(raw) });
    return checked(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw.toISOString());
  }
  if (typeof raw === "string") return parseDateText(raw, opts);
  return fail({ code: "date.unrecognized", value: String(raw) });
}

/**
 * Whether an Excel number format displays a date: a y, d, e (era year) or aaa (weekday) token, or
 * an m that is a month rather than minutes (not after h, not before s), outside quotes, escapes
 * and `[...]` sections. Time-only formats (`h:mm`, `[h]:mm:ss`), `General`, `@`, numbers and
 * scientific formats are not dates.
 * @example isDateFormat('[$-804]yyyy"年"m"月"d"日"') // true
 * @example isDateFormat("h:mm:ss") // false
 * @example isDateFormat("General") // false
 */
export function isDateFormat(numberFormat: string): boolean {
  const section = (numberFormat
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .split(";")[0] ?? "").trim();
  if (section === "" || /^general$/i.test(section)) return false;
  if (/[0#?]/.test(section) && /e[+-]/i.test(section)) return false;
  const tokens = section.replace(/am\/pm|a\/p/gi, "").replace(/h+[^a-z]*m+/gi, "h").replace(/m+([^a-z]*s)/gi, "$1");
  return /[yde]|a{3}|m/i.test(tokens);
}
