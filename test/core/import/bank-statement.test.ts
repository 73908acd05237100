import { importWorkbook } from "../../../src/core/import/import-workbook";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : ""}`);

describe("importWorkbook: a bank statement pasted as the 回款 sheet", () => {
  it("money in from the other party is a payment; money out is skipped as no payment", () => {
    const g = grid("银行流水", [
      ["交易日期", "对方户名", "摘要", "收入金额", "支出金额", "余额"],
      ["2025-06-01", "长沙华兴商贸有限公司", "货款", 5000, null, 15000],
      ["2025-06-02", "某物流公司", "运费", null, 300, 14700],
      ["2025-06-03", "郑州宏达(集团)", "货款", 8000, null, 22700],
    ]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.role).toBe("payments");
    expect(kinds(r, "银行流水")).toEqual(["2:imported", "3:skipped:outflow", "4:imported"]);
    expect(r.input.payments.map((p) => [p.date, p.customer, p.amountFen, p.notes])).toEqual([
      ["2025-06-01", "长沙华兴商贸有限公司", 500000, "货款"],
      ["2025-06-03", "郑州宏达(集团)", 800000, "货款"],
    ]);
  });

  it("a bank statement in 借方 / 贷方 columns is never read as a receivable journal (its 借方 is money paid out)", () => {
    const g = grid("网银对账单", [
      ["日期", "对方户名", "摘要", "借方发生额", "贷方发生额", "余额"],
      ["2025-06-01", "某物流公司", "运费", 300, null, 9700],
      ["2025-06-02", "长沙华兴商贸有限公司", "货款", null, 5000, 14700],
    ]);
    const r = importWorkbook([g]);
    expect(r.input.orders).toEqual([]);
    expect(r.detections[0]!.role).not.toBe("orders");
  });
});
