import fc from "fast-check";
import {
  addDays,
  dayBefore,
  dayOfWeek,
  daysInMonth,
  diffDays,
  excelSerialToIso,
  isDateFormat,
  isIsoDate,
  isLeapYear,
  isoToExcelSerial,
  parseDate,
} from "../../src/core/dates";
import { describeIssue } from "../../src/core/i18n";

const DAY_MS = 86_400_000;

/** Reference implementation for tests only: JavaScript's own UTC calendar. */
function utcIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Any civil date 1900-01-01 … 9999-12-31, as ISO. */
const isoArb = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(9999, 11, 31) / DAY_MS }).map((d) => utcIso(d * DAY_MS));

describe("calendar helpers", () => {
  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
    expect([daysInMonth(2024, 2), daysInMonth(2025, 2), daysInMonth(1900, 2), daysInMonth(2025, 4), daysInMonth(2025, 12)]).toEqual([29, 28, 28, 30, 31]);
  });

  it.each([
    ["2024-02-29", true],
    ["2018-02-29", false],
    ["2025-13-01", false],
    ["2025-04-31", false],
    ["2025-00-10", false],
    ["2025-3-5", false],
    ["2025-03-05T00:00", false],
  ])("isIsoDate(%p) = %p", (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it("adds and subtracts days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(dayBefore("2000-03-01")).toBe("2000-02-29");
    expect(dayBefore("1900-03-01")).toBe("1900-02-28");
    expect(diffDays("2025-03-05", "2025-03-01")).toBe(4);
    expect(diffDays("2025-01-01", "2025-12-31")).toBe(-364);
    expect(dayOfWeek("2025-03-05")).toBe(3);
    expect(dayOfWeek("2018-01-01")).toBe(1);
  });

  it("throws on invalid dates, fractional days and years past 9999 (bugs)", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addDays("2018-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("2025-03-05", 0.5)).toThrow(RangeError);
    expect(() => diffDays("x", "2025-01-01")).toThrow(RangeError);
  });

  it("agrees with the UTC calendar on addDays, diffDays and dayOfWeek", () => {
    fc.assert(
      fc.property(isoArb, fc.integer({ min: -40_000, max: 40_000 }), (iso, n) => {
        const ms = Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS;
        fc.pre(ms >= Date.UTC(1900, 0, 1) && ms <= Date.UTC(9999, 11, 31));
        const later = addDays(iso, n);
        expect(later).toBe(utcIso(ms));
        expect(diffDays(later, iso)).toBe(n);
        if (iso < "9999-12-31") expect(dayBefore(addDays(iso, 1))).toBe(iso);
        expect(dayOfWeek(iso)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay());
      }),
      { numRuns: 300 },
    );
  });
});

