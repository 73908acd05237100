/**
 * Where the team's shared folder is: `../shared` beside the repository (in every checkout and in CI),
 * never an absolute path of one machine.
 */
import { join } from "node:path";

/** `../shared` from the repository root. */
export const SHARED_DIR = join(__dirname, "..", "..", "..", "shared");

/** The real public workbooks of `../shared/fixtures/realworld/`. */
export const REALWORLD_DIR = join(SHARED_DIR, "fixtures", "realworld");
