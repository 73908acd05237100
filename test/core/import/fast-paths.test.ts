import fc from "fast-check";
import { parseDateCell, parseMoneyCell, parseQty, type DateCellOptions } from "../../../src/core/import/cells";
import { multiplyFen, parseMoney } from "../../../src/core/money";

/** Number cells as a clerk's sheet holds them: yuan with 0–4 decimals, float noise, edges. */
const amount = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).chain((n) => fc.constantFrom(n, n / 10, n / 100, n / 1000, n / 10000, n / 100 + 0.1 + 0.2 - 0.3)),
  fc.double({ min: -1e8, max: 1e8, noNaN: true }),
  fc.constantFrom(0, -0, 0.005, -0.005, 1.005, 2.675, 1e-9, -1e-9, 9_999_999.995, 1e13, -1e13, 1e13 - 1, 2 ** 53, 1e15, 1e16, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN),
  fc.double({ noNaN: false }),
);

describe("import fast paths give what the general readers give", () => {
  it("parseMoneyCell equals parseMoney on number cells (same fen, same issues)", () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(parseMoneyCell(n)).toEqual(parseMoney(n));
        const fast = parseMoneyCell(n);
        if (fast.ok) expect(Object.is(fast.value, -0)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect([parseMoneyCell(1234.5), parseMoneyCell(1.005), parseMoneyCell(-0.125), parseMoneyCell("¥1,234.50")]).toEqual([parseMoney(1234.5), parseMoney(1.005), parseMoney(-0.125), parseMoney("¥1,234.50")]);
  });

  it("parseQty reads a whole number as 15 significant digits would (−0 as 0)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(-0, 1e15 - 1, 1e15, -1e15, 2 ** 53 + 2)), (n) => {
        const r = parseQty(n);
        expect(r).toEqual({ ok: true, value: Number(n.toPrecision(15)) });
        expect(r.ok && Object.is(r.value, -0)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("parseDateCell remembers serials per options and gives what the uncached path gives", () => {
    // A five-digit serial typed as text takes the uncached path: the reference.
    // Few distinct serials, so that one serial comes back under other options (what a memo could get wrong).
    const serial = fc.oneof(fc.integer({ min: 45_000, max: 45_003 }), fc.constantFrom(10_000, 99_999, 45_000.5, 12_345.25));
    const options = fc.record({ date1904: fc.boolean(), year: fc.constantFrom(undefined, null, 2024), numberFormat: fc.constantFrom(undefined, "", "yyyy-mm-dd", "General", "0.00") }).map((o) => o as DateCellOptions);
    fc.assert(
      fc.property(fc.array(fc.tuple(serial, options), { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [n, opts] of calls) expect(parseDateCell(n, opts)).toEqual(parseDateCell(String(n), opts));
      }),
      { numRuns: 150 },
    );
  });

  it("a whole fen price times a whole quantity, when safe, is what multiplyFen gives (the importer's shortcut)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e6, max: 1e6 }), (priceFen, qty) => {
        const fen = priceFen * qty;
        if (Number.isSafeInteger(fen)) expect(fen === 0 ? 0 : fen).toBe(multiplyFen(priceFen, qty, 1));
      }),
      { numRuns: 300 },
    );
  });
});
