/**
 * Seeded synthetic clerk ledgers for the benchmark: ~200 customers over three warehouses
 * (长沙库/郑州库/西安库), ~300 models, order lines dated 2023-01-01…2025-12-31 with weekday and
 * season shapes, returns, 月结 payments a month behind, 款到发货/现结 payments on the day, and 折让.
 * The same seed and size always give the same ledger (tests rely on it), so every implementation
 * in a run is measured on identical rows.
 */
import type { Customer, LedgerInput, OrderLine, Payment, Product, ReturnRecord } from "../src/core/schemas/records";
import type { RawCell } from "../src/app/workbook-port";

/** Options of {@link generateLedger}. */
export interface GenerateOptions {
  /** Number of order lines (returns included). */
  readonly lines: number;
  /** PRNG seed; the default is the benchmark's. */
  readonly seed?: number;
  /** Customer count (default 200). */
  readonly customers?: number;
  /** Model count (default 300). */
  readonly models?: number;
}

/** What the benchmark reports on: the generated ledger plus the dates the cases use. */
export interface BenchLedger {
  readonly input: LedgerInput;
  /** Last day of the data; "today" for aging and statements. */
  readonly today: string;
  /** A busy weekday near the end, for the daily report. */
  readonly day: string;
  /** Month of the monthly report (`YYYY-MM`). */
  readonly month: string;
  /** Year of the annual report. */
  readonly year: number;
  /** Settlement period of the month-end statements (26th–25th). */
  readonly period: { readonly from: string; readonly to: string };
}

export const DEFAULT_SEED = 20250325;
export const WAREHOUSES = ["长沙库", "郑州库", "西安库"] as const;
export const FIRST_DAY = "2023-01-01";
export const LAST_DAY = "2025-12-31";

