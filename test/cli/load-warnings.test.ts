import { warnLoadIssues } from "../../src/cli/commands/report";
import { recordingIo } from "./io";

describe("what report and statement say on stderr about the loaded ledger", () => {
  it("names every broken confirmed balance and counts the rows that failed to load", () => {
    const io = recordingIo(process.cwd());
    warnLoadIssues(
      io,
      [
        { code: "records.ledger.confirmationBreach", severity: "warning", at: { sheet: "对账" }, params: { customer: "长沙华兴", asOf: "2025-03-25", confirmed: "425.00", current: "450.00", difference: "25.00" } },
        { code: "records.required", at: { sheet: "订单", row: 7 } },
        { code: "records.ledger.beforeOpening", severity: "warning" },
      ],
      "zh-CN",
    );
    const lines = io.err.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("长沙华兴");
    expect(lines[1]).toContain("425.00");
    expect(lines[1]).toContain("450.00");
  });
});
