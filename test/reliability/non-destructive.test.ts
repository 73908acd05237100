/**
 * Non-destructive: every source sheet's cells (values, number formats, formulas, merges) hash the
 * same before and after convert, reports and statements — on the xlsx host, on the fake-backed
 * Excel host, and through the CLI (whose input file's bytes must not change). A failed write
 * leaves no half-written file and no temp file behind, and an earlier output survives.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import type { SheetGrid } from "../../src/core/import/types";
import type { WorkbookPort } from "../../src/app/workbook-port";
import { convertWorkbook } from "../../src/app/convert-workbook";
import { generateReport } from "../../src/app/generate-report";
import { generateStatements } from "../../src/app/generate-statements";
import { loadLedger } from "../../src/app/load-ledger";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { ExcelWorkbook, type ExcelRun } from "../../src/hosts/excel/excel-workbook";
import { main } from "../../src/cli/main";
import { convertWithSoffice, findSoffice } from "../../src/cli/commands/statement";
import { rawEntryData, readZipDirectory } from "../../src/hosts/xlsx/zip";
import type { CliIo } from "../../src/cli/io";
import { FakeExcel } from "../excel-fake";
import { arbHostileGrid, gridsToExcelJs, gridsToFake, hashExcelJsSheet, hashFakeSheet } from "../builders/hostile";
import { trackSuite } from "./summary";
import { assertAsyncProperty } from "./property";

// The live module object (an `import * as` namespace would be a copy the host never calls).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsp = require("node:fs/promises") as typeof import("node:fs/promises");
const counter = trackSuite("nonDestructive");
const dir = mkdtempSync(join(tmpdir(), "h9-nondestructive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sheet the importer surely takes (so convert always writes), with formulas, formats and a merge. */
const GOOD: SheetGrid = {
  name: "2025年3月销售",
  startRow: 0,
  startCol: 0,
  values: [
    ["2025年3月销售明细", null, null, null, null, null],
    ["日期", "客户", "型号", "数量", "单价", "金额"],
    [45721, "长沙华兴商贸", "XY-100", 10, 12.5, 125],
    [45722, "郑州宏达(集团)", "XY-200", 2, 100, 200],
    [45730, "长沙华兴商贸", "XY-100", -1, 12.5, -12.5],
    ["合计", null, null, null, null, 312.5],
  ],
  formats: [[], ["@", "@", "@", "@", "@", "@"], ["yyyy-mm-dd", "General", "General", "0", "#,##0.00", "#,##0.00"], ["yyyy-mm-dd"], ["yyyy-mm-dd"], []],
  formulas: [[], [], [null, null, null, null, null, "=D3*E3"], [null, null, null, null, null, "=D4*E4"], [], [null, null, null, null, null, "=SUM(F3:F5)"]],
  merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: 5 }],
};

const arbSources = fc.array(arbHostileGrid({ maxRows: 10, maxCols: 6 }), { maxLength: 2 }).map((gs) => [GOOD, ...gs.map((g, i) => ({ ...g, name: `${g.name.slice(0, 20)}_${i}` }))]);

/** Convert, then every report kind, then statements for the ledger's customers. */
async function runEverything(port: WorkbookPort): Promise<void> {
  const converted = await convertWorkbook(port);
  expect(converted.ok).toBe(true);
  for (const [kind, period] of [["daily", "2025-03-05"], ["monthly", "2025-03"], ["annual", "2025"], ["aging", "2025-03-31"]] as const) {
    const r = await generateReport(port, undefined, { kind, period, today: "2025-04-01" });
    expect(r.ok).toBe(true);
  }
  const { ledger } = await loadLedger(port);
  const s = await generateStatements(port, ledger, { customers: ledger.customerNames().slice(0, 3), from: "2025-03-01", to: "2025-03-31", company: { name: "某某公司" } });
  expect(s.ok).toBe(true);
}

function sha(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

async function reload(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function hashesOf(wb: ExcelJS.Workbook, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, wb.getWorksheet(n) ? hashExcelJsSheet(wb.getWorksheet(n)!) : "missing"]));
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, locale: "zh-CN" };
  return { code: await main(argv, io), stdout, stderr };
}

