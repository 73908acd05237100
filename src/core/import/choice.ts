/**
 * Column choice for one header row: every column the header words allow for a field is a
 * candidate, scored by its header (synonyms) and by its values (profile); the assignment taken is
 * the one with the best total, with qty × price ≈ amount tying those three together. Where the
 * runner-up explains the data about as well, the choice is reported as uncertain.
 */
import type { Issue } from "../result";
import { columnLetter } from "../sheet-spec";
import { headerKey, type HeaderMatch } from "./synonyms";
import { profileColumn, share, type ColumnProfile } from "./profile";
import type { ImportField, SheetGrid, UncertainChoice } from "./types";

/** A header cell that names a field. */
export interface HeaderCandidate {
  /** 0-based local column. */
  readonly col: number;
  readonly header: string;
  readonly match: HeaderMatch;
}

/** What the choice took, per column, with the uncertain choices and the reasons for value-driven choices. */
export interface RowChoice {
  readonly chosen: readonly { readonly cand: HeaderCandidate; readonly field: ImportField; readonly how?: "fallback" }[];
  readonly uncertain: readonly UncertainChoice[];
  readonly reasons: readonly Issue[];
}

/** Below this lead over the runner-up (header + value points), two columns explain the data about equally well. */
export const UNCERTAIN_MARGIN = 5;
/** Points for a qty / price / amount triple on which qty × price ≈ amount holds on every checked row. */
const ARITHMETIC_WEIGHT = 60;

const MONEY: ReadonlySet<ImportField> = new Set(["amount", "price", "listAmount", "discount", "debit", "credit", "balance", "outflow", "creditLimit", "openingBalance", "qty", "paymentDays"]);
const NAMES: ReadonlySet<ImportField> = new Set(["customer", "productName", "contact"]);
const DATES: ReadonlySet<ImportField> = new Set(["date", "shipDate", "openingDate"]);
const CODES: ReadonlySet<ImportField> = new Set(["model", "orderNo", "trackingNo", "ref", "code"]);

const LOCAL_CURRENCY = /本币|人民币|rmb|cny|¥|￥/i;
const FOREIGN_CURRENCY = /原币|外币|usd|us\$|美元|美金|eur|欧元|港币|港元|hkd|jpy|日元|gbp|英镑/i;
const TAX_INCLUSIVE = /价税合计|含税/;
const PRE_TAX = /不含税|未税|税前/;
const CURRENCY_HEADER = /币种|币别|货币|^currency$|^curr$/;
const RATE_HEADER = /汇率|^rate$|exchangerate|fxrate/;
const LOCAL_CODES: ReadonlySet<string> = new Set(["CNY", "RMB", "人民币", "¥", "￥"]);

/** How well a column's values fit a field: 0 neutral, negative when the values contradict it. */
function valueFit(field: ImportField, p: ColumnProfile): number {
  if (p.filled === 0) return -20;
  if (NAMES.has(field)) {
    if (p.sequence) return -100;
    return 10 * share(p, "names") - (field === "contact" ? 0 : 40) * share(p, "codes") - 60 * Math.max(share(p, "numeric"), share(p, "dates"));
  }
  if (DATES.has(field)) return 15 * share(p, "dates") - 15 * (share(p, "names") + share(p, "codes"));
  if (MONEY.has(field)) return -30 * (1 - share(p, "numeric"));
  if (CODES.has(field)) return 5 * (share(p, "codes") + share(p, "integers"));
  return 0;
}

/** Header points: an exact synonym's place in its list is a stated preference (型号 before 规格), worth half a point a place; value evidence must outweigh it. */
function headerPoints(m: HeaderMatch): number {
  if (m.how !== "exact") return m.score;
  const rank = Math.round((100 - m.score) * 100);
  return 100 - Math.min(30, rank * 0.5);
}

/** Header points a money column gains or loses by what it says: 本币 over 原币, tax-inclusive amounts over pre-tax. */
function headerBias(field: ImportField, header: string): number {
  const s = header.normalize("NFKC");
  let b = 0;
  if (field === "amount" || field === "price" || field === "listAmount") {
    if (LOCAL_CURRENCY.test(s)) b += 15;
    else if (FOREIGN_CURRENCY.test(s)) b -= 15;
  }
  return b;
}

/** Words that make a quantity or an amount a part of it (未交订单数量, 未匹配金额, 剩余数量): the whole one is meant. */
const PARTIAL = /未|剩余|待|欠|差|已退|退回|调整|累计|对比|差异/;

