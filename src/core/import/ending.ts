/**
 * How an import ends, honestly: a workbook whose sheets look like sales data but that gave no
 * orders, payments or returns is a failure with, per sheet, the real reason (every row rejected and
 * why, no header, columns missing …) — never an empty success, never "nothing found" when every
 * row was found and rejected. A real ledger with some rejected rows is a success.
 */
import type { Issue } from "../result";
import { whyNotImported } from "./role-evidence";
import type { ImportField, ImportResult, RowOutcome, SheetDetection, SheetTally } from "./types";

/** Why one sheet gave nothing, with the commonest row problems behind it. */
export interface SheetProblem {
  readonly sheet: string;
  /** `import.problem.*`: empty, noHeader, notSales, otherData, noRows, allRejected, allSkipped, readAsMaster. */
  readonly issue: Issue;
  /** For allRejected / allSkipped: the commonest reasons (code and column), most frequent first, each with a count and the first row. */
  readonly examples: readonly { readonly issue: Issue; readonly count: number; readonly row: number }[];
}

/** The end of an import. */
export interface ImportEnding {
  /** True when the import gave nothing a ledger can use: no row at all, or no order, payment or return although a sheet looks like sales data. */
  readonly nothing: boolean;
  /** Sheets that gave nothing, each with its reason (when `nothing`: every such sheet; else only sheets that look like sales data). */
  readonly problems: readonly SheetProblem[];
}

/** How many example reasons a problem carries. */
export const PROBLEM_EXAMPLES = 3;

const TRANSACTION_ROLES = new Set(["orders", "payments", "returns"]);
const DATE_FIELDS: ReadonlySet<ImportField> = new Set(["date", "shipDate"]);
const MOVEMENT_FIELDS: ReadonlySet<ImportField> = new Set(["amount", "listAmount", "qty", "price", "debit", "credit"]);

/**
 * True when a sheet looks like sales data: read as orders, payments or returns; or, without
 * evidence of being something else (inventory words, a 库存 name), it holds what only transactions
 * hold — a date with a money or quantity column, quantities with amounts, or (not read as a master)
 * customers with amounts. A master role counts only so (no customer or product list has those).
 */
export function looksLikeTransactions(d: SheetDetection): boolean {
  if (TRANSACTION_ROLES.has(d.role)) return true;
  if (d.scores.other > 0) return false;
  const fields = new Set(d.mapping.map((m) => m.field));
  const has = (f: ImportField): boolean => fields.has(f);
  const dated = [...fields].some((f) => DATE_FIELDS.has(f));
  const moving = [...fields].some((f) => MOVEMENT_FIELDS.has(f));
  const amount = has("amount") || has("listAmount");
  const priced = has("qty") && amount;
  if (d.role === "other") return (dated && moving) || priced || (has("customer") && (amount || has("debit") || has("credit")));
  return (dated && (has("qty") || amount)) || priced || (d.confidence < 0.6 && dated && moving);
}

/** The transaction columns of a sheet (dates, quantities, amounts), for saying why it looks like sales data. */
function transactionFields(d: SheetDetection): string {
  return d.mapping.map((m) => m.field).filter((f) => DATE_FIELDS.has(f) || MOVEMENT_FIELDS.has(f)).join(",");
}

