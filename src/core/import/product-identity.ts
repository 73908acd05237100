/**
 * Columns that identify a product besides the chosen model column: an ERP export often has both a
 * 规格 and a part number (料件编号, 料号, Part No.), and a line whose 规格 is blank or `无` is still
 * a known product by its part number. The rows stage uses them, in column order, before the product
 * name and before a placeholder.
 */
import { matchHeader } from "./synonyms";

/** Header words of part-number / item-code columns the synonyms do not give a field (料件编号, 图号). */
const PRODUCT_CODE_HEADER = /料件|料号|品号|件号|物料|零件|部件|图号|货号|款号|存货|part\s*(no|number|#)?|\bsku\b|item\s*(no|code|number|#)/i;
/** Headers that name something else even though they hold 编号 / 代码 (客户编码, 单据编号). */
const OTHER_CODE_HEADER = /客户|单据|订单|合同|发票|凭证|仓库|库位|批号|批次|customer|order|invoice|lot|batch/i;

/** An identifying column: its 0-based sheet column and header as found. */
export interface ProductIdColumn {
  readonly col: number;
  readonly header: string;
}

/**
 * The unmapped columns whose header says they identify a product, in column order.
 * @example productIdColumns([[0, "规格"], [1, "料件编号"]], new Set([0])) // [{ col: 1, header: "料件编号" }]
 */
export function productIdColumns(headers: readonly (readonly [number, string])[], mapped: ReadonlySet<number>): ProductIdColumn[] {
  const out: ProductIdColumn[] = [];
  for (const [col, header] of headers) {
    if (mapped.has(col) || header === "" || OTHER_CODE_HEADER.test(header)) continue;
    const field = matchHeader(header)?.field;
    if (field === "model" || field === "productName" || PRODUCT_CODE_HEADER.test(header.normalize("NFKC"))) out.push({ col, header });
  }
  return out;
}
