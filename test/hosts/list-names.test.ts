/**
 * `listNames` on every port, and `createTable` refusing a table name that a defined name or a table
 * already has: the file-backed ports must list the same names for the same file, and the Excel host
 * (on the fake, seeded from that file) too.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { GraftWorkbook } from "../../src/hosts/xlsx/graft-workbook";
import { ReadOnlyWorkbook } from "../../src/hosts/xlsx/read-only-workbook";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { fromXlsx, type FakeExcel } from "../excel-fake";
import { ordersTableSpec } from "./excel/fixtures";

/**
 * A workbook with a workbook-scoped range name, a workbook-scoped constant, a name of the second
 * sheet only, the same name again in another case and scope, a hidden name, and print titles
 * (`_xlnm.Print_Titles`, which ExcelJS writes from the page setup).
 */
async function namesFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("销售");
  a.addRow(["日期", "金额"]);
  a.addRow([45721, 240]);
  a.pageSetup.printTitlesRow = "1:1";
  wb.addWorksheet("参数").addRow(["税率", 0.13]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  const ours =
    '<definedName name="Orders">销售!$A$1:$B$2</definedName>' +
    '<definedName name="税率">0.13</definedName>' +
    '<definedName name="Local" localSheetId="1">参数!$B$1</definedName>' +
    '<definedName name="LOCAL">销售!$A$1</definedName>' +
    '<definedName name="Hidden_1" hidden="1">参数!$A$1</definedName>';
  expect(xml).toContain("_xlnm.Print_Titles"); // the fixture holds a built-in name
  zip.file("xl/workbook.xml", xml.replace("</definedNames>", `${ours}</definedNames>`));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function excelOn(fake: FakeExcel): ExcelWorkbook {
  return new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
}

/** The names, lower-cased (which spelling of a name in two cases is kept varies by host) and sorted. */
async function sortedNames(port: WorkbookPort): Promise<string[]> {
  return (await port.listNames()).map((n) => n.toLowerCase()).sort();
}

describe("listNames", () => {
  it("XlsxWorkbook, ReadOnlyWorkbook, GraftWorkbook and the Excel host list the same names for the same file", async () => {
    const bytes = await namesFile();
    const xlsx = await XlsxWorkbook.fromBuffer(bytes);
    const ro = ReadOnlyWorkbook.fromBuffer(bytes);
    const graft = await GraftWorkbook.fromBuffer(bytes);
    if (!xlsx.ok || !ro.ok || !graft.ok) throw new Error("the fixture does not open");
    const fake = await fromXlsx(bytes);
    const lists = {
      xlsx: await sortedNames(xlsx.value),
      readOnly: await sortedNames(ro.value),
      graft: await sortedNames(graft.value),
      excel: await sortedNames(excelOn(fake)),
    };
    // Each name once whatever its case or scope, built-in names left out.
    const expected = ["hidden_1", "local", "orders", "税率"];
    expect(lists).toEqual({ xlsx: expected, readOnly: expected, graft: expected, excel: expected });
  });

  it("on Excel reads workbook.names and every sheet's own names in two syncs; below ExcelApi 1.4 only the workbook's, with a warning", async () => {
    const fake = await fromXlsx(await namesFile());
    fake.resetLog();
    const port = excelOn(fake);
    expect(await port.listNames()).toEqual(["Orders", "税率", "LOCAL", "Hidden_1"]); // the workbook's in file order (参数's Local is a repeat)
    expect([fake.syncCount, port.warnings]).toEqual([2, []]);
    fake.apiVersion = "1.3";
    const old = excelOn(fake);
    fake.names = fake.names.filter((n) => n.name !== "LOCAL");
    expect(await old.listNames()).toEqual(["Orders", "税率", "Hidden_1"]); // 参数's own Local unseen
    expect(old.warnings).toEqual([{ code: "host.apiUnsupported", params: { feature: "worksheet.names", version: "1.4" }, severity: "warning" }]);
  });

  it("an empty list for a workbook without names", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow([1]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const ro = ReadOnlyWorkbook.fromBuffer(bytes);
    expect([ro.ok && (await ro.value.listNames()), await XlsxWorkbook.wrap(wb).listNames(), await excelOn(await fromXlsx(bytes)).listNames()]).toEqual([[], [], []]);
  });
});

/** Operations of the fake's syncs that change the workbook (anything but loads and navigation). */
function writesOf(fake: FakeExcel): string[] {
  return fake.syncLog.flatMap((s) => s.opNames).filter((op) => op !== "load" && !/^\w+\.(get\w*|names|worksheet|date)$/.test(op));
}

describe("createTable refuses a table name a defined name or a table already has", () => {
  it("on Excel: table.nameTaken before anything is written (a sheet-scoped name in another case too)", async () => {
    const fake = await fromXlsx(await namesFile());
    fake.names.push({ name: "orders_x", formula: "=1", sheet: null, visible: true, comment: "" });
    const port = excelOn(fake);
    const sheets = fake.sheetNames();
    fake.resetLog();
    const spec = { ...ordersTableSpec(), tableName: "local" };
    expect(await port.createTable(spec)).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "local" });
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "ORDERS" })).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "ORDERS" });
    expect([fake.sheetNames(), fake.tables.length, writesOf(fake)]).toEqual([sheets, 0, []]);
    // A table of that name elsewhere (in another case) is refused the same way.
    fake.addTable("销售", "Items", { row: 0, col: 0, rows: 2, cols: 2 });
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "ITEMS" })).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "ITEMS" });
    expect([fake.sheetNames(), writesOf(fake)]).toEqual([sheets, []]);
    // A free name still works.
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "Orders2" })).toEqual({ ok: true, replaced: false });
    expect(fake.tables.map((t) => t.name)).toEqual(["Items", "Orders2"]);
  });

  it("on the xlsx host (ExcelJS) the same, nothing added", async () => {
    const r = await XlsxWorkbook.fromBuffer(await namesFile());
    if (!r.ok) throw new Error("the fixture does not open");
    const port = r.value;
    const before = [await port.listSheets(), await port.listTables()];
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "orders" })).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "orders" });
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "Local" })).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "Local" });
    expect([await port.listSheets(), await port.listTables(), port.workbook.getWorksheet("_ledger_meta")]).toEqual([...before, undefined]);
    expect(await port.createTable(ordersTableSpec())).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单", table: "Orders" });
    expect(await port.createTable({ ...ordersTableSpec(), tableName: "Orders2" })).toEqual({ ok: true, replaced: false });
    expect(await port.createTable({ ...ordersTableSpec(), sheetName: "订单2", tableName: "orders2" })).toEqual({ ok: false, code: "table.nameTaken", sheet: "订单2", table: "orders2" });
  });
});
