/**
 * Receipt matching: a workbook that holds the clerk's own collection log (回款登记, or a journal's
 * 贷方 receipts) and the bank statement of the same money must count each receipt once. A bank line
 * is the same receipt as a log line when the customer (by key), the amount (to the fen) and the date
 * (within a few days) agree; the log line is kept (it is spelt and described as the rest of the
 * clerk's ledger), the bank line skipped with a pointer to it.
 */
import { diffDays } from "../dates";
import type { Issue } from "../result";
import type { Payment } from "../schemas/records";
import type { RowOutcome, SheetTally } from "./types";

/**
 * How many days a bank line's date may lie from the logged date of the same receipt. The bank books
 * the value date; the clerk logs the day she hears of it or the date on the 回单, which a weekend or
 * a holiday puts up to three days away (Friday's transfer logged on Monday). Wider would join separate
 * payments of one amount (weekly or monthly instalments are 7 or ~30 days apart). The nearest date wins.
 */
export const RECEIPT_MATCH_DAYS = 3;

/** One bank line found to be a logged receipt: indexes into the payments given, and the days between them. */
export interface ReceiptMatch {
  readonly bank: number;
  readonly log: number;
  readonly days: number;
}

/**
 * Pair bank-statement receipts with logged receipts of the same customer and amount dated within
 * `windowDays`, each at most once, nearest dates first (then row order). Allowances and
 * non-positive amounts are never matched; nor are two lines of the same kind (log with log, bank
 * with bank: two equal payments in one list are two payments).
 * @example matchReceipts(payments, (p) => p.source?.sheet === "银行流水", (n) => n)
 */
export function matchReceipts(payments: readonly Payment[], isBank: (p: Payment) => boolean, customerKey: (name: string) => string, windowDays = RECEIPT_MATCH_DAYS): ReceiptMatch[] {
  const logs = new Map<string, number[]>();
  const bank: number[] = [];
  payments.forEach((p, i) => {
    if (p.allowance || p.amountFen <= 0) return;
    if (isBank(p)) bank.push(i);
    else {
      const k = `${customerKey(p.customer)}\u0000${p.amountFen}`;
      const list = logs.get(k);
      if (list) list.push(i);
      else logs.set(k, [i]);
    }
  });
  if (bank.length === 0 || logs.size === 0) return [];
  const pairs: ReceiptMatch[] = [];
  for (const b of bank) {
    const p = payments[b]!;
    for (const l of logs.get(`${customerKey(p.customer)}\u0000${p.amountFen}`) ?? []) {
      const days = Math.abs(diffDays(p.date, payments[l]!.date));
      if (days <= windowDays) pairs.push({ bank: b, log: l, days });
    }
  }
  pairs.sort((a, b) => a.days - b.days || a.bank - b.bank || a.log - b.log);
  const usedBank = new Set<number>();
  const usedLog = new Set<number>();
  const out: ReceiptMatch[] = [];
  for (const m of pairs) {
    if (usedBank.has(m.bank) || usedLog.has(m.log)) continue;
    usedBank.add(m.bank);
    usedLog.add(m.log);
    out.push(m);
  }
  return out.sort((a, b) => a.bank - b.bank);
}

/** The importer's per-sheet results that counting a receipt once changes. */
export interface ReceiptBooks {
  readonly payments: readonly Payment[];
  /** Row outcomes per sheet (a matched bank line's outcome is replaced by a skip). */
  readonly outcomes: Record<string, RowOutcome[]>;
  /** Per-sheet tallies (a matched bank line moves from imported to skipped). */
  readonly tallies: SheetTally[];
}

/**
 * Count each receipt once: bank lines (`bankSheets`) matched to logged receipts are dropped from the
 * payments, their rows skipped with a pointer to the logged row (conservation holds), and one warning
 * per pair of sheets says how many were matched, with examples. Outcomes and tallies are updated in place.
 */
export function countReceiptsOnce(books: ReceiptBooks, bankSheets: ReadonlySet<string>, customerKey: (name: string) => string): { payments: Payment[]; warnings: Issue[] } {
  const { payments, outcomes, tallies } = books;
  if (bankSheets.size === 0) return { payments: [...payments], warnings: [] };
  const matches = matchReceipts(payments, (p) => p.source !== undefined && bankSheets.has(p.source.sheet), customerKey);
  if (matches.length === 0) return { payments: [...payments], warnings: [] };
  const dropped = new Set<number>();
  const pairs = new Map<string, { log: string; bank: string; matches: ReceiptMatch[] }>();
  for (const m of matches) {
    const bank = payments[m.bank]!.source!;
    const log = payments[m.log]!.source;
    if (!log) continue;
    const list = outcomes[bank.sheet];
    const at = list?.findIndex((o) => o.row === bank.row) ?? -1;
    if (!list || at < 0) continue;
    list[at] = { kind: "skipped", row: bank.row, reason: { code: "import.skip.duplicateReceipt", at: { sheet: bank.sheet, row: bank.row }, params: { sheet: log.sheet, row: log.row, days: m.days } } };
    const t = tallies.findIndex((x) => x.sheet === bank.sheet);
    const tally = tallies[t];
    if (tally) tallies[t] = { ...tally, imported: tally.imported - 1, skipped: tally.skipped + 1 };
    dropped.add(m.bank);
    const key = `${log.sheet}\u0000${bank.sheet}`;
    const pair = pairs.get(key) ?? { log: log.sheet, bank: bank.sheet, matches: [] };
    pair.matches.push(m);
    pairs.set(key, pair);
  }
  const warnings: Issue[] = [...pairs.values()].map((pair) => ({
    code: "import.warn.receiptsMatched",
    params: {
      log: pair.log,
      bank: pair.bank,
      count: pair.matches.length,
      window: RECEIPT_MATCH_DAYS,
      // Data, not words: customer, date and amount of the logged receipt, then its row ↔ the bank's row.
      examples: pair.matches
        .slice(0, 3)
        .map((m) => {
          const l = payments[m.log]!;
          return `${l.customer} ${l.date} ${(l.amountFen / 100).toFixed(2)} (${l.source?.row ?? "?"} ↔ ${payments[m.bank]!.source?.row ?? "?"})`;
        })
        .join("; "),
    },
    severity: "warning",
  }));
  return { payments: payments.filter((_, i) => !dropped.has(i)), warnings };
}
