import fc from "fast-check";
import { Ledger } from "../../src/core/ledger";
import type { LedgerInput } from "../../src/core/schemas/records";
import { nameKey } from "../../src/core/text";
import {
  aConfirmation,
  aCustomer,
  anOrder,
  aPayment,
  aReturn,
  arbLedgerInput,
  bigLedgerInput,
  buildLedgerInput,
  CUSTOMER_POOL,
  isoPlus,
  ledgerInput,
  STRAY_CUSTOMERS,
} from "../builders/ledger-builder";

/** The rule of DESIGN.md, computed the slow obvious way from the raw input. */
function referenceBalance(input: LedgerInput, name: string, asOf: string): number {
  const k = nameKey(name);
  const c = input.customers.find((x) => nameKey(x.name) === k);
  const od = c?.openingDate;
  const counts = (d: string): boolean => d <= asOf && (od === undefined || d > od);
  let b = c && (od === undefined || asOf >= od) ? c.openingBalanceFen : 0;
  for (const o of input.orders) if (nameKey(o.customer) === k && o.status !== "已取消" && counts(o.shipDate ?? o.date)) b += o.amountFen;
  for (const r of input.returns) if (nameKey(r.customer) === k && counts(r.date)) b -= r.amountFen;
  for (const p of input.payments) if (nameKey(p.customer) === k && counts(p.date)) b -= p.amountFen;
  return b;
}

const NAMES = [...CUSTOMER_POOL, ...STRAY_CUSTOMERS];
const arbDay = fc.integer({ min: -5, max: 140 }).map((n) => isoPlus("2025-01-01", n));
const RUNS = { numRuns: 100 };

