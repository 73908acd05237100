/**
 * What an order-status cell says, in the clerk's words (作废, 已发货, 部分发货, Cancelled …): one of
 * the ledger's statuses, a void line (imported as 已取消, left out of every report and balance), a
 * red-ink reversal (红冲: it offsets another line, so it counts as it stands), a closed line
 * (关闭/结案/完成: it stands), or text the import does not know (kept, said).
 */
import { normalizeText } from "../text";
import type { OrderStatus } from "../schemas/records";

/** How the import reads a status text. */
export type StatusReading =
  | { readonly kind: "status"; readonly status: OrderStatus }
  /** 作废 / 取消 / 撤销 / 删除 / void / cancelled: not a sale; imported as 已取消. */
  | { readonly kind: "void" }
  /** 红冲 / 冲销 / 红字: an offsetting entry; it and the line it reverses both count, as they stand. */
  | { readonly kind: "reversal" }
  /** 关闭 / 结案 / 完成 / closed: the line is finished and stands (counted as 已确认). */
  | { readonly kind: "closed" }
  | { readonly kind: "unknown" };

/** Negated words first (未取消 is not void, 未发货 is not shipped), then void, reversal, closed, statuses. */
const RULES: readonly (readonly [RegExp, StatusReading])[] = [
  [/(未|不|非|无需)(取消|作废|撤销|删除)|not\s*(cancel|void)/, { kind: "status", status: "已确认" }],
  [/红冲|冲红|红字|冲销|冲回|revers|creditnote|credit\s*note/, { kind: "reversal" }],
  [/作废|废弃|废单|取消|撤销|撤单|删除|已删|无效|void|cancel|delet|invalid|annul|rescind|withdrawn/, { kind: "void" }],
  [/关闭|结案|结单|完成|完结|^closed?$|complete|^done$|finished|fulfilled/, { kind: "closed" }],
  [/(未|待|没有?)(发货|发出|出库|出货|发运)|not\s*shipped|unshipped|awaiting\s*shipment|to\s*ship/, { kind: "status", status: "已确认" }],
  [/(未|待)签收|在途|运输中|in\s*transit/, { kind: "status", status: "已发货" }],
  [/签收|已收货|已送达|delivered|^received$/, { kind: "status", status: "已签收" }],
  [/发货|发出|出库|出货|发运|shipped|dispatched|shipping/, { kind: "status", status: "已发货" }],
  [/(未|待)(确认|审核|审批|审)|(确认|审核|审批)中|接单|新建|新单|草稿|^new\b|^open$|pending|draft|order\s*received|unconfirmed/, { kind: "status", status: "已接单" }],
  [/确认|审核|已审|审批|批准|有效|正常|confirmed|approved|audited|valid|^ok$|active/, { kind: "status", status: "已确认" }],
];

const UNKNOWN: StatusReading = { kind: "unknown" };
const cache = new Map<string, StatusReading>();

/**
 * Read a status text.
 * @example readStatus("已作废").kind // "void"
 * @example readStatus("部分发货") // { kind: "status", status: "已发货" }
 */
export function readStatus(text: string): StatusReading {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const s = normalizeText(text).toLowerCase().replace(/[\s_-]+/g, " ").trim();
  const compact = s.replace(/ /g, "");
  let out = UNKNOWN;
  for (const [re, reading] of RULES) {
    if (re.test(s) || re.test(compact)) {
      out = reading;
      break;
    }
  }
  if (cache.size < 1000) cache.set(text, out);
  return out;
}

/** A note that is nothing but a void word (备注「作废」): the clerk's mark that the line is void. */
const VOID_NOTE = /^(已?作废|已?取消|已?撤销|已?删除|废单|void(ed)?|cancell?ed|deleted)[。.!！]?$/i;

/** True when a notes cell says only that the line is void. */
export function isVoidNote(text: string): boolean {
  // Most notes are longer or hold none of these letters: no normalizing for them.
  if (text.length > 16 || !/[废消销删vVcCdD]/.test(text)) return false;
  return VOID_NOTE.test(normalizeText(text).replace(/\s/g, ""));
}
