/**
 * Regenerates the binary fixture of the corrupt-file suite with LibreOffice: a real legacy .xls.
 * (LibreOffice 7.4 here would not write a password-protected .xlsx — neither the
 * `{"EncryptionPassword":…}` filter option nor a storeToURL `Password` produced one — so the suite
 * builds an OLE container with `EncryptionInfo`/`EncryptedPackage` streams itself; see hostile.ts.)
 * Run `npx tsx test/reliability/heavy/make-fixtures.ts` when it needs remaking; the unit suite
 * only reads the committed file, so CI needs no LibreOffice.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";

const FIXTURES = join(__dirname, "..", "fixtures");

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "h9-fixtures-"));
  try {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("销售");
    ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额"]);
    ws.addRow(["2025-03-05", "长沙华兴", "XY-100", 10, 12.5, 125]);
    const src = join(work, "clerk.xlsx");
    await wb.xlsx.writeFile(src);
    const profile = pathToFileURL(join(work, "profile")).href;
    const run = (to: string, outDir: string): void => {
      execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, src], { stdio: "pipe", timeout: 120_000 });
    };
    run("xls", join(work, "xls"));
    copyFileSync(join(work, "xls", "clerk.xls"), join(FIXTURES, "legacy.xls"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