describe("Ledger balance", () => {
  test("balance = opening + Σ sales − Σ returns − Σ payments (reference model), for any customer and date", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.constantFrom(...NAMES), arbDay, (input, name, asOf) => {
        expect(Ledger.build(input).balance(name, asOf)).toBe(referenceBalance(input, name, asOf));
      }),
      RUNS,
    );
  });

  test("balance(asOf) − balance(prev) = Σ movements in (prev, asOf] (+ the opening when its date falls inside)", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.constantFrom(...NAMES), arbDay, arbDay, (input, name, d1, d2) => {
        const [prev, asOf] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const ledger = Ledger.build(input);
        const inside = ledger.movements(name, isoPlus(prev, 1), asOf).reduce((s, m) => s + m.amountFen, 0);
        const opening = ledger.openingOf(name);
        const jump = opening.date !== undefined && prev < opening.date && opening.date <= asOf ? opening.amountFen : 0;
        expect(ledger.balance(name, asOf) - ledger.balance(name, prev)).toBe(inside + jump);
      }),
      RUNS,
    );
  });

  test("Σ customer balances = totalReceivable", () => {
    fc.assert(
      fc.property(arbLedgerInput(), arbDay, (input, asOf) => {
        const ledger = Ledger.build(input);
        const sum = ledger.customerNames().reduce((s, n) => s + ledger.balance(n, asOf), 0);
        expect(ledger.totalReceivable(asOf)).toBe(sum);
      }),
      RUNS,
    );
  });

  test("cancelled lines never count: cancelling a line changes nothing but that line's movement", () => {
    fc.assert(
      fc.property(arbLedgerInput(), arbDay, (input, asOf) => {
        const cancelled = { ...input, orders: input.orders.map((o) => ({ ...o, status: "已取消" as const })) };
        const ledger = Ledger.build(cancelled);
        for (const name of NAMES) {
          expect(ledger.movements(name).some((m) => m.record.table === "orders")).toBe(false);
          expect(ledger.balance(name, asOf)).toBe(referenceBalance({ ...input, orders: [] }, name, asOf));
        }
      }),
      { numRuns: 60 },
    );
  });

  test("movements are sorted by date, sales first within a day, each dated by ship date else order date", () => {
    fc.assert(
      fc.property(arbLedgerInput(), fc.constantFrom(...NAMES), (input, name) => {
        const ms = Ledger.build(input).movements(name);
        for (let i = 1; i < ms.length; i++) {
          const a = ms[i - 1]!;
          const b = ms[i]!;
          expect(a.date <= b.date).toBe(true);
          if (a.date === b.date && a.kind !== "sale") expect(b.kind).not.toBe("sale");
        }
        for (const m of ms) {
          if (m.record.table !== "orders") continue;
          const o = input.orders[m.record.index]!;
          expect(m.date).toBe(o.shipDate ?? o.date);
          expect(m.kind).toBe(o.amountFen < 0 || o.qty < 0 ? "return" : "sale");
        }
      }),
      RUNS,
    );
  });

  test("ship date is used before order date", () => {
    const input = ledgerInput({
      customers: [aCustomer({ name: "甲" })],
      orders: [anOrder({ customer: "甲", date: "2025-03-20", shipDate: "2025-03-27", qty: 2, priceFen: 5000 })],
    });
    const ledger = Ledger.build(input);
    expect(ledger.balance("甲", "2025-03-26")).toBe(0);
    expect(ledger.balance("甲", "2025-03-27")).toBe(10000);
    expect(ledger.ordersBetween("2025-03-20", "2025-03-20")).toHaveLength(1);
  });

  test("a worked example: opening, sale, negative line, returns record, payment, allowance", () => {
    const input = ledgerInput({
      customers: [aCustomer({ name: "郑州宏达（集团）", openingBalanceFen: 100000 })],
      orders: [
        anOrder({ customer: "郑州宏达(集团)", date: "2025-03-01", qty: 10, priceFen: 2000, orderNo: "XS20250301-001" }),
        anOrder({ customer: "郑州宏达（集团）", date: "2025-03-02", qty: -1, priceFen: 2000, orderNo: "XS20250301-001" }),
        anOrder({ customer: "郑州宏达（集团）", date: "2025-03-02", qty: 5, priceFen: 2000, status: "已取消" }),
      ],
      returns: [aReturn({ customer: "郑州宏达（集团）", date: "2025-03-02", amountFen: 1500, orderNo: "XS20250301-001" })],
      payments: [
        aPayment({ customer: "郑州宏达 （集团）", date: "2025-03-05", amountFen: 50000, ref: "工行 8812" }),
        aPayment({ customer: "郑州宏达（集团）", date: "2025-03-05", amountFen: 500, allowance: true }),
      ],
    });
    const ledger = Ledger.build(input);
    expect(ledger.balance("郑州宏达（集团）", "2025-02-28")).toBe(100000);
    expect(ledger.balance("郑州宏达（集团）", "2025-03-31")).toBe(100000 + 20000 - 2000 - 1500 - 50000 - 500);
    expect(ledger.movements("郑州宏达(集团)").map((m) => [m.date, m.kind, m.amountFen])).toMatchInlineSnapshot(`
      [
        [
          "2025-03-01",
          "sale",
          20000,
        ],
        [
          "2025-03-02",
          "return",
          -2000,
        ],
        [
          "2025-03-02",
          "return",
          -1500,
        ],
        [
          "2025-03-05",
          "payment",
          -50000,
        ],
        [
          "2025-03-05",
          "allowance",
          -500,
        ],
      ]
    `);
    expect(ledger.findCustomer("郑州宏达 (集团)")?.name).toBe("郑州宏达（集团）");
    expect(ledger.ordersOf("郑州宏达（集团）")).toHaveLength(2);
    expect(ledger.ordersOf("郑州宏达（集团）", { includeCancelled: true })).toHaveLength(3);
    expect(ledger.findOrder("XS20250301-001")).toHaveLength(2);
    expect(ledger.paymentsBetween("2025-03-05", "2025-03-05")).toHaveLength(2);
    expect(ledger.returnsBetween("2025-03-01", "2025-03-01")).toHaveLength(0);
    expect(ledger.dateRange()).toEqual({ from: "2025-03-01", to: "2025-03-05" });
  });

  test("opening date: movements on or before it are inside the opening and reported once", () => {
    const input = ledgerInput({
      customers: [aCustomer({ name: "甲", openingBalanceFen: 7000, openingDate: "2025-02-28" })],
      orders: [anOrder({ customer: "甲", date: "2025-02-10", qty: 1, priceFen: 3000 }), anOrder({ customer: "甲", date: "2025-03-10", qty: 1, priceFen: 1000 })],
    });
    const ledger = Ledger.build(input);
    expect(ledger.balance("甲", "2025-02-27")).toBe(0);
    expect(ledger.balance("甲", "2025-02-28")).toBe(7000);
    expect(ledger.balance("甲", "2025-03-10")).toBe(8000);
    expect(ledger.movements("甲")).toHaveLength(1);
    expect(ledger.warnings).toEqual([{ code: "records.ledger.beforeOpening", severity: "warning", params: { customer: "甲", count: 1, date: "2025-02-28" } }]);
  });

  test("unknown names: transaction-only names get their movements' balance; a name with nothing has 0", () => {
    const input = ledgerInput({ orders: [anOrder({ customer: "散户", date: "2025-01-02", qty: 1, priceFen: 999 })] });
    const ledger = Ledger.build(input);
    expect(ledger.findCustomer("散户")).toBeUndefined();
    expect(ledger.balance("散户", "2025-12-31")).toBe(999);
    expect(ledger.balance("无此人", "2025-12-31")).toBe(0);
    expect(ledger.movements("无此人")).toEqual([]);
    expect(ledger.customerNames()).toEqual(["散户"]);
    expect(Ledger.build(ledgerInput()).dateRange()).toBeUndefined();
  });

  test("a duplicate master name is reported and the first record wins", () => {
    const ledger = Ledger.build(ledgerInput({ customers: [aCustomer({ name: "甲", openingBalanceFen: 1 }), aCustomer({ name: "甲 ", openingBalanceFen: 2 })] }));
    expect(ledger.balance("甲", "2025-01-01")).toBe(1);
    expect(ledger.warnings.map((w) => w.code)).toEqual(["records.ledger.duplicateCustomer"]);
  });

  test("a bad asOf is a bug and throws", () => {
    expect(() => Ledger.build(ledgerInput()).balance("甲", "2025/1/1")).toThrow(/ISO/);
  });

  test("ordersBetween returns exactly the non-cancelled lines with order date in range, by date", () => {
    fc.assert(
      fc.property(arbLedgerInput(), arbDay, arbDay, (input, d1, d2) => {
        const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const got = Ledger.build(input).ordersBetween(from, to);
        const want = input.orders.filter((o) => o.status !== "已取消" && o.date >= from && o.date <= to);
        expect(new Set(got)).toEqual(new Set(want));
        expect(got).toHaveLength(want.length);
        for (let i = 1; i < got.length; i++) expect(got[i - 1]!.date <= got[i]!.date).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("Ledger confirmations", () => {
  test("confirmations equal to the ledger's balance hold; an edit dated inside breaks them and is reported", () => {
    fc.assert(
      fc.property(arbLedgerInput({ openingDates: false }), fc.constantFrom(...CUSTOMER_POOL), arbDay, fc.integer({ min: 1, max: 100000 }), (input, name, asOf, extra) => {
        const base = Ledger.build(input);
        const confirmed = { ...input, confirmations: [aConfirmation({ customer: name, asOf, balanceFen: base.balance(name, asOf) })] };
        expect(Ledger.build(confirmed).checkConfirmations()).toEqual([]);
        const edited = { ...confirmed, payments: [...input.payments, aPayment({ customer: name, date: asOf, amountFen: extra, ref: "late" })] };
        const breaches = Ledger.build(edited).checkConfirmations();
        expect(breaches).toHaveLength(1);
        expect(breaches[0]).toMatchObject({ customer: name, asOf, confirmedFen: base.balance(name, asOf), currentFen: base.balance(name, asOf) - extra, differenceFen: -extra });
        expect(breaches[0]!.suspects.some((m) => m.ref === "late")).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  test("with a snapshot, a breach names exactly the records added and removed since, and they explain the difference", () => {
    fc.assert(
      fc.property(arbLedgerInput({ openingDates: false }), fc.constantFrom(...CUSTOMER_POOL), arbDay, fc.nat(), fc.integer({ min: 1, max: 9999 }), (input, name, asOf, pick, bump) => {
        const base = Ledger.build(input);
        const snap = base.snapshot(name, asOf);
        const confirmations = [aConfirmation({ customer: name, asOf, balanceFen: base.balance(name, asOf) })];
        // Edit one of the customer's payments dated ≤ asOf (if any) by `bump` fen.
        const mine = input.payments.map((p, i) => [p, i] as const).filter(([p]) => nameKey(p.customer) === nameKey(name) && p.date <= asOf);
        const target = mine.length ? mine[pick % mine.length]![1] : -1;
        const payments = input.payments.map((p, i) => (i === target ? { ...p, amountFen: p.amountFen + bump } : p));
        const breaches = Ledger.build({ ...input, payments, confirmations }).checkConfirmations([snap]);
        if (target < 0) {
          expect(breaches).toEqual([]);
          return;
        }
        expect(breaches).toHaveLength(1);
        const { changes, differenceFen } = breaches[0]!;
        expect(differenceFen).toBe(-bump);
        const addedSum = changes!.added.reduce((s, m) => s + m.amountFen, 0);
        const removedSum = changes!.removed.reduce((s, f) => s + Number(f.split("|")[2]), 0);
        expect(addedSum - removedSum).toBe(differenceFen);
        expect(changes!.added.map((m) => m.record)).toEqual([{ table: "payments", index: target }]);
      }),
      { numRuns: 80 },
    );
  });

  test("only 已确认 confirmations are assertions", () => {
    const input = ledgerInput({ confirmations: [aConfirmation({ customer: "甲", asOf: "2025-01-31", balanceFen: 5, status: "有异议" }), aConfirmation({ customer: "甲", asOf: "2025-01-31", balanceFen: 5, status: "已发送" })] });
    expect(Ledger.build(input).checkConfirmations()).toEqual([]);
  });
});

describe("Ledger generated fixtures", () => {
  test("buildLedgerInput is deterministic", () => {
    expect(buildLedgerInput(42)).toEqual(buildLedgerInput(42));
  });

  test("a 20,000-line ledger builds and answers like the reference", () => {
    const input = bigLedgerInput(20_000, 50);
    const ledger = Ledger.build(input);
    const name = input.customers[7]!.name;
    expect(ledger.balance(name, "2025-06-30")).toBe(referenceBalance(input, name, "2025-06-30"));
    expect(ledger.ordersBetween("2025-01-01", "2025-01-31").length).toBeGreaterThan(0);
  });
});
