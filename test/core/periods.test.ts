import fc from "fast-check";
import { addDays, dayBefore } from "../../src/core/dates";
import {
  monthOf,
  monthRange,
  monthsOfYear,
  nextPeriod,
  previousPeriod,
  settlementPeriod,
  settlementPeriodOfMonth,
  yearRange,
} from "../../src/core/periods";

const DAY_MS = 86_400_000;
const isoArb = fc
  .integer({ min: Date.UTC(1901, 0, 1) / DAY_MS, max: Date.UTC(9998, 11, 31) / DAY_MS })
  .map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
const cutoffArb = fc.integer({ min: 1, max: 31 });

describe("months and years", () => {
  it("names the month of a date", () => {
    expect(monthOf("2025-03-05")).toBe("2025-03");
    expect(() => monthOf("2025-02-30")).toThrow(RangeError);
  });

  it.each([
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["2025-02", "2025-02-01", "2025-02-28"],
    ["1900-02", "1900-02-01", "1900-02-28"],
    ["2000-02", "2000-02-01", "2000-02-29"],
    ["2025-04", "2025-04-01", "2025-04-30"],
    ["2025-12", "2025-12-01", "2025-12-31"],
  ])("monthRange(%p) = %p … %p", (month, from, to) => {
    expect(monthRange(month)).toEqual({ from, to });
  });

  it("refuses bad months and years", () => {
    expect(() => monthRange("2025-13")).toThrow(RangeError);
    expect(() => monthRange("2025-3")).toThrow(RangeError);
    expect(() => yearRange("25")).toThrow(RangeError);
    expect(() => yearRange(2025.5)).toThrow(RangeError);
  });

  it("gives year ranges and the months of a year", () => {
    expect(yearRange(2025)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(yearRange("2024")).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(monthsOfYear(2025)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]);
  });

  it("month ranges tile the year without gap or overlap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), (year) => {
        const ranges = monthsOfYear(year).map(monthRange);
        expect(ranges[0]?.from).toBe(yearRange(year).from);
        expect(ranges[11]?.to).toBe(yearRange(year).to);
        for (let i = 1; i < 12; i++) expect(ranges[i]?.from).toBe(addDays(ranges[i - 1]?.to ?? "", 1));
      }),
      { numRuns: 200 },
    );
  });

  it("every date lies in the range of its month", () => {
    fc.assert(
      fc.property(isoArb, (iso) => {
        const { from, to } = monthRange(monthOf(iso));
        expect(from <= iso && iso <= to).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("settlement periods", () => {
  it.each<[string, number, string, string]>([
    ["2025-03-05", 25, "2025-02-26", "2025-03-25"],
    ["2025-03-25", 25, "2025-02-26", "2025-03-25"],
    ["2025-03-26", 25, "2025-03-26", "2025-04-25"],
    ["2025-01-10", 25, "2024-12-26", "2025-01-25"],
    ["2024-12-31", 25, "2024-12-26", "2025-01-25"],
    ["2025-03-15", 31, "2025-03-01", "2025-03-31"],
    ["2024-02-10", 31, "2024-02-01", "2024-02-29"],
    ["2025-02-28", 30, "2025-01-31", "2025-02-28"],
    ["2025-03-01", 30, "2025-03-01", "2025-03-30"],
    ["2025-03-31", 30, "2025-03-31", "2025-04-30"],
    ["2024-02-28", 28, "2024-01-29", "2024-02-28"],
    ["2024-02-29", 28, "2024-02-29", "2024-03-28"],
    ["2024-03-01", 28, "2024-02-29", "2024-03-28"],
    ["2025-03-01", 1, "2025-02-02", "2025-03-01"],
    ["2025-03-02", 1, "2025-03-02", "2025-04-01"],
  ])("settlementPeriod(%p, cut-off %p) = %p … %p", (iso, cutoff, from, to) => {
    expect(settlementPeriod(iso, cutoff)).toEqual({ from, to });
  });

  it("defaults to the 25th and names periods by the month they close in", () => {
    expect(settlementPeriod("2025-03-05")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(settlementPeriodOfMonth("2025-03")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(settlementPeriodOfMonth("2025-01")).toEqual({ from: "2024-12-26", to: "2025-01-25" });
    expect(settlementPeriodOfMonth("2025-02", 31)).toEqual(monthRange("2025-02"));
  });

  it("steps back and forward", () => {
    expect(previousPeriod({ from: "2025-02-26", to: "2025-03-25" })).toEqual({ from: "2025-01-26", to: "2025-02-25" });
    expect(nextPeriod({ from: "2025-02-26", to: "2025-03-25" })).toEqual({ from: "2025-03-26", to: "2025-04-25" });
    expect(previousPeriod(monthRange("2025-03"), 31)).toEqual(monthRange("2025-02"));
  });

  it("refuses a cut-off outside 1–31 and invalid dates", () => {
    expect(() => settlementPeriod("2025-03-05", 0)).toThrow(RangeError);
    expect(() => settlementPeriod("2025-03-05", 32)).toThrow(RangeError);
    expect(() => settlementPeriod("2025-03-05", 2.5)).toThrow(RangeError);
    expect(() => settlementPeriod("2025-02-30")).toThrow(RangeError);
    expect(() => settlementPeriodOfMonth("2025-00")).toThrow(RangeError);
  });

  it("consecutive periods tile the calendar without gap or overlap, for every cut-off", () => {
    fc.assert(
      fc.property(isoArb, cutoffArb, (iso, cutoff) => {
        const p = settlementPeriod(iso, cutoff);
        expect(p.from <= iso && iso <= p.to).toBe(true);
        expect(settlementPeriod(p.from, cutoff)).toEqual(p);
        expect(settlementPeriod(p.to, cutoff)).toEqual(p);
        const next = nextPeriod(p, cutoff);
        const prev = previousPeriod(p, cutoff);
        expect(next.from).toBe(addDays(p.to, 1));
        expect(prev.to).toBe(dayBefore(p.from));
        expect(previousPeriod(next, cutoff)).toEqual(p);
        expect(settlementPeriodOfMonth(p.to.slice(0, 7), cutoff)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it("twelve periods a year, each closing in its own month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 9998 }), cutoffArb, (year, cutoff) => {
        const periods = monthsOfYear(year).map((m) => settlementPeriodOfMonth(m, cutoff));
        periods.forEach((p, i) => {
          expect(p.to.slice(0, 7)).toBe(monthsOfYear(year)[i]);
          if (i > 0) expect(p.from).toBe(addDays(periods[i - 1]?.to ?? "", 1));
        });
      }),
      { numRuns: 100 },
    );
  });
});
