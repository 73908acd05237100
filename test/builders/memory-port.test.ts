import { MemoryPort } from "./memory-port";
import type { SheetSpec } from "../../src/core/sheet-spec";

const spec = (name: string): SheetSpec => ({ name, kind: "monthly", rows: [["标题", { date: "2025-03-05" }]], styles: [], merges: [], columnWidths: [], print: { paper: "A4", orientation: "portrait", fitToWidth: true } as unknown as SheetSpec["print"], anchors: {} });

describe("MemoryPort (test double)", () => {
  test("never replaces a user's sheet; replaces its own; dates become serials", async () => {
    const port = new MemoryPort({ sheets: [{ name: "3月", rows: [["客户", "金额"]] }] });
    expect(await port.writeSheet(spec("3月"))).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "3月" });
    expect(await port.writeSheet(spec("日报"))).toEqual({ ok: true, replaced: false });
    expect(await port.writeSheet(spec("日报"))).toEqual({ ok: true, replaced: true });
    expect(port.sheets.find((s) => s.name === "日报")?.rows).toEqual([["标题", 45721]]);
  });

  test("reads sheets in chunks and appends table rows", async () => {
    const port = new MemoryPort({ sheets: [{ name: "S", rows: [[1], [2], [3]] }], tables: [{ name: "T", sheetName: "表", headers: ["日期", "金额"] }], chunkRows: 2 });
    const chunks = [];
    for await (const c of port.readSheet("S")) chunks.push([c.startRow, c.values]);
    expect(chunks).toEqual([[0, [[1], [2]]], [2, [[3]]]]);
    expect(await port.appendRows("T", [[{ date: "2025-03-05" }, 12.5]])).toBe(1);
    expect(await port.readTable("T")).toEqual({ name: "T", sheetName: "表", headers: ["日期", "金额"], rows: [[45721, 12.5]] });
    await expect(port.appendRows("None", [[1]])).rejects.toThrow(/no table/);
    expect(port.count("appendRows")).toBe(2);
  });

  test("updateTableCells writes only the addressed cells of one row, by header or ledger field", async () => {
    const port = new MemoryPort({ tables: [{ name: "Orders", sheetName: "订单", headers: ["订单号", "日期", "数量"], rows: [["A", 1, 1], ["B", 2, 2]] }] });
    await port.updateTableCells("Orders", 1, { 订单号: "C", date: { date: "2025-03-05" } });
    expect(port.table("Orders").rows).toEqual([["A", 1, 1], ["C", 45721, 2]]);
    await expect(port.updateTableCells("Orders", 2, { 订单号: "x" })).rejects.toThrow(/no body row 2/);
    await expect(port.updateTableCells("Orders", 0, { 无: "x" })).rejects.toThrow(/no column 无/);
  });
});
