/**
 * The Excel boundary as Microsoft documents it (issue 16): each test runs the host on the fake,
 * whose rules name the Microsoft page they come from (test/excel-fake/api.ts, index.ts).
 */
import { describeIssue } from "../../../src/core/i18n";
import { freshFake, everyFeatureSpec, portOn } from "./fixtures";

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
