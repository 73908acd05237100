/**
 * Run `sales-ledger import <file> --json` through the CLI's own code path (`main`), in-process with a
 * recording I/O, and hand back exit code, stdout and stderr.
 */
import { dirname } from "node:path";
import { main } from "../../src/cli/main";
import type { ImportRun } from "./judge";

/**
 * Import one workbook as the CLI does; an exception becomes exit 1 with its message (as the CLI prints it).
 * @example const run = await runImport("/path/book.xlsx"); run.exitCode
 */
export async function runImport(path: string): Promise<ImportRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    cwd: dirname(path),
    locale: "zh-CN" as const,
    stderrIsTty: false,
    stdout: (s: string) => {
      stdout += s;
    },
    stderr: (s: string) => {
      stderr += s;
    },
  };
  try {
    const exitCode = await main(["import", path, "--json"], io);
    return { exitCode, stdout, stderr };
  } catch (e) {
    return { exitCode: 1, stdout, stderr: `${stderr}${e instanceof Error ? e.message : String(e)}` };
  }
}
