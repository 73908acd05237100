/**
 * `updateTableCells` on the Office.js host (fake): writes only the addressed cells of one body row
 * through `getDataBodyRange().getCell`, strings as text, and never rewrites or grows the table.
 */
import { ExcelWorkbook } from "../../../src/hosts/excel/excel-workbook";
import { FakeExcel } from "../../excel-fake";
import { FakeRequestContext } from "../../excel-fake/api";
import { freshFake, orderRow, ordersTableSpec, portOn } from "./fixtures";

/** Every cell of the Orders table (header included) as stored, one string per cell. */
function tableCells(fake: FakeExcel): string[][] {
  const t = fake.tables.find((x) => x.name === "Orders")!;
  return Array.from({ length: t.rect.rows }, (_, r) => Array.from({ length: t.rect.cols }, (_, c) => JSON.stringify(fake.cell(t.sheet.name, t.rect.row + r, t.rect.col + c))));
}

async function seeded(): Promise<{ fake: FakeExcel; port: ExcelWorkbook }> {
  const fake = freshFake();
  const port = portOn(fake);
  await port.createTable(ordersTableSpec([orderRow(1), orderRow(2), orderRow(3)]));
  fake.resetLog();
  return { fake, port };
}

describe("ExcelWorkbook.updateTableCells", () => {
  it("changes only the addressed cells: one RangeEdited on them, no rewrite, no new row", async () => {
    const { fake, port } = await seeded();
    const before = tableCells(fake);
    const ops: string[] = [];
    const original = FakeRequestContext.prototype.enqueue;
    const spy = jest.spyOn(FakeRequestContext.prototype, "enqueue").mockImplementation(function (this: FakeRequestContext, what, payload, apply, need) {
      ops.push(what);
      return original.call(this, what, payload, apply, need);
    });
    try {
      await port.updateTableCells("Orders", 1, { 订单号: "SO-000099", qty: 42 });
    } finally {
      spy.mockRestore();
    }
    const after = tableCells(fake);
    const changed = after.flatMap((row, r) => row.flatMap((cell, c) => (cell === before[r]?.[c] ? [] : [[r, c, JSON.parse(cell) as unknown]])));
    expect(changed).toEqual([
      [2, 0, { value: "SO-000099", numberFormat: "@" }],
      [2, 3, { value: 42, numberFormat: "0" }],
    ]);
    // Table rewrites (anything but edits of the two cells) stay at zero.
    expect(fake.events).toEqual([
      { tableName: "Orders", changeType: "RangeEdited", address: "A3" },
      { tableName: "Orders", changeType: "RangeEdited", address: "D3" },
    ]);
    expect(ops.filter((o) => /rows\.add|table\.delete|worksheet\.delete|range\.delete|range\.clear|range\.insert/.test(o))).toEqual([]);
    expect(fake.syncCount).toBe(4);
    expect((await port.readTable("Orders"))?.rows.map((r) => [r[0], r[3]])).toEqual([
      ["SO-000001", 2],
      ["SO-000099", 42],
      ["SO-000003", 4],
    ]);
  });

  it("enters strings as text (a leading = + - or zeros stay literal) and gives the cell its format back", async () => {
    const { fake, port } = await seeded();
    await port.updateTableCells("Orders", 0, { 客户: "=cmd|' /C calc'!A0", 订单号: "007", 日期: { date: "2025-04-01" } });
    expect([fake.cell("订单", 1, 0), fake.cell("订单", 1, 1), fake.cell("订单", 1, 2)]).toEqual([
      { value: "007", numberFormat: "@" },
      { value: 45748, numberFormat: "yyyy-mm-dd" },
      { value: "=cmd|' /C calc'!A0", numberFormat: "General" },
    ]);
    expect((await port.readTable("Orders"))?.rows[0]?.slice(0, 3)).toEqual(["007", 45748, "=cmd|' /C calc'!A0"]);
  });

  it("a missing table is a host issue; a missing row or column is a bug that throws", async () => {
    const { port } = await seeded();
    await expect(port.updateTableCells("Nope", 0, { 订单号: "x" })).rejects.toMatchObject({ issue: { code: "host.tableNotFound", params: { table: "Nope" } } });
    await expect(port.updateTableCells("Orders", 3, { 订单号: "x" })).rejects.toThrow("Orders has no body row 3");
    await expect(port.updateTableCells("Orders", -1, { 订单号: "x" })).rejects.toThrow("Orders has no body row -1");
    await expect(port.updateTableCells("Orders", 0, { 不存在: "x" })).rejects.toThrow("Orders has no column 不存在");
  });
});
