import ExcelJS from "exceljs";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { loadLedger } from "../../src/app/load-ledger";
import { detectWorkbook } from "../../src/app/detect-workbook";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import type { RawCell } from "../../src/app/workbook-port";
import { buildMessyWorkbook } from "../builders/messy-workbook";
import { MemoryPort } from "../builders/memory-port";
import { describeIssue } from "../../src/core/i18n";

async function allCells(port: XlsxWorkbook, sheets: readonly string[]): Promise<Record<string, RawCell[][]>> {
  const out: Record<string, RawCell[][]> = {};
  for (const s of sheets) {
    out[s] = [];
    for await (const c of port.readSheet(s)) out[s].push(...c.values.map((r) => [...r]));
  }
  return out;
}

async function reload(port: XlsxWorkbook): Promise<XlsxWorkbook> {
  const r = await XlsxWorkbook.fromBuffer(await port.toBuffer());
  if (!r.ok) throw new Error("reload failed");
  return r.value;
}

describe("convertWorkbook", () => {
  it("adds the ledger tables and 导入问题, leaves the user's sheets exactly as they were", async () => {
    const { workbook, truth } = buildMessyWorkbook(21, { months: 2, linesPerMonth: 20, defectRate: 0.1 });
    const port = XlsxWorkbook.wrap(workbook);
    const userSheets = (await port.listSheets()).map((s) => s.name);
    const before = await allCells(port, userSheets);
    const r = await convertWorkbook(port);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.sheetsCreated).toEqual(["客户（台账）", "产品", "订单", "回款（台账）", "退货", "对账", "导入问题"]);
    const back = await reload(port);
    expect(await allCells(back, userSheets)).toEqual(before);
    expect((await back.listTables()).map((t) => `${t.sheetName}:${t.name}`)).toEqual(["客户（台账）:Customers", "产品:Products", "订单:Orders", "回款（台账）:Payments", "退货:Returns", "对账:Confirmations"]);
    expect((await back.readTable("Orders"))?.rows.length).toBe(truth.orders.length);
    expect(r.value.ledger.orders.length).toBe(truth.orders.length);
  });

  it("lists every rejected row in 导入问题 with a link to its cell", async () => {
    const { workbook, truth } = buildMessyWorkbook(22, { months: 2, linesPerMonth: 25, defectRate: 0.15 });
    const port = XlsxWorkbook.wrap(workbook);
    const r = await convertWorkbook(port);
    expect(r.ok).toBe(true);
    const ws = (await reload(port)).workbook.getWorksheet("导入问题")!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "text" in (v as object) ? String((v as { text: string }).text) : v === null || v === undefined ? "" : String(v)))));
    const listed = rows.filter((r) => truth.rejected.some((t) => t.sheet === r[0] && String(t.row) === r[1])).map((r) => `${r[0]}!${r[2]}${r[1]}`);
    expect(listed.sort()).toEqual(truth.rejected.map((t) => `${t.sheet}!${t.column}${t.row}`).sort());
    expect(rows[0]?.[0]).toBe("导入问题");
    const firstLink = rows.find((r) => r[0] === truth.rejected[0]?.sheet && r[1] === String(truth.rejected[0]?.row));
    expect(firstLink?.[6]).toBe(`${truth.rejected[0]?.sheet}!${truth.rejected[0]?.column}${truth.rejected[0]?.row}`);
  });

  it("refuses a workbook that is already a ledger, and one with nothing to import", async () => {
    const { workbook } = buildMessyWorkbook(23, { months: 1, linesPerMonth: 5 });
    const port = XlsxWorkbook.wrap(workbook);
    expect((await convertWorkbook(port)).ok).toBe(true);
    const again = await convertWorkbook(port);
    expect(again.ok ? [] : again.issues.map((i) => i.code)).toEqual(["import.alreadyConverted"]);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet("说明").getCell("A1").value = "这里只有一句话";
    const none = await convertWorkbook(XlsxWorkbook.wrap(empty));
    expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(["import.nothingImported", "import.problem.noHeader"]);
    expect(empty.worksheets.map((w) => w.name)).toEqual(["说明"]);
  });
});

