import fc from "fast-check";
import { FakeExcel } from "./index";

/** A fake with a small orders table on 订单 (A1:D6) and an empty sheet 透视. */
function ordersFake(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("订单", [
    ["客户", "型号", "数量", "金额"],
    ["乙公司", "XK-2", 2, 200.5],
    ["甲公司", "XK-1", 1, 100],
    ["乙公司", "XK-1", 3, 300.25],
    ["甲公司", "XK-1", 4, 400],
    [null, "XK-3", 5, "n/a"],
  ]);
  fake.addTable("订单", "Orders", { row: 0, col: 0, rows: 6, cols: 4 });
  fake.addSheet("透视");
  return fake;
}

/** Values of a sheet region as a dense grid. */
function grid(fake: FakeExcel, sheet: string, rows: number, cols: number): unknown[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => fake.cell(sheet, r, c).value));
}

describe("PivotTables (ExcelApi 1.8)", () => {
  it("renders rows × summed values in the Compact layout, items sorted, with the value number format and a grand total", async () => {
    const fake = ordersFake();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("透视");
      const pt = ws.pivotTables.add("P", ctx.workbook.tables.getItem("Orders"), "A3");
      pt.rowHierarchies.add(pt.hierarchies.getItem("客户"));
      pt.rowHierarchies.add(pt.hierarchies.getItem("型号"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("数量"));
      const amount = pt.dataHierarchies.add(pt.hierarchies.getItem("金额"));
      amount.numberFormat = "#,##0.00";
      amount.name = "金额合计";
      await ctx.sync();
    });
    expect(grid(fake, "透视", 12, 3).slice(2)).toMatchInlineSnapshot(`
[
  [
    "Row Labels",
    "Sum of 数量",
    "金额合计",
  ],
  [
    "甲公司",
    5,
    500,
  ],
  [
    "XK-1",
    5,
    500,
  ],
  [
    "乙公司",
    5,
    500.75,
  ],
  [
    "XK-1",
    3,
    300.25,
  ],
  [
    "XK-2",
    2,
    200.5,
  ],
  [
    "(blank)",
    5,
    0,
  ],
  [
    "XK-3",
    5,
    0,
  ],
  [
    "Grand Total",
    15,
    1000.75,
  ],
  [
    null,
    null,
    null,
  ],
]
`);
    expect(fake.cell("透视", 10, 2)).toEqual({ value: 1000.75, numberFormat: "#,##0.00" });
    expect(fake.cell("透视", 2, 2).numberFormat).toBe("General");
  });

  it("puts report filters above the body (moving the body down when there is no room) and reads ranges and properties only after load + sync", async () => {
    const fake = ordersFake();
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Orders", "透视!A1");
      pt.filterHierarchies.add(pt.hierarchies.getItem("型号"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("数量"));
      const data = pt.layout.getDataBodyRange();
      data.load("address,values");
      pt.load("name");
      expect(() => pt.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(pt.name).toBe("P");
      expect(() => pt.id).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect([data.address, data.values]).toEqual(["透视!A4", [[15]]]);
      const items = ctx.workbook.worksheets.getItem("透视").pivotTables.load("items/name");
      const dataItems = pt.dataHierarchies.load("items/name,numberFormat,summarizeBy");
      await ctx.sync();
      expect(items.items.map((p) => p.name)).toEqual(["P"]);
      expect(dataItems.items.map((d) => [d.name, d.numberFormat, d.summarizeBy])).toEqual([["Sum of 数量", "General", "Sum"]]);
    });
    expect(grid(fake, "透视", 4, 2)).toEqual([["型号", "(All)"], [null, null], ["Sum of 数量", null], [15, null]]);
  });

  it("fails at sync with ItemNotFound for a field the source does not have, and with ApiNotFound below ExcelApi 1.8", async () => {
    const fake = ordersFake();
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.worksheets.getItem("透视").pivotTables.add("P", ctx.workbook.tables.getItem("Orders"), "A3");
      pt.rowHierarchies.add(pt.hierarchies.getItem("仓库"));
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
    expect(fake.sheet("透视")?.pivots.map((p) => [p.name, p.rows])).toEqual([["P", []]]);
    const old = ordersFake();
    old.apiVersion = "1.7";
    await old.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("透视").pivotTables.add("P", ctx.workbook.tables.getItem("Orders"), "A3");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
    expect(old.sheet("透视")?.pivots).toEqual([]);
  });

  it("refuses a duplicate name on the same sheet, overlapping a table or another PivotTable, and overwriting cells", async () => {
    const fake = ordersFake();
    fake.type("透视", 20, 0, "clerk's note");
    const attempt = async (f: (ctx: Parameters<Parameters<FakeExcel["run"]>[0]>[0]) => void): Promise<string> =>
      fake.run(async (ctx) => {
        f(ctx);
        return ctx.sync().then(() => "ok", (e: { code: string }) => e.code);
      });
    const add = (name: string, dest: string) => (ctx: Parameters<Parameters<FakeExcel["run"]>[0]>[0]) => {
      const pt = ctx.workbook.worksheets.getItem("透视").pivotTables.add(name, "Orders", dest);
      pt.rowHierarchies.add(pt.hierarchies.getItem("客户"));
    };
    expect(await attempt(add("P", "A3"))).toBe("ok"); // A3:A7
    expect(await attempt(add("p", "D3"))).toBe("ItemAlreadyExists");
    expect(await attempt(add("Q", "A5"))).toBe("InvalidOperation");
    expect(await attempt((ctx) => ctx.workbook.pivotTables.add("Q", "Orders", "订单!F1"))).toBe("ok");
    expect(await attempt((ctx) => ctx.workbook.pivotTables.add("R", "Orders", "订单!B3"))).toBe("InvalidOperation");
    expect(await attempt((ctx) => ctx.workbook.worksheets.getItem("透视").tables.add("A1:B4", true))).toBe("InvalidOperation");
    expect(await attempt(add("S", "A19"))).toBe("InvalidOperation"); // would cover A21
    expect(fake.cell("透视", 20, 0).value).toBe("clerk's note");
    expect(await attempt((ctx) => ctx.workbook.worksheets.getItem("透视").pivotTables.add("T", "Orders", "订单!A1"))).toBe("InvalidArgument");
  });

  it("moves a field between rows and filters, takes back a change whose rendering fails, and refreshes from the source only on refresh()", async () => {
    const fake = ordersFake();
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.worksheets.getItem("透视").pivotTables.add("P", "Orders", "A3");
      pt.rowHierarchies.add(pt.hierarchies.getItem("客户"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("数量"));
      await ctx.sync();
      pt.filterHierarchies.add(pt.hierarchies.getItem("客户"));
      const rows = pt.rowHierarchies.load("items/name");
      const filters = pt.filterHierarchies.load("items/name");
      await ctx.sync();
      expect([rows.items.map((h) => h.name), filters.items.map((h) => h.name)]).toEqual([[], ["客户"]]);
      pt.dataHierarchies.getItem("Sum of 数量").name = "客户"; // a source field's name
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    // Room above A3 for one filter and a blank row: the body stays at A3.
    expect(grid(fake, "透视", 5, 2)).toEqual([["客户", "(All)"], [null, null], ["Sum of 数量", null], [15, null], [null, null]]);
    fake.type("订单", 1, 2, "20");
    expect(fake.cell("透视", 3, 0).value).toBe(15);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("透视").pivotTables.getItem("P").refresh();
      await ctx.sync();
    });
    expect(fake.cell("透视", 3, 0).value).toBe(33);
  });

  it("goes with its sheet, and delete() clears its cells", async () => {
    const fake = ordersFake();
    fake.addSheet("二");
    await fake.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("透视").pivotTables.add("P", "Orders", "A1");
      a.dataHierarchies.add(a.hierarchies.getItem("数量"));
      const b = ctx.workbook.worksheets.getItem("二").pivotTables.add("P", "Orders", "A1"); // same name, other sheet
      b.dataHierarchies.add(b.hierarchies.getItem("数量"));
      await ctx.sync();
      ctx.workbook.worksheets.getItem("透视").delete();
      b.delete();
      const left = ctx.workbook.pivotTables.load("items/name");
      const gone = ctx.workbook.pivotTables.getItemOrNullObject("P");
      await ctx.sync();
      expect([left.items.length, gone.isNullObject]).toEqual([0, true]);
    });
    expect(grid(fake, "二", 2, 1)).toEqual([[null], [null]]);
  });
});

