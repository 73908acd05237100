/**
 * A minimal in-memory WorkbookPort holding only ledger tables (what the worksheet functions read),
 * for the functions' tests: tables are made from a LedgerInput with the real record → row code,
 * dates become serials as Excel would hand them back, and `setTable` / `appendRecords` simulate a
 * clerk's edit. Counts reads so tests can see the cache build once.
 */
import type { RawCell, TableData, WorkbookPort, WriteCell } from "../../src/app/workbook-port";
import { isoToExcelSerial } from "../../src/core/dates";
import { ledgerTableSpecs, LEDGER_TABLES, type LedgerTableKind } from "../../src/core/ledger-tables";
import type { LedgerInput } from "../../src/core/schemas/records";

function toRaw(c: WriteCell, date1904: boolean): RawCell {
  return c !== null && typeof c === "object" ? isoToExcelSerial(c.date, date1904) : c;
}

/** The in-memory port. Only `date1904`, `readTable` and `listTables` do anything. */
export class TablePort implements WorkbookPort {
  readonly tables = new Map<string, TableData>();
  reads = 0;

  constructor(input: LedgerInput, readonly is1904 = false, omit: readonly LedgerTableKind[] = []) {
    for (const spec of ledgerTableSpecs(input)) {
      const kind = (Object.keys(LEDGER_TABLES) as LedgerTableKind[]).find((k) => LEDGER_TABLES[k].tableName === spec.tableName);
      if (kind && omit.includes(kind)) continue;
      this.tables.set(spec.tableName, {
        name: spec.tableName,
        sheetName: spec.sheetName,
        headers: spec.columns.map((c) => c.header),
        rows: spec.rows.map((r) => r.map((c) => toRaw(c, is1904))),
      });
    }
  }

  /** Replace every table from a new input (a clerk's edit). */
  setInput(input: LedgerInput): void {
    const fresh = new TablePort(input, this.is1904);
    for (const [name, data] of fresh.tables) this.tables.set(name, data);
  }

  async date1904(): Promise<boolean> {
    return this.is1904;
  }
  async readTable(name: string): Promise<TableData | null> {
    this.reads++;
    return this.tables.get(name) ?? null;
  }
  async listTables() {
    return [...this.tables.values()].map((t) => ({ name: t.name, sheetName: t.sheetName, headers: t.headers }));
  }
  async listNames(): Promise<readonly string[]> {
    return [];
  }
  async listSheets(): Promise<never> {
    throw new Error("TablePort: listSheets is not part of this fake");
  }
  readSheet(): AsyncIterable<never> {
    throw new Error("TablePort: readSheet is not part of this fake");
  }
  async appendRows(): Promise<never> {
    throw new Error("TablePort: appendRows is not part of this fake");
  }
  async updateTableCells(): Promise<never> {
    throw new Error("TablePort: updateTableCells is not part of this fake");
  }
  async createTable(): Promise<never> {
    throw new Error("TablePort: createTable is not part of this fake");
  }
  async writeSheet(): Promise<never> {
    throw new Error("TablePort: writeSheet is not part of this fake");
  }
  async getSetting(): Promise<string | null> {
    return null;
  }
  async setSetting(): Promise<void> {}
}
