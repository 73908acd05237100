import { ExcelWorkbook, HostIssueError, META_SHEET, TEMP_SHEET, borderEdges, parseAreas, validationRule, type ExcelRun } from "../../../src/hosts/excel/excel-workbook";
import type { GridChunk } from "../../../src/app/workbook-port";
import { describeIssue } from "../../../src/core/i18n";
import { FakeExcel } from "../../excel-fake";
import { everyFeatureSpec, freshFake, metaRows, orderRow, ordersTableSpec, portOn } from "./fixtures";

async function collect(it: AsyncIterable<GridChunk>): Promise<GridChunk[]> {
  const out: GridChunk[] = [];
  for await (const ch of it) out.push(ch);
  return out;
}

/** Values of a fake sheet as a dense grid (for snapshots). */
function grid(fake: FakeExcel, name: string, rows: number, cols: number): unknown[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const cell = fake.cell(name, r, c);
      return cell.formula ?? cell.value;
    }),
  );
}

describe("writeSheet", () => {
  it("renders every SheetSpec feature in one write sync, with calculation and screen updating suspended", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    expect(await port.writeSheet(everyFeatureSpec())).toEqual({ ok: true, replaced: false });
    const name = "月报 2025-03";
    expect(grid(fake, name, 7, 4)).toMatchInlineSnapshot(`
[
  [
    "销售月报 2025-03",
    null,
    null,
    null,
  ],
  [
    "客户",
    "日期",
    "金额",
    "备注",
  ],
  [
    "=HYPERLINK("x")",
    45721,
    1234.5,
    "+86 138",
  ],
  [
    "-张三",
    45747,
    0.1,
    "@home",
  ],
  [
    "001",
    null,
    -5,
    "2025-03-05",
  ],
  [
    "TRUE",
    null,
    "=SUM(C3:C5)",
    "1,234",
  ],
  [
    true,
    42,
    "A1",
    null,
  ],
]
`);
    // Injection text stays text: no formula anywhere but the FormulaCell, strings are General again.
    expect(fake.cell(name, 2, 0)).toEqual({ value: '=HYPERLINK("x")', numberFormat: "General" });
    expect(fake.cell(name, 3, 0)).toEqual({ value: "-张三", numberFormat: "General" });
    expect(fake.cell(name, 3, 3)).toEqual({ value: "@home", numberFormat: "General" });
    expect(fake.cell(name, 4, 0)).toEqual({ value: "001", numberFormat: "General" });
    expect(fake.cell(name, 5, 2)).toEqual({ value: null, formula: "=SUM(C3:C5)", numberFormat: "#,##0.00" });
    expect(fake.cell(name, 2, 1)).toEqual({ value: 45721, numberFormat: "yyyy/m/d" }); // style format wins over the date default
    expect(fake.cell(name, 7, 2).numberFormat).toBe("0.00%"); // styled empty cell
    const s = fake.sheet(name)!;
    expect(s.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 4 }]);
    expect([...s.columnWidths]).toEqual([[0, 73.5], [1, 63], [2, 84], [4, 157.5]]);
    expect(s.freeze).toEqual({ rows: 2, cols: 1 });
    expect(s.pageLayout).toEqual({ paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, printTitleRows: "$1:$2", centerFooter: "第 &P 页 / 共 &N 页" });
    expect(s.styles.get("0:0")).toMatchObject({ bold: true, fontSize: 14, hAlign: "Center", vAlign: "Center" });
    expect(s.styles.get("1:2")).toMatchObject({ bold: true, fill: "#DDEBF7", wrap: true });
    expect(s.styles.get("1:2")?.borders).toEqual({ EdgeTop: { style: "Continuous", weight: "Thin" }, EdgeBottom: { style: "Continuous", weight: "Thin" }, EdgeLeft: { style: "Continuous", weight: "Thin" }, EdgeRight: { style: "Continuous", weight: "Thin" } });
    expect(s.styles.get("5:1")?.borders?.EdgeTop).toEqual({ style: "Continuous", weight: "Medium" });
    expect(s.styles.get("3:2")).toMatchObject({ fontColor: "#C00000", hAlign: "Right" });
    expect(s.styles.get("2:1")).toMatchObject({ italic: true });
    expect(s.styles.get("6:2")?.hyperlink).toEqual({ documentReference: "'客户 明细'!A1", textToDisplay: "A1" });
    expect(s.styles.get("2:3")?.hyperlink).toEqual({ documentReference: "'Sheet1'!B2" });
    expect(fake.cell(name, 6, 2).value).toBe("A1"); // an empty linked cell shows the target, as on the xlsx host
    expect(fake.activeSheet).toBe(name);
    // Ownership mark in the very-hidden meta sheet.
    expect(fake.sheet(META_SHEET)?.visibility).toBe("VeryHidden");
    expect(metaRows(fake)).toEqual([["owned", name, "monthly"]]);
    // Budget: one read sync (no meta yet) + one write sync, the write with calc and screen suspended, + the guarded print zoom.
    expect(fake.syncLog.map((x) => [x.calcSuspended, x.screenSuspended, x.failed])).toEqual([[false, false, ""], [true, true, ""], [false, false, ""]]);
    expect(port.warnings).toEqual([]);
  });

  it("control: the fake does turn such text into formulas and numbers when written naively", async () => {
    const fake = freshFake();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1").values = [["=1+1", "+86 138", "001", "2025-03-05", "TRUE"]];
      await ctx.sync();
    });
    expect([0, 1, 2, 3, 4].map((c) => fake.cell("Sheet1", 0, c))).toEqual([
      { value: null, formula: "=1+1", numberFormat: "General" },
      { value: null, formula: "=+86 138", numberFormat: "General" },
      { value: 1, numberFormat: "General" },
      { value: 45721, numberFormat: "yyyy/m/d" },
      { value: true, numberFormat: "General" },
    ]);
  });

  it("replaces its own sheet in place and keeps one ownership mark", async () => {
    const fake = freshFake();
    fake.addSheet("Other");
    const port = portOn(fake);
    await port.writeSheet(everyFeatureSpec("日报"));
    fake.sheets.push(fake.sheets.splice(fake.sheets.findIndex((x) => x.name === "Other"), 1)[0]!); // user moves a sheet after it
    const before = fake.sheetNames().indexOf("日报");
    const spec = { ...everyFeatureSpec("日报"), kind: "daily" as const, rows: [["新内容"]] };
    fake.resetLog();
    expect(await port.writeSheet(spec)).toEqual({ ok: true, replaced: true });
    expect(fake.sheetNames().indexOf("日报")).toBe(before);
    expect(fake.sheetNames()).not.toContain(TEMP_SHEET);
    expect(fake.cell("日报", 0, 0).value).toBe("新内容");
    expect(fake.cell("日报", 2, 0).value).toBeNull();
    expect(metaRows(fake)).toEqual([["owned", "日报", "daily"]]);
    expect(fake.syncCount).toBe(4); // existence + meta read + write + print zoom
  });

  it("refuses a user's sheet of the same name and writes nothing", async () => {
    const fake = freshFake();
    fake.addSheet("月报 2025-03", [["我的数据"]]);
    const port = portOn(fake);
    const r = await port.writeSheet(everyFeatureSpec());
    expect(r).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "月报 2025-03" });
    expect(describeIssue({ code: r.ok ? "" : r.code, params: { sheet: "月报 2025-03" } })).toContain("不会覆盖");
    expect(fake.cell("月报 2025-03", 0, 0).value).toBe("我的数据");
    expect(fake.sheet(META_SHEET)).toBeUndefined();
    expect(fake.syncLog.every((x) => x.ops < 10)).toBe(true);
  });

  it("cleans a replacement sheet left by an interrupted write", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.writeSheet(everyFeatureSpec("日报"));
    fake.addSheet(TEMP_SHEET, [["half"]]);
    expect(await port.writeSheet(everyFeatureSpec("日报"))).toEqual({ ok: true, replaced: true });
    expect(fake.sheetNames()).toEqual(["Sheet1", META_SHEET, "日报"]); // the (very hidden) meta sheet is made before the first sheet it marks
  });

  it("on an older Excel skips layout with warnings instead of failing (requirement sets checked)", async () => {
    const fake = freshFake();
    fake.apiVersion = "1.4";
    const port = portOn(fake);
    expect(await port.writeSheet(everyFeatureSpec())).toEqual({ ok: true, replaced: false });
    expect(fake.cell("月报 2025-03", 2, 0).value).toBe('=HYPERLINK("x")');
    expect(fake.sheet("月报 2025-03")?.pageLayout).toEqual({});
    expect(fake.syncLog.map((x) => [x.calcSuspended, x.failed])).toEqual([[false, ""], [false, ""]]);
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["freezePanes/hyperlink", "pageLayout"]);
    expect(describeIssue(port.warnings[1]!, "en-US")).toMatchInlineSnapshot(`"This version of Excel does not support "pageLayout" (needs ExcelApi 1.9); it was skipped, everything else was written."`);
    // Warn once per feature.
    await port.writeSheet(everyFeatureSpec("日报"));
    expect(port.warnings).toHaveLength(2);
  });

  it("writes a DateCell in the 1904 system when the workbook uses it", async () => {
    const fake = freshFake();
    fake.date1904 = true;
    const port = portOn(fake);
    await port.writeSheet({ ...everyFeatureSpec("d"), rows: [[{ date: "2025-03-05" }]], styles: [], links: [] });
    expect(fake.cell("d", 0, 0)).toEqual({ value: 45721 - 1462, numberFormat: "yyyy-mm-dd" });
    expect(await port.date1904()).toBe(true);
    fake.date1904 = false;
    expect(await port.date1904()).toBe(false);
  });

  it("freezes only rows or only columns", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.writeSheet({ ...everyFeatureSpec("r"), freeze: { rows: 3, columns: 0 } });
    await port.writeSheet({ ...everyFeatureSpec("c"), freeze: { rows: 0, columns: 2 }, print: { paperSize: "A4", orientation: "portrait", fitToWidth: false } });
    expect([fake.sheet("r")?.freeze, fake.sheet("c")?.freeze]).toEqual([{ rows: 3, cols: 0 }, { rows: 0, cols: 2 }]);
    expect(fake.sheet("c")?.pageLayout).toEqual({ paperSize: "A4", orientation: "Portrait" });
  });
});

