import fc from "fast-check";
import { LEDGER_TABLES, customerToRow, fastRecord, ledgerTableSpecs, orderToRow, paymentToRow, rowToRecord, type LedgerTableKind, type RawCell, type WriteCell } from "../../src/core/ledger-tables";
import { isoToExcelSerial } from "../../src/core/dates";
import { Confirmation, Customer, OrderLine, Payment, Product, ReturnRecord } from "../../src/core/schemas/records";

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

describe("fastRecord (rowToRecord's valid path without zod)", () => {
  const schemas = { customers: Customer, products: Product, orders: OrderLine, payments: Payment, returns: ReturnRecord, confirmations: Confirmation } as const;
  const kinds = Object.keys(schemas) as LedgerTableKind[];
  const fields = (kind: LedgerTableKind): string[] => Object.keys(schemas[kind].shape);
  // Values near every field's edges: good and bad dates, names, fen, discounts, statuses, sources.
  const value = fc.oneof(
    fc.constantFrom<unknown>(undefined, null, "", " ", "a", "2025-03-05", "2024-02-29", "2025-02-29", "2024-02-30", "2025-04-31", "2000-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-3-5", "１２３", "月结", "现结", "已取消", "已确认", "有异议", "已发送", "x".repeat(255), "x".repeat(256)),
    fc.constantFrom<unknown>(0, -0, 1, -1, 0.5, 1.5, 1e-9, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, true, false),
    fc.constantFrom<unknown>({ sheet: "3月", row: 7 }, { sheet: "3月", row: 0 }, { sheet: "3月", row: 1.5 }, { sheet: 3, row: 7 }, { sheet: "s", row: 2, extra: 1 }, [], {}),
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.double(),
    fc.date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  );
  const isoDay = fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  /** A value the field usually takes (so that whole records are often valid). */
  const plausible = (field: string): fc.Arbitrary<unknown> => {
    if (/date|asOf/i.test(field)) return isoDay;
    if (field.endsWith("Fen")) return fc.integer({ min: -1e9, max: 1e9 });
    if (field === "qty" || field === "paymentDays") return fc.nat(1000);
    if (field === "discount") return fc.double({ min: 0.01, max: 1, noNaN: true });
    if (field === "status") return fc.constantFrom("已确认", "已发货", "已取消", "已发送", "有异议");
    if (field === "terms") return fc.constantFrom("月结", "款到发货", "现结");
    if (field === "derived" || field === "needsApproval" || field === "allowance") return fc.boolean();
    if (field === "source") return fc.record({ sheet: fc.string({ maxLength: 4 }), row: fc.integer({ min: 1, max: 1000 }) });
    return fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 254, max: 257 }).map((n) => "名".repeat(n)) });
  };
  /** A random object over the schema's fields (each present or not; mostly plausible, sometimes an edge) plus a stray key. */
  const input = (kind: LedgerTableKind): fc.Arbitrary<Record<string, unknown>> =>
    fc.record(Object.fromEntries([...fields(kind), "stray"].map((f) => [f, fc.oneof({ weight: 6, arbitrary: plausible(f) }, { weight: 1, arbitrary: value })])), { requiredKeys: [] });

  it("accepts exactly what the zod schema accepts, and gives the same record (keys in the same order)", () => {
    let accepted = 0;
    for (const kind of kinds) {
      fc.assert(
        fc.property(input(kind), (raw) => {
          const z = schemas[kind].safeParse(raw);
          const fast = fastRecord(kind, raw);
          expect(fast !== null).toBe(z.success);
          if (z.success) {
            accepted++;
            expect(fast).toStrictEqual(z.data);
            expect(Object.keys(fast!)).toEqual(Object.keys(z.data));
          }
        }),
        { numRuns: 200 },
      );
    }
    // Both branches are exercised: a good share of the random records is valid.
    expect(accepted).toBeGreaterThan(100);
  });

  it("give the same verdict when one field of a full record takes an edge value", () => {
    for (const kind of kinds) {
      const full = fc.record(Object.fromEntries(fields(kind).map((f) => [f, plausible(f)])));
      fc.assert(
        fc.property(full, value, (base, edge) => {
          for (const field of fields(kind)) {
            const raw = { ...base, [field]: edge };
            const z = schemas[kind].safeParse(raw);
            const fast = fastRecord(kind, raw);
            expect([field, fast !== null]).toEqual([field, z.success]);
            if (z.success) expect(fast).toStrictEqual(z.data);
          }
        }),
        { numRuns: 200 },
      );
    }
  });

  it("accepts valid records (the common path) the same way, whole and with only the required fields", () => {
    const valid = fc.record({
      date: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      customer: fc.string({ minLength: 1, maxLength: 255 }),
      model: fc.string({ minLength: 1, maxLength: 30 }),
      qty: fc.double({ noNaN: true, noDefaultInfinity: true }),
      amountFen: fc.maxSafeInteger(),
      priceFen: fc.maxSafeNat(),
      discount: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      status: fc.constantFrom("已接单", "已确认", "已发货", "已签收", "已取消"),
      source: fc.record({ sheet: fc.string(), row: fc.integer({ min: 1, max: 1_048_576 }) }),
    }, { requiredKeys: ["date", "customer", "model", "qty", "amountFen"] });
    fc.assert(
      fc.property(valid, (raw) => {
        const z = OrderLine.safeParse(raw);
        expect(z.success).toBe(true);
        expect(fastRecord("orders", raw)).toStrictEqual(z.data);
      }),
      { numRuns: 200 },
    );
  });

  it("still reports an invalid row through zod, at its cell", () => {
    const h = headers("payments");
    const row: RawCell[] = h.map(() => null);
    row[h.indexOf("日期")] = isoToExcelSerial("2025-03-05");
    row[h.indexOf("客户")] = "x".repeat(256);
    row[h.indexOf("金额")] = 12.5;
    const r = rowToRecord("payments", h, row, { sheet: "回款", row: 9 });
    expect(r.ok ? null : r.issues.map((i) => [i.code, i.at])).toEqual([["import.recordInvalid", { sheet: "回款", row: 9, column: "B", header: "客户", field: "customer" }]]);
  });
});
