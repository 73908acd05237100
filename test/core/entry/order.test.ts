import fc from "fast-check";
import { describeIssue } from "../../../src/core/i18n";
import { Ledger } from "../../../src/core/ledger";
import { nextOrderNo, OVERRIDABLE_RULES, readDiscount, readNumber, validateOrderDraft } from "../../../src/core/entry";
import { OrderLine } from "../../../src/core/schemas/records";
import { aCustomer, anOrder, aPayment, ledgerInput } from "../../builders/ledger-builder";
import { entryLedger } from "./fixture";

const ctx = { today: "2025-03-10" };
const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) => (r.ok ? [] : (r.issues ?? []).map((i) => i.code));

describe("validateOrderDraft: fields", () => {
  test("a plain order: canonical names, list price, next order number, customer defaults, schema-valid", () => {
    const r = validateOrderDraft({ customer: " 长沙华兴商贸 ", model: "xy-100", qty: "３", discount: "95折" }, entryLedger(), ctx);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        warnings: [],
        line: { orderNo: "XS20250310-001", date: "2025-03-10", customer: "长沙华兴商贸", model: "XY-100", qty: 3, priceFen: 12_000, discount: 0.95, amountFen: 34_200, warehouse: "长沙库", region: "华中", status: "已接单" },
      }),
    });
    if (r.ok) expect(OrderLine.parse(r.value.line)).toEqual(r.value.line);
  });

  test.each([
    ["abc", "entry.qty.notANumber"],
    ["0", "entry.qty.notPositive"],
    ["-3", "entry.qty.notPositive"],
    ["", "entry.qty.required"],
    ["1,2", "entry.qty.notANumber"],
  ])("quantity %p is refused with %s at field qty", (qty, code) => {
    const r = validateOrderDraft({ customer: "长沙华兴商贸", model: "XY-100", qty }, entryLedger(), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ code, at: { field: "qty" } })]);
  });

  test("every field problem is reported at once, in Chinese", () => {
    const r = validateOrderDraft({ customer: "", model: "", qty: "x", priceText: "12元5", discount: "11折", date: "2025-02-30", shipDate: "明天", status: "发了" }, entryLedger(), ctx);
    expect(r.ok ? [] : r.issues.map((i) => `${i.at?.field}: ${describeIssue(i)}`)).toMatchInlineSnapshot(`
[
  "customer: 请填写客户",
  "model: 请填写型号",
  "qty: 数量必须是数字：x",
  "priceText: 金额无法识别：12元5",
  "date: 日期无法识别：2025-02-30",
  "shipDate: 日期无法识别：明天",
  "status: 状态只能是：已接单、已确认、已发货、已签收、已取消（填写的是：发了）",
]
`);
  });

  test("ship date before order date; unknown customer and model are warnings; no list price needs a price", () => {
    const l = entryLedger();
    expect(codes(validateOrderDraft({ customer: "长沙华兴商贸", model: "XY-100", qty: 1, date: "2025-03-05", shipDate: "2025-03-04" }, l, ctx))).toEqual(["entry.shipDate.beforeOrder"]);
    expect(codes(validateOrderDraft({ customer: "长沙华兴商贸", model: "无价", qty: 1 }, l, ctx))).toEqual(["entry.price.required"]);
    const r = validateOrderDraft({ customer: "新客户", model: "新型号", qty: 2, priceText: "¥1,000.00", date: "3月12日" }, l, ctx);
    expect(r.ok && r.value.warnings.map((w) => [w.code, w.severity])).toEqual([
      ["entry.customer.unknown", "warning"],
      ["entry.model.unknown", "warning"],
      ["entry.date.future", "warning"],
    ]);
    expect(r.ok && r.value.line.amountFen).toBe(200_000);
  });

  test("a ship date makes the default status 已发货", () => {
    const r = validateOrderDraft({ customer: "西安秦川电器", model: "XY-100", qty: 1, date: "2025.3.8", shipDate: "2025/3/9" }, entryLedger(), ctx);
    expect(r.ok && [r.value.line.status, r.value.line.shipDate]).toEqual(["已发货", "2025-03-09"]);
  });

  test("amount = multiplyFen(price, qty, discount) for any price, qty and discount", () => {
    const l = entryLedger();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100 }), (priceFen, qty, pct) => {
        const r = validateOrderDraft({ customer: "西安秦川电器", model: "XY-100", qty: String(qty), priceText: (priceFen / 100).toFixed(2), discount: `${pct}%` }, l, ctx);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.line.amountFen).toBe(Math.round((priceFen * qty * pct) / 100));
      }),
      { numRuns: 150 },
    );
  });
});

