/**
 * Peer for the worksheet functions: LibreOffice Calc recalculating SUMIFS. Method:
 * 1. Write two .xlsx files with the same 订单 and 回款 sheets (the ledger's rows as plain cells) and a
 *    调用 sheet holding each call's arguments. In `formulas.xlsx` column F of 调用 holds one SUMIFS
 *    per call (with no cached result, so Calc must compute it); in `baseline.xlsx` it is empty.
 * 2. Time `soffice --headless --convert-to xlsx` on each (a private user profile, warmed up
 *    first). Conversion loads the file, computes every formula cell that has no cached value,
 *    and saves; the baseline pays the same load and save without the formulas.
 * 3. SUMIFS cost = formulas − baseline. The converted file's results are read back (not timed)
 *    and summed, so the totals can be compared with ours.
 */
import { mkdirSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BenchLedger, FunctionCall } from "../data";
import { isoToSerial } from "../data";
import { runExternal } from "../measure";
import type { Check } from "./types";

/** Prepared workbooks and the soffice command. */
export interface LoPeer {
  readonly dir: string;
  readonly profileUrl: string;
  readonly writeMs: number;
}

/** True when `soffice` is on the PATH. */
export async function haveSoffice(): Promise<boolean> {
  const r = await runExternal("sh", ["-c", "command -v soffice"]).catch(() => null);
  return r?.code === 0;
}

function sumifs(c: FunctionCall, row: number, nOrders: number, nPays: number): string {
  const o = (col: string): string => `订单!$${col}$2:$${col}$${nOrders + 1}`;
  const p = (col: string): string => `回款!$${col}$2:$${col}$${nPays + 1}`;
  if (c.fn === "collected") return `SUMIFS(${p("C")},${p("B")},B${row},${p("A")},">="&D${row},${p("A")},"<="&E${row},${p("D")},"<>折让")`;
  const sumCol = c.fn === "qty" ? "D" : "E";
  const model = c.model === null ? "" : `,${o("C")},C${row}`;
  return `SUMIFS(${o(sumCol)},${o("B")},B${row}${model},${o("A")},">="&D${row},${o("A")},"<="&E${row},${o("F")},"<>已取消")`;
}

/** Writes formulas.xlsx and baseline.xlsx for the calls. */
export async function prepareLibreOffice(b: BenchLedger, calls: readonly FunctionCall[], dir: string): Promise<LoPeer> {
  const ExcelJS = (await import("exceljs")).default;
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const { orders, payments } = b.input;
  for (const withFormulas of [true, false]) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, withFormulas ? "formulas.xlsx" : "baseline.xlsx"), useSharedStrings: true, useStyles: false });
    const os = wb.addWorksheet("订单");
    os.addRow(["日期", "客户", "型号", "数量", "金额", "状态"]).commit();
    for (const o of orders) os.addRow([isoToSerial(o.date), o.customer, o.model, o.qty, o.amountFen / 100, o.status]).commit();
    os.commit();
    const ps = wb.addWorksheet("回款");
    ps.addRow(["日期", "客户", "金额", "方式"]).commit();
    for (const p of payments) ps.addRow([isoToSerial(p.date), p.customer, p.amountFen / 100, p.allowance ? "折让" : (p.method ?? "")]).commit();
    ps.commit();
    const cs = wb.addWorksheet("调用");
    cs.addRow(["函数", "客户", "型号", "起", "止", "结果"]).commit();
    calls.forEach((c, i) => {
      const row = i + 2;
      cs.addRow([c.fn, c.customer, c.model ?? "", c.from, c.to, withFormulas ? { formula: sumifs(c, row, orders.length, payments.length) } : null]).commit();
    });
    cs.commit();
    await wb.commit();
  }
  const profileDir = join(dir, "lo-profile");
  const peer = { dir, profileUrl: `file://${profileDir}`, writeMs: performance.now() - t0 };
  // First start of a fresh profile is slow; pay it here, not in the measured runs.
  await convert(peer, "baseline.xlsx");
  return peer;
}

async function convert(p: LoPeer, file: string): Promise<{ ms: number; cpuMs: number | null; peakMb: number | null }> {
  const out = join(p.dir, "out");
  if (existsSync(join(out, file))) rmSync(join(out, file));
  const r = await runExternal("soffice", [`-env:UserInstallation=${p.profileUrl}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, join(p.dir, file)], { timeoutMs: 15 * 60_000 });
  if (r.code !== 0 || !existsSync(join(out, file))) throw new Error(`soffice failed (${r.code}): ${r.stderr.slice(-300)}`);
  return { ms: r.wallMs, cpuMs: r.cpuMs, peakMb: r.peakMb };
}

/** One measured run: formulas conversion minus baseline conversion. */
export async function runLibreOffice(p: LoPeer): Promise<{ ms: number; cpuMs: number | null; peakMb: number | null; baselineMs: number; formulasMs: number }> {
  const base = await convert(p, "baseline.xlsx");
  const withF = await convert(p, "formulas.xlsx");
  const cpuMs = withF.cpuMs !== null && base.cpuMs !== null ? withF.cpuMs - base.cpuMs : null;
  return { ms: withF.ms - base.ms, cpuMs, peakMb: withF.peakMb, baselineMs: base.ms, formulasMs: withF.ms };
}

/** Reads the recalculated results back and totals them like ours (fen per call, summed). */
export async function libreOfficeCheck(p: LoPeer, calls: readonly FunctionCall[]): Promise<Check> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(p.dir, "out", "formulas.xlsx"));
  const ws = wb.getWorksheet("调用");
  let salesFen = 0;
  let qty = 0;
  let collectedFen = 0;
  let computed = 0;
  calls.forEach((c, i) => {
    const v = ws?.getRow(i + 2).getCell(6).value as unknown;
    // ExcelJS leaves `result` out when the cached value is 0.
    const n = typeof v === "number" ? v : typeof v === "object" && v !== null && "formula" in v ? Number((v as { result?: unknown }).result ?? 0) : NaN;
    if (Number.isFinite(n)) computed++;
    else return;
    if (c.fn === "sales") salesFen += Math.round(n * 100);
    else if (c.fn === "collected") collectedFen += Math.round(n * 100);
    else qty += n;
  });
  return { calls: calls.length, computed, salesFen, qty: Math.round(qty * 1e6) / 1e6, collectedFen };
}
