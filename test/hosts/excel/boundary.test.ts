/**
 * The Excel boundary as Microsoft documents it (issue 16): each test runs the host on the fake,
 * whose rules name the Microsoft page they come from (test/excel-fake/api.ts, index.ts).
 */
import { describeIssue } from "../../../src/core/i18n";
import { ExcelWorkbook, MERGE_CAP, META_SLOTS, metaSlot, type ExcelRun } from "../../../src/hosts/excel/excel-workbook";
import { freshFake, everyFeatureSpec, metaRows, orderRow, ordersTableSpec, portOn } from "./fixtures";

describe("print zoom (excel.pagelayoutzoomoptions)", () => {
  it("fits one page wide with a documented page count, in its own sync after the sheet", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    const spec = { ...everyFeatureSpec(), rows: Array.from({ length: 95 }, (_, i) => [`行 ${i}`]) };
    expect(await port.writeSheet(spec)).toEqual({ ok: true, replaced: false });
    expect(fake.sheet(spec.name)?.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 10 });
    expect(fake.syncLog.at(-1)?.opNames).toEqual(["set zoom"]);
    expect(port.warnings).toEqual([]);
  });

  it("a refused zoom leaves the sheet written and becomes a warning", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    fake.beforeSync = (i) => {
      if (fake.syncLog[i]?.opNames.join() === "set zoom") fake.cellEditModeSyncs = 1;
    };
    expect(await port.writeSheet(everyFeatureSpec())).toEqual({ ok: true, replaced: false });
    expect(fake.cell("月报 2025-03", 0, 0).value).toBe("销售月报 2025-03");
    expect(fake.sheet("月报 2025-03")?.pageLayout.zoom).toBeUndefined();
    expect(port.warnings.map((w) => describeIssue(w))).toEqual(["Excel 拒绝了「pageLayout.zoom」（InvalidOperationInCellEditMode），已跳过此项，其余内容已写入。"]);
  });
});

describe("5,000,000-byte payloads (resource-limits-and-performance-optimization.md)", () => {
  it("readTable halves a chunk Excel refuses as too large: a 20,000-row table with a long 备注 column reads whole", async () => {
    const fake = freshFake();
    const note = "备注".repeat(130); // 260 characters, 780 bytes of UTF-8
    const values: (string | number)[][] = [["订单号", "日期", "客户", "备注"]];
    for (let i = 0; i < 20_000; i++) values.push([`SO-${i}`, 45721, `客户${i % 50}`, `${note}${i}`]);
    fake.addSheet("订单", values);
    fake.addTable("订单", "Orders", { row: 0, col: 0, rows: values.length, cols: 4 });
    fake.resetLog();
    const t = await portOn(fake).readTable("Orders");
    expect(t?.rows.length).toBe(20_000);
    expect(t?.rows[19_999]).toEqual(["SO-19999", 45721, "客户49", `${note}19999`]);
    expect(fake.syncLog.some((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(fake.syncLog.filter((s) => s.failed === "").every((s) => s.responseBytes <= 5_000_000 && s.requestBytes <= 5_000_000)).toBe(true);
  });

  it("a report shape that pads masks with nulls is planned by what is really sent: every request ≤ 5,000,000 bytes", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    // 20,000 rows × 30 small numbers; one text cell and one formula in the first row make the mask and formula grids go out for every row.
    const rows = Array.from({ length: 20_000 }, (_, r) => Array.from({ length: 30 }, (_, c) => (r === 0 && c === 0 ? "标题" : r === 0 && c === 1 ? { formula: "=1", value: 1 } : (r + c) % 10)));
    const spec = { ...everyFeatureSpec("大报表"), rows, styles: [], merges: [], links: [] };
    expect(await port.writeSheet(spec)).toEqual({ ok: true, replaced: false });
    expect(fake.cell("大报表", 19_999, 29).value).toBe((19_999 + 29) % 10);
    expect(fake.maxSyncBytes).toBeLessThanOrEqual(5_000_000);
    expect(fake.syncLog.every((s) => s.failed === "")).toBe(true);
  });
});

describe("formats of a big ledger table (written inside the chunk budget)", () => {
  it("every body row gets its column's date and money formats, and appended rows copy them", async () => {
    const fake = freshFake();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, chunkBytes: 100_000 });
    const rows = Array.from({ length: 3_000 }, (_, i) => orderRow(i));
    expect(await port.createTable(ordersTableSpec(rows))).toEqual({ ok: true, replaced: false });
    for (const r of [1, 1500, 3000]) expect([fake.cell("订单", r, 1).numberFormat, fake.cell("订单", r, 4).numberFormat, fake.cell("订单", r, 0).numberFormat]).toEqual(["yyyy-mm-dd", "#,##0.00", "@"]);
    expect(fake.syncLog.every((s) => s.requestBytes <= 5_000_000 && s.failed === "")).toBe(true);
    await port.appendRows("Orders", [orderRow(3001)]);
    expect([fake.cell("订单", 3001, 1).numberFormat, fake.cell("订单", 3001, 4).numberFormat]).toEqual(["yyyy-mm-dd", "#,##0.00"]);
  });
});

