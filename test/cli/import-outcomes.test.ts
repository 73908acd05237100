/**
 * `sales-ledger import` outcomes: row warnings in `--json` (located, per row) and in the text
 * summary; a workbook of sales sheets that gives no order ends with exit 2 and each sheet's real
 * reason — in `import` and in the commands that import in memory (`report`, `statement`).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { recordingIo } from "./io";

const dir = mkdtempSync(join(tmpdir(), "sales-ledger-outcomes-"));

async function run(...argv: string[]) {
  const io = recordingIo(dir);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

async function book(name: string, sheets: Record<string, (string | number)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const MASTER = [
  ["客户名称", "联系人", "电话"],
  ["长沙华兴", "王", "123"],
];

describe("import --json: every warning, located", () => {
  it("has a warnings list (sheet, row, column, header, value, code, message, imported), per-sheet counts, and every contract key", async () => {
    const path = await book("提醒.xlsx", {
      客户: MASTER,
      "3月": [
        ["日期", "客户", "型号", "数量", "单价", "金额"],
        ["2025-03-05", "长沙华兴", "XY-100", 2, 10, 25],
        ["2025-03-06", "长沙华兴", "XY-100", 1, 10, 10],
      ],
    });
    const r = await run("import", path, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown> & { sheets: Record<string, unknown>[]; warnings: unknown[] };
    expect(Object.keys(json)).toEqual(["sheets", "uncertain", "rejected", "skipped", "warnings", "problems", "nothingImported", "ledger"]);
    expect(Object.keys(json.sheets[0]!)).toEqual(["name", "role", "confidence", "headerRow", "mapping", "reasons", "rows", "imported", "rejected", "skipped", "warnings", "uncertain", "problem"]);
    expect(json.sheets.map((s) => [s.name, s.warnings, s.uncertain, s.problem])).toEqual([
      ["客户", 0, 0, null],
      ["3月", 1, 0, null],
    ]);
    expect(json.warnings).toMatchInlineSnapshot(`
[
  {
    "code": "import.warn.amountMismatch",
    "column": "F",
    "header": "金额",
    "imported": true,
    "message": "金额 25 与 数量×单价 20 不一致，以表中金额为准",
    "row": 2,
    "sheet": "3月",
    "value": "25",
  },
  {
    "code": "import.warn.productsDerived",
    "column": null,
    "header": null,
    "imported": null,
    "message": "工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）",
    "row": null,
    "sheet": null,
    "value": null,
  },
]
`);
    const text = await run("import", path);
    expect(text.out.slice(text.out.indexOf("提醒（"))).toMatchInlineSnapshot(`
"提醒（2）：
  「3月」 第 2 行 F 列 （金额）：金额 25 与 数量×单价 20 不一致，以表中金额为准
  工作簿中没有产品表，已从交易中整理出 1 个型号（标记为“由交易推导”）
（未写入任何文件：加上 -o 台账.xlsx 即可生成台账工作簿）
"
`);
  });
});

describe("honest endings", () => {
  it("every sales row rejected (a customer master imported): exit 2 with the sheet's real reasons, in text and --json", async () => {
    const path = await book("全拒.xlsx", {
      销售: [
        ["日期", "客户", "型号", "数量", "金额"],
        ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
        ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
      ],
      客户档案: MASTER,
    });
    const text = await run("import", path);
    expect(text.code).toBe(2);
    expect(text.err).toMatchInlineSnapshot(`
"没有导入任何订单、回款或退货（工作表：销售、客户档案）。「销售」：2 行数据全部未导入。主要原因：A 列 （日期）：日期不存在：2025-02-30（2 行，如第 2 行）
如果是识别错了：用 --role '工作表=orders' 指定工作表的用途，用 --map '工作表!字段=列名' 指定列（字段如 customer、date、amount、qty）
"
`);
    expect(text.out).toContain("  没有导入：2 行数据全部未导入。");
    const json = await run("import", path, "--json");
    const parsed = JSON.parse(json.out) as { nothingImported: boolean; problems: { sheet: string; code: string }[] };
    expect([json.code, parsed.nothingImported, parsed.problems.map((p) => `${p.sheet}:${p.code}`)]).toEqual([2, true, ["销售:import.problem.allRejected"]]);
    const out = await run("import", path, "-o", join(dir, "全拒-台账.xlsx"));
    expect([out.code, out.err]).toEqual([2, text.err]);
  });

  it("report and statement on such a workbook exit 2 with the same reasons", async () => {
    const path = await book("全拒2.xlsx", {
      销售: [
        ["日期", "客户", "型号", "数量", "金额"],
        ["2025-03-05", "", "XY-100", 2, 20],
      ],
      客户档案: MASTER,
    });
    const report = await run("report", path, "--monthly", "2025-03", "--no-cache");
    expect([report.code, report.err.split("\n")[0]]).toEqual([2, "没有导入任何订单、回款或退货（工作表：销售、客户档案）。「销售」：1 行数据全部未导入。主要原因：B 列 （客户）：缺少客户（1 行，如第 2 行）"]);
    const statement = await run("statement", path, "--customer", "长沙华兴", "--from", "2025-03-01", "--to", "2025-03-31", "--no-cache");
    expect([statement.code, statement.err]).toEqual([2, report.err]);
  });

  it("a real ledger with some rejected rows still exits 0", async () => {
    const path = await book("部分.xlsx", {
      "3月": [
        ["日期", "客户", "型号", "数量", "金额"],
        ["2025-03-05", "长沙华兴", "XY-100", 2, 20],
        ["2025-02-30", "长沙华兴", "XY-100", 2, 20],
      ],
    });
    const r = await run("import", path, "--json");
    expect([r.code, (JSON.parse(r.out) as { nothingImported: boolean }).nothingImported]).toEqual([0, false]);
  });

  it("--map alone rescues a sheet whose headers the import does not know (the role follows the columns)", async () => {
    const path = await book("生词.xlsx", {
      流水: [
        ["日子", "买家", "货号", "件数", "钱"],
        ["2025-03-05", "长沙华兴", "XY-100", 2, 20],
      ],
    });
    expect((await run("import", path)).code).toBe(2);
    const r = await run("import", path, "--map", "流水:date=日子", "--map", "流水!customer=买家", "--map", "amount=钱", "--json");
    const json = JSON.parse(r.out) as { sheets: { role: string; reasons: string[] }[]; ledger: { orders: { lines: number; amountFen: number } } };
    expect([r.code, json.sheets[0]?.role, json.ledger.orders]).toMatchObject([0, "orders", { lines: 1, amountFen: 2000 }]);
    expect(json.sheets[0]?.reasons).toContain("按您指定的列（日期、客户、金额）识别为订单");
  });
});

describe("import profiles (--save-profile, --profile)", () => {
  const MARCH = [
    ["日子", "买家", "货号", "件数", "钱", "备注"],
    ["2025-03-05", "长沙华兴", "XY-100", 2, 20, ""],
  ];
  const APRIL = [
    ["备注", "钱", "买家", "日子", "件数", "货号"],
    ["", 30, "长沙华兴", "2025-04-05", 3, "XY-100"],
  ];

  it("saves the mapping used (with --map) and applies it to next month's workbook: renamed sheet, shuffled columns", async () => {
    const march = await book("三月.xlsx", { "2025年3月": MARCH });
    const april = await book("四月.xlsx", { "2025年4月": APRIL });
    const profile = join(dir, "配置.json");
    const first = await run("import", march, "--map", "date=日子", "--map", "customer=买家", "--map", "amount=钱", "--save-profile", profile);
    expect([first.code, first.out.trim().split("\n").at(-1)]).toEqual([0, `已把这次的用途和列对应存为导入配置 ${profile}（1 种表）`]);
    expect((await run("import", april)).code).toBe(2);
    const r = await run("import", april, "--profile", profile, "--json");
    const json = JSON.parse(r.out) as { sheets: { mapping: Record<string, string> }[]; warnings: { code: string; sheet: string | null }[]; ledger: { orders: { lines: number; amountFen: number } } };
    expect(r.code).toBe(0);
    expect(json.sheets[0]?.mapping).toEqual({ notes: "备注", amount: "钱", customer: "买家", date: "日子", qty: "件数", model: "货号" });
    expect(json.ledger.orders).toMatchObject({ lines: 1, amountFen: 3000 });
    expect(json.warnings[0]).toMatchObject({ code: "import.profile.applied", sheet: "2025年4月" });
  });

  it("a profile file that is missing or wrong: exit 2 with one clear message", async () => {
    const april = await book("四月2.xlsx", { "2025年4月": APRIL });
    const missing = await run("import", april, "--profile", "没有这个.json");
    expect([missing.code, missing.err]).toEqual([2, "无法读取导入配置 没有这个.json：文件不存在\n"]);
    const badPath = join(dir, "坏配置.json");
    writeFileSync(badPath, JSON.stringify({ version: 1, blocks: [{ signature: ["日期"], sheet: "x", role: "orders", mapping: { amount: "" } }] }));
    const bad = await run("import", april, "--profile", badPath, "--json");
    expect([bad.code, bad.out, bad.err]).toEqual([2, "", `导入配置 ${badPath} 不能用：导入配置的内容不对（位置 blocks[0].mapping.amount）：数值过小：期望 string >=1 字符\n`]);
  });
});
