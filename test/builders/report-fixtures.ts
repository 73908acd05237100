/**
 * A small hand-made ledger for layout snapshots of reports and statements: two 月结 customers,
 * three models, a cancelled line, a return line, a returns-table record, payments and an allowance.
 */
import { Ledger } from "../../src/core/ledger";
import type { LedgerInput } from "../../src/core/schemas/records";

/** The input of `smallLedger()`. */
export function smallLedgerInput(): LedgerInput {
  return {
    customers: [
      { name: "长沙华兴商贸有限公司", code: "C001", region: "华中", warehouse: "长沙库", terms: "月结", paymentDays: 30, openingBalanceFen: 1_200_000, openingDate: "2025-02-25", derived: false },
      { name: "郑州宏达（集团）", code: "C002", region: "华北", warehouse: "郑州库", terms: "月结", openingBalanceFen: 0, derived: false },
    ],
    products: [
      { model: "XY-100", priceFen: 12_000, needsApproval: false, derived: false },
      { model: "XY-200", priceFen: 25_050, needsApproval: false, derived: false },
      { model: "ZK-5", priceFen: 3_300, needsApproval: false, derived: false },
    ],
    orders: [
      { orderNo: "XS20250303-001", date: "2025-03-03", customer: "长沙华兴商贸有限公司", model: "XY-100", qty: 10, priceFen: 12_000, amountFen: 120_000, status: "已发货", shipDate: "2025-03-04" },
      { orderNo: "XS20250303-001", date: "2025-03-03", customer: "长沙华兴商贸有限公司", model: "XY-200", qty: 4, priceFen: 25_050, amountFen: 100_200, status: "已发货", shipDate: "2025-03-04" },
      { orderNo: "XS20250305-002", date: "2025-03-05", customer: "郑州宏达(集团)", model: "ZK-5", qty: 30, priceFen: 3_300, amountFen: 99_000, status: "已签收", shipDate: "2025-03-06" },
      { orderNo: "XS20250310-003", date: "2025-03-10", customer: "长沙华兴商贸有限公司", model: "XY-100", qty: 5, priceFen: 12_000, amountFen: 60_000, status: "已发货", shipDate: "2025-03-12" },
      { orderNo: "XS20250312-004", date: "2025-03-12", customer: "长沙华兴商贸有限公司", model: "ZK-5", qty: 100, priceFen: 3_300, amountFen: 330_000, status: "已取消" },
      { orderNo: "TH20250318-001", date: "2025-03-18", customer: "长沙华兴商贸有限公司", model: "XY-100", qty: -1, priceFen: 12_000, amountFen: -12_000, status: "已确认" },
      { orderNo: "XS20250324-005", date: "2025-03-24", customer: "郑州宏达（集团）", model: "XY-200", qty: 2, priceFen: 25_050, amountFen: 50_100, status: "已确认" },
    ],
    payments: [
      { date: "2025-03-05", customer: "长沙华兴商贸有限公司", amountFen: 1_000_000, method: "电汇", account: "长沙库", ref: "HK0305", allowance: false },
      { date: "2025-03-20", customer: "长沙华兴商贸有限公司", amountFen: 5_000, ref: "ZR0320", notes: "破损补偿", allowance: true },
      { date: "2025-03-22", customer: "郑州宏达（集团）", amountFen: 50_000, method: "承兑", allowance: false },
    ],
    returns: [{ date: "2025-03-21", customer: "郑州宏达（集团）", orderNo: "XS20250305-002", model: "ZK-5", qty: 2, amountFen: 6_600, reason: "外箱破损" }],
    confirmations: [],
  };
}

/** The small ledger, built. */
export function smallLedger(): Ledger {
  return Ledger.build(smallLedgerInput());
}
