/* eslint-disable no-irregular-whitespace -- the layouts use the ideographic space (U+3000) as Chinese forms do */
import fc from "fast-check";
import { Ledger } from "../../../src/core/ledger";
import { parseRmbUpper } from "../../../src/core/rmb-uppercase";
import { previousPeriod, settlementPeriodOfMonth } from "../../../src/core/periods";
import { addDays } from "../../../src/core/dates";
import { statement, statementData, statementBatch, statementPeriod, monthlyStatementCustomers } from "../../../src/core/statement";
import { renderSpecText } from "../../../src/core/reports";
import { arbLedgerInput } from "../../builders/ledger-builder";
import { evaluateSpec, formulaMismatches } from "../../builders/spec-eval";
import { smallLedger } from "../../builders/report-fixtures";

const company = { name: "湖南某某电器有限公司", address: "长沙市岳麓区某路 1 号", phone: "0731-8888 0000", bank: "工商银行长沙分行 1901 0000 0000 0000 000" };
const arbLedger = arbLedgerInput({ start: "2025-01-01", days: 120, maxOrders: 40 }).map((input) => Ledger.build(input));
const arbPeriod = fc.oneof(
  fc.constantFrom("2025-02", "2025-03", "2025-04").map((m) => statementPeriod(m)),
  fc.constantFrom("2025-01", "2025-02", "2025-03").map((m) => statementPeriod(m, "calendar")),
  fc.tuple(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 60 })).map(([a, n]) => ({ from: addDays("2025-01-01", a), to: addDays("2025-01-01", a + n) })),
);

