/** Messages of area `values` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const values: Readonly<Record<string, string>> = {
  "money.empty": "Amount is empty",
  "money.notANumber": "Not an amount: {value}",
  "money.unsafe": "Amount too large to compute exactly: {value}",
  "rmb.empty": "Uppercase amount is empty",
  "rmb.invalid": "Not a valid uppercase RMB amount: {value}",
  "date.empty": "Date is empty",
  "date.unrecognized": "Not a date: {value}",
  "date.impossible": "No such date: {value}",
  "date.outOfRange": "Date out of range (years 1900–9999): {value}",
  "date.fictitious1900": "Excel serial {value} is the non-existent 1900-02-29",
  "date.needsYear": "Date has no year: {value}",
};
