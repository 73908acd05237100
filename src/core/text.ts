/**
 * Text as clerks type it: full-width letters, stray spaces, Alt+Enter line breaks, mixed brackets.
 * `displayText` keeps a name as the clerk spelled it (for storing and printing names); `normalizeText`
 * folds widths for values that are parsed or compared; `nameKey` is only for matching two spellings.
 */

/** Zero-width characters that NFKC keeps but nobody means (they sneak in from web pages and WeChat). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Any whitespace, including U+3000 (ideographic space) and NBSP (NFKC maps them to spaces anyway). */
const WHITESPACE_RUN = /[\s\u00A0\u3000]+/g;

/**
 * NFKC (full-width → half-width, compatibility forms folded), zero-width characters removed,
 * trimmed (including U+3000 and NBSP), inner whitespace runs (tabs, line breaks) collapsed to one space.
 * @example normalizeText("  ＡＢＣ－１２３\u3000 型 ") // "ABC-123 型"
 * @example normalizeText("华为\n\n科技") // "华为 科技"
 */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(ZERO_WIDTH, "").replace(WHITESPACE_RUN, " ").trim();
}

/**
 * A name as the clerk spelled it, tidied but not folded: composed (NFC, looks the same),
 * zero-width characters removed, trimmed, inner whitespace runs collapsed to one space. Full-width
 * brackets, letters and digits stay (`赛卓电子科技（上海）股份有限公司` is printed as typed); match
 * two spellings with `nameKey`.
 * @example displayText("  赛卓（上海）\u3000 公司 ") // "赛卓（上海） 公司"
 */
export function displayText(s: string): string {
  return s.normalize("NFC").replace(ZERO_WIDTH, "").replace(WHITESPACE_RUN, " ").trim();
}

/** Bracket and dash variants that mean the same thing in a name or a model number. */
const OPEN_BRACKETS = /[【〔［〖]/g;
const CLOSE_BRACKETS = /[】〕］〗]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * A key for matching names and models: `normalizeText`, brackets unified (（）→(), 【】→[]),
 * dashes unified to `-`, ALL spaces removed (`华为 科技` and `华为科技` are the same customer),
 * lower-cased. Never show a key to a user; show the normalized text.
 * @example nameKey("华为 科技（深圳）") === nameKey("华为科技(深圳)") // true
 * @example nameKey("ＸＹ－１００ｓ") // "xy-100s"
 */
export function nameKey(s: string): string {
  return normalizeText(s).replace(OPEN_BRACKETS, "[").replace(CLOSE_BRACKETS, "]").replace(DASHES, "-").replace(/ /g, "").toLowerCase();
}

/**
 * True for `null`, `undefined`, `""` and strings of only whitespace (U+3000, NBSP and zero-width
 * characters included). Numbers (even 0), booleans and objects are not blank.
 * @example isBlank("\u3000 ") // true
 * @example isBlank(0) // false
 */
export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  return normalizeText(v) === "";
}
