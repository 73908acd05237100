import fc from "fast-check";
import { parseRmbUpper, toRmbUpper, toRmbUpperWithPrefix } from "../../src/core/rmb-uppercase";
import { fenFromNumber } from "../../src/core/money";
import { describeIssue } from "../../src/core/i18n";

/** Every example row of ../shared/domain/rmb-uppercase.md: amount, canonical output, other accepted forms. */
const TABLE: readonly [string, number, string, ...string[]][] = [
  ["1,409.50", 140950, "壹仟肆佰零玖元伍角"],
  ["6,007.14", 600714, "陆仟零柒元壹角肆分"],
  ["1,680.32", 168032, "壹仟陆佰捌拾元零叁角贰分", "壹仟陆佰捌拾元叁角贰分"],
  ["107,000.53", 10700053, "壹拾万柒仟元零伍角叁分", "壹拾万零柒仟元伍角叁分"],
  ["16,409.02", 1640902, "壹万陆仟肆佰零玖元零贰分"],
  ["325.04", 32504, "叁佰贰拾伍元零肆分"],
  ["12,345.67", 1234567, "壹万贰仟叁佰肆拾伍元陆角柒分"],
  ["10,000.00", 1000000, "壹万元整"],
  ["103,806.00", 10380600, "壹拾万零叁仟捌佰零陆元整"],
  ["100,000,001.00", 10000000100, "壹亿零壹元整"],
  ["18.00", 1800, "壹拾捌元整"],
  ["0.00", 0, "零元整"],
  ["-1,234.00", -123400, "负壹仟贰佰叁拾肆元整"],
];

describe("toRmbUpper: the PBoC table", () => {
  it.each(TABLE)("%s → canonical form", (_amount, fen, canonical) => {
    expect(toRmbUpper(fen)).toBe(canonical);
  });

  it.each(TABLE)("%s: every listed form parses back", (_amount, fen, ...forms) => {
    for (const form of forms) {
      expect(parseRmbUpper(form)).toEqual({ ok: true, value: fen });
      expect(parseRmbUpper(`人民币${form}`)).toEqual({ ok: true, value: fen });
    }
  });
});

