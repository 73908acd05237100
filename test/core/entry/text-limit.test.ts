/**
 * Free text on the entry forms is capped at what one Excel cell holds (32,767 characters): longer
 * text is refused at its field in the clerk's words, instead of Excel cutting it off or failing.
 */
import fc from "fast-check";
import { CELL_TEXT_MAX, tooLongFields } from "../../../src/core/entry/common";
import { validateConfirmationDraft, validateOrderDraft, validatePaymentDraft, validateReturnDraft } from "../../../src/core/entry";
import { describeIssue } from "../../../src/core/i18n";
import type { Issue, Result } from "../../../src/core/result";
import { entryLedger } from "./fixture";

const ctx = { today: "2025-03-10" };
const longest = "备".repeat(CELL_TEXT_MAX);
const tooLong = `${longest}注`;
const issues = (r: Result<unknown>): readonly Issue[] => (r.ok ? [] : r.issues);
/** An issue with long strings cut (a failing assertion must not print 32,768 characters). */
const short = (i: Issue): unknown => JSON.parse(JSON.stringify(i, (_k, v: unknown) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 10)}…(${v.length})` : v)));

/** Each form with a valid draft and its free-text fields. */
const FORMS = {
  order: { check: (d: Record<string, string>) => validateOrderDraft(d, entryLedger(), ctx), draft: { customer: "西安秦川电器", model: "XY-100", qty: "1" }, fields: ["customer", "model", "warehouse", "region", "carrier", "trackingNo", "notes", "orderNo"] },
  payment: { check: (d: Record<string, string>) => validatePaymentDraft(d, entryLedger(), ctx), draft: { customer: "西安秦川电器", amountText: "100" }, fields: ["customer", "method", "account", "ref", "notes"] },
  return: { check: (d: Record<string, string>) => validateReturnDraft(d, entryLedger(), ctx), draft: { customer: "西安秦川电器", amountText: "100", reason: "破损" }, fields: ["customer", "orderNo", "model", "reason", "resolution"] },
  confirmation: { check: (d: Record<string, string>) => validateConfirmationDraft(d, entryLedger(), ctx), draft: { customer: "西安秦川电器", asOf: "2025-03-05", status: "已发送" }, fields: ["customer", "notes"] },
} as const;

describe("free text longer than an Excel cell", () => {
  test.each(Object.entries(FORMS))("%s form: every free-text field is refused at 32,768 characters and kept at 32,767", (_name, form) => {
    expect(form.check(form.draft).ok).toBe(true);
    for (const field of form.fields) {
      expect([field, issues(form.check({ ...form.draft, [field]: tooLong })).map(short)]).toEqual([field, [{ code: "entry.text.tooLong", at: { field }, params: { length: "32,768", max: "32,767" } }]]);
      const kept = form.check({ ...form.draft, [field]: longest });
      expect([field, issues(kept).filter((i) => i.code === "entry.text.tooLong").map(short)]).toEqual([field, []]);
    }
  });

  test("kept text is written whole; several long fields are all reported, before the form's other checks", () => {
    const r = validateOrderDraft({ customer: "西安秦川电器", model: "XY-100", qty: "1", notes: longest }, entryLedger(), ctx);
    expect(r.ok && r.value.line.notes?.length).toBe(CELL_TEXT_MAX);
    const many = validatePaymentDraft({ customer: tooLong, amountText: "abc", notes: `${tooLong}${tooLong}` }, entryLedger(), ctx);
    expect(issues(many).map((i) => [i.code, i.at?.field, i.params?.length])).toEqual([
      ["entry.text.tooLong", "customer", "32,768"],
      ["entry.text.tooLong", "notes", "65,536"],
    ]);
  });

  test("what the clerk reads, in both languages", () => {
    const [issue] = issues(validateReturnDraft({ customer: "西安秦川电器", amountText: "100", reason: tooLong }, entryLedger(), ctx));
    expect([describeIssue(issue!, "zh-CN"), describeIssue(issue!, "en-US")]).toMatchInlineSnapshot(`
[
  "内容太长：共 32,768 个字，Excel 一个单元格最多只能放 32,767 个字，请删短后再保存",
  "Too long: 32,768 characters, and an Excel cell holds at most 32,767. Shorten it before saving",
]
`);
  });

  test("a note that fits until the approval note is appended is refused too, in the clerk's words", () => {
    const draft = { customer: "郑州宏达(集团)", model: "XY-100", qty: "10", status: "已发货", notes: longest };
    const order = validateOrderDraft(draft, entryLedger(), { ...ctx, overrides: { approvalNote: "王经理同意先发" } });
    expect(issues(order)).toEqual([{ code: "entry.approval.tooLong", at: { field: "notes" }, params: { length: "32,779", max: "32,767" } }]);
    expect(issues(order).map((i) => [describeIssue(i, "zh-CN"), describeIssue(i, "en-US")])).toMatchInlineSnapshot(`
[
  [
    "加上审批意见后共 32,779 个字，超过 Excel 一个单元格最多能放的 32,767 个字，请删短审批意见或原有内容",
    "With the approval note added this is 32,779 characters, more than the 32,767 an Excel cell holds. Shorten the approval note or the text",
  ],
]
`);
    expect(validateOrderDraft({ ...draft, notes: "备注" }, entryLedger(), { ...ctx, overrides: { approvalNote: "王经理同意先发" } }).ok).toBe(true);
    const ret = validateReturnDraft({ customer: "长沙华兴商贸", orderNo: "XS20250305-001", model: "XY-100", qty: "20", reason: longest }, entryLedger(), { ...ctx, overrides: { approvalNote: "总监特批" } });
    expect(issues(ret).map((i) => [i.code, i.at?.field])).toEqual([["entry.approval.tooLong", "reason"]]);
  });

  test("property: a field is refused exactly when its text as written is longer than 32,767 characters", () => {
    fc.assert(
      fc.property(fc.integer({ min: CELL_TEXT_MAX - 3, max: CELL_TEXT_MAX + 3 }), fc.constantFrom("a", "备", " "), (n, pad) => {
        const value = `x${pad.repeat(n - 2)}y`;
        const written = value.replace(/\s+/g, " ");
        const got = tooLongFields({ notes: value }, ["notes"]);
        expect(got.length).toBe(written.length > CELL_TEXT_MAX ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });
});
