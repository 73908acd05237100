import { describeIssue } from "../../../src/core/i18n";
import { Ledger } from "../../../src/core/ledger";
import { validateConfirmationDraft, validatePaymentDraft, validateReturnDraft } from "../../../src/core/entry";
import { Confirmation, Payment, ReturnRecord } from "../../../src/core/schemas/records";
import { aReturn, ledgerInput } from "../../builders/ledger-builder";
import { entryLedger } from "./fixture";

const ctx = { today: "2025-03-10" };
const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) => (r.ok ? [] : (r.issues ?? []).map((i) => i.code));

describe("validatePaymentDraft", () => {
  test("a payment: canonical customer, fen, account from the customer's warehouse, schema-valid", () => {
    const r = validatePaymentDraft({ customer: "长沙华兴商贸", amountText: "¥1,080.00", date: "2025年3月8日", method: "电汇", ref: "农行-77" }, entryLedger(), ctx);
    expect(r).toEqual({ ok: true, value: { warnings: [], record: { date: "2025-03-08", customer: "长沙华兴商贸", amountFen: 108_000, method: "电汇", account: "长沙库", ref: "农行-77", allowance: false } } });
    if (r.ok) expect(Payment.parse(r.value.record)).toEqual(r.value.record);
  });

  test("errors: missing customer, bad or non-positive amounts, bad date", () => {
    expect(codes(validatePaymentDraft({ amountText: "abc", date: "13/45" }, entryLedger(), ctx))).toEqual(["entry.customer.required", "entry.amount.invalid", "entry.date.invalid"]);
    expect(codes(validatePaymentDraft({ customer: "甲", amountText: "0" }, entryLedger(), ctx))).toEqual(["entry.amount.notPositive"]);
    expect(codes(validatePaymentDraft({ customer: "甲", amountText: "(100)" }, entryLedger(), ctx))).toEqual(["entry.amount.notPositive"]);
    expect(codes(validatePaymentDraft({ customer: "甲" }, entryLedger(), ctx))).toEqual(["entry.amount.required"]);
  });

  test("warnings: likely duplicate, reused reference, customer in credit, allowance flag kept", () => {
    const l = entryLedger();
    const dup = validatePaymentDraft({ customer: "郑州宏达（集团）", amountText: "500", date: "2025-03-01" }, l, ctx);
    expect(dup.ok && dup.value.warnings.map((w) => w.code)).toEqual(["entry.payment.possibleDuplicate", "entry.payment.inCredit"]);
    expect(dup.ok ? dup.value.warnings.map((w) => describeIssue(w)) : []).toMatchInlineSnapshot(`
[
  "「郑州宏达（集团）」在 2025-03-01 已有一笔 500.00 元的回款，请确认不是重复录入",
  "本笔回款后「郑州宏达（集团）」预收 1,000.00 元（回款多于应收）",
]
`);
    const ref = validatePaymentDraft({ customer: "郑州宏达（集团）", amountText: "1", ref: "工行-001", allowance: true }, l, ctx);
    expect(ref.ok && ref.value.warnings.map((w) => w.code)).toEqual(["entry.payment.refUsed", "entry.payment.inCredit"]);
    expect(ref.ok && ref.value.record.allowance).toBe(true);
  });
});

