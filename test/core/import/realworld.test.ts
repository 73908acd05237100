/**
 * Real clerk workbooks from public repositories (see ../shared/fixtures/realworld/SOURCES.md),
 * imported as they are. Expected figures are computed here by a tiny independent reader (plain
 * ExcelJS, no importer code) and were cross-checked with python3 + openpyxl:
 *   chaoyang: 6,578 data rows; 6,553 imported; 23 impossible 2018-02-29 dates + 1 missing date
 *   rejected; 1 blank row skipped; qty 15,623; 实收 303,151.06; 16 returns (−893.77);
 *   1,991 buyers (社保卡号); 85 product codes.
 *   mazda: 进销 26 rows, 库存 31 rows, 26 distinct 车型编码 (rows 9, 11, 14, 15, 17 repeat one).
 */
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-workbook";
import { detectWorkbook } from "../../../src/app/detect-workbook";
import { REALWORLD_DIR } from "../../builders/shared-dir";

const DIR = REALWORLD_DIR;
const CHAOYANG = `${DIR}/chaoyang_hospital_2018_sales.xlsx`;
const MAZDA = `${DIR}/mazda_dealer_jinxiaocun.xlsx`;

async function open(path: string): Promise<XlsxWorkbook> {
  const r = await XlsxWorkbook.open(path);
  if (!r.ok) throw new Error(`cannot open ${path}`);
  return r.value;
}

/** Independent reading of chaoyang: plain ExcelJS, plain loops. */
async function chaoyangTruth() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CHAOYANG);
  const ws = wb.worksheets[0]!;
  const text = (v: ExcelJS.CellValue): string => (v && typeof v === "object" && "richText" in v ? v.richText.map((r) => r.text).join("") : v === null || v === undefined ? "" : String(v));
  let rows = 0;
  const blank: number[] = [];
  const impossible: number[] = [];
  const noDate: number[] = [];
  let lines = 0;
  let qty = 0;
  let amountFen = 0;
  const returns: number[] = [];
  const buyers = new Set<string>();
  const codes = new Set<string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    rows++;
    const cells = [1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).value);
    if (cells.every((v) => text(v).trim() === "")) {
      blank.push(r);
      continue;
    }
    const date = text(cells[0]!);
    if (date === "") {
      noDate.push(r);
      continue;
    }
    if (date.startsWith("2018-02-29")) {
      impossible.push(r);
      continue;
    }
    lines++;
    qty += Number(cells[4]);
    const fen = Math.round(Number(cells[6]) * 100);
    amountFen += fen;
    if (Number(cells[4]) < 0) returns.push(r);
    buyers.add(text(cells[1]!).trim());
    codes.add(text(cells[2]!).trim());
  }
  return { rows, blank, impossible, noDate, lines, qty, amountFen, returns, buyers: buyers.size, codes: codes.size };
}

