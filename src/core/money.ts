/**
 * Money is integer fen (分) in a `number` that is always a safe integer. Amounts enter the ledger
 * once, here: a number cell or a clerk's text becomes fen, rounded half up (negative halves away
 * from zero) exactly once. Arithmetic on fen is integer arithmetic; decimals are done exactly
 * (BigInt on decimal digits), never by multiplying floats and hoping.
 */
import { fail, ok, type Result } from "./result";

/** A decimal number as digits: value = (negative ? -1 : 1) × digits × 10^exponent. */
interface DecimalDigits {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** `"12.50"`, `"1.5e3"`, `".5"` → digits; anything else → undefined. */
function decimalFromText(text: string): DecimalDigits | undefined {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return undefined;
  const intPart = m[2] ?? "";
  const fracPart = m[3] ?? "";
  if (intPart === "" && fracPart === "") return undefined;
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, "");
  return { negative: m[1] === "-", digits, exponent: Number(m[4] ?? 0) - fracPart.length };
}

/**
 * The decimal a number cell means. Excel keeps 15 significant digits, so we read a double the way
 * Excel shows it: 15 significant digits, which turns `22439.933999999997` back into `22439.934`.
 */
function decimalFromNumber(n: number): DecimalDigits {
  if (Number.isSafeInteger(n)) return { negative: n < 0, digits: String(Math.abs(n)), exponent: 0 };
  const d = decimalFromText(Math.abs(n).toPrecision(15));
  if (!d) throw new RangeError(`not a finite number: ${n}`);
  return { ...d, negative: n < 0 };
}

/** Number of decimal digits a safe integer can have (Number.MAX_SAFE_INTEGER has 16). */
const SAFE_DIGITS = 16;

/** value × 10^shift rounded half up (away from zero), as a safe integer, or undefined when it is not safe. */
function shiftRound(d: DecimalDigits, shift: number): number | undefined {
  const digits = d.digits.replace(/^0+/, "");
  if (digits === "") return 0;
  const e = d.exponent + shift;
  if (digits.length + e > SAFE_DIGITS) return undefined;
  let magnitude: bigint;
  if (e >= 0) {
    magnitude = BigInt(digits + "0".repeat(e));
  } else {
    const cut = digits.length + e;
    const kept = cut > 0 ? digits.slice(0, cut) : "";
    const next = cut >= 0 ? (digits[cut] ?? "0") : "0";
    magnitude = BigInt(kept === "" ? "0" : kept) + (next >= "5" ? 1n : 0n);
  }
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const n = Number(magnitude);
  return d.negative && n !== 0 ? -n : n;
}

/**
 * Yuan (a number, e.g. a cell value) → integer fen, rounded half up once; negative halves round
 * away from zero. Float noise is removed first by reading the number at Excel's 15 significant
 * digits. Throws `RangeError` for a non-finite number or one beyond safe-integer fen (a bug: use
 * `parseMoney` for untrusted input).
 * @example fenFromNumber(22439.933999999997) // 2243993
 * @example fenFromNumber(1.005) // 101
 * @example fenFromNumber(-0.125) // -13
 */
export function fenFromNumber(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  const fen = shiftRound(decimalFromNumber(n), 2);
  if (fen === undefined) throw new RangeError(`amount beyond safe integer fen: ${n}`);
  return fen;
}

/** `¥ ￥ RMB CNY 人民币` before the number (NFKC has already turned `￥` into `¥`). */
const MONEY_TEXT =
  /^([+-])?\s*(?:¥|RMB|CNY|人民币)?\s*([+-])?\s*((?:\d[\d,]*)?(?:\.\d*)?(?:e[+-]?\d+)?)\s*(万)?\s*(?:元|圆)?\s*(?:整|正)?\s*(?:RMB|CNY)?$/i;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.|$|e)/i;

/**
 * Any amount a clerk's cell can hold → integer fen.
 *
 * Accepts numbers (float noise removed, see `fenFromNumber`) and text: `1,234.50`, `¥1,234.50`,
 * `￥1234.5`, `1234.5元`, `RMB 12`, full-width digits/commas/points (and the IME's `。` between
 * digits), `(123.00)` and `（123.00）` as negatives, `-12.5`, `1.2万` (= 12,000.00), `1.5E+3`,
 * surrounding spaces. A lone dash (`-`, `—`) is
 * how Excel's accounting format shows zero, so it is 0. Text with more than two decimals is rounded
 * half up like a number (`1.235` → 124 fen), not rejected. Commas must group thousands (`1,5` is
 * rejected: it could be a decimal comma).
 *
 * Issues: `money.empty` (null, undefined, blank text), `money.notANumber` (with `value`),
 * `money.unsafe` (beyond Number.MAX_SAFE_INTEGER fen, with `value`).
 * @example parseMoney("¥1,234.50") // { ok: true, value: 123450 }
 * @example parseMoney("（123.00）") // { ok: true, value: -12300 }
 * @example parseMoney("abc") // { ok: false, issues: [{ code: "money.notANumber", value: "abc" }] }
 */
