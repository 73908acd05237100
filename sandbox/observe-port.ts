/**
 * Wraps a WorkbookPort so the sandbox learns about every write: the grid re-renders, and the pane's
 * auto-refresh hears which tables changed (the fake has no change events of its own to offer).
 */
import type { PivotSpec, WorkbookPort } from "../src/app/workbook-port";

/** What changed: a table's rows (append/create), or a sheet (write), or a setting. */
export type PortChange =
  | { readonly kind: "table"; readonly table: string }
  | { readonly kind: "sheet"; readonly sheet: string }
  | { readonly kind: "setting"; readonly key: string };

/** `port` with `onChange` called after each successful write. Reads pass straight through. */
export function observePort(port: WorkbookPort, onChange: (change: PortChange) => void): WorkbookPort {
  const createPivot = port.createPivotTable?.bind(port); // optional capability: passed on only when the host has it
  return {
    listSheets: () => port.listSheets(),
    date1904: () => port.date1904(),
    readSheet: (name, onProgress) => port.readSheet(name, onProgress),
    listTables: () => port.listTables(),
    listNames: () => port.listNames(),
    readTable: (name) => port.readTable(name),
    async appendRows(tableName, rows) {
      const n = await port.appendRows(tableName, rows);
      onChange({ kind: "table", table: tableName });
      return n;
    },
    async updateTableCells(tableName, rowIndex, values) {
      await port.updateTableCells(tableName, rowIndex, values);
      onChange({ kind: "table", table: tableName });
    },
    async createTable(spec) {
      const r = await port.createTable(spec);
      if (r.ok) onChange({ kind: "table", table: spec.tableName });
      return r;
    },
    async writeSheet(spec) {
      const r = await port.writeSheet(spec);
      if (r.ok) onChange({ kind: "sheet", sheet: spec.name });
      return r;
    },
    async setSetting(key, value) {
      await port.setSetting(key, value);
      onChange({ kind: "setting", key });
    },
    getSetting: (key) => port.getSetting(key),
    ...(createPivot
      ? {
          async createPivotTable(spec: PivotSpec) {
            const r = await createPivot(spec);
            if (r.ok) onChange({ kind: "sheet", sheet: spec.sheetName });
            return r;
          },
        }
      : {}),
  };
}