describe("listSheets", () => {
  it("lists user and owned sheets (meta excluded) with used ranges and merges, in two syncs", async () => {
    const fake = freshFake();
    fake.addSheet("销售", [[null, "标题"], [null, "客户", "金额"], [null, "甲", 1]], { startRow: 2, startCol: 1 });
    fake.sheet("销售")!.merges.push({ row: 2, col: 2, rows: 1, cols: 2 });
    fake.addSheet("隐藏", [["x"]], { visibility: "Hidden" });
    const port = portOn(fake);
    await port.writeSheet(everyFeatureSpec());
    fake.resetLog();
    const sheets = await port.listSheets();
    expect(sheets.map((s) => [s.name, s.visible, s.startRow, s.startCol, s.rowCount, s.columnCount, s.merges, s.ownedKind])).toEqual([
      ["Sheet1", true, 0, 0, 0, 0, [], null],
      ["销售", true, 2, 2, 3, 2, [{ row: 2, col: 2, rowEnd: 2, colEnd: 3 }], null],
      ["隐藏", false, 0, 0, 1, 1, [], null],
      ["月报 2025-03", true, 0, 0, 7, 4, [{ row: 0, col: 0, rowEnd: 0, colEnd: 3 }], "monthly"],
    ]);
    expect(fake.syncCount).toBe(2);
  });

  it("works without a meta sheet, and without merged-area support (warns)", async () => {
    const fake = freshFake();
    fake.apiVersion = "1.12";
    const port = portOn(fake);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Sheet1"]);
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["getMergedAreas"]);
  });
});