export function parseMoney(raw: unknown): Result<number> {
  if (raw === null || raw === undefined) return fail({ code: "money.empty" });
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return fail({ code: "money.notANumber", value: String(raw) });
    const fen = shiftRound(decimalFromNumber(raw), 2);
    return fen === undefined ? fail({ code: "money.unsafe", value: String(raw) }) : ok(fen);
  }
  if (typeof raw !== "string") return fail({ code: "money.notANumber", value: String(raw) });
  const text = raw
    .normalize("NFKC")
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u2212\u2010-\u2013]/g, "-")
    .replace(/(\d)。(\d)/g, "$1.$2")
    .trim();
  if (text === "") return fail({ code: "money.empty" });
  if (/^[-\u2014\u2015]{1,2}$/.test(text)) return ok(0);
  const notANumber = fail<number>({ code: "money.notANumber", value: raw });
  const paren = /^\((.*)\)$/.exec(text);
  const body = paren ? (paren[1] ?? "").trim() : text;
  const m = MONEY_TEXT.exec(body);
  if (!m) return notANumber;
  const [, sign1, sign2, number = "", wan] = m;
  if (sign1 && sign2) return notANumber;
  const sign = sign1 ?? sign2;
  if (paren && sign) return notANumber;
  if (number.includes(",") && !GROUPED.test(number)) return notANumber;
  const d = decimalFromText(number.replace(/,/g, ""));
  if (!d) return notANumber;
  const negative = (sign === "-") !== Boolean(paren);
  const fen = shiftRound({ ...d, negative }, wan ? 6 : 2);
  if (fen === undefined) return fail({ code: "money.unsafe", value: raw });
  return ok(fen);
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not integer fen: ${fen}`);
}

/**
 * Fen → `1,234.50` (thousands separators, always two decimals, `-` for negatives, no currency sign).
 * @example formatFen(123450) // "1,234.50"
 * @example formatFen(-5) // "-0.05"
 */
export function formatFen(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ",");
  const cents = String(abs % 100).padStart(2, "0");
  return `${fen < 0 ? "-" : ""}${yuan}.${cents}`;
}

/**
 * Fen → yuan as a number, for writing a cell (format it `#,##0.00`). The nearest double to the
 * two-decimal value, e.g. 1.23; do not compute with it.
 * @example fenToYuan(123450) // 1234.5
 */
export function fenToYuan(fen: number): number {
  assertFen(fen);
  return fen / 100;
}

/**
 * Sum of fen, checked to stay a safe integer (throws `RangeError` otherwise).
 * @example sumFen([100, 250, -50]) // 300
 */
export function sumFen(fens: readonly number[]): number {
  let total = 0;
  for (const f of fens) {
    assertFen(f);
    total += f;
    if (!Number.isSafeInteger(total)) throw new RangeError("sum beyond safe integer fen");
  }
  return total;
}

/** A finite number as an exact scaled integer: value = int / 10^scale (15 significant digits, as Excel). */
function scaled(n: number): { int: bigint; scale: number } {
  const d = decimalFromNumber(n);
  const digits = BigInt(d.digits === "" ? "0" : d.digits);
  const signed = d.negative ? -digits : digits;
  return d.exponent >= 0 ? { int: signed * 10n ** BigInt(d.exponent), scale: 0 } : { int: signed, scale: -d.exponent };
}

/** numerator / denominator (denominator > 0) rounded half up, negative halves away from zero. */
function divideRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  return negative ? -q : q;
}

/**
 * Line amount = price × quantity × rate (rate: discount or tax factor, default 1), computed exactly
 * on the decimals (qty `2.5`, rate `0.95`) and rounded half up once at the end; negative halves
 * away from zero (a return line is the exact mirror of a sale). Throws `RangeError` for a
 * non-integer price, a non-finite qty/rate, or a result beyond safe-integer fen.
 * @example multiplyFen(1999, 3, 0.95) // 5697 (56.9715 yuan → 56.97)
 * @example multiplyFen(333, 1.5) // 500 (499.5 → 500)
 * @example multiplyFen(333, -1.5) // -500
 */
export function multiplyFen(priceFen: number, qty: number, rate = 1): number {
  assertFen(priceFen);
  if (!Number.isFinite(qty) || !Number.isFinite(rate)) throw new RangeError(`qty and rate must be finite: ${qty}, ${rate}`);
  const q = scaled(qty);
  const r = scaled(rate);
  const result = divideRound(BigInt(priceFen) * q.int * r.int, 10n ** BigInt(q.scale + r.scale));
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("amount beyond safe integer fen");
  }
  return Number(result);
}

/**
 * Split `totalFen` in proportion to `ratios` without losing or inventing a fen (largest remainder:
 * everyone gets the floor of the exact share, the leftover fen go to the largest remainders, ties
 * to the earlier item). The parts sum to `totalFen` and each is within 1 fen of its exact share.
 * A negative total is split as the mirror of the positive one. Ratios are read exactly (15
 * significant digits); they must be finite, ≥ 0 and not all 0 (else `RangeError`).
 * @example allocateFen(100, [1, 1, 1]) // [34, 33, 33]
 * @example allocateFen(-100, [1, 1, 1]) // [-34, -33, -33]
 * @example allocateFen(1000, [0.5, 0.25, 0.25]) // [500, 250, 250]
 */
export function allocateFen(totalFen: number, ratios: readonly number[]): number[] {
  assertFen(totalFen);
  if (ratios.length === 0) throw new RangeError("allocateFen needs at least one ratio");
  const exact = ratios.map((r) => {
    if (!Number.isFinite(r) || r < 0) throw new RangeError(`ratio must be finite and >= 0: ${r}`);
    return scaled(r);
  });
  const maxScale = Math.max(...exact.map((e) => e.scale));
  const weights = exact.map((e) => e.int * 10n ** BigInt(maxScale - e.scale));
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError("ratios must not all be 0");
  const total = BigInt(Math.abs(totalFen));
  const floors = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w) => (total * w) % sum);
  let leftover = total - floors.reduce((a, b) => a + b, 0n);
  const order = remainders.map((rem, i) => ({ rem, i })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (leftover === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return floors.map((f) => (totalFen < 0 && f !== 0n ? -Number(f) : Number(f)));
}
