/** Messages of area `functions` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const functions: Readonly<Record<string, string>> = {
  // Worksheet functions (LEDGER.*): shown in the cell's error tooltip (#N/A / #VALUE!).
  "functions.customerRequired": "Enter a customer name",
  "functions.unknownCustomer": "Customer not found: {customer}",
  "functions.unknownModel": "Model not found: {model}",
  "functions.badModel": "Model not recognized: {value}",
  "functions.orderNoRequired": "Enter an order number",
  "functions.unknownOrder": "Order not found: {orderNo}",
  "functions.noOrders": "Customer \"{customer}\" has no orders yet",
  "functions.noSales": "No sales in the period",
  "functions.missingTable": "Ledger table \"{sheet}\" ({table}) is missing: convert the workbook first in the task pane (Ledger setup)",
  "functions.loadFailed": "Could not read the ledger: {message}",
  "functions.loadTimeout": "Reading the ledger is taking long; the result updates when it is done",
  "functions.notReady": "The ledger add-in has not started yet, please wait",
  "functions.badDate": "Date not recognized: {value}",
  "functions.badPeriod": "Start date {from} is after end date {to}",
  "functions.badBucket": "Invalid aging bucket: {value} (use current, 1-30, 31-60, 61-90, 91-120, 120+ or total)",
  "functions.badAmount": "Amount not recognized: {value}",
  "functions.badTopN": "The count must be a whole number from 1 to {max}: {value}",
  // Ribbon buttons (daily / monthly / annual report, statements).
  "functions.command.done": "Created: {sheets}",
  "functions.command.nothing": "Nothing to create: {reason}",
  "functions.command.failed": "Failed: {message}",
  "functions.command.busy": "The previous action is still running, please wait",
  "functions.command.title": "Sales ledger",
};
