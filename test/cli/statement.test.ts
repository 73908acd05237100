import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSoffice, runStatement, safeFileName } from "../../src/cli/commands/statement";
import { recalcWithLibreOffice, recordingIo, writeLedgerWorkbook } from "./report-cli-fixtures";

const PERIOD = ["--from", "2025-02-26", "--to", "2025-03-25"];
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "h4-statement-"));
  await writeLedgerWorkbook(join(dir, "台账.xlsx"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonStatement {
  customer: string;
  from: string;
  to: string;
  openingFen: number;
  debitFen: number;
  creditFen: number;
  closingFen: number;
  closingUpper: string;
  lines: { date: string; kind: string; ref: string | null; model: string | null; qty: number | null; amountFen: number; balanceFen: number }[];
}

test("--json: the statement contract, one object on stdout", async () => {
  const io = recordingIo(dir);
  expect(await runStatement(["台账.xlsx", "--customer", "长沙华兴商贸有限公司", ...PERIOD, "--json", "--company", "某公司", "--date", "2025-03-26"], io)).toBe(0);
  const { statements } = JSON.parse(io.out) as { statements: JsonStatement[] };
  expect(statements).toHaveLength(1);
  const s = statements[0] as JsonStatement;
  expect([s.customer, s.from, s.to, s.openingFen, s.debitFen, s.creditFen, s.closingFen, s.closingUpper]).toEqual(["长沙华兴商贸有限公司", "2025-02-26", "2025-03-25", 1200000, 280200, 1017000, 463200, "人民币肆仟陆佰叁拾贰元整"]);
  expect(s.lines.map((l) => [l.date, l.kind, l.amountFen, l.balanceFen])).toEqual([
    ["2025-03-04", "sale", 120000, 1320000],
    ["2025-03-04", "sale", 100200, 1420200],
    ["2025-03-05", "payment", -1000000, 420200],
    ["2025-03-12", "sale", 60000, 480200],
    ["2025-03-18", "return", -12000, 468200],
    ["2025-03-20", "allowance", -5000, 463200],
  ]);
});

test.each([
  [["台账.xlsx", ...PERIOD], "请指定 --customer"],
  [["台账.xlsx", "--all-monthly", "--customer", "甲", ...PERIOD], "请指定 --customer"],
  [["台账.xlsx", "--all-monthly", "--from", "2025-02-26"], "请指定对账期间"],
  [["台账.xlsx", "--all-monthly", "--from", "2025-02-30", "--to", "2025-03-25"], "日期无效：2025-02-30"],
  [["台账.xlsx", "--all-monthly", ...PERIOD, "--pdf"], "--pdf 需要用 -o 指定输出目录"],
  [["台账.xlsx", "--customer", "没有这个客户", ...PERIOD], "找不到客户：没有这个客户"],
  [["台账.xlsx", "--all-monthly", "--from", "2025-03-25", "--to", "2025-02-26"], "对账期间无效"],
])("bad arguments %j: exit 2 with one clear message", async (argv, message) => {
  const io = recordingIo(dir);
  expect(await runStatement(argv, io)).toBe(2);
  expect(io.err).toContain(message);
  expect(io.out).toBe("");
});

test("without LibreOffice, --pdf says so plainly (the .xlsx files are still written)", async () => {
  const io = recordingIo(dir);
  expect(await runStatement(["台账.xlsx", "--all-monthly", ...PERIOD, "-o", "no-pdf/", "--pdf"], io, { findSoffice: () => null })).toBe(2);
  expect(io.err).toContain("未安装 LibreOffice（找不到 soffice），无法生成 PDF");
  expect(readdirSync(join(dir, "no-pdf")).sort()).toEqual(["对账单_郑州宏达（集团）_2025-03.xlsx", "对账单_长沙华兴商贸有限公司_2025-03.xlsx"]);
  expect(findSoffice({ PATH: join(dir, "nowhere") }, [])).toBeNull();
});

test("-o dir/ --pdf: one .xlsx and one PDF per 月结 customer, named by customer and period", async () => {
  const io = recordingIo(dir);
  const soffice = findSoffice();
  const code = await runStatement(["台账.xlsx", "--all-monthly", ...PERIOD, "-o", "out/", "--pdf", "--company", "湖南某某电器有限公司"], io);
  const files = readdirSync(join(dir, "out")).sort();
  if (soffice === null) {
    // Where LibreOffice is missing the command must say so; CI installs it, so this branch is the exception.
    expect([code, files.length]).toEqual([2, 2]);
    expect(io.err).toContain("未安装 LibreOffice");
    return;
  }
  expect(code).toBe(0);
  expect(files).toEqual(["对账单_郑州宏达（集团）_2025-03.pdf", "对账单_郑州宏达（集团）_2025-03.xlsx", "对账单_长沙华兴商贸有限公司_2025-03.pdf", "对账单_长沙华兴商贸有限公司_2025-03.xlsx"]);
  const pdf = readFileSync(join(dir, "out", "对账单_长沙华兴商贸有限公司_2025-03.pdf"));
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // One A4 portrait page (595 × 842 pt).
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
}, 90_000);

test("LibreOffice recalculates the written statement (cached results wiped) to the same closing balance", async () => {
  const io = recordingIo(dir);
  expect(await runStatement(["台账.xlsx", "--customer", "长沙华兴商贸有限公司", ...PERIOD, "-o", "recalc/", "--company", "某公司"], io)).toBe(0);
  const written = join(dir, "recalc", "对账单_长沙华兴商贸有限公司_2025-03.xlsx");
  const { formulas, rows } = await recalcWithLibreOffice(written, join(dir, "recalc"));
  // Summary closing, 6 running balances, Σ debit, Σ credit, closing, the figure (ExcelJS shows it in each merged cell).
  expect(formulas).toBe(13);
  const cells = (prefix: string): string[] => rows.find((r) => r.join(",").startsWith(prefix)) ?? [];
  expect(cells("2025-03-25,,期末余额")[8]).toBe("4,632.00");
  expect(cells("期末余额（小写）")[3]).toBe("¥4,632.00");
  expect(cells("12,000.00")[5]).toBe("4,632.00"); // summary: opening + sales − returns − allowances − payments
  expect(cells("期末余额（大写）")[3]).toBe("人民币肆仟陆佰叁拾贰元整");
  expect(existsSync(written)).toBe(true);
}, 90_000);

test("-o dir/: customers whose names clean up to the same file name get one file each", async () => {
  const customer = (name: string) => ({ name, terms: "月结" as const, openingBalanceFen: 10000, derived: false });
  await writeLedgerWorkbook(join(dir, "clash.xlsx"), { customers: [customer("甲/乙"), customer("甲_乙")], products: [], orders: [], payments: [], returns: [], confirmations: [] });
  const io = recordingIo(dir);
  expect(await runStatement(["clash.xlsx", "--all-monthly", ...PERIOD, "-o", "clash/"], io)).toBe(0);
  expect(readdirSync(join(dir, "clash")).sort()).toEqual(["对账单_甲_乙_2025-03 (2).xlsx", "对账单_甲_乙_2025-03.xlsx"]);
});

test("file names are safe on every system", () => {
  expect(safeFileName('对账单_A/B:C*?"<>|_2025-03')).toBe("对账单_A_B_C_______2025-03");
  expect(safeFileName("..")).toBe("_");
});
