/**
 * A form (送货单 / 发货单 / 出库单 / 销售单): key–value cells above its item table (收货单位：长沙华兴,
 * 日期：2025-03-05, 单号：XS-001 …) whose fields apply to every line of the table, and notes and
 * signatures below its last 合计 (制单、审核、收货人签字): skipped with a reason. Several forms stacked in
 * one sheet each have their own header block above their own (repeated) item header.
 */
import { normalizeText } from "../text";
import type { RawCell, SheetGrid } from "./types";

/** Fields a form's header block can give its lines. */
export type FormField = "customer" | "date" | "orderNo" | "warehouse" | "address" | "phone" | "contact";

/** One key–value pair of a header block: the value's cell (0-based sheet row and column), its key as written. */
export interface FormValue {
  readonly key: string;
  /** The value as text (normalized). */
  readonly text: string;
  /** The value cell's raw value (a date may be a serial), and its number format. */
  readonly value: RawCell;
  readonly format: string;
  readonly row: number;
  readonly col: number;
  /** 0-based sheet column of the key's cell (the value's own, or the cell before it). */
  readonly keyCol: number;
}

/** A form's header block: its fields and the rows it spans (0-based sheet rows, inclusive). */
export interface FormHeader {
  readonly fields: Readonly<Partial<Record<FormField, FormValue>>>;
  readonly firstRow: number;
  readonly lastRow: number;
}

/** What follows a form's item table inside its block: the footer after the last 合计, and where the next form's header block begins. */
export interface FormTrailer {
  /** 0-based sheet row of the last 合计 row. */
  readonly totalRow: number | null;
  /** First footer row (after the last 合计), or null when there is no footer. */
  readonly footerFrom: number | null;
  /** First row of the next form's header block (stacked forms), or null. */
  readonly nextFormFrom: number | null;
}

/** Keys (normalized, without spaces and the colon) of each field. */
const KEYS: Readonly<Record<FormField, readonly string[]>> = {
  customer: ["收货单位", "购货单位", "购买单位", "客户", "客户名称", "客户单位", "往来单位", "收货方", "购货方", "购方", "需方", "单位名称", "customer", "shipto", "billto", "consignee"],
  date: ["日期", "送货日期", "发货日期", "出库日期", "开单日期", "销售日期", "单据日期", "出货日期", "date"],
  orderNo: ["单号", "单据号", "单据编号", "送货单号", "发货单号", "出库单号", "销售单号", "出货单号", "订单号", "编号", "no", "no.", "№", "单号no", "no.单号"],
  warehouse: ["仓库", "发货仓库", "出库仓库", "仓库名称"],
  address: ["地址", "收货地址", "送货地址", "客户地址"],
  phone: ["电话", "联系电话", "手机", "tel", "电话/手机"],
  contact: ["联系人", "收货人", "经办人"],
};
const KEY_FIELD = new Map<string, FormField>(Object.entries(KEYS).flatMap(([f, keys]) => keys.map((k) => [k, f as FormField] as const)));
/** A signature or confirmation line (收货人签字、收货单位（盖章）), never a field of the lines. */
const SIGNATURE = /签字|签收|签名|签章|盖章|确认|审核|经手|制单人|开票人|sign/i;
/** The title of a form. */
export const FORM_TITLE = /送货单|发货单|出库单|销售单|销货单|提货单|出货单|销售清单|送货清单|delivery\s*(note|order)|packing\s*list/i;
/** A key cell: `收货单位：…` (the value may follow in the same cell). */
const KEY_IN_CELL = /([^\s:：]{1,12}?)\s*[:：]\s*/g;
/** A total line of a form (合计 / 总计 / 大写 …). */
const TOTAL = /^(本页|本单|本[日月年期]|总)?(合计|总计|共计|小计|累计)|(合计|总计|小计)[:：]?$|大写|^(sub)?total\b/i;

function keyOf(raw: string): string {
  return normalizeText(raw).replace(/[\s()（）]/g, "").toLowerCase();
}

function fieldOfKey(key: string): FormField | null {
  if (SIGNATURE.test(key)) return null;
  return KEY_FIELD.get(keyOf(key)) ?? null;
}

function textOf(v: RawCell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return normalizeText(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** The key–value pairs of local row `r` (key and value in one cell, or the value in the next filled cell). */
function rowPairs(grid: SheetGrid, r: number): { field: FormField | null; value: FormValue | null }[] {
  const row = grid.values[r] ?? [];
  const out: { field: FormField | null; value: FormValue | null }[] = [];
  const at = (c: number, keyCol: number, key: string, text: string, value: RawCell): FormValue => ({ key, text, value, format: grid.formats[r]?.[c] ?? "General", row: grid.startRow + r, col: grid.startCol + c, keyCol: grid.startCol + keyCol });
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== "string") continue;
    const s = normalizeText(v);
    const keys = [...s.matchAll(KEY_IN_CELL)];
    if (keys.length === 0) {
      // 客户 | 长沙华兴 without a colon: a known key alone in its cell, the value in the next.
      const f = fieldOfKey(s);
      const next = nextFilled(row, c);
      if (f !== null && next !== null && !isKeyCell(row[next])) {
        out.push({ field: f, value: at(next, c, s, textOf(row[next]), row[next] ?? null) });
        c = next;
      }
      continue;
    }
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const start = (k.index ?? 0) + k[0].length;
      const end = keys[i + 1]?.index ?? s.length;
      const inCell = s.slice(start, end).trim();
      const f = fieldOfKey(k[1] ?? "");
      if (inCell !== "") {
        out.push({ field: f, value: at(c, c, k[1] ?? "", inCell, inCell) });
        continue;
      }
      if (i < keys.length - 1) {
        out.push({ field: f, value: null });
        continue;
      }
      // The last key of the cell has its value in the next filled cell (adjacent or merged across).
      const next = nextFilled(row, c);
      if (next !== null && !isKeyCell(row[next])) {
        out.push({ field: f, value: at(next, c, k[1] ?? "", textOf(row[next]), row[next] ?? null) });
        c = next;
      } else out.push({ field: f, value: null });
    }
  }
  return out;
}

