/**
 * A status line for long commands on standard error, so a clerk importing a 1,048,576-row sheet
 * sees it is working: on a terminal one line rewritten in place; with `--progress`, plain lines
 * (for logs and tests); otherwise nothing. Never on stdout, so `--json` output stays one object.
 */
import { t } from "../core/i18n";
import type { CliIo } from "./io";

/** How progress is shown: rewritten in place (terminal), one line per step, or not at all. */
export type ProgressMode = "tty" | "lines" | "off";

/** What a command reports while it works. */
export interface CliProgress {
  /** A step without a measure ("导入 1,048,575 行…"). */
  step(code: string, params?: Readonly<Record<string, string | number>>): void;
  /** A measured step; printed when the whole percent changes. */
  percent(code: string, params: Readonly<Record<string, string | number>>, done: number, total: number): void;
  /** Clear the terminal line before the command's own output. */
  end(): void;
}

/**
 * Pick the mode: `--progress` forces lines; a terminal on stderr gets the rewritten line.
 * @example progressMode(args.flags.has("progress"), process.stderr.isTTY === true)
 */
export function progressMode(forced: boolean, stderrIsTty: boolean): ProgressMode {
  if (forced) return "lines";
  return stderrIsTty ? "tty" : "off";
}

/**
 * A progress reporter writing through `io.stderr`.
 * @example const p = createProgress(io, "lines"); p.percent("cli.progress.reading", { sheet: "1月" }, 50, 100)
 */
export function createProgress(io: CliIo, mode: ProgressMode): CliProgress {
  const locale = io.locale ?? "zh-CN";
  let last = "";
  let open = false;
  const show = (line: string): void => {
    if (line === last) return;
    last = line;
    if (mode === "lines") io.stderr(`${line}\n`);
    else if (mode === "tty") {
      // \r and "erase line": the next status replaces this one.
      io.stderr(`\r\x1b[2K${line}`);
      open = true;
    }
  };
  return {
    step(code, params = {}) {
      if (mode !== "off") show(t(code, params, locale));
    },
    percent(code, params, done, total) {
      if (mode === "off") return;
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      show(t(code, { ...params, percent: pct }, locale));
    },
    end() {
      if (open) io.stderr("\r\x1b[2K");
      open = false;
      last = "";
    },
  };
}
