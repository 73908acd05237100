/**
 * The full-size row-limit check (too heavy for the unit suite): a sheet filling Excel's last row
 * (1,048,576 rows) through `sales-ledger import --json` in a child process with a memory cap.
 * Pass = exit 0 or 2 with one clear message (never a crash or a stack trace), the JSON (when
 * printed) conserves every row, and the child's peak RSS stays under the cap.
 *
 *   npx tsx test/reliability/heavy/row-limit.ts [--rows 1048576] [--cols 6] [--heap-mb 4096] [--shape full|sparse] [--command import|import-o|report] [--keep]
 *
 * The CLI runs with `--progress`: pass also needs progress lines on stderr (reading … %, importing)
 * and nothing else there when it succeeds.
 *
 * `--shape full` writes every row (a real 1M-row sales sheet); `--shape sparse` writes 50 rows and a
 * stray value in row 1,048,576 (a used range that reaches the end of the sheet, which clerks'
 * workbooks often have from a stray format or keystroke). Prints one JSON line `ROW_LIMIT {…}`
 * that the benchmark can collect, and exits 1 when the check fails.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { EXCEL_ROWS, writeFullSheet } from "../../../bench/full-sheet";


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function writeSheet(path: string, rows: number, cols: number, shape: string): Promise<void> {
  if (shape === "sparse") {
    // A small sheet plus one stray cell in the last row (the streaming writer would walk every row).
    const small = new ExcelJS.Workbook();
    const ws = small.addWorksheet("销售明细");
    ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额", "备注", "仓库"].slice(0, cols));
    for (let i = 1; i <= 50; i++) ws.addRow([45658 + i, `客户${i % 7}`, `M-${i % 5}`, 1, 10, 10].slice(0, cols));
    ws.getCell(rows, 1).value = "x";
    await small.xlsx.writeFile(path);
    return;
  }
  await writeFullSheet(path, rows, cols);
}

async function main(): Promise<number> {
  const rows = Math.min(EXCEL_ROWS, Number(arg("rows", String(EXCEL_ROWS))));
  const cols = Number(arg("cols", "6"));
  const heapMb = Number(arg("heap-mb", "4096"));
  const shape = arg("shape", "full");
  const command = arg("command", "import");
  const dir = mkdtempSync(join(tmpdir(), "h9-rowlimit-"));
  const file = join(dir, "big.xlsx");
  try {
    const t0 = performance.now();
    await writeSheet(file, rows, cols, shape);
    const genMs = performance.now() - t0;
    const cli = join(__dirname, "..", "..", "..", "src", "cli", "main.ts");
    const t1 = performance.now();
    const args = command === "report" ? ["report", file, "--annual", "2025", "--json"] : command === "import-o" ? ["import", file, "-o", join(dir, "ledger.xlsx"), "--json", "--progress"] : ["import", file, "--json", "--progress"];
    const run = spawnSync("/usr/bin/time", ["-v", process.execPath, `--max-old-space-size=${heapMb}`, "--import", "tsx", cli, ...args], {
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
      cwd: join(__dirname, "..", "..", ".."),
    });
    const ms = performance.now() - t1;
    const timeOut = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? "");
    const peakMb = timeOut ? Number(timeOut[1]) / 1024 : null;
    const stderr = (run.stderr ?? "").split("\n").filter((l) => !/^\s*(Command being timed|User time|System time|Percent of CPU|Elapsed|Average|Maximum resident|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l) && l.trim() !== "");
    let conserved: boolean | null = null;
    let tally: unknown = null;
    if (run.status === 0 && command === "report") {
      const annual = JSON.parse(run.stdout) as { rows: { amountFen: number }[]; totals: { amountFen: number } };
      conserved = annual.rows.reduce((n, r) => n + r.amountFen, 0) === annual.totals.amountFen && annual.rows.length > 0;
      tally = { customers: annual.rows.length, totalFen: annual.totals.amountFen };
    } else if (run.status === 0) {
      const report = JSON.parse(run.stdout) as { sheets: { name: string; rows: number; imported: number; rejected: number; skipped: number; headerRow: number | null }[] };
      conserved = report.sheets.every((s) => s.imported + s.rejected + s.skipped === s.rows) && (report.sheets[0]?.rows ?? 0) === rows - 1;
      tally = report.sheets.map((s) => ({ name: s.name, headerRow: s.headerRow, rows: s.rows, imported: s.imported, rejected: s.rejected, skipped: s.skipped }));
    }
    const crashed = run.status !== 0 && run.status !== 2;
    const stack = stderr.some((l) => /^\s+at\s/.test(l) || /FATAL ERROR|heap out of memory/i.test(l));
    const progress = stderr.filter((l) => l.startsWith("正在"));
    const messages = stderr.filter((l) => !l.startsWith("正在"));
    const progressOk = command === "report" || (progress.some((l) => /^正在读取「.+」… 100%$/.test(l)) && progress.some((l) => /^正在识别并导入（已读取 [\d,]+ 行）…$/.test(l)));
    const ok = !crashed && !stack && (run.status === 2 ? messages.length === 1 : conserved === true && messages.length === 0 && progressOk) && (peakMb === null || peakMb < heapMb * 1.5);
    const outMb = command === "import-o" && run.status === 0 ? statSync(join(dir, "ledger.xlsx")).size / 1048576 : null;
    const line = { command, rows, cols, shape, fileMb: statSync(file).size / 1048576, outMb, genMs: Math.round(genMs), ms: Math.round(ms), exit: run.status, signal: run.signal, peakMb, heapMb, conserved, tally, progressLines: progress.length, progressSample: [progress[0], progress[progress.length - 1]], stderr: messages.slice(0, 5).map((l) => l.slice(0, 300)), ok };
    process.stdout.write(`ROW_LIMIT ${JSON.stringify(line)}\n`);
    return ok ? 0 : 1;
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
