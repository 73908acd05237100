/**
 * Bank statements (银行流水 / 网银交易明细) pasted into a workbook as a 回款 sheet: which payments
 * sheets are one, and which of their lines are the bank's own money (interest, fees) rather than a
 * customer's payment.
 */
import { normalizeText } from "../text";
import { headerKey } from "./synonyms";
import type { RawCell, SheetDetection, SheetGrid } from "./types";

/** A sheet named or titled as the bank's: 银行流水, 网银明细, 工行对账单, Bank statement. */
const BANK_SHEET = /银行|网银|[工农中建交招]行|bank/i;
/** Counterparty headers only a bank statement has (a clerk's log says 客户 / 付款单位). */
const COUNTERPARTY_HEADERS: ReadonlySet<string> = new Set(["对方户名", "对方户名称", "对方账户名称", "对方账户名", "对方单位", "对方名称"]);

/**
 * True when a payments sheet is a bank statement rather than the clerk's own collection log: it has
 * a 支出 column, a counterparty column (对方户名), or its name or title is the bank's.
 * @example isBankStatement(detectSheet(grid("银行流水", rows)), grid("银行流水", rows)) // true
 */
export function isBankStatement(det: SheetDetection, grid: SheetGrid): boolean {
  if (det.role !== "payments") return false;
  if (det.mapping.some((m) => m.field === "outflow" || (m.field === "customer" && COUNTERPARTY_HEADERS.has(headerKey(m.header))))) return true;
  if (BANK_SHEET.test(grid.name)) return true;
  const top = det.headerRow === null ? 0 : det.headerRow - grid.startRow;
  for (let r = 0; r < top; r++) for (const v of grid.values[r] ?? []) if (typeof v === "string" && BANK_SHEET.test(v) && /流水|明细|对账单|statement/i.test(v)) return true;
  return false;
}

/** Words of the bank's own money: interest paid in, fees charged or refunded. */
const CHARGE = /利息|结息|存息|息收入|手续费|服务费|工本费|年费|短信费|管理费|汇费|邮电费|interest|\bfees?\b|\bcharges?\b/i;
/** Words of a customer's payment: a line that says 货款 is a customer's money even if it mentions a fee. */
const PAYMENT = /货款|回款|销售|预付|预收|定金|订金|尾款|payment|invoice/i;
/** A counterparty that is a bank (or a credit union) itself. */
const BANK_NAME = /银行|信用社|信用合作|农商行|农信社|bank/i;

/**
 * The text that makes a bank-statement line the bank's own money — interest (利息, 结息), a fee
 * (手续费, 服务费, 工本费, 年费, 短信费), or a counterparty that is the bank — or null when the line
 * may be a customer's payment. `texts` are the line's words (摘要, 用途, 附言 …).
 * @example bankCharge(["结息"], "") // "结息"
 * @example bankCharge(["货款"], "中国工商银行长沙分行") // null
 */
export function bankCharge(texts: readonly RawCell[], counterparty: string | undefined): string | null {
  const words = texts.filter((v): v is string => typeof v === "string").map(normalizeText).filter((s) => s !== "");
  if (words.some((w) => PAYMENT.test(w))) return null;
  const charge = words.find((w) => CHARGE.test(w));
  if (charge !== undefined) return charge;
  if (counterparty !== undefined && BANK_NAME.test(counterparty)) return normalizeText(counterparty);
  return null;
}
