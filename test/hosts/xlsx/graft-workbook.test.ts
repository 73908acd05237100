import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { GraftWorkbook } from "../../../src/hosts/xlsx/graft-workbook";
import { ReadOnlyWorkbook } from "../../../src/hosts/xlsx/read-only-workbook";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import { rawEntryData, readZipDirectory, unzipEntry, zipInMemory } from "../../../src/hosts/xlsx/zip";
import { convertWorkbook } from "../../../src/app/convert-workbook";
import { generateReport } from "../../../src/app/generate-report";
import { generateStatements } from "../../../src/app/generate-statements";
import type { WorkbookPort } from "../../../src/app/workbook-port";
import type { SheetSpec } from "../../../src/core/sheet-spec";
import { buildMessyWorkbook } from "../../builders/messy-workbook";
import { INJECTION_STRINGS } from "../../builders/hostile";
import { chunks, portReads } from "../../builders/port-reads";
import { REALWORLD_DIR } from "../../builders/shared-dir";
import { findSoffice } from "../../../src/cli/commands/statement";

const SAMPLE = join(__dirname, "..", "..", "..", "samples", "sample-workbook.xlsx");
const MAZDA = join(REALWORLD_DIR, "mazda_dealer_jinxiaocun.xlsx");

/** Everything a port reads. */
async function everything(port: WorkbookPort): Promise<Record<string, unknown>> {
  return portReads(port, ["company.name", "statement.cutoffDay", "graft.test", "missing"]);
}

/** Import, a monthly report, the statements and a setting: what `import -o` and the reports write. */
async function writeLedger(port: WorkbookPort, overrides?: Parameters<typeof convertWorkbook>[1]): Promise<string[]> {
  const converted = await convertWorkbook(port, overrides);
  if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
  const { ledger } = converted.value;
  const month = ledger.orders[0]?.date.slice(0, 7) ?? "2025-03";
  const report = await generateReport(port, ledger, { kind: "monthly", period: month, today: "2026-01-05" });
  if (!report.ok) throw new Error(JSON.stringify(report.issues));
  await port.setSetting("graft.test", "值 <&>");
  await port.setSetting("company.name", "长沙测试有限公司");
  const st = await generateStatements(port, ledger, { customers: ledger.customers.slice(0, 2).map((c) => c.name), from: `${month}-01`, to: `${month}-28`, date: "2026-01-05" });
  if (!st.ok) throw new Error(JSON.stringify(st.issues));
  return [...converted.value.sheetsCreated, report.value.sheet, ...st.value.written.map((w) => w.sheet)];
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "graft-"));
}

/** Both ports over `bytes` write the same things; returns the two saved files. */
async function saveBoth(bytes: Buffer, write: (p: WorkbookPort) => Promise<string[]> = writeLedger): Promise<{ viaExcelJs: string; viaGraft: string; written: string[]; dir: string }> {
  const dir = tmp();
  const x = await XlsxWorkbook.fromBuffer(bytes, "in.xlsx");
  const g = await GraftWorkbook.fromBuffer(bytes, "in.xlsx");
  if (!x.ok || !g.ok) throw new Error("open failed");
  const written = await write(x.value);
  expect(await write(g.value)).toEqual(written);
  // Reads reflect the writes before saving, as on the ExcelJS host.
  expect(await everything(g.value)).toEqual(await everything(x.value));
  const viaExcelJs = join(dir, "exceljs.xlsx");
  const viaGraft = join(dir, "graft.xlsx");
  await x.value.save(viaExcelJs);
  await g.value.save(viaGraft);
  return { viaExcelJs, viaGraft, written, dir };
}

async function reopen(path: string): Promise<{ x: XlsxWorkbook; r: ReadOnlyWorkbook }> {
  const x = await XlsxWorkbook.open(path);
  const r = await ReadOnlyWorkbook.open(path);
  if (!x.ok || !r.ok) throw new Error(`reopen failed ${path}`);
  return { x: x.value, r: r.value };
}

