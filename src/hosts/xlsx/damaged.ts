/**
 * A workbook found damaged (or hostile) while reading it: an unterminated `<!--`, `<![CDATA[`, `<?`
 * or tag, an impossible character reference, a zip entry that does not inflate, or one that
 * inflates past the limits (a zip bomb). Thrown by the zip layer and the XML scanner, which do not
 * know the file's name; the reader adds it, and the CLI turns it into one message and exit 2.
 */
import type { Issue } from "../../core/result";

/** What is wrong: damaged markup or archive, or a part too big once unpacked. */
export type DamageKind = "corrupt" | "tooLarge";

/** Thrown when a workbook's bytes cannot be read safely; never a bug of ours. */
export class WorkbookDamagedError extends Error {
  /**
   * @param kind `tooLarge` for a part past the inflate limits, else `corrupt`
   * @param detail what was found, in plain words (`unterminated <!--`, part name and limit, …)
   * @param file the workbook's file name, once the reader knows it
   */
  constructor(
    readonly kind: DamageKind,
    readonly detail: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ""}${detail}`);
    this.name = "WorkbookDamagedError";
  }

  /** The same damage, naming the file. */
  withFile(file: string): WorkbookDamagedError {
    return this.file !== undefined ? this : new WorkbookDamagedError(this.kind, this.detail, file);
  }

  /** The issue a command shows (catalogue `cli.open.corrupt` / `cli.open.tooLarge`). */
  issue(): Issue {
    const file = this.file ?? "";
    return this.kind === "tooLarge" ? { code: "cli.open.tooLarge", params: { file, detail: this.detail } } : { code: "cli.open.corrupt", params: { file, detail: this.detail } };
  }
}

/**
 * True for an error that says the workbook is damaged: ours, or one from zlib inflating a bad entry.
 * @example isDamage(new WorkbookDamagedError("corrupt", "unterminated <!--")) // true
 */
export function isDamage(e: unknown): e is WorkbookDamagedError {
  return e instanceof WorkbookDamagedError;
}
