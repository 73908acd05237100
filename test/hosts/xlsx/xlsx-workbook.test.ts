import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { join } from "node:path";
import ExcelJS from "exceljs";
// jszip comes with exceljs (its zip layer); used here only to look inside the written file.
import JSZip from "jszip";
import { XlsxWorkbook, META_SHEET } from "../../../src/hosts/xlsx/xlsx-workbook";
import { sniffWorkbook } from "../../../src/hosts/xlsx/open-workbook";
import type { GridChunk, TableSpec } from "../../../src/app/workbook-port";
import type { SheetSpec } from "../../../src/core/sheet-spec";

async function chunks(port: XlsxWorkbook, sheet: string): Promise<GridChunk[]> {
  const out: GridChunk[] = [];
  for await (const c of port.readSheet(sheet)) out.push(c);
  return out;
}

async function reload(port: XlsxWorkbook): Promise<XlsxWorkbook> {
  const r = await XlsxWorkbook.fromBuffer(await port.toBuffer(), "x.xlsx");
  if (!r.ok) throw new Error("reload failed");
  return r.value;
}

function sampleWorkbook(date1904 = false): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("销售");
  ws.getCell("B2").value = "2025年3月销售明细";
  ws.mergeCells("B2:E2");
  ws.getCell("B3").value = new Date(Date.UTC(2025, 2, 5));
  ws.getCell("B3").numFmt = "yyyy-mm-dd";
  ws.getCell("C3").value = { richText: [{ text: "强力" }, { font: { bold: true }, text: "VC" }, { text: "银翘片" }] };
  ws.getCell("D3").value = { formula: "E3*2", result: 246.9 };
  ws.getCell("E3").value = 123.45;
  ws.getCell("E3").numFmt = "#,##0.00";
  ws.getCell("B4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("C4").value = { text: "官网", hyperlink: "https://example.com" };
  ws.getCell("D4").value = { formula: "E4*2" } as ExcelJS.CellFormulaValue;
  ws.getCell("E4").value = true;
  return wb;
}

describe("XlsxWorkbook reads with Office.js values semantics", () => {
  it("gives the used range with serial dates, plain text, cached results, errors, formats and formulas", async () => {
    const port = XlsxWorkbook.wrap(sampleWorkbook());
    const [info] = await port.listSheets();
    expect(info).toEqual({ name: "销售", visible: true, rowCount: 3, columnCount: 4, startRow: 1, startCol: 1, merges: [{ row: 1, col: 1, rowEnd: 1, colEnd: 4 }], ownedKind: null });
    const [c] = await chunks(port, "销售");
    expect(c?.startRow).toBe(1);
    expect(c?.startCol).toBe(1);
    expect(c?.values).toEqual([
      ["2025年3月销售明细", null, null, null],
      [45721, "强力VC银翘片", 246.9, 123.45],
      [{ error: "#N/A" }, "官网", null, true],
    ]);
    expect(c?.formats[1]).toEqual(["yyyy-mm-dd", "General", "General", "#,##0.00"]);
    expect(c?.formulas[1]).toEqual([null, null, "=E3*2", null]);
    expect(c?.formulas[2]).toEqual([null, null, "=E4*2", null]);
  });

  it("keeps serials right in the 1904 date system, through a save and load", async () => {
    const port = await reload(XlsxWorkbook.wrap(sampleWorkbook(true)));
    expect(await port.date1904()).toBe(true);
    const [c] = await chunks(port, "销售");
    expect(c?.values[1]?.[0]).toBe(45721 - 1462);
  });

  it("reads in chunks of at most 5,000 rows and reports progress", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("大");
    for (let r = 1; r <= 12001; r++) ws.getCell(r, 1).value = r;
    const port = XlsxWorkbook.wrap(wb);
    const seen: number[] = [];
    const cs: GridChunk[] = [];
    for await (const c of port.readSheet("大", (done) => seen.push(done))) cs.push(c);
    expect(cs.map((c) => [c.startRow, c.values.length])).toEqual([
      [0, 5000],
      [5000, 5000],
      [10000, 2001],
    ]);
    expect(seen).toEqual([5000, 10000, 12001]);
  });
});

