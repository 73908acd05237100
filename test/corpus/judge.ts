/**
 * The scoreboard's comparison: one corpus workbook's expectation against what `import --json` did
 * (exit code, stdout, stderr). Pure functions, so the rules are tested on small fake results.
 */
import { FIGURES, type Expectation, type Figure, type Figures } from "./expectation";

/** What running `sales-ledger import <file> --json` gave. */
export interface ImportRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `exact`: every stated figure equal; `wrong-warned` / `wrong-silent`: exit 0 with a differing figure (or an
 * import where a refusal / a question was due), with or without the import saying it was unsure;
 * `refused`: exit 2; `asked`: exit 0 on an `ask` workbook with the import saying it was unsure;
 * `error`: any other exit code or unreadable --json (a bug).
 */
export type Outcome = "exact" | "wrong-warned" | "wrong-silent" | "refused" | "asked" | "error";

/** One figure that differs (`outcome` when the kind of result itself was wrong). */
export interface FigureDiff {
  readonly figure: Figure | "outcome";
  readonly expected: number | string;
  readonly got: number | string;
}

/** The scoreboard line of one workbook. */
export interface Verdict {
  readonly file: string;
  readonly expect: Expectation["expect"];
  readonly outcome: Outcome;
  /** True when the clerk's reading was refuse/ask (so a refusal is right). */
  readonly refusalExpected: boolean;
  readonly diffs: readonly FigureDiff[];
  /** The refusal or error message (stderr), trimmed. */
  readonly message?: string;
  /** The figures the import reported (exit 0). */
  readonly got?: Figures;
}