describe("readSheet", () => {
  it("reads values, number formats and formulas; text that looks like a formula is text", async () => {
    const fake = freshFake();
    fake.addSheet(
      "数据",
      [["日期", "金额", "公式", "文本", "错误"], [45721, 1234.5, 2469, "=abc", { error: "#DIV/0!" }], [null, true, "x", "", { error: "#N/A" }]],
      { formats: [[], ["yyyy/m/d", "#,##0.00", null, "@"]], formulas: [[], [null, null, "=B2*2"]], startRow: 1 },
    );
    const chunks = await collect(portOn(fake).readSheet("数据"));
    expect(chunks).toEqual([
      {
        startRow: 1,
        startCol: 0,
        values: [["日期", "金额", "公式", "文本", "错误"], [45721, 1234.5, 2469, "=abc", { error: "#DIV/0!" }], [null, true, "x", null, { error: "#N/A" }]],
        formats: [["General", "General", "General", "General", "General"], ["yyyy/m/d", "#,##0.00", "General", "@", "General"], ["General", "General", "General", "General", "General"]],
        formulas: [[null, null, null, null, null], [null, null, "=B2*2", null, null], [null, null, null, null, null]],
      },
    ]);
  });

  it("gives nothing for an empty sheet and fails like Excel for a missing one", async () => {
    const fake = freshFake();
    const progress: [number, number][] = [];
    expect(await collect(portOn(fake).readSheet("Sheet1", (d, t) => progress.push([d, t])))).toEqual([]);
    expect(progress).toEqual([[0, 0]]);
    await expect(collect(portOn(fake).readSheet("不存在"))).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("halves a chunk that exceeds the response limit, and gives up on a single oversized row", async () => {
    const fake = freshFake();
    fake.addSheet("宽", Array.from({ length: 40 }, (_, i) => [`${"长".repeat(500)}${i}`]));
    fake.payloadLimit = 20_000;
    const rows: number[] = [];
    for await (const ch of portOn(fake).readSheet("宽")) rows.push(ch.values.length);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(40);
    expect(fake.syncLog.some((x) => x.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(fake.syncLog.filter((x) => x.failed === "").every((x) => x.responseBytes <= 20_000)).toBe(true);
    fake.payloadLimit = 1000;
    const err = await collect(portOn(fake).readSheet("宽")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostIssueError);
    expect((err as HostIssueError).issue).toEqual({ code: "host.rowTooLarge", params: { sheet: "宽", row: 1, limit: 4 * 1024 * 1024 } });
  });

  it("passes other errors through", async () => {
    const fake = freshFake();
    fake.addSheet("x", [["a"]]);
    fake.apiVersion = "1.3"; // no getUsedRangeOrNullObject
    await expect(collect(portOn(fake).readSheet("x"))).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("tables", () => {
  it("creates a ledger table: headers, formats after values, validation, widths, ownership, frozen header", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    const r = await port.createTable(ordersTableSpec([orderRow(1), ["=2+3", { date: "2025-03-06" }, "-客户", -2, 10, "已确认", null, 0]]));
    expect(r).toEqual({ ok: true, replaced: false });
    expect(fake.tables.map((t) => [t.name, t.sheet.name, t.rect])).toEqual([["Orders", "订单", { row: 0, col: 0, rows: 3, cols: 8 }]]);
    expect(grid(fake, "订单", 3, 8)).toEqual([
      ["订单号", "日期", "客户", "数量", "金额", "状态", "单价", "折扣"],
      ["SO-000001", 45721, "客户1", 2, 25, "已确认", 12.5, null],
      ["=2+3", 45722, "-客户", -2, 10, "已确认", null, 0],
    ]);
    expect([0, 1, 3, 4, 6].map((c) => fake.cell("订单", 2, c).numberFormat)).toEqual(["@", "yyyy-mm-dd", "0", "#,##0.00", "General"]);
    const s = fake.sheet("订单")!;
    expect(s.validations.map((v) => [v.rect.col, v.rule])).toEqual([
      [1, { date: { operator: "GreaterThan", formula1: "1990-01-01" } }],
      [3, { wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: -100000 } }],
      [4, { decimal: { operator: "Between", formula1: 0, formula2: 1e9 } }],
      [5, { list: { inCellDropDown: true, source: "已接单,已确认,已发货" } }],
      [6, { decimal: { operator: "LessThanOrEqualTo", formula1: 1e7 } }],
      [7, { wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: 0 } }],
    ]);
    expect([...s.columnWidths.values()].slice(0, 3)).toEqual([73.5, 63, 105]);
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
    expect(s.styles.get("0:7")?.bold).toBe(true);
    expect(metaRows(fake)).toEqual([["owned", "订单", "table:Orders"]]);
    expect(fake.syncCount).toBe(3); // probes, every sheet's defined names, the write
  });

  it("refuses to create a table over an existing sheet", async () => {
    const fake = freshFake();
    fake.addSheet("订单", [["x"]]);
    expect(await portOn(fake).createTable(ordersTableSpec())).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "订单" });
    expect(fake.tables).toEqual([]);
  });

  it("an empty table reads as no rows; appends go below Excel's placeholder row, never into it", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable(ordersTableSpec());
    expect(fake.tables[0]?.rect.rows).toBe(2); // header + Excel's blank row
    expect((await port.readTable("Orders"))?.rows).toEqual([]);
    expect(await port.appendRows("Orders", [])).toBe(0);
    // Two panes that both saw the blank row would both fill it (one entry lost): rows.add only.
    expect(await port.appendRows("Orders", [orderRow(1), orderRow(2)])).toBe(2);
    expect(fake.tables[0]?.rect.rows).toBe(4);
    expect((await port.readTable("Orders"))?.rows.map((r) => r[0])).toEqual([null, "SO-000001", "SO-000002"]);
  });

  it("appends with rows.add (never rewriting), keeps text as text and gives the column its format back", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable(ordersTableSpec([orderRow(1)]));
    const seen: unknown[] = [];
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("Orders").onChanged.add((args) => {
        seen.push(args);
      });
      await ctx.sync();
    });
    fake.resetLog();
    const n = await port.appendRows("Orders", [["=cmd|' /C calc'!A0", { date: "2025-04-01" }, "+客户", 3, 30, "已发货", 10, null], orderRow(3)]);
    expect(n).toBe(3);
    expect(grid(fake, "订单", 4, 3)).toEqual([
      ["订单号", "日期", "客户"],
      ["SO-000001", 45721, "客户1"],
      ["=cmd|' /C calc'!A0", 45748, "+客户"],
      ["SO-000003", 45721, "客户3"],
    ]);
    expect(fake.cell("订单", 2, 2)).toEqual({ value: "+客户", numberFormat: "General" });
    expect(fake.cell("订单", 2, 1).numberFormat).toBe("yyyy-mm-dd");
    expect(fake.cell("订单", 2, 0).numberFormat).toBe("@");
    // Only the new rows were touched: one RowInserted, edits inside the new rows only (the two formula-looking strings cell by cell).
    expect(fake.events).toEqual([
      { tableName: "Orders", changeType: "RowInserted", address: "A3:H4" },
      { tableName: "Orders", changeType: "RangeEdited", address: "A3:H4" },
      { tableName: "Orders", changeType: "RangeEdited", address: "A3" },
      { tableName: "Orders", changeType: "RangeEdited", address: "C3" },
    ]);
    expect(seen).toHaveLength(4);
    expect(fake.syncCount).toBe(3); // find table + read last row + write
  });

  it("appends in chunks when the rows pass the budget", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkRows: 2 });
    await port.createTable(ordersTableSpec([orderRow(0), orderRow(1), orderRow(2)]));
    fake.resetLog();
    expect(await port.appendRows("Orders", [orderRow(3), orderRow(4), orderRow(5)])).toBe(6);
    expect(fake.syncCount).toBe(2 + 2);
    expect(fake.syncLog.slice(2).map((x) => x.calcSuspended)).toEqual([true, true]);
    expect((await port.readTable("Orders"))?.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5].map((i) => `SO-00000${i}`));
  });

  it("a missing table or a wrong row width is a clear issue", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await expect(port.appendRows("Nope", [[1]])).rejects.toMatchObject({ issue: { code: "host.tableNotFound", params: { table: "Nope" } } });
    await port.createTable(ordersTableSpec([orderRow(1)]));
    const err = (await port.appendRows("Orders", [[1, 2]]).catch((e: unknown) => e)) as HostIssueError;
    expect(describeIssue(err.issue)).toMatchInlineSnapshot(`"要追加到表格「Orders」的第 1 行有 2 列，而表格有 8 列。"`);
    expect(await port.readTable("Nope")).toBeNull();
  });

  it("lists tables with their sheets and headers", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable(ordersTableSpec([orderRow(1)]));
    await port.createTable({ sheetName: "回款", tableName: "Payments", columns: [{ header: "日期", field: "date" }, { header: "金额", field: "amount" }], rows: [] });
    fake.resetLog();
    expect(await port.listTables()).toEqual([
      { name: "Orders", sheetName: "订单", headers: ["订单号", "日期", "客户", "数量", "金额", "状态", "单价", "折扣"] },
      { name: "Payments", sheetName: "回款", headers: ["日期", "金额"] },
    ]);
    expect(fake.syncCount).toBe(2);
  });

  it("reads a big table in chunks", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkRows: 1000 });
    await port.createTable(ordersTableSpec(Array.from({ length: 2500 }, (_, i) => orderRow(i))));
    fake.resetLog();
    const t = await port.readTable("Orders");
    expect(t?.rows.length).toBe(2500);
    expect(t?.rows[2499]?.[0]).toBe("SO-002499");
    expect(fake.syncCount).toBe(2 + 3);
  });

  it("skips a list too long to inline and warns; skips validation on Excel without it", async () => {
    expect(validationRule({ type: "list", values: Array.from({ length: 100 }, (_, i) => `客户${i}`) })).toBeNull();
    expect(validationRule({ type: "list", values: ["a,b"] })).toBeNull();
    expect(validationRule({ type: "decimal" })).toBeNull();
    expect(validationRule({ type: "wholeNumber", min: 1, max: 9 })).toEqual({ wholeNumber: { operator: "Between", formula1: 1, formula2: 9 } });
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable({ sheetName: "客户", tableName: "Customers", columns: [{ header: "名", field: "n", validation: { type: "list", values: ["a,b"] } }], rows: [] });
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["dataValidation.list"]);
    fake.apiVersion = "1.7";
    await port.createTable({ ...ordersTableSpec(), sheetName: "订单2", tableName: "Orders2" });
    expect(fake.sheet("订单2")?.validations).toEqual([]);
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["dataValidation.list", "dataValidation"]);
  });
});

