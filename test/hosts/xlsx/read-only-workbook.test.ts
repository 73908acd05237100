import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
// jszip comes with exceljs (its zip layer); used here only to put hand-written XML into a file.
import JSZip from "jszip";
import { ReadOnlyWorkbook } from "../../../src/hosts/xlsx/read-only-workbook";
import { XlsxWorkbook, META_SHEET } from "../../../src/hosts/xlsx/xlsx-workbook";
import { convertWorkbook } from "../../../src/app/convert-workbook";
import { loadLedger } from "../../../src/app/load-ledger";
import type { WorkbookPort } from "../../../src/app/workbook-port";
import type { SheetSpec } from "../../../src/core/sheet-spec";
import { chunks, portReads } from "../../builders/port-reads";
import { REALWORLD_DIR } from "../../builders/shared-dir";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-workbook.xlsx");
const REALWORLD = REALWORLD_DIR;
const FIXTURES = ["chaoyang_hospital_2018_sales.xlsx", "mazda_dealer_jinxiaocun.xlsx"].map((f) => join(REALWORLD, f));

/** Everything the port reads, in one order (the ExcelJS host makes cells on reading: same order on both). */
async function everything(port: WorkbookPort): Promise<unknown> {
  const reads = await portReads(port, ["company.name", "company.address", "cutoffDay", "missing"]);
  return { ...reads, noSuchTable: await port.readTable("NoSuchTable"), noSuchSheet: await chunks(port, "no such sheet"), meta: await chunks(port, META_SHEET) };
}

async function bothFromBuffer(bytes: Buffer, sliceBytes?: number): Promise<[XlsxWorkbook, ReadOnlyWorkbook]> {
  const a = await XlsxWorkbook.fromBuffer(bytes, "x.xlsx");
  const b = ReadOnlyWorkbook.fromBuffer(bytes, "x.xlsx", sliceBytes === undefined ? {} : { sliceBytes });
  if (!a.ok || !b.ok) throw new Error(`open failed: ${JSON.stringify([a, b].map((r) => (r.ok ? "ok" : r.issues)))}`);
  return [a.value, b.value];
}

async function expectSameReads(bytes: Buffer): Promise<unknown> {
  const [a, b] = await bothFromBuffer(bytes);
  const expected = await everything(a);
  expect(await everything(b)).toEqual(expected);
  // Sheet XML decoded a row at a time (1-byte slices end after each `</row>`) reads the same.
  const [, tiny] = await bothFromBuffer(bytes, 1);
  expect(await everything(tiny)).toEqual(expected);
  return expected;
}