/** Outcomes that are right for the workbook (the lead's "done" is: every file one of these). */
export function isRight(v: Verdict): boolean {
  return v.outcome === "exact" || v.outcome === "asked" || (v.outcome === "refused" && v.refusalExpected);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function obj(v: Json | undefined): { [k: string]: Json } | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

function numAt(root: Json, path: readonly string[]): number | undefined {
  let cur: Json | undefined = root;
  for (const k of path) cur = obj(cur)?.[k];
  return typeof cur === "number" ? cur : undefined;
}

/**
 * The comparable figures of an `import --json` report: `ledger.orders.{lines,qty,amountFen}`,
 * `ledger.customers`, `ledger.payments.*`, `ledger.returns.*` (a return amount compared as a positive figure).
 */
export function reportFigures(report: Json): Figures {
  const f: Figures = {};
  const put = (k: Figure, v: number | undefined): void => {
    if (v !== undefined) f[k] = v;
  };
  put("orders.lines", numAt(report, ["ledger", "orders", "lines"]));
  put("orders.qty", numAt(report, ["ledger", "orders", "qty"]));
  put("orders.amountFen", numAt(report, ["ledger", "orders", "amountFen"]));
  put("customers", numAt(report, ["ledger", "customers"]));
  put("payments.count", numAt(report, ["ledger", "payments", "count"]));
  put("payments.amountFen", numAt(report, ["ledger", "payments", "amountFen"]));
  put("returns.count", numAt(report, ["ledger", "returns", "count"]));
  const ret = numAt(report, ["ledger", "returns", "amountFen"]);
  put("returns.amountFen", ret === undefined ? undefined : Math.abs(ret));
  return f;
}

function sameFigure(figure: Figure, expected: number, got: number | undefined): boolean {
  if (got === undefined) return false;
  return figure === "orders.qty" ? Math.abs(expected - got) < 1e-6 : expected === got;
}

/** The figures of `want` that `got` does not match. */
export function diffFigures(want: Figures, got: Figures): FigureDiff[] {
  const out: FigureDiff[] = [];
  for (const k of FIGURES) {
    const e = want[k];
    if (e === undefined) continue;
    const g = got[k];
    if (!sameFigure(k, e, g)) out.push({ figure: k, expected: e, got: g ?? "—" });
  }
  return out;
}

/** Words (zh and en) by which a warning or an uncertain choice concerns a figure; empty = any warning. */
const FIGURE_WORDS: Readonly<Record<Figure, readonly string[]>> = {
  "orders.lines": [],
  "orders.qty": ["qty", "quantity", "数量", "amount", "金额", "price", "单价"],
  "orders.amountFen": ["amount", "price", "currency", "tax", "total", "金额", "单价", "价", "币", "税", "qty", "数量"],
  customers: ["customer", "客户", "name", "名称"],
  "payments.count": [],
  "payments.amountFen": [],
  "returns.count": [],
  "returns.amountFen": [],
};

/** Workbook-level notes that say nothing about a figure being unsure (derived masters are normal). */
const NOT_UNSURE = /推导|derived/i;

/** Everything in the report that says the import was unsure: uncertain choices and warnings, as text. */
export function unsureNotes(report: Json): string[] {
  const notes: string[] = [];
  const walk = (v: Json, key: string, depth: number): void => {
    if (Array.isArray(v)) {
      if (key === "uncertain") for (const u of v) notes.push(`uncertain ${JSON.stringify(u)}`);
      else if (key === "warnings") for (const w of v) if (!(depth === 1 && typeof w === "string" && NOT_UNSURE.test(w))) notes.push(`warning ${JSON.stringify(w)}`);
      for (const x of v) walk(x, "", depth + 1);
      return;
    }
    const o = obj(v);
    if (o) for (const [k, x] of Object.entries(o)) walk(x, k, depth + 1);
  };
  walk(report, "", 0);
  return notes;
}

/** True when some note concerns one of the differing figures (any note, for figures without words). */
export function warnedAbout(notes: readonly string[], diffs: readonly FigureDiff[]): boolean {
  if (notes.length === 0) return false;
  return diffs.some((d) => {
    const words = d.figure === "outcome" ? [] : FIGURE_WORDS[d.figure];
    return words.length === 0 || notes.some((n) => words.some((w) => n.toLowerCase().includes(w)));
  });
}

function firstLines(s: string, n = 3): string {
  return s.trim().split("\n").slice(0, n).join(" / ");
}

function outcomeText(got: Figures): string {
  return `import: ${got["orders.lines"] ?? 0} order lines, ${got["payments.count"] ?? 0} payments, ${got["customers"] ?? 0} customers`;
}

/**
 * Judge one run against its expectation.
 * @example judge(expectation, { exitCode: 2, stdout: "", stderr: "没有找到…" }).outcome // "refused"
 */
export function judge(e: Expectation, run: ImportRun): Verdict {
  const base = { file: e.file, expect: e.expect, refusalExpected: e.expect !== "import" };
  if (run.exitCode === 2) return { ...base, outcome: "refused", diffs: [], message: firstLines(run.stderr) };
  if (run.exitCode !== 0) return { ...base, outcome: "error", diffs: [], message: `exit ${run.exitCode}: ${firstLines(run.stderr)}` };
  let report: Json;
  try {
    report = JSON.parse(run.stdout) as Json;
  } catch {
    return { ...base, outcome: "error", diffs: [], message: `stdout is not one JSON object: ${firstLines(run.stdout, 1).slice(0, 120)}` };
  }
  const got = reportFigures(report);
  const notes = unsureNotes(report);
  const variants = [e.figures, ...(e.alternatives ?? [])];
  const ranked = variants.map((v) => diffFigures(v, got)).sort((a, b) => a.length - b.length);
  const best = ranked[0] ?? [];
  if (e.expect === "refuse" || e.expect === "ask") {
    const diffs: FigureDiff[] = [{ figure: "outcome", expected: e.expect === "refuse" ? "refusal" : "a question (refusal or uncertain choice)", got: outcomeText(got) }];
    const warned = notes.length > 0;
    // An `ask` answered by an uncertain choice is right, unless its figures are strict and differ.
    if (e.expect === "ask" && warned) return e.strict === true && best.length > 0 ? { ...base, outcome: "wrong-warned", diffs: best, got } : { ...base, outcome: "asked", diffs: [], got };
    return { ...base, outcome: warned ? "wrong-warned" : "wrong-silent", diffs, got };
  }
  if (best.length === 0) return { ...base, outcome: "exact", diffs: [], got };
  return { ...base, outcome: warnedAbout(notes, best) ? "wrong-warned" : "wrong-silent", diffs: best, got };
}

/** Totals of a scoreboard. */
export interface Totals {
  readonly files: number;
  readonly exact: number;
  readonly asked: number;
  readonly wrongWarned: number;
  readonly wrongSilent: number;
  readonly refusedExpected: number;
  readonly refusedUnexpected: number;
  readonly error: number;
  /** exact + asked + refusals that were expected. */
  readonly right: number;
}

/** Count the verdicts by outcome. */
export function totals(verdicts: readonly Verdict[]): Totals {
  const n = (p: (v: Verdict) => boolean): number => verdicts.filter(p).length;
  return {
    files: verdicts.length,
    exact: n((v) => v.outcome === "exact"),
    asked: n((v) => v.outcome === "asked"),
    wrongWarned: n((v) => v.outcome === "wrong-warned"),
    wrongSilent: n((v) => v.outcome === "wrong-silent"),
    refusedExpected: n((v) => v.outcome === "refused" && v.refusalExpected),
    refusedUnexpected: n((v) => v.outcome === "refused" && !v.refusalExpected),
    error: n((v) => v.outcome === "error"),
    right: n(isRight),
  };
}

const LABEL: Readonly<Record<Outcome, string>> = {
  exact: "exact",
  "wrong-warned": "wrong, warned",
  "wrong-silent": "wrong, silent",
  refused: "refused",
  asked: "asked",
  error: "ERROR",
};

function fmt(v: number | string): string {
  return typeof v === "number" && Number.isInteger(v) ? v.toLocaleString("en-US").replace(/,/g, "_") : String(v);
}

/** The scoreboard as text: one line per file (with its differing figures), then the totals. */
export function formatScoreboard(verdicts: readonly Verdict[]): string {
  const width = Math.max(4, ...verdicts.map((v) => v.file.length));
  const lines: string[] = [];
  for (const v of verdicts) {
    let label = LABEL[v.outcome];
    if (v.outcome === "refused") label += v.refusalExpected ? " (expected)" : " (NOT expected)";
    const head = `${v.file.padEnd(width)}  ${v.expect.padEnd(6)}  ${label}`;
    lines.push(head);
    for (const d of v.diffs) lines.push(`${" ".repeat(width + 2)}  ${d.figure}: expected ${fmt(d.expected)}, got ${fmt(d.got)}`);
    if (v.message) lines.push(`${" ".repeat(width + 2)}  ${v.message}`);
  }
  const t = totals(verdicts);
  lines.push("");
  lines.push(`files ${t.files}: right ${t.right} (exact ${t.exact}, refused as expected ${t.refusedExpected}, asked ${t.asked}); wrong, warned ${t.wrongWarned}; wrong, silent ${t.wrongSilent}; refused unexpectedly ${t.refusedUnexpected}; errors ${t.error}`);
  return `${lines.join("\n")}\n`;
}
