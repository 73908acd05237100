import fc from "fast-check";
import { nextFreeOrderNo } from "../../../src/core/entry/order-no";
import { nameKey } from "../../../src/core/text";

describe("nextFreeOrderNo", () => {
  test("one past the day's highest number in the table, skipping used and taken ones", () => {
    expect(nextFreeOrderNo("2025-03-31", [])).toBe("XS20250331-001");
    expect(nextFreeOrderNo("2025-03-31", ["XS20250331-001", "XS20250331-001", "XS20250330-007", "HT-1"])).toBe("XS20250331-002");
    expect(nextFreeOrderNo("2025-03-31", [" xs20250331-004 "], { taken: (n) => n === "XS20250331-005" })).toBe("XS20250331-006");
    expect(nextFreeOrderNo("2025-03-31", ["XS20250331-999"])).toBe("XS20250331-1000");
  });

  test("skip k: the k-th further free number", () => {
    expect([0, 1, 2].map((skip) => nextFreeOrderNo("2025-03-31", ["XS20250331-001"], { skip, taken: (n) => n === "XS20250331-003" }))).toEqual(["XS20250331-002", "XS20250331-004", "XS20250331-005"]);
  });

  test("property: the result is never used or taken, and different skips give different numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 10 }), fc.uniqueArray(fc.nat(5), { minLength: 2, maxLength: 4 }), (usedN, takenN, skips) => {
        const fmt = (n: number): string => `XS20250331-${String(n).padStart(3, "0")}`;
        const used = usedN.map(fmt);
        const taken = new Set(takenN.map(fmt));
        const picks = skips.map((skip) => nextFreeOrderNo("2025-03-31", used, { skip, taken: (n) => taken.has(n) }));
        for (const p of picks) {
          expect(used.map(nameKey)).not.toContain(nameKey(p));
          expect(taken.has(p)).toBe(false);
          expect(Number(p.slice(-3))).toBeGreaterThan(Math.max(0, ...usedN));
        }
        expect(new Set(picks).size).toBe(picks.length);
      }),
      { numRuns: 200 },
    );
  });
});
