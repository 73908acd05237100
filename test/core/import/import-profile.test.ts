/**
 * Import profiles: the mapping confirmed on one workbook (with the clerk's corrections) applied to
 * next month's — other sheet names, columns shuffled — gives the same mapping; a block whose headers
 * changed is said and not applied; a bad profile is one located issue.
 */
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { applyProfile, parseProfile, profileOf, serializeProfile, type ImportProfile } from "../../../src/core/import/import-profile";
import { describeIssue } from "../../../src/core/i18n";
import type { ImportOverrides, SheetGrid } from "../../../src/core/import/types";
import { grid } from "./grid";

const march = grid("2025年3月", [
  ["销售明细（3月）"],
  ["日子", "买家", "货号", "件数", "钱", "备注"],
  ["2025-03-05", "长沙华兴", "XY-100", 2, 20, ""],
  ["2025-03-06", "西安远大", "XY-200", 1, 15, "急"],
]);
const marchPaid = grid("回款", [
  ["日期", "客户", "金额"],
  ["2025-03-10", "长沙华兴", 20],
]);
const CORRECTIONS: ImportOverrides = { mappings: { "2025年3月": { date: "日子", customer: "买家", amount: "钱" } } };

/** The same columns in another order, under another sheet name. */
function shuffled(name: string, source: SheetGrid, order: readonly number[]): SheetGrid {
  return grid(name, source.values.map((row) => (row.length > 1 ? order.map((c) => row[c] ?? null) : [...row])));
}

const mappingOf = (r: ReturnType<typeof importWorkbook>, sheet: string): Record<string, string> => Object.fromEntries((r.detections.find((d) => d.sheet === sheet)?.mapping ?? []).map((m) => [m.field, m.header]));

function saved(): ImportProfile {
  const first = importWorkbook([march, marchPaid], { overrides: CORRECTIONS });
  const profile = profileOf(first, [march, marchPaid]);
  // Through its file text, as the CLI writes and reads it.
  const back = parseProfile(serializeProfile(profile));
  if (!back.ok) throw new Error(JSON.stringify(back.issues));
  return back.value;
}

describe("import profiles", () => {
  it("saves each block's header signature, role and mapping (the clerk's corrections included)", () => {
    expect(saved().blocks).toEqual([
      { signature: ["买家", "件数", "备注", "日子", "货号", "钱"], sheet: "2025年3月", role: "orders", mapping: { date: "日子", customer: "买家", model: "货号", qty: "件数", amount: "钱", notes: "备注" } },
      { signature: ["客户", "日期", "金额"], sheet: "回款", role: "payments", mapping: { date: "日期", customer: "客户", amount: "金额" } },
    ]);
  });

  it("next month's workbook (renamed sheets, shuffled columns) gets the same mapping and the same records", () => {
    const april = shuffled("2025年4月", march, [5, 4, 1, 0, 3, 2]);
    const aprilPaid = shuffled("4月收款", marchPaid, [2, 0, 1]);
    const use = applyProfile([april, aprilPaid], saved());
    expect(use.notes.map((n) => describeIssue(n))).toEqual(["「2025年4月」：按导入配置套用了用途和列对应（配置来自「2025年3月」）", "「4月收款」：按导入配置套用了用途和列对应（配置来自「回款」）"]);
    const r = importWorkbook([april, aprilPaid], { overrides: use.overrides });
    const before = importWorkbook([march, marchPaid], { overrides: CORRECTIONS });
    expect(mappingOf(r, "2025年4月")).toEqual(mappingOf(before, "2025年3月"));
    expect(r.input.orders.map((o) => `${o.date} ${o.customer} ${o.model} ${o.qty} ${o.amountFen}`)).toEqual(before.input.orders.map((o) => `${o.date} ${o.customer} ${o.model} ${o.qty} ${o.amountFen}`));
    expect(r.input.payments.map((p) => `${p.date} ${p.customer} ${p.amountFen}`)).toEqual(before.input.payments.map((p) => `${p.date} ${p.customer} ${p.amountFen}`));
    // Without the profile the sheet is not read at all.
    expect(importWorkbook([april]).input.orders).toEqual([]);
  });

  it("a block whose headers changed is said and not applied; one not found at all is said too", () => {
    const may = grid("2025年5月", [
      ["日子", "客户单位", "货号", "件数", "钱", "备注"],
      ["2025-05-05", "长沙华兴", "XY-100", 2, 20, ""],
    ]);
    const use = applyProfile([may], saved());
    expect(use.overrides).toEqual({});
    expect(use.notes.map((n) => describeIssue(n))).toMatchInlineSnapshot(`
[
  "「2025年5月」：导入配置中「2025年3月」的表头和这张表不一样（少了：买家；多了：客户单位），没有套用；核对后可重新保存配置",
  "导入配置中「回款」那样的表（列：客户、日期、金额…）在本工作簿中没有找到，没有套用",
]
`);
  });

  it("the clerk's --role / --map of this run win over the profile", () => {
    const april = shuffled("2025年4月", march, [5, 4, 1, 0, 3, 2]);
    const use = applyProfile([april], saved(), { roles: { "2025年4月": "returns" }, mappings: { "*": { notes: "货号" } } });
    expect(use.overrides.roles).toEqual({ "2025年4月": "returns" });
    expect(use.overrides.mappings?.["2025年4月"]).toMatchObject({ notes: "货号", amount: "钱" });
  });

  it("a bad profile is one issue that says where and what", () => {
    const bad = (text: string, locale: "zh-CN" | "en-US" = "zh-CN"): string => {
      const r = parseProfile(text, locale);
      return r.ok ? "ok" : r.issues.map((i) => describeIssue(i, locale)).join("\n");
    };
    expect(bad("{")).toMatch(/^导入配置不是有效的 JSON：/);
    expect(bad('{"version":1,"blocks":[{"signature":["日期"],"sheet":"x","role":"sales","mapping":{}}]}')).toMatchInlineSnapshot(`"导入配置的内容不对（位置 blocks[0].role）：无效选项：期望以下之一 "orders"|"payments"|"customers"|"products"|"returns"|"other""`);
    expect(bad('{"version":2,"blocks":[]}', "en-US")).toMatch(/^The import profile is not right \(at version\): /);
    expect(bad('{"version":1,"blocks":[]}')).toBe("ok");
  });
});