describe("non-destructive on the xlsx host", () => {
  counter.test("convert, four reports and statements leave every source sheet's cells unchanged (in memory and saved)", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(arbSources, async (grids) => {
        const original = Buffer.from(await gridsToExcelJs(grids).xlsx.writeBuffer());
        const names = grids.map((g) => g.name);
        const before = hashesOf(await reload(original), names);
        const opened = await XlsxWorkbook.fromBuffer(original, "source.xlsx");
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        const port = opened.value;
        const inMemoryBefore = hashesOf(port.workbook, names);
        await runEverything(port);
        expect(hashesOf(port.workbook, names)).toEqual(inMemoryBefore);
        expect(port.workbook.worksheets.filter((w) => names.includes(w.name)).map((w) => w.name)).toEqual(names);
        const after = hashesOf(await reload(await port.toBuffer()), names);
        expect(after).toEqual(before);
        counter.add("xlsxCases");
        counter.add("sheetsHashed", names.length * 2);
      }),
      { numRuns: 5, endOnFailure: true }, // no shrinking: each run converts and writes nine sheets
    );
  });
});

describe("non-destructive on the Excel host (fake)", () => {
  counter.test("convert, four reports and statements leave every source sheet's cells unchanged", async () => {
    await assertAsyncProperty(
      fc.asyncProperty(arbSources, async (grids) => {
        const fake = new FakeExcel();
        gridsToFake(grids, fake);
        const names = grids.map((g) => g.name);
        const before = Object.fromEntries(names.map((n) => [n, hashFakeSheet(fake, n)]));
        const port = new ExcelWorkbook({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, sleep: async () => undefined });
        await runEverything(port);
        const after = Object.fromEntries(names.map((n) => [n, hashFakeSheet(fake, n)]));
        expect(after).toEqual(before);
        expect(fake.sheetNames().filter((n) => names.includes(n))).toEqual(names);
        counter.add("fakeCases");
        counter.add("sheetsHashed", names.length);
      }),
      { numRuns: 8, endOnFailure: true }, // no shrinking: each run converts and writes nine sheets
    );
  });
});