describe("text that starts with = + - @ stays text (excel.range.yml values; excel.stringcellvalue.yml)", () => {
  const texts = ["=HYPERLINK(\"x\")", "+86 138", "-张三", "@home", "-", "=cmd|' /C calc'!A0"];

  it("ExcelApi 1.16+: written as StringCellValues — text in the cell, no formula", async () => {
    const fake = freshFake();
    const port = portOn(fake);
    await port.writeSheet({ ...everyFeatureSpec("文本"), rows: [texts], styles: [], merges: [], links: [] });
    expect(texts.map((_, c) => fake.cell("文本", 0, c))).toEqual(texts.map((t) => ({ value: t, numberFormat: "General" })));
    await port.createTable(ordersTableSpec());
    await port.appendRows("Orders", [[texts[0] ?? "", { date: "2025-03-05" }, texts[2] ?? "", 1, 2, texts[3] ?? "", 3, null]]);
    expect([0, 2, 5].map((c) => fake.cell("订单", 2, c).value)).toEqual([texts[0], texts[2], texts[3]]);
    expect([0, 2, 5].map((c) => fake.cell("订单", 2, c).formula)).toEqual([undefined, undefined, undefined]);
    expect(port.warnings).toEqual([]);
  });

  it("below ExcelApi 1.16: a text formula whose value is the text; what no formula can hold is written with a warning", async () => {
    const fake = freshFake();
    fake.apiVersion = "1.14";
    const port = portOn(fake);
    await port.writeSheet({ ...everyFeatureSpec("文本"), rows: [[...texts, "=第一行\n第二行"]], styles: [], merges: [], links: [] });
    expect(texts.map((_, c) => fake.cell("文本", 0, c).value)).toEqual(texts);
    expect(fake.cell("文本", 0, 0).formula).toBe('="=HYPERLINK(""x"")"');
    expect(port.warnings.map((w) => describeIssue(w, "en-US"))).toMatchInlineSnapshot(`
[
  ""=第一行
第二行" starts with = + - or @; this version of Excel (below ExcelApi 1.16) cannot be relied on to write it as text, so it may show as a formula or an error. Check that cell.",
]
`);
  });

  it("control: the old way (`@` format, then values) gives formulas under the documented rule", async () => {
    const fake = freshFake();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      r.numberFormat = [["@", "@", "@"]];
      r.values = [[texts[0], texts[1], texts[2]]];
      await ctx.sync();
    });
    expect([0, 1, 2].map((c) => fake.cell("Sheet1", 0, c).formula)).toEqual(['=HYPERLINK("x")', "=+86 138", "=-张三"]);
  });
});

