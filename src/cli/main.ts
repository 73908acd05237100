#!/usr/bin/env node
/**
 * `sales-ledger`: the CLI dispatcher. `import`, `report`, `statement`, `demo`, `--help`,
 * `--version`. Commands are loaded lazily, so a command that cannot load fails alone. Exit codes:
 * 0 success, 2 bad arguments or unreadable input (one clear message), 1 an internal error (one
 * line; the stack only with SALES_LEDGER_DEBUG=1). Never a stack trace by default.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describeIssue, t } from "../core/i18n";
import { WorkbookDamagedError } from "../hosts/xlsx/damaged";
import { CliUsageError, EXIT_OK, EXIT_USAGE, fail, processIo, type CliIo } from "./io";

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/*
 * Subcommands are required lazily (CommonJS `require`, which resolves extensionless paths in the
 * built package too), so a command that is missing or broken fails only when it is asked for.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  import: async () => (require("./commands/import") as { runImport: Command }).runImport,
  report: async () => (require("./commands/report") as { runReport: Command }).runReport,
  statement: async () => (require("./commands/statement") as { runStatement: Command }).runStatement,
  demo: async () => (require("./commands/demo") as { runDemo: Command }).runDemo,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The package version (read from the nearest package.json named sales-ledger). */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = join(dir, "package.json");
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "sales-ledger" && pkg.version) return pkg.version;
      } catch {
        // not ours; keep looking upward
      }
    }
    dir = dirname(dir);
  }
  return "0.0.0";
}

/**
 * Run the CLI with `argv` (the arguments after the program name). Returns the exit code.
 * @example await main(["import", "销售.xlsx", "--json"], io)
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = io.locale ?? "zh-CN";
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return fail(io, t("cli.usage", {}, locale));
  if (cmd === "--help" || cmd === "-h" || cmd === "help") {
    io.stdout(`${t("cli.usage", {}, locale)}\n`);
    return EXIT_OK;
  }
  if (cmd === "--version" || cmd === "-V" || cmd === "-v") {
    io.stdout(`sales-ledger ${packageVersion()}\n`);
    return EXIT_OK;
  }
  const load = COMMANDS[cmd];
  if (!load) return fail(io, `${t("cli.unknownCommand", { command: cmd }, locale)}\n${t("cli.usage", {}, locale)}`);
  let run: Command;
  try {
    run = await load();
  } catch (e) {
    return fail(io, t("cli.commandUnavailable", { command: cmd, detail: e instanceof Error ? e.message.split("\n")[0] ?? "" : String(e) }, locale));
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof CliUsageError) return fail(io, e.message);
    // A part found damaged (or a zip bomb) while reading: unreadable input, one message, exit 2.
    if (e instanceof WorkbookDamagedError) return fail(io, describeIssue(e.issue(), locale));
    io.stderr(`${t("cli.internalError", { detail: e instanceof Error ? e.message : String(e) }, locale)}\n`);
    if (process.env.SALES_LEDGER_DEBUG === "1" && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `sales-ledger import x.xlsx --json | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

export { EXIT_USAGE };