describe("settings", () => {
  it("round-trips settings as text (even formula-looking or zero-padded ones) and overwrites in place", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    expect(await port.getSetting("company")).toBeNull();
    await port.setSetting("company", "=华东贸易");
    await port.setSetting("cutoffDay", "025");
    await port.setSetting("company", "华东贸易有限公司");
    expect([await port.getSetting("company"), await port.getSetting("cutoffDay"), await port.getSetting("x")]).toEqual(["华东贸易有限公司", "025", null]);
    expect(metaRows(fake).sort()).toEqual([["setting", "company", "华东贸易有限公司"], ["setting", "cutoffDay", "025"]]);
    // An empty meta sheet is fine too.
    const fake2 = freshFake();
    fake2.addSheet(META_SHEET, [], { visibility: "VeryHidden" });
    expect(await portOn(fake2).getSetting("company")).toBeNull();
  });
});

describe("cell-edit mode", () => {
  it("retries with backoff until the user leaves the cell", async () => {
    const fake = freshFake();
    const sleeps: number[] = [];
    const port = portOn(fake, { sleeps });
    fake.cellEditModeSyncs = 2;
    expect(await port.writeSheet(everyFeatureSpec())).toEqual({ ok: true, replaced: false });
    expect(sleeps).toEqual([250, 500]);
    expect(fake.syncLog.map((x) => x.failed)).toEqual(["InvalidOperationInCellEditMode", "InvalidOperationInCellEditMode", "", "", ""]);
  });

  it("a retry after an interruption mid-append never appends a row twice", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkRows: 2, sleep: async () => undefined });
    await port.createTable(ordersTableSpec([orderRow(0)]));
    fake.resetLog();
    fake.beforeSync = (i) => {
      if (i === 3) fake.cellEditModeSyncs = 1; // after the first chunk was written
    };
    expect(await port.appendRows("Orders", [1, 2, 3, 4, 5].map((i) => orderRow(i)))).toBe(6);
    expect((await port.readTable("Orders"))?.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5].map((i) => `SO-00000${i}`));
    expect(fake.syncLog.map((x) => x.failed).filter((f) => f !== "")).toEqual(["InvalidOperationInCellEditMode"]);
  });

  it("a retry after an interruption mid-createTable redoes only its own half-made sheet", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkRows: 2, sleep: async () => undefined });
    fake.beforeSync = (i) => {
      if (i === 3) fake.cellEditModeSyncs = 1; // (probes, names, first chunk) the sheet and its mark exist, the table does not yet
    };
    expect(await port.createTable(ordersTableSpec([orderRow(0), orderRow(1), orderRow(2)]))).toEqual({ ok: true, replaced: false });
    expect(fake.tables.map((t) => [t.name, t.rect.rows])).toEqual([["Orders", 4]]);
    expect(fake.sheetNames()).toEqual(["Sheet1", META_SHEET, "订单"]);
    expect(metaRows(fake)).toEqual([["owned", "订单", "table:Orders"]]);
    // A user's sheet of that name, or our finished table sheet, is still refused.
    expect(await port.createTable(ordersTableSpec())).toEqual({ ok: false, code: "sheet.userSheetExists", sheet: "订单" });
  });

  it("gives a clear issue when the user stays in the cell", async () => {
    const fake = freshFake();
    const sleeps: number[] = [];
    fake.cellEditModeSyncs = 100;
    const err = (await portOn(fake, { sleeps, cellEditTries: 3 }).listSheets().catch((e: unknown) => e)) as HostIssueError;
    expect(err).toBeInstanceOf(HostIssueError);
    expect(describeIssue(err.issue)).toMatchInlineSnapshot(`"Excel 正在编辑单元格，请按 Enter 或 Esc 结束编辑后再试一次。"`);
    expect(sleeps).toEqual([250, 500]);
  });

  it("by default waits with real timers and uses the Office globals", async () => {
    const fake = freshFake();
    const g = globalThis as unknown as Record<string, unknown>;
    g.Excel = { run: fake.run };
    g.Office = { context: { requirements: { isSetSupported: fake.isSetSupported } } };
    try {
      fake.cellEditModeSyncs = 1;
      const started = Date.now();
      expect((await new ExcelWorkbook().listSheets()).map((s) => s.name)).toEqual(["Sheet1"]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      fake.apiVersion = "1.12";
      const port = new ExcelWorkbook();
      await port.listSheets();
      expect(port.warnings).toHaveLength(1); // isSetSupported came from Office.context.requirements
    } finally {
      delete g.Excel;
      delete g.Office;
    }
  });
});

