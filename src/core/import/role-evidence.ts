/**
 * Role evidence: what a sheet's values (not only its header words) say about its role. A master
 * lists each party or model once with its attributes; transaction lines repeat them and carry
 * quantities, amounts and dates. Purchase documents (we are the buyer) and reconciliations of two
 * sources are not our sales at all. Every sheet left unimported gets its real reason here.
 */
import type { Issue } from "../result";
import { normalizeText } from "../text";
import { headerKey, matchHeader } from "./synonyms";
import type { ColumnChoice, ImportField, SheetDetection, SheetGrid, SheetRole } from "./types";

/** Rows below the header looked at for column profiles: a bounded sample, never the whole sheet. */
export const PROFILE_SCAN_ROWS = 2000;
/** Non-blank values a column profile keeps at most. */
const PROFILE_VALUES = 500;
/** A column "repeats" when it has at least this many values and at most this share of them distinct. */
const REPEAT_MIN_VALUES = 5;
const REPEAT_MAX_DISTINCT = 0.8;

/** What detection hands the evidence: the sheet, its header band, the chosen columns and the fields found. */
export interface RoleEvidenceInput {
  readonly grid: SheetGrid;
  /** Local rows of the header band (one or two). */
  readonly band: readonly number[];
  /** Local row of the first data row. */
  readonly dataStart: number;
  readonly mapping: readonly ColumnChoice[];
  /** Fields the sheet has: its columns plus a customer or date found in the title or heading rows. */
  readonly fields: ReadonlySet<ImportField>;
  /** The sheet's name and its title lines. */
  readonly names: readonly string[];
}

/** What the values say. */
export interface RoleEvidence {
  /** Roles the values rule out, each with why (a "master" that is really transaction lines …). */
  readonly ruledOut: ReadonlyMap<SheetRole, Issue>;
  /** The sheet is not our sales at all (purchase documents, a reconciliation): it stays unimported for this reason. */
  readonly notSales: Issue | null;
}

/** Distinct count of a column's sampled values. */
interface ColumnProfile {
  readonly values: number;
  readonly distinct: number;
  /** The one value when all sampled values are the same. */
  readonly only: string | null;
}

/**
 * Profile of one column (0-based sheet column) from a bounded sample of the rows under the header.
 * @example profileColumn(grid, 1, 3).distinct
 */
export function profileColumn(grid: SheetGrid, dataStart: number, col: number): ColumnProfile {
  const c = col - grid.startCol;
  const seen = new Set<string>();
  let values = 0;
  const end = Math.min(grid.values.length, dataStart + PROFILE_SCAN_ROWS);
  for (let r = dataStart; r < end && values < PROFILE_VALUES; r++) {
    const v = grid.values[r]?.[c];
    if (v === null || v === undefined || typeof v === "boolean" || typeof v === "object") continue;
    const s = typeof v === "number" ? String(v) : normalizeText(v);
    if (s === "") continue;
    values++;
    seen.add(s.toLowerCase());
  }
  return { values, distinct: seen.size, only: seen.size === 1 && values > 0 ? [...seen][0]! : null };
}

function repeats(p: ColumnProfile): boolean {
  return p.values >= REPEAT_MIN_VALUES && p.distinct <= p.values * REPEAT_MAX_DISTINCT;
}

/** Header cells of the band (0-based sheet column, text as written). */
function bandHeaders(grid: SheetGrid, band: readonly number[]): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  for (const r of band) {
    const row = grid.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const text = normalizeText(v);
      if (text !== "") out.push({ col: grid.startCol + c, text });
    }
  }
  return out;
}

