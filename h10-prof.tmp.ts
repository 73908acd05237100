import { ReadOnlyWorkbook } from "./src/hosts/xlsx/read-only-workbook";
async function main() {
  const f = process.argv[2]!;
  let t0 = performance.now();
  const b = await ReadOnlyWorkbook.open(f); if (!b.ok) throw new Error("x");
  console.log("open", (performance.now() - t0).toFixed(0)); t0 = performance.now();
  await b.value.listSheets();
  console.log("list", (performance.now() - t0).toFixed(0)); t0 = performance.now();
  for (const s of await b.value.listSheets()) { for await (const c of b.value.readSheet(s.name)) void c; }
  console.log("read", (performance.now() - t0).toFixed(0), process.memoryUsage().rss / 1e6);
}
main();
