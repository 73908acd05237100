import { Ledger } from "../../src/core/ledger";
import { describeIssue } from "../../src/core/i18n";
import { checkOrder, emptyOrderForm, previewOrderNo, type OrderForm } from "../../taskpane/entry-forms";
import { aCustomer, anOrder, aProduct, ledgerInput } from "../builders/ledger-builder";

const TODAY = "2025-03-05";
const ledger = Ledger.build(
  ledgerInput({
    customers: [aCustomer({ name: "长沙华兴", terms: "现结" }), aCustomer({ name: "郑州宏达", terms: "款到发货" }), aCustomer({ name: "西安定制", terms: "现结" })],
    products: [aProduct({ model: "XY-100", priceFen: 120000 }), aProduct({ model: "定制-9", priceFen: 980000, needsApproval: true })],
    orders: [anOrder({ customer: "长沙华兴", date: TODAY, model: "XY-100", qty: 1, priceFen: 120000, amountFen: 120000, orderNo: "XS20250305-001" })],
  }),
);

function form(over: Partial<OrderForm>): OrderForm {
  return { ...emptyOrderForm(TODAY), ...over };
}

describe("checkOrder (what the order form shows while the clerk types)", () => {
  test("a bad quantity is a field message on qty, and the amount waits for it", () => {
    const c = checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "abc" }), ledger, TODAY);
    expect(c.fieldIssues.map((i) => [i.at?.field, describeIssue({ ...i, at: undefined })])).toMatchInlineSnapshot(`
      [
        [
          "qty",
          "数量必须是数字：abc",
        ],
      ]
    `);
    expect(c.ruleIssues).toEqual([]);
    expect(c.amountFen).toBeNull();
  });

  test("the amount is live: list price × qty × discount", () => {
    expect(checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "3" }), ledger, TODAY).amountFen).toBe(360000);
    expect(checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "3", discount: "9折" }), ledger, TODAY).amountFen).toBe(324000);
    expect(checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "2", priceText: "1,000.50" }), ledger, TODAY).amountFen).toBe(200100);
  });

  test("款到发货 shipped before payment is a business rule that an approval note may override", () => {
    const c = checkOrder(form({ customer: "郑州宏达", model: "XY-100", qty: "1", shipDate: TODAY }), ledger, TODAY);
    expect(c.ruleIssues.map((i) => i.code)).toEqual(["entry.rule.prepaymentRequired"]);
    expect(c.fieldIssues).toEqual([]);
    expect(c.overridable).toBe(true);
    expect(c.needsApproval).toBe(true);
    expect(c.amountFen).toBe(120000);
  });

  test("a product that needs approval says so", () => {
    const c = checkOrder(form({ customer: "西安定制", model: "定制-9", qty: "1" }), ledger, TODAY);
    expect(c.ruleIssues.map((i) => i.code)).toEqual(["entry.rule.productNeedsApproval"]);
    expect(c.needsApproval).toBe(true);
  });

  test("a duplicate order number is refused on the field, with no override offered", () => {
    const c = checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "1", orderNo: "XS20250305-001" }), ledger, TODAY);
    expect(c.fieldIssues.map((i) => [i.at?.field, i.code])).toEqual([["orderNo", "entry.orderNo.duplicate"]]);
    expect(c.needsApproval).toBe(false);
    const nextLine = checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "1", orderNo: "XS20250305-001" }), ledger, TODAY, true);
    expect(nextLine.fieldIssues.filter((i) => i.severity !== "warning")).toEqual([]);
    const otherCustomer = checkOrder(form({ customer: "西安定制", model: "XY-100", qty: "1", orderNo: "XS20250305-001" }), ledger, TODAY, true);
    expect(otherCustomer.fieldIssues.map((i) => i.code)).toEqual(["entry.orderNo.duplicate"]);
  });

  test("a sound order has no blocking issue, and blank order numbers preview the next free one", () => {
    const c = checkOrder(form({ customer: "长沙华兴", model: "XY-100", qty: "2" }), ledger, TODAY);
    expect(c.fieldIssues.filter((i) => i.severity !== "warning")).toEqual([]);
    expect(c.ruleIssues).toEqual([]);
    expect(previewOrderNo(ledger, TODAY, TODAY)).toBe("XS20250305-002");
    expect(previewOrderNo(ledger, "2025-03-06", TODAY)).toBe("XS20250306-001");
    expect(previewOrderNo(ledger, "2025-02-30", TODAY)).toBe("XS20250305-002");
  });
});
