/** Messages of receivable journals, collection logs and bank statements (import) in en-US. Keys are issue codes. */
export const journals: Readonly<Record<string, string>> = {
  "import.field.direction": "direction (Dr/Cr)",
  "import.field.dateMonth": "month",
  "import.field.dateDay": "day",
  "import.field.dateYear": "year",
  "import.reason.dateFromMonthDay": "Dates are built from the columns \"{month}\" and \"{day}\" and the year (a year column, the period line or the title)",
  "import.skip.journalTitle": "A journal title line (the rows below belong to the customer / period it names): {value}",
  "import.journal.unknownDirection": "The opening line's direction \"{value}\" is not 借 (Dr), 贷 (Cr) or 平: it is unclear whether the customer owes us or we owe the customer",
  "import.warn.unknownDirection": "Direction \"{value}\" is not 借 (Dr), 贷 (Cr) or 平, so this row's balance was not checked; the debit and credit were imported as they are",
  "import.skip.bankCharge": "Bank interest or a bank fee, not a customer payment: {value}",
  "import.skip.duplicateReceipt": "The same receipt as sheet \"{sheet}\" row {row} (same customer and amount, dates {days} day(s) apart): counted once",
  "import.warn.receiptsMatched": "{count} receipt(s) in \"{log}\" and \"{bank}\" have the same customer and amount, dated at most {window} day(s) apart: the same money, counted once (as in \"{log}\"), the rows in \"{bank}\" skipped. For example: {examples}",
};