/** What ExcelJS sees of the look of a written sheet. */
function looks(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (c) => {
      const link = (c.value as { hyperlink?: string } | null)?.hyperlink;
      cells.push([c.address, c.numFmt ?? null, Boolean(c.font?.bold), (c.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null, c.alignment?.horizontal ?? null, c.border?.top?.style ?? null, c.border?.bottom?.style ?? null, link ?? null]);
    }),
  );
  const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  return {
    merges: (ws.model as { merges?: string[] }).merges ?? [],
    widths: (ws.columns ?? []).map((c) => c.width ?? null),
    views: ws.views.map((v) => ({ state: v.state, xSplit: (v as { xSplit?: number }).xSplit ?? 0, ySplit: (v as { ySplit?: number }).ySplit ?? 0 })),
    print: { paperSize: ws.pageSetup.paperSize, orientation: ws.pageSetup.orientation, fitToPage: ws.pageSetup.fitToPage ?? false, fitToWidth: ws.pageSetup.fitToPage ? ws.pageSetup.fitToWidth : null, printTitlesRow: ws.pageSetup.printTitlesRow ?? null, footer: ws.headerFooter?.oddFooter ?? null },
    validations: Object.keys(dv).length,
    cells,
  };
}

async function expectSameOutputs(viaExcelJs: string, viaGraft: string, written: readonly string[]): Promise<void> {
  const a = await reopen(viaExcelJs);
  const b = await reopen(viaGraft);
  const expected = await everything(a.x);
  expect(await everything(b.x)).toEqual(expected);
  expect(await everything(a.r)).toEqual(expected);
  expect(await everything(b.r)).toEqual(expected);
  for (const name of written) {
    const wa = a.x.workbook.getWorksheet(name)!;
    const wb = b.x.workbook.getWorksheet(name)!;
    expect([name, looks(wb)]).toEqual([name, looks(wa)]);
  }
}

describe("GraftWorkbook writes what XlsxWorkbook writes", () => {
  it("the sample workbook: ledger tables, 导入问题, a monthly report, statements, settings", async () => {
    const { viaExcelJs, viaGraft, written } = await saveBoth(readFileSync(SAMPLE));
    expect(written.length).toBeGreaterThan(8);
    await expectSameOutputs(viaExcelJs, viaGraft, written);
  });
});

/** The bytes of an ExcelJS workbook. */
async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("GraftWorkbook on other inputs", () => {
  it("a messy generated workbook (titles, merges, formulas, 小计 rows)", async () => {
    const { workbook } = buildMessyWorkbook(31, { months: 2, linesPerMonth: 25, defectRate: 0.1 });
    const { viaExcelJs, viaGraft, written } = await saveBoth(await bytesOf(workbook));
    await expectSameOutputs(viaExcelJs, viaGraft, written);
  });

  it("a real clerk's workbook (mazda 进销存, read-only fixture) with a role override", async () => {
    const before = readFileSync(MAZDA);
    const { viaExcelJs, viaGraft, written } = await saveBoth(before, async (p) => {
      const converted = await convertWorkbook(p, { overrides: { roles: { 库存: "products" } } });
      if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
      await p.setSetting("graft.test", "1");
      return [...converted.value.sheetsCreated];
    });
    expect(written).toContain("产品");
    await expectSameOutputs(viaExcelJs, viaGraft, written);
    expect(readFileSync(MAZDA).equals(before)).toBe(true);
  });

  it("a 1904 workbook: dates of the ledger tables and reports read the same", async () => {
    const { workbook } = buildMessyWorkbook(32, { months: 1, linesPerMonth: 15 });
    workbook.properties.date1904 = true;
    const { viaExcelJs, viaGraft, written } = await saveBoth(await bytesOf(workbook));
    await expectSameOutputs(viaExcelJs, viaGraft, written);
    expect(await (await reopen(viaGraft)).r.date1904()).toBe(true);
  });
});

/** Parts `save` may change; everything else is copied byte for byte. */
const EDITED = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/sharedStrings.xml"]);

