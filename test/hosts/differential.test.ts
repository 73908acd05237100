/**
 * Differential test: the same WorkbookPort operations on the fake-backed Excel host and on the
 * xlsx host must leave the same cells, number formats, merges and tables. Both workbooks are
 * exported to .xlsx and dumped by one function, so the comparison is like for like.
 * Adding a use case is one line: `await same(fixture, (port) => useCase(port))`.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { GridChunk, WorkbookPort } from "../../src/app/workbook-port";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { generateReport } from "../../src/app/generate-report";
import { generateStatements } from "../../src/app/generate-statements";
import { fromXlsx, toXlsx } from "../excel-fake";
import { everyFeatureSpec, orderRow, ordersTableSpec } from "./excel/fixtures";
import { join } from "node:path";
import { REALWORLD_DIR } from "../builders/shared-dir";

/** One cell as both hosts must leave it. */
interface DumpCell {
  v: unknown;
  f?: string;
  nf: string;
  bold?: boolean;
  fill?: string;
  border?: string;
}

interface DumpSheet {
  state: string;
  cells: Record<string, DumpCell>;
  merges: string[];
  tables: { name: string; ref: string }[];
  frozen?: string;
  widths: Record<number, number>;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function plain(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return Math.round(((v.getTime() - SERIAL_EPOCH) / 86_400_000) * 1e6) / 1e6;
  if (v && typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if ("richText" in o) return (o.richText as { text: string }[]).map((x) => x.text).join("");
    if ("formula" in o || "sharedFormula" in o) return undefined; // formula cells: compare the formula, not a cached value
    if ("hyperlink" in o) return { text: plain(o.text as ExcelJS.CellValue), link: o.hyperlink };
    if ("error" in o) return { error: o.error };
  }
  return v;
}

/**
 * `_ledger_meta` rows are found by content (kind, key), not by position — the Excel host spreads new
 * marks over key slots for co-authoring — so they are compared as a sorted list of rows, re-addressed from row 1.
 */
function metaByContent(cells: Record<string, DumpCell>): Record<string, DumpCell> {
  const rows = new Map<number, Record<string, DumpCell>>();
  for (const [addr, cell] of Object.entries(cells)) {
    const m = /^([A-Z]+)(\d+)$/.exec(addr);
    if (!m) continue;
    const row = rows.get(Number(m[2])) ?? {};
    row[m[1] as string] = cell;
    rows.set(Number(m[2]), row);
  }
  const sorted = [...rows.values()].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const out: Record<string, DumpCell> = {};
  sorted.forEach((row, i) => {
    for (const [col, cell] of Object.entries(row)) out[`${col}${i + 1}`] = cell;
  });
  return out;
}

/** Cells, formats, merges, tables of every sheet of an .xlsx buffer. */
async function dump(buffer: Buffer): Promise<Record<string, DumpSheet>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const out: Record<string, DumpSheet> = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, DumpCell> = {};
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = plain(cell.value);
        const nf = cell.numFmt || "General";
        const f = cell.formula ? `=${cell.formula}` : undefined;
        const bold = cell.font?.bold === true ? true : undefined;
        const fill = cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid" ? String(cell.fill.fgColor?.argb ?? "") : undefined;
        const b = cell.border;
        const border = b ? (["top", "bottom", "left", "right"] as const).filter((k) => b[k]?.style).map((k) => `${k}:${b[k]?.style}`).join(" ") || undefined : undefined;
        if (v === "") cell.value = null; // Excel has no empty-string cell: '' clears it
        if ((v === null || v === undefined || v === "") && f === undefined && nf === "General" && !bold && !fill && !border) return;
        cells[cell.address] = { v: v === "" || v === undefined ? null : v, ...(f ? { f } : {}), nf, ...(bold ? { bold } : {}), ...(fill ? { fill } : {}), ...(border ? { border } : {}) };
      });
    });
    const tables = Object.values((ws as unknown as { tables?: Record<string, { table?: { name?: string; tableRef?: string; ref?: string } }> }).tables ?? {})
      .map((t) => ({ name: t.table?.name ?? "", ref: t.table?.tableRef ?? t.table?.ref ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const widths: Record<number, number> = {};
    (ws.columns ?? []).forEach((c, i) => {
      if (c.width !== undefined && c.width !== 9) widths[i] = Math.round(c.width); // 9 is ExcelJS's default, written only with a column style
    });
    out[ws.name] = {
      state: ws.state ?? "visible",
      cells: ws.name === "_ledger_meta" ? metaByContent(cells) : cells,
      merges: [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort(),
      tables,
      ...(view?.state === "frozen" ? { frozen: `${view.xSplit ?? 0},${view.ySplit ?? 0}` } : {}),
      widths,
    };
  });
  return out;
}

/** Run `useCase` on both hosts opened on `fixture`; the dumps of the resulting workbooks and the use case's results. */
export async function runOnBothHosts<T>(fixture: Buffer, useCase: (port: WorkbookPort) => Promise<T>): Promise<{ excelCells: Record<string, DumpSheet>; xlsxCells: Record<string, DumpSheet>; excelResult: T; xlsxResult: T }> {
  const fake = await fromXlsx(fixture);
  const excelPort = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
  const opened = await XlsxWorkbook.fromBuffer(fixture, "fixture.xlsx");
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
  const excelResult = await useCase(excelPort);
  const xlsxResult = await useCase(opened.value);
  return { excelCells: await dump(await toXlsx(fake)), xlsxCells: await dump(await opened.value.toBuffer()), excelResult, xlsxResult };
}

/** Assert both hosts end with the same workbook; returns the results for further checks. */
async function same<T>(fixture: Buffer, useCase: (port: WorkbookPort) => Promise<T>): Promise<{ excelResult: T; xlsxResult: T; cells: Record<string, DumpSheet> }> {
  const r = await runOnBothHosts(fixture, useCase);
  expect(r.excelCells).toEqual(r.xlsxCells);
  return { excelResult: r.excelResult, xlsxResult: r.xlsxResult, cells: r.excelCells };
}

/** A small clerk workbook: a title row over a merged range, orders by month, payments. */
async function clerkWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2025年3月销售");
  ws.addRow(["2025年3月销售明细"]);
  ws.mergeCells("A1:H1");
  ws.addRow(["日期", "单号", "客户名称", "型号", "数量", "单价", "金额", "备注"]);
  const customers = ["华东贸易", "=恶意客户", "北方电器", "001号店"];
  for (let i = 0; i < 24; i++) {
    const row = ws.addRow([new Date(Date.UTC(2025, 2, 1 + (i % 28))), `SO-25${String(i).padStart(4, "0")}`, customers[i % 4], `XK-${i % 5}`, (i % 6) + 1, 199.5, ((i % 6) + 1) * 199.5, i % 5 === 0 ? "加急" : null]);
    row.getCell(1).numFmt = "yyyy/m/d";
    row.getCell(7).numFmt = "#,##0.00";
  }
  ws.addRow([null, null, "合计", null, { formula: "SUM(E3:E26)", result: 84 }, null, null, null]);
  const pay = wb.addWorksheet("回款");
  pay.addRow(["日期", "客户", "金额", "方式"]);
  pay.addRow([new Date(Date.UTC(2025, 2, 20)), "华东贸易", 1000, "转账"]);
  pay.addRow([new Date(Date.UTC(2025, 2, 25)), "北方电器", 500.5, "现金"]);
  pay.getColumn(1).numFmt = "yyyy-mm-dd";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readAll(port: WorkbookPort): Promise<unknown> {
  const sheets = await port.listSheets();
  const grids: Record<string, GridChunk[]> = {};
  for (const s of sheets) {
    const chunks: GridChunk[] = [];
    for await (const ch of port.readSheet(s.name)) chunks.push(ch);
    // Chunk sizes differ by host; compare the rows.
    grids[s.name] = [{ startRow: chunks[0]?.startRow ?? 0, startCol: chunks[0]?.startCol ?? 0, values: chunks.flatMap((c) => c.values), formats: chunks.flatMap((c) => c.formats), formulas: chunks.flatMap((c) => c.formulas) }];
  }
  return { sheets, grids, date1904: await port.date1904() };
}

describe("Excel host (fake) and xlsx host give the same workbook", () => {
  let fixture: Buffer;
  beforeAll(async () => {
    fixture = await clerkWorkbook();
  });

  it("listSheets + readSheet on a clerk workbook read the same grids", async () => {
    const r = await same(fixture, readAll);
    expect(r.excelResult).toEqual(r.xlsxResult);
  });

  it("listSheets + readSheet on a real clerk workbook (mazda_dealer_jinxiaocun.xlsx)", async () => {
    const real = readFileSync(join(REALWORLD_DIR, "mazda_dealer_jinxiaocun.xlsx"));
    const r = await runOnBothHosts(real, readAll);
    expect(r.excelResult).toEqual(r.xlsxResult);
  });

  it("writeSheet of a spec with every feature", async () => {
    const r = await same(fixture, (port) => port.writeSheet(everyFeatureSpec()));
    expect(r.excelResult).toEqual(r.xlsxResult);
    expect(r.cells["月报 2025-03"]?.cells.A3).toEqual({ v: '=HYPERLINK("x")', nf: "General", border: "top:thin left:thin" });
  });

  it("createTable, then appendRows (into the empty table and after existing rows)", async () => {
    const r = await same(fixture, async (port) => {
      const created = await port.createTable(ordersTableSpec());
      const n1 = await port.appendRows("Orders", [orderRow(1), ["=1+1", { date: "2025-03-06" }, "+客户", 2, 10, "已确认", null, 0]]);
      const created2 = await port.createTable({ ...ordersTableSpec([orderRow(5)]), sheetName: "订单二", tableName: "Orders2" });
      const n2 = await port.appendRows("Orders2", [orderRow(6)]);
      return { created, n1, created2, n2, tables: await port.listTables(), data: await port.readTable("Orders") };
    });
    expect(r.excelResult).toEqual(r.xlsxResult);
    expect(r.excelResult.n1).toBe(2);
  });

  it("settings", async () => {
    const r = await same(fixture, async (port) => {
      await port.setSetting("company.name", "=华东");
      await port.setSetting("company.name", "华东贸易");
      return port.getSetting("company.name");
    });
    expect(r.excelResult).toBe("华东贸易");
  });

  it("convertWorkbook, then generateReport and generateStatements", async () => {
    const r = await same(fixture, async (port) => {
      const converted = await convertWorkbook(port);
      const report = await generateReport(port, undefined, { kind: "monthly", period: "2025-03", today: "2025-04-01" });
      await port.setSetting("company.name", "华东销售有限公司");
      const statements = await generateStatements(port, undefined, { customers: ["华东贸易"], from: "2025-03-01", to: "2025-03-31" });
      return { converted: converted.ok ? converted.value.sheetsCreated : converted.issues, report: report.ok ? report.value.sheet : report.issues, statements: statements.ok ? statements.value.written.map((w) => w.sheet) : statements.issues };
    });
    expect(r.excelResult).toEqual(r.xlsxResult);
    expect(r.excelResult).toEqual({
      converted: ["客户", "产品", "订单", "回款（台账）", "退货", "对账", "导入问题"],
      report: "月报 2025-03",
      statements: ["对账单 华东贸易 2025-03"],
    });
    // Not vacuous: the orders table holds the 24 imported lines, the report and statement have content.
    expect(r.cells["订单"]?.tables).toEqual([{ name: expect.any(String), ref: expect.stringMatching(/^A1:[A-Z]+25$/) }]);
    expect(Object.keys(r.cells["月报 2025-03"]?.cells ?? {}).length).toBeGreaterThan(20);
    expect(Object.keys(r.cells["对账单 华东贸易 2025-03"]?.cells ?? {}).length).toBeGreaterThan(20);
  });
});
