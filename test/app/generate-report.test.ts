import { generateReport } from "../../src/app/generate-report";
import { ledgerTableSpecs } from "../../src/core/ledger-tables";
import { monthlyReport } from "../../src/core/reports";
import { MemoryPort } from "../builders/memory-port";
import { smallLedger, smallLedgerInput } from "../builders/report-fixtures";

test("writes the report to its predictable sheet, owned by the add-in; re-generating replaces only that sheet", async () => {
  const port = new MemoryPort({ sheets: [{ name: "我的笔记", rows: [["别动我"]] }] });
  const first = await generateReport(port, smallLedger(), { kind: "monthly", period: "2025-03", today: "2025-04-01" });
  expect(first.ok && [first.value.sheet, first.value.replaced, first.value.data.kind === "monthly" && first.value.data.totals.amountFen]).toEqual(["月报 2025-03", false, 417300]);
  const again = await generateReport(port, smallLedger(), { kind: "monthly", period: "2025-03", today: "2025-04-02" });
  expect(again.ok && again.value.replaced).toBe(true);
  expect(port.sheets.map((s) => [s.name, s.ownedKind])).toEqual([["我的笔记", null], ["月报 2025-03", "monthly"]]);
  expect(port.sheets[0]?.rows).toEqual([["别动我"]]);
});

test("a user's sheet with the report's name is never overwritten", async () => {
  const port = new MemoryPort({ sheets: [{ name: "日报 2025-03-05", rows: [["手工日报"]] }] });
  const r = await generateReport(port, smallLedger(), { kind: "daily", period: "2025-03-05" });
  expect(r).toEqual({ ok: false, issues: [{ code: "sheet.userSheetExists", params: { sheet: "日报 2025-03-05" } }] });
  expect(port.sheets).toHaveLength(1);
  expect(port.sheets[0]?.rows).toEqual([["手工日报"]]);
  expect(port.sheets[0]?.ownedKind).toBeNull();
});

test("a bad period is an issue and writes nothing", async () => {
  const port = new MemoryPort();
  const r = await generateReport(port, smallLedger(), { kind: "annual", period: "25" });
  expect(r.ok ? null : r.issues[0]?.code).toBe("reports.badPeriod");
  expect(port.count("writeSheet")).toBe(0);
});

test("without a ledger it loads one from the workbook's ledger tables: same figures", async () => {
  const port = new MemoryPort();
  for (const spec of ledgerTableSpecs(smallLedgerInput())) await port.createTable(spec);
  const r = await generateReport(port, undefined, { kind: "monthly", period: "2025-03" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.value.loadIssues).toEqual([]);
  // Loading keeps names as spelled (郑州宏达（集团） stays full-width): the same report, names and figures.
  const direct = monthlyReport(smallLedger(), "2025-03").data;
  expect(r.value.data).toEqual(direct);
});