/** The commonest of a sheet's row reasons: by code and column, counted. */
function topReasons(outcomes: readonly RowOutcome[], kind: "rejected" | "skipped"): SheetProblem["examples"] {
  const m = new Map<string, { issue: Issue; count: number; row: number }>();
  for (const o of outcomes) {
    if (o.kind !== kind) continue;
    // A row rejected for several reasons counts once under each.
    const issues = o.kind === "rejected" ? o.issues : o.kind === "skipped" ? [o.reason] : [];
    const keys = new Set<string>();
    for (const i of issues) {
      const key = `${i.code}\u0000${i.at?.column ?? ""}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const e = m.get(key);
      if (e) e.count++;
      else m.set(key, { issue: i, count: 1, row: o.row });
    }
  }
  return [...m.values()].sort((a, b) => b.count - a.count).slice(0, PROBLEM_EXAMPLES);
}

/** Why a sheet that imported nothing gave nothing. */
export function sheetProblem(d: SheetDetection, tally: SheetTally | undefined, outcomes: readonly RowOutcome[]): SheetProblem {
  const sheet = d.sheet;
  const at = { sheet };
  if (d.lastRow < d.firstRow) return { sheet, issue: { code: "import.problem.empty", at }, examples: [] };
  if (d.headerRow === null) {
    const noHeader = d.reasons.find((r) => r.code === "import.reason.noHeader");
    return { sheet, issue: { code: "import.problem.noHeader", at, params: { rows: noHeader?.params?.rows ?? 0 } }, examples: [] };
  }
  if (d.role === "other") {
    // A specific verdict of the value evidence (purchases, a reconciliation, a summary or cross-tab) is the real reason.
    const why = whyNotImported(d);
    if (why && why.code !== "import.reason.notLedgerData" && why.code !== "import.reason.incomplete" && why.code !== "import.reason.otherByEvidence") return { sheet, issue: { ...why, at }, examples: [] };
    // Columns an order / payment sheet would need: said by the role choice (notLedgerData) or by the value evidence (incomplete).
    const missing = d.reasons.find((r) => r.code === "import.reason.notLedgerData" || r.code === "import.reason.incomplete")?.params?.missing;
    if (missing !== undefined && d.scores.other <= 0) return { sheet, issue: { code: "import.problem.notSales", at, params: { missing } }, examples: [] };
    return { sheet, issue: { code: "import.problem.otherData", at }, examples: [] };
  }
  const rows = tally?.rows ?? 0;
  const rejected = tally?.rejected ?? 0;
  if (rows === 0) return { sheet, issue: { code: "import.problem.noRows", at, params: { row: d.headerRow + 1 } }, examples: [] };
  if (rejected > 0) return { sheet, issue: { code: "import.problem.allRejected", at, params: { rows: rejected, skipped: tally?.skipped ?? 0 } }, examples: topReasons(outcomes, "rejected") };
  return { sheet, issue: { code: "import.problem.allSkipped", at, params: { rows } }, examples: topReasons(outcomes, "skipped") };
}

/**
 * How the import ends: `nothing` (a failure, exit 2 in the CLI) with per-sheet reasons, or a
 * success that still names the sales sheets that gave nothing.
 * @example importEnding(result).nothing // true when a 销售 sheet's rows were all rejected and no other sheet gave a transaction
 */
export function importEnding(result: ImportResult): ImportEnding {
  const imported = result.tallies.reduce((n, x) => n + x.imported, 0);
  const transactions = result.input.orders.length + result.input.payments.length + result.input.returns.length;
  const salesLike = result.detections.filter(looksLikeTransactions);
  const nothing = imported === 0 || (transactions === 0 && salesLike.length > 0);
  const problems: SheetProblem[] = [];
  for (const d of result.detections) {
    const tally = result.tallies.find((x) => x.sheet === d.sheet);
    if ((tally?.imported ?? 0) > 0) {
      // A sales-like sheet read as a master gave rows, but no transaction: that is its problem.
      if (nothing && salesLike.includes(d)) problems.push({ sheet: d.sheet, issue: { code: "import.problem.readAsMaster", at: { sheet: d.sheet }, params: { role: d.role, rows: tally?.imported ?? 0, fields: transactionFields(d) } }, examples: [] });
      continue;
    }
    if (!nothing && !(salesLike.includes(d) && (tally?.rows ?? 0) > 0)) continue;
    problems.push(sheetProblem(d, tally, result.outcomes[d.sheet] ?? []));
  }
  return { nothing, problems };
}