describe("convertWorkbook and the rows a sheet can hold", () => {
  it("refuses, before writing anything, a ledger table longer than a sheet holds", async () => {
    const rows: (string | number)[][] = [["日期", "客户名称", "型号", "数量", "金额"]];
    for (let i = 1; i <= 12; i++) rows.push([`2025-03-${String(i).padStart(2, "0")}`, "长沙华兴", "HX-100", 1, 10]);
    const port = new MemoryPort({ sheets: [{ name: "3月", rows }] });
    // 12 order lines + the header row = 13 rows for 订单; a 12-row sheet cannot hold them.
    const r = await convertWorkbook(port, { maxRows: 12 });
    expect(r.ok ? [] : r.issues.map((i) => describeIssue(i, "zh-CN"))).toMatchInlineSnapshot(`
[
  "「订单」将有 13 行，超过 Excel 一张工作表最多 12 行的上限，没有写入任何内容。请把工作簿按年份（或按工作表）拆开后分别导入",
  "「导入问题」将有 21 行，超过 Excel 一张工作表最多 12 行的上限，没有写入任何内容。请把工作簿按年份（或按工作表）拆开后分别导入",
]
`);
    expect(port.tables).toEqual([]);
    expect(port.sheets.map((s) => s.name)).toEqual(["3月"]);
    expect((await convertWorkbook(port, { maxRows: 21 })).ok).toBe(true); // 订单 13 rows, 导入问题 21
  });
});

describe("loadLedger", () => {
  it("reads a converted ledger back to the same records the import produced", async () => {
    const { workbook } = buildMessyWorkbook(24, { months: 3, linesPerMonth: 15 });
    const port = XlsxWorkbook.wrap(workbook);
    const r = await convertWorkbook(port);
    if (!r.ok) throw new Error("convert failed");
    const loaded = await loadLedger(await reload(port));
    expect(loaded.source).toBe("tables");
    expect(loaded.issues).toEqual([]);
    const input = r.value.result.input;
    expect(loaded.ledger.orders).toEqual(input.orders);
    expect(loaded.ledger.payments).toEqual(input.payments);
    expect(loaded.ledger.customers).toEqual(input.customers);
    expect(loaded.ledger.products).toEqual(input.products);
  });

  it("imports a raw workbook in memory, writing nothing", async () => {
    const { workbook, truth } = buildMessyWorkbook(25, { months: 1, linesPerMonth: 10 });
    const port = XlsxWorkbook.wrap(workbook);
    const names = workbook.worksheets.map((w) => w.name);
    const loaded = await loadLedger(port);
    expect(loaded.source).toBe("import");
    expect(loaded.ledger.orders.length).toBe(truth.orders.length);
    expect(loaded.report?.ledger.orders.amountFen).toBe(truth.totals.orderAmountFen);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(names);
  });

  it("reports a bad row of a ledger table where it is", async () => {
    const { workbook } = buildMessyWorkbook(26, { months: 1, linesPerMonth: 5, defectRate: 0 });
    const port = XlsxWorkbook.wrap(workbook);
    await convertWorkbook(port);
    workbook.getWorksheet("订单")!.getCell("H2").value = "一千元";
    const loaded = await loadLedger(port);
    expect(loaded.issues.map((i) => [i.code, i.at?.sheet, i.at?.row, i.at?.column])).toEqual([["money.notANumber", "订单", 2, "H"]]);
  });

  it("detectWorkbook leaves our own generated sheets out", async () => {
    const { workbook } = buildMessyWorkbook(27, { months: 1, linesPerMonth: 5 });
    const port = XlsxWorkbook.wrap(workbook);
    await convertWorkbook(port);
    const { report } = await detectWorkbook(port);
    expect(report.sheets.map((s) => s.name)).toEqual(["客户", "价格表", "1月", "回款"]);
  });
});

describe("convertWorkbook on another port (in-memory)", () => {
  it("writes through the port only and reads back the same ledger", async () => {
    const port = new MemoryPort({
      sheets: [
        {
          name: "3月",
          rows: [
            ["2025年3月销售明细"],
            ["日期", "客户名称", "型号", "数量", "单价", "金额"],
            ["2025.3.5", "长沙华兴", "HX-100", 2, "¥10.00", 20],
            ["2025-02-30", "长沙华兴", "HX-100", 1, 10, 10],
            ["合计", null, null, 3, null, 30],
          ],
        },
      ],
    });
    const r = await convertWorkbook(port);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(port.tables.map((t) => `${t.sheetName}:${t.name}:${t.rows.length}`)).toEqual(["客户:Customers:1", "产品:Products:1", "订单:Orders:1", "回款:Payments:0", "退货:Returns:0", "对账:Confirmations:0"]);
    const issues = port.sheets.find((s) => s.name === "导入问题");
    expect(issues?.ownedKind).toBe("issues");
    expect(issues?.spec?.links).toEqual([{ row: 8, col: 6, target: { sheet: "3月", cell: "A4" } }]);
    const loaded = await loadLedger(port);
    expect(loaded.source).toBe("tables");
    expect(loaded.ledger.orders).toEqual(r.value.result.input.orders);
  });
});