/** Source entries whose stored bytes or crc differ in the output, and source entries missing from it. */
function changedEntries(source: Buffer, output: Buffer): { changed: string[]; missing: string[] } {
  const a = readZipDirectory(source);
  const b = readZipDirectory(output);
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [name, e] of a) {
    const o = b.get(name);
    if (!o) missing.push(name);
    else if (o.crc32 !== e.crc32 || o.method !== e.method || o.size !== e.size || !rawEntryData(output, o).equals(rawEntryData(source, e))) changed.push(name);
  }
  return { changed, missing };
}

/** The workbook `bytes` with some parts changed (stored entries, in the original order plus new ones). */
function editParts(bytes: Buffer, edit: (parts: Map<string, Buffer>) => void): Buffer {
  const parts = new Map<string, Buffer>([...readZipDirectory(bytes)].map(([n, e]) => [n, unzipEntry(bytes, e)]));
  edit(parts);
  return zipInMemory([...parts]);
}

/** An ExcelJS workbook with a chart ExcelJS cannot carry: a drawing on the first sheet pointing at xl/charts/chart1.xml. */
async function workbookWithChart(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("销售明细");
  ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额"]);
  for (let i = 0; i < 12; i++) ws.addRow([new Date(Date.UTC(2025, 2, 3 + i)), i % 2 ? "长沙华兴商贸" : "郑州宏达", "XY-100", i + 1, 120, (i + 1) * 120]);
  for (let i = 2; i <= 13; i++) ws.getCell(`A${i}`).numFmt = "yyyy-mm-dd";
  const base = await bytesOf(wb);
  const dir = readZipDirectory(base);
  const parts = new Map<string, Buffer>([...dir].map(([n, e]) => [n, unzipEntry(base, e)]));
  const sheetPath = "xl/worksheets/sheet1.xml";
  parts.set(sheetPath, Buffer.from(parts.get(sheetPath)!.toString("utf8").replace("</worksheet>", '<drawing r:id="rIdChart"/></worksheet>')));
  parts.set("xl/worksheets/_rels/sheet1.xml.rels", Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>`));
  parts.set("xl/drawings/drawing1.xml", Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`));
  parts.set("xl/drawings/_rels/drawing1.xml.rels", Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`));
  parts.set("xl/charts/chart1.xml", Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'销售明细'!$F$2:$F$13</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`));
  const types = parts.get("[Content_Types].xml")!.toString("utf8");
  parts.set(
    "[Content_Types].xml",
    Buffer.from(types.replace("</Types>", '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>')),
  );
  return zipInMemory([...parts]);
}

