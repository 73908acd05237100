import { fileNameYear, monthDate, monthValue, monthYear } from "../../../src/core/import/month-dates";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { describeIssue } from "../../../src/core/i18n";
import type { RawCell } from "../../../src/core/import/types";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}`);
const zh = (r: ReturnType<typeof importWorkbook>): string[] => (r.detections[0]?.reasons ?? []).map((x) => describeIssue(x, "zh-CN"));
const monthRows = (months: RawCell[]): RawCell[][] => months.map((m, i) => [m, "长沙华兴", `HX-${i + 1}`, i + 1, 100 * (i + 1)]);

describe("month values and years", () => {
  it("reads months as numbers, 3月, 三月份 and 2023年5月; not days or dates", () => {
    expect([1, 12, "3月", "03", "三月份", "十二月", "5月份"].map((v) => monthValue(v)?.month)).toEqual([1, 12, 3, 3, 3, 12, 5]);
    expect(monthValue("2023年5月")).toEqual({ month: 5, year: 2023 });
    expect(monthValue("2023-05")).toEqual({ month: 5, year: 2023 });
    expect([0, 13, 2.5, "3月5日", 45721, "合计", null].map((v) => monthValue(v))).toEqual([null, null, null, null, null, null, null]);
  });

  it("finds the year in a file name: _202305_, 2023年5月, 2023销售台账; none or two years is none", () => {
    expect(["华兴_202305_导出.xlsx", "2023年5月台账.xlsx", "2023销售台账.xlsx", "sales-2023.xlsx", "出库20230512.xls", "/data/2019/账本.xlsx"].map(fileNameYear)).toEqual([2023, 2023, 2023, 2023, 2023, null]);
    expect(["台账.xlsx", "2022-2023对比.xlsx", "客户12345.xlsx"].map(fileNameYear)).toEqual([null, null, null]);
  });

  it("takes the title's year before the sheet name's, and the sheet name's before the file name's", () => {
    expect(monthYear(["2024年销售台账"], "2023", "2022账本.xlsx")).toEqual({ year: 2024, from: "title" });
    expect(monthYear(["销售台账"], "2023", "2022账本.xlsx")).toEqual({ year: 2023, from: "sheet" });
    expect(monthYear(["销售台账"], "华兴", "2022账本.xlsx")).toEqual({ year: 2022, from: "file" });
    expect(monthYear(["销售台账"], "华兴", undefined)).toBeNull();
  });

  it("dates a month the first of the month; without a year it says where to write one", () => {
    const col = { col: 0, header: "月份", year: 2023, from: "title" as const };
    expect(monthDate(5, col)).toEqual({ ok: true, value: "2023-05-01" });
    expect(monthDate("2022年12月", col)).toEqual({ ok: true, value: "2022-12-01" });
    expect(monthDate("3月5日", col)).toBeNull();
    const r = monthDate("5月", { ...col, year: null, from: null });
    expect(r?.ok === false ? describeIssue(r.issues[0]!, "zh-CN") : "").toBe("「月份」列只有月份（5月），不知道是哪一年：请在标题（如「2023年销售台账」）、工作表名或文件名中写上年份后重新导入");
  });
});

describe("importWorkbook: a date column of months", () => {
  it("a 月份 column of 1–5 under a title with the year: lines dated the first of the month, the source said, the day unknown warned", () => {
    const g = grid("销售", [["2023年销售台账"], ["月份", "客户", "型号", "数量", "金额"], ...monthRows([1, 2, 3, 4, 5]), ["合计", null, null, 15, 1500]]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.role).toBe("orders");
    expect(r.input.orders.map((o) => o.date)).toEqual(["2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01"]);
    expect(zh(r)).toContain("A 列「月份」只有月份，年份按标题中的 2023 年；日期记为当月 1 日（具体哪天不知道）");
    expect(r.warnings.map((w) => describeIssue(w, "zh-CN"))).toContain("「销售」 A 列 （月份）：这一列只有月份：各行记为 2023 年当月 1 日，具体日期不知道，按日统计和账龄只能精确到月");
    expect(kinds(r, "销售").at(-1)).toBe("8:skipped:subtotal");
  });

  it("a 日期 column of 1月…12月 takes the year from the sheet name, else from the file name", () => {
    const rows = monthRows(["11月", "12月"]);
    const bySheet = importWorkbook([grid("2022", [["日期", "客户", "型号", "数量", "金额"], ...rows])], { fileName: "2019账本.xlsx" });
    expect(bySheet.input.orders.map((o) => o.date)).toEqual(["2022-11-01", "2022-12-01"]);
    expect(zh(bySheet)[0]).toBe("A 列「日期」只有月份，年份按工作表名中的 2022 年；日期记为当月 1 日（具体哪天不知道）");
    const byFile = importWorkbook([grid("华兴", [["日期", "客户", "型号", "数量", "金额"], ...rows])], { fileName: "/some/folder/销售_202305_导出.xlsx" });
    expect(byFile.input.orders.map((o) => o.date)).toEqual(["2023-11-01", "2023-12-01"]);
    expect(zh(byFile)[0]).toBe("A 列「日期」只有月份，年份按文件名中的 2023 年；日期记为当月 1 日（具体哪天不知道）");
  });

  it("months that go back from December to January under one year are dated in it, and the clerk is asked to check", () => {
    const r = importWorkbook([grid("销售", [["2023年销售台账"], ["月份", "客户", "型号", "数量", "金额"], ...monthRows([11, 12, 1])])]);
    expect(r.input.orders.map((o) => o.date)).toEqual(["2023-11-01", "2023-12-01", "2023-01-01"]);
    expect(zh(r)).toContain("A 列「月份」的月份在第 5 行从年底回到年初，后面的行可能是下一年的，但都按 2023 年记了：请核对，或把两年分成两张表（或在月份前写上年份，如「2024年1月」）");
    const own = importWorkbook([grid("销售", [["2023年销售台账"], ["月份", "客户", "型号", "数量", "金额"], ...monthRows([11, 12, "2024年1月"])])]);
    expect(own.input.orders.map((o) => o.date)).toEqual(["2023-11-01", "2023-12-01", "2024-01-01"]);
    expect(own.detections[0]!.reasons.map((x) => x.code)).not.toContain("import.reason.monthsWrap");
  });

  it("no year anywhere: every line is refused with where to put the year, and the sheet says so", () => {
    const r = importWorkbook([grid("华兴", [["月份", "客户", "型号", "数量", "金额"], ...monthRows([1, 2])])], { fileName: "台账.xlsx" });
    expect(kinds(r, "华兴")).toEqual(["2:rejected:import.date.monthNeedsYear", "3:rejected:import.date.monthNeedsYear"]);
    expect(zh(r)).toContain("A 列「月份」只有月份，标题、工作表名和文件名中都没有年份，这些行未能导入");
    expect(r.warnings.map((w) => w.code)).not.toContain("import.warn.dayUnknown");
  });

  it("small numbers under 日期 in a sheet that names one month are days, not months: left to the ordinary date rules", () => {
    const r = importWorkbook([grid("2023年5月", [["日期", "客户", "型号", "数量", "金额"], ...monthRows([3, 5])])]);
    expect(r.detections[0]!.monthDates).toBeUndefined();
    expect(r.input.orders).toEqual([]);
  });

  it("a real date column is untouched, and 3月5日-style dates still take the title's year", () => {
    const serials = importWorkbook([grid("明细", [["日期", "客户", "型号", "数量", "金额"], ...monthRows([45721, 45722])], { formats: [["General"], ["yyyy-mm-dd"], ["yyyy-mm-dd"]] })]);
    expect([serials.detections[0]!.monthDates, serials.input.orders.map((o) => o.date)]).toEqual([undefined, ["2025-03-05", "2025-03-06"]]);
    const md = importWorkbook([grid("3月", [["2025年3月销售明细"], ["日期", "客户", "型号", "数量", "金额"], ...monthRows(["3月5日", "3月6日"])])]);
    expect(md.input.orders.map((o) => o.date)).toEqual(["2025-03-05", "2025-03-06"]);
  });
});