describe("validateOrderDraft: rules", () => {
  test("款到发货: cannot ship until paid; an approval note overrides and is kept on the line", () => {
    const l = entryLedger();
    const draft = { customer: "郑州宏达(集团)", model: "XY-100", qty: 10, status: "已发货" };
    const refused = validateOrderDraft(draft, l, ctx);
    expect(codes(refused)).toEqual(["entry.rule.prepaymentRequired"]);
    expect(refused.ok ? "" : describeIssue(refused.issues[0]!)).toMatchInlineSnapshot(`"「郑州宏达（集团）」为款到发货客户，货款未到不能发货：本单后应收 700.00 元（原应收 -500.00 元，本单 1,200.00 元）。如需发货请填写经理审批意见"`);
    expect(validateOrderDraft({ ...draft, status: "" }, l, ctx).ok).toBe(true); // just taking the order is fine
    expect(validateOrderDraft({ ...draft, qty: 4 }, l, ctx).ok).toBe(true); // 48,000 ≤ 50,000 paid
    const approved = validateOrderDraft(draft, l, { ...ctx, overrides: { approvalNote: "王经理同意先发" } });
    expect(approved.ok && approved.value.line.notes).toBe("【审批】王经理同意先发");
    expect(approved.ok && approved.value.warnings.map((w) => [w.code, w.severity, w.params?.note])).toEqual([["entry.rule.prepaymentRequired", "warning", "王经理同意先发"]]);
    expect(codes(validateOrderDraft(draft, l, { ...ctx, overrides: { approvalNote: "  " } }))).toEqual(["entry.rule.prepaymentRequired"]);
  });

  test("月结: last settlement period unpaid, and the credit limit", () => {
    const l = Ledger.build(
      ledgerInput({
        customers: [aCustomer({ name: "甲", terms: "月结", creditLimitFen: 200_000 })],
        orders: [anOrder({ customer: "甲", date: "2025-02-20", qty: 1, priceFen: 100_000 })],
      }),
    );
    // Period of 2025-03-10 is 02-26..03-25; last period 01-26..02-25 ended owing 1,000.00.
    expect(codes(validateOrderDraft({ customer: "甲", model: "XY-100", qty: 1, priceText: "10" }, l, ctx))).toEqual(["entry.rule.lastPeriodUnpaid"]);
    const paid = Ledger.build(ledgerInput({ ...l, payments: [aPayment({ customer: "甲", date: "2025-03-01", amountFen: 100_000 })] }));
    expect(codes(validateOrderDraft({ customer: "甲", model: "XY-100", qty: 1, priceText: "10" }, paid, ctx))).toEqual([]);
    expect(codes(validateOrderDraft({ customer: "甲", model: "XY-100", qty: 1, priceText: "2000.01" }, paid, ctx))).toEqual(["entry.rule.creditLimit"]);
    expect(codes(validateOrderDraft({ customer: "甲", model: "XY-100", qty: 1, priceText: "2000.01" }, l, ctx))).toEqual(["entry.rule.lastPeriodUnpaid", "entry.rule.creditLimit"]);
    // calendar-month settlement: February is the last period and it is unpaid as well
    expect(codes(validateOrderDraft({ customer: "甲", model: "XY-100", qty: 1, priceText: "10" }, l, { ...ctx, cutoffDay: 31 }))).toEqual(["entry.rule.lastPeriodUnpaid"]);
  });

  test("made-to-order products need approval; a cancelled line checks no rule", () => {
    const l = entryLedger();
    expect(codes(validateOrderDraft({ customer: "西安秦川电器", model: "定制-9", qty: 1 }, l, ctx))).toEqual(["entry.rule.productNeedsApproval"]);
    expect(validateOrderDraft({ customer: "西安秦川电器", model: "定制-9", qty: 1 }, l, { ...ctx, overrides: { approvalNote: "OK" } }).ok).toBe(true);
    expect(validateOrderDraft({ customer: "西安秦川电器", model: "定制-9", qty: 1, status: "已取消" }, l, ctx).ok).toBe(true);
  });

  test("a duplicate order number is refused even with an approval; adding a line to the same customer's order is allowed", () => {
    const l = entryLedger();
    const draft = { customer: "西安秦川电器", model: "XY-100", qty: 1, orderNo: "XS20250305-002" };
    expect(codes(validateOrderDraft(draft, l, { ...ctx, overrides: { approvalNote: "经理" } }))).toEqual(["entry.orderNo.duplicate"]);
    expect(validateOrderDraft(draft, l, { ...ctx, addLine: true }).ok).toBe(true);
    expect(codes(validateOrderDraft({ ...draft, customer: "长沙华兴商贸" }, l, { ...ctx, addLine: true }))).toEqual(["entry.orderNo.duplicate"]);
    expect(OVERRIDABLE_RULES.has("entry.orderNo.duplicate")).toBe(false);
  });
});

describe("nextOrderNo and discounts", () => {
  test("next free number of the day, skipping numbers already used", () => {
    const l = entryLedger();
    expect(nextOrderNo(l, "2025-03-05")).toBe("XS20250305-003");
    expect(nextOrderNo(l, "2025-03-06")).toBe("XS20250306-001");
    const taken = Ledger.build(ledgerInput({ orders: [anOrder({ customer: "甲", date: "2025-03-01", orderNo: "XS20250306-001" })] }));
    expect(nextOrderNo(taken, "2025-03-06")).toBe("XS20250306-002");
  });

  test("nextOrderNo is never an existing number", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 10 }), (ns) => {
        const l = Ledger.build(ledgerInput({ orders: ns.map((n) => anOrder({ customer: "甲", date: "2025-03-05", orderNo: `XS20250305-${String(n).padStart(3, "0")}` })) }));
        const next = nextOrderNo(l, "2025-03-05");
        expect(l.hasOrderNo(next)).toBe(false);
        expect(next).toBe(`XS20250305-${String(Math.max(0, ...ns) + 1).padStart(3, "0")}`);
      }),
      { numRuns: 100 },
    );
  });

  test.each([
    ["12", 12],
    ["１,２００件", 1200],
    ["10 台", 10],
    ["2.5米", 2.5],
    ["-3", -3],
    ["abc", undefined],
    ["1,2", undefined],
    ["十", undefined],
    ["", undefined],
  ])("quantity %p reads as %p", (raw, n) => {
    expect(readNumber(raw)).toBe(n);
  });

  test.each([
    ["0.9", 0.9],
    ["90%", 0.9],
    ["9折", 0.9],
    ["九折", 0.9],
    ["八五折", 0.85],
    ["8.5折", 0.85],
    ["1", 1],
    ["0", undefined],
    ["1.2", undefined],
    ["abc", undefined],
  ])("discount %p → %p", (raw, rate) => {
    expect(readDiscount(raw)).toBe(rate);
  });
});