describe("toRmbUpper: canonical choices and known wrong outputs", () => {
  it.each([
    [123456, "壹仟贰佰叁拾肆元伍角陆分"], // DESIGN.md's example
    [100, "壹元整"], // not 壹元 (no 整)
    [1100, "壹拾壹元整"], // not 拾壹元整 (dropped 壹)
    [110000, "壹仟壹佰元整"],
    [150, "壹元伍角"], // no 整 after 角
    [5, "伍分"],
    [50, "伍角"],
    [55, "伍角伍分"],
    [-5, "负伍分"],
    [1005, "壹拾元零伍分"],
    [100100, "壹仟零壹元整"],
    [1000050, "壹万元零伍角"],
    [1000100, "壹万零壹元整"],
    [10000000, "壹拾万元整"],
    [10050000, "壹拾万零伍佰元整"],
    [10350050, "壹拾万叁仟伍佰元零伍角"], // one 零 only: the one after 元
    [10000000000, "壹亿元整"],
    [10050000000, "壹亿零伍拾万元整"],
    [101000000000, "壹拾亿零壹仟万元整"],
    [101000000050, "壹拾亿壹仟万元零伍角"],
    [100000000000000, "壹万亿元整"], // 10^12 yuan, never 壹万万亿
    [100050000000000, "壹万零伍亿元整"],
    [100000000000100, "壹万亿零壹元整"],
    [1000000000000000, "壹拾万亿元整"],
    [9007199254740991, "玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分"],
  ])("%p fen → %p", (fen, upper) => {
    expect(toRmbUpper(fen)).toBe(upper);
  });

  it("rounds to the fen before converting, never truncates", () => {
    expect(toRmbUpper(fenFromNumber(10.012))).toBe("壹拾元零壹分");
    expect(toRmbUpper(fenFromNumber(10.015))).toBe("壹拾元零贰分");
    expect(toRmbUpper(fenFromNumber(1.005))).toBe("壹元零壹分");
  });

  it("refuses what is not integer fen (1e16 yuan is not representable; round first)", () => {
    expect(() => toRmbUpper(10.5)).toThrow(RangeError);
    expect(() => toRmbUpper(1e18)).toThrow(RangeError);
    expect(() => toRmbUpper(NaN)).toThrow(RangeError);
  });

  it("prefixes 人民币 on request", () => {
    expect(toRmbUpperWithPrefix(1800)).toBe("人民币壹拾捌元整");
    expect(toRmbUpperWithPrefix(-5)).toBe("人民币负伍分");
  });

  const fenArb = fc.oneof(
    fc.integer({ min: -(10 ** 14), max: 10 ** 14 }),
    fc.integer({ min: -10_000_000, max: 10_000_000 }),
    // amounts full of zeros: the hard cases
    fc.tuple(fc.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 }), fc.boolean()).map(([ds, neg]) => {
      const n = Number(ds.join(""));
      return neg && n !== 0 ? -n : n;
    }),
  );

  it("uses only the PBoC characters, with 整 exactly when the amount ends at 元", () => {
    fc.assert(
      fc.property(fenArb, (fen) => {
        const s = toRmbUpper(fen);
        expect(s).toMatch(/^负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(s).not.toMatch(/[一二两三四五六七八九十百千毛另0-9]|零零|万万|亿亿|^负?[拾佰仟万亿]/);
        if (fen !== 0) expect(s).not.toMatch(/零[万亿元角分整]/);
        expect(s.endsWith("整")).toBe(Math.abs(fen) % 100 === 0);
        expect(s.startsWith("负")).toBe(fen < 0);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips through parseRmbUpper, also with the optional 零s dropped and 人民币/正 added", () => {
    fc.assert(
      fc.property(fenArb, (fen) => {
        const s = toRmbUpper(fen);
        expect(parseRmbUpper(s)).toEqual({ ok: true, value: fen });
        const withoutOptionalZero = s.replace(/元零(?=[壹贰叁肆伍陆柒捌玖]角)/, "元");
        expect(parseRmbUpper(withoutOptionalZero)).toEqual({ ok: true, value: fen });
        expect(parseRmbUpper(`人民币${s.replace(/整$/, "正")}`)).toEqual({ ok: true, value: fen });
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseRmbUpper", () => {
  it.each([
    ["壹元", 100],
    ["壹元正", 100],
    ["壹元伍角整", 150],
    ["壹元伍角正", 150],
    ["人民币：壹元整", 100],
    ["人民币 壹仟 零伍 元整", 100500],
    ["负人民币壹元整", -100],
    ["人民币负壹元整", -100],
    ["壹圆整", 100],
    ["伍角", 50],
    ["叁分", 3],
    ["零元伍角", 50],
    ["壹拾元贰分", 1002],
    ["壹拾万零叁仟元整", 10300000],
    ["壹拾万叁仟元整", 10300000],
    ["壹亿零伍仟万元整", 15000000000],
    ["壹亿伍仟万元整", 15000000000],
    ["壹万亿元整", 100000000000000],
    ["负零元整", 0],
  ])("%p → %p fen", (s, fen) => {
    expect(parseRmbUpper(s)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ["一百元整", "rmb.invalid"], // lowercase numerals
    ["壹佰两拾元整", "rmb.invalid"],
    ["壹元伍毛", "rmb.invalid"],
    ["壹佰另伍元整", "rmb.invalid"],
    ["100元", "rmb.invalid"],
    ["拾壹元整", "rmb.invalid"], // leading 壹 dropped
    ["壹仟伍元整", "rmb.invalid"], // colloquial, ambiguous
    ["壹万伍元整", "rmb.invalid"],
    ["壹亿伍万元整", "rmb.invalid"],
    ["壹万万亿元整", "rmb.invalid"],
    ["壹亿亿元整", "rmb.invalid"],
    ["壹元伍分整", "rmb.invalid"], // never 整 after 分
    ["壹佰", "rmb.invalid"], // no 元
    ["元整", "rmb.invalid"],
    ["整", "rmb.invalid"],
    ["壹元元整", "rmb.invalid"],
    ["壹佰壹仟元整", "rmb.invalid"], // units out of order
    ["零壹元整", "rmb.invalid"],
    ["壹拾零元整", "rmb.invalid"],
    ["壹元零零伍分", "rmb.invalid"],
    ["", "rmb.empty"],
    ["  ", "rmb.empty"],
    ["玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿元整", "money.unsafe"],
  ])("%p is rejected with %p", (s, code) => {
    const r = parseRmbUpper(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  it("has messages in both languages", () => {
    const r = parseRmbUpper("一百元整");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues[0] ?? { code: "" };
    expect(describeIssue(issue)).toMatchInlineSnapshot(`"不是规范的大写金额：一百元整"`);
    expect(describeIssue(issue, "en-US")).toMatchInlineSnapshot(`"Not a valid uppercase RMB amount: 一百元整"`);
    expect(describeIssue({ code: "rmb.empty" })).toMatchInlineSnapshot(`"大写金额为空"`);
    expect(describeIssue({ code: "rmb.empty" }, "en-US")).toMatchInlineSnapshot(`"Uppercase amount is empty"`);
  });
});
