/**
 * The corpus gate: no real workbook is misread without a word. Every file is exact, refused with a
 * reason, or (exit 0) carries the uncertain choice or warning that tells the clerk to check the figure.
 * The figures of each file are `npm run corpus`'s scoreboard; this test only holds the floor.
 */
import { join } from "node:path";
import { CORPUS_DIR, loadExpectations } from "./expectation";
import { judge, totals, type Verdict } from "./judge";
import { runImport } from "./run-import";

describe("corpus scoreboard", () => {
  it("no file is wrong and silent, none errors, and every refusal says why", async () => {
    const verdicts: Verdict[] = [];
    for (const e of loadExpectations()) verdicts.push(judge(e, await runImport(join(CORPUS_DIR, e.file))));
    const t = totals(verdicts);
    expect(verdicts.filter((v) => v.outcome === "wrong-silent" || v.outcome === "error").map((v) => v.file)).toEqual([]);
    expect(t.files).toBeGreaterThanOrEqual(20);
    // Each refusal is one message naming at least one sheet's reason (never an empty stderr).
    for (const v of verdicts.filter((x) => x.outcome === "refused")) expect(v.message ?? "").toMatch(/「.+」：/);
  });
});
