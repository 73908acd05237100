/**
 * Assertions: a confirmed statement balance (对账 已确认) is an assertion about the ledger. Editing a
 * line dated inside the confirmed period must be reported on the next load (`loadLedger`), naming
 * the customer, the confirmed balance and the new one — on both hosts. Editing a line dated after
 * the confirmation is not a breach (so the check cannot pass by always complaining).
 */
import type { SheetGrid } from "../../src/core/import/types";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { loadLedger } from "../../src/app/load-ledger";
import { recordConfirmation } from "../../src/app/record-confirmation";
import { describeIssue } from "../../src/core/i18n";
import { formatFen } from "../../src/core/money";
import type { Issue } from "../../src/core/result";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { FakeExcel } from "../excel-fake";
import { gridsToExcelJs, gridsToFake } from "../builders/hostile";
import { trackSuite } from "./summary";

const counter = trackSuite("assertions");

const CUSTOMER = "长沙华兴商贸";
const AS_OF = "2025-03-25";
const SOURCE: SheetGrid = {
  name: "销售明细",
  startRow: 0,
  startCol: 0,
  values: [
    ["日期", "客户", "型号", "数量", "单价", "金额"],
    [45721, CUSTOMER, "XY-100", 10, 12.5, 125], // 2025-03-05: inside the confirmed period
    [45730, CUSTOMER, "XY-200", 1, 300, 300], // 2025-03-14: inside
    [45747, CUSTOMER, "XY-100", 2, 12.5, 25], // 2025-03-31: after the confirmation
  ],
  formats: [[], ["yyyy-mm-dd"], ["yyyy-mm-dd"], ["yyyy-mm-dd"]],
  formulas: [],
  merges: [],
};

/** True when the issue carries `fen` (as fen, yuan or formatted) in its params or its words. */
function mentions(issue: Issue, fen: number): boolean {
  const forms = [fen, fen / 100, formatFen(fen), String(fen), String(fen / 100)];
  const params = Object.values(issue.params ?? {});
  if (params.some((v) => forms.includes(v))) return true;
  const words = `${describeIssue(issue, "zh-CN")} ${describeIssue(issue, "en-US")}`;
  return words.includes(formatFen(fen));
}

/** Issues of a load that name the customer and both balances. */
function breaches(issues: readonly Issue[], confirmedFen: number, currentFen: number): Issue[] {
  return issues.filter((i) => JSON.stringify(i).includes(CUSTOMER) || describeIssue(i).includes(CUSTOMER)).filter((i) => mentions(i, confirmedFen) && mentions(i, currentFen));
}

interface Host {
  readonly name: string;
  make(): Promise<{ port: WorkbookPort; setAmount(row: number, yuan: number): Promise<void> }>;
}

const HOSTS: readonly Host[] = [
  {
    name: "xlsx host",
    async make() {
      const port = XlsxWorkbook.wrap(gridsToExcelJs([SOURCE]));
      return {
        port,
        async setAmount(dataRow, yuan) {
          // The clerk edits the 金额 cell of the 订单 table by hand.
          const data = await port.readTable("Orders");
          const col = data!.headers.indexOf("金额");
          const ws = port.workbook.getWorksheet(data!.sheetName)!;
          ws.getCell(dataRow + 2, col + 1).value = yuan;
        },
      };
    },
  },
  {
    name: "Excel host (fake)",
    async make() {
      const fake = new FakeExcel();
      gridsToFake([SOURCE], fake);
      const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
      return {
        port,
        async setAmount(dataRow, yuan) {
          const data = await port.readTable("Orders");
          const col = data!.headers.indexOf("金额");
          const t = fake.tables.find((x) => x.name === "Orders")!;
          fake.type(t.sheet.name, t.rect.row + 1 + dataRow, t.rect.col + col, String(yuan));
        },
      };
    },
  },
];

describe.each(HOSTS)("confirmed balances on the $name", (host) => {
  async function confirmed(): Promise<{ port: WorkbookPort; setAmount(row: number, yuan: number): Promise<void>; confirmedFen: number; orderRowOf(date: string): Promise<number> }> {
    const h = await host.make();
    expect((await convertWorkbook(h.port)).ok).toBe(true);
    const { ledger } = await loadLedger(h.port);
    const confirmedFen = ledger.balance(CUSTOMER, AS_OF);
    expect(confirmedFen).toBe(42_500);
    const r = await recordConfirmation(h.port, ledger, { customer: CUSTOMER, asOf: AS_OF, status: "已确认", date: "2025-03-28" }, { today: "2025-03-28" });
    expect(r.ok).toBe(true);
    // Freshly recorded: the next load is clean.
    const clean = await loadLedger(h.port);
    expect(clean.ledger.confirmations).toHaveLength(1);
    expect(breaches(clean.issues, confirmedFen, confirmedFen)).toEqual([]);
    const orderRowOf = async (date: string): Promise<number> => {
      const { ledger: l } = await loadLedger(h.port);
      return l.orders.findIndex((o) => o.date === date);
    };
    return { ...h, confirmedFen, orderRowOf };
  }

  counter.test("editing a line inside the confirmed period is reported on the next load with customer, confirmed and new balance", async () => {
    const c = await confirmed();
    const row = await c.orderRowOf("2025-03-05");
    expect(row).toBeGreaterThanOrEqual(0);
    await c.setAmount(row, 150); // 125 → 150: the receivable at 03-25 grows by 25.00
    const loaded = await loadLedger(c.port);
    const newFen = c.confirmedFen + 2_500;
    expect(loaded.ledger.balance(CUSTOMER, AS_OF)).toBe(newFen);
    expect(loaded.ledger.checkConfirmations().map((b) => [b.customer, b.confirmedFen, b.currentFen])).toEqual([[CUSTOMER, c.confirmedFen, newFen]]);
    const found = breaches(loaded.issues, c.confirmedFen, newFen);
    expect(found.map((i) => describeIssue(i))).toHaveLength(1);
    counter.add("breachesReported", found.length);
    counter.add("edits");
  });

  counter.test("editing a line dated after the confirmation is not a breach", async () => {
    const c = await confirmed();
    const row = await c.orderRowOf("2025-03-31");
    expect(row).toBeGreaterThanOrEqual(0);
    await c.setAmount(row, 99);
    const loaded = await loadLedger(c.port);
    expect(loaded.ledger.checkConfirmations()).toEqual([]);
    expect(loaded.issues.filter((i) => JSON.stringify(i).includes(AS_OF))).toEqual([]);
    counter.add("edits");
  });
});
