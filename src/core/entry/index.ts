/** Entry forms: drafts as typed → validated records, with the shipping and approval rules. */
export { ALL_BOOKED, OVERRIDABLE_RULES, clean, readDiscount, readNumber, withApproval, type DraftValue, type Entered, type EntryContext } from "./common";
export { nextOrderNo } from "./order-no";
export { validateOrderDraft, type OrderDraft, type OrderEntered } from "./order";
export { validatePaymentDraft, type PaymentDraft } from "./payment";
export { validateReturnDraft, type ReturnDraft } from "./return";
export { validateConfirmationDraft, type ConfirmationDraft } from "./confirmation";
