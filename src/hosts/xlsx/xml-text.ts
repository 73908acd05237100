/**
 * Text that XML 1.0 can hold. Every writer of ours passes text through here (the graft writer's
 * escaping and, by a patch, ExcelJS's): U+FFFE, U+FFFF and lone surrogates — which a clerk's cell
 * can hold through Excel's own `_xFFFE_` escape or a character reference — become U+FFFD, so what
 * we write always parses (expat and Excel refuse those characters, with no way to escape them).
 * C0 control characters are dropped by the escaping itself (as ExcelJS does).
 */

const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE = /[\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * `s` with the characters XML cannot hold (U+FFFE, U+FFFF, lone surrogates) replaced by U+FFFD.
 * @example xmlSafeText("a\uFFFEb") // "a\uFFFDb"
 */
export function xmlSafeText(s: string): string {
  return MAYBE.test(s) ? s.replace(NOT_XML, "\uFFFD") : s;
}
