import ExcelJS from "exceljs";
import JSZip from "jszip";
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT, fromXlsx, toXlsx } from "./index";
import { enterString, parseA1, quoteSheet } from "./model";

function fresh(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1", [["a", 1], ["b", 2]]);
  return fake;
}

describe("load / sync semantics", () => {
  it("throws PropertyNotLoaded for a property read before load+sync (and after load, before sync)", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded", name: "RichApi.Error" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => range.address).toThrow(FakeOfficeError);
      await ctx.sync();
      expect(range.values).toEqual([["a", 1], ["b", 2]]);
      expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(range.toJSON()).toEqual({ values: [["a", 1], ["b", 2]] });
      const wss = ctx.workbook.worksheets;
      expect(() => wss.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => range.load("nonsense")).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
    });
  });

  it("raises ItemNotFound at sync, not at the call; *OrNullObject gives isNullObject after sync", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItem("Nope");
      const maybe = ctx.workbook.worksheets.getItemOrNullObject("nope");
      expect(() => maybe.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      void missing;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      const again = ctx.workbook.worksheets.getItemOrNullObject("sheet1"); // names are case-insensitive
      const none = ctx.workbook.tables.getItemOrNullObject("T");
      none.load("name");
      await ctx.sync();
      expect([again.isNullObject, none.isNullObject]).toEqual([false, true]);
      none.name = "X";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
    });
  });

  it("applies queued writes only at sync, in order, and Excel.run syncs what is left", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("C1");
      r.numberFormat = [["@"]];
      r.values = [["001"]];
      r.numberFormat = [["General"]];
      expect(fake.cell("Sheet1", 0, 2).value).toBeNull();
    });
    expect(fake.cell("Sheet1", 0, 2)).toEqual({ value: "001", numberFormat: "General" });
    expect([fake.syncCount, fake.runCount]).toEqual([1, 1]);
  });

  it("counts bytes and fails a request over 5 MB like Excel on the web, applying nothing", async () => {
    const fake = fresh();
    const big = Array.from({ length: 60_000 }, (_, i) => [`${"x".repeat(90)}${i}`]);
    const err = await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").values = big;
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.syncLog[0]?.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.cell("Sheet1", 0, 0).value).toBe("a");
  });

  it("fails a response over 5 MB and keeps the loaded values invisible", async () => {
    const fake = fresh();
    fake.addSheet("Big", Array.from({ length: 60_000 }, (_, i) => [`${"y".repeat(90)}${i}`]));
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Big").getRange("A1:A60000");
      r.load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
    expect(fake.maxSyncBytes).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  it("rejects a 2-D array of the wrong shape and members above the supported requirement set", async () => {
    const fake = fresh();
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1]];
    })).rejects.toMatchObject({ code: "InvalidArgument" });
    fake.apiVersion = "1.8";
    expect([fake.isSetSupported("ExcelApi", "1.8"), fake.isSetSupported("ExcelApi", "1.13"), fake.isSetSupported("WordApi", "1.1")]).toEqual([true, false, false]);
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.paperSize = "A4";
    })).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("fails every sync while the user edits a cell (also from a given sync on)", async () => {
    const fake = fresh();
    fake.beforeSync = (i) => {
      if (i === 0) fake.cellEditModeSyncs = 1;
    };
    await expect(fake.run(async (ctx) => ctx.sync())).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    await fake.run(async (ctx) => ctx.sync());
    expect(fake.syncLog.map((s) => s.failed)).toEqual(["InvalidOperationInCellEditMode", ""]);
  });
});

