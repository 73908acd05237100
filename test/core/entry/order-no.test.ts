import fc from "fast-check";
import { nextFreeOrderNo, orderNoVerdict } from "../../../src/core/entry/order-no";
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

describe("orderNoVerdict", () => {
  const no = (n: number): string => `XS20250331-${String(n).padStart(3, "0")}`;

  test("an appended number yields only to a row above; a renumbered one to any other row", () => {
    expect(orderNoVerdict("2025-03-31", [no(1), no(1)], 0, false)).toEqual({ keep: true });
    expect(orderNoVerdict("2025-03-31", [no(1), no(1)], 1, false)).toEqual({ keep: false, next: no(2) });
    expect(orderNoVerdict("2025-03-31", [no(1), no(2), no(2)], 1, false)).toEqual({ keep: true });
    expect(orderNoVerdict("2025-03-31", [no(1), no(2), no(2)], 1, true)).toEqual({ keep: false, next: no(3) });
    expect(orderNoVerdict("2025-03-31", [no(1), no(2)], 1, true)).toEqual({ keep: true });
    expect(orderNoVerdict("2025-03-31", ["", "", no(1)], 2, false)).toEqual({ keep: true });
  });

  test("rows that must yield from one read take different numbers, by row order; other days do not count", () => {
    const table = [no(1), no(1), "XS20250330-001", "XS20250330-001", no(1), no(1)];
    expect([1, 4, 5].map((mine) => orderNoVerdict("2025-03-31", table, mine, false))).toEqual([
      { keep: false, next: no(2) },
      { keep: false, next: no(3) },
      { keep: false, next: no(4) },
    ]);
    // Two renumbered rows that chose the same number both yield, and not to the same one again.
    const clash = [no(1), no(2), no(2)];
    expect([1, 2].map((mine) => orderNoVerdict("2025-03-31", clash, mine, true))).toEqual([
      { keep: false, next: no(3) },
      { keep: false, next: no(4) },
    ]);
    expect(orderNoVerdict("2025-03-31", [no(1), no(1)], 1, false, (n) => n === no(2))).toEqual({ keep: false, next: no(3) });
  });

  test("property: the rows yielding from one read pick distinct numbers that no row holds", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 6 }).map(no)), { minLength: 1, maxLength: 12 }), (numbers) => {
        const picks = numbers.flatMap((_, mine) => {
          const v = orderNoVerdict("2025-03-31", numbers, mine, false);
          return v.keep ? [] : [v.next];
        });
        expect(new Set(picks).size).toBe(picks.length);
        for (const p of picks) expect(numbers).not.toContain(p);
        // Exactly the rows under a row with the same number yield.
        expect(picks).toHaveLength(numbers.filter((n, i) => n !== "" && numbers.indexOf(n) < i).length);
      }),
      { numRuns: 200 },
    );
  });
});
