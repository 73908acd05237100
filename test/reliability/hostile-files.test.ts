/**
 * Hostile and broken workbooks (issue 18), built at test time: each class must end in bounded time
 * and memory with exit 0 or 2, one clear message and no stack trace, and everything written must be
 * well-formed XML by an independent parser (python's expat and openpyxl). Also the .NET-style
 * namespace-prefixed workbook (issue 15, class 8), which must read by namespace.
 */
import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { ReadOnlyWorkbook } from "../../src/hosts/xlsx/read-only-workbook";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { readZipDirectory, unzipEntry, MAX_RATIO, RATIO_FREE_BYTES } from "../../src/hosts/xlsx/zip";
import { unprefixXml } from "../../src/hosts/xlsx/xml-namespaces";
import { cutToBytes, MAX_FILE_NAME_BYTES, statementFileName, statementFileNames } from "../../src/cli/commands/statement";
import { numberCell, orderRows, prefixedXlsx, rawXlsx, sheetXml, textCell } from "../builders/raw-xlsx";
import { jsonSafe, terminalSafe } from "../../src/cli/terminal-text";
import { trackSuite } from "./summary";

const counter = trackSuite("hostileFiles");
const dir = mkdtempSync(join(tmpdir(), "h18-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PYTHON = "/usr/bin/python3";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd = dir): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd, locale: "zh-CN" };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const STACK = /\n\s+at\s+\S+.*:\d+:\d+|Error:\s|TypeError|RangeError|SyntaxError|程序出错/;

const COMMANDS: readonly { name: string; argv: (file: string) => string[] }[] = [
  { name: "import --json", argv: (f) => ["import", f, "--json"] },
  { name: "import -o", argv: (f) => ["import", f, "-o", "out.xlsx"] },
  { name: "report", argv: (f) => ["report", f, "--monthly", "2025-03", "--json", "--no-cache"] },
  { name: "statement", argv: (f) => ["statement", f, "--customer", "客户0", "--from", "2025-03-01", "--to", "2025-03-31", "--json", "--no-cache"] },
];

/** Problems of a run that must be one clear refusal: exit 2, one stderr line, no stack, nothing on stdout but JSON. */
function refusalProblems(r: Run): string[] {
  const lines = r.stderr.trim().split("\n").filter((l) => l.trim() !== "");
  const problems: string[] = [];
  if (r.code !== 2) problems.push(`exit ${r.code}`);
  if (lines.length !== 1) problems.push(`${lines.length} stderr lines`);
  if (STACK.test(r.stderr)) problems.push("stack trace / internal error");
  return problems;
}

/** Every XML part of each .xlsx parsed by expat, then the workbook opened by openpyxl: "" when all parse. */
function pythonCheck(files: readonly string[]): string {
  const script = `
import sys, zipfile, xml.parsers.expat, warnings
warnings.simplefilter("ignore")
import openpyxl
bad = []
for f in sys.argv[1:]:
    with zipfile.ZipFile(f) as z:
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".rels"):
                p = xml.parsers.expat.ParserCreate()
                try:
                    p.Parse(z.read(n), True)
                except Exception as e:
                    bad.append(f"{f}:{n}: {e}")
    try:
        openpyxl.load_workbook(f)
    except Exception as e:
        bad.append(f"{f}: openpyxl: {e}")
print("\\n".join(bad))
`;
  const r = spawnSync(PYTHON, ["-c", script, ...files], { encoding: "utf8" });
  if (r.status !== 0) return `python failed: ${r.stderr}`;
  return r.stdout.trim();
}

describe("1. a stray value in XFD1048576 reads sparse", () => {
  const rows = orderRows(5) + `<row r="1048576">${textCell("XFD1048576", "x")}</row>`;

  counter.test("both xlsx hosts give chunks whose cells follow the cells that exist, not the 17-billion-cell used range", async () => {
    const bytes = rawXlsx({ rows });
    const ro = ReadOnlyWorkbook.fromBuffer(bytes, "stray.xlsx");
    const ex = await XlsxWorkbook.fromBuffer(bytes, "stray.xlsx");
    if (!ro.ok || !ex.ok) throw new Error("open failed");
    for (const port of [ro.value, ex.value]) {
      const [info] = await port.listSheets();
      expect(info).toMatchObject({ rowCount: 1_048_576, columnCount: 16_384 });
      let cells = 0;
      let rowsSeen = 0;
      let last: unknown;
      for await (const chunk of port.readSheet("销售")) {
        for (const [i, r] of chunk.values.entries()) {
          cells += Object.keys(r).length;
          rowsSeen++;
          if (r.length > 0) last = [chunk.startRow + i, r.length, r[r.length - 1], chunk.formats[i]!.length <= r.length];
        }
      }
      expect(rowsSeen).toBe(1_048_576);
      // 6 header cells + 5 × 6 lines + the stray one (the ExcelJS host pads that one row: still one row's width).
      expect(cells).toBeLessThanOrEqual(36 + 16_384);
      expect(last).toEqual([1_048_575, 16_384, "x", true]);
    }
    counter.add("cellsAvoided", 1_048_576 * 16_384);
  }, 120_000);

  counter.test("a merge over the whole sheet costs what the sheet holds (slaves still read empty)", async () => {
    const bytes = rawXlsx({ sheetXml: sheetXml(orderRows(5) + `<row r="1048576">${textCell("XFD1048576", "x")}</row>`).replace("</sheetData>", '</sheetData><mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="B2:C3"/></mergeCells>') });
    const ro = ReadOnlyWorkbook.fromBuffer(bytes, "merge.xlsx");
    if (!ro.ok) throw new Error("open failed");
    const [info] = await ro.value.listSheets();
    // Under the big merge every cell but A1 is a slave: A1 alone is left, so the used range is that one cell.
    expect(info).toMatchObject({ rowCount: 1, columnCount: 1, startRow: 0, startCol: 0 });
    const chunks = [];
    for await (const c of ro.value.readSheet("销售")) chunks.push(c);
    expect(chunks.flatMap((c) => c.values)).toEqual([["日期"]]);
  }, 60_000);

  counter.test("import --json and report finish on it (exit 0, the five lines imported)", async () => {
    writeFileSync(join(dir, "stray.xlsx"), rawXlsx({ rows }));
    const imp = await cli(["import", "stray.xlsx", "--json"]);
    expect(imp.code).toBe(0);
    expect((JSON.parse(imp.stdout) as { sheets: { imported: number }[] }).sheets[0]!.imported).toBe(5);
    const rep = await cli(["report", "stray.xlsx", "--monthly", "2025-03", "--json", "--no-cache"]);
    expect(rep.code).toBe(0);
    expect((JSON.parse(rep.stdout) as { totals: { amountFen: number } }).totals.amountFen).toBe(62500);
  }, 180_000);
});

describe("2. unterminated <!--, <![CDATA[, <? and <!DOCTYPE never loop: one message, exit 2", () => {
  const constructs = ["<!-- never closed", "<![CDATA[ never closed", "<?pi never closed", "<!DOCTYPE never closed"];
  /** The construct put into one part of an otherwise good workbook. */
  const variants = (c: string): { part: string; bytes: Buffer }[] => [
    { part: "sheet", bytes: rawXlsx({ sheetXml: sheetXml(orderRows(3)).replace("<sheetData>", `<sheetData>${c}`) }) },
    { part: "sheet (before sheetData)", bytes: rawXlsx({ sheetXml: sheetXml(orderRows(3)).replace("<sheetData>", `${c}<sheetData>`) }) },
    { part: "sharedStrings.xml", bytes: rawXlsx({ sharedStrings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si>${c}` }) },
    { part: "workbook.xml", bytes: rawXlsx({ workbookXml: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="销售" sheetId="1" r:id="rId1"/></sheets>${c}` }) },
    { part: "styles.xml", bytes: rawXlsx({ stylesXml: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${c}` }) },
  ];

  counter.test("every command on every part", async () => {
    const failures: string[] = [];
    for (const c of constructs) {
      for (const v of variants(c)) {
        const file = `unterminated-${constructs.indexOf(c)}-${v.part.replace(/\W+/g, "_")}.xlsx`;
        writeFileSync(join(dir, file), v.bytes);
        for (const cmd of COMMANDS) {
          const r = await cli(cmd.argv(file));
          counter.add("cliRuns");
          const problems = refusalProblems(r);
          if (!r.stderr.includes(file)) problems.push("message does not name the file");
          if (!/unterminated/.test(r.stderr)) problems.push("message does not say what is wrong");
          if (problems.length > 0) failures.push(`${c} in ${v.part} × ${cmd.name}: ${problems.join(", ")} — ${JSON.stringify(r.stderr.slice(0, 200))}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
  }, 120_000);

  counter.test("a tag with a stray quote followed by many `>` is scanned once, not once per `>`", async () => {
    // Quadratic before: each `>` re-counted the quotes from the tag's start.
    const xml = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si a="${">".repeat(400_000)}`;
    writeFileSync(join(dir, "quotes.xlsx"), rawXlsx({ sharedStrings: xml }));
    const r = await cli(["import", "quotes.xlsx", "--json"]);
    expect(refusalProblems(r)).toEqual([]);
    expect(r.stderr).toContain("unterminated tag");
  }, 60_000);

  counter.test("a character reference XML forbids (&#x110000;, &#xFFFF;, &#xD800;, &#x1;) is a damaged file, not 程序出错", async () => {
    for (const ref of ["&#x110000;", "&#xFFFF;", "&#xD800;", "&#x1;"]) {
      writeFileSync(join(dir, "charref.xlsx"), rawXlsx({ rows: orderRows(2) + `<row r="9">${textCell("A9", ref)}</row>` }));
      for (const cmd of COMMANDS) {
        const r = await cli(cmd.argv("charref.xlsx"));
        expect([ref, cmd.name, refusalProblems(r)]).toEqual([ref, cmd.name, []]);
        expect(r.stderr).toContain(ref);
      }
    }
  }, 60_000);

  counter.test("a cell outside any <row> is a damaged file, not 程序出错", async () => {
    writeFileSync(join(dir, "rowless.xlsx"), rawXlsx({ rows: `${textCell("A1", "x")}${orderRows(2)}` }));
    for (const cmd of COMMANDS) expect(refusalProblems(await cli(cmd.argv("rowless.xlsx")))).toEqual([]);
  }, 60_000);
});

describe("3. zip bombs are refused by inflate limits", () => {
  const pad = " ".repeat(RATIO_FREE_BYTES + 16 * 1024 * 1024);
  const bombs = (): { name: string; bytes: Buffer }[] => [
    { name: "bomb-sheet.xlsx", bytes: rawXlsx({ sheetXml: sheetXml(orderRows(3)).replace("<sheetData>", `<sheetData>${pad}`) }) },
    { name: "bomb-strings.xlsx", bytes: rawXlsx({ sharedStrings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${pad}</sst>` }) },
    // The directory says 1 KiB; the data inflates to 80 MiB.
    { name: "bomb-lying.xlsx", bytes: rawXlsxLying() },
  ];
  function rawXlsxLying(): Buffer {
    // Same workbook, but the sheet's declared size is small: the limit must hold while inflating.
    const good = rawXlsx({ sheetXml: sheetXml(orderRows(3)).replace("<sheetData>", `<sheetData>${pad}`) });
    const d = readZipDirectory(good);
    const sheet = d.get("xl/worksheets/sheet1.xml")!;
    const out = Buffer.from(good);
    out.writeUInt32LE(1024, sheet.localOffset + 22);
    // Central directory entry: find it by its local offset field.
    for (let p = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      if (out.readUInt32LE(p + 42) === sheet.localOffset) {
        out.writeUInt32LE(1024, p + 24);
        break;
      }
      if (p === 0) break;
    }
    return out;
  }

  counter.test("every command refuses each with one message (too large once unpacked), exit 2", async () => {
    const failures: string[] = [];
    for (const b of bombs()) {
      expect(b.bytes.length).toBeLessThan(200_000);
      writeFileSync(join(dir, b.name), b.bytes);
      for (const cmd of COMMANDS) {
        const r = await cli(cmd.argv(b.name));
        counter.add("cliRuns");
        const problems = refusalProblems(r);
        if (!r.stderr.includes("解压后过大")) problems.push("not worded as too large");
        if (problems.length > 0) failures.push(`${b.name} × ${cmd.name}: ${problems.join(", ")} — ${JSON.stringify(r.stderr.slice(0, 200))}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  counter.test("unzipEntry never inflates past the limit, and a lying size does not help", () => {
    const bytes = rawXlsxLying();
    const d = readZipDirectory(bytes);
    const sheet = d.get("xl/worksheets/sheet1.xml")!;
    expect(sheet.size).toBe(1024);
    expect(() => unzipEntry(bytes, sheet)).toThrow(/xl\/worksheets\/sheet1\.xml inflates past the 1 KiB its zip directory gives/);
    // A part within the ratio inflates (a real sheet compresses 5–30×).
    const fine = rawXlsx({ rows: orderRows(2000) });
    const fd = readZipDirectory(fine).get("xl/worksheets/sheet1.xml")!;
    expect(fd.size / fd.compressedSize).toBeLessThan(MAX_RATIO);
    expect(unzipEntry(fine, fd).length).toBe(fd.size);
  });
});

describe("4. everything we write is well-formed XML", () => {
  // U+FFFE, U+FFFF, a lone surrogate and a control character through Excel's own `_xHHHH_` escape
  // (a well-formed input), and raw bytes that are not UTF-8.
  const names = ["华_xFFFE_兴", "北_xFFFF_方", "南_xD800_方", "东_x0001_方", "西\u0000方"];
  function source(): Buffer {
    const strings = ["日期", "客户", "型号", "数量", "单价", "金额", ...names.map((n) => n.replace("\u0000", "")), "XY-100"];
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`;
    const sstBytes = Buffer.concat([Buffer.from(sst.replace("西方", "西\uE000方"), "utf8")]);
    // An invalid byte (0xFF) inside 西…方 instead of the private-use character.
    const bad = Buffer.from("\uE000", "utf8");
    const at = sstBytes.indexOf(bad);
    const raw = Buffer.concat([sstBytes.subarray(0, at), Buffer.from([0xff]), sstBytes.subarray(at + bad.length)]);
    const s = (ref: string, i: number): string => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const rows = [`<row r="1">${["A", "B", "C", "D", "E", "F"].map((c, i) => s(`${c}1`, i)).join("")}</row>`];
    names.forEach((_n, i) => {
      const r = i + 2;
      rows.push(`<row r="${r}">${textCell(`A${r}`, "2025-03-05")}${s(`B${r}`, 6 + i)}${s(`C${r}`, 6 + names.length)}${numberCell(`D${r}`, 1)}${numberCell(`E${r}`, 10)}${numberCell(`F${r}`, 10)}</row>`);
    });
    return rawXlsx({ sharedStrings: raw, rows: rows.join("") });
  }

  counter.test("import -o, report -o and statement -o outputs parse in expat and openpyxl", async () => {
    const sub = join(dir, "wellformed");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "names.xlsx"), source());
    const imp = await cli(["import", "names.xlsx", "-o", "ledger.xlsx"], sub);
    expect(imp.code).toBe(0);
    const rep = await cli(["report", "names.xlsx", "--monthly", "2025-03", "-o", "report.xlsx", "--no-cache"], sub);
    expect(rep.code).toBe(0);
    const customers = (JSON.parse((await cli(["report", "names.xlsx", "--monthly", "2025-03", "--json", "--no-cache"], sub)).stdout) as { rows: { customer: string }[] }).rows.map((r) => r.customer);
    expect(customers.length).toBe(names.length);
    expect(customers.some((c) => c.includes("\uFFFE"))).toBe(true);
    const st = await cli(["statement", "names.xlsx", ...customers.flatMap((c) => ["--customer", c]), "--from", "2025-03-01", "--to", "2025-03-31", "-o", "st/", "--no-cache"], sub);
    expect(st.code).toBe(0);
    const one = await cli(["statement", "names.xlsx", ...customers.flatMap((c) => ["--customer", c]), "--from", "2025-03-01", "--to", "2025-03-31", "-o", "all.xlsx", "--no-cache"], sub);
    expect(one.code).toBe(0);
    const files = [join(sub, "ledger.xlsx"), join(sub, "report.xlsx"), join(sub, "all.xlsx"), ...readdirSync(join(sub, "st")).map((f) => join(sub, "st", f))];
    expect(files.length).toBe(3 + names.length);
    expect(pythonCheck(files)).toBe("");
    counter.add("outputsChecked", files.length);
  }, 180_000);
});

describe("5. statement file names", () => {
  const period = { from: "2025-03-01", to: "2025-03-31" };

  test("cut by UTF-8 bytes on a character boundary, the period kept, never two the same", () => {
    const emoji = `${"甲".repeat(40)}${"😀".repeat(40)}`;
    const long84 = "长".repeat(84);
    const sharedPrefix = (tail: string): string => `${"某".repeat(120)}${tail}`;
    const list = [emoji, long84, sharedPrefix("一公司"), sharedPrefix("二公司"), "x".repeat(300), "ABC", "abc"].map((customer) => ({ customer, ...period }));
    const names = statementFileNames(list);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(list.length);
    for (const n of names) {
      expect(Buffer.byteLength(n, "utf8")).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(n).toMatch(/_2025-03\.xlsx$/);
      // Valid UTF-8 all the way (no half surrogate pair).
      expect(Buffer.from(n, "utf8").toString("utf8")).toBe(n);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(n)).toBe(false);
    }
    // Stable: the same customer gets the same name whatever else is in the batch.
    expect(statementFileNames([list[2]!, list[3]!])).toEqual([names[2], names[3]]);
    expect(statementFileName({ customer: "长沙华兴", ...period })).toBe("对账单_长沙华兴_2025-03.xlsx");
    // A long name's April file is not its March file.
    expect(statementFileName({ customer: "x".repeat(300), from: "2025-04-01", to: "2025-04-30" })).not.toBe(names[4]);
    expect(cutToBytes("a😀b", 4)).toBe("a");
  });

  counter.test("statement -o dir/ writes one file per customer and says each (count said = files on disk)", async () => {
    const sub = join(dir, "names");
    mkdirSync(sub, { recursive: true });
    const customers = [`${"甲".repeat(59)}😀乙`, "长".repeat(84), `${"某".repeat(120)}一公司`, `${"某".repeat(120)}二公司`, "y".repeat(130)];
    writeFileSync(join(sub, "long.xlsx"), rawXlsx({ rows: orderRows(customers.length, (i) => customers[i]!) }));
    const args = customers.flatMap((c) => ["--customer", c]);
    const march = await cli(["statement", "long.xlsx", ...args, "--from", "2025-03-01", "--to", "2025-03-31", "-o", "out/", "--no-cache"], sub);
    expect(march.code).toBe(0);
    const april = await cli(["statement", "long.xlsx", ...args, "--from", "2025-04-01", "--to", "2025-04-30", "-o", "out/", "--no-cache"], sub);
    expect(april.code).toBe(0);
    const files = readdirSync(join(sub, "out"));
    expect(files.length).toBe(2 * customers.length);
    expect(files.filter((f) => f.endsWith("_2025-03.xlsx")).length).toBe(customers.length);
    const said = (march.stdout + april.stdout).split("\n").filter((l) => l.includes("已写入") || l.includes(".xlsx")).filter((l) => /out[\\/]/.test(l));
    expect(said.length).toBe(files.length);
  }, 120_000);
});

describe("6. no output ever replaces the input", () => {
  counter.test("statement --all-monthly -o <dir>/ where the input is named like its own statement", async () => {
    const sub = join(dir, "self");
    mkdirSync(sub, { recursive: true });
    // A converted ledger whose only 月结 customer is X: its statement would be 对账单_X_2025-03.xlsx.
    writeFileSync(join(sub, "src.xlsx"), rawXlsx({ rows: orderRows(2, () => "X") }));
    expect((await cli(["import", "src.xlsx", "-o", "对账单_X_2025-03.xlsx"], sub)).code).toBe(0);
    const input = join(sub, "对账单_X_2025-03.xlsx");
    const before = readFileSync(input);
    const r = await cli(["statement", "对账单_X_2025-03.xlsx", "--customer", "X", "--from", "2025-03-01", "--to", "2025-03-31", "-o", `${sub}/`, "--no-cache"], sub);
    expect(refusalProblems(r)).toEqual([]);
    expect(r.stderr).toContain("不能是源工作簿本身");
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 60_000);

  counter.test("report -o / statement -o / import -o through a symlink or a hard link to the input", async () => {
    const sub = join(dir, "links");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "in.xlsx"), rawXlsx({ rows: orderRows(3) }));
    symlinkSync(join(sub, "in.xlsx"), join(sub, "sym.xlsx"));
    linkSync(join(sub, "in.xlsx"), join(sub, "hard.xlsx"));
    const before = readFileSync(join(sub, "in.xlsx"));
    for (const out of ["sym.xlsx", "hard.xlsx", "./sub/../in.xlsx"]) {
      for (const argv of [
        ["report", "in.xlsx", "--monthly", "2025-03", "-o", out, "--no-cache"],
        ["statement", "in.xlsx", "--customer", "客户0", "--from", "2025-03-01", "--to", "2025-03-31", "-o", out, "--no-cache"],
        ["import", "in.xlsx", "-o", out],
      ]) {
        const r = await cli(argv, sub);
        expect([argv.join(" "), refusalProblems(r), /工作簿本身/.test(r.stderr)]).toEqual([argv.join(" "), [], true]);
      }
    }
    expect(readFileSync(join(sub, "in.xlsx")).equals(before)).toBe(true);
  }, 120_000);
});

describe("issue 15, class 8: namespace-prefixed parts (.NET's Open XML SDK) read by namespace", () => {
  counter.test("import --json, report and import -o see the 4 lines; the output is well-formed", async () => {
    const sub = join(dir, "prefixed");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "dotnet.xlsx"), prefixedXlsx(4));
    const imp = await cli(["import", "dotnet.xlsx", "--json"], sub);
    expect(imp.code).toBe(0);
    const report = JSON.parse(imp.stdout) as { sheets: { imported: number; mapping: Record<string, string> }[]; ledger: { orders: { amountFen: number } } };
    expect(report.sheets[0]!.imported).toBe(4);
    expect(report.ledger.orders.amountFen).toBe(50000);
    const rep = await cli(["report", "dotnet.xlsx", "--monthly", "2025-03", "--json", "--no-cache"], sub);
    expect(JSON.parse(rep.stdout)).toMatchObject({ rows: [{ customer: "长沙华兴", qty: 40, amountFen: 50000 }] });
    const out = await cli(["import", "dotnet.xlsx", "-o", "ledger.xlsx"], sub);
    expect(out.code).toBe(0);
    expect(pythonCheck([join(sub, "ledger.xlsx")])).toBe("");
    // The output reads back: its ledger tables hold the 4 orders.
    const back = await cli(["report", "ledger.xlsx", "--monthly", "2025-03", "--json", "--no-cache"], sub);
    expect(JSON.parse(back.stdout)).toMatchObject({ rows: [{ amountFen: 50000 }] });
  }, 120_000);

  test("unprefixXml: prefixed elements and a non-`r` relationships prefix become the plain form; plain parts are untouched", () => {
    const plain = Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>');
    expect(unprefixXml(plain)).toBe(plain);
    const prefixed = Buffer.from('<?xml version="1.0"?><s:workbook xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><s:sheets><s:sheet name="a" q:id="rId1"/></s:sheets></s:workbook>');
    expect(unprefixXml(prefixed).toString()).toBe(
      '<?xml version="1.0"?><workbook xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>',
    );
    // A prefix bound to some other namespace is left alone.
    const other = Buffer.from('<o:thing xmlns:o="urn:other"><o:x/></o:thing>');
    expect(unprefixXml(other)).toBe(other);
  });
});

describe("8. terminal escapes in names are shown escaped", () => {
  test("terminalSafe escapes ESC, OSC, BEL and C1 controls; keeps text, tabs, line ends and our erase-line", () => {
    expect(terminalSafe("客户\x1b]0;pwned\x07名\x9b31m")).toBe("客户\\x1b]0;pwned\\x07名\\u009b31m");
    expect(terminalSafe("a\tb\nc\r\x1b[2Kd")).toBe("a\tb\nc\r\x1b[2Kd");
    expect(jsonSafe(JSON.stringify({ c: "x\u009by\u007f" }))).toBe('{"c":"x\\u009by\\u007f"}');
    expect(JSON.parse(jsonSafe(JSON.stringify({ c: "x\u009by" })))).toEqual({ c: "x\u009by" });
  });

  counter.test("the CLI prints a customer named with ESC/OSC escaped, in text and in JSON", async () => {
    const sub = join(dir, "escapes");
    mkdirSync(sub, { recursive: true });
    const evil = "客户\x1b]8;;http://x\x07链接\x1b]8;;\x07\u009b2J";
    // Excel keeps such characters as `_x001B_` escapes in the shared strings.
    const stored = evil.split("\x1b").join("_x001B_").split("\x07").join("_x0007_");
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${stored}</t></si></sst>`;
    writeFileSync(join(sub, "esc.xlsx"), rawXlsx({ sharedStrings: sst, rows: orderRows(2).replace(/<c r="(B\d+)" t="inlineStr"><is><t>客户\d<\/t><\/is><\/c>/g, '<c r="$1" t="s"><v>0</v></c>') }));
    // Through the real process I/O (the in-process recorder has no terminal to protect).
    const cliPath = join(__dirname, "..", "..", "src", "cli", "main.ts");
    const file = join(sub, "esc.xlsx");
    for (const args of [["report", file, "--monthly", "2025-03", "--no-cache"], ["report", file, "--monthly", "2025-03", "--json", "--no-cache"]]) {
      const r = spawnSync(process.execPath, ["--import", "tsx", cliPath, ...args], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
      expect([r.status, r.stderr]).toEqual([0, ""]);
      // eslint-disable-next-line no-control-regex
      expect(/[\x07\x1b\x80-\x9f]/.test(r.stdout + r.stderr)).toBe(false);
      if (!args.includes("--json")) expect(r.stdout).toContain("客户\\x1b]8;;http://x\\x07链接");
    }
  }, 120_000);
});
