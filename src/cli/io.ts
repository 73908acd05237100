/**
 * What every CLI command shares: the I/O seam (so tests run commands in-process), argument
 * parsing, JSON output and the exit-code convention of DESIGN.md (0 ok, 2 bad args / unreadable input).
 */
import { t, type Locale } from "../core/i18n";
import { jsonSafe, terminalSafe } from "./terminal-text";

/** The command's window on the world; tests pass a recording one. */
export interface CliIo {
  /** Write to standard output (no newline added). */
  stdout(s: string): void;
  /** Write to standard error (no newline added). */
  stderr(s: string): void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Message language (default zh-CN). */
  readonly locale?: Locale;
  /** True when standard error is a terminal (progress is then shown in place). */
  readonly stderrIsTty?: boolean;
}

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: bad arguments or unreadable input (one clear message on stderr). */
export const EXIT_USAGE = 2;

/** Thrown by `parseArgs` and `usageError`; the dispatcher turns it into one message and exit 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** How one option is spelt and what it takes. */
export interface OptionSpec {
  /** Long name without dashes, e.g. `json`, `out`. */
  readonly name: string;
  /** Short alias without dash, e.g. `o`. */
  readonly short?: string;
  /** `flag` takes no value; `value` takes one; `multi` may repeat (values collected in order). */
  readonly kind: "flag" | "value" | "multi";
}

/** Parsed command line. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly multi: ReadonlyMap<string, readonly string[]>;
}

/**
 * Parse `argv` (the arguments after the subcommand) against `options`. Accepts `--name value`,
 * `--name=value`, `-o value`. Unknown options and missing values throw `CliUsageError` with a
 * catalogue message in `locale`.
 * @example parseArgs(["a.xlsx", "-o", "b.xlsx", "--json"], [{ name: "out", short: "o", kind: "value" }, { name: "json", kind: "flag" }])
 */
export function parseArgs(argv: readonly string[], options: readonly OptionSpec[], locale: Locale = "zh-CN"): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const multi = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const body = long ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf("=");
    const key = eq >= 0 ? body.slice(0, eq) : body;
    const spec = options.find((o) => (long ? o.name === key : o.short === key));
    if (!spec) throw new CliUsageError(t("cli.unknownOption", { option: arg }, locale));
    if (spec.kind === "flag") {
      if (eq >= 0) throw new CliUsageError(t("cli.flagTakesNoValue", { option: `--${spec.name}` }, locale));
      flags.add(spec.name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = body.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith("-") && value !== "-")) {
      throw new CliUsageError(t("cli.missingValue", { option: `--${spec.name}` }, locale));
    }
    if (spec.kind === "value") {
      if (values.has(spec.name)) throw new CliUsageError(t("cli.repeatedOption", { option: `--${spec.name}` }, locale));
      values.set(spec.name, value);
    } else {
      const list = multi.get(spec.name) ?? [];
      list.push(value);
      multi.set(spec.name, list);
    }
  }
  return { positionals, flags, values, multi };
}

/** Throw a usage error with a catalogue message (the dispatcher prints it and exits 2). */
export function usageError(code: string, params: Readonly<Record<string, string | number>> = {}, locale: Locale = "zh-CN"): never {
  throw new CliUsageError(t(code, params, locale));
}

/** Write exactly one JSON object (and a newline) to stdout: the `--json` contract. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${jsonSafe(JSON.stringify(value, null, 2))}\n`);
}

/** Print one clear message to stderr and return exit code 2. @example return fail(io, t("cli.missingWorkbook")) */
export function fail(io: CliIo, message: string): number {
  io.stderr(`${message.replace(/\n+$/, "")}\n`);
  return EXIT_USAGE;
}

/** A CliIo on the real process (used by `main.ts`). */
export function processIo(): CliIo {
  return {
    // Names from a workbook may hold terminal escapes: shown escaped, never acted on.
    stdout: (s) => process.stdout.write(terminalSafe(s)),
    stderr: (s) => process.stderr.write(terminalSafe(s)),
    cwd: process.cwd(),
    locale: /^en/i.test(process.env.SALES_LEDGER_LANG ?? "") ? "en-US" : "zh-CN",
    stderrIsTty: process.stderr.isTTY === true,
  };
}