describe("worksheets and ranges", () => {
  it("adds, renames, hides, deletes sheets with Excel's rules", async () => {
    const fake = fresh();
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.add("SHEET1"); })).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.add("a/b"); })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").visibility = "VeryHidden"; })).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").delete(); })).rejects.toMatchObject({ code: "InvalidOperation" });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add();
      ws.load("name,visibility,position,id");
      const all = ctx.workbook.worksheets;
      all.load("items/name");
      await ctx.sync();
      expect([ws.name, ws.visibility, ws.position, all.items.map((w) => w.name)]).toEqual(["Sheet2", "Visible", 1, ["Sheet1", "Sheet2"]]);
      ws.name = "新表";
      ws.position = 0;
      ctx.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
      await ctx.sync();
    });
    expect(fake.sheetNames()).toEqual(["新表", "Sheet1"]);
    expect(fake.sheet("Sheet1")?.visibility).toBe("Hidden");
  });

  it("navigates ranges and reports addresses like Excel", async () => {
    const fake = fresh();
    fake.addSheet("销售 明细", [], {});
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("销售 明细");
      const a = ws.getRange("B2:D4");
      const probes = [a.getCell(1, 1), a.getRow(2), a.getColumn(0), a.getLastRow(), a.getResizedRange(1, -1), a.getOffsetRange(1, 1), ws.getRangeByIndexes(0, 0, 1, 1), a.getEntireColumn(), ws.getRange("2:3")];
      for (const p of probes) p.load("address,rowIndex,columnIndex,rowCount,columnCount");
      const used = ws.getUsedRange();
      used.load("address");
      await ctx.sync();
      expect(probes.map((p) => p.address)).toEqual([
        "'销售 明细'!C3", "'销售 明细'!B4:D4", "'销售 明细'!B2:B4", "'销售 明细'!B4:D4", "'销售 明细'!B2:C5", "'销售 明细'!C3:E5", "'销售 明细'!A1", "'销售 明细'!B1:D1048576", "'销售 明细'!A2:XFD3",
      ]);
      expect(used.address).toBe("'销售 明细'!A1"); // empty sheet
      expect(probes[1]?.rowCount).toBe(1);
    });
    expect(() => parseA1("nonsense!!")).not.toThrow();
    expect(parseA1("A1:")).toBeNull();
    expect(quoteSheet("Sheet1")).toBe("Sheet1");
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("1A"); })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").getOffsetRange(-1, 0); })).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("enters strings like typing: formulas, numbers, percents, booleans, dates — unless the cell is text", () => {
    expect(["=A1", "+1", "-x", "@y", "1,234.5", "5%", "false", "2025/3/5", "2025-02-30", "abc"].map((s) => enterString(s, undefined))).toEqual([
      { v: null, f: "=A1" },
      { v: 1 },
      { v: null, f: "=-x" },
      { v: null, f: "=@y" },
      { v: 1234.5 },
      { v: 0.05, nf: "0%" },
      { v: false },
      { v: 45721, nf: "yyyy/m/d" },
      { v: "2025-02-30" },
      { v: "abc" },
    ]);
    expect(enterString("=A1", "@")).toEqual({ v: "=A1" }); // typed into a text cell
    // Through the API (Range.values, excel.range.yml): + - = make a formula whatever the format.
    expect(["=A1", "+1", "-x", "@y", "001"].map((s) => enterString(s, "@", "api"))).toEqual([{ v: null, f: "=A1" }, { v: null, f: "=+1" }, { v: null, f: "=-x" }, { v: "@y" }, { v: "001" }]);
  });

  it("formats never re-parse values; merge keeps only the top-left value; formulas get calculated values", async () => {
    const fake = fresh();
    fake.calculate = (f) => (f === "=1+2" ? 3 : null);
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B2").numberFormat = [["@", null], [null, "0.00"]];
      ws.getRange("A1:B2").merge();
      ws.getRange("C1").formulas = [["=1+2"]];
      ws.getRange("D1").formulas = [[7]];
      ws.getRange("E1:F2").merge(true);
      ws.getRange("E1:F2").unmerge();
      const r = ws.getRange("C1:D1");
      r.load("values,formulas,text,valueTypes,cellCount");
      await ctx.sync();
      expect([r.values, r.formulas, r.text, r.valueTypes, r.cellCount]).toEqual([[[3, 7]], [["=1+2", 7]], [["3", "7"]], [["Double", "Double"]], 2]);
    });
    expect(fake.cell("Sheet1", 0, 0)).toEqual({ value: "a", numberFormat: "@" });
    expect(fake.cell("Sheet1", 1, 1)).toEqual({ value: null, numberFormat: "0.00" });
    expect(fake.sheet("Sheet1")?.merges).toEqual([{ row: 0, col: 0, rows: 2, cols: 2 }]);
  });

  it("formats, borders, validation, freeze panes, page layout load back", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1:B2");
      r.format.font.bold = true;
      r.format.font.name = "等线";
      r.format.fill.color = "#ffee00";
      r.format.borders.getItem("InsideHorizontal").style = "Continuous";
      r.format.borders.getItem("EdgeLeft").color = "#112233";
      r.format.rowHeight = 20;
      r.format.autofitColumns();
      r.dataValidation.rule = { wholeNumber: { operator: "Between", formula1: 1, formula2: 5 } };
      ws.freezePanes.freezeAt("A1:B1");
      ws.pageLayout.setPrintTitleRows("$1:$1");
      const font = r.format.font.load("bold,italic,size,color,name");
      const fill = r.format.fill.load("color");
      const fmt = r.format.load("columnWidth,rowHeight,horizontalAlignment,verticalAlignment,wrapText");
      const top = r.format.borders.getItem("InsideHorizontal").load("style,weight,color");
      const dv = r.dataValidation.load("rule,type,ignoreBlanks");
      const pl = ws.pageLayout.load("paperSize,orientation,zoom");
      await ctx.sync();
      expect([font.bold, font.italic, font.size, font.color, font.name, fill.color]).toEqual([true, false, 11, "#000000", "等线", "#FFEE00"]);
      expect([fmt.columnWidth, fmt.rowHeight, fmt.horizontalAlignment, fmt.verticalAlignment, fmt.wrapText]).toEqual([48, 20, "General", "Bottom", false]);
      expect([top.style, top.weight, top.color, dv.type, dv.ignoreBlanks, pl.paperSize, pl.orientation, pl.zoom]).toEqual(["Continuous", "Thin", "#000000", "WholeNumber", true, "Letter", "Portrait", { scale: 100 }]);
      r.dataValidation.clear();
      r.format.fill.clear();
      ws.freezePanes.unfreeze();
      await ctx.sync();
    });
    const s = fake.sheet("Sheet1")!;
    expect([s.validations, s.freeze, s.pageLayout.printTitleRows, s.styles.get("0:0")?.fill]).toEqual([[], null, "$1:$1", undefined]);
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.font.color = "not a colour!"; })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "a" }, decimal: { operator: "Between", formula1: 1 } }; })).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("tables", () => {
  it("adds a table (header-only gets Excel's blank row), names it, appends rows and fires onChanged", async () => {
    const fake = fresh();
    fake.addSheet("T", [["名称", "数量"]]);
    const events: unknown[] = [];
    await fake.run(async (ctx) => {
      const t = ctx.workbook.tables.add("T!A1:B1", true);
      t.name = "Items";
      const handler = t.onChanged.add((e) => {
        events.push(e);
      });
      await ctx.sync();
      const rows = t.rows.load("count");
      const cols = t.columns.load("items/name");
      await ctx.sync();
      expect([rows.count, cols.items.map((c) => c.name)]).toEqual([1, ["名称", "数量"]]);
      t.rows.add(undefined, [["=x", 1], ["b", "2"]]);
      await ctx.sync();
      handler.remove();
      t.rows.add(undefined, [["c", 3]]);
      const body = t.getDataBodyRange().load("values");
      const all = ctx.workbook.tables.load("items/name");
      const ws = t.worksheet.load("name");
      await ctx.sync();
      expect([body.values, all.items.map((x) => x.name), ws.name]).toEqual([[["", ""], ["", 1], ["b", 2], ["c", 3]], ["Items"], "T"]);
    });
    expect(events).toEqual([{ type: "TableChanged", changeType: "RowInserted", source: "Local", tableId: expect.any(String), worksheetId: expect.any(String), address: "A3:B4" }]);
    expect(fake.cell("T", 2, 0)).toEqual({ value: null, formula: "=x", numberFormat: "General" });
  });

  it("enforces table rules: unique valid names, no overlap, no cells in the way", async () => {
    const fake = fresh();
    fake.addSheet("T", [["h"], [1], [null], ["below"]]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("T").tables.add("A1:A2", true);
      await ctx.sync();
    });
    await expect(fake.run(async (ctx) => { ctx.workbook.tables.add("T!A1:A3", true); })).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(fake.run(async (ctx) => { ctx.workbook.tables.getItem("Table1").name = "A1"; })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(fake.run(async (ctx) => { ctx.workbook.tables.getItem("Table1").rows.add(undefined, [[1], [2]]); })).rejects.toMatchObject({ code: "InsertDeleteConflict" });
    await expect(fake.run(async (ctx) => { ctx.workbook.tables.getItem("Table1").rows.add(undefined, [[1, 2]]); })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(fake.run(async (ctx) => { ctx.workbook.tables.getItem("Missing"); })).rejects.toMatchObject({ code: "ItemNotFound" });
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("table1").delete();
    });
    expect(fake.tables).toEqual([]);
  });
});

