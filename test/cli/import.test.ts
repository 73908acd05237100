import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
// jszip comes with exceljs (its zip layer); used here to make a macro-enabled workbook.
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { parseArgs, CliUsageError } from "../../src/cli/io";
import { parseOverrides } from "../../src/cli/commands/import";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { buildMessyWorkbook } from "../builders/messy-workbook";
import { recordingIo } from "./io";
import { REALWORLD_DIR } from "../builders/shared-dir";

const MAZDA = join(REALWORLD_DIR, "mazda_dealer_jinxiaocun.xlsx");
const dir = mkdtempSync(join(tmpdir(), "sales-ledger-cli-"));
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

async function run(...argv: string[]) {
  const io = recordingIo(dir);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

let messy: string;
let truth: ReturnType<typeof buildMessyWorkbook>["truth"];
beforeAll(async () => {
  const built = buildMessyWorkbook(31, { months: 2, linesPerMonth: 20, defectRate: 0.1 });
  truth = built.truth;
  messy = join(dir, "销售台账2025.xlsx");
  await built.workbook.xlsx.writeFile(messy);
});

describe("sales-ledger (dispatcher)", () => {
  it("prints usage for --help (exit 0) and for no arguments (exit 2)", async () => {
    const help = await run("--help");
    expect([help.code, help.out.split("\n")[0], help.err]).toEqual([0, "用法：", ""]);
    const none = await run();
    expect([none.code, none.out, none.err.startsWith("用法：")]).toEqual([2, "", true]);
  });

  it("rejects an unknown command or option with one message and exit 2", async () => {
    const cmd = await run("frobnicate");
    expect([cmd.code, cmd.err.split("\n")[0]]).toEqual([2, "没有这个命令：frobnicate"]);
    const opt = await run("import", messy, "--frob");
    expect([opt.code, opt.err]).toEqual([2, "不认识的选项：--frob\n"]);
  });

  it("prints the version", async () => {
    const v = await run("--version");
    expect(v.out).toMatch(/^sales-ledger \d+\.\d+\.\d+\n$/);
  });
});

describe("sales-ledger import", () => {
  it("--json prints exactly one JSON object in the DESIGN.md shape, and writes nothing", async () => {
    const before = sha(messy);
    const r = await run("import", messy, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown> & { sheets: Record<string, unknown>[]; rejected: { sheet: string; row: number; reasons: string[] }[]; ledger: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["sheets", "rejected", "ledger"]));
    expect(Object.keys(json.sheets[0]!)).toEqual(expect.arrayContaining(["name", "role", "headerRow", "mapping", "imported", "rejected", "skipped"]));
    expect(json.sheets.map((s) => `${String(s.name)}:${String(s.role)}`)).toEqual(["客户:customers", "价格表:products", "1月:orders", "2月:orders", "回款:payments"]);
    expect(json.rejected.map((x) => `${x.sheet}!${x.row}`).sort()).toEqual(truth.rejected.map((x) => `${x.sheet}!${x.row}`).sort());
    expect(json.rejected.every((x) => x.reasons.length > 0 && typeof x.reasons[0] === "string")).toBe(true);
    expect(json.ledger).toMatchObject({
      customers: truth.customers.length + truth.addedCustomers.length,
      products: truth.products.length,
      orders: { lines: truth.totals.orderLines, qty: truth.totals.orderQty, amountFen: truth.totals.orderAmountFen },
      payments: { count: truth.totals.paymentCount, amountFen: truth.totals.paymentAmountFen },
      returns: { count: 0, amountFen: 0 },
    });
    expect(sha(messy)).toBe(before);
  });

  it("--progress tells on stderr what it reads and imports; stdout and the result are the same as without it", async () => {
    const quiet = await run("import", messy, "--json");
    const loud = await run("import", messy, "--json", "--progress");
    expect([loud.code, loud.out]).toEqual([0, quiet.out]);
    expect(quiet.err).toBe(""); // not a terminal, not asked: no progress
    expect(loud.err.split("\n").filter((l) => l !== "")).toMatchInlineSnapshot(`
[
  "正在读取「客户」… 100%",
  "正在读取「价格表」… 100%",
  "正在读取「1月」… 100%",
  "正在读取「2月」… 100%",
  "正在读取「回款」… 100%",
  "正在识别并导入（已读取 88 行）…",
]
`);
    const withOut = await run("import", messy, "-o", join(dir, "进度.xlsx"), "--progress");
    expect(withOut.code).toBe(0);
    const lines = withOut.err.trim().split("\n");
    const importing = lines.findIndex((l) => /^正在识别并导入（已读取 \d+ 行）…$/.test(l));
    expect(lines.slice(0, importing).every((l) => /^正在读取「.+」… \d+%$/.test(l))).toBe(true);
    // Writing: the percentages of the rows written, rising to 100.
    const writing = lines.slice(importing + 1).map((l) => /^正在写入 (.+)… (\d+)%$/.exec(l));
    expect(writing.every((m) => m !== null && m[1] === join(dir, "进度.xlsx"))).toBe(true);
    const pcts = writing.map((m) => Number(m![2]));
    expect([pcts[0], pcts[pcts.length - 1], pcts.every((p, i) => i === 0 || p >= pcts[i - 1]!)]).toEqual([0, 100, true]);
  });

  it("-o refuses, with one message and no file, a workbook that already uses a ledger table's name", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("销售");
    ws.addRow(["日期", "客户", "型号", "数量", "金额"]);
    ws.addRow([new Date(Date.UTC(2025, 2, 5)), "长沙华兴", "XY-100", 2, 240]);
    wb.definedNames.add("销售!$A$1:$E$2", "Orders"); // her own named range, called what our 订单 table is called
    const input = join(dir, "named.xlsx");
    await wb.xlsx.writeFile(input);
    const out = join(dir, "named-ledger.xlsx");
    const r = await run("import", input, "-o", out);
    expect([r.code, r.err.trim()]).toEqual([2, "无法创建表格「Orders」：工作簿里已有同名的表格或名称（公式 ▸ 名称管理器）。请改名后再试"]);
    expect(existsSync(out)).toBe(false);
  });

  it("a macro-enabled workbook: -o .xlsx is a plain workbook Excel opens (macros left out, and said), -o .xlsm keeps them", async () => {
    const zip = await JSZip.loadAsync(readFileSync(messy));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file("[Content_Types].xml", types.replace("spreadsheetml.sheet.main+xml", "PLACEHOLDER").replace("application/vnd.openxmlformats-officedocument.PLACEHOLDER", "application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'));
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    const vba = Buffer.from("VBA project bytes, kept as they are");
    zip.file("xl/vbaProject.bin", vba);
    const xlsm = join(dir, "宏.xlsm");
    writeFileSync(xlsm, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const mainType = (types: string): string | undefined => /PartName="\/xl\/workbook\.xml" ContentType="([^"]+)"/.exec(types)?.[1];

    const plain = await run("import", xlsm, "-o", join(dir, "宏-台账.xlsx"));
    expect([plain.code, plain.err.trim()]).toEqual([0, `注意：原工作簿里的宏（VBA）没有带入 ${join(dir, "宏-台账.xlsx")}，因为 .xlsx 文件不能保存宏；要保留宏，请改用 -o 台账.xlsm。原文件不受影响`]);
    const out = await JSZip.loadAsync(readFileSync(join(dir, "宏-台账.xlsx")));
    expect(mainType(await out.file("[Content_Types].xml")!.async("string"))).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    expect([out.file("xl/vbaProject.bin"), (await out.file("xl/_rels/workbook.xml.rels")!.async("string")).includes("vbaProject")]).toEqual([null, false]);
    const reopened = await XlsxWorkbook.open(join(dir, "宏-台账.xlsx"));
    expect(reopened.ok && (await reopened.value.readTable("Orders"))?.rows.length).toBe(truth.totals.orderLines);

    const kept = await run("import", xlsm, "-o", join(dir, "宏-台账.xlsm"));
    expect([kept.code, kept.err]).toEqual([0, ""]);
    const outM = await JSZip.loadAsync(readFileSync(join(dir, "宏-台账.xlsm")));
    expect(mainType(await outM.file("[Content_Types].xml")!.async("string"))).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(await outM.file("xl/vbaProject.bin")!.async("nodebuffer")).toEqual(vba);

    const csv = await run("import", xlsm, "-o", join(dir, "宏.csv"));
    expect([csv.code, csv.err.trim()]).toEqual([2, `输出文件必须是 .xlsx（要保留原工作簿里的宏，用 .xlsm）：${join(dir, "宏.csv")}`]);
  });

  it("-o writes the ledger workbook (input sheets + ledger tables + 导入问题); the input is untouched", async () => {
    const before = sha(messy);
    const out = join(dir, "台账.xlsx");
    const r = await run("import", messy, "-o", out);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain("已写入");
    expect(sha(messy)).toBe(before);
    const opened = await XlsxWorkbook.open(out);
    if (!opened.ok) throw new Error("cannot open output");
    expect((await opened.value.listSheets()).map((s) => s.name)).toEqual(["客户", "价格表", "1月", "2月", "回款", "客户（台账）", "产品", "订单", "回款（台账）", "退货", "对账", "导入问题"]);
    const again = await run("import", out, "-o", join(dir, "again.xlsx"));
    expect([again.code, again.err.startsWith("这个工作簿已经是台账")]).toEqual([2, true]);
    const same = await run("import", messy, "-o", messy);
    expect([same.code, same.err]).toEqual([2, `输出文件不能是原工作簿本身（原工作簿从不改写）：${messy}\n`]);
  });

  it("gives one clear message (exit 2, no stack) for .xls, CSV, encrypted, corrupt and missing files", async () => {
    const ole = (extra: string): Buffer => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from(extra, "utf16le")]);
    writeFileSync(join(dir, "x.xls"), ole("Workbook"));
    writeFileSync(join(dir, "x.csv"), "客户,金额\n甲,1\n");
    writeFileSync(join(dir, "secret.xlsx"), ole("EncryptionInfo"));
    writeFileSync(join(dir, "cut.xlsx"), readFileSync(messy).subarray(0, 3000));
    const results = await Promise.all(["x.xls", "x.csv", "secret.xlsx", "cut.xlsx", "nope.xlsx"].map((f) => run("import", f)));
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(results.every((r) => r.err.split("\n").filter(Boolean).length === 1 && !/\bat \S+ \(/.test(r.err))).toBe(true);
    expect(results[0]!.err).toBe(`无法读取工作簿 x.xls：这是旧版 .xls 格式，请在 Excel 中另存为 .xlsx，或用 LibreOffice 转换：soffice --headless --convert-to xlsx ${join(dir, "x.xls")}\n`);
    expect(results.map((r) => r.err.slice(0, r.err.indexOf("："))).slice(1)).toEqual(["无法读取工作簿 x.csv", "无法读取工作簿 secret.xlsx", "无法读取工作簿 cut.xlsx", "无法读取工作簿 nope.xlsx"]);
    expect(results[2]!.err).toContain("密码");
    expect(results[4]!.err).toContain("文件不存在");
  });

  it("--role and --map override detection", async () => {
    const r = await run("import", MAZDA, "--role", "库存=products", "--map", "库存!price=采购价", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { sheets: { name: string; role: string; mapping: Record<string, string>; imported: number }[]; ledger: { products: number } };
    const s = json.sheets.find((x) => x.name === "库存")!;
    expect([s.role, s.mapping.price, s.imported, json.ledger.products]).toEqual(["products", "采购价", 26, 26]);
    const bad = await run("import", MAZDA, "--role", "库存=stock");
    expect([bad.code, bad.err.split("\n")[0]]).toEqual([2, "没有这个用途：stock。可用的用途：orders, payments, customers, products, returns, other"]);
  });

  it("parses arguments strictly", () => {
    expect(() => parseArgs(["-o"], [{ name: "out", short: "o", kind: "value" }])).toThrow(CliUsageError);
    expect(parseArgs(["a", "--out=b", "--json", "-m", "x=y", "-m", "z=w"], [{ name: "out", kind: "value" }, { name: "json", kind: "flag" }, { name: "map", short: "m", kind: "multi" }])).toEqual({
      positionals: ["a"],
      flags: new Set(["json"]),
      values: new Map([["out", "b"]]),
      multi: new Map([["map", ["x=y", "z=w"]]]),
    });
    expect(parseOverrides(["amount=实收金额", "1月!date=交期"], ["库存=products"])).toEqual({ mappings: { "*": { amount: "实收金额" }, "1月": { date: "交期" } }, roles: { 库存: "products" } });
    expect(() => parseOverrides(["colour=红"], [])).toThrow("没有这个字段：colour");
  });
});

describe("sales-ledger demo", () => {
  it("converts the bundled sample and prints a readable Chinese summary", async () => {
    const r = await run("demo", "--out", "demo-out");
    expect(r.code).toBe(0);
    expect(r.out).toContain("演示：导入示例工作簿");
    expect(r.out).toMatch(/台账：客户 \d+ 个/);
    expect(r.out).toContain("未导入的行");
    expect(existsSync(join(dir, "demo-out", "demo-ledger.xlsx"))).toBe(true);
  });
});