describe("GraftWorkbook keeps the clerk's workbook", () => {
  it("copies every other zip entry of the sample byte for byte (compressed bytes, crc, sizes)", async () => {
    const source = readFileSync(SAMPLE);
    const { viaGraft } = await saveBoth(source);
    const out = readFileSync(viaGraft);
    const { changed, missing } = changedEntries(source, out);
    expect(missing).toEqual([]);
    expect(changed.filter((n) => !EDITED.has(n))).toEqual([]);
    // The sample has no meta sheet: ours is new, with new sheet and table parts next to the clerk's.
    const added = [...readZipDirectory(out).keys()].filter((n) => !readZipDirectory(source).has(n));
    expect(added.filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))).toHaveLength(6);
    expect(added.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length).toBeGreaterThanOrEqual(10);
  });

  it("a chart ExcelJS drops survives, its drawing still linked", async () => {
    const source = await workbookWithChart();
    const { viaExcelJs, viaGraft } = await saveBoth(source, async (p) => {
      const converted = await convertWorkbook(p);
      if (!converted.ok) throw new Error(JSON.stringify(converted.issues));
      return [...converted.value.sheetsCreated];
    });
    const out = readFileSync(viaGraft);
    const dir = readZipDirectory(out);
    expect(readZipDirectory(readFileSync(viaExcelJs)).has("xl/charts/chart1.xml")).toBe(false);
    expect(dir.has("xl/charts/chart1.xml")).toBe(true);
    const { changed, missing } = changedEntries(source, out);
    expect(missing).toEqual([]);
    expect(changed.filter((n) => !EDITED.has(n))).toEqual([]);
    const types = unzipEntry(out, dir.get("[Content_Types].xml")!).toString("utf8");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    expect(unzipEntry(out, dir.get("xl/worksheets/sheet1.xml")!).toString("utf8")).toContain('<drawing r:id="rIdChart"/>');
  });

  it("saves an unchanged workbook as the same entries, and never writes the input", async () => {
    const dir = tmp();
    const input = join(dir, "clerk.xlsx");
    writeFileSync(input, readFileSync(SAMPLE));
    const before = statSync(input).mtimeMs;
    const g = await GraftWorkbook.open(input);
    if (!g.ok) throw new Error("open");
    await g.value.save(join(dir, "copy.xlsx"));
    const source = readFileSync(input);
    expect(changedEntries(source, readFileSync(join(dir, "copy.xlsx")))).toEqual({ changed: [], missing: [] });
    await writeLedger(g.value);
    await g.value.save(join(dir, "ledger.xlsx"));
    expect(readFileSync(input).equals(readFileSync(SAMPLE))).toBe(true);
    expect(statSync(input).mtimeMs).toBe(before);
  });

  it("leaves no partial file when the save fails, and keeps the target's old content", async () => {
    const dir = tmp();
    const g = await GraftWorkbook.fromBuffer(readFileSync(SAMPLE), "sample.xlsx");
    if (!g.ok) throw new Error("open");
    await writeLedger(g.value);
    // The target is a folder: the rename fails after the whole file was written.
    const target = join(dir, "out.xlsx");
    execFileSync("mkdir", [target]);
    writeFileSync(join(target, "keep.txt"), "x");
    await expect(g.value.save(target)).rejects.toThrow(/out\.xlsx/);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
    expect(readdirSync(target)).toEqual(["keep.txt"]);
    // A failure half-way through writing (a date that does not exist, met while streaming the table).
    const bad = await GraftWorkbook.fromBuffer(readFileSync(SAMPLE), "sample.xlsx");
    if (!bad.ok) throw new Error("open");
    await bad.value.createTable({ sheetName: "坏", tableName: "Bad", columns: [{ header: "日期", field: "d", numberFormat: "yyyy-mm-dd" }], rows: [[{ date: "2025-01-01" }], [{ date: "2025-02-30" }]] });
    await expect(bad.value.save(join(dir, "half.xlsx"))).rejects.toThrow(/2025-02-30/);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
    // A folder that does not exist: nothing is made.
    await expect(g.value.save(join(dir, "missing", "out.xlsx"))).rejects.toThrow(/missing/);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
    // A read-only folder (skipped as root, who may write anywhere).
    if (process.getuid?.() !== 0) {
      const ro = join(dir, "ro");
      execFileSync("mkdir", [ro]);
      chmodSync(ro, 0o500);
      await expect(g.value.save(join(ro, "out.xlsx"))).rejects.toThrow();
      expect(readdirSync(ro)).toEqual([]);
    }
  });
});

