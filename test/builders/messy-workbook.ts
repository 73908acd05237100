/**
 * A seeded generator of messy clerk workbooks, with the truth about them. One sheet a month of
 * order lines under a merged title and a 制表 line, 小计 rows (SUM formulas) and a 合计 row; a 回款
 * sheet; a 客户 sheet; a 价格表. Dates typed every way, numbers as text with ¥, commas and
 * full-width digits, names with trailing spaces and the other kind of bracket, formula amounts (some
 * without a cached value), headers that change from month to month, a 序号 column in some months,
 * a few impossible dates and unreadable amounts. The truth lists what a correct import gives.
 */
import ExcelJS from "exceljs";

/** mulberry32: small, fast, the same on every platform. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options for a messy workbook. */
export interface MessyOptions {
  readonly year?: number;
  readonly months?: number;
  readonly linesPerMonth?: number;
  readonly customers?: number;
  readonly products?: number;
  readonly payments?: number;
  /** Probability that a line carries a defect that must be rejected. */
  readonly defectRate?: number;
  /** Probability that a line is a return (negative quantity). */
  readonly returnRate?: number;
}

/** An order line the importer must produce. */
export interface TruthLine {
  readonly sheet: string;
  readonly row: number;
  readonly date: string;
  readonly customer: string;
  readonly model: string;
  readonly qty: number;
  readonly amountFen: number;
}

/** A payment the importer must produce. */
export interface TruthPayment {
  readonly sheet: string;
  readonly row: number;
  readonly date: string;
  readonly customer: string;
  readonly amountFen: number;
  readonly allowance: boolean;
}

/** What a correct import of the workbook gives. */
export interface MessyTruth {
  readonly orders: readonly TruthLine[];
  readonly payments: readonly TruthPayment[];
  /** Master customers (canonical spelling) and those added from the order sheets. */
  readonly customers: readonly string[];
  readonly addedCustomers: readonly string[];
  readonly products: readonly string[];
  /** Rows that must be rejected: sheet, 1-based row, the column letter and the issue code. */
  readonly rejected: readonly { readonly sheet: string; readonly row: number; readonly column: string; readonly code: string }[];
  /** Rows that must be skipped, with the skip code. */
  readonly skipped: readonly { readonly sheet: string; readonly row: number; readonly code: string }[];
  /** Data rows below the header, per sheet (conservation). */
  readonly rows: Readonly<Record<string, number>>;
  readonly totals: { readonly orderLines: number; readonly orderQty: number; readonly orderAmountFen: number; readonly returnLines: number; readonly paymentCount: number; readonly paymentAmountFen: number };
  /** Role each sheet must get. */
  readonly roles: Readonly<Record<string, "orders" | "payments" | "customers" | "products">>;
}

const COMPANY_PARTS = {
  city: ["长沙", "郑州", "西安", "武汉", "株洲", "洛阳", "宝鸡", "岳阳", "南阳", "咸阳", "衡阳", "开封"],
  core: ["华兴", "宏达", "鑫源", "恒泰", "中联", "金桥", "顺达", "永安", "博远", "天成", "润丰", "新世纪"],
  kind: ["建材", "五金", "机电", "贸易", "水暖", "电器"],
};
const MODEL_PREFIX = ["HX", "ZD", "GL", "KT", "FS", "BW", "JD", "TY"];
const PRODUCT_NAMES = ["不锈钢水槽", "恒温阀", "角阀", "淋浴花洒", "地漏", "软管", "龙头", "三角阀", "过滤器", "增压泵", "铜管件", "面盆"];
const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function fullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z.,\-()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function yuanText(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const int = Math.floor(abs / 100).toLocaleString("en-US");
  return `${neg ? "-" : ""}${int}.${pad(abs % 100)}`;
}

