/**
 * Header vocabulary: which header texts mean which field, in Chinese and English. Headers are
 * compared by `headerKey` (NFKC, lower case, units/brackets/spaces/punctuation removed), so
 * `金额（元）`, `金 额`, `Amount (¥)` and `AMOUNT` are one key.
 */
import type { ImportField } from "./types";

/**
 * The comparable form of a header: NFKC, lower-cased, bracketed parts (units) removed, a `/unit`
 * tail removed, spaces and punctuation removed.
 * @example headerKey("金额（元）") // "金额"
 * @example headerKey("Customer Name") // "customername"
 * @example headerKey("数量(㎡)") // "数量"
 */
export function headerKey(raw: string): string {
  let s = raw.normalize("NFKC").toLowerCase();
  s = s.replace(/[\u200B-\u200D\u2060\uFEFF]/g, "");
  // Bracketed parts are units or notes: 金额(元), 数量[件], 单价【含税】.
  s = s.replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>/g, "");
  // A trailing "/元", "/件" or "(unit" left open.
  s = s.replace(/\/[^/]{0,3}$/, "").replace(/[([【].*$/, "");
  s = s.replace(/[\s\u3000_.:：*#№'"“”‘’,，、;；?？!！-]/g, "");
  // A trailing unit word that is not part of the name: 金额元, 单价元.
  s = s.replace(/(?<=(金额|单价|价格|售价|价|额|合计))(元|万元|rmb|cny|¥|￥)$/, "");
  return s;
}

/** Synonyms per field, already in `headerKey` form. Longer, more specific ones win over short ones. */
export const FIELD_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  date: ["订单日期", "下单日期", "销售日期", "开单日期", "单据日期", "业务日期", "交易日期", "成交日期", "日期", "制单日期", "购药时间", "购买日期", "购买时间", "销售时间", "交易时间", "下单时间", "时间", "开票日期", "收款日期", "回款日期", "到账日期", "付款日期", "退货日期", "退回日期", "记账日期", "date", "orderdate", "saledate", "salesdate", "invoicedate", "transactiondate", "paymentdate", "receiptdate", "returndate", "day"],
  shipDate: ["发货日期", "出库日期", "发货时间", "出货日期", "发运日期", "送货日期", "交货日期", "交期", "交货期", "shipdate", "deliverydate", "shippingdate", "dispatchdate", "shipped"],
  customer: ["客户名称", "客户全称", "客户", "客户名", "客户单位", "购货单位", "购货单位名称", "交易对象名称", "交易对象简称", "交易对象", "单位名称", "购买单位", "购买方", "购方", "购方名称", "收货单位", "付款单位", "付款方", "付款人", "交款单位", "汇款单位", "汇款人", "对方户名", "对方户名称", "对方单位", "对方名称", "对方账户名称", "对方账户名", "经销商", "经销商名称", "代理商", "买方", "客商", "往来单位", "买家公司名称", "买家名称", "社保卡号", "会员卡号", "会员", "customer", "customername", "client", "clientname", "buyer", "soldto", "billto", "payer"],
  model: ["型号", "规格型号", "产品型号", "商品型号", "型号规格", "商品编码", "商品编号", "产品编码", "产品编号", "产品代码", "商品代码", "物料编码", "物料编号", "物料代码", "存货编码", "存货代码", "货号", "款号", "品号", "编码", "车型编码", "规格", "model", "modelno", "itemcode", "itemno", "productcode", "productno", "partno", "partnumber", "sku"],
  productName: ["品名", "商品名称", "产品名称", "货品名称", "物料名称", "存货名称", "商品名", "产品名", "名称", "产品", "商品", "货品", "车型", "品名规格", "product", "productname", "item", "itemname", "description", "goods"],
  series: ["系列", "产品系列", "大类", "类别", "产品类别", "商品类别", "产品分类", "商品分类", "品类", "车型大类", "series", "category", "productline"],
  unit: ["单位", "计量单位", "unit", "uom"],
  qty: ["数量", "销售数量", "订货数量", "订购数量", "发货数量", "出库数量", "出货数量", "退货数量", "件数", "台数", "箱数", "数目", "销量", "qty", "quantity", "pcs", "units"],
  price: ["单价", "售价", "销售单价", "含税单价", "价格", "批发价", "出厂价", "指导价", "零售价", "报价", "成交价", "成交单价", "结算价", "price", "unitprice", "saleprice", "rate"],
  discount: ["折扣", "折扣率", "折率", "扣率", "折", "discount", "discountrate"],
  // 价税合计 / 含税金额 first: beside them, a plain 金额 column is the amount before tax (发票 layout).
  amount: ["价税合计", "含税金额", "金额", "销售金额", "实收金额", "销售额", "合计金额", "总金额", "总价", "总额", "货款", "货款金额", "成交金额", "订单金额", "发货金额", "回款金额", "收款金额", "到账金额", "付款金额", "实收", "实收款", "收款", "回款", "收入金额", "收入", "来账金额", "入账金额", "退货金额", "退款金额", "amount", "totalamount", "lineamount", "salesamount", "linetotal", "total", "sales", "revenue", "paid", "amountreceived"],
  listAmount: ["应收金额", "应收", "原价金额", "折前金额", "标准金额", "应收款", "listamount", "grossamount"],
  orderNo: ["订单号", "单号", "订单编号", "单据号", "单据编号", "出库单号", "销售单号", "发货单号", "送货单号", "合同号", "合同编号", "订单", "票号", "发票号", "orderno", "ordernumber", "order", "orderid", "invoiceno", "invoicenumber", "sono", "docno"],
  warehouse: ["仓库", "发货仓库", "发货仓", "库房", "仓", "库别", "出库仓库", "warehouse", "wh"],
  region: ["区域", "地区", "片区", "大区", "省份", "销售区域", "所属区域", "region", "area", "territory"],
  status: ["状态", "订单状态", "发货状态", "status", "orderstatus"],
  carrier: ["承运商", "物流公司", "快递公司", "物流", "快递", "承运人", "货运公司", "carrier", "courier", "logistics"],
  trackingNo: ["运单号", "快递单号", "物流单号", "货运单号", "trackingno", "trackingnumber", "waybill", "waybillno"],
  notes: ["备注", "说明", "附注", "摘要", "remark", "remarks", "notes", "note", "memo", "comment", "comments"],
  method: ["方式", "付款方式", "收款方式", "回款方式", "支付方式", "结算方式", "method", "paymentmethod", "paymenttype"],
  account: ["账户", "收款账户", "收款账号", "银行", "收款银行", "到账银行", "account", "bank", "bankaccount"],
  ref: ["凭证号", "凭证", "流水号", "票据号", "交易流水号", "回单号", "银行流水号", "reference", "ref", "voucher", "voucherno"],
  kind: ["类型", "款项类型", "收款类型", "款项性质", "type"],
  code: ["客户编码", "客户代码", "客户编号", "客户号", "customercode", "customerno", "customerid", "code"],
  terms: ["结算方式", "付款条件", "结算条件", "账期类型", "结算", "terms", "paymentterms"],
  creditLimit: ["信用额度", "授信额度", "额度", "creditlimit", "credit"],
  paymentDays: ["账期", "账期天数", "信用期", "付款天数", "回款天数", "paymentdays", "creditdays", "days"],
  contact: ["联系人", "联系人姓名", "负责人", "对接人", "contact", "contactperson", "contactname"],
  phone: ["电话", "联系电话", "手机", "手机号", "手机号码", "电话号码", "座机", "tel", "telephone", "phone", "mobile"],
  address: ["地址", "收货地址", "送货地址", "详细地址", "通讯地址", "公司地址", "address", "shipto"],
  class: ["客户分类", "客户类别", "客户等级", "客户类型", "等级", "级别", "class", "grade", "level", "tier"],
  openingBalance: ["期初应收", "期初余额", "期初欠款", "上期结余", "上期余额", "期初", "openingbalance", "opening"],
  openingDate: ["期初日期", "openingdate"],
  needsApproval: ["需审批", "是否审批", "需要审批", "需审核", "定制", "needsapproval", "approval"],
  reason: ["原因", "退货原因", "退回原因", "reason", "returnreason"],
  resolution: ["处理结果", "处理方式", "处理意见", "处理", "resolution"],
  debit: ["借方", "借方金额", "借方发生额", "本期借方", "借方发生", "应收增加", "借", "debit", "dr"],
  credit: ["贷方", "贷方金额", "贷方发生额", "本期贷方", "贷方发生", "应收减少", "贷", "cr"],
  outflow: ["支出金额", "支出", "付出金额", "转出金额", "出账金额", "outflow", "withdrawal", "withdrawals"],
  // A journal's own columns are found by journalColumns (journal.ts), only in a journal: 月 / 日 / 方向 mean nothing elsewhere.
  direction: [],
  dateMonth: [],
  dateDay: [],
  dateYear: [],
  balance: ["余额", "期末余额", "应收余额", "欠款余额", "累计欠款", "结欠", "结余", "balance", "runningbalance"],
};

/** Header words that mark stock / purchase sheets (inventory is not sales). */
export const INVENTORY_HEADER_WORDS: readonly string[] = ["库存", "库龄", "入库", "结存", "期末库存", "在库", "购进", "进货", "采购", "采购价", "进价", "车架号", "序列号"];

/** A header match: which field, and how well. */
export interface HeaderMatch {
  readonly field: ImportField;
  readonly how: "exact" | "contains";
  readonly matched: string;
  /** Higher is better: exact ≈100 (earlier synonyms a little higher); contained synonyms by suffix position and length. */
  readonly score: number;
}

/** Exact synonyms: field and rank (earlier in its list = preferred when two columns say the same field). */
const exactIndex: ReadonlyMap<string, { field: ImportField; rank: number }> = (() => {
  const m = new Map<string, { field: ImportField; rank: number }>();
  for (const [field, syns] of Object.entries(FIELD_SYNONYMS) as [ImportField, readonly string[]][]) {
    syns.forEach((s, rank) => {
      if (!m.has(s)) m.set(s, { field, rank });
    });
  }
  return m;
})();

const containsList: readonly { syn: string; field: ImportField }[] = (() => {
  const out: { syn: string; field: ImportField }[] = [];
  for (const [field, syns] of Object.entries(FIELD_SYNONYMS) as [ImportField, readonly string[]][]) {
    for (const s of syns) if (s.length >= 2 && !/^[a-z]{1,3}$/.test(s)) out.push({ syn: s, field });
  }
  return out;
})();

/**
 * The best field for a header text, or null. Exact synonyms first; otherwise the synonym found
 * inside the header, preferring one at the end (Chinese compounds put the head last: `车型大类` is a
 * 类, `回款金额` is a 金额) and then the longest.
 * @example matchHeader("金额（元）")?.field // "amount"
 * @example matchHeader("本月销售金额")?.field // "amount"
 */
export function matchHeader(raw: string): HeaderMatch | null {
  const hit = matchCache.get(raw);
  if (hit !== undefined) return hit;
  const m = matchHeaderUncached(raw);
  // Data columns repeat the same texts (customer names); remember them, within a bound.
  if (matchCache.size >= 50_000) matchCache.clear();
  matchCache.set(raw, m);
  return m;
}

const matchCache = new Map<string, HeaderMatch | null>();

/** A bracketed part that is a unit or a qualifier, not a field's name: 元, 万元, kg, 件, 含税, %. */
const BRACKET_UNIT = /^(元|万元|千元|百元|万|千|rmb|cny|usd|¥|\$|%|‰|kg|g|t|吨|公斤|千克|克|m|米|㎡|m2|m3|平方米|立方米|件|个|台|套|箱|只|支|张|pcs|pc|含税|不含税|未税|本币|原币|外币|人民币|美元|\d+)$/;

/** The texts inside brackets of a header (`PO（订单号）` → `订单号`), units left out. */
function bracketParts(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.normalize("NFKC").matchAll(/\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕/g)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim();
    const key = headerKey(inner);
    if (key !== "" && !BRACKET_UNIT.test(key)) out.push(inner);
  }
  return out;
}

function matchHeaderUncached(raw: string): HeaderMatch | null {
  const outer = matchOuter(raw);
  if (outer?.how === "exact") return outer;
  // The bracket can hold the real meaning (PO（订单号）, Qty（数量）): an exact name there beats a word found inside the outer text.
  for (const inner of bracketParts(raw)) {
    const key = headerKey(inner);
    const exact = exactIndex.get(key);
    if (exact) return { field: exact.field, how: "exact", matched: key, score: 100 - exact.rank / 100 };
  }
  return outer;
}

function matchOuter(raw: string): HeaderMatch | null {
  const key = headerKey(raw);
  if (key === "" || key.length > 24) return null;
  const exact = exactIndex.get(key);
  if (exact) return { field: exact.field, how: "exact", matched: key, score: 100 - exact.rank / 100 };
  let best: HeaderMatch | null = null;
  // A long text is a title or a note, not a header with a field name inside it.
  if (key.length > 12) return null;
  // Ages and durations (库龄时间, 账龄天数) are not dates even though they end in 时间/日期.
  const isDuration = /龄|天数|时长|周期/.test(key);
  for (const { syn, field } of containsList) {
    if (!key.includes(syn)) continue;
    if (isDuration && (field === "date" || field === "shipDate")) continue;
    // English words must match whole words of the original header, not letters inside another word.
    if (/^[a-z]+$/.test(syn) && !new RegExp(`(^|[^a-z])${syn}([^a-z]|$)`).test(raw.normalize("NFKC").toLowerCase())) continue;
    const score = (key.endsWith(syn) ? 50 : 20) + syn.length;
    if (!best || score > best.score) best = { field, how: "contains", matched: syn, score };
  }
  return best;
}
