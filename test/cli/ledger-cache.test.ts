/**
 * The CLI's import cache: a hit prints byte for byte what a miss prints (report and statement), an
 * edited workbook misses, a damaged cache file is ignored and replaced, `--no-cache` bypasses it,
 * and a cache directory that cannot be written costs a note on stderr, never the command.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import ExcelJS from "exceljs";
import { runReport } from "../../src/cli/commands/report";
import { runStatement } from "../../src/cli/commands/statement";
import { CACHE_MAX_ENTRIES, cacheDir, cacheKey, openLedgerCached } from "../../src/cli/ledger-cache";
import { COMPANY_SETTINGS } from "../../src/app/generate-statements";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-workbook";
import { recordingIo, writeLedgerWorkbook } from "./report-cli-fixtures";

const PERIOD = ["--from", "2025-02-26", "--to", "2025-03-25"];
const MAGIC = "SLCACHE1";
let dir: string;
let cache: string;
const savedEnv = process.env.SALES_LEDGER_CACHE_DIR;

/** A clerk's raw workbook (imported in memory): one sheet under a title row, `amount` in the last row of 3月5日. */
async function writeRawWorkbook(path: string, amount = 125): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2025年3月销售");
  ws.addRow(["2025年3月销售明细"]);
  ws.addRow(["日期", "客户", "型号", "数量", "单价", "金额"]);
  ws.addRow(["2025-03-05", "长沙华兴商贸", "XY-100", 10, 12.5, amount]);
  ws.addRow(["2025-03-06", "郑州宏达(集团)", "XY-200", 2, 100, 200]);
  ws.addRow(["2025-03-10", "长沙华兴商贸", "XY-100", -1, 12.5, -12.5]);
  await wb.xlsx.writeFile(path);
}

async function report(file: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = recordingIo(dir);
  const code = await runReport([file, "--monthly", "2025-03", "--json", ...extra], io);
  return { code, out: io.out, err: io.err };
}

function binFiles(): string[] {
  return readdirSync(cache).filter((n) => n.endsWith(".bin"));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "h15-ledger-cache-"));
  await writeLedgerWorkbook(join(dir, "台账.xlsx"));
  // The converted ledger carries a company name in its settings: a statement without --company reads it.
  const opened = await XlsxWorkbook.open(join(dir, "台账.xlsx"));
  if (!opened.ok) throw new Error("fixture did not open");
  await opened.value.setSetting(COMPANY_SETTINGS.name, "湖南某某电器有限公司");
  await opened.value.save(join(dir, "台账.xlsx"));
  await writeRawWorkbook(join(dir, "raw.xlsx"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.SALES_LEDGER_CACHE_DIR;
  else process.env.SALES_LEDGER_CACHE_DIR = savedEnv;
});
beforeEach(() => {
  cache = mkdtempSync(join(dir, "cache-"));
  process.env.SALES_LEDGER_CACHE_DIR = cache;
});

test("the cache directory: the env variable first, then XDG, then ~/.cache; none under NODE_ENV=test alone", () => {
  expect(cacheDir({ SALES_LEDGER_CACHE_DIR: "/x/c", XDG_CACHE_HOME: "/y" })).toBe("/x/c");
  expect(cacheDir({ XDG_CACHE_HOME: "/y" })).toBe("/y/sales-ledger");
  expect(cacheDir({ HOME: "/home/u" })).toMatch(/[\\/]\.cache[\\/]sales-ledger$/);
  expect(cacheDir({ NODE_ENV: "test", XDG_CACHE_HOME: "/y" })).toBeNull();
});

test.each(["raw.xlsx", "台账.xlsx"])("report --json: a hit prints byte for byte what a miss and --no-cache print (%s)", async (file) => {
  const bytesBefore = readFileSync(join(dir, file));
  const miss = await report(file);
  expect(miss.code).toBe(0);
  expect(binFiles()).toEqual([`${cacheKey(bytesBefore, file)}.bin`]);
  const outcome = await openLedgerCached(join(dir, file), { useCache: true });
  expect(outcome.ok && outcome.value.cache).toBe("hit");
  const hit = await report(file);
  const bypass = await report(file, "--no-cache");
  expect(hit).toEqual(miss);
  expect(bypass).toEqual(miss);
  expect(JSON.parse(miss.out).totals.amountFen).toBeGreaterThan(0);
  // The workbook itself is only read.
  expect(readFileSync(join(dir, file)).equals(bytesBefore)).toBe(true);
});

