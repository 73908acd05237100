/**
 * Three targeted fixes to ExcelJS 4, loaded for their side effect by the xlsx host only:
 * - text is escaped without removing U+FFFE, U+FFFF or lone surrogates, so a workbook holding them
 *   does not parse: they become U+FFFD first (`xml-text.ts`, shared with the graft writer).
 * - an in-workbook hyperlink (`#'Sheet'!A1`) is written with an external relationship id, so Excel
 *   would look for a file. We write it the way Excel does: a `location` attribute and no relationship id.
 * - reading, a number or a formula's cached result in a date-formatted cell is turned into a Date
 *   whatever it is, so a text, error or boolean result, or a number past 9999-12-31 (Excel shows
 *   `#####`), became an Invalid Date. Only a number Excel can show as a date is one.
 */
import { xmlSafeText } from "./xml-text";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const HyperlinkXform = require("exceljs/lib/xlsx/xform/sheet/hyperlink-xform") as {
  prototype: { render(xml: { leafNode(tag: string, attrs: Record<string, unknown>): void }, model: Record<string, unknown>): void; __salesLedgerPatched?: boolean };
};

const INTERNAL = /^#?('([^']|'')+'|[^!'#]+)![$A-Za-z]+\$?\d+(:\$?[A-Za-z]+\$?\d+)?$/;

if (!HyperlinkXform.prototype.__salesLedgerPatched) {
  const original = HyperlinkXform.prototype.render;
  HyperlinkXform.prototype.render = function render(xml, model) {
    const target = typeof model.target === "string" ? model.target : "";
    if (INTERNAL.test(target)) {
      xml.leafNode("hyperlink", { ref: model.address, location: target.replace(/^#/, ""), tooltip: model.tooltip, display: undefined });
      return;
    }
    original.call(this, xml, model);
  };
  HyperlinkXform.prototype.__salesLedgerPatched = true;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const CellXform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as {
  prototype: { reconcile(model: { type: number; value?: unknown; result?: unknown }, options: unknown): void; __salesLedgerPatched?: boolean };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValueType } = require("exceljs/lib/doc/enums") as { ValueType: { Formula: number; Number: number } };

/** Serial of 9999-12-31, the last day Excel shows. */
const MAX_DATE_SERIAL = 2_958_465;
const notADate = (v: unknown): boolean => typeof v !== "number" || !(Math.abs(v) <= MAX_DATE_SERIAL);

if (!CellXform.prototype.__salesLedgerPatched) {
  const reconcile = CellXform.prototype.reconcile;
  CellXform.prototype.reconcile = function reconcileKeepingNonDates(model, options) {
    const keepResult = model.type === ValueType.Formula && model.result !== undefined && notADate(model.result) ? { v: model.result } : null;
    const keepValue = model.type === ValueType.Number && notADate(model.value) ? { v: model.value } : null;
    reconcile.call(this, model, options);
    if (keepResult) model.result = keepResult.v;
    if (keepValue) {
      model.type = ValueType.Number;
      model.value = keepValue.v;
    }
  };
  CellXform.prototype.__salesLedgerPatched = true;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const xmlUtils = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string; __salesLedgerPatched?: boolean };

if (!xmlUtils.__salesLedgerPatched) {
  const xmlEncode = xmlUtils.xmlEncode;
  xmlUtils.xmlEncode = (text: string): string => xmlEncode(xmlSafeText(text));
  xmlUtils.__salesLedgerPatched = true;
}

export {};
