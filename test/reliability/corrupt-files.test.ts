/**
 * Corrupt and unexpected files through the CLI (in process, through `main`): each gets exactly one
 * clear message naming the file, exit code 2, no stack trace, nothing on stdout, nothing written.
 * The big-sheet path is checked here on a sheet of 12,345 rows (chunks stay bounded, progress
 * reaches the end); the full 1,048,576-row run is `test/reliability/heavy/row-limit.ts`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { XlsxWorkbook, CHUNK_ROWS } from "../../src/hosts/xlsx/xlsx-workbook";
import { detectWorkbook } from "../../src/app/detect-workbook";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { FakeExcel } from "../excel-fake";
import { encryptedWorkbookBytes } from "../builders/hostile";
import { trackSuite } from "./summary";

const counter = trackSuite("corruptFiles");
const dir = mkdtempSync(join(tmpdir(), "h9-corrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, locale: "zh-CN" };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function goodXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("销售");
  ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额"]);
  for (let i = 0; i < 40; i++) ws.addRow(["2025-03-05", `客户${i % 5}`, "XY-100", 10, 12.5, 125]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STACK = /\n\s+at\s+\S+.*:\d+:\d+|Error:\s|TypeError|RangeError|SyntaxError/;

/** The cases: a name, how to make the file, the file name. */
async function cases(): Promise<{ name: string; file: string }[]> {
  const good = await goodXlsx();
  const out: { name: string; file: string }[] = [];
  const put = (name: string, file: string, bytes: Buffer | string): void => {
    writeFileSync(join(dir, file), bytes);
    out.push({ name, file });
  };
  put("truncated zip (first half)", "truncated.xlsx", good.subarray(0, Math.floor(good.length / 2)));
  put("truncated zip (last byte gone)", "truncated-1.xlsx", good.subarray(0, good.length - 1));
  const flipped = Buffer.from(good);
  for (let i = Math.floor(flipped.length / 3); i < Math.floor(flipped.length / 3) + 64; i++) flipped[i] = flipped[i]! ^ 0xff;
  put("zip with damaged data", "damaged.xlsx", flipped);
  put("PK magic then garbage", "pk-garbage.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(300, 7)]));
  put("random bytes", "random.xlsx", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)));
  put("a PNG renamed", "picture.xlsx", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]));
  put("an empty file", "empty.xlsx", Buffer.alloc(0));
  put("a password-protected workbook (OLE + EncryptionInfo)", "protected.xlsx", encryptedWorkbookBytes());
  put("a legacy .xls (LibreOffice-made)", "legacy.xls", readFileSync(join(__dirname, "fixtures", "legacy.xls")));
  put("a .xls renamed .xlsx", "legacy-renamed.xlsx", readFileSync(join(__dirname, "fixtures", "legacy.xls")));
  put("CSV text", "sales.csv", "日期,客户,金额\n2025-03-05,长沙华兴,100\n");
  const docx = new JSZip();
  docx.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  docx.file("word/document.xml", "<w:document/>");
  put("a Word document renamed .xlsx", "letter.xlsx", await docx.generateAsync({ type: "nodebuffer" }));
  const noSheets = new JSZip();
  noSheets.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  put("a zip with no workbook part", "no-workbook.xlsx", await noSheets.generateAsync({ type: "nodebuffer" }));
  mkdirSync(join(dir, "folder.xlsx"));
  out.push({ name: "a folder", file: "folder.xlsx" });
  out.push({ name: "a missing file", file: "does-not-exist.xlsx" });
  return out;
}

const COMMANDS: readonly { name: string; argv: (file: string) => string[] }[] = [
  { name: "import --json", argv: (f) => ["import", f, "--json"] },
  { name: "import -o", argv: (f) => ["import", f, "-o", "out.xlsx"] },
  { name: "report --monthly", argv: (f) => ["report", f, "--monthly", "2025-03", "--json"] },
  { name: "statement", argv: (f) => ["statement", f, "--customer", "长沙华兴", "--from", "2025-03-01", "--to", "2025-03-31", "--json"] },
];

