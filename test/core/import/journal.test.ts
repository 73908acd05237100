import fc from "fast-check";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { Ledger } from "../../../src/core/ledger";
import { describeIssue } from "../../../src/core/i18n";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}${o.kind === "imported" && o.warnings.length > 0 ? `:${o.warnings.map((w) => w.code.replace("import.warn.", "")).join("+")}` : ""}`);

describe("importWorkbook: a receivable journal (往来账 / 应收账款明细账)", () => {
  // One customer per sheet, named in the title; 借方 = sales, 贷方 = money received.
  const journal = grid("长沙华兴", [
    ["应收账款明细账"],
    ["客户：长沙华兴商贸有限公司"],
    ["日期", "凭证号", "摘要", "借方", "贷方", "余额"],
    ["2025-01-01", null, "期初余额", null, null, 5000],
    ["2025-01-05", "记-01", "销售电机", 1200, null, 6200],
    ["2025-01-20", "记-08", "收到货款", null, 3000, 3200],
    ["2025-01-31", null, "本月合计", 1200, 3000, 3200],
    ["2025-02-03", "记-02", "销售水泵", 800, null, 4000],
    ["2025-02-10", "记-05", "折让", null, 100, 3900],
    ["2025-02-12", "记-06", "销售阀门，当日收款", 500, 500, 3900],
    ["2025-02-20", "记-09", "销售电机", 300, null, 4300],
    ["2025-02-28", null, "本年累计", 2800, 3600, 4300],
  ]);

  it("reads 借方 as sales, 贷方 as payments, the opening line as the customer's opening balance, totals skipped", () => {
    const r = importWorkbook([journal], { noModelPlaceholder: "（未注明型号）" });
    const d = r.detections[0]!;
    expect([d.role, d.reasons.some((x) => x.code === "import.reason.journal")]).toEqual(["orders", true]);
    expect(kinds(r, "长沙华兴")).toEqual(["4:imported", "5:imported", "6:imported", "7:skipped:subtotal", "8:imported", "9:imported", "10:imported", "11:imported:balanceMismatch", "12:skipped:subtotal"]);
    expect(r.input.orders.map((o) => [o.date, o.customer, o.model, o.qty, o.amountFen, o.orderNo, o.notes])).toEqual([
      ["2025-01-05", "长沙华兴商贸有限公司", "（未注明型号）", 1, 120000, "记-01", "销售电机"],
      ["2025-02-03", "长沙华兴商贸有限公司", "（未注明型号）", 1, 80000, "记-02", "销售水泵"],
      ["2025-02-12", "长沙华兴商贸有限公司", "（未注明型号）", 1, 50000, "记-06", "销售阀门,当日收款"], // text is read normalized (NFKC)
      ["2025-02-20", "长沙华兴商贸有限公司", "（未注明型号）", 1, 30000, "记-09", "销售电机"],
    ]);
    expect(r.input.payments.map((p) => [p.date, p.amountFen, p.ref, p.allowance])).toEqual([
      ["2025-01-20", 300000, "记-08", false],
      ["2025-02-10", 10000, "记-05", true],
      ["2025-02-12", 50000, "记-06", false],
    ]);
    expect(r.input.customers.map((c) => [c.name, c.openingBalanceFen, c.openingDate])).toEqual([["长沙华兴商贸有限公司", 500000, "2025-01-01"]]);
    const t = r.tallies[0]!;
    expect(t.imported + t.rejected + t.skipped).toBe(t.rows);
  });

  it("says where a stated balance does not follow, in the clerk's words", () => {
    const r = importWorkbook([journal]);
    const w = (r.outcomes["长沙华兴"] ?? []).flatMap((o) => (o.kind === "imported" ? o.warnings : []));
    expect(w.map((x) => describeIssue(x, "zh-CN"))).toMatchInlineSnapshot(`