describe("GraftWorkbook on a workbook that already holds our sheets", () => {
  /** A ledger workbook written by the ExcelJS host: meta sheet, ledger tables, an owned report. */
  async function ledgerWorkbook(): Promise<Buffer> {
    const x = await XlsxWorkbook.fromBuffer(readFileSync(SAMPLE), "in.xlsx");
    if (!x.ok) throw new Error("open");
    await writeLedger(x.value);
    return x.value.toBuffer();
  }

  it("replaces an owned sheet in its own part, keeps the meta rows, adds sheets before the meta sheet", async () => {
    // With a calculation chain, as Excel saves one (it may name the replaced sheet's formula cells).
    const source = editParts(await ledgerWorkbook(), (parts) => {
      parts.set("xl/calcChain.xml", Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B5" i="1"/></calcChain>'));
      const rels = parts.get("xl/_rels/workbook.xml.rels")!.toString("utf8");
      parts.set("xl/_rels/workbook.xml.rels", Buffer.from(rels.replace("</Relationships>", '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')));
      const types = parts.get("[Content_Types].xml")!.toString("utf8");
      parts.set("[Content_Types].xml", Buffer.from(types.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')));
    });
    const { viaExcelJs, viaGraft, written } = await saveBoth(source, async (p) => {
      const sheets = await p.listSheets();
      const report = sheets.find((s) => s.ownedKind === "monthly")!;
      // The same report again (replaced in place), an annual report (new), and a setting changed.
      const again = await generateReport(p, undefined, { kind: "monthly", period: report.name.replace(/^\D+/, "").slice(0, 7) || "2025-03", today: "2026-02-01" });
      const annual = await generateReport(p, undefined, { kind: "annual", period: "2025", today: "2026-02-01" });
      await p.setSetting("graft.test", "second");
      if (!again.ok || !annual.ok) throw new Error(JSON.stringify([again, annual]));
      return [again.value.sheet, String(again.value.replaced), annual.value.sheet];
    });
    expect(written[1]).toBe("true");
    await expectSameOutputs(viaExcelJs, viaGraft, [written[0]!, written[2]!]);
    const out = readFileSync(viaGraft);
    const { changed, missing } = changedEntries(source, out);
    expect(missing).toEqual(["xl/calcChain.xml"]);
    // Only the edited parts, the meta sheet's part and the replaced report's part changed.
    expect(changed.filter((n) => !EDITED.has(n))).toHaveLength(2);
    const wbXml = unzipEntry(out, readZipDirectory(out).get("xl/workbook.xml")!).toString("utf8");
    expect(wbXml.match(/<sheet [^>]*>/g)!.at(-1)).toContain("_ledger_meta");
    // The chain went, with its relationship and content type; Excel rebuilds it.
    expect(readZipDirectory(out).has("xl/calcChain.xml")).toBe(false);
    const dir = readZipDirectory(out);
    expect(unzipEntry(out, dir.get("xl/_rels/workbook.xml.rels")!).toString("utf8")).not.toContain("calcChain");
    expect(unzipEntry(out, dir.get("[Content_Types].xml")!).toString("utf8")).not.toContain("calcChain");
  });

  it("moves a meta sheet that is not last behind the new sheets, renumbering sheet-local names", async () => {
    // As after a clerk added a sheet in Excel: the very hidden meta sheet sits between the others.
    const source = editParts(await ledgerWorkbook(), (parts) => {
      let wb = parts.get("xl/workbook.xml")!.toString("utf8");
      const metaTag = /<sheet [^>]*name="_ledger_meta"[^>]*\/>/.exec(wb)![0];
      wb = wb.replace(metaTag, "").replace(/(<sheets>(?:<sheet [^>]*\/>){1})/, `$1${metaTag}`);
      wb = wb.replace(/localSheetId="(\d+)"/g, (_m, n: string) => `localSheetId="${Number(n) >= 1 ? Number(n) + 1 : n}"`);
      parts.set("xl/workbook.xml", Buffer.from(wb));
    });
    expect((await (await XlsxWorkbook.fromBuffer(source, "x.xlsx")).ok)).toBe(true);
    const { viaExcelJs, viaGraft, written } = await saveBoth(source, async (p) => {
      const annual = await generateReport(p, undefined, { kind: "annual", period: "2025", today: "2026-02-01" });
      if (!annual.ok) throw new Error(JSON.stringify(annual.issues));
      const statements = (await p.listSheets()).filter((s) => s.ownedKind === "statement").map((s) => s.name);
      return [annual.value.sheet, ...statements];
    });
    expect(written.length).toBeGreaterThan(1);
    await expectSameOutputs(viaExcelJs, viaGraft, written);
  });

  it("refuses a user's sheet, an existing sheet for a table, and writes to tables it did not create", async () => {
    const source = await ledgerWorkbook();
    const g = await GraftWorkbook.fromBuffer(source, "ledger.xlsx");
    if (!g.ok) throw new Error("open");
    const spec: SheetSpec = { name: "1月", kind: "daily", rows: [["x"]], styles: [], merges: [], columnWidths: [], print: { paperSize: "A4", orientation: "portrait", fitToWidth: true }, anchors: {} };
    const user = (await g.value.listSheets()).find((s) => s.ownedKind === null)!.name;
    expect(await g.value.writeSheet({ ...spec, name: user })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: user });
    expect(await g.value.writeSheet({ ...spec, name: "_ledger_meta" })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "_ledger_meta" });
    // Excel's sheet names ignore case: a new "REPORT" next to our "Report" would break the file.
    expect(await g.value.writeSheet({ ...spec, name: "Report" })).toEqual({ ok: true, replaced: false });
    expect(await g.value.writeSheet({ ...spec, name: "Report" })).toEqual({ ok: true, replaced: true });
    expect(await g.value.writeSheet({ ...spec, name: "REPORT" })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "REPORT" });
    expect(await g.value.createTable({ sheetName: "订单", tableName: "X2", columns: [{ header: "a", field: "a" }], rows: [] })).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "订单" });
    await expect(g.value.appendRows("Orders", [["x"]])).rejects.toThrow(/Orders.*source file/);
    await expect(g.value.updateTableCells("Orders", 0, { a: 1 })).rejects.toThrow(/Orders.*source file/);
    await expect(g.value.appendRows("NoSuchTable", [["x"]])).rejects.toThrow(/no table NoSuchTable/);
    // A table name is workbook-wide and case-blind: refused as a value the caller words for the clerk.
    expect(await g.value.createTable({ sheetName: "新表", tableName: "orders", columns: [{ header: "a", field: "a" }], rows: [] })).toEqual({ ok: false, code: "table.nameTaken", sheet: "新表", table: "orders" });
    expect((await g.value.listSheets()).map((s) => s.name)).not.toContain("新表");
  });
});

