/** What a WorkbookPort reads, gathered in one order: for differential tests of the hosts. */
import type { GridChunk, WorkbookPort } from "../../src/app/workbook-port";

/** Every chunk of one sheet, in order. */
export async function chunks(port: WorkbookPort, sheet: string): Promise<GridChunk[]> {
  const out: GridChunk[] = [];
  for await (const c of port.readSheet(sheet)) out.push(c);
  return out;
}

/**
 * Sheets, every sheet's chunks, tables and their rows, the date system and the given settings, in
 * one order (the ExcelJS host makes cells on reading: both ports must read in the same order).
 */
export async function portReads(port: WorkbookPort, settingKeys: readonly string[]): Promise<Record<string, unknown>> {
  const sheets = await port.listSheets();
  const grids: Record<string, GridChunk[]> = {};
  for (const s of sheets) grids[s.name] = await chunks(port, s.name);
  const tables = await port.listTables();
  const tableData = [];
  for (const t of tables) tableData.push(await port.readTable(t.name));
  const settings = await Promise.all(settingKeys.map((k) => port.getSetting(k)));
  return { sheets, grids, tables, tableData, date1904: await port.date1904(), settings };
}
