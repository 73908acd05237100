import { DEFAULT_SEED, FIRST_DAY, LAST_DAY, WAREHOUSES, functionCalls, generateLedger, toClerkWorkbook } from "../../bench/data";
import { OrderLine, Payment } from "../../src/core/schemas/records";

describe("bench data generator", () => {
  const small = generateLedger({ lines: 3000 });

  it("is deterministic for a seed and differs for another seed", () => {
    const again = generateLedger({ lines: 3000, seed: DEFAULT_SEED });
    expect(JSON.stringify(again.input)).toBe(JSON.stringify(small.input));
    const other = generateLedger({ lines: 3000, seed: 7 });
    expect(JSON.stringify(other.input.orders.slice(0, 50))).not.toBe(JSON.stringify(small.input.orders.slice(0, 50)));
  });

  it("has exactly the requested lines, ~200 customers, ~300 models and the three warehouses", () => {
    const { customers, products, orders } = small.input;
    expect(orders).toHaveLength(3000);
    expect(customers).toHaveLength(200);
    expect(new Set(customers.map((c) => c.name)).size).toBe(200);
    expect(products).toHaveLength(300);
    expect(new Set(products.map((p) => p.model)).size).toBe(300);
    expect(new Set(customers.map((c) => c.warehouse))).toEqual(new Set(WAREHOUSES));
    expect(new Set(orders.map((o) => o.warehouse))).toEqual(new Set(WAREHOUSES));
    // Most customers buy something even in a small ledger; 月结 is the usual terms.
    expect(new Set(orders.map((o) => o.customer)).size).toBeGreaterThan(150);
    const monthly = customers.filter((c) => c.terms === "月结").length;
    expect(monthly / customers.length).toBeGreaterThan(0.7);
    expect(monthly / customers.length).toBeLessThan(0.9);
  });

  it("keeps dates in 2023–2025, in date order, with payments, returns and 折让", () => {
    const { orders, payments, returns } = small.input;
    for (const o of orders) expect(o.date >= FIRST_DAY && o.date <= LAST_DAY).toBe(true);
    expect(orders.every((o, i) => i === 0 || orders[i - 1]!.date <= o.date)).toBe(true);
    expect(new Set(orders.map((o) => o.date.slice(0, 4)))).toEqual(new Set(["2023", "2024", "2025"]));
    expect(payments.length).toBeGreaterThan(500);
    expect(payments.some((p) => p.allowance)).toBe(true);
    expect(returns.length + orders.filter((o) => o.qty < 0).length).toBeGreaterThan(10);
    expect(orders.filter((o) => o.status === "已取消").length).toBeGreaterThan(0);
  });

  it("produces records the schemas accept, with amount = price × qty × discount to the fen", () => {
    for (const o of small.input.orders.slice(0, 500)) {
      expect(OrderLine.safeParse(o).success).toBe(true);
      expect(o.amountFen).toBe(Math.sign(o.qty) * Math.round((o.priceFen ?? 0) * Math.abs(o.qty) * (o.discount ?? 1)));
    }
    for (const p of small.input.payments.slice(0, 200)) expect(Payment.safeParse(p).success).toBe(true);
  });

  it("turns the ledger into a clerk workbook with title, header, 小计 and 合计 rows", () => {
    const sheets = toClerkWorkbook(small.input);
    expect(sheets.map((s) => s.name)).toEqual(["2023年销售", "2024年销售", "2025年销售", "回款", "退货", "客户资料", "价格表"]);
    const y23 = sheets[0]!;
    expect(y23.values[0]![0]).toBe("2023年销售明细表");
    expect(y23.values[1]![0]).toBe("日期");
    expect(y23.values.filter((r) => r[0] === "小计")).toHaveLength(12);
    expect(y23.values.at(-1)![0]).toBe("合计");
    const dataRows = sheets.slice(0, 3).reduce((n, s) => n + s.values.filter((r) => r[0] !== "小计" && r[0] !== "合计").length - 2, 0);
    expect(dataRows).toBe(3000);
  });

  it("makes function calls over customers that bought, deterministically", () => {
    const a = functionCalls(small, 100);
    expect(a).toEqual(functionCalls(small, 100));
    expect(new Set(a.map((c) => c.fn))).toEqual(new Set(["sales", "qty", "collected"]));
    for (const c of a) expect(c.from).toBeLessThanOrEqual(c.to);
  });
});