describe("GraftWorkbook tables created through it", () => {
  it("appendRows and updateTableCells read back as on the ExcelJS host, before and after saving", async () => {
    const spec = {
      sheetName: "明细",
      tableName: "Detail",
      columns: [
        { header: "日期", field: "date", numberFormat: "yyyy-mm-dd", validation: { type: "date" as const } },
        { header: "客户", field: "customer", validation: { type: "list" as const, values: ["甲", "乙"] } },
        { header: "金额", field: "amount", numberFormat: "#,##0.00", validation: { type: "decimal" as const, min: 0 } },
        { header: "备注", field: "notes" },
      ],
      rows: [],
    };
    const { viaExcelJs, viaGraft, written } = await saveBoth(readFileSync(SAMPLE), async (p) => {
      await p.createTable(spec);
      const n1 = await p.appendRows("Detail", [[{ date: "2025-03-05" }, "甲", 12.5, ""], [null, "乙", -1, "=1+1"]]);
      const n2 = await p.appendRows("Detail", [[{ date: "2025-03-06" }, "+1", 0, null]]);
      await p.updateTableCells("Detail", 2, { 客户: "乙", 备注: "改" });
      return [String(n1), String(n2)];
    });
    expect(written).toEqual(["2", "3"]);
    await expectSameOutputs(viaExcelJs, viaGraft, ["明细"]);
    const rows = [[null, null, null, null], [45721, "甲", 12.5, ""], [null, "乙", -1, "改"], [45722, "+1", 0, null]];
    for (const port of Object.values(await reopen(viaGraft))) expect((await port.readTable("Detail"))?.rows).toEqual(rows);
  });
});