describe("more than 512 merged areas in a sheet (excel.range.yml getMergedAreasOrNullObject)", () => {
  /** A sheet of `n` rows, each with its A:B cells merged. */
  function mergedSheet(fake: ReturnType<typeof freshFake>, name: string, n: number): void {
    const s = fake.addSheet(name, Array.from({ length: n }, (_, i) => [`组${i}`, null, i]));
    for (let i = 0; i < n; i++) s.merges.push({ row: i, col: 0, rows: 1, cols: 2 });
  }

  it("one sheet over the limit does not fail listSheets: its merges are read in row bands, the others as usual", async () => {
    const fake = freshFake();
    mergedSheet(fake, "多合并", 1300);
    mergedSheet(fake, "少合并", 3);
    const port = portOn(fake);
    const sheets = await port.listSheets();
    const by = new Map(sheets.map((s) => [s.name, s.merges]));
    expect(by.get("多合并")?.length).toBe(1300);
    expect(by.get("多合并")?.[1299]).toEqual({ row: 1299, col: 0, rowEnd: 1299, colEnd: 1 });
    expect(by.get("少合并")).toEqual([0, 1, 2].map((r) => ({ row: r, col: 0, rowEnd: r, colEnd: 1 })));
    expect(port.warnings).toEqual([]);
    expect(fake.syncLog.filter((s) => s.failed !== "").map((s) => s.failed).every((f) => f === "GeneralException")).toBe(true);
  });

  it("stops at the stated cap with a warning naming the sheet", async () => {
    const fake = freshFake();
    mergedSheet(fake, "巨", MERGE_CAP + 700);
    const port = portOn(fake);
    const sheets = await port.listSheets();
    const merges = sheets.find((s) => s.name === "巨")?.merges ?? [];
    expect(merges.length).toBeGreaterThanOrEqual(MERGE_CAP);
    expect(merges.length).toBeLessThan(MERGE_CAP + 700);
    expect(port.warnings.map((w) => [w.code, w.params?.sheet, w.params?.cap])).toEqual([["host.mergesCapped", "巨", MERGE_CAP]]);
    expect(describeIssue(port.warnings[0] ?? { code: "" })).toContain("工作表「巨」的合并单元格太多");
  });

  it("control: the fake refuses a read of more than 512 merged areas", async () => {
    const fake = freshFake();
    mergedSheet(fake, "多合并", 513);
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("多合并").getRange().getMergedAreasOrNullObject().load("address");
      await ctx.sync();
    })).rejects.toMatchObject({ code: "GeneralException" });
  });
});

describe("co-authoring: _ledger_meta marks (co-authoring-in-excel-add-ins.md)", () => {
  it("two clients adding different settings and ownership marks at the same time keep them all", async () => {
    const fake = freshFake();
    const a = portOn(fake);
    const b = portOn(fake);
    await a.setSetting("company", "华东贸易");
    // Both read the meta sheet before either writes (the fake interleaves the two batches' syncs).
    await Promise.all([a.setSetting("cutoffDay", "25"), b.setSetting("currency", "CNY"), a.writeSheet(everyFeatureSpec("日报 A")), b.writeSheet(everyFeatureSpec("日报 B"))]);
    const c = portOn(fake);
    expect([await c.getSetting("company"), await c.getSetting("cutoffDay"), await c.getSetting("currency")]).toEqual(["华东贸易", "25", "CNY"]);
    const owned = (await c.listSheets()).filter((s) => s.ownedKind !== null).map((s) => [s.name, s.ownedKind]);
    expect(owned.sort()).toEqual([["日报 A", "monthly"], ["日报 B", "monthly"]]);
  });

  it("the same key from two clients lands on the same row (last write wins), never two rows", async () => {
    const fake = freshFake();
    await Promise.all([portOn(fake).setSetting("cutoffDay", "25"), portOn(fake).setSetting("cutoffDay", "20")]);
    expect(metaRows(fake).filter((r) => r[1] === "cutoffDay")).toHaveLength(1);
  });

  it("metaSlot: stable per key, skips taken rows (an older sequential layout too)", () => {
    const s = metaSlot("setting", "company", new Set(), 0);
    expect(metaSlot("setting", "company", new Set(), 0)).toBe(s);
    expect(metaSlot("setting", "company", new Set([s]), 0)).toBe((s + 1) % META_SLOTS);
    expect(metaSlot("x", "y", new Set(Array.from({ length: META_SLOTS }, (_, i) => i)), 10)).toBe(META_SLOTS);
  });
});
