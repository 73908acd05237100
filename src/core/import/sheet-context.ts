/**
 * What a sheet's surroundings say about it: whether its name is a customer (a small trader's 账本
 * keeps one sheet per customer, with no customer column), judged on the name itself and on the
 * workbook's other sheets (several sheets with the same columns, differing only by a name).
 */
import type { Issue } from "../result";
import { normalizeText } from "../text";
import { headerKey, matchHeader } from "./synonyms";
import type { ColumnChoice, RawCell, SheetGrid } from "./types";

/** Rows searched for a header when comparing sheets' columns (as detection does). */
const SCAN_ROWS = 30;

/** Names of a period, a kind of record or a default name: never a customer (1月, Sheet1, 汇总, 明细, 2025 …). */
const NOT_A_PARTY =
  /^(sheet|工作表|表|页)\s*\d*$|^[\d\s.\-_/年月日号季度周期]+$|^(19|20)\d\d|[一二三四五六七八九十]+月|^\d+\s*月|季度|^q[1-4]$|上半年|下半年|全年|年度|月份|汇总|合计|总表|总账|明细|台账|流水|日记账|目录|首页|封面|说明|模板|参数|设置|统计|报表|数据|清单|档案|列表|记录|日报|周报|月报|年报|对账|应收|应付|回款|收款|付款|销售|采购|进货|出货|发货|送货|出库|入库|库存|订单|产品|商品|价格|价目|客户|供应商|往来|费用|工资|备注|草稿|副本|^(copy|sum|total|data|sales|orders?|report|summary|list|template|index|customers?|products?|payments?|receipts?|invoices?|returns?)\b/i;

/** A firm's name ending (or word) that makes a sheet name a party on its own (长沙华兴商贸, 湘潭电机厂). */
const PARTY_WORD = /公司|集团|厂$|店$|商行|经营部|门市|商贸|贸易|实业|科技|医院|学校|工程|酒店|超市|(?<!销售|采购|财务)部$/;

/** Names that may as well be a region or a product line (华东, 湖南, 电机, 配件): the clerk is asked. */
const REGION_OR_LINE = /^(华[东南西北中]|东北|西南|西北|中南)(区|片|片区|大区)?$|^.{1,4}(省|市|区|县|片区|大区|地区)$|^(湖南|湖北|广东|广西|江苏|浙江|山东|山西|河南|河北|四川|云南|贵州|江西|福建|安徽|陕西|甘肃|辽宁|吉林|黑龙江|北京|上海|天津|重庆|海南|新疆|西藏|宁夏|青海|内蒙古?)$|配件|耗材|材料|系列|类$|型$|款$|线$/;

/** A short name ending in a kind of goods (电机, 水泵, 阀门, 钢材, 灯具): a product line as likely as a customer. */
const GOODS_ENDING = /^.{1,2}(机|泵|阀|阀门|管|线|缆|件|材|料|剂|油|漆|布|纸|板|灯|灯具|器|柜|箱|车|表|瓷|砖|门|窗|具|品)$/;

/** What the sheet name says about the customer: a party, maybe one (ask), or not one. */
export type SheetNameKind = "party" | "maybe" | "notParty";

/**
 * Judge a sheet name alone.
 * @example sheetNameKind("湘潭电机厂") // "party"
 * @example sheetNameKind("1月") // "notParty"
 * @example sheetNameKind("华东") // "maybe"
 */
export function sheetNameKind(name: string): SheetNameKind {
  const s = normalizeText(name).replace(/\s/g, "");
  if (s.length < 2 || s.length > 40 || !/[\p{Script=Han}A-Za-z]/u.test(s)) return "notParty";
  if (NOT_A_PARTY.test(s)) return "notParty";
  if (PARTY_WORD.test(s) && !REGION_OR_LINE.test(s)) return "party";
  return "maybe";
}

/** Header words of a sheet's header row (the first row naming two known fields), sorted: its column signature. */
export function columnSignature(grid: SheetGrid): string | null {
  const n = Math.min(SCAN_ROWS, grid.values.length);
  for (let r = 0; r < n; r++) {
    const fields = new Set<string>();
    for (const v of grid.values[r] ?? []) {
      if (typeof v !== "string") continue;
      const text = normalizeText(v);
      // A form's 收货单位：… line is no header.
      if (text === "" || /[:：]/.test(text)) continue;
      const m = matchHeader(text);
      if (m) fields.add(m.field);
    }
    if (fields.size >= 3) return [...fields].sort().join(",");
  }
  return null;
}

/** The workbook around one sheet, as detection needs it. */
export interface SheetContext {
  /** Other sheets whose header row has the same fields as this one's (same signature), by name. */
  readonly sameColumns: readonly string[];
}

/**
 * For every sheet, the other sheets with the same columns (by header fields).
 * @example workbookContext(grids).get("长沙华兴")?.sameColumns // ["湘潭电机厂", "株洲联诚"]
 */