describe("GraftWorkbook tells how far a save is", () => {
  it("onProgress hears the rows of our sheets, rising to all of them, a piece at a time", async () => {
    const g = await GraftWorkbook.fromBuffer(readFileSync(SAMPLE), "sample.xlsx");
    if (!g.ok) throw new Error("open failed");
    // 30,000 rows of about 40 characters: several 256 KB pieces.
    const rows = Array.from({ length: 30_000 }, (_, i) => [{ date: "2025-03-05" }, `客户${i % 97}`, i * 1.25, `备注 ${i}`]);
    const spec = { sheetName: "明细", tableName: "Detail", columns: [{ header: "日期", field: "date", numberFormat: "yyyy-mm-dd" }, { header: "客户", field: "customer" }, { header: "金额", field: "amount", numberFormat: "#,##0.00" }, { header: "备注", field: "notes" }], rows };
    expect((await g.value.createTable(spec)).ok).toBe(true);
    expect((await g.value.writeSheet({ name: "说明", kind: "summary", rows: [["一"], ["二"], ["三"]], styles: [], merges: [], columnWidths: [], anchors: {}, print: { paperSize: "A4", orientation: "portrait", fitToWidth: false } } satisfies SheetSpec)).ok).toBe(true);
    const heard: [number, number][] = [];
    const dir = tmp();
    await g.value.save(join(dir, "progress.xlsx"), { onProgress: (done, total) => heard.push([done, total]) });
    expect(new Set(heard.map(([, t]) => t))).toEqual(new Set([30_001 + 3])); // the table with its header row, and 说明
    expect(heard.length).toBeGreaterThan(4);
    expect(heard.every(([d], i) => i === 0 || d >= heard[i - 1]![0])).toBe(true);
    expect(heard[heard.length - 1]).toEqual([30_004, 30_004]);
    // Saving again without a listener hears nothing more (the listener belongs to that save).
    await g.value.save(join(dir, "progress2.xlsx"));
    expect(heard[heard.length - 1]).toEqual([30_004, 30_004]);
  });
});

describe("GraftWorkbook writes strings as text", () => {
  const PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)"];
  it("formula-like customer names, models and notes come out as strings on both readers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("销售明细");
    ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额", "备注"]);
    PAYLOADS.forEach((p, i) => ws.addRow([45721 + i, p, PAYLOADS[(i + 1) % 4], i + 1, 10, (i + 1) * 10, PAYLOADS[(i + 2) % 4]]));
    for (let r = 2; r <= 5; r++) ws.getCell(`A${r}`).numFmt = "yyyy-mm-dd";
    expect(INJECTION_STRINGS).toEqual(expect.arrayContaining(PAYLOADS));
    const dir = tmp();
    const g = await GraftWorkbook.fromBuffer(await bytesOf(wb), "in.xlsx");
    if (!g.ok) throw new Error("open");
    const written = await writeLedger(g.value);
    const out = join(dir, "out.xlsx");
    await g.value.save(out);
    const { x, r } = await reopen(out);
    for (const port of [x, r] as WorkbookPort[]) {
      const customers = await port.readTable("Customers");
      expect(customers!.rows.map((row) => row[0])).toEqual(expect.arrayContaining(PAYLOADS));
      for (const name of written) {
        for (const c of await chunks(port, name)) {
          c.formulas.forEach((row, i) =>
            row.forEach((f, j) => {
              const v = c.values[i]![j];
              if (typeof v === "string" && PAYLOADS.includes(v)) expect(f).toBeNull();
              if (f !== null) expect(f).not.toMatch(/HYPERLINK|SUM\(A1\)|^=\+1$|^=-1\+1$/);
            }),
          );
        }
      }
    }
  });
});

/** LibreOffice, when installed: `$SOFFICE`, then PATH, as the CLI finds it. */
const SOFFICE = findSoffice() ?? undefined;