describe("corrupt and unexpected files through the CLI", () => {
  counter.test("each gets one clear message naming the file, exit 2, no stack trace, nothing written", async () => {
    const all = await cases();
    const failures: string[] = [];
    const messages = new Map<string, string>();
    for (const c of all) {
      for (const cmd of COMMANDS) {
        const r = await cli(cmd.argv(c.file));
        counter.add("cliRuns");
        const lines = r.stderr.trim().split("\n").filter((l) => l.trim() !== "");
        const problems: string[] = [];
        if (r.code !== 2) problems.push(`exit ${r.code}`);
        if (lines.length !== 1) problems.push(`${lines.length} stderr lines`);
        if (STACK.test(r.stderr)) problems.push("stack trace / raw error");
        if (r.stdout !== "") problems.push(`stdout ${JSON.stringify(r.stdout.slice(0, 80))}`);
        if (!r.stderr.includes(c.file.replace(/\.xlsx$|\.xls$|\.csv$/, ""))) problems.push("message does not name the file");
        if (readdirSync(dir).some((f) => /^out\.xlsx$|\.tmp$/.test(f))) problems.push("wrote an output file");
        if (problems.length > 0) failures.push(`${c.name} × ${cmd.name}: ${problems.join(", ")} — ${JSON.stringify(r.stderr.slice(0, 200))}`);
        if (cmd.name === "import --json") messages.set(c.name, r.stderr.replace(new RegExp(c.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), "<file>"));
      }
      counter.add("files");
    }
    expect(failures).toEqual([]);
    // The message says what is wrong, not just "cannot read": these kinds must be told apart.
    const distinct = ["an empty file", "a password-protected workbook (OLE + EncryptionInfo)", "a legacy .xls (LibreOffice-made)", "CSV text", "truncated zip (first half)", "a missing file", "a folder"].map((n) => messages.get(n));
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  counter.test("an empty workbook (one blank sheet) gets one clear message and exit 2", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    writeFileSync(join(dir, "blank.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    const failures: string[] = [];
    for (const cmd of COMMANDS) {
      const r = await cli(cmd.argv("blank.xlsx"));
      counter.add("cliRuns");
      const lines = r.stderr.trim().split("\n").filter((l) => l.trim() !== "");
      if (r.code !== 2 || lines.length !== 1 || STACK.test(r.stderr)) failures.push(`${cmd.name}: exit ${r.code}, stderr ${JSON.stringify(r.stderr.slice(0, 200))}, stdout ${JSON.stringify(r.stdout.slice(0, 120))}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("big sheets are read in bounded chunks", () => {
  const ROWS = 12_345;

  counter.test(`xlsx host: ${ROWS} rows come in chunks of at most ${CHUNK_ROWS} rows, contiguous, with progress to the end`, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("销售明细");
    ws.addRow(["日期", "客户", "型号", "数量", "金额"]);
    for (let i = 1; i < ROWS; i++) ws.addRow([45721 + (i % 28), `客户${i % 50}`, `M-${i % 9}`, 1 + (i % 5), 100 + i]);
    const port = XlsxWorkbook.wrap(wb);
    const progress: [number, number][] = [];
    const sizes: number[] = [];
    let next = 0;
    for await (const chunk of port.readSheet("销售明细", (done, total) => progress.push([done, total]))) {
      expect(chunk.startRow).toBe(next);
      expect(chunk.formats).toHaveLength(chunk.values.length);
      expect(chunk.formulas).toHaveLength(chunk.values.length);
      sizes.push(chunk.values.length);
      next += chunk.values.length;
    }
    expect(next).toBe(ROWS);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.min(CHUNK_ROWS, 20_000));
    expect(sizes.length).toBe(Math.ceil(ROWS / CHUNK_ROWS));
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([ROWS, ROWS]);
    const seen: number[] = [];
    const { result } = await detectWorkbook(port, { onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(ROWS);
    const tally = result.tallies[0]!;
    expect(tally.rows).toBe(ROWS - 1);
    expect(tally.imported + tally.rejected + tally.skipped).toBe(ROWS - 1);
    counter.add("rowsStreamed", ROWS);
    counter.add("chunks", sizes.length);
  });

  counter.test("Excel host (fake): a 6,000-row sheet read with a 1,000-row budget takes bounded chunks and O(chunks) syncs", async () => {
    const fake = new FakeExcel();
    const values: (string | number)[][] = [["日期", "客户", "金额"]];
    for (let i = 1; i < 6000; i++) values.push([45721, `客户${i % 7}`, i]);
    fake.addSheet("销售", values);
    fake.resetLog();
    const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined, chunkRows: 1000 });
    const sizes: number[] = [];
    for await (const chunk of port.readSheet("销售")) sizes.push(chunk.values.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(fake.maxSyncBytes).toBeLessThan(fake.payloadLimit);
    expect(fake.syncCount).toBeLessThanOrEqual(2 + sizes.length);
    counter.add("rowsStreamed", 6000);
    counter.add("chunks", sizes.length);
  });
});