export function workbookContext(grids: readonly SheetGrid[]): Map<string, SheetContext> {
  const bySignature = new Map<string, string[]>();
  const signatures = new Map<string, string | null>();
  for (const g of grids) {
    const sig = columnSignature(g);
    signatures.set(g.name, sig);
    if (sig !== null) bySignature.set(sig, [...(bySignature.get(sig) ?? []), g.name]);
  }
  const out = new Map<string, SheetContext>();
  for (const g of grids) {
    const sig = signatures.get(g.name) ?? null;
    out.set(g.name, { sameColumns: sig === null ? [] : (bySignature.get(sig) ?? []).filter((x) => x !== g.name) });
  }
  return out;
}

/** What the sheet name gives as the customer: taken (with the reason), or to be asked about. */
export type SheetNameCustomer = { readonly take: true; readonly customer: string; readonly reason: Issue } | { readonly take: false; readonly customer: string; readonly reason: Issue };

/**
 * The sheet's customer from its name, for a table with no customer column and a title that names
 * none: taken when the name is a firm's (湘潭电机厂) or when other sheets with the same columns are
 * all named like parties (one sheet per customer); to be asked about when the name could as well be a
 * region or a product line, or stands alone; null when it is a period or a kind of record (1月, 汇总).
 */
export function sheetNameCustomer(name: string, context: SheetContext | undefined, products: readonly string[] = []): SheetNameCustomer | null {
  const kind = sheetNameKind(name);
  if (kind === "notParty") return null;
  const customer = normalizeText(name);
  const compact = customer.replace(/\s/g, "");
  // A sheet named 电机 whose products are Y2-132电机 is a product line, however firm-like its siblings.
  const namesProducts = products.some((p) => normalizeText(p).includes(compact));
  if (kind === "party" && !namesProducts) return { take: true, customer, reason: { code: "import.reason.customerFromSheetName", params: { customer } } };
  const siblings = (context?.sameColumns ?? []).filter((s) => sheetNameKind(s) !== "notParty");
  // Sheets named 华东 / 华南 or 电机 / 水泵 side by side are regions or product lines as likely as customers.
  const lineLike = [name, ...siblings].filter((s) => {
    const k = normalizeText(s).replace(/\s/g, "");
    return REGION_OR_LINE.test(k) || (sheetNameKind(s) === "maybe" && GOODS_ENDING.test(k));
  }).length;
  if (siblings.length >= 1 && lineLike === 0 && !namesProducts) {
    return { take: true, customer, reason: { code: "import.reason.customerFromSheetNames", params: { customer, count: siblings.length + 1, sheets: [name, ...siblings].slice(0, 5).join("、") } } };
  }
  return { take: false, customer, reason: { code: "import.uncertain.sheetNameCustomer", params: { sheet: customer }, severity: "warning" } };
}

/** Headers of money received in a customer's own 账本 (keys as `headerKey` gives them). */
const RECEIPT_HEADERS: ReadonlySet<string> = new Set(["收款", "收款金额", "回款", "回款金额", "实收", "实收金额", "已收", "已收款", "到账金额", "收到货款", "付款", "客户付款", "来款"]);

/**
 * A customer's own 账本 (no customer column) with a 收款 column beside 金额: sales and receipts are
 * separate rows (a receipt row has 收款 and no 金额), so the sheet reads as a journal — 金额 the sale
 * (debit), 收款 the money received (credit), 余额 checked row by row. Null when the sheet is not one.
 */
export function receiptsColumn(grid: SheetGrid, headerRow: number, mapping: readonly ColumnChoice[]): { readonly sale: ColumnChoice; readonly paid: { readonly col: number; readonly header: string } } | null {
  if (mapping.some((m) => m.field === "customer" || m.field === "debit" || m.field === "credit")) return null;
  const sale = mapping.find((m) => m.field === "amount");
  if (!sale) return null;
  const row = grid.values[headerRow] ?? [];
  let paid: { col: number; header: string } | null = null;
  for (let c = 0; c < row.length && paid === null; c++) {
    const v = row[c];
    if (typeof v !== "string" || grid.startCol + c === sale.col) continue;
    if (RECEIPT_HEADERS.has(headerKey(v)) && !mapping.some((m) => m.col === grid.startCol + c && m.field !== "amount")) paid = { col: grid.startCol + c, header: normalizeText(v) };
  }
  if (paid === null) return null;
  // Receipts on rows of their own: the 收款 cell filled where 金额 is empty.
  const sc = sale.col - grid.startCol;
  const pc = paid.col - grid.startCol;
  const filled = (v: RawCell | undefined): boolean => v !== null && v !== undefined && !(typeof v === "string" && normalizeText(v) === "");
  let receiptRows = 0;
  for (let r = headerRow + 1; r < grid.values.length && r < headerRow + 2000; r++) {
    const cells = grid.values[r] ?? [];
    if (filled(cells[pc]) && !filled(cells[sc])) receiptRows++;
  }
  return receiptRows > 0 ? { sale, paid } : null;
}
