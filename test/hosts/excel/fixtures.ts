/**
 * Fixtures for the Excel host tests: a port on a fresh fake, a SheetSpec using every feature, a
 * ledger-like TableSpec, and a big used range for the chunking/budget tests.
 */
import { ExcelWorkbook, type ExcelRun } from "../../../src/hosts/excel/excel-workbook";
import type { SheetSpec } from "../../../src/core/sheet-spec";
import type { TableSpec } from "../../../src/app/workbook-port";
import { FakeExcel } from "../../excel-fake";

/** A port on `fake`; no waiting between cell-edit retries. */
export function portOn(fake: FakeExcel, over: { cellEditTries?: number; sleeps?: number[] } = {}): ExcelWorkbook {
  return new ExcelWorkbook({
    run: fake.run as unknown as ExcelRun,
    isSetSupported: fake.isSetSupported,
    sleep: async (ms) => {
      over.sleeps?.push(ms);
    },
    ...(over.cellEditTries !== undefined ? { cellEditTries: over.cellEditTries } : {}),
  });
}

/** A fresh fake with one visible user sheet (Excel never has zero sheets). */
export function freshFake(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1");
  return fake;
}

/** A report-like spec with every SheetSpec feature, including text that looks like formulas/numbers/dates. */
export function everyFeatureSpec(name = "月报 2025-03"): SheetSpec {
  return {
    name,
    kind: "monthly",
    rows: [
      ["销售月报 2025-03", null, null, null],
      ["客户", "日期", "金额", "备注"],
      ["=HYPERLINK(\"x\")", { date: "2025-03-05" }, 1234.5, "+86 138"],
      ["-张三", { date: "2025-03-31" }, 0.1, "@home"],
      ["001", null, -5, "2025-03-05"],
      ["TRUE", null, { formula: "=SUM(C3:C5)", value: 1229.6 }, "1,234"],
      [true, 42, null, ""],
    ],
    styles: [
      { range: { row: 0, col: 0, rowEnd: 0, colEnd: 3 }, style: { bold: true, fontSize: 14, hAlign: "center", vAlign: "middle" } },
      { range: { row: 1, col: 0, rowEnd: 1, colEnd: 3 }, style: { bold: true, fill: "#DDEBF7", border: { weight: "thin", scope: "all" }, wrap: true } },
      { range: { row: 2, col: 2, rowEnd: 5, colEnd: 2 }, style: { numberFormat: "#,##0.00", hAlign: "right", fontColor: "#C00000" } },
      { range: { row: 2, col: 1, rowEnd: 3, colEnd: 1 }, style: { numberFormat: "yyyy/m/d", italic: true } },
      { range: { row: 5, col: 0, rowEnd: 5, colEnd: 3 }, style: { border: { weight: "medium", scope: "top" } } },
      { range: { row: 2, col: 0, rowEnd: 6, colEnd: 3 }, style: { border: { weight: "thin", scope: "outline" } } },
      { range: { row: 6, col: 0, rowEnd: 6, colEnd: 3 }, style: { border: { weight: "thin", scope: "bottom" } } },
      { range: { row: 7, col: 2, rowEnd: 7, colEnd: 2 }, style: { numberFormat: "0.00%" } },
    ],
    merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 3 }],
    columnWidths: [14, 12, 16, 0, 30],
    freeze: { rows: 2, columns: 1 },
    print: { paperSize: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: 0, last: 1 }, footer: "第 &P 页 / 共 &N 页" },
    anchors: { total: { row: 5, col: 2 } },
    links: [{ row: 6, col: 2, target: { sheet: "客户 明细", cell: "A1" } }, { row: 2, col: 3, target: { sheet: "Sheet1", cell: "B2" } }],
  };
}

/** A ledger-like table spec (订单) with formats and every validation kind. */
export function ordersTableSpec(rows: TableSpec["rows"] = []): TableSpec {
  return {
    sheetName: "订单",
    tableName: "Orders",
    columns: [
      { header: "订单号", field: "orderNo", numberFormat: "@", width: 14 },
      { header: "日期", field: "date", numberFormat: "yyyy-mm-dd", validation: { type: "date" }, width: 12 },
      { header: "客户", field: "customer", width: 20 },
      { header: "数量", field: "qty", numberFormat: "0", validation: { type: "wholeNumber", min: -100000 } },
      { header: "金额", field: "amount", numberFormat: "#,##0.00", validation: { type: "decimal", min: 0, max: 1e9 } },
      { header: "状态", field: "status", validation: { type: "list", values: ["已接单", "已确认", "已发货"] } },
      { header: "单价", field: "price", validation: { type: "decimal", max: 1e7 } },
      { header: "折扣", field: "discount", validation: { type: "wholeNumber" } },
    ],
    rows,
  };
}

/** An order row for `ordersTableSpec`. */
export function orderRow(i: number, customer = `客户${i % 50}`): TableSpec["rows"][number] {
  return [`SO-${String(i).padStart(6, "0")}`, { date: "2025-03-05" }, customer, (i % 7) + 1, ((i % 97) + 1) * 12.5, "已确认", 12.5, null];
}

/** Seed a big raw sheet (title row, header row, `n` data rows of 8 columns with dates and money) straight into the fake. */
export function seedBigSheet(fake: FakeExcel, name: string, n: number): void {
  const values: (string | number | null)[][] = [["2025 年销售明细", null, null, null, null, null, null, null], ["日期", "单号", "客户", "型号", "数量", "单价", "金额", "备注"]];
  const formats: (string | null)[][] = [[null], [null]];
  for (let i = 0; i < n; i++) {
    values.push([45658 + (i % 365), `SO${100000 + i}`, `客户${i % 300}`, `XK-${i % 40}`, (i % 9) + 1, 199.5, ((i % 9) + 1) * 199.5, i % 10 === 0 ? "加急" : null]);
    formats.push(["yyyy/m/d", null, null, null, null, "#,##0.00", "#,##0.00", null]);
  }
  fake.addSheet(name, values, { formats });
}

/** The non-empty rows of the fake's `_ledger_meta` (kind, key, value), top to bottom — where a mark sits is the host's business (`metaSlot`). */
export function metaRows(fake: FakeExcel): (string | number | boolean | null)[][] {
  const s = fake.sheet("_ledger_meta");
  if (!s) return [];
  const out: (string | number | boolean | null)[][] = [];
  s.rows.forEach((row, r) => {
    if (!row) return;
    const cells = [0, 1, 2].map((c) => fake.cell("_ledger_meta", r, c).value as string | number | boolean | null);
    if (cells.some((v) => v !== null)) out.push(cells);
  });
  return out;
}
