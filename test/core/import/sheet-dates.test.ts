import { findTitleDate, isDateHeading } from "../../../src/core/import/detect";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { describeIssue } from "../../../src/core/i18n";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}`);
const lines = (rows: number): (string | number)[][] => Array.from({ length: rows }, (_, i) => ["长沙华兴商贸", `YX-${i + 1}`, i + 1, 100, 100 * (i + 1)]);

describe("findTitleDate", () => {
  it("finds the one day a daily sheet names, and nothing in a period, a print date or two dates", () => {
    expect(findTitleDate(["3月5日", "销售日报", "日期：2025年3月5日"])).toBe("2025年3月5日");
    expect(findTitleDate(["日报", "2025-03-05 销售日报"])).toBe("2025年3月5日");
    expect(findTitleDate(["3月5日"])).toBe("3月5日");
    expect(findTitleDate(["3月", "2025年3月1日至3月31日销售明细"])).toBeNull();
    expect(findTitleDate(["明细", "打印日期：2025-03-31"])).toBeNull();
    expect(findTitleDate(["3月6日", "日期：2025年3月5日"])).toBeNull(); // two different days
    expect(findTitleDate(["2025年3月", "销售明细"])).toBeNull(); // a month is not a day
  });

  it("knows a date heading from a note", () => {
    expect(["2025年3月5日", "3月6日 星期四", "2025-03-07", "3.8", "3月9号"].map((v) => isDateHeading(v, "General"))).toEqual([true, true, true, true, true]);
    expect(["三月份", "华东区", "3月合计", "备注：3月5日发货", "2025年3月"].map((v) => isDateHeading(v, "General"))).toEqual([false, false, false, false, false]);
    expect([isDateHeading(45721, "yyyy-mm-dd"), isDateHeading(45721, "General")]).toEqual([true, false]);
  });
});

describe("importWorkbook: sheets without a date column", () => {
  it("a daily sheet takes the date in its title", () => {
    const g = grid("3月5日", [["销售日报"], ["日期：2025年3月5日"], ["客户", "型号", "数量", "单价", "金额"], ...lines(3), ["合计", null, 6, null, 600]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.reasons.map((x) => describeIssue(x, "zh-CN"))).toContain("表中没有日期列，按标题中的日期「2025年3月5日」处理");
    expect(kinds(r, "3月5日")).toEqual(["4:imported", "5:imported", "6:imported", "7:skipped:subtotal"]);
    expect(r.input.orders.map((o) => o.date)).toEqual(["2025-03-05", "2025-03-05", "2025-03-05"]);
  });

  it("a form dated in its title keeps 交期 as the ship date, never as the order date (交期 is mostly blank)", () => {
    const g = grid("Sheet", [["发货通知单    2025年11月26日订单"], ["客户", "型号", "数量", "单价", "金额", "交期"], ["深圳美固", "ZS65", 1, 2471, 2471, null], ["福州华膜", "CHL12", 1, 1430, 1430, 45990], ["常州华膜", "CHLF4", 2, 773, 1546, null]]);
    const r = importWorkbook([g]);
    expect(kinds(r, "Sheet")).toEqual(["3:imported", "4:imported", "5:imported"]);
    expect(r.input.orders.map((o) => [o.date, o.shipDate ?? null])).toEqual([["2025-11-26", null], ["2025-11-26", "2025-11-29"], ["2025-11-26", null]]);
    expect(r.detections[0]!.mapping.filter((m) => m.field === "date")).toEqual([]);
  });

  it("a sheet named 3月5日 takes the workbook's year; without any year its rows are refused, and the clerk told why", () => {
    const day = grid("3月5日", [["客户", "型号", "数量", "单价", "金额"], ...lines(2)]);
    const withYear = importWorkbook([day, grid("1月", [["2025年1月销售"], ["日期", "客户", "型号", "数量", "金额"], ["2025-01-05", "甲", "A", 1, 10]])]);
    expect(withYear.input.orders.filter((o) => o.source?.sheet === "3月5日").map((o) => o.date)).toEqual(["2025-03-05", "2025-03-05"]);
    const noYear = importWorkbook([day]);
    expect(kinds(noYear, "3月5日")).toEqual(["2:rejected:import.missingValue", "3:rejected:import.missingValue"]);
    expect(noYear.warnings.map((w) => describeIssue(w, "zh-CN"))).toContain("「3月5日」：标题中的日期「3月5日」无法使用（date.needsYear），没有日期列的行未能导入");
  });

  it("date headings date the lines below them; a line above the first heading or under an impossible one is refused", () => {
    const g = grid("3月销售", [
      ["客户", "型号", "数量", "单价", "金额"],
      ...lines(1),
      ["2025年3月5日"],
      ...lines(2),
      [null, "3月6日 星期四", null, null, null],
      ...lines(1),
      ["2025年2月30日"],
      ...lines(1),
    ]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.role).toBe("orders");
    expect(kinds(r, "3月销售")).toEqual([
      "2:rejected:import.missingValue",
      "3:skipped:dateHeading",
      "4:imported",
      "5:imported",
      "6:skipped:dateHeading",
      "7:imported",
      "8:rejected:date.impossible",
      "9:rejected:import.missingValue",
    ]);
    expect(r.input.orders.map((o) => o.date)).toEqual(["2025-03-05", "2025-03-05", "2025-03-06"]);
  });

  it("a sheet with a date column is read as before: a lone date row there is a note", () => {
    const g = grid("明细", [["日期", "客户", "型号", "数量", "金额"], ["2025年3月5日"], ["2025-03-05", "甲", "A", 1, 10]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.sheetDate).toBeNull();
    expect(kinds(r, "明细")).toEqual(["2:skipped:note", "3:imported"]);
  });
});
