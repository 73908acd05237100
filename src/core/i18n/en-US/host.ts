/** Messages of area `host` in en-US. Keys are issue codes; `{name}` is replaced by a param. */
export const host: Readonly<Record<string, string>> = {
  "sheet.userSheetExists": "Sheet \"{sheet}\" is your own sheet; the ledger add-in never replaces or edits it. Rename or delete it and try again.",
  "table.nameTaken": "The workbook already has a table or name called \"{table}\" (Formulas ▸ Name Manager), so the ledger table \"{table}\" cannot be created. Rename it and try again.",
  "host.cellEditMode": "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  "host.apiUnsupported": "This version of Excel does not support \"{feature}\" (needs ExcelApi {version}); it was skipped, everything else was written.",
  "host.tableNotFound": "Table \"{table}\" was not found.",
  "host.rowTooLarge": "Row {row} of \"{sheet}\" is larger than Excel can transfer at once (about {limit} bytes) and cannot be written.",
  "host.rowWidthMismatch": "Row {row} to append to table \"{table}\" has {got} columns; the table has {expected}.",
  "host.eventsUnavailable": "Could not watch the tables for changes ({detail}); auto-refresh is off, refresh by hand.",
  "host.featureRefused": "Excel refused \"{feature}\" ({detail}); it was skipped, everything else was written.",
  "host.mergesCapped": "Sheet \"{sheet}\" has too many merged cells (Excel returns at most 512 at a time); {count} were read (cap {cap}); the rest are treated as unmerged, so headers and groups may be recognised incompletely.",
  "host.formulaTextUnsafe": "\"{text}\" starts with = + - or @; this version of Excel (below ExcelApi 1.16) cannot be relied on to write it as text, so it may show as a formula or an error. Check that cell.",
};