/** A column naming the seller (销售方 of an invoice, 供应商): in our sales that is us, in purchases a supplier. `销售方式` is a way of selling. */
const SELLER_HEADER = /销售方(?!式)|销方|卖方|供应商|供货商|供货单位|供货方|vendor|supplier|seller/i;
/** Sheet names and titles of purchase documents. */
const PURCHASE_NAME = /进项|采购|进货|购进|purchases?\b|suppliers?\b|vendors?\b/i;
/** Sheet names and titles of a comparison of two sources (not 对账单, a customer's statement). */
const RECONCILIATION_NAME = /对比|比对|核对表|差异表|差异分析|差异明细|reconcil|comparison/i;
/** Header cells of a comparison: its result columns (a lone 核对 tick column is a clerk's check mark, not a comparison). */
const RECONCILIATION_HEADER = /对比|比对|核对结果|是否一致|不一致|是否相符|不相符|不符/;
/** Differences alone are common in ERP exports (差异数量 = shipped − invoiced): evidence only beside two sources. */
const DIFFERENCE_HEADER = /差异|差额/;
/** The two sources side by side (系统 vs 台账 / 账面). */
const SOURCE_A = /系统|erp/i;
const SOURCE_B = /台账|账面|手工|财务/;
/** Names and headers of a summary: totals per something, a pivot table's output. */
const SUMMARY_NAME = /汇总|统计|总计|summary|pivot|透视/i;
const PIVOT_HEADER = /求和项|计数项|平均值项|最大值项|最小值项|sumof|countof/i;
const TOTAL_HEADER = /总计|汇总|累计/;
/** Header cells that are periods (a cross-tab by month / quarter / year). */
const PERIOD_HEADER = /^(?:(?:19|20)\d{2}\s*年?\s*)?(?:\d{1,2}\s*月(?:份)?|[一二三四]?\s*季度|第[一二三四1-4]季度|q[1-4]|(?:19|20)\d{2}\s*年?)$/i;

const MONEY: readonly ImportField[] = ["amount", "listAmount", "debit", "credit"];

/**
 * What a sheet's values say about its role.
 * @example roleEvidence(input).ruledOut.has("products") // true for order lines without a date
 */
export function roleEvidence(input: RoleEvidenceInput): RoleEvidence {
  const { grid, band, dataStart, mapping, fields, names } = input;
  const has = (f: ImportField): boolean => fields.has(f);
  const col = (f: ImportField): ColumnChoice | undefined => mapping.find((m) => m.field === f);
  const profiles = new Map<number, ColumnProfile>();
  const profile = (m: ColumnChoice): ColumnProfile => {
    let p = profiles.get(m.col);
    if (!p) profiles.set(m.col, (p = profileColumn(grid, dataStart, m.col)));
    return p;
  };
  const movement = has("qty") || has("amount") || has("listAmount");
  const money = MONEY.find((f) => has(f));
  const ruledOut = new Map<SheetRole, Issue>();

  // A product master lists each model once, with prices: not customers, not quantities with line amounts.
  const modelCol = col("model") ?? col("productName");
  const customerCol = col("customer");
  if (has("customer") && movement) {
    ruledOut.set("products", { code: "import.reason.notProductsCustomer", params: { header: customerCol?.header ?? "" } });
  } else if (modelCol && movement && repeats(profile(modelCol))) {
    const p = profile(modelCol);
    ruledOut.set("products", { code: "import.reason.notProductsRepeats", params: { header: modelCol.header, rows: p.values, distinct: p.distinct } });
  } else if (has("qty") && (has("amount") || has("listAmount"))) {
    ruledOut.set("products", { code: "import.reason.notProductsAmounts", params: { header: (col("amount") ?? col("listAmount"))?.header ?? "" } });
  }

  // A customer master lists each party once, with attributes: not item lines, not dated money, not a repeating name column.
  const dateCol = col("date") ?? col("shipDate");
  if (movement && modelCol) {
    ruledOut.set("customers", { code: "import.reason.notCustomersLines", params: { header: modelCol.header } });
  } else if ((has("date") || has("shipDate")) && money) {
    ruledOut.set("customers", { code: "import.reason.notCustomersMovements", params: { date: dateCol?.header ?? "", amount: col(money)?.header ?? "" } });
  } else if (customerCol && (movement || money || has("orderNo") || has("ref") || has("date")) && repeats(profile(customerCol))) {
    const p = profile(customerCol);
    ruledOut.set("customers", { code: "import.reason.notCustomersRepeats", params: { header: customerCol.header, rows: p.values, distinct: p.distinct } });
  }

  // Only dated or counted money can be a purchase: a product list naming each model's 供应商 is still a product list.
  const purchase = movement || money !== undefined ? purchases(grid, band, dataStart, customerCol, fields, names, profile) : null;
  return { ruledOut, notSales: purchase ?? reconciliation(grid, band, names) };
}

