/**
 * A sheet filling Excel's last row: `rows` rows (the header included) of plain sales lines, written
 * with ExcelJS's streaming writer (a million rows in ~20 s, little memory). Used by the
 * `import-full-sheet` bench case and the heavy row-limit check.
 */
import ExcelJS from "exceljs";

/** Excel's last row. */
export const EXCEL_ROWS = 1_048_576;

const HEADER = ["日期", "客户", "型号", "数量", "单价", "金额", "备注", "仓库"];

/**
 * Write `path` with one sheet 销售明细 of `rows` rows (header + rows − 1 lines) and `cols` columns.
 * Line i: date serial 45658 + i mod 365, customer 客户{i mod 997}, model M-{i mod 61}, qty, price, amount.
 * @example await writeFullSheet("/tmp/big.xlsx", EXCEL_ROWS)
 */
export async function writeFullSheet(path: string, rows: number, cols = 6): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet("销售明细");
  ws.addRow(HEADER.slice(0, cols)).commit();
  for (let i = 1; i < rows; i++) {
    const qty = 1 + (i % 9);
    const price = 10 + (i % 50);
    const cells: (string | number)[] = [45658 + (i % 365), `客户${i % 997}`, `M-${i % 61}`, qty, price, qty * price, "", "总仓"];
    ws.addRow(cells.slice(0, cols)).commit();
  }
  await ws.commit();
  await wb.commit();
}

/** The sum in fen of the amounts `writeFullSheet` writes for `rows` rows: what an import must find. */
export function fullSheetAmountFen(rows: number): number {
  let fen = 0;
  for (let i = 1; i < rows; i++) fen += (1 + (i % 9)) * (10 + (i % 50)) * 100;
  return fen;
}