test("statement --json (company from the workbook's settings): a hit prints what a miss prints", async () => {
  const run = async (): Promise<[number, string, string]> => {
    const io = recordingIo(dir);
    const code = await runStatement(["台账.xlsx", "--all-monthly", ...PERIOD, "--json", "--date", "2025-03-26"], io);
    return [code, io.out, io.err];
  };
  const miss = await run();
  expect(binFiles()).toHaveLength(1);
  const hit = await run();
  expect(hit).toEqual(miss);
  expect(miss[0]).toBe(0);
  expect(JSON.parse(miss[1]).statements.length).toBeGreaterThan(0);
  // The company name reached the statement through the cached settings.
  const io = recordingIo(dir);
  expect(await runStatement(["台账.xlsx", "--all-monthly", ...PERIOD, "-o", join(dir, "st.xlsx"), "--date", "2025-03-26"], io)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "st.xlsx"));
  const texts = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().filter((v) => typeof v === "string"));
  expect(texts.some((s) => (s as string).includes("湖南某某电器有限公司"))).toBe(true);
});

test("an edited copy of the workbook misses and gives its own result", async () => {
  const before = await report("raw.xlsx");
  await writeRawWorkbook(join(dir, "raw-edited.xlsx"), 130);
  const edited = await report("raw-edited.xlsx");
  expect(binFiles()).toHaveLength(2);
  const amount = (r: { out: string }): number => (JSON.parse(r.out) as { totals: { amountFen: number } }).totals.amountFen;
  expect(amount(edited) - amount(before)).toBe(500);
  expect(edited).toEqual(await report("raw-edited.xlsx", "--no-cache"));
});

test.each([
  ["garbage", (_b: Buffer) => Buffer.from("not a cache file")],
  ["truncated", (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
  ["one payload byte flipped", (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 10), Buffer.from([b[b.length - 10]! ^ 0xff]), b.subarray(b.length - 9)])],
])("a damaged cache file (%s) is ignored and replaced, the output unchanged", async (_name, damage) => {
  const miss = await report("raw.xlsx");
  const [bin] = binFiles();
  const path = join(cache, bin!);
  const good = readFileSync(path);
  writeFileSync(path, damage(good));
  expect(await report("raw.xlsx")).toEqual(miss);
  const replaced = readFileSync(path);
  expect(replaced.subarray(0, MAGIC.length).toString("latin1")).toBe(MAGIC);
  const again = await openLedgerCached(join(dir, "raw.xlsx"), { useCache: true });
  expect(again.ok && again.value.cache).toBe("hit");
});

test("--no-cache neither reads nor writes the cache", async () => {
  copyFileSync(join(dir, "raw.xlsx"), join(dir, "raw-copy.xlsx"));
  // Plant a well-formed entry for raw-copy.xlsx holding the edited workbook's ledger.
  await writeRawWorkbook(join(dir, "raw-130.xlsx"), 130);
  const planted = await report("raw-130.xlsx");
  const [bin] = binFiles();
  const payload = readFileSync(join(cache, bin!)).subarray(MAGIC.length + 32);
  const key = cacheKey(readFileSync(join(dir, "raw-copy.xlsx")), "raw-copy.xlsx");
  const entry = { ...(deserialize(payload) as Record<string, unknown>), key };
  const forged = serialize(entry);
  writeFileSync(join(cache, `${key}.bin`), Buffer.concat([Buffer.from(MAGIC, "latin1"), createHash("sha256").update(forged).digest(), forged]));
  // Through the cache the planted ledger is served (so the cache is really read) …
  expect((await report("raw-copy.xlsx")).out).toBe(planted.out);
  // … and --no-cache reads the workbook itself.
  rmSync(join(cache, bin!));
  const bypass = await report("raw-copy.xlsx", "--no-cache");
  expect(bypass.out).not.toBe(planted.out);
  expect(bypass.out).toBe((await report("raw.xlsx", "--no-cache")).out);
  expect(binFiles()).toEqual([`${key}.bin`]);
});

test("a cache directory that cannot be written: the command succeeds and says so on stderr", async () => {
  const blocker = join(cache, "a-file");
  writeFileSync(blocker, "");
  process.env.SALES_LEDGER_CACHE_DIR = join(blocker, "cache");
  const r = await report("raw.xlsx");
  process.env.SALES_LEDGER_CACHE_DIR = cache;
  expect(r.code).toBe(0);
  expect(r.out).toBe((await report("raw.xlsx", "--no-cache")).out);
  expect(r.err).toMatch(/^（提示）无法写入导入缓存 .*a-file.*：ENOTDIR/);
  expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
});

test(`the cache keeps the ${CACHE_MAX_ENTRIES} most recently used entries`, async () => {
  const keys: string[] = [];
  for (let i = 0; i <= CACHE_MAX_ENTRIES; i++) {
    const file = `raw-${i}.xlsx`;
    await writeRawWorkbook(join(dir, file), 200 + i);
    keys.push(cacheKey(readFileSync(join(dir, file)), file));
    expect((await report(file)).code).toBe(0);
    // The first entry is used again before the others, so it is not the one dropped.
    if (i === 1) expect((await report("raw-0.xlsx")).code).toBe(0);
  }
  const left = new Set(binFiles());
  expect(left.size).toBe(CACHE_MAX_ENTRIES);
  expect(keys.filter((k) => !left.has(`${k}.bin`))).toEqual([keys[1]]);
});
