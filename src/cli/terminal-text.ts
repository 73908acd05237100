/**
 * Terminal output that cannot drive the terminal: a customer or sheet name holding ESC, an OSC
 * sequence (`ESC ] … BEL`, which can set the window title or write a clickable link), or a C1
 * control (U+0080–U+009F, which some terminals take as 8-bit CSI) is shown visibly escaped
 * (`\x1b`, `\u009b`). Tab, line feed and carriage return stay; so does the one sequence our own
 * progress line uses (`\r ESC[2K`, erase line).
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /\x1b(?!\[2K)|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const MAYBE = /[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]/;

/**
 * `s` with control characters shown as `\xHH` / `\u00HH` text.
 * @example terminalSafe("客户\x1b]0;pwned\x07") // "客户\\x1b]0;pwned\\x07"
 */
export function terminalSafe(s: string): string {
  if (!MAYBE.test(s)) return s;
  return s.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x80 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/**
 * JSON text with DEL and the C1 controls written as `\u` escapes (JSON.stringify leaves them raw):
 * the same data, and nothing a terminal acts on.
 * @example jsonSafe('"\u009b"') // '"\\u009b"'
 */
export function jsonSafe(json: string): string {
   
  return /[\x7f-\x9f]/.test(json) ? json.replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : json;
}
