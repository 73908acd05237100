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