/** Purchase documents: a seller column that varies (suppliers) while the buyer is one party (us) or absent. */
function purchases(grid: SheetGrid, band: readonly number[], dataStart: number, customerCol: ColumnChoice | undefined, fields: ReadonlySet<ImportField>, names: readonly string[], profile: (m: ColumnChoice) => ColumnProfile): Issue | null {
  const buyer = customerCol ? profile(customerCol) : null;
  // A buyer column naming many parties is a sales list (销项: we are the one seller), whatever else it holds.
  const buyerIsUs = buyer !== null && buyer.values >= 3 && buyer.only !== null;
  const noBuyer = !fields.has("customer");
  if (!buyerIsUs && !noBuyer) return null;
  for (const h of bandHeaders(grid, band)) {
    if (!SELLER_HEADER.test(h.text) || (customerCol && h.col === customerCol.col)) continue;
    const p = profileColumn(grid, dataStart, h.col);
    if (p.distinct < 2 && p.values >= 2) continue;
    if (buyerIsUs && customerCol) return { code: "import.reason.purchases", params: { seller: h.text, buyer: customerCol.header, value: buyer.only ?? "" } };
    return { code: "import.reason.purchasesNoBuyer", params: { seller: h.text } };
  }
  const named = names.find((n, i) => (i === 0 || normalizeText(n).length <= 20) && PURCHASE_NAME.test(n));
  if (named !== undefined) return { code: "import.reason.purchasesByName", params: { name: named } };
  return null;
}

/** A comparison of two sources (system vs ledger): by its name or title, or its result columns. */
function reconciliation(grid: SheetGrid, band: readonly number[], names: readonly string[]): Issue | null {
  const headers = bandHeaders(grid, band).map((h) => h.text);
  const result = headers.filter((t) => RECONCILIATION_HEADER.test(t));
  const differences = headers.filter((t) => DIFFERENCE_HEADER.test(t) && !RECONCILIATION_HEADER.test(t));
  // The sheet's name, or a short title line (a long one is a note: 请核对…).
  const named = names.find((n, i) => (i === 0 || normalizeText(n).length <= 20) && RECONCILIATION_NAME.test(n));
  const twoSources = headers.some((t) => SOURCE_A.test(t)) && headers.some((t) => SOURCE_B.test(t));
  if (named !== undefined || result.length >= 2 || (result.length + differences.length >= 1 && twoSources)) {
    const shown = [...result, ...differences];
    return { code: "import.reason.reconciliation", params: { headers: (shown.length > 0 ? shown : [named ?? ""]).slice(0, 4).join("、") } };
  }
  return null;
}

/** The fields each transaction role cannot do without, as `requirementsMet` asks them (alternatives grouped). */
const ESSENTIALS: Readonly<Record<"orders" | "payments" | "returns", readonly (readonly ImportField[])[]>> = {
  orders: [["customer"], ["date", "shipDate"], ["amount", "listAmount", "qty"]],
  payments: [["customer"], ["date"], ["amount"]],
  returns: [["customer"], ["date", "shipDate"], ["amount", "listAmount", "qty"]],
};

/**
 * The real reason a sheet is left unimported (it ends as `other`), or null when there is nothing more
 * specific to say than the fields an order sheet lacks: purchases or a reconciliation, a summary or
 * a cross-tab, or the transaction role it resembles and the essential columns it lacks.
 * @example whyOther(input, evidence, scores)?.code // "import.reason.incomplete"
 */