const spec = (over: Partial<SheetSpec> = {}): SheetSpec => ({
  name: "导入问题",
  kind: "issues",
  rows: [
    ["标题", null, null],
    ["=SUM(A1)", "+86 123", "@me"],
    [{ date: "2025-03-05" }, { formula: "=SUM(B5:B6)", value: 7 }, 1234.5],
    ["去 1月!B5", null, null],
  ],
  styles: [{ range: { row: 0, col: 0, rowEnd: 0, colEnd: 2 }, style: { bold: true, fill: "#DDEBF7", hAlign: "center", border: { weight: "thin", scope: "all" } } }, { range: { row: 2, col: 2, rowEnd: 2, colEnd: 2 }, style: { numberFormat: "#,##0.00" } }],
  merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 2 }],
  columnWidths: [12, 20, 8],
  freeze: { rows: 1, columns: 0 },
  print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: 0, last: 1 }, footer: "第 &P 页" },
  anchors: {},
  links: [{ row: 3, col: 0, target: { sheet: "1月", cell: "B5" } }],
  ...over,
});

describe("XlsxWorkbook raw values (property)", () => {
  it("reads back what a workbook holds: numbers, text, booleans, dates as serials, in both date systems", async () => {
    const cell = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => ({ write: n as ExcelJS.CellValue, read: n as unknown })),
      // A cell holds no negative zero (-0 is written as 0, as Excel does), so none is generated.
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)).map((n) => ({ write: n as ExcelJS.CellValue, read: n as unknown })),
      fc.string({ minLength: 1, maxLength: 8 }).filter((t) => t.trim() !== "" && [...t].every((ch) => ch.charCodeAt(0) >= 32)).map((t) => ({ write: t as ExcelJS.CellValue, read: t as unknown })),
      fc.boolean().map((b) => ({ write: b as ExcelJS.CellValue, read: b as unknown })),
      fc.integer({ min: 1, max: 60000 }).map((serial) => ({ write: null as ExcelJS.CellValue, read: serial as unknown, serial })),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(cell, { minLength: 1, maxLength: 12 }), async (date1904, cells) => {
        const wb = new ExcelJS.Workbook();
        if (date1904) wb.properties.date1904 = true;
        const ws = wb.addWorksheet("P");
        const expected = cells.map((c) => ("serial" in c ? (date1904 ? c.serial : c.serial === 60 ? 61 : c.serial) : c.read));
        cells.forEach((c, i) => {
          const target = ws.getCell(1, i + 1);
          if ("serial" in c) {
            const serial = date1904 ? c.serial : c.serial === 60 ? 61 : c.serial; // 60 is Lotus's 1900-02-29
            target.value = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
            target.numFmt = "yyyy-mm-dd";
          } else target.value = c.write;
        });
        const port = await reload(XlsxWorkbook.wrap(wb));
        const [chunk] = await chunks(port, "P");
        expect(chunk?.values[0]).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});