describe("real workbook: 朝阳医院 2018 sales (WPS, rich text, text dates with weekdays)", () => {
  let truth: Awaited<ReturnType<typeof chaoyangTruth>>;
  let imported: Awaited<ReturnType<typeof detectWorkbook>>;
  beforeAll(async () => {
    truth = await chaoyangTruth();
    imported = await detectWorkbook(await open(CHAOYANG));
  });

  it("the fixture is there", () => {
    expect(existsSync(CHAOYANG)).toBe(true);
  });

  it("the independent reader agrees with the figures checked with openpyxl", () => {
    expect({ ...truth, impossible: truth.impossible.length, returns: truth.returns.length }).toEqual({
      rows: 6578,
      blank: [6576],
      impossible: 23,
      noDate: [6572],
      lines: 6553,
      qty: 15623,
      amountFen: 30315106,
      returns: 16,
      buyers: 1991,
      codes: 85,
    });
  });

  it("detects Sheet1 as orders with the right columns", () => {
    const s = imported.report.sheets[0]!;
    expect({ name: s.name, role: s.role, headerRow: s.headerRow, mapping: s.mapping }).toEqual({
      name: "Sheet1",
      role: "orders",
      headerRow: 1,
      mapping: { date: "购药时间", customer: "社保卡号", model: "商品编码", productName: "商品名称", qty: "销售数量", listAmount: "应收金额", amount: "实收金额" },
    });
  });

  it("accounts for all 6,578 rows: 6,553 imported, 24 rejected, 1 blank skipped", () => {
    const s = imported.report.sheets[0]!;
    expect([s.rows, s.imported, s.rejected, s.skipped]).toEqual([truth.rows, truth.lines, truth.impossible.length + truth.noDate.length, truth.blank.length]);
    expect(imported.report.skipped).toEqual([{ sheet: "Sheet1", reason: "空行", count: 1, rows: [6576] }]);
  });

  it("rejects the 23 impossible 2018-02-29 dates at their rows, and the row without a date", () => {
    const byCode = (code: string): number[] => (imported.result.outcomes.Sheet1 ?? []).filter((o) => o.kind === "rejected" && o.issues.some((i) => i.code === code)).map((o) => o.row);
    expect(byCode("date.impossible")).toEqual(truth.impossible);
    expect(byCode("date.impossible")).toEqual([337, 515, 516, 517, 518, 1225, 1315, 1939, 2134, 2245, 2815, 3511, 4214, 4215, 4356, 4854, 5085, 5385, 5517, 5967, 6374, 6396, 6429]);
    expect(byCode("import.missingValue")).toEqual(truth.noDate);
    expect(imported.report.rejected[0]).toEqual({ sheet: "Sheet1", row: 337, reasons: ["A 列 （购药时间）：日期不存在：2018-02-29 星期一"] });
  });

  it("keeps the 16 negative lines as returns, and totals match", () => {
    const { orders } = imported.result.input;
    expect(orders.filter((o) => o.qty < 0).map((o) => o.source?.row)).toEqual(truth.returns);
    expect(orders.filter((o) => o.qty < 0).every((o) => o.amountFen < 0)).toBe(true);
    expect(imported.report.ledger).toEqual({
      customers: 1991,
      products: 85,
      orders: { lines: 6553, qty: 15623, amountFen: 30315106, returnLines: 16, returnAmountFen: -89377, cancelledLines: 0 },
      payments: { count: 0, amountFen: 0 },
      returns: { count: 0, amountFen: 0 },
      derivedCustomers: true,
      derivedProducts: true,
    });
  });

  it("reads text dates with wrong weekdays, codes typed as text or numbers, rich text names", () => {
    const first = imported.result.input.orders[0]!;
    expect([first.date, first.customer, first.model, first.qty, first.amountFen, first.priceFen]).toEqual(["2018-01-01", "*******528", "236701", 6, 6900, 1380]);
    const richName = imported.result.input.products.find((p) => p.model === "236701");
    expect(richName?.name).toBe("强力VC银翘片");
    expect(imported.result.input.orders.every((o) => /^\d+$/.test(o.model))).toBe(true);
  });
});

describe("real workbook: mazda dealer 进销存 (month text, inventory with text prices and serial dates)", () => {
  let imported: Awaited<ReturnType<typeof detectWorkbook>>;
  beforeAll(async () => {
    imported = await detectWorkbook(await open(MAZDA));
  });

  it("imports nothing by default: 进销 is a monthly purchase/sales count, 库存 is stock on hand, and says why", () => {
    expect(imported.report.sheets.map((s) => [s.name, s.role, s.headerRow, s.rows, s.imported, s.rejected, s.skipped])).toEqual([
      ["进销", "other", 1, 26, 0, 0, 26],
      ["库存", "other", 1, 31, 0, 0, 31],
    ]);
    const reasons = imported.result.detections.map((d) => d.reasons.map((r) => r.code));
    expect(reasons[0]).toEqual(expect.arrayContaining(["import.reason.headerByShape", "import.reason.inventoryHeaders", "import.reason.notLedgerData"]));
    expect(reasons[1]).toEqual(expect.arrayContaining(["import.reason.nameHint", "import.reason.inventoryHeaders", "import.reason.notLedgerData"]));
  });

  it("with --role 库存=products, builds the model list: 26 models, text prices parsed, repeats skipped", async () => {
    const r = await detectWorkbook(await open(MAZDA), { overrides: { roles: { 库存: "products" } } });
    const s = r.report.sheets.find((x) => x.name === "库存")!;
    expect([s.role, s.imported, s.rejected, s.skipped]).toEqual(["products", 26, 0, 5]);
    expect(r.report.skipped.find((x) => x.sheet === "库存")?.rows).toEqual([9, 11, 14, 15, 17]);
    const products = r.result.input.products;
    expect(products.length).toBe(26);
    expect(products.reduce((n, p) => n + (p.priceFen ?? 0), 0)).toBe(423180000);
    expect(products.find((p) => p.model === "BELJCAA46VBAA")).toEqual({ model: "BELJCAA46VBAA", series: "新马三", name: "次世代MAZDA3 三厢 1.5L 自动挡 质美版", priceFen: 12990000, needsApproval: false, derived: false });
    expect(products[0]?.name).toBe("CX-30 2.0L 6AT 嘉悦型 （老款）");
  });
});
