/**
 * The ledger's records, schema first. These are the *validated* shapes: money already in integer
 * fen, dates already civil `YYYY-MM-DD`, names tidied as the clerk spelled them (`displayText`; matched by `nameKey`). Turning a clerk's cell into these
 * values is the importer's job (with `money`, `dates`, `text`).
 */
import { z } from "zod";

/** Civil date `YYYY-MM-DD` that exists on the calendar. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "date.format" })
  .refine(isRealDate, { message: "date.impossible" });

function isRealDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/** Integer fen within Number.MAX_SAFE_INTEGER. */
export const Fen = z.number().int().refine(Number.isSafeInteger, { message: "money.unsafe" });

/** Longest customer name or model a record holds (titles and statements embed it; Excel cells end at 32,767). */
export const NAME_MAX_LENGTH = 255;

/** Non-empty, tidied text (as spelled; compare with `nameKey`), at most `NAME_MAX_LENGTH` characters. */
export const Name = z.string().min(1).max(NAME_MAX_LENGTH);

/** Where a record came from in the clerk's workbook (for links back and for reports). */
export const SourceRef = z.object({ sheet: z.string(), row: z.number().int().positive() });
export type SourceRef = z.infer<typeof SourceRef>;

export const PaymentTerms = z.enum(["月结", "款到发货", "现结"]);
export type PaymentTerms = z.infer<typeof PaymentTerms>;

export const OrderStatus = z.enum(["已接单", "已确认", "已发货", "已签收", "已取消"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const ConfirmationStatus = z.enum(["已发送", "已确认", "有异议"]);
export type ConfirmationStatus = z.infer<typeof ConfirmationStatus>;

/** 客户 */
export const Customer = z.object({
  name: Name,
  code: z.string().optional(),
  region: z.string().optional(),
  warehouse: z.string().optional(),
  terms: PaymentTerms.optional(),
  creditLimitFen: Fen.nonnegative().optional(),
  /** Days after ship date the money is due (aging). */
  paymentDays: z.number().int().nonnegative().optional(),
  contact: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  class: z.string().optional(),
  /** 期初应收 */
  openingBalanceFen: Fen.default(0),
  /** The day the opening balance stands at (balances count movements after it). */
  openingDate: IsoDate.optional(),
  /** True when the customer was not in a master sheet but derived from transactions. */
  derived: z.boolean().default(false),
});
export type Customer = z.infer<typeof Customer>;

/** 产品 */
export const Product = z.object({
  model: Name,
  series: z.string().optional(),
  name: z.string().optional(),
  unit: z.string().optional(),
  priceFen: Fen.nonnegative().optional(),
  needsApproval: z.boolean().default(false),
  derived: z.boolean().default(false),
});
export type Product = z.infer<typeof Product>;

/** 订单 — one row per line. A negative quantity/amount is a return. */
export const OrderLine = z.object({
  orderNo: z.string().optional(),
  date: IsoDate,
  customer: Name,
  model: Name,
  qty: z.number().finite(),
  priceFen: Fen.optional(),
  /** Rate paid after discount, 0 < d ≤ 1 (0.9 = 九折). Absent means none. */
  discount: z.number().positive().max(1).optional(),
  /** Signed line amount in fen (negative for returns). */
  amountFen: Fen,
  warehouse: z.string().optional(),
  region: z.string().optional(),
  status: OrderStatus.default("已确认"),
  carrier: z.string().optional(),
  trackingNo: z.string().optional(),
  shipDate: IsoDate.optional(),
  notes: z.string().optional(),
  source: SourceRef.optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** 回款 — money received, or an allowance (折让) that reduces the receivable the same way. */
export const Payment = z.object({
  date: IsoDate,
  customer: Name,
  amountFen: Fen,
  method: z.string().optional(),
  /** Warehouse or bank account it came in through (the daily report groups by it). */
  account: z.string().optional(),
  ref: z.string().optional(),
  notes: z.string().optional(),
  /** 折让: a price allowance, not cash. */
  allowance: z.boolean().default(false),
  source: SourceRef.optional(),
});
export type Payment = z.infer<typeof Payment>;

/** 退货 — a return recorded on its own (credit to the customer, positive amount). */
export const ReturnRecord = z.object({
  date: IsoDate,
  customer: Name,
  orderNo: z.string().optional(),
  model: z.string().optional(),
  qty: z.number().finite().optional(),
  /** Credited amount, positive fen. */
  amountFen: Fen,
  reason: z.string().optional(),
  resolution: z.string().optional(),
  source: SourceRef.optional(),
});
export type ReturnRecord = z.infer<typeof ReturnRecord>;

/** 对账 — a statement sent, confirmed (with the balance) or disputed (with the difference). */
export const Confirmation = z.object({
  customer: Name,
  asOf: IsoDate,
  balanceFen: Fen,
  status: ConfirmationStatus,
  date: IsoDate.optional(),
  /** For 有异议: customer's figure minus ours. */
  differenceFen: Fen.optional(),
  notes: z.string().optional(),
});
export type Confirmation = z.infer<typeof Confirmation>;

/** Everything a Ledger is built from. */
export interface LedgerInput {
  readonly customers: readonly Customer[];
  readonly products: readonly Product[];
  readonly orders: readonly OrderLine[];
  readonly payments: readonly Payment[];
  readonly returns: readonly ReturnRecord[];
  readonly confirmations: readonly Confirmation[];
}