export function whyOther(input: RoleEvidenceInput, evidence: RoleEvidence, scores: Readonly<Record<SheetRole, number>>): Issue | null {
  if (evidence.notSales) return evidence.notSales;
  const { grid, band, fields, names } = input;
  const headers = bandHeaders(grid, band);
  const pivot = headers.filter((h) => PIVOT_HEADER.test(h.text.replace(/\s/g, "")));
  const totals = headers.filter((h) => TOTAL_HEADER.test(h.text));
  const summaryName = names.find((n) => SUMMARY_NAME.test(n));
  if (pivot.length > 0 || totals.length >= 2 || (summaryName !== undefined && !fields.has("date"))) {
    const shown = pivot.length > 0 ? pivot : totals.length > 0 ? totals : [];
    return { code: "import.reason.summarySheet", params: { headers: shown.length > 0 ? shown.slice(0, 4).map((h) => h.text).join("、") : (summaryName ?? "") } };
  }
  // A cross-tab: several columns of one quantity or amount (per city, per month), or period columns.
  // (Columns of one word with different heads: 北京销量 | 上海销量 | 广州销量, not 收入 | 订单金额 | 最终金额.)
  const bySynonym = new Map<string, string[]>();
  const periods: string[] = [];
  for (const h of headers) {
    if (PERIOD_HEADER.test(h.text.replace(/\s/g, ""))) periods.push(h.text);
    const m = matchHeader(h.text);
    if (m && m.how === "contains" && (m.field === "qty" || m.field === "amount" || m.field === "listAmount")) bySynonym.set(m.matched, [...(bySynonym.get(m.matched) ?? []), h.text]);
  }
  // …and they are most of the table: an ERP export's 订货数量 | 出货数量 | 未交数量 are a few columns of many.
  const spread = [...bySynonym.values()].find((list) => list.length >= 3 && list.length * 2 >= headers.length && new Set(list.map(headerKey)).size >= 3);
  if (periods.length >= 3 || spread) return { code: "import.reason.crossTab", params: { headers: (periods.length >= 3 ? periods : spread ?? []).slice(0, 4).join("、") } };
  // The transaction role it resembles most, and what it lacks (not a sheet that stock words or its name already mark as other).
  if (scores.other > 0) return null;
  const look = (["orders", "payments", "returns"] as const).filter((r) => scores[r] >= 3).sort((a, b) => scores[b] - scores[a])[0];
  if (look) {
    const groups = ESSENTIALS[look];
    const missing = groups.filter((g) => !g.some((f) => fields.has(f))).map((g) => g[0]!);
    const found = groups.length - missing.length;
    if (missing.length > 0 && found > 0) return { code: "import.reason.incomplete", params: { role: look, missing: missing.join(","), fields: input.mapping.map((m) => m.field).filter((f, i, all) => all.indexOf(f) === i).join(",") } };
  }
  return null;
}

/** Reason codes that say why a sheet was not imported (one of them is on every sheet that ends as `other`). */
export const NOT_IMPORTED_REASONS: ReadonlySet<string> = new Set([
  "import.reason.noHeader",
  "import.reason.notLedgerData",
  "import.reason.otherByEvidence",
  "import.reason.purchases",
  "import.reason.purchasesNoBuyer",
  "import.reason.purchasesByName",
  "import.reason.reconciliation",
  "import.reason.summarySheet",
  "import.reason.crossTab",
  "import.reason.incomplete",
]);

/**
 * Why a sheet was not imported, as detection found it: the reason a refusal shows per sheet. Null
 * when the sheet was taken for a ledger role.
 * @example whyNotImported(detection)?.code // "import.reason.purchases"
 */
export function whyNotImported(det: SheetDetection): Issue | null {
  if (det.role !== "other") return null;
  return det.reasons.find((r) => NOT_IMPORTED_REASONS.has(r.code)) ?? null;
}