describe("XlsxWorkbook writes SheetSpecs and owns its sheets", () => {
  it("renders values (text never a formula), dates, formulas, styles, merges, widths, freeze, print and links", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("1月");
    const port = XlsxWorkbook.wrap(wb);
    expect(await port.writeSheet(spec())).toEqual({ ok: true, replaced: false });
    const back = await reload(port);
    const ws = back.workbook.getWorksheet("导入问题")!;
    expect([ws.getCell("A2").value, ws.getCell("B2").value, ws.getCell("C2").value]).toEqual(["=SUM(A1)", "+86 123", "@me"]);
    expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect([ws.getCell("A3").value, ws.getCell("A3").numFmt]).toEqual([new Date(Date.UTC(2025, 2, 5)), "yyyy-mm-dd"]);
    expect(ws.getCell("B3").value).toEqual({ formula: "SUM(B5:B6)", result: 7 });
    expect(ws.getCell("C3").numFmt).toBe("#,##0.00");
    expect([ws.getCell("A1").font?.bold, ws.getCell("B1").isMerged, ws.getCell("C1").fill]).toEqual([true, true, { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } }]);
    expect(ws.getColumn(2).width).toBe(20);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 0 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" });
    expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页");
    expect(ws.getCell("A4").text).toBe("去 1月!B5");
    const sheets = await back.listSheets();
    expect(sheets.map((s) => [s.name, s.ownedKind])).toEqual([
      ["1月", null],
      ["导入问题", "issues"],
    ]);
    expect(back.workbook.getWorksheet(META_SHEET)?.state).toBe("veryHidden");
  });

  it("writes an in-workbook link as a location, not an external file", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.writeSheet(spec());
    const zip = await JSZip.loadAsync(await port.toBuffer());
    const xml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml.match(/<hyperlink [^>]*>/g)).toEqual([`<hyperlink ref="A4" location="&apos;1月&apos;!B5"/>`]);
  });

  it("replaces its own sheet in place but never a user's sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("导入问题").getCell("A1").value = "用户自己的表";
    wb.addWorksheet("报表");
    const port = XlsxWorkbook.wrap(wb);
    expect(await port.writeSheet(spec())).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "导入问题" });
    expect(wb.getWorksheet("导入问题")?.getCell("A1").value).toBe("用户自己的表");
    expect(await port.writeSheet(spec({ name: "月报" }))).toEqual({ ok: true, replaced: false });
    expect(await port.writeSheet(spec({ name: "月报", rows: [["新的"]] }))).toEqual({ ok: true, replaced: true });
    const names = (await (await reload(port)).listSheets()).map((s) => s.name);
    expect(names).toEqual(["导入问题", "报表", "月报"]);
    expect((await reload(port)).workbook.getWorksheet("月报")?.getCell("A1").value).toBe("新的");
  });

  it("keeps settings in the meta sheet", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.setSetting("company", "长沙华兴");
    await port.setSetting("company", "郑州宏达");
    await port.setSetting("cutoffDay", "25");
    const back = await reload(port);
    expect([await back.getSetting("company"), await back.getSetting("cutoffDay"), await back.getSetting("none")]).toEqual(["郑州宏达", "25", null]);
    expect(await back.listSheets()).toEqual([]);
  });
});

describe("XlsxWorkbook tables", () => {
  const customers: TableSpec = {
    sheetName: "客户",
    tableName: "Customers",
    columns: [{ header: "客户名称", field: "name" }, { header: "期初应收", field: "openingBalanceFen", numberFormat: "#,##0.00", validation: { type: "decimal", min: 0 } }],
    rows: Array.from({ length: 40 }, (_, i) => [`客户${String(i).padStart(2, "0")}有限责任公司`, i * 10.5]),
  };
  const orders: TableSpec = {
    sheetName: "订单",
    tableName: "Orders",
    columns: [
      { header: "日期", field: "date", numberFormat: "yyyy-mm-dd", validation: { type: "date" } },
      { header: "客户", field: "customer", validation: { type: "list", values: customers.rows.map((r) => String(r[0])) } },
      { header: "状态", field: "status", validation: { type: "list", values: ["已确认", "已发货"] } },
      { header: "金额", field: "amountFen", numberFormat: "#,##0.00" },
    ],
    rows: [],
  };

  it("creates real tables with formats and validation (long lists point at the master column)", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    expect(await port.createTable(customers)).toEqual({ ok: true, replaced: false });
    expect(await port.createTable(orders)).toEqual({ ok: true, replaced: false });
    expect(await port.createTable(orders)).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "订单" });
    const back = await reload(port);
    expect(await back.listTables()).toEqual([
      { name: "Customers", sheetName: "客户", headers: ["客户名称", "期初应收"] },
      { name: "Orders", sheetName: "订单", headers: ["日期", "客户", "状态", "金额"] },
    ]);
    const ws = back.workbook.getWorksheet("订单")!;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    const byCol = Object.fromEntries(Object.entries(dv).map(([ref, v]) => [ref.replace(/\d.*$/, ""), `${v.type}:${String(v.formulae[0])}`]));
    expect(byCol.B).toBe("list:'客户'!$A$2:$A$41");
    expect(byCol.C).toBe('list:"已确认,已发货"');
    expect(byCol.A?.startsWith("date:")).toBe(true);
    expect(back.workbook.getWorksheet("客户")!.getCell("B3").numFmt).toBe("#,##0.00");
    expect(await back.readTable("Orders")).toEqual({ name: "Orders", sheetName: "订单", headers: ["日期", "客户", "状态", "金额"], rows: [] });
  });

  it("appends rows at the end of a table (dates as serials on read)", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.createTable(orders);
    expect(await port.appendRows("Orders", [[{ date: "2025-03-05" }, "甲", "已确认", 12.5]])).toBe(1);
    expect(await port.appendRows("Orders", [[{ date: "2025-03-06" }, "乙", "已发货", 1]])).toBe(2);
    const back = await reload(port);
    // The empty table's blank placeholder row stays (as in Excel, where filling it races another pane).
    expect((await back.readTable("Orders"))?.rows).toEqual([
      [null, null, null, null],
      [45721, "甲", "已确认", 12.5],
      [45722, "乙", "已发货", 1],
    ]);
    expect(back.workbook.getWorksheet("订单")!.getCell("A4").numFmt).toBe("yyyy-mm-dd");
    await expect(port.appendRows("Nope", [])).rejects.toThrow("no table Nope");
    // Text that looks like a formula stays text in a table too.
    await port.appendRows("Orders", [[{ date: "2025-03-07" }, "=HYPERLINK(\"http://x\")", "@a", null]]);
    const cell = (await reload(port)).workbook.getWorksheet("订单")!.getCell("B5");
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, '=HYPERLINK("http://x")']);
  });
});