describe("the CLI never writes its input, and never leaves half a file", () => {
  let input = "";
  let inputBytes: Buffer = Buffer.alloc(0);
  beforeAll(async () => {
    input = join(dir, "clerk.xlsx");
    inputBytes = Buffer.from(await gridsToExcelJs([GOOD]).xlsx.writeBuffer());
    writeFileSync(input, inputBytes);
  });

  counter.test("import -o, report -o and statement -o: the input file's bytes are unchanged, the output holds the source sheets unchanged", async () => {
    const before = sha(readFileSync(input));
    const runs = [
      ["import", "clerk.xlsx", "-o", "ledger.xlsx"],
      ["report", "clerk.xlsx", "--monthly", "2025-03", "-o", "monthly.xlsx"],
      ["report", "ledger.xlsx", "--aging", "--as-of", "2025-03-31", "-o", "aging.xlsx"],
      ["statement", "clerk.xlsx", "--customer", "长沙华兴商贸", "--from", "2025-03-01", "--to", "2025-03-31", "-o", "statements.xlsx", "--company", "某某公司"],
      ["statement", "ledger.xlsx", "--customer", "长沙华兴商贸", "--from", "2025-03-01", "--to", "2025-03-31", "-o", "per-customer/"],
    ];
    for (const argv of runs) {
      const ledgerBefore = existsSync(join(dir, "ledger.xlsx")) ? sha(readFileSync(join(dir, "ledger.xlsx"))) : null;
      const r = await cli(argv);
      expect({ argv, code: r.code, stderr: r.stderr.slice(0, 300) }).toEqual({ argv, code: 0, stderr: expect.any(String) as string });
      expect(sha(readFileSync(input))).toBe(before);
      if (ledgerBefore !== null && argv[1] === "ledger.xlsx") expect(sha(readFileSync(join(dir, "ledger.xlsx")))).toBe(ledgerBefore);
      counter.add("cliRuns");
    }
    const original = hashesOf(await reload(inputBytes), [GOOD.name]);
    expect(hashesOf(await reload(readFileSync(join(dir, "ledger.xlsx"))), [GOOD.name])).toEqual(original);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  counter.test("import -o keeps what ExcelJS cannot carry: a chart and a comment made by openpyxl come out byte for byte, and LibreOffice still finds the chart", async () => {
    const clerk = join(dir, "clerk-chart.xlsx");
    // openpyxl writes a real bar chart (chart + drawing parts) and a cell comment (comments + VML).
    execFileSync("/usr/bin/python3", ["-c", [
      "import sys, openpyxl",
      "from openpyxl.chart import BarChart, Reference",
      "from openpyxl.comments import Comment",
      "wb = openpyxl.Workbook(); ws = wb.active; ws.title = '3月销售'",
      "ws.append(['日期', '客户', '型号', '数量', '单价', '金额'])",
      "[ws.append([f'2025-03-0{d}', '长沙华兴商贸', 'XY-100', d, 12.5, d * 12.5]) for d in range(1, 7)]",
      "c = BarChart(); c.add_data(Reference(ws, min_col=6, min_row=1, max_row=7), titles_from_data=True); ws.add_chart(c, 'H2')",
      "ws['B2'].comment = Comment('老客户，月结', '内勤')",
      "wb.save(sys.argv[1])",
    ].join("\n"), clerk]);
    const r = await cli(["import", "clerk-chart.xlsx", "-o", "chart-ledger.xlsx"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const src = readFileSync(clerk);
    const out = readFileSync(join(dir, "chart-ledger.xlsx"));
    const a = readZipDirectory(src);
    const b = readZipDirectory(out);
    // Only the workbook's table of contents changes; every other part is the same compressed bytes.
    const edited = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/sharedStrings.xml"]);
    const kept = [...a.keys()].filter((n) => !edited.has(n));
    expect(kept).toEqual(expect.arrayContaining(["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/comments/comment1.xml"]));
    for (const name of kept) expect({ name, same: b.has(name) && rawEntryData(out, b.get(name)!).equals(rawEntryData(src, a.get(name)!)) }).toEqual({ name, same: true });
    // LibreOffice opens our output and, saving it again, still writes the chart it found there.
    const soffice = findSoffice();
    expect(soffice).not.toBeNull();
    const resaved = join(dir, "lo");
    await convertWithSoffice(soffice!, [join(dir, "chart-ledger.xlsx")], resaved, "xlsx");
    const lo = readFileSync(join(resaved, "chart-ledger.xlsx"));
    expect([...readZipDirectory(lo).keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
    counter.add("cliRuns");
  });

  counter.test("import -o onto a folder: exit 2, one message, no temp file left, the folder untouched", async () => {
    mkdirSync(join(dir, "taken.xlsx"));
    const r = await cli(["import", "clerk.xlsx", "-o", "taken.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(statSync(join(dir, "taken.xlsx")).isDirectory()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    counter.add("failedWrites");
  });

  counter.test("report -o into a missing folder: exit 2 with one message (not an internal error), nothing left", async () => {
    const r = await cli(["report", "clerk.xlsx", "--monthly", "2025-03", "-o", "no-such-folder/monthly.xlsx"]);
    expect({ code: r.code, lines: r.stderr.trim().split("\n").length }).toEqual({ code: 2, lines: 1 });
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
    counter.add("failedWrites");
  });

  counter.test("a crash half-way through writing leaves the earlier output intact and no temp file", async () => {
    const out = join(dir, "ledger-crash.xlsx");
    writeFileSync(out, "EARLIER OUTPUT");
    // `import -o` streams the zip through a file handle: the disk fills up after the first 4 KB.
    const realOpen = fsp.open;
    let refused = 0;
    const spy = jest.spyOn(fsp, "open").mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await realOpen(...args);
      const realWrite = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>;
      let written = 0;
      const failing = async (...a: unknown[]): Promise<{ bytesWritten: number }> => {
        if (written >= 4096) {
          refused++;
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        }
        const r = await realWrite(...a);
        written += r.bytesWritten;
        return r;
      };
      handle.write = failing as typeof handle.write;
      return handle;
    });
    try {
      const r = await cli(["import", "clerk.xlsx", "-o", "ledger-crash.xlsx"]);
      expect({ code: r.code, lines: r.stderr.trim().split("\n").length, said: r.stderr.includes("ENOSPC") }).toEqual({ code: 2, lines: 1, said: true });
      expect(refused).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(out, "utf8")).toBe("EARLIER OUTPUT");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    counter.add("failedWrites");
  });

  counter.test("a failed rename leaves no temp file and no output", async () => {
    const spy = jest.spyOn(fsp, "rename").mockRejectedValue(Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" }));
    try {
      const r = await cli(["import", "clerk.xlsx", "-o", "ledger-rename.xlsx"]);
      expect(r.code).toBe(2);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(join(dir, "ledger-rename.xlsx"))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    counter.add("failedWrites");
  });
});
