/**
 * convertWorkbook on a workbook holding a defined name (Name Manager) that a ledger table would
 * take: refused with import.tableNameTaken before anything is written, on the Excel host (fake), the
 * xlsx host, GraftWorkbook (import -o) and the in-memory port.
 */
import ExcelJS from "exceljs";
import { convertWorkbook } from "../../src/app/convert-workbook";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { describeIssue } from "../../src/core/i18n";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { GraftWorkbook } from "../../src/hosts/xlsx/graft-workbook";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { fromXlsx } from "../excel-fake";
import { buildMessyWorkbook } from "../builders/messy-workbook";
import { MemoryPort } from "../builders/memory-port";

const WRITES = new Set(["appendRows", "updateTableCells", "createTable", "writeSheet", "setSetting"]);

/** `port`, recording every write method called on it. */
function recording(port: WorkbookPort): { port: WorkbookPort; writes: string[] } {
  const writes: string[] = [];
  const wrapped = new Proxy(port, {
    get(target, key) {
      const member = Reflect.get(target, key, target) as unknown;
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => {
        if (typeof key === "string" && WRITES.has(key)) writes.push(key);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: wrapped, writes };
}

/** A clerk's messy workbook with her own named range (`orders`, lower case) over the first sheet. */
async function namedWorkbook(name = "orders"): Promise<{ workbook: ExcelJS.Workbook; bytes: Buffer }> {
  const { workbook } = buildMessyWorkbook(31, { months: 1, linesPerMonth: 8 });
  const first = workbook.worksheets[0]!.name;
  workbook.definedNames.add(`'${first}'!$A$1:$C$3`, name);
  return { workbook, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** Convert through a recording wrapper; the sheets and tables before and after, and the writes made. */
async function refused(port: WorkbookPort): Promise<{ issues: string[]; same: boolean; writes: string[] }> {
  const before = [await port.listSheets(), await port.listTables()];
  const rec = recording(port);
  const r = await convertWorkbook(rec.port);
  const after = [await port.listSheets(), await port.listTables()];
  expect(after).toEqual(before);
  return { issues: r.ok ? [] : r.issues.map((i) => `${i.code} ${JSON.stringify(i.params)}`), same: JSON.stringify(after) === JSON.stringify(before), writes: rec.writes };
}

const EXPECTED = { issues: ['import.tableNameTaken {"table":"Orders"}'], same: true, writes: [] };

describe("convertWorkbook and a defined name a ledger table would take", () => {
  it("on the Excel host (fake): refused, and no sync carried a single write", async () => {
    const fake = await fromXlsx((await namedWorkbook()).bytes);
    expect(fake.nameList()).toEqual([["orders", null]]);
    const sheets = fake.sheetNames();
    fake.resetLog();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
    expect(await refused(port)).toEqual(EXPECTED);
    const writes = fake.syncLog.flatMap((s) => s.opNames).filter((op) => op !== "load" && !/^\w+\.(get\w*|names|worksheet|date)$/.test(op));
    expect([fake.sheetNames(), fake.tables.length, writes]).toEqual([sheets, 0, []]);
  });

  it("on the Excel host, a sheet-scoped name counts too", async () => {
    const fake = await fromXlsx((await namedWorkbook()).bytes);
    fake.names = [];
    fake.addName("PAYMENTS", "=1", fake.sheetNames()[1]);
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
    expect((await refused(port)).issues).toEqual(['import.tableNameTaken {"table":"Payments"}']);
  });

  it("on the xlsx host: refused, no sheet, table or meta sheet added", async () => {
    const { workbook } = await namedWorkbook();
    const port = XlsxWorkbook.wrap(workbook);
    expect(await refused(port)).toEqual(EXPECTED);
    expect(workbook.getWorksheet("_ledger_meta")).toBeUndefined();
  });

  it("on GraftWorkbook (import -o): refused, nothing added", async () => {
    const opened = await GraftWorkbook.fromBuffer((await namedWorkbook()).bytes);
    if (!opened.ok) throw new Error("does not open");
    expect(await refused(opened.value)).toEqual(EXPECTED);
    expect(await opened.value.getSetting("anything")).toBeNull();
  });

  it("on the in-memory port: one issue per clashing name, in the clerk's words; her own table in another case counts too", async () => {
    const port = new MemoryPort({
      sheets: [{ name: "销售", rows: [["日期", "客户", "型号", "数量", "金额"], [45721, "长沙华兴", "XY-100", 2, 240]] }],
      tables: [{ name: "returns", sheetName: "退货单", headers: ["日期"] }],
      names: ["orders", "Customers"],
    });
    const r = await convertWorkbook(port);
    expect(r.ok ? [] : r.issues.map((i) => describeIssue(i, "zh-CN"))).toMatchInlineSnapshot(`
[
  "无法创建表格「Customers」：工作簿里已有同名的表格或名称（公式 ▸ 名称管理器）。请改名后再试",
  "无法创建表格「Orders」：工作簿里已有同名的表格或名称（公式 ▸ 名称管理器）。请改名后再试",
  "无法创建表格「Returns」：工作簿里已有同名的表格或名称（公式 ▸ 名称管理器）。请改名后再试",
]
`);
    expect(port.count("createTable") + port.count("writeSheet") + port.count("readSheet")).toBe(0);
  });

  it("without a clashing name the same workbook converts (the check is about the name only)", async () => {
    const { workbook } = await namedWorkbook("orders_2025");
    const r = await convertWorkbook(XlsxWorkbook.wrap(workbook));
    expect(r.ok && r.value.sheetsCreated.length).toBe(7);
  });
});
