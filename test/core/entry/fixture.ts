import { Ledger } from "../../../src/core/ledger";
import { aCustomer, anOrder, aPayment, aProduct, ledgerInput } from "../../builders/ledger-builder";

/** A small ledger with one customer of each kind of terms. */
export function entryLedger(): Ledger {
  return Ledger.build(
    ledgerInput({
      customers: [
        aCustomer({ name: "长沙华兴商贸", terms: "月结", creditLimitFen: 10_000_000, warehouse: "长沙库", region: "华中" }),
        aCustomer({ name: "郑州宏达（集团）", terms: "款到发货", warehouse: "郑州库" }),
        aCustomer({ name: "西安秦川电器", terms: "现结" }),
      ],
      products: [aProduct({ model: "XY-100", priceFen: 12_000 }), aProduct({ model: "定制-9", priceFen: 99_900, needsApproval: true }), aProduct({ model: "无价" })],
      orders: [
        anOrder({ orderNo: "XS20250305-001", customer: "长沙华兴商贸", date: "2025-03-05", model: "XY-100", qty: 10, priceFen: 12_000, discount: 0.9, amountFen: 108_000, shipDate: "2025-03-06", status: "已发货" }),
        anOrder({ orderNo: "XS20250305-002", customer: "西安秦川电器", date: "2025-03-05", model: "XY-100", qty: 1, priceFen: 12_000 }),
      ],
      payments: [aPayment({ customer: "郑州宏达（集团）", date: "2025-03-01", amountFen: 50_000, ref: "工行-001" })],
    }),
  );
}