function nextFilled(row: readonly RawCell[], c: number): number | null {
  for (let j = c + 1; j < row.length; j++) if (textOf(row[j]) !== "") return j;
  return null;
}

function isKeyCell(v: RawCell | undefined): boolean {
  if (typeof v !== "string") return false;
  const s = normalizeText(v);
  return /^[^\s:：]{1,12}\s*[:：]/.test(s) || fieldOfKey(s) !== null;
}

/**
 * True when local row `r` is a key–value line (`收货单位：长沙华兴 | 日期：…`), not a header: it has a
 * `key：` cell, and most of its cells that name a known key carry the colon.
 */
export function isKeyValueRow(grid: SheetGrid, r: number): boolean {
  const row = grid.values[r] ?? [];
  let colon = 0;
  let bare = 0;
  for (const v of row) {
    if (typeof v !== "string") continue;
    const s = normalizeText(v);
    if (/^[^\s:：]{1,12}\s*[:：]/.test(s)) colon++;
    else if (fieldOfKey(s) !== null) bare++;
  }
  return colon > 0 && colon >= bare;
}

/**
 * The header block of a form in local rows `from..to` (inclusive): its fields (the first value of
 * each), or null when those rows hold no key–value pair of a known field.
 */
export function readFormHeader(grid: SheetGrid, from: number, to: number): FormHeader | null {
  const fields: Partial<Record<FormField, FormValue>> = {};
  let first = -1;
  let last = -1;
  for (let r = Math.max(0, from); r <= to; r++) {
    for (const p of rowPairs(grid, r)) {
      if (p.field === null || p.value === null || p.value.text === "" || fields[p.field] !== undefined) continue;
      fields[p.field] = p.value;
      if (first < 0) first = r;
      last = r;
    }
  }
  if (first < 0) return null;
  return { fields, firstRow: grid.startRow + first, lastRow: grid.startRow + last };
}

function isTotalRow(grid: SheetGrid, r: number): boolean {
  return (grid.values[r] ?? []).some((v) => typeof v === "string" && TOTAL.test(normalizeText(v).replace(/\s/g, "")));
}

/** True when local row `r` starts a new form: its title (送货单) or a customer / number key with a value. */
function startsForm(grid: SheetGrid, r: number): boolean {
  const row = grid.values[r] ?? [];
  if (row.some((v) => typeof v === "string" && normalizeText(v).length <= 24 && FORM_TITLE.test(normalizeText(v)))) return true;
  return rowPairs(grid, r).some((p) => (p.field === "customer" || p.field === "orderNo") && p.value !== null && p.value.text !== "");
}

/**
 * For a block whose item header is local row `header` and which ends at local row `end` (inclusive;
 * the next block's header starts after it when `nextHeader` is given): its last 合计, the footer after
 * it and where the next form's header block begins.
 */
export function formTrailer(grid: SheetGrid, header: number, end: number, nextHeader: number | null): FormTrailer {
  let total = -1;
  for (let r = end; r > header; r--) {
    if (isTotalRow(grid, r)) {
      total = r;
      break;
    }
  }
  let next = -1;
  if (nextHeader !== null) for (let r = (total >= 0 ? total : header) + 1; r < nextHeader && next < 0; r++) if (startsForm(grid, r)) next = r;
  const footerEnd = next >= 0 ? next - 1 : end;
  const footerFrom = total >= 0 && total + 1 <= footerEnd ? total + 1 : null;
  return { totalRow: total >= 0 ? grid.startRow + total : null, footerFrom: footerFrom === null ? null : grid.startRow + footerFrom, nextFormFrom: next >= 0 ? grid.startRow + next : null };
}

/** True when the sheet's title rows (local rows before `header`) name a form (送货单 …). */
export function titledAsForm(grid: SheetGrid, header: number): boolean {
  for (let r = 0; r < header; r++) for (const v of grid.values[r] ?? []) if (typeof v === "string" && normalizeText(v).length <= 30 && FORM_TITLE.test(normalizeText(v))) return true;
  return FORM_TITLE.test(grid.name);
}

/** How a row of a form's block is skipped: in the footer after the last 合计, or in the next form's header block; null for any other row. */
export function formRowPlace(block: { readonly trailer?: FormTrailer }, row: number, hasFigures: () => boolean): "footer" | "nextForm" | null {
  const t = block.trailer;
  if (!t) return null;
  if (t.nextFormFrom !== null && row >= t.nextFormFrom) return "nextForm";
  // A row with a quantity or an amount after the 合计 is a line (a ledger titled 出库单汇总), read as one.
  if (t.footerFrom !== null && row >= t.footerFrom && !hasFigures()) return "footer";
  return null;
}

/**
 * True when a header block is a form's, not a title line: the sheet is titled as a form (送货单), or
 * the block gives a number, warehouse, address, phone or contact, or a value stands in its own cell
 * (`收货单位：` | `长沙华兴`). A lone `客户：长沙华兴` line is a title, read by the title rules.
 */
export function isFormHeader(form: FormHeader, titled: boolean): boolean {
  if (titled) return true;
  const values = Object.entries(form.fields) as [FormField, FormValue][];
  return values.some(([f, v]) => (f !== "customer" && f !== "date") || v.col !== v.keyCol);
}