[
  "「长沙华兴」 第 11 行 F 列 （余额）：余额 4300 与上一行余额加借方减贷方（4200）不符，请核对；借贷金额照常导入",
]
`);
  });

  it("gives the ledger the balance the clerk's journal ends with (opening + sales − payments − allowances)", () => {
    const r = importWorkbook([journal]);
    const ledger = Ledger.build(r.input);
    // The journal's own arithmetic ends at 4,200.00 (its last stated 4,300.00 is the typo warned about).
    expect(ledger.balance("长沙华兴商贸有限公司", "2025-02-28")).toBe(420000);
    expect(ledger.balance("长沙华兴商贸有限公司", "2025-01-31")).toBe(320000);
  });

  it("a journal of many customers (a customer column) checks each customer's balance on its own", () => {
    const many = grid("往来明细", [
      ["日期", "往来单位", "摘要", "借方金额", "贷方金额", "余额"],
      ["2025-03-01", "甲公司", "上年结转", null, null, 100],
      ["2025-03-01", "乙公司", "上年结转", null, null, 50],
      ["2025-03-02", "甲公司", "销售", 20, null, 120],
      ["2025-03-03", "乙公司", "收款", null, 50, 0],
      ["2025-03-04", "甲公司", "收款", null, 120, 0],
      ["2025-03-05", "乙公司", "备注：待核对", null, null, null],
    ]);
    const r = importWorkbook([many]);
    expect(kinds(r, "往来明细")).toEqual(["2:imported", "3:imported", "4:imported", "5:imported", "6:imported", "7:skipped:noMovement"]);
    const ledger = Ledger.build(r.input);
    expect([ledger.balance("甲公司", "2025-03-31"), ledger.balance("乙公司", "2025-03-31")]).toEqual([0, 0]);
  });

  it("property: the ledger ends at every customer's last stated balance, with no warning, and every cell becomes one record", () => {
    const move = fc.record({ debit: fc.integer({ min: 0, max: 50_000 }), credit: fc.integer({ min: 0, max: 50_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(move, { minLength: 1, maxLength: 25 }), (opening, moves) => {
        const rows: (string | number | null)[][] = [["日期", "摘要", "借方", "贷方", "余额"], ["2025-01-01", "期初余额", null, null, opening / 100]];
        let bal = opening;
        moves.forEach((m, i) => {
          bal += m.debit - m.credit;
          const day = String(1 + (i % 28)).padStart(2, "0");
          rows.push([`2025-02-${day}`, "往来", m.debit ? m.debit / 100 : null, m.credit ? m.credit / 100 : null, bal / 100]);
        });
        const g = grid("往来", [["客户：丙商行"], ...rows]);
        const r = importWorkbook([g]);
        const warnings = (r.outcomes["往来"] ?? []).flatMap((o) => (o.kind === "imported" ? o.warnings : []));
        expect(warnings).toEqual([]);
        expect(r.input.orders.length + r.input.payments.length).toBe(moves.filter((m) => m.debit).length + moves.filter((m) => m.credit).length);
        expect(Ledger.build(r.input).balance("丙商行", "2025-12-31")).toBe(bal);
      }),
      { numRuns: 150 },
    );
  });
});

describe("importWorkbook: a receivable journal in other words (发货金额 / 回款金额, 应收 / 实收)", () => {
  it("发货金额 | 回款金额 | 欠款余额 under a title naming the customer", () => {
    const g = grid("华兴往来", [
      ["长沙华兴商贸往来明细"],
      ["日期", "摘要", "发货金额", "回款金额", "欠款余额"],
      ["2025-01-01", "上年结转", null, null, 2000],
      ["2025-01-08", "发货 YX-1×10", 1500, null, 3500],
      ["2025-01-20", "回款", null, 2000, 1500],
    ]);
    const r = importWorkbook([g]);
    const d = r.detections[0]!;
    expect([d.role, d.sheetCustomer, d.mapping.map((m) => `${m.field}←${m.header}`)]).toEqual(["orders", "长沙华兴商贸", ["date←日期", "notes←摘要", "debit←发货金额", "credit←回款金额", "balance←欠款余额"]]);
    expect(Ledger.build(r.input).balance("长沙华兴商贸", "2025-01-31")).toBe(150000);
  });

  it("应收 | 实收 | 余额 with a customer column", () => {
    const g = grid("往来", [["日期", "客户", "摘要", "应收", "实收", "余额"], ["2025-01-08", "华兴", "发货", 1500, null, 1500], ["2025-01-20", "华兴", "回款", null, 1000, 500]]);
    const r = importWorkbook([g]);
    expect([r.input.orders.map((o) => o.amountFen), r.input.payments.map((p) => p.amountFen)]).toEqual([[150000], [100000]]);
  });

  it("is not a journal in a 回款 sheet (应收 is what was due, 实收 what came in) nor in a sales sheet with quantities", () => {
    const pay = grid("回款登记", [["日期", "客户", "应收", "实收"], ["2025-01-20", "华兴", 1500, 1000]]);
    const sales = grid("销售", [["日期", "客户", "品名", "数量", "应收金额", "实收金额"], ["2025-01-08", "华兴", "电机", 2, 240, 230]]);
    const r = importWorkbook([pay, sales]);
    expect(r.detections.map((d) => d.role)).toEqual(["payments", "orders"]);
    expect(r.input.payments.map((p) => p.amountFen)).toEqual([100000]);
    expect(r.input.orders.map((o) => o.amountFen)).toEqual([23000]);
  });

  it("takes no customer from a title naming a kind of record or a period", () => {
    const g = grid("往来", [["2025年销售往来明细"], ["日期", "摘要", "发货金额", "回款金额", "余额"], ["2025-01-08", "发货", 1500, null, 1500]]);
    expect(importWorkbook([g]).detections[0]!.sheetCustomer).toBeNull();
  });
});