/** Points off a header found inside a longer text: each extra character is a qualifier (未匹配立账本币含税金额 vs 本币含税金额). */
function qualifierPenalty(c: HeaderCandidate): number {
  if (c.match.how === "exact") return 0;
  const key = headerKey(c.header);
  const extra = Math.max(0, key.length - c.match.matched.length);
  const partial = PARTIAL.test(key.replace(c.match.matched, "")) ? 8 : 0;
  return -Math.min(4, extra * 0.5) - partial;
}

interface Scored {
  readonly cand: HeaderCandidate;
  readonly field: ImportField;
  readonly total: number;
}

/** Agreement of qty × price ≈ amount over the sampled rows: share of checked rows, and how many were checked. */
function arithmetic(q: ColumnProfile, p: ColumnProfile, a: ColumnProfile): { share: number; checked: number } {
  let checked = 0;
  let agree = 0;
  const n = Math.min(q.values.length, p.values.length, a.values.length);
  for (let i = 0; i < n; i++) {
    const qv = q.values[i];
    const pv = p.values[i];
    const av = a.values[i];
    if (qv === null || qv === undefined || pv === null || pv === undefined || av === null || av === undefined || av === 0 || qv === 0) continue;
    checked++;
    // Within rounding: the price to the fen times the quantity, or a thousandth of the amount.
    const tol = Math.max(0.011 + Math.abs(qv) * 0.0051, Math.abs(av) * 0.001);
    if (Math.abs(qv * pv - av) <= tol || Math.abs(Math.abs(qv * pv) - Math.abs(av)) <= tol) agree++;
  }
  return { share: checked === 0 ? 0 : agree / checked, checked };
}

const cell = (c: HeaderCandidate, startCol: number): { col: number; header: string } => ({ col: startCol + c.col, header: c.header });
const named = (c: HeaderCandidate, startCol: number): string => `「${c.header}」(${columnLetter(startCol + c.col)})`;

/**
 * Choose the fields of one header row (`headers`: its text per local column) from its candidates,
 * reading the data rows `[from, to]` (local, inclusive; a bounded sample of them).
 * @example chooseColumns(grid, headers, candidates, 1, 500).chosen.map((x) => x.field)
 */