describe("XlsxWorkbook validation follows appended rows", () => {
  it("extends a column's validation to rows appended past its range", async () => {
    const port = XlsxWorkbook.wrap(new ExcelJS.Workbook());
    await port.createTable({ sheetName: "回款", tableName: "Payments", columns: [{ header: "金额", field: "amountFen", validation: { type: "decimal", min: 0 } }], rows: [[1]] });
    await port.appendRows("Payments", Array.from({ length: 1200 }, (_, i) => [i]));
    const dv = (port.workbook.getWorksheet("回款") as unknown as { dataValidations: { model: Record<string, { type: string } | undefined> } }).dataValidations.model;
    expect([dv["A2:A1002"]?.type, dv.A1002, dv.A1003?.type, dv.A1202?.type, dv.A1203]).toEqual(["decimal", undefined, "decimal", "decimal", undefined]);
  });
});

describe("opening files", () => {
  const dir = mkdtempSync(join(tmpdir(), "sales-ledger-open-"));
  const write = (name: string, bytes: Buffer | string): string => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  const ole = (extra: string): Buffer => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from(extra, "utf16le")]);
  const code = async (path: string): Promise<string> => {
    const r = await XlsxWorkbook.open(path);
    return r.ok ? "ok" : r.issues[0]!.code;
  };

  it("recognises formats by their bytes", () => {
    expect([sniffWorkbook(ole("Workbook"), "a.xlsx"), sniffWorkbook(ole("EncryptionInfo"), "a.xlsx"), sniffWorkbook(Buffer.from("PK\u0003\u0004"), "a"), sniffWorkbook(Buffer.from("客户,金额\n甲,1\n"), "a.txt"), sniffWorkbook(Buffer.alloc(0), "a"), sniffWorkbook(Buffer.from([1, 2, 3]), "a.bin")]).toEqual([
      "ole-xls",
      "ole-encrypted",
      "xlsx",
      "csv",
      "empty",
      "unknown",
    ]);
  });

  it("gives one clear issue for .xls, encrypted, CSV, truncated, empty, missing files and folders", async () => {
    const good = await XlsxWorkbook.wrap(sampleWorkbook()).toBuffer();
    mkdirSync(join(dir, "folder.xlsx"), { recursive: true });
    expect([
      await code(write("old.xls", ole("Workbook"))),
      await code(write("secret.xlsx", ole("EncryptionInfo"))),
      await code(write("data.csv", "客户,金额\n甲,1\n")),
      await code(write("cut.xlsx", good.subarray(0, Math.floor(good.length / 2)))),
      await code(write("empty.xlsx", Buffer.alloc(0))),
      await code(join(dir, "missing.xlsx")),
      await code(join(dir, "folder.xlsx")),
      await code(write("good.xlsx", good)),
    ]).toEqual(["cli.open.legacyXls", "cli.open.encrypted", "cli.open.csv", "cli.open.corrupt", "cli.open.empty", "cli.open.notFound", "cli.open.notAFile", "ok"]);
  });

  it("saves atomically: the file is complete and no temp file is left", async () => {
    const port = XlsxWorkbook.wrap(sampleWorkbook());
    const target = join(dir, "saved.xlsx");
    await port.save(target);
    await port.save(target);
    expect(readdirSync(dir).filter((f) => f.includes("saved"))).toEqual(["saved.xlsx"]);
    expect(await code(target)).toBe("ok");
  });
});