describe("xlsx bridge", () => {
  it("exports the fake's state and seeds a fake from a file", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("报表");
      ws.getRange("A1:C2").values = [["标题", null, null], [45721, 1.5, true]];
      ws.getRange("A2").numberFormat = [["yyyy-mm-dd"]];
      ws.getRange("C3").formulas = [["=B2*2"]];
      ws.getRange("A1:C1").merge();
      ws.getRange("A1").format.font.bold = true;
      ws.getRange("B:B").format.columnWidth = 52.5;
      ws.freezePanes.freezeRows(1);
      ws.pageLayout.paperSize = "A4";
      ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      ctx.workbook.tables.add("Sheet1!A1:B2", true).name = "Items1";
      ctx.workbook.worksheets.add("_m").visibility = "VeryHidden";
      await ctx.sync();
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fake.toXlsx()) as never);
    const ws = wb.getWorksheet("报表")!;
    expect([ws.getColumn(2).width, ws.getCell("A1").font?.bold, ws.pageSetup.paperSize, wb.getWorksheet("_m")?.state]).toEqual([10, true, 9, "veryHidden"]);
    const back = await fromXlsx(await toXlsx(fake));
    expect(back.sheetNames()).toEqual(["Sheet1", "报表", "_m"]);
    expect([back.cell("报表", 1, 0), back.cell("报表", 2, 2).formula, back.sheet("报表")?.merges, back.tables.map((t) => t.name), back.sheet("_m")?.visibility]).toEqual([
      { value: 45721, numberFormat: "yyyy-mm-dd" },
      "=B2*2",
      [{ row: 0, col: 0, rows: 1, cols: 3 }],
      ["Items1"],
      "VeryHidden",
    ]);
  });
});

