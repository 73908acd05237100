import { isDeepStrictEqual } from "node:util";
import { XlsxWorkbook } from "./src/hosts/xlsx/xlsx-workbook";
import { ReadOnlyWorkbook } from "./src/hosts/xlsx/read-only-workbook";
async function all<T>(it: AsyncIterable<T>): Promise<T[]> { const o: T[] = []; for await (const x of it) o.push(x); return o; }
async function main() {
  for (const f of process.argv.slice(2)) {
    let t0 = performance.now();
    const a = await XlsxWorkbook.open(f); if (!a.ok) throw new Error(JSON.stringify(a.issues));
    const ta = performance.now() - t0; t0 = performance.now();
    const b = await ReadOnlyWorkbook.open(f); if (!b.ok) throw new Error(JSON.stringify(b.issues));
    const sa = await a.value.listSheets(); const sb = await b.value.listSheets();
    const tb = performance.now() - t0;
    console.log(f, `exceljs open ${ta.toFixed(0)}ms  ro open+list ${tb.toFixed(0)}ms`);
    if (!isDeepStrictEqual(sa, sb)) console.log("listSheets DIFF", JSON.stringify(sa).slice(0, 500), "\n", JSON.stringify(sb).slice(0, 500));
    console.log("date1904", await a.value.date1904(), await b.value.date1904());
    const la = await a.value.listTables(), lb = await b.value.listTables();
    if (!isDeepStrictEqual(la, lb)) console.log("listTables DIFF", la, lb);
    for (const t of la) { const x = await a.value.readTable(t.name), y = await b.value.readTable(t.name); if (!isDeepStrictEqual(x, y)) console.log("readTable DIFF", t.name); }
    for (const s of sa) {
      const ca = await all(a.value.readSheet(s.name)), cb = await all(b.value.readSheet(s.name));
      if (!isDeepStrictEqual(ca, cb)) {
        console.log("readSheet DIFF", s.name);
        outer: for (let k = 0; k < ca.length; k++) for (const key of ["values", "formats", "formulas"] as const) { const A = ca[k]![key], B = cb[k]?.[key] ?? []; for (let r = 0; r < A.length; r++) if (!isDeepStrictEqual(A[r], B[r])) { console.log(key, ca[k]!.startRow + r, JSON.stringify(A[r]), JSON.stringify(B[r])); break outer; } }
      }
    }
    console.log("getSetting", await a.value.getSetting("company.name"), await b.value.getSetting("company.name"));
  }
}
main();
