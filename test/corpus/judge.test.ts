/** The scoreboard's comparison rules, on small fake import results. */
import type { Expectation } from "./expectation";
import { diffFigures, formatScoreboard, judge, reportFigures, totals, unsureNotes, warnedAbout, type ImportRun } from "./judge";

const importing: Expectation = {
  file: "orders.xlsx",
  kind: "test",
  expect: "import",
  figures: { "orders.lines": 3, "orders.qty": 4.5, "orders.amountFen": 12345, customers: 2, "returns.count": 1, "returns.amountFen": 500 },
  alternatives: [{ "orders.lines": 4, "orders.qty": 3.5, "orders.amountFen": 11845, customers: 2, "returns.count": 0 }],
  judgements: [],
  excluded: [],
};
const refusing: Expectation = { file: "invoices.xlsx", kind: "test", expect: "refuse", reason: "purchase invoices", figures: {}, judgements: [], excluded: [] };
const asking: Expectation = { ...refusing, file: "no-customer.xlsx", expect: "ask", reason: "no customer column" };

interface Fake {
  lines?: number;
  qty?: number;
  amountFen?: number;
  customers?: number;
  returns?: { count: number; amountFen: number };
  warnings?: string[];
  uncertain?: { field: string }[];
  rowWarnings?: string[];
}

/** An `import --json` run with the given ledger (exit 0). */
function ran(f: Fake): ImportRun {
  const report = {
    sheets: [{ name: "Sheet1", role: "orders", uncertain: f.uncertain ?? [], rows: [{ row: 2, warnings: f.rowWarnings ?? [] }] }],
    rejected: [],
    warnings: f.warnings ?? [],
    ledger: {
      customers: f.customers ?? 2,
      products: 1,
      orders: { lines: f.lines ?? 3, qty: f.qty ?? 4.5, amountFen: f.amountFen ?? 12345, returnLines: 0, returnAmountFen: 0 },
      payments: { count: 0, amountFen: 0 },
      returns: f.returns ?? { count: 1, amountFen: -500 },
    },
  };
  return { exitCode: 0, stdout: JSON.stringify(report), stderr: "" };
}

