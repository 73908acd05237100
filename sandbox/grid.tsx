/**
 * The right half of the sandbox: the fake workbook drawn as sheet tabs + a cell grid, read through
 * the same WorkbookPort the pane uses. Re-reads whenever `version` changes (after each write).
 */
import { useEffect, useState } from "react";
import type { RawCell, SheetInfo, WorkbookPort } from "../src/app/workbook-port";
import { columnLetter } from "../src/core/sheet-spec";

/** Rows drawn at the top and at the bottom of a long sheet (the middle is elided). */
const HEAD_ROWS = 300;
const TAIL_ROWS = 200;

interface SheetView {
  readonly startRow: number;
  readonly startCol: number;
  readonly rows: readonly (readonly RawCell[])[];
  readonly formats: readonly (readonly string[])[];
  readonly formulas: readonly (readonly (string | null)[])[];
}

/** Props: the port to read, a version bumped after every write, the sheet to show first. */
export interface GridProps {
  readonly port: WorkbookPort;
  readonly version: number;
  readonly focusSheet?: string | null;
}

/** Sheet tabs and the active sheet's cells. */
export function Grid({ port, version, focusSheet }: GridProps) {
  const [sheets, setSheets] = useState<readonly SheetInfo[]>([]);
  const [tables, setTables] = useState<readonly { name: string; sheetName: string }[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [view, setView] = useState<SheetView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (focusSheet) setActive(focusSheet);
  }, [focusSheet, version]);

  useEffect(() => {
    let live = true;
    Promise.all([port.listSheets(), port.listTables()])
      .then(([list, tbls]) => {
        if (!live) return;
        setSheets(list);
        setTables(tbls);
        setActive((cur) => (cur && list.some((s) => s.name === cur) ? cur : (list.find((s) => s.visible)?.name ?? null)));
      })
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [port, version]);

  useEffect(() => {
    if (!active) return;
    let live = true;
    readAll(port, active)
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [port, active, version]);

  const width = view ? Math.max(0, ...view.rows.map((r) => r.length)) : 0;
  const total = view?.rows.length ?? 0;
  const shown: number[] = [];
  for (let i = 0; i < total; i++) if (i < HEAD_ROWS || i >= total - TAIL_ROWS) shown.push(i);
  const sheetTables = tables.filter((t) => t.sheetName === active).map((t) => t.name);

  return (
    <section className="grid-pane" aria-label="工作簿">
      <div role="tablist" aria-label="工作表" className="sheet-tabs">
        {sheets.map((s) => (
          <button
            key={s.name}
            role="tab"
            aria-selected={s.name === active}
            data-sheet-tab={s.name}
            className={s.name === active ? "sheet-tab active" : s.ownedKind ? "sheet-tab owned" : "sheet-tab"}
            onClick={() => setActive(s.name)}
            title={s.ownedKind ? `由插件生成（${s.ownedKind}）` : s.visible ? "" : "隐藏"}
          >
            {s.visible ? s.name : `(${s.name})`}
          </button>
        ))}
      </div>
      {error ? <p role="alert" className="grid-error">{error}</p> : null}
      <p className="grid-caption" data-testid="grid-caption">
        {active ?? "—"} · {total} 行{sheetTables.length ? ` · 表 ${sheetTables.join(", ")}` : ""}
      </p>
      <div className="grid-scroll">
        {view && active ? (
          <table className="grid" data-sheet={active} data-tables={sheetTables.join(",")}>
            <thead>
              <tr>
                <th />
                {Array.from({ length: width }, (_, c) => (
                  <th key={c}>{columnLetter(view.startCol + c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r, k) => {
                const row = view.rows[r] ?? [];
                const gap = k > 0 && shown[k - 1] !== r - 1;
                return [
                  gap ? (
                    <tr key={`gap${r}`} className="gap">
                      <td colSpan={width + 1}>… {r - (shown[k - 1] ?? 0) - 1} 行未显示 …</td>
                    </tr>
                  ) : null,
                  <tr key={r} data-row={view.startRow + r + 1}>
                    <th>{view.startRow + r + 1}</th>
                    {Array.from({ length: width }, (_, c) => {
                      const v = row[c] ?? null;
                      const fmt = view.formats[r]?.[c] ?? "General";
                      const fx = view.formulas[r]?.[c] ?? null;
                      // The fake does not calculate: a formula without a value shows its text, as Excel's 显示公式 would.
                      const uncalculated = fx !== null && (v === null || v === "");
                      return (
                        <td
                          key={c}
                          data-addr={`${columnLetter(view.startCol + c)}${view.startRow + r + 1}`}
                          className={uncalculated ? "formula" : typeof v === "number" ? "num" : undefined}
                          title={fx ?? undefined}
                        >
                          {uncalculated ? fx : display(v, fmt)}
                        </td>
                      );
                    })}
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}

async function readAll(port: WorkbookPort, sheet: string): Promise<SheetView> {
  const rows: (readonly RawCell[])[] = [];
  const formats: (readonly string[])[] = [];
  const formulas: (readonly (string | null)[])[] = [];
  let startRow = -1;
  let startCol = 0;
  for await (const chunk of port.readSheet(sheet)) {
    if (startRow < 0) {
      startRow = chunk.startRow;
      startCol = chunk.startCol;
    }
    rows.push(...chunk.values);
    formats.push(...chunk.formats);
    formulas.push(...chunk.formulas);
  }
  return { startRow: Math.max(0, startRow), startCol, rows, formats, formulas };
}

/** What Excel would roughly show: dates as dates, money with two decimals. */
export function display(v: RawCell, format: string): string {
  if (v === null) return "";
  if (typeof v === "object") return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (isDateFormat(format)) return serialToIso(v);
  if (/0\.00/.test(format)) return formatFixed(v, 2, format.includes(","));
  if (/%/.test(format)) return `${(v * 100).toFixed(format.includes(".0") ? 1 : 0)}%`;
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
}

function isDateFormat(format: string): boolean {
  const f = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(f) || /m.*[ds]|[yd].*m/i.test(f);
}

function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

function formatFixed(n: number, digits: number, grouping: boolean): string {
  const s = Math.abs(n).toFixed(digits);
  const [int = "0", frac] = s.split(".");
  const grouped = grouping ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
  return `${n < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}
