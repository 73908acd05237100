import fc from "fast-check";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { matchReceipts, RECEIPT_MATCH_DAYS } from "../../../src/core/import/receipt-matching";
import { Ledger } from "../../../src/core/ledger";
import { describeIssue } from "../../../src/core/i18n";
import type { Payment } from "../../../src/core/schemas/records";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : ""}`);

describe("importWorkbook: a collection log and the bank statement of the same receipts", () => {
  const log = grid("回款登记", [
    ["回款日期", "客户", "金额", "方式"],
    ["2025-06-02", "长沙华兴商贸", 5000, "转账"],
    ["2025-06-09", "郑州宏达", 3000, "转账"],
    ["2025-06-20", "西安利民", 800, "现金"],
    ["2025-06-30", "长沙华兴商贸", 5000, "转账"],
  ]);
  const bank = grid("银行流水", [
    ["交易日期", "对方户名", "摘要", "收入金额", "支出金额", "余额"],
    ["2025-05-31", "长沙华兴商贸有限公司", "货款", 5000, null, 15000],
    ["2025-06-06", "郑州宏达", "货款", 3000, null, 18000],
    ["2025-06-10", "郑州宏达", "货款", 3000, null, 21000],
    ["2025-06-21", "中国工商银行长沙分行", "结息", 12.5, null, 21012.5],
    ["2025-06-21", null, "账户管理费", null, 10, 21002.5],
    ["2025-06-25", "某服务公司", "短信费退回", 3, null, 21005.5],
  ]);

  it("counts each receipt once: the bank lines that match the log by customer, amount and date (±3 days) are skipped, pointing at the log row", () => {
    const r = importWorkbook([log, bank]);
    expect(kinds(r, "银行流水")).toEqual(["2:skipped:duplicateReceipt", "3:imported", "4:skipped:duplicateReceipt", "5:skipped:bankCharge", "6:skipped:outflow", "7:skipped:bankCharge"]);
    expect(r.input.payments.map((p) => [p.source?.sheet, p.date, p.customer, p.amountFen])).toEqual([
      ["回款登记", "2025-06-02", "长沙华兴商贸", 500000],
      ["回款登记", "2025-06-09", "郑州宏达", 300000],
      ["回款登记", "2025-06-20", "西安利民", 80000],
      ["回款登记", "2025-06-30", "长沙华兴商贸", 500000],
      // 6-10 is one day from the logged 6-09, 6-06 three: the nearer is the same receipt, the other a second payment.
      ["银行流水", "2025-06-06", "郑州宏达", 300000],
    ]);
    // The bank's spelling of a matched customer does not become a second customer.
    expect(r.input.customers.map((c) => c.name)).toEqual(["长沙华兴商贸", "郑州宏达", "西安利民"]);
    expect(r.tallies.map((t) => [t.sheet, t.imported, t.skipped, t.imported + t.rejected + t.skipped === t.rows])).toEqual([
      ["回款登记", 4, 0, true],
      ["银行流水", 1, 5, true],
    ]);
    const skipped = r.outcomes["银行流水"]![0]!;
    expect(skipped.kind === "skipped" ? describeIssue(skipped.reason, "zh-CN") : "").toMatchInlineSnapshot(`"「银行流水」 第 2 行：与「回款登记」第 2 行是同一笔回款（客户、金额相同，日期相差 2 天），只记一次"`);
    const w = r.warnings.filter((x) => x.code === "import.warn.receiptsMatched");
    expect(w.map((x) => describeIssue(x, "zh-CN"))).toMatchInlineSnapshot(`