describe("statement invariants on generated ledgers", () => {
  test("closing = opening + debits − credits = opening + sales − returns − allowances − payments = ledger balance; uppercase agrees", () => {
    fc.assert(
      fc.property(arbLedger, arbPeriod, (ledger, { from, to }) => {
        for (const customer of ledger.customerNames()) {
          const r = statement(ledger, customer, from, to, { company });
          if (!r.ok) throw new Error(JSON.stringify(r.issues));
          const d = r.value.data;
          expect(d.closingFen).toBe(d.openingFen + d.debitFen - d.creditFen);
          expect(d.closingFen).toBe(d.openingFen + d.salesFen - d.returnsFen - d.allowanceFen - d.paymentsFen);
          expect(d.closingFen).toBe(ledger.balance(customer, to));
          expect(d.lines.at(-1)?.balanceFen ?? d.openingFen).toBe(d.closingFen);
          expect(d.closingUpper.startsWith("人民币")).toBe(true);
          expect(parseRmbUpper(d.closingUpper.slice(3))).toEqual({ ok: true, value: d.closingFen });
          // The sheet's formulas recompute to the stored values, and the closing cell shows the closing balance.
          const spec = r.value.spec;
          expect(formulaMismatches(spec)).toEqual([]);
          const at = spec.anchors.closing;
          if (!at) throw new Error("no closing anchor");
          expect(Math.round(evaluateSpec(spec)(at.row, at.col) * 100)).toBe(d.closingFen);
          expect(spec.name.length).toBeLessThanOrEqual(31);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("opening(N) = closing(N−1) for consecutive settlement periods", () => {
    fc.assert(
      fc.property(arbLedger, fc.constantFrom("2025-02", "2025-03", "2025-04"), fc.constantFrom(25, 20, 31), (ledger, month, cutoff) => {
        const period = settlementPeriodOfMonth(month, cutoff);
        const prev = previousPeriod(period, cutoff);
        expect(addDays(prev.to, 1)).toBe(period.from);
        for (const customer of ledger.customerNames()) {
          const now = statementData(ledger, customer, period.from, period.to, { company });
          const before = statementData(ledger, customer, prev.from, prev.to, { company });
          if (!now.ok || !before.ok) throw new Error("statement failed");
          const standing = ledger.openingOf(customer);
          if (standing.date !== undefined && standing.date >= period.from && standing.date <= period.to) {
            // The ledger starts at the opening date: this period opens with the opening balance.
            expect([now.value.openingFen, now.value.openingDate]).toEqual([standing.amountFen, standing.date]);
          } else expect(now.value.openingFen).toBe(before.value.closingFen);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("statement details", () => {
  test("unknown customer and bad period are issues, not exceptions", () => {
    const ledger = smallLedger();
    expect(statement(ledger, "不存在的客户", "2025-02-26", "2025-03-25", { company })).toEqual({ ok: false, issues: [{ code: "statement.unknownCustomer", value: "不存在的客户" }] });
    expect(statement(ledger, "长沙华兴商贸有限公司", "2025-03-25", "2025-02-26", { company })).toEqual({ ok: false, issues: [{ code: "statement.badPeriod", params: { from: "2025-03-25", to: "2025-02-26" } }] });
  });

  test("a customer spelt another way resolves to the ledger's name; number from the code", () => {
    const r = statementData(smallLedger(), "郑州宏达(集团)", "2025-02-26", "2025-03-25", { company });
    expect(r.ok && [r.value.customer, r.value.statementNo, r.value.replyBy]).toEqual(["郑州宏达（集团）", "DZ202503-C002", "2025-04-01"]);
  });

  test("batch: 月结 customers with activity or a balance; unique sheet names", () => {
    const ledger = smallLedger();
    expect(monthlyStatementCustomers(ledger, "2025-02-26", "2025-03-25")).toEqual(["长沙华兴商贸有限公司", "郑州宏达（集团）"]);
    expect(monthlyStatementCustomers(ledger, "2024-01-01", "2024-01-31")).toEqual([]);
    const r = statementBatch(ledger, ["长沙华兴商贸有限公司", "长沙华兴商贸有限公司"], "2025-02-26", "2025-03-25", { company });
    expect(r.ok && r.value.map((s) => s.spec.name)).toEqual(["对账单 长沙华兴商贸有限公司 2025-03", "对账单 长沙华兴商贸有限公司 2025-03 (2)"]);
  });

  test("period helpers: 26th–25th by default, calendar month on request", () => {
    expect(statementPeriod("2025-03")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(statementPeriod("2025-01")).toEqual({ from: "2024-12-26", to: "2025-01-25" });
    expect(statementPeriod("2025-02", "calendar")).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(statementPeriod("2025-03", 20)).toEqual({ from: "2025-02-21", to: "2025-03-20" });
  });

  test("print setup: A4 portrait, one page wide, the detail header repeats", () => {
    const r = statement(smallLedger(), "长沙华兴商贸有限公司", "2025-02-26", "2025-03-25", { company });
    if (!r.ok) throw new Error("failed");
    const header = r.value.spec.anchors.detailHeader?.row;
    expect(r.value.spec.print).toEqual({ paperSize: "A4", orientation: "portrait", fitToWidth: true, repeatRows: { first: header, last: header }, footer: "第 &P 页 / 共 &N 页" });
  });

  test("layout of one statement (text rendering)", () => {
    const r = statement(smallLedger(), "长沙华兴商贸有限公司", "2025-02-26", "2025-03-25", { company, date: "2025-03-26" });
    if (!r.ok) throw new Error("failed");
    expect(r.value.spec.name).toBe("对账单 长沙华兴商贸有限公司 2025-03");
    expect(renderSpecText(r.value.spec).join("\n")).toMatchInlineSnapshot(`
"湖南某某电器有限公司
地址：长沙市岳麓区某路 1 号　电话：0731-8888 0000
开户行及账号：工商银行长沙分行 1901 0000 0000 0000 000
往来对账单
客户：长沙华兴商贸有限公司（编号：C001） |  |  |  |  | 对账单号：DZ202503-C001
对账期间：2025-02-26 至 2025-03-25 |  |  |  |  | 对账日期：2025-03-26
致 长沙华兴商贸有限公司：兹将贵我双方 2025-02-26 至 2025-03-25 的往来账目列示如下，请核对。
口径：按发货日期记账（无发货日期按订单日期）；已取消的订单不计。金额单位：元。
期初余额 | 本期发货 | 本期退货 | 本期折让 | 本期回款 | 期末余额
12,000.00 | 2,802.00 | 120.00 | 50.00 | 10,000.00 | 4,632.00

日期 | 单号 | 摘要 | 型号 | 数量 | 单价 | 借方 | 贷方 | 余额
2025-02-25 |  | 期初余额 |  |  |  |  |  | 12,000.00
2025-03-04 | XS20250303-001 | 销售发货 | XY-100 | 10 | 120.00 | 1,200.00 |  | 13,200.00
2025-03-04 | XS20250303-001 | 销售发货 | XY-200 | 4 | 250.50 | 1,002.00 |  | 14,202.00
2025-03-05 | HK0305 | 回款 |  |  |  |  | 10,000.00 | 4,202.00
2025-03-12 | XS20250310-003 | 销售发货 | XY-100 | 5 | 120.00 | 600.00 |  | 4,802.00
2025-03-18 | TH20250318-001 | 退货 | XY-100 | -1 | 120.00 |  | 120.00 | 4,682.00
2025-03-20 | ZR0320 | 折让 破损补偿 |  |  |  |  | 50.00 | 4,632.00
2025-03-25 |  | 期末余额（本期合计） |  |  |  | 2,802.00 | 10,170.00 | 4,632.00

期末余额（小写）： |  |  | 4,632.00
期末余额（大写）： |  |  | 人民币肆仟陆佰叁拾贰元整

编制：　　　　　　审核：　　　　　　湖南某某电器有限公司（盖章）

- - - - - - - - - - - - - - - 请沿此线剪下回执 - - - - - - - - - - - - - - -
回　执
致 湖南某某电器有限公司：
贵公司 DZ202503-C001 号往来对账单已收到。截至 2025-03-25，对账单所列余额为 4,632.00 元（人民币肆仟陆佰叁拾贰元整），经核对：
☐ 核对无误。
☐ 核对不符，请列明不符项目及金额：




客户（盖章）： |  |  |  |  | 经办人（签字）：
 |  |  |  |  | 日期：　　　　年　　月　　日
请于 2025-04-02 前回传（电话：0731-8888 0000）。"
`);
  });
});
