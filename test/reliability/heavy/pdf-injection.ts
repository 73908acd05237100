/**
 * Injection through the PDF path (needs LibreOffice, so it is not in the unit suite): customers
 * named like formulas get statements via `sales-ledger statement … -o dir/ --pdf`; the PDFs must be
 * written, and LibreOffice — the engine that renders them — must read every payload cell of the
 * written .xlsx as the literal text (checked by converting the same files to CSV with soffice: a
 * payload LibreOffice took for a formula would show its computed value, `2` or `y`, instead).
 *
 *   npx tsx test/reliability/heavy/pdf-injection.ts [--keep]
 *
 * Prints `PDF_INJECTION {…}` and exits 1 when a check fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { main as cli } from "../../../src/cli/main";
import { findSoffice } from "../../../src/cli/commands/statement";
import { gridsToExcelJs } from "../../builders/hostile";

const PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)", "=1+1"] as const;

async function run(): Promise<number> {
  const soffice = findSoffice();
  if (!soffice) {
    process.stdout.write(`PDF_INJECTION ${JSON.stringify({ ok: false, reason: "LibreOffice (soffice) not found: this check cannot run here" })}\n`);
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "h9-pdf-"));
  try {
    const rows: (string | number | null)[][] = [["日期", "客户", "型号", "数量", "单价", "金额", "备注"]];
    PAYLOADS.forEach((p, i) => rows.push([45721 + i, p, PAYLOADS[(i + 1) % PAYLOADS.length]!, 1 + i, 10, 10 * (1 + i), PAYLOADS[(i + 2) % PAYLOADS.length]!]));
    const wb = gridsToExcelJs([{ name: "销售明细", startRow: 0, startCol: 0, values: rows, formats: [], formulas: [], merges: [] }]);
    writeFileSync(join(dir, "clerk.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    let stdout = "";
    let stderr = "";
    // `--customer=…`: a separate value starting with "-" would read as an option.
    const argv = ["statement", "clerk.xlsx", ...PAYLOADS.map((p) => `--customer=${p}`), "--from", "2025-03-01", "--to", "2025-03-31", "-o", "out/", "--pdf", "--company", "某某公司"];
    const code = await cli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, locale: "zh-CN" });
    const out = join(dir, "out");
    const xlsx = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".xlsx")) : [];
    const pdfs = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".pdf")) : [];
    const profile = pathToFileURL(join(dir, "lo-profile")).href;
    const csvDir = join(dir, "csv");
    if (xlsx.length > 0) {
      execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", csvDir, ...xlsx.map((f) => join(out, f))], { stdio: "pipe", timeout: 180_000 });
    }
    const csv = existsSync(csvDir) ? readdirSync(csvDir).map((f) => readFileSync(join(csvDir, f), "utf8")).join("\n") : "";
    const cells = csv.split(/\r?\n/).flatMap((line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? "").replace(/""/g, '"')));
    const literal = Object.fromEntries(PAYLOADS.map((p) => [p, cells.filter((c) => c === p).length]));
    const ok = code === 0 && xlsx.length === PAYLOADS.length && pdfs.length === PAYLOADS.length && PAYLOADS.every((p) => (literal[p] ?? 0) > 0);
    process.stdout.write(`PDF_INJECTION ${JSON.stringify({ ok, exit: code, xlsx: xlsx.length, pdfs: pdfs.length, literal, stderr: stderr.slice(0, 400), stdout: stdout.slice(0, 200) })}\n`);
    return ok ? 0 : 1;
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
}

run().then(
  (c) => {
    process.exitCode = c;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
