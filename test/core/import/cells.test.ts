import { cellText, parseDateCell, parseDiscount, parseQty, parseStatus, parseTerms } from "../../../src/core/import/cells";

const v = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly { code: string }[] }): T | string => (r.ok ? r.value : r.issues[0]!.code);

describe("importer cell readers", () => {
  it("reads quantities as clerks type them", () => {
    expect(["12", "１２", "12件", "1,200", "3.5 ㎡", "(2)", "-3", "", "abc", "1,2"].map((s) => v(parseQty(s)))).toEqual([
      12,
      12,
      12,
      1200,
      3.5,
      -2,
      -3,
      "import.qty.empty",
      "import.qty.notANumber",
      "import.qty.notANumber",
    ]);
    expect(v(parseQty(0.1 + 0.2))).toBe(0.3);
  });

  it("reads discounts as the rate paid", () => {
    expect(["9折", "85折", "9.5折", "九折", "九五折", "90%", "0.9", "90", "abc", "120%"].map((s) => v(parseDiscount(s)))).toEqual([
      0.9,
      0.85,
      0.95,
      0.9,
      0.95,
      0.9,
      0.9,
      0.9,
      "import.discount.invalid",
      "import.discount.invalid",
    ]);
  });

  it("refuses a discount that rounds to nothing (never a free line)", () => {
    expect([0.00001, 5e-324, "0.001%", "0.0001折", 0.0001].map((x) => v(parseDiscount(x)))).toEqual(["import.discount.invalid", "import.discount.invalid", "import.discount.invalid", "import.discount.invalid", 0.0001]);
  });

  it("reads dates, refusing impossible and implausible ones", () => {
    const o = { date1904: false };
    expect([
      v(parseDateCell(45721, o)),
      v(parseDateCell("2018-01-01 星期五", o)),
      v(parseDateCell("3月5日", { ...o, year: 2025 })),
      v(parseDateCell("3月5日", o)),
      v(parseDateCell("2018-02-29 星期一", o)),
      v(parseDateCell(12, o)),
      v(parseDateCell(20250305, o)),
      v(parseDateCell({ error: "#N/A" }, o)),
    ]).toEqual(["2025-03-05", "2018-01-01", "2025-03-05", "date.needsYear", "date.impossible", "import.date.implausible", "2025-03-05", "import.cellError"]);
  });

  it("shows numbers without float noise and normalizes text", () => {
    expect([cellText(236701), cellText(0.1 + 0.2), cellText("  华为（深圳） "), cellText("\u3000"), cellText(null)]).toEqual(["236701", "0.3", "华为(深圳)", undefined, undefined]);
  });

  it("understands payment terms and order statuses", () => {
    expect(["月结", "月结30天", "款到发货", "先款后货", "现金", "货到付款", "年结"].map(parseTerms)).toEqual(["月结", "月结", "款到发货", "款到发货", "现结", "现结", undefined]);
    expect(["已发货", "取消", "签收", "已确认", "待确认", "??"].map(parseStatus)).toEqual(["已发货", "已取消", "已签收", "已确认", "已接单", undefined]);
  });
});
