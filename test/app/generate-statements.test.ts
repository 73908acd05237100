import { generateStatements, COMPANY_SETTINGS, DEFAULT_CUTOFF_DAY, STATEMENT_SETTINGS, parseCutoffDay, readCutoffDay } from "../../src/app/generate-statements";
import { MemoryPort } from "../builders/memory-port";
import { smallLedger } from "../builders/report-fixtures";

test("all 月结 customers: one sheet each, company from the settings", async () => {
  const port = new MemoryPort({ settings: { [COMPANY_SETTINGS.name]: "湖南某某电器有限公司", [COMPANY_SETTINGS.phone]: "0731-88880000" } });
  const r = await generateStatements(port, smallLedger(), { customers: "all-monthly", from: "2025-02-26", to: "2025-03-25", date: "2025-03-26" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.value.issues).toEqual([]);
  expect(r.value.written.map((w) => [w.sheet, w.data.closingFen])).toEqual([
    ["对账单 长沙华兴商贸有限公司 2025-03", 463200],
    ["对账单 郑州宏达（集团） 2025-03", 92500],
  ]);
  expect(port.sheets.map((s) => s.ownedKind)).toEqual(["statement", "statement"]);
  expect(port.sheets[0]?.rows[0]).toEqual(["湖南某某电器有限公司"]);
});

test("a user's sheet is left alone and reported; the other statements are still written", async () => {
  const port = new MemoryPort({ sheets: [{ name: "对账单 长沙华兴商贸有限公司 2025-03", rows: [["客户自己的"]] }] });
  const r = await generateStatements(port, smallLedger(), { customers: ["长沙华兴商贸有限公司", "郑州宏达(集团)"], from: "2025-02-26", to: "2025-03-25", company: { name: "某公司" } });
  if (!r.ok) throw new Error("failed");
  expect(r.value.written.map((w) => w.sheet)).toEqual(["对账单 郑州宏达（集团） 2025-03"]);
  expect(r.value.issues).toEqual([{ code: "sheet.userSheetExists", params: { sheet: "对账单 长沙华兴商贸有限公司 2025-03" } }]);
  expect(port.sheets[0]?.rows).toEqual([["客户自己的"]]);
});

test("company not set and no customer to do are warnings; an unknown customer fails before writing", async () => {
  const port = new MemoryPort();
  const none = await generateStatements(port, smallLedger(), { customers: "all-monthly", from: "2024-01-01", to: "2024-01-31" });
  expect(none.ok && none.value.issues.map((i) => i.code)).toEqual(["statement.noCompany", "statement.noMonthlyCustomers"]);
  const bad = await generateStatements(port, smallLedger(), { customers: ["长沙华兴商贸有限公司", "没有这个人"], from: "2025-02-26", to: "2025-03-25", company: { name: "某公司" } });
  expect(bad).toEqual({ ok: false, issues: [{ code: "statement.unknownCustomer", value: "没有这个人" }] });
  expect(port.count("writeSheet")).toBe(0);
});

test("the cut-off day setting: 1–31 (full-width digits too), anything else means the default 25", async () => {
  expect(["25", "１", "31", " 7 ", "0", "32", "2.5", "", null].map((v) => parseCutoffDay(v))).toEqual([25, 1, 31, 7, null, null, null, null, null]);
  expect(await readCutoffDay(new MemoryPort({ settings: { [STATEMENT_SETTINGS.cutoffDay]: "31" } }))).toBe(31);
  expect(await readCutoffDay(new MemoryPort({ settings: { [STATEMENT_SETTINGS.cutoffDay]: "月底" } }))).toBe(DEFAULT_CUTOFF_DAY);
  expect(await readCutoffDay(new MemoryPort())).toBe(25);
});
