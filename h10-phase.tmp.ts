const t00 = performance.now();
import { ReadOnlyWorkbook } from "./src/hosts/xlsx/read-only-workbook";
import { detectWorkbook } from "./src/app/detect-workbook";
import { Ledger } from "./src/core/ledger";
import { buildReport } from "./src/core/reports";
import { XlsxWorkbook } from "./src/hosts/xlsx/xlsx-workbook";
async function main() {
  const lap = (() => { let t = performance.now(); return (l: string) => { const n = performance.now(); console.log(l, (n - t).toFixed(0)); t = n; }; })();
  console.log("imports", (performance.now() - t00).toFixed(0));
  const b = await ReadOnlyWorkbook.open(process.argv[2]!); if (!b.ok) throw 1; lap("open");
  const sheets = await b.value.listSheets(); lap("listSheets(parse)");
  const { result } = await detectWorkbook(b.value); lap("detect(read+import)");
  const ledger = Ledger.build(result.input); lap("build");
  const r = buildReport(ledger, "monthly", "2025-03", { today: "2025-12-31", locale: "zh-CN" }); if (!r.ok) throw 2; lap("report");
  const w = XlsxWorkbook.create(); await w.writeSheet(r.value.spec); await w.save("/tmp/h10/p.xlsx"); lap("write");
  void sheets;
}
main();
