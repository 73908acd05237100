/**
 * RMB amounts in uppercase (金额大写) per the PBoC rules (`../shared/domain/rmb-uppercase.md`).
 *
 * Canonical output (one form; the parser accepts the alternatives):
 * - leading 壹 kept (`壹拾捌元整`); 整 after 元 only (never after 角 or 分: `壹仟肆佰零玖元伍角`);
 *   `零元整` for 0; `负` before negatives; no `人民币` (use `toRmbUpperWithPrefix`).
 * - 元 digit 0 with a non-zero 角: write `零` after 元 (`壹仟陆佰捌拾元零叁角贰分`);
 *   角 0 with a non-zero 分: `零` after 元 (required).
 * - 万 (or 亿) digit 0 with a non-zero 千 (千万) digit: write `零` (`壹拾万零叁仟捌佰零陆元整`), except
 *   when the amount also gets the 零 after 元 — PBoC writes only one 零 then (`壹拾万柒仟元零伍角叁分`).
 * - Above 亿 the count of 亿 is itself read with 万: 10^12 yuan = `壹万亿元整` (never `壹万万亿`).
 */
import { fail, ok, type Result } from "./result";

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const SECTION_UNITS = ["仟", "佰", "拾", ""] as const;

function digit(d: number): string {
  return DIGITS[d] ?? "";
}

/** 1..9999 → `壹仟零伍` (inner zeros → one 零, trailing zeros dropped). */
function sectionUpper(n: number): string {
  const padded = String(n).padStart(4, "0");
  let out = "";
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(padded[i]);
    if (d === 0) {
      pendingZero = out !== "";
      continue;
    }
    if (pendingZero) out += "零";
    out += digit(d) + SECTION_UNITS[i];
    pendingZero = false;
  }
  return out;
}

/** n ≥ 1 whole yuan → uppercase without 元. `gapZero`: write the optional 零 after a zero 万/亿 digit. */
function integerUpper(n: number, gapZero: boolean): string {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    const low = n % 1e8;
    let out = integerUpper(high, gapZero) + "亿";
    if (low > 0) {
      if (low < 1e7 || (gapZero && high % 10 === 0)) out += "零";
      out += integerUpper(low, gapZero);
    }
    return out;
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4);
    const low = n % 1e4;
    let out = sectionUpper(high) + "万";
    if (low > 0) {
      if (low < 1000 || (gapZero && high % 10 === 0)) out += "零";
      out += sectionUpper(low);
    }
    return out;
  }
  return sectionUpper(n);
}

/**
 * Integer fen → 大写 (canonical form, see the module comment). Throws `RangeError` if `fen` is not
 * a safe integer (round to the fen first, e.g. with `fenFromNumber`; never truncate).
 * @example toRmbUpper(123456) // "壹仟贰佰叁拾肆元伍角陆分"
 * @example toRmbUpper(10700053) // "壹拾万柒仟元零伍角叁分"
 * @example toRmbUpper(0) // "零元整"
 * @example toRmbUpper(-123400) // "负壹仟贰佰叁拾肆元整"
 */