function weekday(y: number, m: number, d: number): string {
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/**
 * Build a messy workbook and its truth from a seed (no Math.random).
 * @example const { workbook, truth } = buildMessyWorkbook(7); truth.orders.length
 */
export function buildMessyWorkbook(seed: number, opts: MessyOptions = {}): { workbook: ExcelJS.Workbook; truth: MessyTruth } {
  const rng = seededRng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number): boolean => rng() < p;
  const year = opts.year ?? 2025;
  const months = opts.months ?? 3;
  const linesPerMonth = opts.linesPerMonth ?? 30;
  const defectRate = opts.defectRate ?? 0.04;
  const returnRate = opts.returnRate ?? 0.04;

  const wb = new ExcelJS.Workbook();
  wb.creator = "messy-workbook generator";
  const orders: TruthLine[] = [];
  const payments: TruthPayment[] = [];
  const rejected: { sheet: string; row: number; column: string; code: string }[] = [];
  const skipped: { sheet: string; row: number; code: string }[] = [];
  const rows: Record<string, number> = {};
  const roles: Record<string, "orders" | "payments" | "customers" | "products"> = {};

  // ---- masters ----------------------------------------------------------------------------
  const customerNames: string[] = [];
  const nCustomers = opts.customers ?? 8;
  while (customerNames.length < nCustomers) {
    const city = pick(COMPANY_PARTS.city);
    const core = pick(COMPANY_PARTS.core);
    const kind = pick(COMPANY_PARTS.kind);
    const name = chance(0.35) ? `${city}${core}（集团）${kind}有限公司` : `${city}${core}${kind}有限公司`;
    if (!customerNames.includes(name)) customerNames.push(name);
  }
  const terms = ["月结", "款到发货", "现结", "月结30天"];
  const cs = wb.addWorksheet("客户");
  roles["客户"] = "customers";
  cs.getCell("A1").value = "客户档案";
  cs.mergeCells("A1:F1");
  cs.addRow(["客户名称", "客户编码", "区域", "结算方式", "信用额度(元)", "联系人"]);
  customerNames.forEach((n, i) => cs.addRow([n, `C${pad(i + 1)}`, pick(["长沙库", "郑州库", "西安库"]), pick(terms), int(5, 50) * 10000, pick(["张丽", "王芳", "李强", "赵敏"])]));
  rows["客户"] = customerNames.length;

  const nProducts = opts.products ?? 8;
  const models: { model: string; name: string; priceFen: number }[] = [];
  while (models.length < nProducts) {
    const model = `${pick(MODEL_PREFIX)}-${int(100, 999)}${chance(0.3) ? "A" : ""}`;
    if (models.some((m) => m.model === model)) continue;
    models.push({ model, name: pick(PRODUCT_NAMES), priceFen: int(50, 5000) * 10 + (chance(0.5) ? 5 : 0) });
  }
  const ps = wb.addWorksheet("价格表");
  roles["价格表"] = "products";
  ps.getCell("A1").value = `${year}年产品价格表`;
  ps.mergeCells("A1:D1");
  ps.getCell("A2").value = "单位：元";
  ps.addRow(["型号", "品名", "单位", "单价"]);
  for (const m of models) ps.addRow([m.model, m.name, pick(["个", "套", "台"]), chance(0.5) ? m.priceFen / 100 : `¥${yuanText(m.priceFen)}`]);
  rows["价格表"] = models.length;

  // ---- one sheet a month ---------------------------------------------------------------------
  const added = new Set<string>();
  /** Sales per customer per month (fen), so payments look like real collections. */
  const salesBy = new Map<string, number[]>();
  const strangers = [`${pick(COMPANY_PARTS.city)}临时客户`, "个人散客"];
  const headerSets = [
    { date: "日期", customer: "客户", model: "型号", qty: "数量", price: "单价", amount: "金额" },
    { date: "订单日期", customer: "客户名称", model: "规格型号", qty: "销售数量", price: "单 价", amount: "金额（元）" },
    { date: "下单日期", customer: "购货单位", model: "型号", qty: "数量(个)", price: "售价", amount: "销售额" },
    { date: "Order Date", customer: "Customer Name", model: "Item Code", qty: "Qty", price: "Unit Price", amount: "Amount" },
  ];
  for (let m = 1; m <= months; m++) {
    const name = `${m}月`;
    roles[name] = "orders";
    const ws = wb.addWorksheet(name);
    const h = headerSets[(m - 1 + seed) % headerSets.length]!;
    const lead = chance(0.4); // a 序号 column shifts everything right
    const off = lead ? 1 : 0;
    const L = (i: number): string => String.fromCharCode(65 + i + off);
    const width = 7 + off;
    ws.getCell(1, 1).value = `${year}年${m}月销售明细`;
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(2, 1).value = `制表：${pick(["张丽", "王芳"])}        单位：元`;
    const header = [...(lead ? ["序号"] : []), h.date, h.customer, h.model, h.qty, h.price, h.amount, "备注"];
    ws.addRow(header);
    const headerRow = 3;
    let r = headerRow;
    let blockStart = headerRow + 1;
    let seq = 0;
    const n = linesPerMonth;
    const subtotalEvery = int(8, 14);
    let sinceSubtotal = 0;
    const amountRowsForTotal: number[] = [];
    for (let i = 0; i < n; i++) {
      if (chance(0.03)) {
        r++;
        ws.addRow([]);
        skipped.push({ sheet: name, row: r, code: "import.skip.blank" });
      }
      r++;
      seq++;
      const day = int(1, 28);
      const cust = chance(0.05) ? pick(strangers) : pick(customerNames);
      const product = pick(models);
      const isReturn = chance(returnRate);
      const qty = isReturn ? -int(1, 3) : int(1, 40);
      const amountFen = qty * product.priceFen;
      const cells: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(width).fill(null);
      if (lead) cells[0] = seq;
      // date
      const iso = `${year}-${pad(m)}-${pad(day)}`;
      let dateCell: ExcelJS.CellValue;
      let dateFmt: string | undefined;
      switch (int(0, 7)) {
        case 0:
          dateCell = new Date(Date.UTC(year, m - 1, day));
          dateFmt = "yyyy-mm-dd";
          break;
        case 1:
          dateCell = `${year}.${m}.${day}`;
          break;
        case 2:
          dateCell = `${year}/${m}/${day}`;
          break;
        case 3:
          dateCell = `${m}月${day}日`;
          break;
        case 4:
          dateCell = `${year}年${m}月${day}日`;
          break;
        case 5:
          dateCell = `${iso} 星期${weekday(year, m, day)}`;
          break;
        case 6:
          dateCell = Number(`${year}${pad(m)}${pad(day)}`);
          break;
        default:
          dateCell = new Date(Date.UTC(year, m - 1, day));
          dateFmt = 'yyyy"年"m"月"d"日"';
      }
      // customer spelling variants
      let custCell = cust;
      const v = int(0, 5);
      if (v === 1) custCell = `${cust}  `;
      else if (v === 2) custCell = cust.replace(/（/g, "(").replace(/）/g, ")");
      else if (v === 3) custCell = ` ${cust}\u3000`;
      let modelCell = product.model;
      const mv = rng();
      if (mv < 0.15) modelCell = `${product.model} `;
      else if (mv < 0.25) modelCell = fullWidth(product.model);
      else if (mv < 0.35) modelCell = product.model.toLowerCase();
      // qty, price, amount as typed
      const qtyCell: ExcelJS.CellValue = qty < 0 || chance(0.6) ? qty : pick([String(qty), fullWidth(String(qty)), `${qty}件`]);
      const priceCell: ExcelJS.CellValue = chance(0.5) ? product.priceFen / 100 : pick([`¥${yuanText(product.priceFen)}`, `${product.priceFen / 100}元`, fullWidth(yuanText(product.priceFen))]);
      const row = r;
      const qCol = L(3);
      const pCol = L(4);
      let amountCell: ExcelJS.CellValue;
      const kind = int(0, 5);
      if (kind <= 1) amountCell = amountFen / 100;
      else if (kind === 2) amountCell = amountFen < 0 ? `(${yuanText(-amountFen)})` : `¥${yuanText(amountFen)}`;
      else if (kind === 3 && typeof qtyCell === "number" && typeof priceCell === "number") amountCell = { formula: `${qCol}${row}*${pCol}${row}` } as ExcelJS.CellFormulaValue; // no cached value
      else amountCell = { formula: `${qCol}${row}*${pCol}${row}`, result: amountFen / 100 } as ExcelJS.CellFormulaValue;

      // defects that must be rejected
      let defect: { column: string; code: string } | null = null;
      if (chance(defectRate)) {
        switch (int(0, 2)) {
          case 0:
            dateCell = m === 2 || chance(0.5) ? `${year}-02-29` : `${year}年${m}月32日`;
            dateFmt = undefined;
            defect = { column: L(0), code: "date.impossible" };
            break;
          case 1:
            amountCell = pick(["待定", "见合同", "#"]);
            defect = { column: L(5), code: "money.notANumber" };
            break;
          default:
            custCell = "";
            defect = { column: L(1), code: "import.missingValue" };
        }
      }
      cells[off + 0] = dateCell;
      cells[off + 1] = custCell;
      cells[off + 2] = modelCell;
      cells[off + 3] = qtyCell;
      cells[off + 4] = priceCell;
      cells[off + 5] = amountCell;
      cells[off + 6] = isReturn ? "退货" : chance(0.1) ? "加急" : null;
      const added_ = ws.addRow(cells);
      if (dateFmt) added_.getCell(off + 1).numFmt = dateFmt;
      if (typeof amountCell === "number" || (typeof amountCell === "object" && amountCell !== null)) added_.getCell(off + 6).numFmt = "#,##0.00";
      if (defect) rejected.push({ sheet: name, row, ...defect });
      else {
        if (!customerNames.includes(cust)) added.add(cust);
        const list = salesBy.get(cust) ?? new Array<number>(months + 1).fill(0);
        list[m] = (list[m] ?? 0) + amountFen;
        salesBy.set(cust, list);
        // The ledger keeps the master's spelling (full-width brackets too) for every variant typed.
        orders.push({ sheet: name, row, date: iso, customer: cust, model: product.model, qty, amountFen });
      }
      amountRowsForTotal.push(row);
      sinceSubtotal++;
      if (sinceSubtotal >= subtotalEvery && i < n - 1) {
        r++;
        const sub: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(width).fill(null);
        sub[off + 1] = chance(0.5) ? "小计" : "小 计";
        sub[off + 5] = { formula: `SUM(${L(5)}${blockStart}:${L(5)}${r - 1})`, result: 0 } as ExcelJS.CellFormulaValue;
        ws.addRow(sub);
        skipped.push({ sheet: name, row: r, code: "import.skip.subtotal" });
        blockStart = r + 1;
        sinceSubtotal = 0;
      }
    }
    r++;
    const total: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(width).fill(null);
    total[0] = m % 2 === 0 ? "合计" : "本月合计";
    total[off + 5] = { formula: `SUM(${L(5)}${headerRow + 1}:${L(5)}${r - 1})/2`, result: 0 } as ExcelJS.CellFormulaValue;
    ws.addRow(total);
    skipped.push({ sheet: name, row: r, code: "import.skip.subtotal" });
    r++;
    ws.addRow([`制表人：${pick(["张丽", "王芳"])}`]);
    skipped.push({ sheet: name, row: r, code: "import.skip.note" });
    rows[name] = r - headerRow;
  }

  // ---- payments --------------------------------------------------------------------------------
  const pay = wb.addWorksheet("回款");
  roles["回款"] = "payments";
  pay.getCell("A1").value = `${year}年回款登记`;
  pay.mergeCells("A1:E1");
  pay.addRow(["日期", "客户名称", "回款金额", "方式", "备注"]);
  let pr = 2;
  const nPay = opts.payments ?? 12;
  for (let i = 0; i < nPay; i++) {
    pr++;
    const m = int(1, months);
    const day = int(1, 28);
    const cust = pick(customerNames);
    // Collect 50–100 % of last month's sales, in whole yuan (sometimes with fen).
    const owed = m > 1 ? (salesBy.get(cust)?.[m - 1] ?? 0) : 0;
    const amountFen = owed > 10000 ? Math.round((owed * (0.5 + rng() / 2)) / 100) * 100 + (chance(0.3) ? int(1, 99) : 0) : int(10, 5000) * 100 + (chance(0.3) ? int(1, 99) : 0);
    const allowance = chance(0.1);
    const dateCell: ExcelJS.CellValue = chance(0.5) ? new Date(Date.UTC(year, m - 1, day)) : `${year}.${m}.${day}`;
    const amountCell: ExcelJS.CellValue = chance(0.5) ? amountFen / 100 : `${yuanText(amountFen)}元`;
    const row = pay.addRow([dateCell, chance(0.3) ? `${cust} ` : cust, amountCell, allowance ? "折让" : pick(["转账", "承兑", "现金"]), null]);
    if (dateCell instanceof Date) row.getCell(1).numFmt = "yyyy/m/d";
    payments.push({ sheet: "回款", row: pr, date: `${year}-${pad(m)}-${pad(day)}`, customer: cust, amountFen, allowance });
  }
  pr++;
  pay.addRow(["合计", null, { formula: `SUM(C3:C${pr - 1})`, result: 0 } as ExcelJS.CellFormulaValue]);
  skipped.push({ sheet: "回款", row: pr, code: "import.skip.subtotal" });
  rows["回款"] = pr - 2;

  const orderAmountFen = orders.reduce((s, o) => s + o.amountFen, 0);
  return {
    workbook: wb,
    truth: {
      orders,
      payments,
      customers: customerNames,
      addedCustomers: [...added],
      products: models.map((m) => m.model),
      rejected,
      skipped,
      rows,
      roles,
      totals: {
        orderLines: orders.length,
        orderQty: orders.reduce((s, o) => s + o.qty, 0),
        orderAmountFen,
        returnLines: orders.filter((o) => o.qty < 0).length,
        paymentCount: payments.length,
        paymentAmountFen: payments.reduce((s, p) => s + p.amountFen, 0),
      },
    },
  };
}