describe("judge", () => {
  it("exact when every stated figure is equal (a return amount compared as a positive figure)", () => {
    expect(judge(importing, ran({})).outcome).toBe("exact");
  });

  it("exact when an accepted alternative reading matches", () => {
    expect(judge(importing, ran({ lines: 4, qty: 3.5, amountFen: 11845, returns: { count: 0, amountFen: 0 } })).outcome).toBe("exact");
  });

  it("wrong, silent: names the figure, expected and got, against the closest reading", () => {
    const v = judge(importing, ran({ amountFen: 99999 }));
    expect(v.outcome).toBe("wrong-silent");
    expect(v.diffs).toEqual([{ figure: "orders.amountFen", expected: 12345, got: 99999 }]);
  });

  it("wrong, warned only when an uncertain choice or warning concerns the differing figure", () => {
    expect(judge(importing, ran({ amountFen: 99999, uncertain: [{ field: "amount" }] })).outcome).toBe("wrong-warned");
    expect(judge(importing, ran({ amountFen: 99999, uncertain: [{ field: "customer" }] })).outcome).toBe("wrong-silent");
    expect(judge(importing, ran({ amountFen: 99999, rowWarnings: ["金额 ≠ 数量 × 单价"] })).outcome).toBe("wrong-warned");
    expect(judge(importing, ran({ customers: 5, warnings: ["客户名称与编码不一致"] })).outcome).toBe("wrong-warned");
  });

  it("a derived-master note is not the import being unsure", () => {
    expect(judge(importing, ran({ customers: 5, warnings: ["客户主档由交易推导"] })).outcome).toBe("wrong-silent");
    expect(unsureNotes(JSON.parse(ran({ warnings: ["Customers derived from transactions"] }).stdout))).toEqual([]);
  });

  it("qty compares within 1e-6; money exactly", () => {
    expect(diffFigures({ "orders.qty": 1.1 }, { "orders.qty": 1.1000000001 })).toEqual([]);
    expect(diffFigures({ "orders.amountFen": 1 }, { "orders.amountFen": 2 })).toHaveLength(1);
    expect(diffFigures({ customers: 3 }, {})).toEqual([{ figure: "customers", expected: 3, got: "—" }]);
  });

  it("refused: exit 2, with the message, expected only for refuse/ask workbooks", () => {
    const run = { exitCode: 2, stdout: "", stderr: "没有找到可以导入的台账数据（工作表：Sheet1）\n第二行\n第三行\n第四行" };
    const v = judge(refusing, run);
    expect(v).toMatchObject({ outcome: "refused", refusalExpected: true, message: "没有找到可以导入的台账数据（工作表：Sheet1） / 第二行 / 第三行" });
    expect(judge(asking, run).refusalExpected).toBe(true);
    expect(judge(importing, run)).toMatchObject({ outcome: "refused", refusalExpected: false });
  });

  it("a refuse workbook imported at exit 0 is wrong (outcome), warned when the import said anything unsure", () => {
    const v = judge(refusing, ran({ lines: 32 }));
    expect(v.outcome).toBe("wrong-silent");
    expect(v.diffs[0]).toEqual({ figure: "outcome", expected: "refusal", got: "import: 32 order lines, 0 payments, 2 customers" });
    expect(judge(refusing, ran({ uncertain: [{ field: "customer" }] })).outcome).toBe("wrong-warned");
  });

  it("an ask workbook: asked when exit 0 says it is unsure, wrong-silent when it is not", () => {
    expect(judge(asking, ran({ uncertain: [{ field: "customer" }] })).outcome).toBe("asked");
    expect(judge(asking, ran({})).outcome).toBe("wrong-silent");
  });

  it("a strict ask workbook: asking is not enough when its figures differ (e.g. the same receipts counted twice)", () => {
    const strict: Expectation = { ...asking, strict: true, figures: { "orders.lines": 3 } };
    expect(judge(strict, ran({ uncertain: [{ field: "date" }] })).outcome).toBe("asked");
    expect(judge(strict, ran({ lines: 6, uncertain: [{ field: "date" }] }))).toMatchObject({ outcome: "wrong-warned", diffs: [{ figure: "orders.lines", expected: 3, got: 6 }] });
    expect(judge({ ...strict, strict: false }, ran({ lines: 6, uncertain: [{ field: "date" }] })).outcome).toBe("asked");
  });

  it("error: another exit code, or stdout that is not JSON", () => {
    expect(judge(importing, { exitCode: 1, stdout: "", stderr: "内部错误" })).toMatchObject({ outcome: "error", message: "exit 1: 内部错误" });
    expect(judge(importing, { exitCode: 0, stdout: "读取 x.xlsx", stderr: "" }).outcome).toBe("error");
  });

  it("reportFigures reads the ledger summary of --json", () => {
    expect(reportFigures(JSON.parse(ran({}).stdout))).toEqual({ "orders.lines": 3, "orders.qty": 4.5, "orders.amountFen": 12345, customers: 2, "payments.count": 0, "payments.amountFen": 0, "returns.count": 1, "returns.amountFen": 500 });
  });

  it("warnedAbout: any note counts for figures without words (lines), none without notes", () => {
    expect(warnedAbout(["warning \"x\""], [{ figure: "orders.lines", expected: 1, got: 2 }])).toBe(true);
    expect(warnedAbout([], [{ figure: "orders.lines", expected: 1, got: 2 }])).toBe(false);
  });

  it("totals and the scoreboard text", () => {
    const verdicts = [
      judge(importing, ran({})),
      judge(importing, ran({ amountFen: 99999 })),
      judge(refusing, { exitCode: 2, stdout: "", stderr: "不是销售数据" }),
      judge(asking, ran({ uncertain: [{ field: "customer" }] })),
      judge(importing, { exitCode: 2, stdout: "", stderr: "没有找到" }),
    ];
    expect(totals(verdicts)).toEqual({ files: 5, exact: 1, asked: 1, wrongWarned: 0, wrongSilent: 1, refusedExpected: 1, refusedUnexpected: 1, error: 0, right: 3 });
    expect(formatScoreboard(verdicts)).toMatchInlineSnapshot(`
"orders.xlsx       import  exact
orders.xlsx       import  wrong, silent
                    orders.amountFen: expected 12_345, got 99_999
invoices.xlsx     refuse  refused (expected)
                    不是销售数据
no-customer.xlsx  ask     asked
orders.xlsx       import  refused (NOT expected)
                    没有找到

files 5: right 3 (exact 1, refused as expected 1, asked 1); wrong, warned 0; wrong, silent 1; refused unexpectedly 1; errors 0
"
`);
  });
});