describe("defined names", () => {
  it("workbook.names holds workbook-scoped names, worksheet.names a sheet's own; loaded only after sync", async () => {
    const fake = fresh();
    fake.addSheet("销售", [["日期"]]);
    fake.addName("Rate", "=0.13");
    fake.addName("Orders", "=销售!$A$1:$A$1", "销售");
    await fake.run(async (ctx) => {
      const book = ctx.workbook.names.load("items/name,items/type");
      const own = ctx.workbook.worksheets.getItem("销售").names.load("items/name");
      const none = ctx.workbook.worksheets.getItem("Sheet1").names.load("items/name");
      expect(() => book.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      const rate = ctx.workbook.names.getItemOrNullObject("RATE");
      const scoped = ctx.workbook.names.getItemOrNullObject("orders"); // a sheet's own name is not the workbook's
      expect(() => rate.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect([book.items.map((n) => [n.name, n.type]), own.items.map((n) => n.name), none.items.length, rate.isNullObject, scoped.isNullObject]).toEqual([[["Rate", "Double"]], ["Orders"], 0, false, true]);
      expect(() => own.items[0]?.formula).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("adds names with Excel's rules: valid, unique in their scope, not a table's name", async () => {
    const fake = fresh();
    fake.addTable("Sheet1", "Items", { row: 0, col: 0, rows: 2, cols: 2 });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ctx.workbook.names.add("Prices", ws.getRange("B1:B2"));
      ctx.workbook.names.add("Tax", "=0.13", "增值税");
      ws.names.add("tax", "=0.09"); // same name, other scope: allowed
      await ctx.sync();
    });
    expect(fake.nameList()).toEqual([["Prices", null], ["Tax", null], ["tax", "Sheet1"]]);
    expect(fake.names.map((n) => n.formula)).toEqual(["=Sheet1!$B$1:$B$2", "=0.13", "=0.09"]);
    for (const [name, why] of [["PRICES", "taken in the scope"], ["items", "a table's name"], ["A1", "a cell"], ["1st", "a digit first"], ["two words", "a space"]]) {
      const err = await fake.run(async (ctx) => {
        ctx.workbook.names.add(name as string, "=1");
      }).catch((e: unknown) => e);
      expect([why, err]).toEqual([why, expect.objectContaining({ code: "InvalidArgument" })]);
    }
    // Deleting a sheet deletes its own names.
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add("Other");
      ctx.workbook.worksheets.getItem("Other").names.add("Local", "=1");
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Other").delete();
    });
    expect(fake.nameList()).toEqual([["Prices", null], ["Tax", null], ["tax", "Sheet1"]]);
  });

  it("add, getItemOrNullObject and a sheet's names need ExcelApi 1.4; loading workbook.names works on 1.1", async () => {
    const fake = fresh();
    fake.addName("Rate", "=0.13");
    fake.apiVersion = "1.3";
    await expect(fake.run(async (ctx) => { ctx.workbook.names.add("X", "=1"); })).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(fake.run(async (ctx) => { ctx.workbook.names.getItemOrNullObject("Rate"); })).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(fake.run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").names.load("items/name"); })).rejects.toMatchObject({ code: "ApiNotFound" });
    fake.apiVersion = "1.1";
    const names = await fake.run(async (ctx) => {
      const c = ctx.workbook.names.load("items/name");
      await ctx.sync();
      return c.items.map((n) => n.name);
    });
    expect([names, fake.nameList()]).toEqual([["Rate"], [["Rate", null]]]);
  });

  it("table.name refuses (InvalidArgument) a defined name of any scope or another table's name, in any case; tables.add skips a taken TableN", async () => {
    const fake = fresh();
    fake.addSheet("T", [["h"], [1], [null], ["h2"], [2]]);
    fake.addName("Table1", "=T!$A$1");
    fake.addName("orders", "=T!$A$1", "T");
    await fake.run(async (ctx) => {
      ctx.workbook.tables.add("T!A1:A2", true);
      ctx.workbook.tables.add("T!A4:A5", true).name = "Items";
      await ctx.sync();
    });
    expect(fake.tables.map((t) => t.name)).toEqual(["Table2", "Items"]);
    for (const name of ["Orders", "ORDERS", "table1", "items"]) {
      const err = await fake.run(async (ctx) => {
        ctx.workbook.tables.getItem("Table2").name = name;
      }).catch((e: unknown) => e);
      expect([name, err]).toEqual([name, expect.objectContaining({ code: "InvalidArgument" })]);
    }
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem("Table2").name = "Customers";
    });
    expect(fake.tables.map((t) => t.name)).toEqual(["Customers", "Items"]);
  });

  it("logs each sync's operations by name", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      ctx.workbook.names.load("items/name");
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
    });
    expect(fake.syncLog.map((s) => s.opNames)).toEqual([["load", "worksheets.getItem", "worksheet.getRange", "set values"]]);
  });

  it("carries names and their scope through toXlsx and fromXlsx, leaving Excel's built-in names out", async () => {
    const fake = fresh();
    fake.addSheet("销售", [["日期"]]);
    fake.sheet("销售")!.pageLayout.printTitleRows = "$1:$1"; // written as _xlnm.Print_Titles
    fake.addName("Orders", "=销售!$A$1:$A$9");
    fake.addName("Rate", "=0.13");
    fake.addName("Local", "=Sheet1!$B$2", "销售");
    const bytes = await fake.toXlsx();
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
    expect(xml).toContain("_xlnm.Print_Titles");
    const back = await fromXlsx(bytes);
    expect([back.nameList(), back.names.map((n) => n.formula)]).toEqual([
      [["Orders", null], ["Rate", null], ["Local", "销售"]],
      ["=销售!$A$1:$A$9", "=0.13", "=Sheet1!$B$2"],
    ]);
  });
});
