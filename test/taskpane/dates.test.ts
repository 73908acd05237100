import { lastSettlementPeriod, monthOfIso, previousMonth, yesterdayOf } from "../../taskpane/dates";

describe("pane date defaults", () => {
  test("yesterday crosses month and leap-year ends", () => {
    expect(yesterdayOf("2025-03-01")).toBe("2025-02-28");
    expect(yesterdayOf("2024-03-01")).toBe("2024-02-29");
    expect(yesterdayOf("2025-01-01")).toBe("2024-12-31");
  });

  test("the settlement period just ended: 26th–25th", () => {
    expect(lastSettlementPeriod("2025-03-27")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(lastSettlementPeriod("2025-03-25")).toEqual({ from: "2025-02-26", to: "2025-03-25" });
    expect(lastSettlementPeriod("2025-03-10")).toEqual({ from: "2025-01-26", to: "2025-02-25" });
    expect(lastSettlementPeriod("2025-01-05")).toEqual({ from: "2024-11-26", to: "2024-12-25" });
  });

  test("month of a date, and the month before", () => {
    expect(monthOfIso("2025-03-05")).toBe("2025-03");
    expect(previousMonth("2025-03")).toBe("2025-02");
    expect(previousMonth("2025-01")).toBe("2024-12");
  });
});
