import { enterOrder } from "../../src/app/enter-order";
import { enterPayment } from "../../src/app/enter-payment";
import { enterReturn } from "../../src/app/enter-return";
import { recordConfirmation } from "../../src/app/record-confirmation";
import { LEDGER_TABLE_ORDER, ledgerTableSpec, rowToRecord } from "../../src/core/ledger-tables";
import { entryLedger } from "../core/entry/fixture";
import { MemoryPort } from "../builders/memory-port";

const ctx = { today: "2025-03-10" };

async function ledgerWorkbook(): Promise<MemoryPort> {
  const port = new MemoryPort();
  for (const kind of LEDGER_TABLE_ORDER) await port.createTable(ledgerTableSpec(kind, []));
  port.calls.length = 0;
  return port;
}

describe("enterOrder", () => {
  test("a valid order is one appendRows call of one row that reads back as the same line", async () => {
    const port = await ledgerWorkbook();
    const r = await enterOrder(port, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "2", priceText: "120", shipDate: "2025-03-10", carrier: "德邦" }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(port.count("appendRows")).toBe(1);
    expect(r.value.rowCount).toBe(1);
    const t = port.table("Orders");
    expect(t.rows).toHaveLength(1);
    const back = rowToRecord("orders", t.headers, t.rows[0]!, { sheet: t.sheetName, row: 2 });
    expect(back).toEqual({ ok: true, value: r.value.record });
    expect(r.value.record).toMatchObject({ orderNo: "XS20250310-001", amountFen: 24_000, status: "已发货", shipDate: "2025-03-10", carrier: "德邦" });
  });

  test("an invalid or refused draft leaves the workbook untouched", async () => {
    const port = await ledgerWorkbook();
    const bad = await enterOrder(port, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "abc" }, ctx);
    const refused = await enterOrder(port, entryLedger(), { customer: "郑州宏达（集团）", model: "XY-100", qty: "100", status: "已发货" }, ctx);
    expect([bad.ok, refused.ok]).toEqual([false, false]);
    expect(refused.ok ? [] : refused.issues.map((i) => i.code)).toEqual(["entry.rule.prepaymentRequired"]);
    expect(port.calls).toEqual([]);
  });

  test("text longer than an Excel cell is refused on every form and nothing is written", async () => {
    const port = await ledgerWorkbook();
    const long = "长".repeat(32_768);
    const results = [
      await enterOrder(port, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "1", notes: long }, ctx),
      await enterPayment(port, entryLedger(), { customer: "长沙华兴商贸", amountText: "100", ref: long }, ctx),
      await enterReturn(port, entryLedger(), { customer: "长沙华兴商贸", amountText: "100", reason: "破损", resolution: long }, ctx),
      await recordConfirmation(port, entryLedger(), { customer: long, asOf: "2025-03-05" }, ctx),
    ];
    expect(results.map((r) => (r.ok ? [] : r.issues.map((i) => [i.code, i.at?.field])))).toEqual([
      [["entry.text.tooLong", "notes"]],
      [["entry.text.tooLong", "ref"]],
      [["entry.text.tooLong", "resolution"]],
      [["entry.text.tooLong", "customer"]],
    ]);
    expect(port.calls).toEqual([]);
  });

  test("a workbook without the ledger tables gets entry.table.missing and no write", async () => {
    const port = new MemoryPort();
    const r = await enterOrder(port, entryLedger(), { customer: "长沙华兴商贸", model: "XY-100", qty: "1" }, ctx);
    expect(r).toEqual({ ok: false, issues: [{ code: "entry.table.missing", params: { table: "Orders", sheet: "订单" } }] });
    expect(port.count("appendRows")).toBe(0);
  });
});

describe("enterPayment, enterReturn, recordConfirmation", () => {
  test("each appends one row to its own table, reading back as the record", async () => {
    const port = await ledgerWorkbook();
    const ledger = entryLedger();
    const p = await enterPayment(port, ledger, { customer: "长沙华兴商贸", amountText: "1,080.00", date: "2025-03-09", ref: "农行-77" }, ctx);
    const r = await enterReturn(port, ledger, { customer: "长沙华兴商贸", orderNo: "XS20250305-001", model: "XY-100", qty: "1", reason: "破损" }, ctx);
    const c = await recordConfirmation(port, ledger, { customer: "长沙华兴商贸", asOf: "2025-03-06", balanceText: "1,000", status: "有异议" }, ctx);
    expect([p.ok, r.ok, c.ok]).toEqual([true, true, true]);
    expect(port.count("appendRows")).toBe(3);
    const read = (table: string, kind: "payments" | "returns" | "confirmations") => {
      const t = port.table(table);
      expect(t.rows).toHaveLength(1);
      return rowToRecord(kind, t.headers, t.rows[0]!, { sheet: t.sheetName, row: 2 });
    };
    expect(read("Payments", "payments")).toEqual({ ok: true, value: p.ok && p.value.record });
    expect(read("Returns", "returns")).toEqual({ ok: true, value: r.ok && r.value.record });
    expect(read("Confirmations", "confirmations")).toEqual({ ok: true, value: c.ok && c.value.record });
    expect(c.ok && c.value.record.differenceFen).toBe(-8_000);
  });

  test("a 已确认 reply that disagrees with the ledger is refused and not written", async () => {
    const port = await ledgerWorkbook();
    const c = await recordConfirmation(port, entryLedger(), { customer: "长沙华兴商贸", asOf: "2025-03-06", balanceText: "1,000" }, ctx);
    expect(c.ok ? [] : c.issues.map((i) => i.code)).toEqual(["entry.confirmation.mismatch"]);
    expect(port.count("appendRows")).toBe(0);
  });
});
