import { describeIssue } from "../../../src/core/i18n";
import { parseRecord, recordIssues, useZodLocale } from "../../../src/core/schemas/messages";
import { OrderLine } from "../../../src/core/schemas/records";

describe("record issues", () => {
  const bad = { date: "2025-02-30", customer: "", qty: 2, amountFen: 1.5, status: "发了", discount: 0 };

  test("zod issues become record codes, one per field, located and labelled", () => {
    const r = parseRecord("orders", bad, { sheet: "订单", row: 7 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.at?.field, i.code, i.value])).toEqual([
      ["date", "records.dateImpossible", "2025-02-30"],
      ["customer", "records.required", ""],
      ["model", "records.required", undefined],
      ["discount", "records.notPositive", "0"],
      ["amountFen", "records.notInteger", "1.5"],
      ["status", "records.notOneOf", "发了"],
    ]);
    expect(r.issues.map((i) => describeIssue(i))).toMatchInlineSnapshot(`
[
  "「订单」 第 7 行：订单日期是不存在的日期",
  "「订单」 第 7 行：客户不能为空",
  "「订单」 第 7 行：型号不能为空",
  "「订单」 第 7 行：折扣必须大于 0",
  "「订单」 第 7 行：金额必须是整数",
  "「订单」 第 7 行：状态只能是：已接单、已确认、已发货、已签收、已取消",
]
`);
    // Labels are rendered when the issue is made: ask in the language you will show.
    const en = parseRecord("orders", bad, { sheet: "订单", row: 7 }, "en-US");
    expect(en.ok ? [] : en.issues.map((i) => describeIssue(i, "en-US"))).toMatchInlineSnapshot(`
[
  "sheet "订单", row 7: Order date is a date that does not exist",
  "sheet "订单", row 7: Customer is required",
  "sheet "订单", row 7: Model is required",
  "sheet "订单", row 7: Discount must be greater than 0",
  "sheet "订单", row 7: Amount must be a whole number",
  "sheet "订单", row 7: Status must be one of: 已接单、已确认、已发货、已签收、已取消",
]
`);
 });

  test("zod's own sentence is localized into params.detail", () => {
    const e = OrderLine.safeParse({ ...bad, model: 5 });
    expect(e.success).toBe(false);
    if (e.success) return;
    const zh = recordIssues(e.error, {}, "zh-CN", { ...bad, model: 5 }).find((i) => i.at?.field === "model");
    const en = recordIssues(e.error, {}, "en-US", { ...bad, model: 5 }).find((i) => i.at?.field === "model");
    expect(zh?.code).toBe("records.invalidType");
    expect(zh?.params?.detail).toMatch(/期望 string/);
    expect(en?.params?.detail).toMatch(/expected string/);
  });

  test("a good record parses with defaults", () => {
    expect(parseRecord("payments", { date: "2025-03-05", customer: "甲", amountFen: 100 })).toEqual({ ok: true, value: { date: "2025-03-05", customer: "甲", amountFen: 100, allowance: false } });
  });

  test("a money value beyond the safe range is one unsafe-number issue", () => {
    const r = parseRecord("payments", { date: "2025-03-05", customer: "甲", amountFen: 2 ** 60 });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(["records.unsafeNumber"]);
  });

  test("a name longer than a record holds is one too-long issue with the limit and the length", () => {
    const r = parseRecord("payments", { date: "2025-03-05", customer: "甲".repeat(300), amountFen: 100 });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.params?.maximum, i.params?.length])).toEqual([["records.tooLong", 255, 300]]);
  });

  test("useZodLocale switches zod's global language (restored to English after)", () => {
    try {
      useZodLocale("zh-CN");
      expect(OrderLine.safeParse({}).error?.issues[0]?.message).toMatch(/无效输入/);
    } finally {
      useZodLocale("en-US");
    }
    expect(OrderLine.safeParse({}).error?.issues[0]?.message).toMatch(/Invalid input/);
  });
});