describe("onTablesChanged", () => {
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };

  it("reports the names of changed tables, including tables made later, until unsubscribed", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable(ordersTableSpec([orderRow(1)]));
    const seen: string[][] = [];
    const stop = port.onTablesChanged((names) => seen.push([...names]));
    await settle();
    await port.appendRows("Orders", [orderRow(2)]);
    await port.createTable({ sheetName: "回款", tableName: "Payments", columns: [{ header: "金额", field: "amount" }], rows: [[1]] });
    await settle();
    expect(seen).toEqual([["Orders"], ["Orders"]]); // RowInserted + RangeEdited of the append; creating a table is no change
    await port.appendRows("Payments", [[2]]);
    await settle();
    expect(seen).toEqual([["Orders"], ["Orders"], ["Payments"]]); // a table made later is found by its id
    stop();
    await port.appendRows("Orders", [orderRow(3)]);
    await settle();
    expect(seen).toHaveLength(3);
  });

  it("on an older Excel registers nothing and says so; a failed registration is a warning, not a crash", async () => {
    const fake = freshFake();
    fake.apiVersion = "1.6";
    const port = portOn(fake);
    port.onTablesChanged(() => undefined)();
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["tables.onChanged"]);
    const fake2 = freshFake();
    fake2.cellEditModeSyncs = 100;
    const port2 = portOn(fake2, { cellEditTries: 1 });
    port2.onTablesChanged(() => undefined);
    await settle();
    expect(port2.warnings).toEqual([{ code: "host.eventsUnavailable", params: { detail: "host.cellEditMode" }, severity: "warning" }]);
  });

  it("ignores a change of a table deleted before its name was looked up", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    const seen: string[][] = [];
    port.onTablesChanged((names) => seen.push([...names]));
    await settle();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:A2").values = [["h"], [1]];
      const t = ws.tables.add("A1:A2", true);
      await ctx.sync();
      t.delete();
    });
    await settle();
    expect(seen).toEqual([]);
  });
});