/** A small workbook with the awkward cells: dates, formulas, errors, rich text, merges, styles, tables, meta. */
async function awkwardWorkbook(date1904: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("销售 & <明细>");
  ws.getColumn(6).numFmt = "0.00%";
  ws.getCell("B2").value = "2025年3月销售明细";
  ws.mergeCells("B2:E2");
  ws.getCell("B3").value = new Date(Date.UTC(2025, 2, 5));
  ws.getCell("B3").numFmt = "yyyy-mm-dd";
  ws.getCell("C3").value = { richText: [{ text: "强力" }, { font: { bold: true }, text: "VC" }, { text: "银翘片" }] };
  ws.getCell("D3").value = { formula: "E3*2", result: 246.9 };
  ws.getCell("E3").value = 123.45;
  ws.getCell("E3").numFmt = "#,##0.00";
  ws.getCell("F3").value = 0.125;
  ws.getCell("B4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("C4").value = { text: "官网", hyperlink: "https://example.com" };
  ws.getCell("D4").value = { formula: "E4*2" } as ExcelJS.CellFormulaValue;
  ws.getCell("E4").value = true;
  ws.getCell("B5").value = { formula: "SUM(E3:E4)", result: 0 };
  ws.getCell("C5").value = { formula: "B3+1", result: new Date(Date.UTC(2025, 2, 6)) };
  ws.getCell("C5").numFmt = "yyyy年m月d日";
  ws.getCell("D5").value = { formula: 'IF(E4,"是","否")', result: "是" };
  ws.getCell("E5").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
  ws.getCell("F5").value = "";
  ws.getCell("G7").numFmt = "0.0"; // styled, empty: outside the used range
  ws.getCell("A8").value = new Date(Date.UTC(2025, 2, 5, 13, 30));
  ws.getCell("A8").numFmt = "yyyy-mm-dd hh:mm";
  ws.getCell("B8").value = "  带空格 ";
  ws.getCell("C8").value = -0.1 + 0.3;
  ws.getRow(9).numFmt = "@";
  ws.getCell("D9").value = "行样式";
  ws.mergeCells("A10:B11");
  ws.getCell("A10").value = "合并";
  const hidden = wb.addWorksheet("隐藏");
  hidden.state = "hidden";
  hidden.getCell("A1").value = 1;
  wb.addWorksheet("空表");
  const port = XlsxWorkbook.wrap(wb);
  await port.createTable({
    sheetName: "订单",
    tableName: "Orders",
    columns: [
      { header: "日期", field: "date", numberFormat: "yyyy-mm-dd" },
      { header: "客户", field: "customer" },
      { header: "金额", field: "amount", numberFormat: "#,##0.00" },
    ],
    rows: [
      [{ date: "2025-03-05" }, "华康药房", 1234.5],
      [{ date: "2025-03-06" }, "仁和大药房", null],
      [null, null, null],
    ],
  });
  await port.createTable({ sheetName: "空", tableName: "Empty", columns: [{ header: "名称", field: "name" }], rows: [] });
  await port.setSetting("company.name", "长沙某某医药有限公司");
  await port.setSetting("cutoffDay", "25");
  const spec: SheetSpec = { name: "月报", kind: "monthly", rows: [["月报"], [1, { formula: "A2*2", value: 2 }]], styles: [], merges: [], columnWidths: [], print: { paperSize: "A4", orientation: "portrait", fitToWidth: true }, anchors: {} };
  await port.writeSheet(spec);
  return port.toBuffer();
}

/** Cells ExcelJS never writes but Excel and other tools do: inline strings, shared formulas, `str`/`b` results. */
async function handWrittenCells(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const path = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(path)!.async("string");
  const rows =
    '<row r="20"><c r="A20" t="inlineStr"><is><t>内联 &amp; 文本</t></is></c><c r="B20" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本</t></r></is></c>' +
    '<c r="C20"><f t="shared" ref="C20:C22" si="7">A1&amp;"x"</f><v>1</v></c><c r="D20" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E20" t="b"><v>1</v></c><c r="F20" t="e"><v>#REF!</v></c></row>' +
    '<row r="21"><c r="C21"><f t="shared" si="7"/><v>2</v></c><c r="D21" t="b"><f>TRUE()</f><v>0</v></c><c r="E21" t="s"><v>0</v></c></row>' +
    '<row r="22"><c r="C22"><f t="shared" si="7"/><v>3</v></c><c r="D22"><v>1.5E-3</v></c><c r="E22" t="inlineStr"><is><t>_x000D_</t></is></c><c r="F22" t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c><c r="G22" t="inlineStr"><is><t>&#x4e2d;&lt;&amp;amp;</t></is></c><c r="H22" t="inlineStr"><is><t>两行\r\n文本&#13;</t></is></c></row>';
  zip.file(path, xml.replace("</sheetData>", `${rows}</sheetData>`));
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("ReadOnlyWorkbook reads exactly what XlsxWorkbook reads", () => {
  it("on the bundled sample workbook", async () => {
    const seen = (await expectSameReads(readFileSync(SAMPLE))) as { sheets: { name: string }[] };
    expect(seen.sheets.map((s) => s.name)).toContain("回款");
  });

  it.each(FIXTURES)("on the real-world fixture %s", async (file) => {
    const seen = (await expectSameReads(readFileSync(file))) as { sheets: unknown[] };
    expect(seen.sheets.length).toBeGreaterThan(0);
  });

  it.each([false, true])("on a generated workbook with dates, formulas, errors, rich text, tables and meta (date1904 %s)", async (date1904) => {
    const seen = (await expectSameReads(await awkwardWorkbook(date1904))) as { date1904: boolean; tables: { name: string }[]; settings: (string | null)[] };
    expect(seen.date1904).toBe(date1904);
    expect(seen.tables.map((t) => t.name)).toEqual(["Orders", "Empty"]);
    expect(seen.settings).toEqual(["长沙某某医药有限公司", null, "25", null]);
  });

  it("on hand-written cells ExcelJS never writes (inline strings, shared formulas, typed results)", async () => {
    const bytes = await handWrittenCells(await awkwardWorkbook(false));
    const [, ro] = await bothFromBuffer(bytes);
    const grid = (await chunks(ro, "销售 & <明细>"))[0]!;
    // Row `r` (1-based) indexed by column (0 = A).
    const row = (r: number): unknown[] => [...new Array<null>(grid.startCol).fill(null), ...grid.values[r - 1 - grid.startRow]!];
    expect(row(20).slice(0, 6)).toEqual(["内联 & 文本", "富 文本", 1, "ab", true, { error: "#REF!" }]);
    expect(grid.formulas[21 - 1 - grid.startRow]![2 - grid.startCol]).toBe('=A2&"x"');
    await expectSameReads(bytes);
  });

  it("on a converted ledger, and loadLedger gives the same ledger through both", async () => {
    const opened = await XlsxWorkbook.open(SAMPLE);
    if (!opened.ok) throw new Error("sample did not open");
    const converted = await convertWorkbook(opened.value);
    expect(converted.ok).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), "ro-wb-")), "ledger.xlsx");
    await opened.value.save(file);
    const bytes = readFileSync(file);
    const seen = (await expectSameReads(bytes)) as { tables: { name: string }[] };
    expect(seen.tables.map((t) => t.name)).toContain("Orders");
    const [a, b] = await bothFromBuffer(bytes);
    const [la, lb] = [await loadLedger(a), await loadLedger(b)];
    expect(lb.source).toBe("tables");
    expect(lb.issues).toEqual(la.issues);
    expect(lb.ledger.orders).toEqual(la.ledger.orders);
    expect(lb.ledger.payments).toEqual(la.ledger.payments);
    expect(lb.ledger.customers).toEqual(la.ledger.customers);
    expect(lb.ledger.totalReceivable("2025-12-31")).toBe(la.ledger.totalReceivable("2025-12-31"));
    expect(la.ledger.orders.length).toBeGreaterThan(50);
  });

  it("loadLedger imports the raw sample to the same ledger through both", async () => {
    const [a, b] = await bothFromBuffer(readFileSync(SAMPLE));
    const [la, lb] = [await loadLedger(a), await loadLedger(b)];
    expect(lb.source).toBe("import");
    expect(lb.ledger.orders).toEqual(la.ledger.orders);
    expect(lb.ledger.payments).toEqual(la.ledger.payments);
    expect(lb.ledger.returns).toEqual(la.ledger.returns);
    expect(lb.issues).toEqual(la.issues);
    expect(lb.ledger.totalReceivable("2025-12-31")).toBe(la.ledger.totalReceivable("2025-12-31"));
  });

  it("agrees on random cell grids (values, formats, formulas, merges)", async () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 60000 }).map((n) => ({ date: n })),
      fc.record({ formula: fc.constantFrom("A1+1", "SUM(A1:B2)", 'IF(A1,"x","")'), result: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant("t"), fc.constant(undefined)) }),
      fc.constantFrom({ error: "#N/A" }, { error: "#VALUE!" }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }), fc.boolean(), fc.boolean(), fc.constantFrom(undefined, 1, 7, 300), async (grid, merge, date1904, sliceBytes) => {
        const wb = new ExcelJS.Workbook();
        if (date1904) wb.properties.date1904 = true;
        const ws = wb.addWorksheet("S");
        grid.forEach((row, r) =>
          row.forEach((v, c) => {
            const target = ws.getCell(r + 2, c + 2);
            if (v !== null && typeof v === "object" && "date" in v) {
              target.value = v.date;
              target.numFmt = "yyyy-mm-dd";
            } else target.value = v as ExcelJS.CellValue;
          }),
        );
        if (merge) ws.mergeCells(2, 2, 3, 3);
        const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
        const [a, b] = await bothFromBuffer(bytes, sliceBytes);
        expect(await everything(b)).toEqual(await everything(a));
      }),
      { numRuns: 60 },
    );
  });
});