describe("Excel serials", () => {
  it.each<[number, boolean, string]>([
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [61, false, "1900-03-01"],
    [45721, false, "2025-03-05"],
    [45721.75, false, "2025-03-05"],
    [45721.999999, false, "2025-03-05"],
    [45721.99999999999, false, "2025-03-06"], // float noise for the next midnight
    [2958465, false, "9999-12-31"],
    [0, true, "1904-01-01"],
    [1, true, "1904-01-02"],
    [44259, true, "2025-03-05"],
    [2957003, true, "9999-12-31"],
  ])("serial %p (1904: %p) → %p", (serial, date1904, iso) => {
    expect(excelSerialToIso(serial, date1904)).toEqual({ ok: true, value: iso });
  });

  it.each<[number, boolean, string]>([
    [60, false, "date.fictitious1900"],
    [60.5, false, "date.fictitious1900"],
    [0, false, "date.outOfRange"],
    [-1, false, "date.outOfRange"],
    [2958466, false, "date.outOfRange"],
    [-1, true, "date.outOfRange"],
    [2957004, true, "date.outOfRange"],
    [NaN, false, "date.unrecognized"],
    [Infinity, true, "date.unrecognized"],
  ])("serial %p (1904: %p) is rejected with %p", (serial, date1904, code) => {
    expect(excelSerialToIso(serial, date1904)).toEqual({ ok: false, issues: [{ code, value: String(serial) }] });
  });

  it("converts back", () => {
    expect(isoToExcelSerial("2025-03-05")).toBe(45721);
    expect(isoToExcelSerial("1900-01-01")).toBe(1);
    expect(isoToExcelSerial("1900-02-28")).toBe(59);
    expect(isoToExcelSerial("1900-03-01")).toBe(61);
    expect(isoToExcelSerial("1904-01-01", true)).toBe(0);
    expect(isoToExcelSerial("2025-03-05", true)).toBe(44259);
    expect(() => isoToExcelSerial("1899-12-31")).toThrow(RangeError);
    expect(() => isoToExcelSerial("1903-12-31", true)).toThrow(RangeError);
    expect(() => isoToExcelSerial("2025-02-30")).toThrow(RangeError);
  });

  it("round-trips every date in both systems and matches Excel's 1899-12-30 epoch from serial 61", () => {
    fc.assert(
      fc.property(isoArb, (iso) => {
        const serial = isoToExcelSerial(iso);
        expect(excelSerialToIso(serial)).toEqual({ ok: true, value: iso });
        expect(excelSerialToIso(serial + 0.5)).toEqual({ ok: true, value: iso });
        if (serial >= 61) expect(utcIso(Date.UTC(1899, 11, 30) + serial * DAY_MS)).toBe(iso);
        if (iso >= "1904-01-01") {
          const s1904 = isoToExcelSerial(iso, true);
          expect(s1904).toBe(serial - 1462);
          expect(excelSerialToIso(s1904, true)).toEqual({ ok: true, value: iso });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDate", () => {
  it.each<[unknown, string]>([
    ["2025-03-05", "2025-03-05"],
    ["2025-3-5", "2025-03-05"],
    ["2025/3/5", "2025-03-05"],
    ["2025/03/05 00:00:00", "2025-03-05"],
    ["2025-03-05 23:59", "2025-03-05"],
    ["2025-03-05T08:30:00Z", "2025-03-05"],
    ["2025-03-05 8:30 PM", "2025-03-05"],
    ["2025.3.5", "2025-03-05"],
    ["2025. 3. 5", "2025-03-05"],
    ["2025年3月5日", "2025-03-05"],
    ["2025年03月05日", "2025-03-05"],
    ["2025 年 3 月 5 日", "2025-03-05"],
    ["2025年3月5号", "2025-03-05"],
    ["2025年3月5日 星期三", "2025-03-05"],
    ["2025年3月5日（周三）", "2025-03-05"],
    ["2018-01-01 星期五", "2018-01-01"], // 2018-01-01 was a Monday: the weekday is ignored
    ["2025-03-05 星期三 10:00", "2025-03-05"],
    ["2025-03-05 Wed", "2025-03-05"],
    ["20250305", "2025-03-05"],
    ["２０２５－０３－０５", "2025-03-05"],
    ["２０２５年３月５日", "2025-03-05"],
    ["  2025/3/5\u3000", "2025-03-05"],
    [45721, "2025-03-05"],
    [45721.5, "2025-03-05"],
    [20250305, "2025-03-05"],
    [new Date(Date.UTC(2025, 2, 5)), "2025-03-05"],
    [new Date(Date.UTC(2025, 2, 5, 23, 59, 59)), "2025-03-05"],
  ])("%p → %p", (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: iso });
  });

  it("reads month-day text only with a year", () => {
    for (const s of ["3月5日", "3月5号", "3.5", "3/5", "03-05"]) {
      expect(parseDate(s)).toEqual({ ok: false, issues: [{ code: "date.needsYear", value: s }] });
      expect(parseDate(s, { year: 2025 })).toEqual({ ok: true, value: "2025-03-05" });
    }
    expect(parseDate("2月29日", { year: 2024 })).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseDate("2月29日", { year: 2025 })).toEqual({ ok: false, issues: [{ code: "date.impossible", value: "2月29日" }] });
  });

  it("uses the 1904 system when told", () => {
    expect(parseDate(0, { date1904: true })).toEqual({ ok: true, value: "1904-01-01" });
    expect(parseDate(44259, { date1904: true })).toEqual({ ok: true, value: "2025-03-05" });
  });

  it("reads an 8-digit number as yyyymmdd unless the cell has a date format", () => {
    expect(parseDate(20250305, { numberFormat: "General" })).toEqual({ ok: true, value: "2025-03-05" });
    expect(parseDate(20250305, { numberFormat: "yyyy-mm-dd" })).toEqual({ ok: false, issues: [{ code: "date.outOfRange", value: "20250305" }] });
    expect(parseDate(20250230)).toEqual({ ok: false, issues: [{ code: "date.impossible", value: "20250230" }] });
  });

  it.each<[unknown, string]>([
    ["2018-02-29", "date.impossible"],
    ["2025-13-01", "date.impossible"],
    ["2025年2月30日", "date.impossible"],
    ["2025-04-31", "date.impossible"],
    ["2025-00-10", "date.impossible"],
    ["20250230", "date.impossible"],
    ["1899-12-31", "date.outOfRange"],
    ["0001-01-01", "date.outOfRange"],
    [60, "date.fictitious1900"],
    [0, "date.outOfRange"],
    [-5, "date.outOfRange"],
    [3e6, "date.outOfRange"],
    [new Date(Date.UTC(1850, 0, 1)), "date.outOfRange"],
    ["foo", "date.unrecognized"],
    ["2025-03", "date.unrecognized"],
    ["2025年3月", "date.unrecognized"],
    ["05/03/2025", "date.unrecognized"],
    ["25/3/5", "date.unrecognized"],
    ["2025-03/05", "date.unrecognized"],
    ["10000-01-01", "date.unrecognized"],
    ["45721", "date.unrecognized"],
    [true, "date.unrecognized"],
    [NaN, "date.unrecognized"],
    [new Date(NaN), "date.unrecognized"],
  ])("%p is rejected with %p", (raw, code) => {
    const r = parseDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  it("keeps the value of an impossible date, never shifts it", () => {
    expect(parseDate("2018-02-29")).toEqual({ ok: false, issues: [{ code: "date.impossible", value: "2018-02-29" }] });
  });

  it("says blank is empty", () => {
    for (const raw of [null, undefined, "", " \u3000"]) expect(parseDate(raw)).toEqual({ ok: false, issues: [{ code: "date.empty" }] });
  });

  it("reads every date in every written form", () => {
    fc.assert(
      fc.property(isoArb, (iso) => {
        const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
        const forms = [iso, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}-${m}-${d}`, `${y}年${m}月${d}日`, iso.replace(/-/g, ""), `${iso} 00:00:00`];
        for (const form of forms) expect(parseDate(form)).toEqual({ ok: true, value: iso });
        expect(parseDate(isoToExcelSerial(iso))).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 200 },
    );
  });

  it("has messages in both languages", () => {
    const codes = ["date.empty", "date.unrecognized", "date.impossible", "date.outOfRange", "date.fictitious1900", "date.needsYear"];
    const lines = codes.map((code) => `${describeIssue({ code, value: "X" })} | ${describeIssue({ code, value: "X" }, "en-US")}`);
    expect(lines).toMatchInlineSnapshot(`
[
  "日期为空 | Date is empty",
  "日期无法识别：X | Not a date: X",
  "日期不存在：X | No such date: X",
  "日期超出范围（1900–9999 年）：X | Date out of range (years 1900–9999): X",
  "Excel 序号 X 是不存在的 1900-02-29 | Excel serial X is the non-existent 1900-02-29",
  "日期缺少年份：X | Date has no year: X",
]
`);
  });
});

describe("isDateFormat", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ["yyyy/m/d", true],
    ["m/d/yy", true],
    ["d-mmm-yy", true],
    ["mmm-yy", true],
    ["mm-dd", true],
    ["yyyy/m/d h:mm", true],
    ['[$-804]yyyy"年"m"月"d"日"', true],
    ['[DBNum1][$-804]yyyy"年"m"月"d"日"', true],
    ['yyyy"年"m"月"', true],
    ["yyyy年m月d日", true],
    ["[$-F800]dddd, mmmm dd, yyyy", true],
    ["[$-804]aaaa", true],
    ["[$-411]ge.m.d", true],
    ["General", false],
    ["general", false],
    ["", false],
    ["@", false],
    ["0", false],
    ["0.00", false],
    ["#,##0.00", false],
    ['#,##0.00"元"', false],
    ['¥#,##0.00;[Red]¥-#,##0.00', false],
    ["0.00%", false],
    ["0.00E+00", false],
    ["##0.0E+0", false],
    ["h:mm", false],
    ["h:mm:ss", false],
    ["h:mm AM/PM", false],
    ["mm:ss", false],
    ["[h]:mm:ss", false],
    ["[mm]:ss", false],
    ['_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', false],
    ['"Date:" 0', false],
    ["\\d0", false],
  ])("%p → %p", (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });
});
