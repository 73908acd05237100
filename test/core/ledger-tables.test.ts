import fc from "fast-check";
import { LEDGER_TABLES, customerToRow, ledgerTableSpecs, orderToRow, paymentToRow, rowToRecord, type RawCell, type WriteCell } from "../../src/core/ledger-tables";
import { isoToExcelSerial } from "../../src/core/dates";
import type { OrderLine } from "../../src/core/schemas/records";

/** What a host gives back for a written cell: dates become serials. */
const asRead = (c: WriteCell): RawCell => (c !== null && typeof c === "object" ? isoToExcelSerial(c.date) : c);
const headers = (kind: keyof typeof LEDGER_TABLES): string[] => LEDGER_TABLES[kind].columns.map((c) => c.header);

describe("ledger tables", () => {
  it("have Chinese headers, English fields, yuan and date formats", () => {
    expect(headers("orders")).toEqual(["订单号", "日期", "客户", "型号", "数量", "单价", "折扣", "金额", "仓库", "区域", "状态", "承运商", "运单号", "发货日期", "备注", "来源表", "来源行"]);
    const amount = LEDGER_TABLES.orders.columns.find((c) => c.field === "amountFen");
    const date = LEDGER_TABLES.orders.columns.find((c) => c.field === "date");
    expect([amount?.numberFormat, date?.numberFormat, date?.validation]).toEqual(["#,##0.00", "yyyy-mm-dd", { type: "date" }]);
    expect(Object.values(LEDGER_TABLES).map((d) => `${d.sheetName}/${d.tableName}`)).toEqual(["客户/Customers", "产品/Products", "订单/Orders", "回款/Payments", "退货/Returns", "对账/Confirmations"]);
  });

  it("write money as yuan and dates as date cells", () => {
    const line: OrderLine = { date: "2025-03-05", customer: "甲", model: "M1", qty: 2, priceFen: 12345, amountFen: 24690, status: "已发货", shipDate: "2025-03-06", source: { sheet: "3月", row: 7 } };
    expect(orderToRow(line)).toEqual([null, { date: "2025-03-05" }, "甲", "M1", 2, 123.45, null, 246.9, null, null, "已发货", null, null, { date: "2025-03-06" }, null, "3月", 7]);
    expect(paymentToRow({ date: "2025-03-05", customer: "甲", amountFen: -5, allowance: true })).toEqual([{ date: "2025-03-05" }, "甲", -0.05, null, null, null, null, "是", null, null]);
  });

  it("give every transaction column a customer / model list from the masters", () => {
    const specs = ledgerTableSpecs({ customers: [{ name: "甲", openingBalanceFen: 0, derived: false }], products: [{ model: "M1", needsApproval: false, derived: false }], orders: [], payments: [], returns: [], confirmations: [] });
    const orders = specs.find((s) => s.tableName === "Orders")!;
    expect(orders.columns.find((c) => c.field === "customer")?.validation).toEqual({ type: "list", values: ["甲"] });
    expect(orders.columns.find((c) => c.field === "model")?.validation).toEqual({ type: "list", values: ["M1"] });
  });

  it("read back what they wrote (orders, property)", () => {
    const arbLine = fc.record({
      date: fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10)),
      customer: fc.constantFrom("长沙华兴(集团)", "郑州宏达", "=危险的名字", "+86"),
      model: fc.constantFrom("HX-100", "236701", "@M"),
      qty: fc.integer({ min: -100, max: 1000 }),
      priceFen: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
      amountFen: fc.integer({ min: -1e9, max: 1e9 }),
      status: fc.constantFrom("已接单", "已确认", "已发货", "已签收", "已取消" as const),
      notes: fc.option(fc.constantFrom("加急", "-"), { nil: undefined }),
      source: fc.option(fc.record({ sheet: fc.constantFrom("1月", "Sheet1"), row: fc.integer({ min: 2, max: 10000 }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbLine, (raw) => {
        const line = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as OrderLine;
        const back = rowToRecord("orders", headers("orders"), orderToRow(line).map(asRead), { sheet: "订单", row: 2 });
        expect(back).toEqual({ ok: true, value: line });
      }),
      { numRuns: 200 },
    );
  });

  it("find columns by header (reordered, extra columns) and report a bad cell where it is", () => {
    const hs = ["客户名称", "备注(自己加的)", "期初应收", "结算方式"];
    expect(rowToRecord("customers", hs, ["甲", "x", 1234.5, "月结"], { sheet: "客户", row: 5 })).toEqual({ ok: true, value: { name: "甲", openingBalanceFen: 123450, terms: "月结", derived: false } });
    const bad = rowToRecord("customers", hs, ["甲", null, "一千", "月结"], { sheet: "客户", row: 5 });
    expect(bad).toEqual({ ok: false, issues: [{ code: "money.notANumber", value: "一千", at: { sheet: "客户", row: 5, column: "C", header: "期初应收", field: "openingBalanceFen" } }] });
    const invalid = rowToRecord("customers", hs, ["甲", null, null, "年结"], { sheet: "客户", row: 6 });
    expect(invalid.ok ? [] : invalid.issues.map((i) => [i.code, i.at?.column, i.at?.field])).toEqual([["import.recordInvalid", "D", "terms"]]);
    expect(customerToRow({ name: "甲", openingBalanceFen: 0, derived: true })[13]).toBe("是");
  });
});
