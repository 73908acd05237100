import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runReport } from "../../src/cli/commands/report";
import { recalcWithLibreOffice, recordingIo, writeLedgerWorkbook } from "./report-cli-fixtures";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "h4-report-"));
  await writeLedgerWorkbook(join(dir, "台账.xlsx"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("--json prints exactly one JSON object with the contract's fields", async () => {
  const io = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--monthly", "2025-03", "--json"], io)).toBe(0);
  const data = JSON.parse(io.out) as { kind: string; period: string; rows: { customer: string; model: string; qty: number; amountFen: number }[]; totals: Record<string, number> };
  expect([data.kind, data.period, data.totals.amountFen, data.totals.closingFen]).toEqual(["monthly", "2025-03", 417300, 555700]);
  expect(data.rows[0]).toEqual({ customer: "长沙华兴商贸有限公司", model: "XY-100", qty: 14, amountFen: 168000 });
  expect(io.err).toBe("");
});

test("--progress says on stderr which sheets it reads; the JSON on stdout is the same", async () => {
  const quiet = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--monthly", "2025-03", "--json"], quiet)).toBe(0);
  const loud = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--monthly", "2025-03", "--json", "--progress"], loud)).toBe(0);
  expect(loud.out).toBe(quiet.out);
  const lines = loud.err.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => /^正在读取「.+」… \d+%$/.test(l))).toBe(true);
  expect(lines).toContain("正在读取「订单」… 100%");
});

test("aging --json rows carry balanceFen and the six buckets", async () => {
  const io = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--aging", "--as-of", "2025-04-30", "--json"], io)).toBe(0);
  const data = JSON.parse(io.out) as { rows: { customer: string; balanceFen: number; buckets: Record<string, number> }[] };
  expect(data.rows[0]).toMatchObject({ customer: "长沙华兴商贸有限公司", balanceFen: 463200, buckets: { current: 0, "1-30": 280200, "31-60": 183000, "61-90": 0, "91-120": 0, "120+": 0 } });
});

test.each([
  [["台账.xlsx"], "请指定且只指定一种报表"],
  [["台账.xlsx", "--daily", "2025-03-05", "--monthly", "2025-03"], "请指定且只指定一种报表"],
  [["台账.xlsx", "--aging"], "账龄报表需要截止日期"],
  [["台账.xlsx", "--monthly", "2025-3"], "报表期间无效：2025-3"],
  [["--monthly", "2025-03"], "请指定工作簿文件"],
  [["台账.xlsx", "--monthly", "2025-03", "-o", "台账.xlsx"], "输出文件不能是源工作簿本身"],
  [["没有这个文件.xlsx", "--monthly", "2025-03"], "没有这个文件.xlsx"],
])("bad arguments %j: exit 2 with one clear message", async (argv, message) => {
  const io = recordingIo(dir);
  expect(await runReport(argv, io)).toBe(2);
  expect(io.err).toContain(message);
  expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
  expect(io.out).toBe("");
});

test("-o writes a workbook an independent reader (openpyxl) sees the same totals in", async () => {
  const io = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--annual", "2025", "-o", "年报.xlsx"], io)).toBe(0);
  expect(io.out).toContain("已生成「年报 2025」");
  const script = [
    "import openpyxl, sys",
    "wb = openpyxl.load_workbook(sys.argv[1], data_only=True)",
    "ws = wb['年报 2025']",
    "for row in ws.iter_rows(values_only=True):",
    "    if row[0] == '合计': print(row[3], row[13])",
  ].join("\n");
  const printed = execFileSync(existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3", ["-c", script, join(dir, "年报.xlsx")], { encoding: "utf8", timeout: 60_000 });
  // Sales total of March and the year, then collections.
  expect(printed.trim().split("\n")).toEqual(["4173 4173", "10500 10500"]);
});

test("LibreOffice recalculates the monthly report's SUBTOTAL formulas (cached results wiped) to the same totals", async () => {
  const io = recordingIo(dir);
  expect(await runReport(["台账.xlsx", "--monthly", "2025-03", "-o", "月报.xlsx"], io)).toBe(0);
  const { formulas, rows } = await recalcWithLibreOffice(join(dir, "月报.xlsx"), dir);
  expect(formulas).toBe(11); // 2 customer subtotals × (qty, amount) + grand total × 2 + the summary total row × 5
  const totals = rows.filter((r) => r[0] === "合计" || (r[0] ?? "").endsWith(" 小计")).map((r) => r.filter((c) => c !== ""));
  expect(totals).toEqual([
    ["长沙华兴商贸有限公司 小计", "18", "2,682.00"],
    ["郑州宏达（集团） 小计", "32", "1,491.00"],
    ["合计", "50", "4,173.00"],
    ["合计", "4,293.00", "186.00", "50.00", "10,500.00", "5,557.00"],
  ]);
}, 90_000);
