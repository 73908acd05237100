/**
 * The hostile-file battery of issue 18 (too heavy for the unit suite): each hostile workbook,
 * generated here, through the four commands in a child process under `/usr/bin/time -v` with a
 * 2 GB heap and a 60 s timeout. Pass = exit 0 or 2, at most three stderr lines, no stack trace or
 * V8 abort, within 30 s. Prints a Markdown table (file, command, exit, seconds, peak MB) and exits
 * 1 when any run fails.
 *
 *   npx tsx test/reliability/heavy/hostile-battery.ts [--heap-mb 2048] [--only NAME] [--keep]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import { orderRows, prefixedXlsx, rawXlsx, sheetXml, textCell, zipParts } from "../../builders/raw-xlsx";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A deflate stream of `gib` GiB of zeros (~1 MB of it per GiB): 64 MiB pieces ending on a byte boundary, repeated, then a final empty block. */
function zeroBomb(gib: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const n = Math.round((gib * 1024) / 64);
  return Buffer.concat([...Array.from({ length: n }, () => piece), deflateRawSync(Buffer.alloc(0))]);
}

/** A workbook whose sheet part is `deflated` (already compressed data), stored with its claimed size. */
function bombWorkbook(deflated: Buffer, claimed: number): Buffer {
  // Build a normal workbook, then swap the sheet entry's data for the bomb (method 8, sizes as claimed).
  const parts = [
    { name: "[Content_Types].xml", data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' },
    { name: "xl/workbook.xml", data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="销售" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: "xl/_rels/workbook.xml.rels", data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
  ];
  const head = zipParts(parts);
  // Append the bomb entry by hand: local header + data, then a new central directory.
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const eocd = head.length - 22;
  const cdOffset = head.readUInt32LE(eocd + 16);
  const cdSize = head.readUInt32LE(eocd + 12);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(Math.min(claimed, 0xfffffffe), 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(Math.min(claimed, 0xfffffffe), 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(cdOffset, 42);
  const body = head.subarray(0, cdOffset);
  const cd = Buffer.concat([head.subarray(cdOffset, cdOffset + cdSize), central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length + 1, 8);
  end.writeUInt16LE(parts.length + 1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdOffset + 30 + name.length + deflated.length, 16);
  return Buffer.concat([body, local, name, deflated, cd, end]);
}

const XFD = `<row r="1048576">${textCell("XFD1048576", "x")}</row>`;

/** The battery: name → bytes (generated lazily, big ones only when run). */
const FILES: readonly { name: string; make: () => Buffer }[] = [
  { name: "stray-XFD1048576.xlsx", make: () => rawXlsx({ rows: orderRows(50) + XFD }) },
  { name: "merge-whole-sheet.xlsx", make: () => rawXlsx({ sheetXml: sheetXml(orderRows(50) + XFD).replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="B60:XFD1048576"/></mergeCells>') }) },
  { name: "unterminated-comment.xlsx", make: () => rawXlsx({ sheetXml: sheetXml(orderRows(5)).replace("<sheetData>", "<sheetData><!-- x") }) },
  { name: "unterminated-cdata.xlsx", make: () => rawXlsx({ sharedStrings: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t><![CDATA[x' }) },
  { name: "unterminated-pi.xlsx", make: () => rawXlsx({ workbookXml: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><?x' }) },
  { name: "unterminated-doctype.xlsx", make: () => rawXlsx({ stylesXml: "<!DOCTYPE x" }) },
  { name: "charref-110000.xlsx", make: () => rawXlsx({ rows: orderRows(5) + `<row r="9">${textCell("A9", "&#x110000;")}</row>` }) },
  { name: "bomb-3.5GiB.xlsx", make: () => bombWorkbook(zeroBomb(3.5), 3.5 * 2 ** 30) },
  { name: "bomb-5GiB-lying.xlsx", make: () => bombWorkbook(zeroBomb(5), 1024) },
  { name: "namespace-prefixed.xlsx", make: () => prefixedXlsx(200) },
];

const COMMANDS: readonly { name: string; argv: (file: string, dir: string) => string[] }[] = [
  { name: "import --json", argv: (f) => ["import", f, "--json"] },
  { name: "import -o", argv: (f, d) => ["import", f, "-o", join(d, "out.xlsx")] },
  { name: "report", argv: (f) => ["report", f, "--monthly", "2025-03", "--json", "--no-cache"] },
  { name: "statement", argv: (f, d) => ["statement", f, "--customer", "客户0", "--from", "2025-03-01", "--to", "2025-03-31", "-o", join(d, "st/"), "--no-cache"] },
];

function main(): number {
  const heapMb = Number(arg("heap-mb", "2048"));
  const only = arg("only", "");
  const dir = mkdtempSync(join(tmpdir(), "h18-battery-"));
  const cli = join(__dirname, "..", "..", "..", "src", "cli", "main.ts");
  const rows: string[] = ["| file | size | command | exit | seconds | peak MB | stderr lines | ok |", "|---|---:|---|---:|---:|---:|---:|---|"];
  let failed = 0;
  try {
    for (const f of FILES) {
      if (only && !f.name.includes(only)) continue;
      const path = join(dir, f.name);
      writeFileSync(path, f.make());
      const size = statSync(path).size;
      for (const c of COMMANDS) {
        const t0 = performance.now();
        const run = spawnSync("/usr/bin/time", ["-v", process.execPath, `--max-old-space-size=${heapMb}`, "--import", "tsx", cli, ...c.argv(path, dir)], { encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024, cwd: join(__dirname, "..", "..", "..") });
        const seconds = (performance.now() - t0) / 1000;
        const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? "");
        const peakMb = peak ? Math.round(Number(peak[1]) / 1024) : NaN;
        const exitM = /Exit status: (\d+)/.exec(run.stderr ?? "");
        const exit = run.signal ? `signal ${run.signal}` : exitM ? Number(exitM[1]) : run.status;
        const lines = (run.stderr ?? "").split("\n").filter((l) => l.trim() !== "" && !/^\t/.test(l) && !/^\s*Command (being timed|terminated|exited)/.test(l));
        const stack = lines.some((l) => /^\s+at\s|FATAL ERROR|heap out of memory|程序出错/.test(l));
        const ok = (exit === 0 || exit === 2) && lines.length <= 3 && !stack && seconds <= 30;
        if (!ok) failed++;
        rows.push(`| ${f.name} | ${(size / 1024).toFixed(0)} KB | ${c.name} | ${exit} | ${seconds.toFixed(1)} | ${peakMb} | ${lines.length} | ${ok ? "yes" : `NO ${JSON.stringify(lines.slice(0, 2).join(" / ").slice(0, 160))}`} |`);
        process.stderr.write(`${rows[rows.length - 1]}\n`);
      }
      rmSync(path, { force: true });
    }
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${rows.join("\n")}\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
