/**
 * Live update end to end on the fake Excel, through the add-in's own wiring (`startLedgerFunctions`
 * in functions/bootstrap.ts): ledger tables created by the Excel host, LEDGER formulas answered
 * from them, a new order row appended to the Orders table, the host's `onTablesChanged`
 * (workbook tables.onChanged) invalidating the index, the formulas re-evaluated with the new row.
 */
import { FakeExcel } from "../excel-fake";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { ledgerTableSpecs, orderToRow } from "../../src/core/ledger-tables";
import * as F from "../../functions/functions";
import { aCustomer, anOrder, aPayment, ledgerInput } from "../builders/ledger-builder";
import { FakeStreamingInvocation, installCustomFunctionsGlobal, sleep, until } from "./custom-functions-fake";

installCustomFunctionsGlobal();
// bootstrap.ts registers Office.onReady when imported; the test starts the functions itself.
(globalThis as unknown as { Office: unknown }).Office = { onReady: () => undefined, context: { displayLanguage: "zh-CN" } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLedgerFunctions } = require("../../functions/bootstrap") as typeof import("../../functions/bootstrap");

const input = ledgerInput({
  customers: [aCustomer({ name: "长沙华兴商贸", paymentDays: 30 }), aCustomer({ name: "西安秦川电器" })],
  orders: [anOrder({ orderNo: "SO-1", customer: "长沙华兴商贸", date: "2025-03-01", model: "XY-100", qty: 2, priceFen: 10_000, shipDate: "2025-03-02", status: "已发货" })],
  payments: [aPayment({ customer: "长沙华兴商贸", date: "2025-03-10", amountFen: 5_000 })],
});

afterEach(() => {
  FakeStreamingInvocation.cancelAll();
  F.configureFunctions(undefined);
});

it("a new order row in the Orders table updates SALES, QTY, BALANCE and LASTORDER on the grid", async () => {
  const fake = new FakeExcel();
  const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
  for (const spec of ledgerTableSpecs(input)) expect(await port.createTable(spec)).toMatchObject({ ok: true });

  const cache = startLedgerFunctions(port, "zh-CN", { debounceMs: 50, today: () => "2025-03-31" });
  await sleep(20); // the host registers tables.onChanged in its own Excel.run

  const sales = new FakeStreamingInvocation<number>();
  const qty = new FakeStreamingInvocation<number>();
  const balance = new FakeStreamingInvocation<number>();
  const last = new FakeStreamingInvocation<number>();
  const other = new FakeStreamingInvocation<number>();
  F.sales("长沙华兴商贸", "", "2025-03-01", "2025-03-31", sales.asInvocation);
  F.qty("长沙华兴商贸", "XY-100", "", "", qty.asInvocation);
  F.balance("长沙华兴商贸", "", balance.asInvocation);
  F.lastOrder("长沙华兴商贸", last.asInvocation);
  F.lastOrder("西安秦川电器", other.asInvocation);
  await until(() => [sales, qty, balance, last, other].every((i) => i.results.length > 0));
  expect([sales.shown, qty.shown, balance.shown, last.shown, other.shown]).toEqual([200, 2, 150, 45717, "#N/A 客户「西安秦川电器」还没有订单"]);

  // The clerk (or the task pane's order form) appends a row: the table fires onChanged.
  await port.appendRows("Orders", [orderToRow(anOrder({ orderNo: "SO-2", customer: "长沙华兴商贸", date: "2025-03-20", model: "XY-100", qty: 3, priceFen: 10_000 }))]);
  await port.appendRows("Orders", [orderToRow(anOrder({ orderNo: "SO-3", customer: "西安秦川电器", date: "2025-03-21", model: "XY-100", qty: 1, priceFen: 10_000 }))]);
  await until(() => sales.results.length > 1 && other.results.length > 1);
  await sleep(20);
  expect([sales.shown, qty.shown, balance.shown, last.shown, other.shown]).toEqual([500, 5, 450, 45736, 45737]);
  expect(sales.results).toEqual([200, 500]); // one update for two quick edits (debounced)
  expect(cache.builds).toBe(2);
});