test("property: each customer's row sums its model rows, and the customer rows sum to the Grand Total, which sums the table", async () => {
  const row = fc.tuple(fc.constantFrom("甲", "乙", "Acme", "丙", null), fc.constantFrom("XK-1", "XK-2", "B"), fc.integer({ min: -5, max: 50 }), fc.integer({ min: -1000, max: 100000 }));
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
      const fake = new FakeExcel();
      fake.addSheet("订单", [["客户", "型号", "数量", "金额"], ...rows]);
      fake.addTable("订单", "Orders", { row: 0, col: 0, rows: rows.length + 1, cols: 4 });
      fake.addSheet("透视");
      await fake.run(async (ctx) => {
        const pt = ctx.workbook.worksheets.getItem("透视").pivotTables.add("P", "Orders", "A1");
        pt.rowHierarchies.add(pt.hierarchies.getItem("客户"));
        pt.rowHierarchies.add(pt.hierarchies.getItem("型号"));
        pt.dataHierarchies.add(pt.hierarchies.getItem("数量"));
        pt.dataHierarchies.add(pt.hierarchies.getItem("金额"));
        await ctx.sync();
      });
      const lines = grid(fake, "透视", 64, 3).slice(1).filter((l) => l[0] !== null) as [string, number, number][];
      const grand = lines.pop();
      const customers = new Set(["甲", "乙", "Acme", "丙", "(blank)"]);
      let sums: [number, number] = [0, 0];
      let open: [string, number, number] | null = null;
      const close = () => {
        if (open) expect([open[1], open[2]]).toEqual(sums);
      };
      const tops: [number, number] = [0, 0];
      for (const l of lines) {
        if (customers.has(l[0])) {
          close();
          open = l;
          sums = [0, 0];
          tops[0] += l[1];
          tops[1] += l[2];
        } else sums = [sums[0] + l[1], sums[1] + l[2]];
      }
      close();
      const total = [rows.reduce((n, r) => n + r[2], 0), rows.reduce((n, r) => n + r[3], 0)];
      expect(grand).toEqual(["Grand Total", ...total]);
      expect(tops).toEqual(total);
      expect(lines.filter((l) => customers.has(l[0])).map((l) => l[0])).toEqual([...new Set(rows.map((r) => r[0] ?? "(blank)"))].sort((a, b) => (a === "(blank)" ? 1 : b === "(blank)" ? -1 : new Intl.Collator("zh-CN").compare(a, b))));
    }),
    { numRuns: 100 },
  );
});
