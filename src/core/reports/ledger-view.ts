/**
 * The part of the Ledger (src/core/ledger.ts) that reports and statements read, stated
 * structurally so this module depends on behaviour, not on the class: any `Ledger` fits.
 */
import type { Customer, OrderLine, Payment, Product, ReturnRecord } from "../schemas/records";
import { nameKey } from "../text";

/** A receivable movement: signed effect on what the customer owes, dated by ship date else order date. */
export interface LedgerMovement {
  readonly date: string;
  readonly kind: "sale" | "return" | "payment" | "allowance";
  readonly ref?: string;
  readonly model?: string;
  readonly qty?: number;
  readonly priceFen?: number;
  /** Signed effect on the receivable (sales positive; returns, payments, allowances negative). */
  readonly amountFen: number;
  readonly notes?: string;
}

/** What reports and statements need from a Ledger. */
export interface ReportLedger {
  readonly customers: readonly Customer[];
  /** Every order line (cancelled included), payment and returns-table record, in source order. */
  readonly orders: readonly OrderLine[];
  readonly payments: readonly Payment[];
  readonly returns: readonly ReturnRecord[];
  readonly products: readonly Product[];
  /** Every customer name the ledger knows: master names in master order, then names seen only in transactions. */
  customerNames(): readonly string[];
  findCustomer(name: string): Customer | null | undefined;
  findProduct(model: string): Product | null | undefined;
  /** Order lines with order date in [from, to], by date, cancelled lines excluded. */
  ordersBetween(from: string, to: string): readonly OrderLine[];
  /** Payments (and allowances) dated in [from, to], by date. */
  paymentsBetween(from: string, to: string): readonly Payment[];
  /** Returns-table records dated in [from, to]. */
  returnsBetween(from: string, to: string): readonly ReturnRecord[];
  /** Receivable movements of one customer dated in [from, to], in date order, cancelled excluded. */
  movements(customer: string, from?: string, to?: string): readonly LedgerMovement[];
  /** The opening balance and the date it stands at (none: it counts at every date). */
  openingOf(customer: string): { amountFen: number; date?: string };
  /** Receivable balance (opening + movements) at the end of `asOf`. */
  balance(customer: string, asOf: string): number;
}

/**
 * Dense indexes for customer or model names. Spellings are unified by `nameKey` (as the ledger
 * does); the printed name is the seeded (master) one, else the first spelling seen. Seeded names
 * sort first in seed order, the rest by name.
 */
export class NameIndex {
  private readonly byRaw = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  /** Printed names by index. */
  readonly names: string[] = [];
  /** How many names came from the seed. */
  readonly seeded: number;

  constructor(seed: readonly string[]) {
    for (const name of seed) this.of(name);
    this.seeded = this.names.length;
  }

  /** Index of a raw name (creating one for a name outside the seed). */
  of(raw: string): number {
    const hit = this.byRaw.get(raw);
    if (hit !== undefined) return hit;
    const key = nameKey(raw);
    let idx = this.byKey.get(key);
    if (idx === undefined) {
      idx = this.names.length;
      this.names.push(raw);
      this.byKey.set(key, idx);
    }
    this.byRaw.set(raw, idx);
    return idx;
  }

  /** Printed name of an index. */
  name(idx: number): string {
    return this.names[idx] ?? "";
  }
}

/** A customer index over a ledger, seeded with every customer it knows. */
export function customerIndex(ledger: ReportLedger): NameIndex {
  return new NameIndex(ledger.customerNames());
}

/** A model index over a ledger, seeded with the product master. */
export function modelIndex(ledger: ReportLedger): NameIndex {
  return new NameIndex(ledger.products.map((p) => p.model));
}
