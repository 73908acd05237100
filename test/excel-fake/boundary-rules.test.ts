/**
 * The fake's rules taken from Microsoft's pages (issue 16), each with the page it follows.
 */
import { FakeExcel } from ".";

function fresh(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Sheet1");
  return fake;
}

describe("PageLayout.zoom: only documented values (excel.pagelayoutzoomoptions)", () => {
  it.each([
    [{ horizontalFitToPages: 1, verticalFitToPages: 0 }],
    [{ horizontalFitToPages: 0 }],
    [{ scale: 5 }],
    [{ scale: 401 }],
    [{ scale: 100, horizontalFitToPages: 1 }],
    [{}],
    [{ horizontalFitToPages: 1.5 }],
  ])("refuses %j", async (zoom) => {
    const fake = fresh();
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.zoom = zoom as never;
      await ctx.sync();
    })).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it.each([[{ scale: 10 }, { scale: 10 }], [{ scale: 400 }, { scale: 400 }], [{ horizontalFitToPages: 1 }, { horizontalFitToPages: 1 }], [{ horizontalFitToPages: 1, verticalFitToPages: 3, scale: null }, { horizontalFitToPages: 1, verticalFitToPages: 3 }]])("accepts %j", async (zoom, stored) => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.zoom = zoom as never;
      await ctx.sync();
    });
    expect(fake.sheet("Sheet1")?.pageLayout.zoom).toEqual(stored);
  });
});

describe("payload limit: 5,000,000 bytes a request or response (resource-limits-and-performance-optimization.md)", () => {
  /** A column of `n` cells of ASCII text whose JSON, with the rest of the batch, totals `bytes`. */
  function column(total: number, n: number, last: number): string[][] {
    const cell = Math.floor((total - 2000 - n * 6) / (n - 1)); // ["…"], per cell; the last cell tunes the total
    return Array.from({ length: n }, (_, i) => ["x".repeat(i === n - 1 ? last : Math.min(cell, 30_000))]);
  }

  it("a request of exactly 5,000,000 bytes passes, one byte more fails the sync with RequestPayloadSizeLimitExceeded", async () => {
    const n = 170;
    /** Write a column whose request is `target` bytes (proxy ids vary in length between runs: adjust and retry). */
    const writeExactly = async (target: number): Promise<FakeExcel> => {
      let last = 1000;
      for (let attempt = 0; attempt < 5; attempt++) {
        const fake = fresh();
        const grid = column(5_000_000, n, last);
        await fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${n}`).values = grid;
          await ctx.sync();
        }).catch(() => undefined);
        const got = fake.syncLog[0]?.requestBytes ?? 0;
        if (got === target) return fake;
        last += target - got;
      }
      throw new Error("could not hit the byte count");
    };
    const ok = await writeExactly(5_000_000);
    expect(ok.syncLog.map((s) => [s.requestBytes, s.failed])).toEqual([[5_000_000, ""]]);
    expect(String(ok.cell("Sheet1", 0, 0).value).length).toBeGreaterThan(1000);
    const over = await writeExactly(5_000_001);
    expect(over.syncLog.map((s) => [s.requestBytes, s.failed])).toEqual([[5_000_001, "RequestPayloadSizeLimitExceeded"]]);
    expect(over.cell("Sheet1", 0, 0).value).toBeNull(); // nothing of a refused request was applied
  });

  it("a response of exactly 5,000,000 bytes passes, one byte more fails with ResponsePayloadSizeLimitExceeded", async () => {
    const n = 170;
    const grid = column(5_000_000, n, 1000);
    const responseOf = (g: string[][]): number => Buffer.byteLength(JSON.stringify({ values: g })) + 64;
    const exact = grid.map((r, i) => (i === n - 1 ? ["x".repeat(1000 + 5_000_000 - responseOf(grid))] : r));
    const read = async (g: string[][]): Promise<FakeExcel> => {
      const fake = new FakeExcel();
      fake.addSheet("Sheet1", g);
      fake.payloadLimit = 5_000_000;
      await fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${n}`).load("values");
        await ctx.sync();
      }).catch(() => undefined);
      return fake;
    };
    expect((await read(exact)).syncLog.map((s) => [s.responseBytes, s.failed])).toEqual([[5_000_000, ""]]);
    expect((await read(exact.map((r, i) => (i === n - 1 ? [`${r[0]}x`] : r)))).syncLog.map((s) => [s.responseBytes, s.failed])).toEqual([[5_000_001, "ResponsePayloadSizeLimitExceeded"]]);
  });
});

describe("text through the API (excel.range.yml values; excel.stringcellvalue.yml)", () => {
  it("values starting with = + - are formulas even in a text-formatted cell; a StringCellValue is text", async () => {
    const fake = fresh();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1:C1");
      r.numberFormat = [["@", "@", "@"]];
      r.values = [["=1+1", "-张三", "+86"]];
      ws.getRange("A2").valuesAsJson = [[{ type: "String" as never, basicValue: "=1+1" }]];
      ws.getRange("B2").formulas = [['="=1+1"']];
      await ctx.sync();
    });
    expect([fake.cell("Sheet1", 0, 0), fake.cell("Sheet1", 0, 1), fake.cell("Sheet1", 0, 2)].map((c) => c.formula)).toEqual(["=1+1", "=-张三", "=+86"]);
    expect([fake.cell("Sheet1", 1, 0), fake.cell("Sheet1", 1, 1)]).toEqual([{ value: "=1+1", numberFormat: "General" }, { value: "=1+1", formula: '="=1+1"', numberFormat: "General" }]);
  });

  it("valuesAsJson needs ExcelApi 1.16", async () => {
    const fake = fresh();
    fake.apiVersion = "1.15";
    await expect(fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").valuesAsJson = [[{ type: "String" as never, basicValue: "x" }]];
      await ctx.sync();
    })).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
