import fc from "fast-check";
import { countUpTo, dayNumber, isoOfDayNumber } from "../../src/core/day-number";

describe("day numbers", () => {
  it("round-trip and sort like the dates they stand for", () => {
    const isoArb = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoArb, isoArb, (a, b) => {
        expect(isoOfDayNumber(dayNumber(a))).toBe(a);
        expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(Math.sign(a.localeCompare(b)));
      }),
      { numRuns: 200 },
    );
    expect(dayNumber("2025-03-05")).toBe(20250305);
  });

  it("countUpTo counts the entries ≤ day, as a linear scan would", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20250101, max: 20250131 }), { maxLength: 50 }), fc.integer({ min: 20241231, max: 20250201 }), (raw, day) => {
        const days = Int32Array.from(raw.sort((x, y) => x - y));
        expect(countUpTo(days, day)).toBe(raw.filter((d) => d <= day).length);
      }),
      { numRuns: 200 },
    );
  });
});
