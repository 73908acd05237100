/**
 * One targeted fix to ExcelJS 4: an in-workbook hyperlink (`#'Sheet'!A1`) is written with an
 * external relationship id, so Excel would look for a file. We write it the way Excel does: a
 * `location` attribute and no relationship id. Loaded for its side effect by the xlsx host only.
 */
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

export {};