export function toRmbUpper(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not integer fen: ${fen}`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;
  const sign = fen < 0 ? "负" : "";
  if (yuan === 0) {
    if (jiao === 0 && fenDigit === 0) return "零元整";
    return sign + (jiao > 0 ? digit(jiao) + "角" : "") + (fenDigit > 0 ? digit(fenDigit) + "分" : "");
  }
  const zeroAfterYuan = yuan % 10 === 0 && jiao > 0;
  let out = sign + integerUpper(yuan, !zeroAfterYuan) + "元";
  if (jiao === 0 && fenDigit === 0) return out + "整";
  if (jiao === 0) return out + "零" + digit(fenDigit) + "分";
  if (zeroAfterYuan) out += "零";
  out += digit(jiao) + "角";
  if (fenDigit > 0) out += digit(fenDigit) + "分";
  return out;
}

/**
 * `人民币` + `toRmbUpper(fen)`, for forms that do not print the prefix (rule 3).
 * @example toRmbUpperWithPrefix(1800) // "人民币壹拾捌元整"
 */
export function toRmbUpperWithPrefix(fen: number): string {
  return "人民币" + toRmbUpper(fen);
}

const DIGIT_VALUE: Readonly<Record<string, number>> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const UNIT_VALUE: Readonly<Record<string, number>> = { 拾: 10, 佰: 100, 仟: 1000 };
const ALLOWED = /^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]+$/;
const FRACTION = /^零?(?:([零壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?$/;

/** `壹仟零伍` → 1005; undefined when malformed (unit-less digit not last, units not decreasing, `拾壹`, `壹仟伍`). */
function parseSection(t: string): number | undefined {
  if (t === "") return undefined;
  let value = 0;
  let lastUnit = 10000;
  let started = false;
  let pendingZero = false;
  let i = 0;
  while (i < t.length) {
    const c = t[i] ?? "";
    if (c === "零") {
      if (!started || pendingZero) return undefined;
      pendingZero = true;
      i += 1;
      continue;
    }
    const d = DIGIT_VALUE[c];
    if (d === undefined || d === 0) return undefined;
    const unit = UNIT_VALUE[t[i + 1] ?? ""];
    if (unit !== undefined) {
      if (unit >= lastUnit) return undefined;
      value += d * unit;
      lastUnit = unit;
      i += 2;
    } else {
      // A bare digit is the ones digit: it must be last, right after 拾 or a 零 (壹仟伍 is colloquial 1,500).
      if (i !== t.length - 1) return undefined;
      if (started && !pendingZero && lastUnit !== 10) return undefined;
      value += d;
      i += 1;
    }
    started = true;
    pendingZero = false;
  }
  return pendingZero ? undefined : value;
}

/** The part after 万 or 亿: may start with one 零; without it, it must fill the top position (`壹万伍` is ambiguous). */
function parseLower(t: string, top: number, parse: (s: string) => number | undefined): number | undefined {
  if (t === "") return 0;
  const zeroLed = t.startsWith("零");
  const v = parse(zeroLed ? t.slice(1) : t);
  if (!v) return undefined;
  if (!zeroLed && v < top) return undefined;
  return v;
}

function parseBelowYi(t: string): number | undefined {
  const parts = t.split("万");
  if (parts.length > 2) return undefined;
  if (parts.length === 1) return parseSection(t);
  const high = parseSection(parts[0] ?? "");
  const low = parseLower(parts[1] ?? "", 1000, parseSection);
  return high && low !== undefined ? high * 1e4 + low : undefined;
}

function parseInteger(t: string): number | undefined {
  if (t === "零") return 0;
  const parts = t.split("亿");
  if (parts.length > 2) return undefined;
  if (parts.length === 1) return parseBelowYi(t);
  const high = parseBelowYi(parts[0] ?? "");
  const low = parseLower(parts[1] ?? "", 1e7, parseBelowYi);
  return high && low !== undefined ? high * 1e8 + low : undefined;
}

/**
 * 大写 → integer fen. Accepts the canonical form and the PBoC alternatives: optional `人民币`
 * prefix (also `人民币：`), optional `负`, `整` or `正` after 元 or 角 (or neither), the optional 零s
 * (`捌拾元叁角贰分`, `壹拾万零柒仟元伍角叁分`), 圆 for 元, spaces anywhere. Rejects lowercase numerals
 * (一二两…十), 毛, 另, Arabic digits, `拾壹` without the leading 壹, ambiguous `壹万伍`, `…分整`.
 *
 * Issues: `rmb.empty`, `rmb.invalid` (with `value`), `money.unsafe` (beyond safe-integer fen).
 * @example parseRmbUpper("人民币壹仟陆佰捌拾元叁角贰分") // { ok: true, value: 168032 }
 * @example parseRmbUpper("壹元") // { ok: true, value: 100 }
 * @example parseRmbUpper("一百元") // { ok: false, issues: [{ code: "rmb.invalid", value: "一百元" }] }
 */
export function parseRmbUpper(s: string): Result<number> {
  let t = s.normalize("NFKC").replace(/\s+/g, "");
  if (t === "") return fail({ code: "rmb.empty" });
  const invalid = fail<number>({ code: "rmb.invalid", value: s });
  let negative = false;
  if (t.startsWith("负")) {
    negative = true;
    t = t.slice(1);
  }
  t = t.replace(/^人民币[:：]?/, "");
  if (!negative && t.startsWith("负")) {
    negative = true;
    t = t.slice(1);
  }
  if (!ALLOWED.test(t)) return invalid;
  const zheng = /[整正]$/.test(t);
  if (zheng) t = t.slice(0, -1);
  const yuanParts = t.split(/[元圆]/);
  if (yuanParts.length > 2) return invalid;
  const hasYuan = yuanParts.length === 2;
  const intText = hasYuan ? (yuanParts[0] ?? "") : "";
  const fracText = hasYuan ? (yuanParts[1] ?? "") : t;
  const frac = FRACTION.exec(fracText);
  if (!frac) return invalid;
  const jiao = frac[1] === undefined ? 0 : (DIGIT_VALUE[frac[1]] ?? 0);
  const fen = frac[2] === undefined ? 0 : (DIGIT_VALUE[frac[2]] ?? 0);
  if (zheng && frac[2] !== undefined) return invalid;
  if (!hasYuan && frac[1] === undefined && frac[2] === undefined) return invalid;
  if (hasYuan && intText === "") return invalid;
  const yuan = hasYuan ? parseInteger(intText) : 0;
  if (yuan === undefined) return invalid;
  const total = yuan * 100 + jiao * 10 + fen;
  if (!Number.isSafeInteger(total)) return fail({ code: "money.unsafe", value: s });
  return ok(negative && total !== 0 ? -total : total);
}
