/**
 * The add-in keeps the confirmed mapping with the workbook: convertWorkbook saves it in the meta
 * sheet (setting `import.profile`), and detectWorkbook applies a workbook's saved profile before
 * detection — a damaged one is said, not used.
 */
import { convertWorkbook } from "../../src/app/convert-workbook";
import { detectWorkbook } from "../../src/app/detect-workbook";
import { PROFILE_SETTING, parseProfile } from "../../src/core/import/import-profile";
import { MemoryPort } from "../builders/memory-port";

const MARCH = [
  ["日子", "买家", "货号", "件数", "钱"],
  ["2025-03-05", "长沙华兴", "XY-100", 2, 20],
];

it("convert saves the confirmed mapping; a workbook holding it imports with it", async () => {
  const port = new MemoryPort({ sheets: [{ name: "2025年3月", rows: MARCH }] });
  const r = await convertWorkbook(port, { overrides: { mappings: { "*": { date: "日子", customer: "买家", amount: "钱" } } } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const stored = await port.getSetting(PROFILE_SETTING);
  const parsed = parseProfile(stored ?? "");
  expect(parsed.ok && parsed.value.blocks.map((b) => [b.sheet, b.role, b.mapping])).toEqual([["2025年3月", "orders", { date: "日子", customer: "买家", model: "货号", qty: "件数", amount: "钱" }]]);

  const next = new MemoryPort({ sheets: [{ name: "2025年4月", rows: [["钱", "件数", "货号", "买家", "日子"], [30, 3, "XY-100", "长沙华兴", "2025-04-05"]] }] });
  await next.setSetting(PROFILE_SETTING, stored ?? "");
  const { report } = await detectWorkbook(next);
  expect([report.sheets[0]?.role, report.ledger.orders.amountFen, report.warnings[0]?.message]).toEqual(["orders", 3000, "按导入配置套用了用途和列对应（配置来自「2025年3月」）"]);
});

it("a damaged saved profile is said and not used", async () => {
  const port = new MemoryPort({ sheets: [{ name: "3月", rows: [["日期", "客户", "型号", "数量", "金额"], ["2025-03-05", "长沙华兴", "XY-100", 2, 20]] }] });
  await port.setSetting(PROFILE_SETTING, "{oops");
  const { report } = await detectWorkbook(port);
  expect([report.ledger.orders.lines, report.warnings[0]?.code]).toEqual([1, "import.profile.savedInvalid"]);
});
