/**
 * Conservation on every real workbook of the corpus (test/fixtures/corpus, see SOURCES.md): read as the
 * CLI reads it (ReadOnlyWorkbook → detectWorkbook), every row below a sheet's header is imported,
 * rejected with a reason, or skipped with a reason, and the per-sheet tallies add up. This does not ask
 * the figures to be right — that is the scoreboard's job (`npm run corpus`).
 */
import { join } from "node:path";
import { detectWorkbook, readGrid, userSheets } from "../../src/app/detect-workbook";
import { ReadOnlyWorkbook } from "../../src/hosts/xlsx/read-only-workbook";
import { CORPUS_DIR, loadExpectations } from "./expectation";

const expectations = loadExpectations();

/** Everything that breaks conservation in one workbook's import (empty = it holds). */
async function conservationViolations(file: string): Promise<string[]> {
  const opened = await ReadOnlyWorkbook.open(join(CORPUS_DIR, file));
  if (!opened.ok) return [`cannot open: ${opened.issues.map((i) => i.code).join(", ")}`];
  const port = opened.value;
  const { result, report } = await detectWorkbook(port);
  const bad: string[] = [];
  const importedTx = { orders: 0, payments: 0, returns: 0 };
  for (const sheet of userSheets(await port.listSheets())) {
    const grid = await readGrid(port, sheet);
    const det = result.detections.find((d) => d.sheet === sheet.name);
    const tally = result.tallies.find((t) => t.sheet === sheet.name);
    const outcomes = Object.prototype.hasOwnProperty.call(result.outcomes, sheet.name) ? result.outcomes[sheet.name] : undefined;
    if (!det || !tally || !outcomes) {
      bad.push(`${sheet.name}: no detection, tally or outcomes`);
      continue;
    }
    const lastRow = grid.startRow + grid.values.length - 1;
    const firstData = det.headerRow === null ? grid.startRow : det.headerRow + 1;
    const rows = Math.max(0, lastRow - firstData + 1);
    if (tally.rows !== rows) bad.push(`${sheet.name}: tally.rows ${tally.rows} ≠ ${rows} rows below the header`);
    if (tally.imported + tally.rejected + tally.skipped !== tally.rows) bad.push(`${sheet.name}: ${tally.imported}+${tally.rejected}+${tally.skipped} ≠ ${tally.rows}`);
    if (outcomes.length !== rows) bad.push(`${sheet.name}: ${outcomes.length} outcomes for ${rows} rows`);
    const counted = { imported: 0, rejected: 0, skipped: 0 };
    outcomes.forEach((o, i) => {
      counted[o.kind]++;
      if (o.row !== firstData + 1 + i) bad.push(`${sheet.name}: outcome ${i} is row ${o.row}, expected ${firstData + 1 + i}`);
      if (o.kind === "rejected" && o.issues.length === 0) bad.push(`${sheet.name}!${o.row}: rejected without a reason`);
      if (o.kind === "imported" && (det.role === "orders" || det.role === "payments" || det.role === "returns")) importedTx[det.role]++;
    });
    if (counted.imported !== tally.imported || counted.rejected !== tally.rejected || counted.skipped !== tally.skipped) bad.push(`${sheet.name}: outcomes ${JSON.stringify(counted)} ≠ tally ${JSON.stringify(tally)}`);
    const shown = report.sheets.find((s) => s.name === sheet.name);
    if (!shown || shown.imported !== tally.imported || shown.rejected !== tally.rejected || shown.skipped !== tally.skipped) bad.push(`${sheet.name}: --json sheet tally differs from the import's`);
  }
  const records = result.input.orders.length + result.input.payments.length + result.input.returns.length;
  const rowsImported = importedTx.orders + importedTx.payments + importedTx.returns;
  if (rowsImported !== records) bad.push(`imported transaction rows ${rowsImported} ≠ ledger records ${records}`);
  const rejectedListed = report.rejected.length;
  const rejectedCounted = result.tallies.reduce((n, t) => n + t.rejected, 0);
  if (rejectedListed !== rejectedCounted) bad.push(`--json lists ${rejectedListed} rejected rows, tallies count ${rejectedCounted}`);
  return bad;
}

describe("corpus: conservation on every real workbook", () => {
  it("has at least 20 workbooks, each with an expectation", () => {
    expect(expectations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(expectations.map((e) => e.file))("%s: every row imported, rejected or skipped; tallies add up", async (file) => {
    expect(await conservationViolations(file)).toEqual([]);
  });
});
