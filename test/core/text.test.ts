import fc from "fast-check";
import { isBlank, nameKey, normalizeText } from "../../src/core/text";

/** Realistic clerk text: ASCII, full-width forms, CJK, every kind of space, brackets, dashes. */
const clerkChar = fc.constantFrom(
  ..."aZ09-_ ()[]（）【】〔〕［］－—–華为科技有限公司深圳ＡＢｃ１２３\u3000\u00a0\t\n\r\u200b\ufeff".split(""),
);
const clerkText = fc.array(clerkChar, { maxLength: 30 }).map((cs) => cs.join(""));

describe("normalizeText", () => {
  it.each([
    ["  ＡＢＣ－１２３\u3000 型 ", "ABC-123 型"],
    ["华为\n\n科技", "华为 科技"],
    ["华为\t \u00a0科技", "华为 科技"],
    ["\u3000\u3000客户名称\u3000", "客户名称"],
    ["金额（元）", "金额(元)"],
    ["Ｃｕｓｔｏｍｅｒ　Ｎａｍｅ", "Customer Name"],
    ["a\u200bb\ufeff", "ab"],
    ["ｶﾀｶﾅ", "カタカナ"],
    ["", ""],
  ])("%p → %p", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("is idempotent, trimmed and has no runs of whitespace", () => {
    fc.assert(
      fc.property(clerkText, (s) => {
        const n = normalizeText(s);
        expect(normalizeText(n)).toBe(n);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s\s|[\t\n\r\u3000\u00a0\u200b\ufeff]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("nameKey", () => {
  it.each([
    ["华为 科技", "华为科技"],
    ["华为科技（深圳）有限公司", "华为科技(深圳)有限公司"],
    ["【华东】仓", "[华东]仓"],
    ["〔华东〕仓", "［华东］仓"],
    ["XY-100S", "ｘｙ－１００ｓ"],
    ["XY-100S", "XY—100S"],
    ["Acme Corp", "ACME CORP"],
    ["  客户\u3000A ", "客户a"],
  ])("%p matches %p", (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ["华为科技", "华为技术"],
    ["XY-100", "XY-1000"],
    ["XY-100", "XY100"],
  ])("%p does not match %p", (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it("gives the expected key", () => {
    expect(nameKey("ＸＹ－１００ｓ")).toBe("xy-100s");
    expect(nameKey(" 华为 科技（深圳）")).toBe("华为科技(深圳)");
  });

  it("is idempotent, space-free and ignores spacing and width", () => {
    fc.assert(
      fc.property(clerkText, (s) => {
        const k = nameKey(s);
        expect(nameKey(k)).toBe(k);
        expect(k).not.toMatch(/\s/);
        expect(nameKey(s.replace(/ /g, "\u3000  "))).toBe(k);
        expect(nameKey(normalizeText(s))).toBe(k);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isBlank", () => {
  it.each<[unknown, boolean]>([
    [null, true],
    [undefined, true],
    ["", true],
    ["   ", true],
    ["\u3000", true],
    ["\u00a0\t\n", true],
    ["\u200b", true],
    ["a", false],
    [" 0 ", false],
    [0, false],
    [false, false],
    [NaN, false],
    [{}, false],
    [[], false],
  ])("%p → %p", (v, expected) => {
    expect(isBlank(v)).toBe(expected);
  });
});
