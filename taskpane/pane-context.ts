/** Shared state of the pane's screens: services, the UI text function, the loaded ledger. */
import { createContext, useContext } from "react";
import type { Ledger } from "../src/core/ledger";
import type { Issue } from "../src/core/result";
import type { Locale } from "../src/core/i18n";
import type { PaneServices } from "./services";
import type { UiKey } from "./i18n";

/** The ledger as the pane knows it. `converted` is true when the ledger tables exist in the workbook. */
export type LedgerState =
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown }
  | {
      readonly status: "ready";
      readonly ledger: Ledger;
      readonly converted: boolean;
      readonly issues: readonly Issue[];
      readonly tables: readonly string[];
      readonly refreshing?: boolean;
    };

/** What every screen gets. */
export interface PaneContextValue {
  readonly services: PaneServices;
  readonly locale: Locale;
  readonly ui: (key: UiKey, params?: Readonly<Record<string, string | number>>) => string;
  readonly ledger: LedgerState;
  /** Re-reads the ledger from the workbook (after a write). */
  readonly reload: () => Promise<void>;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

/** The pane context; throws when used outside <App> (a bug). */
export function usePane(): PaneContextValue {
  const v = useContext(PaneContext);
  if (!v) throw new Error("usePane outside <App>");
  return v;
}
