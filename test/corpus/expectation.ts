/**
 * The expectation of one corpus workbook, as written by its `test/fixtures/corpus/expect/<name>.py`
 * (a clerk's reading of the workbook, made before running the importer), parsed with zod.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** Where the corpus lives, relative to the repository root. */
export const CORPUS_DIR = join(__dirname, "..", "fixtures", "corpus");

/** The figures an expectation can state; each is compared with the import's `--json` ledger summary. */
export const FIGURES = ["orders.lines", "orders.qty", "orders.amountFen", "customers", "payments.count", "payments.amountFen", "returns.count", "returns.amountFen"] as const;

/** One comparable figure of the ledger. */
export type Figure = (typeof FIGURES)[number];

/** A set of figures (absent = not compared). */
export type Figures = Partial<Record<Figure, number>>;

const FiguresSchema = z.object(Object.fromEntries(FIGURES.map((f) => [f, z.number().finite().optional()])) as Record<Figure, z.ZodOptional<z.ZodNumber>>).strict();

/** `import`: a careful clerk imports it with these figures; `refuse`: not a sales ledger; `ask`: cannot tell without asking. */
export const ExpectationSchema = z.object({
  file: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\.xlsx$/),
  kind: z.string().min(1),
  expect: z.enum(["import", "refuse", "ask"]),
  reason: z.string().min(1).optional(),
  /** For `ask`: the figures must hold even when the import asks (e.g. receipts counted once, not twice). */
  strict: z.boolean().optional(),
  figures: FiguresSchema,
  /** Other readings that are equally right (e.g. credits kept as negative order lines instead of returns). */
  alternatives: z.array(FiguresSchema).optional(),
  judgements: z.array(z.string()),
  excluded: z.array(z.object({ sheet: z.string(), rows: z.number().int().nonnegative(), reason: z.string() })),
});

/** A parsed expectation. */
export type Expectation = z.infer<typeof ExpectationSchema>;

/**
 * Every expectation of the corpus, sorted by file name; throws when one is malformed or its
 * workbook is missing (a broken corpus is a bug, not a result).
 * @example loadExpectations().map((e) => e.file)
 */
export function loadExpectations(dir: string = CORPUS_DIR): Expectation[] {
  const expectDir = join(dir, "expect");
  const files = new Set(readdirSync(dir).filter((f) => f.endsWith(".xlsx")));
  const out = readdirSync(expectDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const parsed = ExpectationSchema.safeParse(JSON.parse(readFileSync(join(expectDir, f), "utf8")));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.message}`);
      if (!files.has(parsed.data.file)) throw new Error(`${f}: workbook ${parsed.data.file} not in the corpus`);
      if ((parsed.data.expect !== "import") !== (parsed.data.reason !== undefined)) throw new Error(`${f}: a reason goes with refuse/ask, and only there`);
      return parsed.data;
    });
  const expected = new Set(out.map((e) => e.file));
  const missing = [...files].filter((f) => !expected.has(f));
  if (missing.length > 0) throw new Error(`no expectation for ${missing.join(", ")}`);
  return out;
}