export function chooseColumns(grid: SheetGrid, headers: readonly (string | null)[], candidates: readonly HeaderCandidate[], from: number, to: number): RowChoice {
  const profiles = new Map<number, ColumnProfile>();
  const profileOf = (c: number): ColumnProfile => {
    let p = profiles.get(c);
    if (!p) {
      p = profileColumn(grid, c, from, to);
      profiles.set(c, p);
    }
    return p;
  };
  const reasons: Issue[] = [];
  const uncertain: UncertainChoice[] = [];
  const startCol = grid.startCol;

  // Per field, its candidates with their totals, best first.
  const byField = new Map<ImportField, Scored[]>();
  for (const cand of candidates) {
    const field = cand.match.field;
    const list = byField.get(field) ?? [];
    list.push({ cand, field, total: headerPoints(cand.match) });
    byField.set(field, list);
  }
  const contested = new Set<ImportField>();
  for (const [field, list] of byField) {
    if (list.length > 1 || NAMES.has(field)) {
      if (list.length > 1) contested.add(field);
      const taxInclusive = field === "amount" && list.some((s) => TAX_INCLUSIVE.test(s.cand.header) && !PRE_TAX.test(s.cand.header));
      const scored = list.map((s) => {
        const p = profileOf(s.cand.col);
        let total = s.total + headerBias(field, s.cand.header) + (list.length > 1 ? valueFit(field, p) + qualifierPenalty(s.cand) : 0);
        // 价税合计 beside 金额: the customer owes the tax-inclusive amount (an invoice's 金额 is before tax).
        if (taxInclusive && !(TAX_INCLUSIVE.test(s.cand.header) && !PRE_TAX.test(s.cand.header))) total -= 30;
        return { ...s, total };
      });
      // A 序号 (1, 2, 3 …) is never a name, even as the only candidate.
      const kept = scored.filter((s) => {
        const p = profileOf(s.cand.col);
        if (NAMES.has(field) && p.sequence && share(p, "integers") >= 0.9) {
          reasons.push({ code: "import.reason.sequenceNotName", params: { field, header: s.cand.header, column: columnLetter(startCol + s.cand.col) } });
          return false;
        }
        return true;
      });
      byField.set(field, kept);
    }
  }
  for (const list of byField.values()) list.sort((a, b) => b.total - a.total || a.cand.col - b.cand.col);

  const taken = new Map<ImportField, Scored>();
  const usedCols = new Set<number>();
  const take = (s: Scored): void => {
    taken.set(s.field, s);
    usedCols.add(s.cand.col);
  };
  const headerFirst = (field: ImportField): HeaderCandidate | undefined => [...candidates].filter((c) => c.match.field === field).sort((a, b) => b.match.score - a.match.score || a.col - b.col)[0];
  const mark = (field: ImportField, chosen: Scored, runner: Scored | undefined, margin: number, code: string): void => {
    if (!runner || margin >= UNCERTAIN_MARGIN) return;
    // Two different exact synonyms: the synonym list's order is a stated preference (价税合计 before 金额).
    if (chosen.cand.match.how === "exact" && runner.cand.match.how === "exact" && chosen.cand.match.matched !== runner.cand.match.matched) return;
    if (profileOf(runner.cand.col).filled === 0) return;
    const others = (byField.get(field) ?? []).filter((s) => s.cand.col !== chosen.cand.col && chosen.total - s.total < UNCERTAIN_MARGIN && profileOf(s.cand.col).filled > 0);
    uncertain.push({
      field,
      chosen: cell(chosen.cand, startCol),
      alternatives: others.map((s) => cell(s.cand, startCol)),
      reason: { code, severity: "warning", at: { sheet: grid.name }, params: { field, header: chosen.cand.header, column: columnLetter(startCol + chosen.cand.col), others: others.map((s) => named(s.cand, startCol)).join("、") } },
    });
  };

  // qty × price ≈ amount: the three that agree belong together.
  const Q = (byField.get("qty") ?? []).slice(0, 4);
  const P = (byField.get("price") ?? []).slice(0, 4);
  const A = (byField.get("amount") ?? []).slice(0, 4);
  if (Q.length > 0 && P.length > 0 && A.length > 0 && (Q.length > 1 || P.length > 1 || A.length > 1)) {
    const combos: { qty: Scored; price: Scored; amount: Scored; score: number; share: number; checked: number }[] = [];
    for (const q of Q) for (const p of P) for (const a of A) {
      if (q.cand.col === p.cand.col || q.cand.col === a.cand.col || p.cand.col === a.cand.col) continue;
      const ar = arithmetic(profileOf(q.cand.col), profileOf(p.cand.col), profileOf(a.cand.col));
      const bonus = ar.checked >= 3 ? ARITHMETIC_WEIGHT * ar.share : 0;
      combos.push({ qty: q, price: p, amount: a, score: q.total + p.total + a.total + bonus, share: ar.share, checked: ar.checked });
    }
    combos.sort((x, y) => y.score - x.score || x.amount.cand.col - y.amount.cand.col || x.qty.cand.col - y.qty.cand.col || x.price.cand.col - y.price.cand.col);
    const best = combos[0];
    if (best) {
      take(best.qty);
      take(best.price);
      take(best.amount);
      for (const [field, pick] of [["qty", best.qty], ["price", best.price], ["amount", best.amount]] as const) {
        const rival = combos.find((c) => c[field].cand.col !== pick.cand.col);
        if (rival) mark(field, pick, rival[field], best.score - rival.score, rival.checked >= 3 && rival.share >= 0.8 ? "import.uncertain.arithmetic" : "import.uncertain.column");
      }
      const byHeader = (["qty", "price", "amount"] as const).some((f) => headerFirst(f)?.col !== best[f].cand.col);
      if (byHeader && best.checked >= 3 && best.share >= 0.5) {
        reasons.push({ code: "import.reason.chosenByArithmetic", params: { qty: best.qty.cand.header, price: best.price.cand.header, amount: best.amount.cand.header, share: Math.round(best.share * 100), rows: best.checked } });
      }
    }
  }

  // Every other field: its best column still free.
  const rest = [...byField.entries()].filter(([f]) => !taken.has(f)).flatMap(([, list]) => list).sort((a, b) => b.total - a.total || a.cand.col - b.cand.col);
  for (const s of rest) {
    if (taken.has(s.field) || usedCols.has(s.cand.col)) continue;
    take(s);
    const list = byField.get(s.field) ?? [];
    const runner = list.find((x) => x.cand.col !== s.cand.col && !usedCols.has(x.cand.col));
    if (contested.has(s.field)) mark(s.field, s, runner, runner ? s.total - runner.total : Infinity, "import.uncertain.column");
    const first = headerFirst(s.field);
    if (first && first.col !== s.cand.col && contested.has(s.field)) {
      reasons.push({ code: "import.reason.chosenByValues", params: { field: s.field, header: s.cand.header, column: columnLetter(startCol + s.cand.col), other: first.header, otherColumn: columnLetter(startCol + first.col) } });
    }
  }

  // A money or quantity column blank on rows where its rival has values explains fewer rows: ask (counted over the whole block, only for such a rival pair).
  for (const field of ["amount", "qty"] as const) {
    const pick = taken.get(field);
    if (!pick || uncertain.some((u) => u.field === field)) continue;
    const rivals = (byField.get(field) ?? []).filter((x) => x.cand.col !== pick.cand.col && !usedCols.has(x.cand.col));
    if (rivals.length === 0) continue;
    const mine = filledCount(grid, pick.cand.col, from, to);
    const fuller = rivals.map((x) => ({ x, filled: filledCount(grid, x.cand.col, from, to) })).filter((r) => r.filled - mine >= Math.max(3, (to - from + 1) * 0.05));
    if (fuller.length === 0) continue;
    uncertain.push({
      field,
      chosen: cell(pick.cand, startCol),
      alternatives: fuller.map((r) => cell(r.x.cand, startCol)),
      reason: { code: "import.uncertain.blanks", severity: "warning", at: { sheet: grid.name }, params: { field, header: pick.cand.header, column: columnLetter(startCol + pick.cand.col), others: fuller.map((r) => named(r.x.cand, startCol)).join("、"), blanks: (fuller[0]?.filled ?? mine) - mine } },
    });
  }

  const chosen: { cand: HeaderCandidate; field: ImportField; how?: "fallback" }[] = [...taken.values()].map((s) => ({ cand: s.cand, field: s.field }));
  // A customer column of codes that lost to a column of names is the customer code.
  if (!taken.has("code")) {
    const lost = (byField.get("customer") ?? []).find((s) => !usedCols.has(s.cand.col) && share(profileOf(s.cand.col), "codes") >= 0.6);
    if (lost) {
      chosen.push({ cand: lost.cand, field: "code", how: "fallback" });
      usedCols.add(lost.cand.col);
      reasons.push({ code: "import.reason.customerCodeKept", params: { header: lost.cand.header, column: columnLetter(startCol + lost.cand.col) } });
    }
  }

  // Money not in 人民币: a 币种 column naming another currency, or an amount headed in one, is said, never read as RMB silently.
  const amount = taken.get("amount") ?? taken.get("price");
  if (amount && !LOCAL_CURRENCY.test(amount.cand.header.normalize("NFKC"))) {
    let currencyCol: { col: number; header: string; found: string[] } | undefined;
    let rate: string | undefined;
    for (let c = 0; c < headers.length; c++) {
      const text = headers[c] ?? null;
      if (text === null) continue;
      const key = headerKey(text);
      if (!currencyCol && CURRENCY_HEADER.test(key)) {
        const found = [...profileOf(c).currencies].filter((x) => !LOCAL_CODES.has(x));
        if (found.length > 0) currencyCol = { col: c, header: text, found };
      } else if (rate === undefined && RATE_HEADER.test(key)) rate = text;
    }
    const headerForeign = FOREIGN_CURRENCY.exec(amount.cand.header.normalize("NFKC"))?.[0];
    // With a separate 原币 column beside it, the amount taken is the local one (the foreign amounts are there).
    const foreignElsewhere = headers.some((h, c) => h !== null && c !== amount.cand.col && FOREIGN_CURRENCY.test(h.normalize("NFKC")));
    if ((currencyCol && !foreignElsewhere) || headerForeign) {
      const params = { header: amount.cand.header, column: columnLetter(startCol + amount.cand.col), currencies: currencyCol ? currencyCol.found.join("、") : (headerForeign ?? ""), currencyHeader: currencyCol?.header ?? amount.cand.header, rate: rate ?? "" };
      reasons.push({ code: rate !== undefined ? "import.warn.foreignCurrencyRate" : "import.warn.foreignCurrency", severity: "warning", at: { sheet: grid.name }, params });
    }
  }
  return { chosen, uncertain, reasons };
}

/** Filled cells of local column `c` in rows `[from, to]`: a plain loop, no per-cell parsing. */
function filledCount(grid: SheetGrid, c: number, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, grid.values.length - 1);
  for (let r = from; r <= end; r++) {
    const v = grid.values[r]?.[c];
    if (v !== null && v !== undefined && v !== "" && !(typeof v === "string" && v.trim() === "")) n++;
  }
  return n;
}