describe("validateReturnDraft", () => {
  test("amount derived from the original line's net price; schema-valid", () => {
    const r = validateReturnDraft({ customer: "长沙华兴商贸", orderNo: "XS20250305-001", model: "xy-100", qty: "2", reason: "运输破损", resolution: "换货" }, entryLedger(), ctx);
    expect(r).toEqual({ ok: true, value: { warnings: [], record: { date: "2025-03-10", customer: "长沙华兴商贸", orderNo: "XS20250305-001", model: "XY-100", qty: 2, amountFen: 21_600, reason: "运输破损", resolution: "换货" } } });
    if (r.ok) expect(ReturnRecord.parse(r.value.record)).toEqual(r.value.record);
  });

  test("more than sold (less what was already returned) needs approval", () => {
    const base = entryLedger();
    const l = Ledger.build(ledgerInput({ ...base, returns: [aReturn({ customer: "长沙华兴商贸", date: "2025-03-08", orderNo: "XS20250305-001", model: "XY-100", qty: 8, amountFen: 86_400 })] }));
    const draft = { customer: "长沙华兴商贸", orderNo: "XS20250305-001", model: "XY-100", qty: "3", reason: "质量" };
    const r = validateReturnDraft(draft, l, ctx);
    expect(codes(r)).toEqual(["entry.rule.returnExceedsOrder"]);
    expect(r.ok ? "" : describeIssue(r.issues[0]!)).toMatchInlineSnapshot(`"订单 XS20250305-001 型号「XY-100」最多可退 2，本次退 3。如需超退请填写经理审批意见"`);
    expect(validateReturnDraft({ ...draft, qty: "2" }, l, ctx).ok).toBe(true);
    const ok = validateReturnDraft(draft, l, { ...ctx, overrides: { approvalNote: "总监特批" } });
    expect(ok.ok && ok.value.record.reason).toBe("质量；【审批】总监特批");
  });

  test("errors: reason required, other customer's order, no way to price; unknown order is a warning", () => {
    const l = entryLedger();
    expect(codes(validateReturnDraft({ customer: "长沙华兴商贸", qty: "-1", amountText: "10" }, l, ctx))).toEqual(["entry.qty.notPositive", "entry.return.reasonRequired"]);
    expect(codes(validateReturnDraft({ customer: "西安秦川电器", orderNo: "XS20250305-001", model: "XY-100", qty: 1, reason: "x" }, l, ctx))).toEqual(["entry.return.customerMismatch"]);
    expect(codes(validateReturnDraft({ customer: "西安秦川电器", model: "无价", qty: 1, reason: "x" }, l, ctx))).toEqual(["entry.return.amountRequired"]);
    const paper = validateReturnDraft({ customer: "西安秦川电器", orderNo: "纸质-88", amountText: "50", reason: "x" }, l, ctx);
    expect(paper.ok && paper.value.warnings.map((w) => w.code)).toEqual(["entry.return.orderNotFound"]);
  });
});

describe("validateConfirmationDraft", () => {
  test("已确认 defaults to the ledger's balance; a different figure must be recorded as 有异议", () => {
    const l = entryLedger();
    const r = validateConfirmationDraft({ customer: "长沙华兴商贸", asOf: "2025-03-25" }, l, ctx);
    expect(r).toEqual({ ok: true, value: { warnings: [], record: { customer: "长沙华兴商贸", asOf: "2025-03-25", balanceFen: 108_000, status: "已确认", date: "2025-03-10" } } });
    if (r.ok) expect(Confirmation.parse(r.value.record)).toEqual(r.value.record);
    const wrong = validateConfirmationDraft({ customer: "长沙华兴商贸", asOf: "2025-03-25", balanceText: "1,000" }, l, ctx);
    expect(wrong.ok ? "" : describeIssue(wrong.issues[0]!)).toMatchInlineSnapshot(`"「长沙华兴商贸」截至 2025-03-25 账面余额 1,080.00 元，回函余额 1,000.00 元，相差 -80.00 元：请按“有异议”登记"`);
    const disputed = validateConfirmationDraft({ customer: "长沙华兴商贸", asOf: "2025-03-25", balanceText: "1,000", status: "有异议" }, l, ctx);
    expect(disputed.ok && disputed.value.record).toMatchObject({ status: "有异议", balanceFen: 100_000, differenceFen: -8_000 });
  });

  test("errors: as-of date and the disputed figure are required", () => {
    expect(codes(validateConfirmationDraft({ customer: "长沙华兴商贸", status: "有异议" }, entryLedger(), ctx))).toEqual(["entry.confirmation.asOfRequired", "entry.confirmation.figureRequired"]);
  });
});
