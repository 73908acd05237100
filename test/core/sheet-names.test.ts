import fc from "fast-check";
import { agingSheetName, annualSheetName, dailySheetName, monthlySheetName, sanitizeSheetName, statementPeriodLabel, statementSheetName, uniqueSheetNames } from "../../src/core/sheet-names";

test("report sheet names are predictable", () => {
  expect([dailySheetName("2025-03-05"), monthlySheetName("2025-03"), annualSheetName("2025"), agingSheetName("2025-06-30")]).toEqual(["日报 2025-03-05", "月报 2025-03", "年报 2025", "账龄 2025-06-30"]);
});

test("statement names keep the period and cut the customer", () => {
  expect(statementSheetName("长沙华兴", "2025-02-26", "2025-03-25")).toBe("对账单 长沙华兴 2025-03");
  expect(statementSheetName("长沙华兴", "2025-03-01", "2025-03-31")).toBe("对账单 长沙华兴 2025-03");
  expect(statementSheetName("长沙华兴", "2025-03-01", "2025-04-15")).toBe("对账单 长沙华兴 20250301-20250415");
  const long = statementSheetName("湖南省长沙市岳麓区某某某某电器设备贸易有限责任公司", "2025-02-26", "2025-03-25");
  expect(long).toBe("对账单 湖南省长沙市岳麓区某某某某电器设备贸易 2025-03");
  expect(long.length).toBe(31);
  expect(statementSheetName("A/B [C]: *?\\", "2025-03-01", "2025-03-31")).toBe("对账单 A_B _C__ ___ 2025-03");
  expect(statementPeriodLabel("2025-01-26", "2025-02-25")).toBe("2025-02");
});

test("any name is a legal Excel sheet name", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (raw) => {
      const name = sanitizeSheetName(raw);
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
      expect(name.startsWith("'") || name.endsWith("'")).toBe(false);
      // No lone surrogate at the cut.
      expect(/[\uD800-\uDBFF]$/.test(name)).toBe(false);
      const s = statementSheetName(raw, "2025-02-26", "2025-03-25");
      expect(s.length).toBeLessThanOrEqual(31);
      expect(s.endsWith(" 2025-03")).toBe(true);
    }),
    { numRuns: 200 },
  );
});

test("names are made unique within a batch, case-insensitively", () => {
  expect(uniqueSheetNames(["对账单 A 2025-03", "对账单 a 2025-03", "对账单 B 2025-03"])).toEqual(["对账单 A 2025-03", "对账单 a 2025-03 (2)", "对账单 B 2025-03"]);
});
