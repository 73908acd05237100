/**
 * What every implementation hands back from one case run: a few totals the runner compares across
 * implementations, so a fast wrong answer shows up as a mismatch instead of a win.
 */
export type Check = Readonly<Record<string, number>>;