[
  "「回款登记」与「银行流水」里有 2 笔回款客户、金额相同、日期相差不超过 3 天，是同一笔钱：按「回款登记」记一次，「银行流水」里的这几行跳过。例如：长沙华兴商贸 2025-06-02 5000.00 (2 ↔ 2); 郑州宏达 2025-06-09 3000.00 (3 ↔ 4)",
]
`);
    expect(Ledger.build(r.input).balance("长沙华兴商贸", "2025-06-30")).toBe(-1000000);
  });

  it("the receipts a journal's 贷方 holds are logged receipts too", () => {
    const journal = grid("往来账", [["客户：长沙华兴商贸"], ["日期", "摘要", "借方", "贷方", "余额"], ["2025-06-01", "销售", 5000, null, 5000], ["2025-06-02", "收款", null, 5000, 0]]);
    const r = importWorkbook([journal, bank]);
    expect(kinds(r, "银行流水")[0]).toBe("2:skipped:duplicateReceipt");
    expect(Ledger.build(r.input).balance("长沙华兴商贸", "2025-06-30")).toBe(0);
  });

  it("matches nothing without a bank statement: two logs of the same amounts are two sets of receipts", () => {
    const again = grid("回款登记2", log.values.map((row) => [...row]));
    const r = importWorkbook([log, again]);
    expect(r.input.payments).toHaveLength(8);
    expect(r.warnings.some((x) => x.code === "import.warn.receiptsMatched")).toBe(false);
  });
});

describe("matchReceipts", () => {
  const pay = (date: string, customer: string, amountFen: number, sheet: string, allowance = false): Payment => ({ date, customer, amountFen, allowance, source: { sheet, row: 2 } });
  const isBank = (p: Payment): boolean => p.source?.sheet === "bank";

  it("never matches allowances, other customers, other amounts, or dates more than the window apart", () => {
    const ps = [pay("2025-01-10", "甲", 100, "log"), pay("2025-01-14", "甲", 100, "bank"), pay("2025-01-10", "乙", 100, "bank"), pay("2025-01-10", "甲", 101, "bank"), pay("2025-01-10", "甲", 100, "bank", true)];
    expect(matchReceipts(ps, isBank, (n) => n)).toEqual([]);
  });

  it("property: each line is matched at most once, always within the window, same customer and amount", () => {
    const p = fc.record({ day: fc.integer({ min: 1, max: 20 }), who: fc.constantFrom("甲", "乙"), fen: fc.constantFrom(100, 200), bank: fc.boolean() });
    fc.assert(
      fc.property(fc.array(p, { maxLength: 30 }), (xs) => {
        const ps = xs.map((x) => pay(`2025-01-${String(x.day).padStart(2, "0")}`, x.who, x.fen, x.bank ? "bank" : "log"));
        const ms = matchReceipts(ps, isBank, (n) => n);
        const used = ms.flatMap((m) => [m.bank, m.log]);
        expect(new Set(used).size).toBe(used.length);
        for (const m of ms) {
          const [b, l] = [ps[m.bank]!, ps[m.log]!];
          expect([isBank(b), isBank(l), b.customer === l.customer, b.amountFen === l.amountFen, m.days <= RECEIPT_MATCH_DAYS]).toEqual([true, false, true, true, true]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("importWorkbook: bank interest and fees in a bank statement", () => {
  it("are skipped with the words that make them the bank's money; a 货款 line that mentions a fee is a payment", () => {
    const g = grid("工行流水", [
      ["交易日期", "对方户名", "摘要", "用途", "收入金额"],
      ["2025-06-21", null, "结息", null, 12.5],
      ["2025-06-22", "长沙华兴商贸", "转账", "手续费", 2],
      ["2025-06-23", "长沙华兴商贸", "转账", "货款(已扣手续费)", 998],
      ["2025-06-24", "中国建设银行", "转账", null, 50],
      ["2025-06-25", "郑州宏达", "interest", null, 1],
    ]);
    const r = importWorkbook([g]);
    expect(kinds(r, "工行流水")).toEqual(["2:skipped:bankCharge", "3:skipped:bankCharge", "4:imported", "5:skipped:bankCharge", "6:skipped:bankCharge"]);
    expect(r.input.payments.map((p) => p.amountFen)).toEqual([99800]);
    const o = r.outcomes["工行流水"]![0]!;
    expect(o.kind === "skipped" ? describeIssue(o.reason, "zh-CN") : "").toMatchInlineSnapshot(`"「工行流水」 第 2 行 C 列 （摘要）：银行利息 / 手续费等银行自己的收支，不是客户回款：结息"`);
  });

  it("in a clerk's own collection log the same words stay payments (a customer may pay late interest)", () => {
    const g = grid("回款登记", [["日期", "客户", "金额", "备注"], ["2025-06-21", "长沙华兴商贸", 12.5, "逾期利息"]]);
    expect(importWorkbook([g]).input.payments.map((p) => p.amountFen)).toEqual([1250]);
  });
});
