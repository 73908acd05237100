import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { recordingIo } from "./io";

// A sheet whose 月份 column holds 1–3 and whose year is only in the file's name.
let dir: string;
const savedEnv = process.env.SALES_LEDGER_CACHE_DIR;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sales-ledger-file-name-"));
  process.env.SALES_LEDGER_CACHE_DIR = join(dir, "cache");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("华兴");
  ws.addRow(["月份", "客户", "型号", "数量", "金额"]);
  ws.addRow([1, "长沙华兴商贸", "XY-100", 1, 100]);
  ws.addRow([2, "长沙华兴商贸", "XY-100", 2, 200]);
  ws.addRow([3, "长沙华兴商贸", "XY-200", 3, 300]);
  await wb.xlsx.writeFile(join(dir, "销售_202305_导出.xlsx"));
  copyFileSync(join(dir, "销售_202305_导出.xlsx"), join(dir, "台账.xlsx"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.SALES_LEDGER_CACHE_DIR;
  else process.env.SALES_LEDGER_CACHE_DIR = savedEnv;
});

async function run(...argv: string[]) {
  const io = recordingIo(dir);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("the workbook's file name reaches the import (a year for month-only dates)", () => {
  it("import --json dates the months in the file name's year; the same bytes under a name without a year are refused", async () => {
    const named = await run("import", "销售_202305_导出.xlsx", "--json");
    expect(named.code).toBe(0);
    const json = JSON.parse(named.out) as { ledger: { orders: { lines: number; amountFen: number } }; rejected: unknown[] };
    expect([json.ledger.orders.lines, json.ledger.orders.amountFen, json.rejected.length]).toEqual([3, 60000, 0]);
    const plain = await run("import", "台账.xlsx", "--json");
    const pj = JSON.parse(plain.out) as { ledger: { orders: { lines: number } }; rejected: { reasons: string[] }[] };
    expect([pj.ledger.orders.lines, pj.rejected.length]).toEqual([0, 3]);
    expect(pj.rejected[0]?.reasons.join("")).toContain("不知道是哪一年");
  });

  it("report on the raw workbook dates the lines the same way, also through the cache, and a renamed copy is not served from it", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await run("report", "销售_202305_导出.xlsx", "--monthly", "2023-02", "--json");
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as { rows: { customer: string; amountFen: number }[] };
      expect(json.rows.map((x) => [x.customer, x.amountFen])).toEqual([["长沙华兴商贸", 20000]]);
    }
    const copy = await run("report", "台账.xlsx", "--monthly", "2023-02", "--json");
    expect((JSON.parse(copy.out || "{}") as { rows?: unknown[] }).rows ?? []).toEqual([]);
  });
});
