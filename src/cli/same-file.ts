/**
 * Whether an output path is the input file: by file identity (device and inode, which a symlink, a
 * hard link, `..` segments or another letter case on a case-insensitive file system all share),
 * and by real path as well. An output that does not exist yet cannot be the input.
 */
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";

/**
 * True when writing `out` would replace `input`.
 * @example sameFile("/data/./台账.xlsx", "/data/台账.xlsx") // true (when it exists)
 */
export function sameFile(out: string, input: string): boolean {
  if (resolve(out) === resolve(input)) return true;
  let a;
  let b;
  try {
    a = statSync(out, { bigint: true });
    b = statSync(input, { bigint: true });
  } catch {
    return false;
  }
  if (a.dev === b.dev && a.ino === b.ino && a.ino !== 0n) return true;
  try {
    return realpathSync.native(out) === realpathSync.native(input);
  } catch {
    return false;
  }
}