describe("ReadOnlyWorkbook refuses what it cannot read, and every write", () => {
  it("gives the same open issues as XlsxWorkbook", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ro-wb-bad-"));
    const files: Record<string, Buffer | null> = {
      "a.csv": Buffer.from("客户,金额\n华康,1\n"),
      "b.xlsx": Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]),
      "c.xls": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      "d.xlsx": Buffer.alloc(0),
      "missing.xlsx": null,
    };
    for (const [name, bytes] of Object.entries(files)) {
      if (bytes) writeFileSync(join(dir, name), bytes);
      const [a, b] = [await XlsxWorkbook.open(join(dir, name)), await ReadOnlyWorkbook.open(join(dir, name))];
      expect(a.ok).toBe(false);
      expect(b.ok).toBe(false);
      if (!a.ok && !b.ok) expect(b.issues.map((i) => i.code)).toEqual(a.issues.map((i) => i.code));
    }
    const dirResult = await ReadOnlyWorkbook.open(dir);
    expect(dirResult.ok ? null : dirResult.issues[0]?.code).toBe("cli.open.notAFile");
  });

  it("throws a clear bug error on every write", async () => {
    const r = ReadOnlyWorkbook.fromBuffer(readFileSync(SAMPLE), "sample.xlsx");
    if (!r.ok) throw new Error("sample did not open");
    const port = r.value;
    await expect(port.appendRows("Orders", [])).rejects.toThrow(/reading only/);
    await expect(port.createTable({ sheetName: "x", tableName: "X", columns: [], rows: [] })).rejects.toThrow(/reading only/);
    await expect(port.writeSheet({ name: "x", kind: "monthly", rows: [], styles: [], merges: [], columnWidths: [], print: { paperSize: "A4", orientation: "portrait", fitToWidth: true }, anchors: {} })).rejects.toThrow(/reading only/);
    await expect(port.setSetting("a")).rejects.toThrow(/reading only/);
    await expect(port.updateTableCells("Orders", 0, { orderNo: "X" })).rejects.toThrow(/reading only/);
  });
});
