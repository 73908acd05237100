import fc from "fast-check";
import { allocateFen, fenFromNumber, fenToYuan, formatFen, multiplyFen, parseMoney, sumFen } from "../../src/core/money";
import { describeIssue } from "../../src/core/i18n";

const MAX_FEN = Number.MAX_SAFE_INTEGER;

describe("fenFromNumber", () => {
  it.each([
    [22439.933999999997, 2243993],
    [0.1 + 0.2, 30],
    [1234.5, 123450],
    [1.005, 101],
    [2.675, 268],
    [0.125, 13],
    [-0.125, -13],
    [-1.005, -101],
    [-0.004, 0],
    [0.005, 1],
    [-0.005, -1],
    [0, 0],
    [-0, 0],
    [9999999999999.99, 999999999999999],
    [-1234567.125, -123456713],
  ])("%p yuan → %p fen", (yuan, fen) => {
    expect(fenFromNumber(yuan)).toBe(fen);
  });

  it("throws on non-finite and unsafe values (bugs, not data)", () => {
    expect(() => fenFromNumber(NaN)).toThrow(RangeError);
    expect(() => fenFromNumber(Infinity)).toThrow(RangeError);
    expect(() => fenFromNumber(1e14)).toThrow(RangeError);
  });

  it("recovers every fen amount from its yuan double (up to 15 significant digits)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14) + 1, max: 10 ** 14 - 1 }), (fen) => {
        expect(fenFromNumber(fen / 100)).toBe(fen);
      }),
      { numRuns: 300 },
    );
  });

  it("rounds sums of two-decimal amounts back to the exact fen total (float noise)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 30 }), (fens) => {
        const floatSum = fens.reduce((a, f) => a + f / 100, 0);
        expect(fenFromNumber(floatSum)).toBe(fens.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 200 },
    );
  });

  it("is an odd function: negative halves round away from zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 9 }), (fen, third) => {
        const yuan = Number(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}${third}`);
        expect(fenFromNumber(-yuan)).toBe(-fenFromNumber(yuan) || 0);
        expect(fenFromNumber(yuan)).toBe(fen + (third >= 5 ? 1 : 0));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseMoney", () => {
  it.each<[unknown, number]>([
    [22439.933999999997, 2243993],
    [1234.5, 123450],
    [-7, -700],
    ["1,234.50", 123450],
    ["¥1,234.50", 123450],
    ["￥1234.5", 123450],
    ["¥ 1,234.50", 123450],
    ["-¥12.00", -1200],
    ["¥-12.00", -1200],
    ["1234.5元", 123450],
    ["1234元整", 123400],
    ["RMB 12", 1200],
    ["rmb12.3", 1230],
    ["CNY 12", 1200],
    ["人民币 88.8 元", 8880],
    ["12 RMB", 1200],
    ["１，２３４．５０", 123450],
    ["１２３４", 123400],
    ["１２３４。５", 123450],
    ["(123.00)", -12300],
    ["（123.00）", -12300],
    ["(¥1,234.00)", -123400],
    ["-12.5", -1250],
    ["+12.5", 1250],
    ["−12.5", -1250],
    ["  12.5\u3000", 1250],
    ["\u00a012.5", 1250],
    [".5", 50],
    ["12.", 1200],
    ["0", 0],
    ["1.2万", 1200000],
    ["1.23456万元", 1234560],
    ["-3万", -3000000],
    ["1.5E+3", 150000],
    ["1.234", 123],
    ["1.235", 124],
    ["-1.235", -124],
    ["1.2349", 123],
    ["-", 0],
    ["—", 0],
    ["90,071,992,547,409.91", MAX_FEN],
  ])("%p → %p fen", (raw, fen) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: fen });
  });

  it.each<[unknown, string]>([
    [null, "money.empty"],
    [undefined, "money.empty"],
    ["", "money.empty"],
    ["  \u3000", "money.empty"],
    ["abc", "money.notANumber"],
    ["12abc", "money.notANumber"],
    ["1,5", "money.notANumber"],
    ["1,23,456", "money.notANumber"],
    ["1.234,50", "money.notANumber"],
    ["--12", "money.notANumber"],
    ["-(12)", "money.notANumber"],
    ["(-12)", "money.notANumber"],
    ["$12", "money.notANumber"],
    ["1.2.3", "money.notANumber"],
    ["12。", "money.notANumber"],
    [".", "money.notANumber"],
    ["¥", "money.notANumber"],
    [NaN, "money.notANumber"],
    [Infinity, "money.notANumber"],
    [true, "money.notANumber"],
    [{}, "money.notANumber"],
    [1e20, "money.unsafe"],
    ["90,071,992,547,409.92", "money.unsafe"],
    ["1e30", "money.unsafe"],
  ])("%p is rejected with %p", (raw, code) => {
    const r = parseMoney(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  it("keeps the raw value in the issue", () => {
    expect(parseMoney("12元5角")).toEqual({ ok: false, issues: [{ code: "money.notANumber", value: "12元5角" }] });
  });

  it("reads back every formatted amount exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => {
        expect(parseMoney(formatFen(fen))).toEqual({ ok: true, value: fen });
        expect(parseMoney(`¥${formatFen(fen)}`)).toEqual({ ok: true, value: fen });
      }),
      { numRuns: 300 },
    );
  });

  it("reads parenthesised amounts as the negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (fen) => {
        expect(parseMoney(`(${formatFen(fen)})`)).toEqual({ ok: true, value: -fen });
      }),
      { numRuns: 100 },
    );
  });

  it("has messages in both languages", () => {
    const issue = { code: "money.notANumber", value: "abc" };
    expect(describeIssue(issue)).toMatchInlineSnapshot(`"金额无法识别：abc"`);
    expect(describeIssue(issue, "en-US")).toMatchInlineSnapshot(`"Not an amount: abc"`);
    expect(describeIssue({ code: "money.empty" })).toMatchInlineSnapshot(`"金额为空"`);
    expect(describeIssue({ code: "money.empty" }, "en-US")).toMatchInlineSnapshot(`"Amount is empty"`);
    expect(describeIssue({ code: "money.unsafe", value: "1e20" })).toMatchInlineSnapshot(`"金额超出可精确计算的范围：1e20"`);
    expect(describeIssue({ code: "money.unsafe", value: "1e20" }, "en-US")).toMatchInlineSnapshot(`"Amount too large to compute exactly: 1e20"`);
  });
});

describe("formatFen / fenToYuan / sumFen", () => {
  it.each([
    [123450, "1,234.50"],
    [-123450, "-1,234.50"],
    [0, "0.00"],
    [5, "0.05"],
    [-5, "-0.05"],
    [100, "1.00"],
    [12345678901, "123,456,789.01"],
    [MAX_FEN, "90,071,992,547,409.91"],
  ])("%p → %p", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("rejects non-integer fen", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => fenToYuan(NaN)).toThrow(RangeError);
  });

  it("fenToYuan gives the two-decimal yuan value", () => {
    expect(fenToYuan(123450)).toBe(1234.5);
    expect(fenToYuan(-1)).toBe(-0.01);
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), (fen) => {
        expect(fenFromNumber(fenToYuan(fen))).toBe(fen);
      }),
      { numRuns: 200 },
    );
  });

  it("sumFen adds and refuses to overflow", () => {
    expect(sumFen([100, 250, -50])).toBe(300);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([MAX_FEN, 1])).toThrow(RangeError);
  });
});

describe("multiplyFen", () => {
  it.each([
    [1999, 3, 1, 5997],
    [1999, 3, 0.95, 5697],
    [333, 1.5, 1, 500],
    [333, -1.5, 1, -500],
    [1, 0.5, 1, 1],
    [1, -0.5, 1, -1],
    [1, 0.49, 1, 0],
    [10000, 0.1 + 0.2, 1, 3000],
    [1005, 1, 0.1, 101],
    [12345, 2, 1.13, 27900],
    [0, 99, 0.5, 0],
  ])("%p × %p × %p = %p", (price, qty, rate, fen) => {
    expect(multiplyFen(price, qty, rate)).toBe(fen);
  });

  it("throws on bad input", () => {
    expect(() => multiplyFen(1.5, 1)).toThrow(RangeError);
    expect(() => multiplyFen(100, NaN)).toThrow(RangeError);
    expect(() => multiplyFen(MAX_FEN, 2)).toThrow(RangeError);
  });

  it("is exact for integer quantities and mirrors negatives", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: -100_000, max: 100_000 }), (price, qty) => {
        expect(multiplyFen(price, qty)).toBe(price * qty || 0);
      }),
      { numRuns: 200 },
    );
  });

  it("rounds half up exactly once for two-decimal quantities and rates", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 200 }),
        (price, qtyCents, ratePercent) => {
          const product = price * qtyCents * ratePercent; // exact: < 2^53
          const expected = Math.floor(product / 10_000) + (product % 10_000 >= 5_000 ? 1 : 0);
          expect(multiplyFen(price, qtyCents / 100, ratePercent / 100)).toBe(expected);
          expect(multiplyFen(price, -qtyCents / 100, ratePercent / 100)).toBe(-expected || 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("allocateFen", () => {
  it.each<[number, number[], number[]]>([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [1000, [0.5, 0.25, 0.25], [500, 250, 250]],
    [1, [1, 1], [1, 0]],
    [5, [0, 1, 0], [0, 5, 0]],
    [0, [3, 7], [0, 0]],
    [10, [1, 2], [3, 7]],
    [100, [0.1, 0.2, 0.7], [10, 20, 70]],
    [MAX_FEN, [1, 1], [4503599627370496, 4503599627370495]],
  ])("%p by %p → %p", (total, ratios, parts) => {
    expect(allocateFen(total, ratios)).toEqual(parts);
  });

  it("refuses nonsense ratios", () => {
    expect(() => allocateFen(100, [])).toThrow(RangeError);
    expect(() => allocateFen(100, [0, 0])).toThrow(RangeError);
    expect(() => allocateFen(100, [1, -1])).toThrow(RangeError);
    expect(() => allocateFen(100, [1, NaN])).toThrow(RangeError);
    expect(() => allocateFen(1.5, [1])).toThrow(RangeError);
  });

  const ratiosArb = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 12 }),
  ).filter((rs) => rs.some((r) => r > 0));

  it("never loses or invents a fen, and each part is within 1 fen of its exact share", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), ratiosArb, (total, ratios) => {
        const parts = allocateFen(total, ratios);
        expect(parts).toHaveLength(ratios.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = ratios.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          expect(Number.isSafeInteger(part)).toBe(true);
          expect(Math.abs(part - (total * (ratios[i] ?? 0)) / sum)).toBeLessThan(1 + 1e-6);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("splits a negative total as the mirror of the positive one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), ratiosArb, (total, ratios) => {
        expect(allocateFen(-total, ratios)).toEqual(allocateFen(total, ratios).map((p) => -p || 0));
      }),
      { numRuns: 100 },
    );
  });
});