describe("GraftWorkbook output opens in other programs", () => {
  let out = "";
  let viaExcelJs = "";
  let written: string[] = [];
  beforeAll(async () => {
    const { workbook } = buildMessyWorkbook(33, { months: 1, linesPerMonth: 12 });
    const saved = await saveBoth(await bytesOf(workbook));
    out = saved.viaGraft;
    viaExcelJs = saved.viaExcelJs;
    written = saved.written;
  });

  it("openpyxl loads it and reads the ledger tables", () => {
    const script = [
      "import json, sys, openpyxl",
      "wb = openpyxl.load_workbook(sys.argv[1])",
      "ws = wb['订单']",
      "print(json.dumps({'sheets': wb.sheetnames, 'meta': wb['_ledger_meta'].sheet_state, 'header': [c.value for c in ws[1]], 'tables': sorted(t for s in wb.worksheets for t in s.tables), 'rows': ws.max_row, 'b2': str(ws['B2'].value), 'fmt': ws['B2'].number_format}, ensure_ascii=False))",
    ].join("\n");
    const got = JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, out], { encoding: "utf8", timeout: 30_000 })) as { sheets: string[]; meta: string; header: string[]; tables: string[]; rows: number; b2: string; fmt: string };
    expect(got.sheets).toEqual(expect.arrayContaining(["客户", "产品", "订单", "回款", "退货", "对账", "导入问题", "_ledger_meta"]));
    expect(got.meta).toBe("veryHidden");
    expect(got.tables).toEqual(["Confirmations", "Customers", "Orders", "Payments", "Products", "Returns"]);
    expect(got.header.slice(0, 3)).toEqual(["订单号", "日期", "客户"]);
    expect(got.rows).toBeGreaterThan(10);
    expect(got.b2).toMatch(/^2025-\d\d-\d\d 00:00:00$/);
    expect(got.fmt).toBe("yyyy-mm-dd");
  });

  (SOFFICE ? it : it.skip)("LibreOffice shows every written sheet as it shows the ExcelJS host's", () => {
    const dir = tmp();
    // Filter options: comma, quote, UTF-8, …, last: every sheet to its own file (name-Sheet.csv).
    const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", dir, viaExcelJs, out], { stdio: "pipe", timeout: 60_000 });
    for (const sheet of written) {
      const mine = readFileSync(join(dir, `graft-${sheet}.csv`), "utf8");
      expect([sheet, mine]).toEqual([sheet, readFileSync(join(dir, `exceljs-${sheet}.csv`), "utf8")]);
    }
    expect(readFileSync(join(dir, "graft-订单.csv"), "utf8")).toMatch(/^订单号,日期,客户/);
  }, 90_000);
});

describe("GraftWorkbook.open", () => {
  it("passes reader options on (progress while a sheet is scanned)", async () => {
    const scanned: string[] = [];
    const g = await GraftWorkbook.open(SAMPLE, { onScan: (sheet) => scanned.push(sheet) });
    if (!g.ok) throw new Error("open");
    expect((await chunks(g.value, "3月")).length).toBeGreaterThan(0);
    expect(scanned).toContain("3月");
  });

  it("refuses what ReadOnlyWorkbook refuses, with the same issues", async () => {
    const dir = tmp();
    const files: Record<string, Buffer | null> = {
      "missing.xlsx": null,
      "data.csv": Buffer.from("日期,客户\n2025-03-05,甲\n"),
      "old.xls": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      "empty.xlsx": Buffer.alloc(0),
      "broken.xlsx": Buffer.from("PK\u0003\u0004 this is not really a zip"),
      "noworkbook.xlsx": zipInMemory([["hello.txt", Buffer.from("hi")]]),
    };
    for (const [name, bytes] of Object.entries(files)) if (bytes) writeFileSync(join(dir, name), bytes);
    const seen: string[] = [];
    for (const name of [...Object.keys(files), "."]) {
      const path = join(dir, name);
      const g = await GraftWorkbook.open(path);
      expect(g.ok).toBe(false);
      expect(g).toEqual(await ReadOnlyWorkbook.open(path));
      if (!g.ok) seen.push(g.issues[0]!.code);
    }
    expect(seen).toEqual(["cli.open.notFound", "cli.open.csv", "cli.open.legacyXls", "cli.open.empty", "cli.open.corrupt", "cli.open.corrupt", "cli.open.notAFile"]);
  });
});
