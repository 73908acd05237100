/**
 * Write `samples/sample-workbook.xlsx`: a small, messy clerk workbook for 2025 (one sheet a month
 * under merged titles with 小计/合计 rows, a 回款 sheet, a 客户 sheet, a 价格表), made by the seeded
 * generator, so `npm run demo` has something real-looking to convert. Deterministic: the same
 * file every run. Usage: `npm run sample` (or `npx tsx scripts/make-sample.ts [out.xlsx]`).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { buildMessyWorkbook } from "../test/builders/messy-workbook";

/** Seed and size of the bundled sample. */
export const SAMPLE_SEED = 2025;
export const SAMPLE_OPTIONS = { year: 2025, months: 10, linesPerMonth: 28, customers: 12, products: 10, payments: 90, defectRate: 0.02, returnRate: 0.03 } as const;

async function run(): Promise<void> {
  const out = resolve(process.argv[2] ?? "samples/sample-workbook.xlsx");
  const { workbook, truth } = buildMessyWorkbook(SAMPLE_SEED, SAMPLE_OPTIONS);
  // Fixed metadata so the file does not change between runs.
  const fixed = new Date(Date.UTC(2025, 11, 31));
  workbook.created = fixed;
  workbook.modified = fixed;
  mkdirSync(dirname(out), { recursive: true });
  await workbook.xlsx.writeFile(out);
  process.stdout.write(
    `${out}: ${truth.totals.orderLines} order lines (${truth.rejected.length} rows with defects), ${truth.totals.paymentCount} payments, ${truth.customers.length} customers, ${truth.products.length} products\n`,
  );
}

if (require.main === module) {
  run().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
