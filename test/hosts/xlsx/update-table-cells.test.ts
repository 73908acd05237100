/**
 * `updateTableCells` on the ExcelJS host: only the addressed cells change, strings stay text, and the
 * edit survives a later append (ExcelJS rewrites a table from its own copy of the rows on commit) and a save.
 */
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import type { TableSpec } from "../../../src/app/workbook-port";

const orders: TableSpec = {
  sheetName: "订单",
  tableName: "Orders",
  columns: [
    { header: "订单号", field: "orderNo", numberFormat: "@" },
    { header: "日期", field: "date", numberFormat: "yyyy-mm-dd" },
    { header: "客户", field: "customer" },
    { header: "数量", field: "qty" },
  ],
  rows: [
    ["XS20250331-001", { date: "2025-03-31" }, "长沙华兴商贸", 1],
    ["XS20250331-001", { date: "2025-03-31" }, "郑州宏达(集团)", 3],
  ],
};

async function reload(port: XlsxWorkbook): Promise<XlsxWorkbook> {
  const r = await XlsxWorkbook.fromBuffer(await port.toBuffer(), "x.xlsx");
  if (!r.ok) throw new Error("reload failed");
  return r.value;
}

describe("XlsxWorkbook.updateTableCells", () => {
  it("writes only the addressed cells, by header or field; the edit survives a later append and a save", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.createTable(orders);
    await port.updateTableCells("Orders", 1, { 订单号: "XS20250331-002", qty: 4 });
    await port.appendRows("Orders", [["XS20250331-003", { date: "2025-03-31" }, "=1+1", 5]]);
    const expected = [
      ["XS20250331-001", 45747, "长沙华兴商贸", 1],
      ["XS20250331-002", 45747, "郑州宏达(集团)", 4],
      ["XS20250331-003", 45747, "=1+1", 5],
    ];
    expect((await port.readTable("Orders"))?.rows).toEqual(expected);
    const back = await reload(port);
    expect((await back.readTable("Orders"))?.rows).toEqual(expected);
    expect(back.workbook.getWorksheet("订单")!.getCell("A3").numFmt).toBe("@");
  });

  it("edits a reopened workbook's table in place, strings as text", async () => {
    const first = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await first.createTable(orders);
    const port = await reload(first);
    await port.updateTableCells("Orders", 0, { customer: "=SUM(1,2)", 日期: { date: "2025-04-01" } });
    const rows = (await (await reload(port)).readTable("Orders"))?.rows;
    expect(rows).toEqual([
      ["XS20250331-001", 45748, "=SUM(1,2)", 1],
      ["XS20250331-001", 45747, "郑州宏达(集团)", 3],
    ]);
    expect(port.workbook.getWorksheet("订单")!.getCell("C2").formula).toBeUndefined();
  });

  it("a missing table, row or column is a bug that throws", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.createTable(orders);
    await expect(port.updateTableCells("Nope", 0, { 订单号: "x" })).rejects.toThrow("no table Nope");
    await expect(port.updateTableCells("Orders", 2, { 订单号: "x" })).rejects.toThrow("Orders has no body row 2");
    await expect(port.updateTableCells("Orders", 0, { 不存在: "x" })).rejects.toThrow("Orders has no column 不存在");
  });
});