describe("edge paths", () => {
  it("a row larger than the write budget is a clear issue, nothing half-written", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkBytes: 2000 });
    const err = (await port.writeSheet({ ...everyFeatureSpec("大"), rows: [["小"], ["长".repeat(1000)]], styles: [], links: [] }).catch((e: unknown) => e)) as HostIssueError;
    expect(err.issue).toEqual({ code: "host.rowTooLarge", params: { sheet: "大", row: 2, limit: 2000 } });
    expect(describeIssue(err.issue)).toContain("第 2 行");
  });

  it("appends rows without text in one rows.add, below a placeholder (not counted), and skips one-cell merges", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.createTable({ sheetName: "数", tableName: "Nums", columns: [{ header: "a", field: "a" }, { header: "b", field: "b" }], rows: [] });
    expect(await port.appendRows("Nums", [[1, true]])).toBe(1);
    expect(await port.appendRows("Nums", [[2, false], [3, null]])).toBe(3);
    expect((await port.readTable("Nums"))?.rows).toEqual([[null, null], [1, true], [2, false], [3, null]]);
    await port.writeSheet({ ...everyFeatureSpec("m"), merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 0 }], freeze: { rows: 0, columns: 0 } });
    expect([fake.sheet("m")?.merges, fake.sheet("m")?.freeze]).toEqual([[], null]);
  });

  it("on ExcelApi 1.6 creates tables without freezing and writes sheets without freeze/links warnings when none are asked", async () => {
    const fake = freshFake();
    fake.apiVersion = "1.6";
    const port = portOn(fake);
    await port.createTable({ sheetName: "简", tableName: "Plain", columns: [{ header: "a", field: "a" }], rows: [["x"]] });
    await port.writeSheet({ ...everyFeatureSpec("n"), freeze: undefined, links: [] });
    expect(fake.sheet("简")?.freeze).toBeNull();
    expect(port.warnings.map((w) => w.params?.feature)).toEqual(["pageLayout"]);
  });
});

describe("helpers", () => {
  it("border edges by scope, merged-area addresses", () => {
    expect(borderEdges("all", { row: 0, col: 0, rowEnd: 0, colEnd: 0 })).toEqual(["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"]);
    expect(borderEdges("all", { row: 0, col: 0, rowEnd: 1, colEnd: 1 })).toEqual(["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]);
    expect(borderEdges("bottom", { row: 0, col: 0, rowEnd: 1, colEnd: 1 })).toEqual(["EdgeBottom"]);
    expect(parseAreas("'a b'!A1:C2,Sheet1!$D$5,bad")).toEqual([{ row: 0, col: 0, rowEnd: 1, colEnd: 2 }, { row: 4, col: 3, rowEnd: 4, colEnd: 3 }]);
  });
});