/** mulberry32: tiny, fast, good enough for synthetic data, and identical on every platform. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Weighted sampler over fixed weights: O(log n) per draw by binary search on the cumulative sums. */
function weightedSampler(weights: readonly number[]): (rng: Rng) => number {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = s += weights[i] ?? 0;
  return (rng) => {
    const x = rng() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;

/** Every civil date from `from` to `to` inclusive (bench side: Date is fine here). */
export function calendar(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(to + "T00:00:00Z");
  for (let t = Date.parse(from + "T00:00:00Z"); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Excel 1900-system serial of a civil date (after 1900-03-01, so the leap-year bug is moot). */
export function isoToSerial(iso: string): number {
  return Math.round((Date.parse(iso + "T00:00:00Z") - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const REGIONS: Record<(typeof WAREHOUSES)[number], { region: string; province: string; cities: readonly string[] }> = {
  长沙库: { region: "华中", province: "湖南", cities: ["长沙", "株洲", "湘潭", "衡阳", "岳阳", "常德", "益阳", "娄底", "邵阳", "怀化", "武汉", "宜昌", "南昌", "九江"] },
  郑州库: { region: "华北", province: "河南", cities: ["郑州", "洛阳", "开封", "新乡", "安阳", "南阳", "许昌", "商丘", "济南", "石家庄", "太原", "邯郸"] },
  西安库: { region: "西北", province: "陕西", cities: ["西安", "宝鸡", "咸阳", "渭南", "汉中", "延安", "兰州", "银川", "西宁", "榆林", "天水"] },
};
const CITY_PROVINCE: Record<string, string> = { 武汉: "湖北", 宜昌: "湖北", 南昌: "江西", 九江: "江西", 济南: "山东", 石家庄: "河北", 邯郸: "河北", 太原: "山西", 兰州: "甘肃", 天水: "甘肃", 银川: "宁夏", 西宁: "青海" };
const BRANDS = ["恒通", "宏达", "鑫源", "华利", "金盛", "永兴", "顺发", "广源", "昌盛", "瑞丰", "东方", "中联", "嘉禾", "德信", "新世纪", "天成", "博远", "兴业", "汇通", "协力", "联创", "正泰", "明辉", "盛世", "安达", "利民", "万通", "长青", "光明", "振华"];
const TRADES = ["机电", "五金", "建材", "电气", "设备", "商贸", "贸易", "工贸", "实业", "科技", "电器", "机械"];
const SUFFIXES = ["有限公司", "有限公司", "有限公司", "有限责任公司", "经营部", "商行"];
const SURNAMES = ["张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕"];
const SERIES: readonly { code: string; name: string; unit: string; price: [number, number]; qty: [number, number] }[] = [
  { code: "DZ47", name: "小型断路器", unit: "只", price: [1200, 6800], qty: [10, 200] },
  { code: "NXB", name: "微型断路器", unit: "只", price: [1500, 9000], qty: [10, 200] },
  { code: "CJX2", name: "交流接触器", unit: "台", price: [4500, 38000], qty: [2, 60] },
  { code: "JZX", name: "中间继电器", unit: "只", price: [800, 4500], qty: [10, 150] },
  { code: "VFD", name: "变频器", unit: "台", price: [98000, 860000], qty: [1, 8] },
  { code: "YJV", name: "电力电缆", unit: "米", price: [1800, 32000], qty: [50, 2000] },
  { code: "KB", name: "墙壁开关", unit: "个", price: [600, 3800], qty: [20, 500] },
  { code: "CZ", name: "五孔插座", unit: "个", price: [700, 4200], qty: [20, 500] },
  { code: "PZ30", name: "配电箱", unit: "台", price: [12000, 98000], qty: [1, 20] },
  { code: "YE3", name: "三相异步电机", unit: "台", price: [85000, 1200000], qty: [1, 6] },
  { code: "ISG", name: "管道离心泵", unit: "台", price: [65000, 580000], qty: [1, 5] },
  { code: "Q41F", name: "球阀", unit: "个", price: [3500, 48000], qty: [2, 80] },
];
const PAY_METHODS = ["银行转账", "银行转账", "银行转账", "银行转账", "承兑汇票", "承兑汇票", "现金", "微信"];
const RETURN_REASONS = ["质量问题", "型号错发", "客户多订", "运输破损", "包装破损"];
const RETURN_RESOLUTIONS = ["退款", "换货", "维修", "冲抵货款"];
const CARRIERS = ["德邦物流", "顺丰快运", "中通快运", "安能物流", "自提"];
/** 春节 weeks (low volume): first day of the holiday each year. */
const SPRING_FESTIVAL = ["2023-01-21", "2024-02-09", "2025-01-28"];

interface GenCustomer extends Customer {
  readonly weight: number;
  favourites: number[];
  readonly lineDiscount?: number;
}

function makeCustomers(rng: Rng, count: number): GenCustomer[] {
  const seen = new Set<string>();
  const out: GenCustomer[] = [];
  for (let i = 0; out.length < count; i++) {
    const wh = WAREHOUSES[i % 3] as (typeof WAREHOUSES)[number];
    const { region, province, cities } = REGIONS[wh];
    const city = pick(rng, cities);
    const prov = CITY_PROVINCE[city] ?? province;
    const style = rng();
    let name: string;
    if (style < 0.55) name = `${city}市${pick(rng, BRANDS)}${pick(rng, TRADES)}${pick(rng, SUFFIXES)}`;
    else if (style < 0.8) name = `${city}${pick(rng, BRANDS)}${pick(rng, TRADES)}${pick(rng, SUFFIXES)}`;
    else if (style < 0.92) name = `${province}${pick(rng, BRANDS)}${pick(rng, TRADES)}（集团）有限公司`;
    else name = `${city}市${pick(rng, BRANDS)}${pick(rng, TRADES)}有限公司（${pick(rng, ["一分公司", "二分公司", "城东店", "城西店"])}）`;
    if (seen.has(name)) continue;
    seen.add(name);
    const t = rng();
    const terms = t < 0.8 ? ("月结" as const) : t < 0.94 ? ("款到发货" as const) : ("现结" as const);
    const cls = rng() < 0.15 ? "A" : rng() < 0.5 ? "B" : "C";
    const n = out.length + 1;
    intBetween(rng, 15, 45); // kept: the draw keeps the seeded stream (and the data) unchanged
    out.push({
      name,
      code: `KH${String(n).padStart(4, "0")}`,
      region,
      warehouse: wh,
      terms,
      creditLimitFen: terms === "月结" ? intBetween(rng, 5, 80) * 1_000_000 : 0,
      paymentDays: terms === "月结" ? pick(rng, [30, 30, 30, 45, 60, 60, 90]) : 0,
      contact: pick(rng, SURNAMES) + pick(rng, GIVEN),
      phone: `1${pick(rng, ["38", "39", "58", "59", "86", "87", "35"])}${String(intBetween(rng, 0, 99_999_999)).padStart(8, "0")}`,
      address: `${prov === "宁夏" ? "宁夏回族自治区" : prov + "省"}${city}市${pick(rng, ["建设路", "人民路", "解放路", "中山路", "工业园", "经开区"])}${intBetween(rng, 1, 399)}号`,
      class: cls,
      openingBalanceFen: terms === "月结" ? intBetween(rng, 0, 30_000) * 1000 : 0,
      openingDate: "2022-12-31",
      derived: false,
      // Pareto-ish: a few big customers carry most of the volume, as in every clerk's book.
      weight: 1 / Math.pow(n, 0.85),
      favourites: [],
      ...(cls === "A" ? { lineDiscount: 0.92 } : cls === "B" ? { lineDiscount: 0.95 } : {}),
    });
  }
  return out;
}

function makeProducts(rng: Rng, count: number): (Product & { priceFen: number; series: string; qtyRange: [number, number] })[] {
  const seen = new Set<string>();
  const out: (Product & { priceFen: number; series: string; qtyRange: [number, number] })[] = [];
  while (out.length < count) {
    const s = pick(rng, SERIES);
    const model = `${s.code}-${intBetween(rng, 10, 999)}${pick(rng, ["", "", "", "A", "B", "C", "D", "Z"])}`;
    if (seen.has(model)) continue;
    seen.add(model);
    // Log-uniform price inside the series band, rounded to whole jiao like a price list.
    const price = Math.exp(Math.log(s.price[0]) + rng() * (Math.log(s.price[1]) - Math.log(s.price[0])));
    out.push({ model, series: s.code, name: s.name, unit: s.unit, priceFen: Math.round(price / 10) * 10, needsApproval: s.code === "VFD" && rng() < 0.3, derived: false, qtyRange: s.qty });
  }
  return out;
}

function dayWeight(iso: string, dow: number, springIndex: Map<string, number>): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  let w = dow === 0 ? 0.08 : dow === 6 ? 0.35 : 1;
  w *= [1, 0.7, 1.05, 1.1, 1.1, 1.05, 0.95, 0.9, 1.05, 1.1, 1.15, 1.2][m - 1] ?? 1;
  w *= y === 2023 ? 1 : y === 2024 ? 1.15 : 1.3;
  const sf = springIndex.get(iso);
  if (sf !== undefined) w *= 0.05;
  return w;
}

/**
 * Generates a ledger of `lines` order lines. Lines come out in date order (as a clerk keys them),
 * orders of 1–8 lines share an order number, and ~1% of lines are returns (negative qty).
 * @example const { input } = generateLedger({ lines: 10_000 }); input.orders.length // 10000
 */
export function generateLedger(opts: GenerateOptions): BenchLedger {
  const rng = makeRng(opts.seed ?? DEFAULT_SEED);
  const customers = makeCustomers(rng, opts.customers ?? 200);
  const products = makeProducts(rng, opts.models ?? 300);
  const modelPick = weightedSampler(products.map((_, i) => 1 / Math.pow(i + 1, 0.7)));
  for (const c of customers) {
    const fav: number[] = [];
    const n = intBetween(rng, 15, 45);
    for (let k = 0; k < n; k++) fav.push(modelPick(rng));
    c.favourites = fav;
  }
  const custPick = weightedSampler(customers.map((c) => c.weight));

  const days = calendar(FIRST_DAY, LAST_DAY);
  const springIndex = new Map<string, number>();
  for (const s of SPRING_FESTIVAL) for (const d of calendar(s, days[days.indexOf(s) + 9] ?? s)) springIndex.set(d, 1);
  const firstDow = new Date(FIRST_DAY + "T00:00:00Z").getUTCDay();
  const weights = days.map((d, i) => dayWeight(d, (firstDow + i) % 7, springIndex));
  const wsum = weights.reduce((a, b) => a + b, 0);

  // Lines per day by largest remainder, so the total is exact and the shape is deterministic.
  const target = opts.lines;
  const perDay = weights.map((w) => Math.floor((w / wsum) * target));
  let rest = target - perDay.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, frac: (w / wsum) * target - Math.floor((w / wsum) * target) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) perDay[order[k]!.i]! += 1;

  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const orders: OrderLine[] = [];
  const returns: ReturnRecord[] = [];
  const payments: Payment[] = [];
  /** Pending return lines keyed by day index (emitted when generation reaches that day). */
  const pendingReturns = new Map<number, { c: GenCustomer; p: (typeof products)[number]; qty: number; disc?: number; orderNo: string }[]>();
  const lastIdx = days.length - 1;
  let seq = 0;

  for (let di = 0; di < days.length; di++) {
    const date = days[di]!;
    let budget = perDay[di]!;
    const compact = date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10);
    let orderInDay = 0;
    const due = pendingReturns.get(di);
    if (due) {
      pendingReturns.delete(di);
      for (const r of due) {
        if (budget <= 0) break;
        budget--;
        const amount = -Math.round(r.p.priceFen * r.qty * (r.disc ?? 1));
        orders.push(line(`TH${compact}-${pad2(++orderInDay)}`, date, r.c, r.p, -r.qty, r.disc, amount, "已签收", date, `退货 原单${r.orderNo}`));
      }
    }
    while (budget > 0) {
      const c = customers[custPick(rng)]!;
      const orderNo = `XS${compact}-${String(++orderInDay).padStart(3, "0")}`;
      seq++;
      const nLines = Math.min(budget, 1 + Math.floor(-Math.log(1 - rng()) * 2.2));
      const age = lastIdx - di;
      const st = rng();
      const status: OrderLine["status"] =
        st < 0.012 ? "已取消" : age > 10 ? (st < 0.97 ? "已签收" : "已发货") : age > 3 ? (st < 0.5 ? "已签收" : "已发货") : st < 0.4 ? "已接单" : st < 0.7 ? "已确认" : "已发货";
      const shipped = status === "已发货" || status === "已签收";
      const shipIdx = Math.min(lastIdx, di + (rng() < 0.6 ? 0 : intBetween(rng, 1, 3)));
      const shipDate = shipped ? days[shipIdx] : undefined;
      let orderTotal = 0;
      for (let k = 0; k < nLines; k++) {
        const p = products[rng() < 0.85 ? pick(rng, c.favourites) : modelPick(rng)]!;
        const [qlo, qhi] = p.qtyRange;
        const qty = Math.max(1, Math.round(Math.exp(Math.log(qlo) + Math.pow(rng(), 1.6) * (Math.log(qhi) - Math.log(qlo)))));
        const disc = c.lineDiscount !== undefined && rng() < 0.85 ? c.lineDiscount : undefined;
        const amount = Math.round(p.priceFen * qty * (disc ?? 1));
        orderTotal += status === "已取消" ? 0 : amount;
        orders.push(line(orderNo, date, c, p, qty, disc, amount, status, shipDate, undefined));
        budget--;
        // ~1% of shipped lines come back partly, 5–40 days later: half as negative lines, half on the 退货 sheet.
        if (shipped && rng() < 0.012) {
          const back = intBetween(rng, 5, 40);
          const rq = Math.max(1, Math.round(qty * (0.2 + rng() * 0.8)));
          if (di + back <= lastIdx) {
            if (rng() < 0.5) {
              const list = pendingReturns.get(di + back) ?? [];
              list.push({ c, p, qty: rq, orderNo, ...(disc !== undefined ? { disc } : {}) });
              pendingReturns.set(di + back, list);
            } else {
              returns.push({
                date: days[di + back]!,
                customer: c.name,
                orderNo,
                model: p.model,
                qty: rq,
                amountFen: Math.round(p.priceFen * rq * (disc ?? 1)),
                reason: pick(rng, RETURN_REASONS),
                resolution: pick(rng, RETURN_RESOLUTIONS),
              });
            }
          }
        }
      }
      // Cash-before-delivery and cash customers pay the order on the day.
      if (c.terms !== "月结" && orderTotal > 0) {
        payments.push({ date, customer: c.name, amountFen: orderTotal, method: c.terms === "现结" ? "现金" : "银行转账", account: c.warehouse!, ref: `SK${compact}-${seq}`, allowance: false });
      }
    }
  }

  // 月结 customers: pay last period's sales during the next month, sometimes in two parts; some 折让.
  const monthly = new Map<string, Map<string, number>>();
  for (const o of orders) {
    if (o.status === "已取消") continue;
    const ym = (o.shipDate ?? o.date).slice(0, 7);
    let m = monthly.get(o.customer);
    if (!m) monthly.set(o.customer, (m = new Map()));
    m.set(ym, (m.get(ym) ?? 0) + o.amountFen);
  }
  for (const r of returns) {
    const m = monthly.get(r.customer);
    const ym = r.date.slice(0, 7);
    if (m) m.set(ym, (m.get(ym) ?? 0) - r.amountFen);
  }
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  for (const c of customers) {
    if (c.terms !== "月结") continue;
    const m = monthly.get(c.name);
    let carry = c.openingBalanceFen;
    for (let mi = 0; mi < months.length - 1; mi++) {
      const sales = m?.get(months[mi]!) ?? 0;
      const owed = carry + sales;
      // Nothing to pay, or a small remainder with no new business: it waits for next month.
      if (owed <= 0 || (owed < 50_000 && sales === 0)) {
        carry = owed;
        continue;
      }
      const next = months[mi + 1]!;
      const allowance = rng() < 0.03 ? Math.round(owed * (0.005 + rng() * 0.015)) : 0;
      const r = rng();
      // Most pay last month's bill in full; some pay a round part; a few are late.
      const paid = r < 0.62 ? owed - allowance : r < 0.92 ? Math.floor((owed * (0.5 + rng() * 0.45)) / 100_000) * 100_000 : 0;
      const parts = paid > 0 && rng() < 0.25 ? 2 : 1;
      let left = paid;
      for (let k = 0; k < parts && paid > 0; k++) {
        const amt = k === parts - 1 ? left : Math.round(paid * (0.4 + rng() * 0.2));
        left -= amt;
        if (amt <= 0) continue;
        const day = `${next}-${pad2(intBetween(rng, 3, 28))}`;
        if (dayIndex.get(day) === undefined) continue;
        payments.push({ date: day, customer: c.name, amountFen: amt, method: pick(rng, PAY_METHODS), account: c.warehouse!, ref: `HK${day.replace(/-/g, "")}-${c.code}-${k + 1}`, allowance: false });
      }
      if (allowance > 0) {
        payments.push({ date: `${next}-25`, customer: c.name, amountFen: allowance, method: "折让", account: c.warehouse!, ref: `ZR${next.replace("-", "")}-${c.code}`, notes: "价格折让", allowance: true });
      }
      carry = owed - paid - allowance;
    }
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  returns.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const input: LedgerInput = {
    customers: customers.map(({ weight: _w, favourites: _f, lineDiscount: _d, ...c }) => c),
    products: products.map(({ qtyRange: _q, ...p }) => p),
    orders,
    payments,
    returns,
    confirmations: [],
  };
  return { input, today: LAST_DAY, day: "2025-12-30", month: "2025-12", year: 2025, period: { from: "2025-11-26", to: "2025-12-25" } };

  function line(orderNo: string, date: string, c: GenCustomer, p: (typeof products)[number], qty: number, disc: number | undefined, amountFen: number, status: OrderLine["status"], shipDate: string | undefined, notes: string | undefined): OrderLine {
    const o: OrderLine = { orderNo, date, customer: c.name, model: p.model, qty, priceFen: p.priceFen, amountFen, warehouse: c.warehouse!, region: c.region!, status };
    if (disc !== undefined) o.discount = disc;
    if (shipDate !== undefined) {
      o.shipDate = shipDate;
      o.carrier = CARRIERS[(orderNo.length + qty) % CARRIERS.length]!;
    }
    if (notes !== undefined) o.notes = notes;
    return o;
  }
}

/** One sheet of a clerk workbook as raw cells (`RawCell` semantics: dates are serials). */
export interface ClerkSheet {
  readonly name: string;
  readonly values: RawCell[][];
  /** Number format per cell; rows are shared arrays (read-only by convention). */
  readonly formats: (readonly string[])[];
  /** Formula per cell or null; rows are shared arrays. */
  readonly formulas: (readonly (string | null)[])[];
  /** Merged areas, 0-based inclusive (titles). */
  readonly merges: { row: number; col: number; rowEnd: number; colEnd: number }[];
}

export const ORDER_HEADERS = ["日期", "单号", "客户名称", "型号", "数量", "单价", "折扣", "金额", "仓库", "区域", "状态", "物流公司", "发货日期", "备注"] as const;
export const PAYMENT_HEADERS = ["日期", "客户名称", "金额", "方式", "账户", "凭证号", "备注"] as const;
export const CUSTOMER_HEADERS = ["客户名称", "客户编码", "区域", "仓库", "结算方式", "信用额度", "账期(天)", "联系人", "电话", "地址", "类别", "期初应收"] as const;
export const PRODUCT_HEADERS = ["型号", "系列", "品名", "单位", "单价"] as const;
export const RETURN_HEADERS = ["日期", "客户名称", "原单号", "型号", "数量", "金额", "原因", "处理"] as const;

const DATE_FMT = "yyyy/m/d";
const MONEY_FMT = "#,##0.00";

/**
 * The ledger as the clerk's own workbook: one order sheet per year under a merged title row, a
 * 小计 row per month and a 合计 row, a few dates typed as text (`2025.3.5`), a few amounts as text
 * (`¥1,234.50`), amount formulas on some rows; plus 回款, 退货, 客户资料 and 价格表 sheets.
 * Every data row is valid: the importer should import all of them and skip the subtotal rows.
 */
export function toClerkWorkbook(input: LedgerInput, seed = DEFAULT_SEED): ClerkSheet[] {
  const rng = makeRng(seed ^ 0x5eed);
  const sheets: ClerkSheet[] = [];
  const serial = new Map<string, number>();
  const ser = (iso: string): number => {
    let s = serial.get(iso);
    if (s === undefined) serial.set(iso, (s = isoToSerial(iso)));
    return s;
  };
  const nOrder = ORDER_HEADERS.length;
  const rowFmt = [DATE_FMT, "@", "General", "General", "General", MONEY_FMT, "0%", MONEY_FMT, "General", "General", "General", "General", DATE_FMT, "General"];
  const titleFmt = new Array<string>(nOrder).fill("General");
  const noFormulas = new Array<string | null>(nOrder).fill(null);

  const years = [...new Set(input.orders.map((o) => o.date.slice(0, 4)))];
  let oi = 0;
  for (const y of years) {
    const values: RawCell[][] = [[`${y}年销售明细表`, ...new Array<RawCell>(nOrder - 1).fill(null)], [...ORDER_HEADERS]];
    const formats: (readonly string[])[] = [titleFmt, titleFmt];
    const formulas: (readonly (string | null)[])[] = [noFormulas, noFormulas];
    let month = "";
    let mQty = 0;
    let mAmt = 0;
    let yAmt = 0;
    const flushMonth = (): void => {
      if (month === "") return;
      values.push(["小计", `${Number(month.slice(5))}月`, null, null, mQty, null, null, Math.round(mAmt) / 100, null, null, null, null, null, null]);
      formats.push(rowFmt);
      formulas.push(noFormulas);
    };
    for (; oi < input.orders.length && input.orders[oi]!.date.startsWith(y); oi++) {
      const o = input.orders[oi]!;
      const ym = o.date.slice(0, 7);
      if (ym !== month) {
        flushMonth();
        month = ym;
        mQty = 0;
        mAmt = 0;
      }
      mQty += o.qty;
      mAmt += o.amountFen;
      yAmt += o.amountFen;
      const r = rng();
      // Clerks type dates every way; most are real dates, some text.
      const dateCell: RawCell = r < 0.04 ? `${Number(o.date.slice(0, 4))}.${Number(o.date.slice(5, 7))}.${Number(o.date.slice(8, 10))}` : ser(o.date);
      const amountCell: RawCell = r > 0.98 && o.amountFen > 0 ? `¥${formatYuan(o.amountFen)}` : o.amountFen / 100;
      const customer = r > 0.4 && r < 0.41 ? o.customer + " " : o.customer;
      const row = values.length + 1;
      values.push([
        dateCell,
        o.orderNo ?? null,
        customer,
        o.model,
        o.qty,
        o.priceFen === undefined ? null : o.priceFen / 100,
        o.discount ?? null,
        amountCell,
        o.warehouse ?? null,
        o.region ?? null,
        o.status,
        o.carrier ?? null,
        o.shipDate === undefined ? null : ser(o.shipDate),
        o.notes ?? null,
      ]);
      formats.push(rowFmt);
      formulas.push(r > 0.5 && r < 0.8 && typeof amountCell === "number" && o.discount === undefined ? orderFormula(row) : noFormulas);
    }
    flushMonth();
    values.push(["合计", null, null, null, null, null, null, Math.round(yAmt) / 100, null, null, null, null, null, null]);
    formats.push(rowFmt);
    formulas.push(noFormulas);
    sheets.push({ name: `${y}年销售`, values, formats, formulas, merges: [{ row: 0, col: 0, rowEnd: 0, colEnd: nOrder - 1 }] });
  }

  const table = (name: string, headers: readonly string[], rows: RawCell[][], fmt: readonly string[]): ClerkSheet => {
    const blank = new Array<string | null>(headers.length).fill(null);
    return { name, values: [[...headers], ...rows], formats: [headers.map(() => "General"), ...rows.map(() => fmt)], formulas: [blank, ...rows.map(() => blank)], merges: [] };
  };
  sheets.push(
    table(
      "回款",
      PAYMENT_HEADERS,
      input.payments.map((p) => [ser(p.date), p.customer, p.amountFen / 100, p.method ?? null, p.account ?? null, p.ref ?? null, p.notes ?? null]),
      [DATE_FMT, "General", MONEY_FMT, "General", "General", "@", "General"],
    ),
    table(
      "退货",
      RETURN_HEADERS,
      input.returns.map((r) => [ser(r.date), r.customer, r.orderNo ?? null, r.model ?? null, r.qty ?? null, r.amountFen / 100, r.reason ?? null, r.resolution ?? null]),
      [DATE_FMT, "General", "@", "General", "General", MONEY_FMT, "General", "General"],
    ),
    table(
      "客户资料",
      CUSTOMER_HEADERS,
      input.customers.map((c) => [c.name, c.code ?? null, c.region ?? null, c.warehouse ?? null, c.terms ?? null, c.creditLimitFen === undefined ? null : c.creditLimitFen / 100, c.paymentDays ?? null, c.contact ?? null, c.phone ?? null, c.address ?? null, c.class ?? null, c.openingBalanceFen / 100]),
      ["General", "@", "General", "General", "General", MONEY_FMT, "0", "General", "@", "General", "General", MONEY_FMT],
    ),
    table(
      "价格表",
      PRODUCT_HEADERS,
      input.products.map((p) => [p.model, p.series ?? null, p.name ?? null, p.unit ?? null, p.priceFen === undefined ? null : p.priceFen / 100]),
      ["General", "General", "General", "General", MONEY_FMT],
    ),
  );
  return sheets;

  function orderFormula(row: number): readonly (string | null)[] {
    const f = noFormulas.slice();
    f[7] = `=E${row}*F${row}`;
    return f;
  }
}

/** `1,234.50` from fen (bench side; the product's own formatter is `formatFen`). */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const int = Math.floor(a / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + int + "." + String(a % 100).padStart(2, "0");
}

/** One worksheet-function call of the functions case: LEDGER.SALES / QTY / COLLECTED with Excel-style arguments. */
export interface FunctionCall {
  readonly fn: "sales" | "qty" | "collected";
  readonly customer: string;
  /** Model for SALES/QTY by model, else null (all models). */
  readonly model: string | null;
  /** Period as Excel serials (what a date cell passes). */
  readonly from: number;
  readonly to: number;
}

/**
 * `n` calls a clerk's summary sheet would make: 60 % SALES (half of them for one model), 15 % QTY
 * by model, 25 % COLLECTED, each over a calendar month or a quarter of 2023–2025.
 */
export function functionCalls(b: BenchLedger, n: number, seed = DEFAULT_SEED): FunctionCall[] {
  const rng = makeRng(seed ^ 0xf00d);
  const bought = new Map<string, string[]>();
  for (const o of b.input.orders) {
    let ms = bought.get(o.customer);
    if (!ms) bought.set(o.customer, (ms = []));
    if (ms.length < 64 && !ms.includes(o.model)) ms.push(o.model);
  }
  const customers = [...bought.keys()];
  const out: FunctionCall[] = [];
  for (let i = 0; i < n; i++) {
    const customer = pick(rng, customers);
    const models = bought.get(customer) ?? [];
    const y = 2023 + Math.floor(rng() * 3);
    const quarter = rng() < 0.25;
    const m = quarter ? 1 + 3 * Math.floor(rng() * 4) : 1 + Math.floor(rng() * 12);
    const from = `${y}-${pad2(m)}-01`;
    const endM = m + (quarter ? 2 : 0);
    const to = calendarMonthEnd(y, endM);
    const r = rng();
    const fn = r < 0.6 ? "sales" : r < 0.75 ? "qty" : "collected";
    const model = fn === "qty" || (fn === "sales" && r < 0.3) ? pick(rng, models) : null;
    out.push({ fn, customer, model, from: isoToSerial(from), to: isoToSerial(to) });
  }
  return out;
}

function calendarMonthEnd(y: number, m: number): string {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad2(m)}-${pad2(last)}`;
}
