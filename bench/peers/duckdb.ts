/**
 * Peer: DuckDB (`@duckdb/node-api`, in-memory, default threads) running the same group-bys in SQL
 * over the same rows. Loading (appender + the movements table, the analogue of `Ledger.build`'s
 * indexes) is timed separately and excluded from the query figures; query results are read back
 * into JS rows, since our reports hand back data too.
 */
import { DuckDBConnection, DuckDBInstance, dateValue, type DuckDBAppender } from "@duckdb/node-api";
import type { BenchLedger } from "../data";
import type { Check } from "./types";

/** A loaded database. */
export interface DuckPeer {
  readonly conn: DuckDBConnection;
  readonly loadMs: number;
  readonly threads: string;
}

const EPOCH = Date.UTC(1970, 0, 1);
const dayCache = new Map<string, number>();
function epochDays(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) dayCache.set(iso, (d = Math.round((Date.parse(iso + "T00:00:00Z") - EPOCH) / 86_400_000)));
  return d;
}

function appendText(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendVarchar(v);
}
function appendDate(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendDate(dateValue(epochDays(v)));
}

/** Creates the tables, appends every record, and materializes the receivable movements. */
export async function loadDuckDb(b: BenchLedger): Promise<DuckPeer> {
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run(`
    CREATE TABLE customers (name VARCHAR, code VARCHAR, region VARCHAR, warehouse VARCHAR, terms VARCHAR, payment_days INTEGER, opening_fen BIGINT, opening_date DATE);
    CREATE TABLE orders (order_no VARCHAR, date DATE, customer VARCHAR, model VARCHAR, qty DOUBLE, price_fen BIGINT, amount_fen BIGINT, warehouse VARCHAR, region VARCHAR, status VARCHAR, ship_date DATE);
    CREATE TABLE payments (date DATE, customer VARCHAR, amount_fen BIGINT, method VARCHAR, account VARCHAR, ref VARCHAR, allowance BOOLEAN);
    CREATE TABLE returns (date DATE, customer VARCHAR, order_no VARCHAR, model VARCHAR, qty DOUBLE, amount_fen BIGINT);
  `);
  const { customers, orders, payments, returns } = b.input;
  let a = await conn.createAppender("customers");
  for (const c of customers) {
    a.appendVarchar(c.name);
    appendText(a, c.code);
    appendText(a, c.region);
    appendText(a, c.warehouse);
    appendText(a, c.terms);
    a.appendInteger(c.paymentDays ?? 0);
    a.appendBigInt(BigInt(c.openingBalanceFen));
    appendDate(a, c.openingDate);
    a.endRow();
  }
  a.closeSync();
  a = await conn.createAppender("orders");
  for (const o of orders) {
    appendText(a, o.orderNo);
    appendDate(a, o.date);
    a.appendVarchar(o.customer);
    a.appendVarchar(o.model);
    a.appendDouble(o.qty);
    if (o.priceFen === undefined) a.appendNull();
    else a.appendBigInt(BigInt(o.priceFen));
    a.appendBigInt(BigInt(o.amountFen));
    appendText(a, o.warehouse);
    appendText(a, o.region);
    a.appendVarchar(o.status);
    appendDate(a, o.shipDate);
    a.endRow();
  }
  a.closeSync();
  a = await conn.createAppender("payments");
  for (const p of payments) {
    appendDate(a, p.date);
    a.appendVarchar(p.customer);
    a.appendBigInt(BigInt(p.amountFen));
    appendText(a, p.method);
    appendText(a, p.account);
    appendText(a, p.ref);
    a.appendBoolean(p.allowance);
    a.endRow();
  }
  a.closeSync();
  a = await conn.createAppender("returns");
  for (const r of returns) {
    appendDate(a, r.date);
    a.appendVarchar(r.customer);
    appendText(a, r.orderNo);
    appendText(a, r.model);
    if (r.qty === undefined) a.appendNull();
    else a.appendDouble(r.qty);
    a.appendBigInt(BigInt(r.amountFen));
    a.endRow();
  }
  a.closeSync();
  // Receivable movements (ship date else order date; cancelled out; credits negative), sorted:
  // the same index Ledger.build makes, so the queries below start from equal footing.
  await conn.run(`
    CREATE TABLE movements AS
    SELECT * FROM (
      SELECT customer, coalesce(ship_date, date) AS date, CASE WHEN amount_fen < 0 THEN 'return' ELSE 'sale' END AS kind,
             order_no AS ref, model, qty, price_fen, amount_fen, 0 AS src, 0 AS seq
        FROM orders WHERE status <> '已取消'
      UNION ALL
      SELECT customer, date, 'return', order_no, model, -qty, NULL, -amount_fen, 1, 0 FROM returns
      UNION ALL
      SELECT customer, date, CASE WHEN allowance THEN 'allowance' ELSE 'payment' END, ref, NULL, NULL, NULL, -amount_fen, 2, 0 FROM payments
    ) m
    ORDER BY customer, date, src;
  `);
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0]?.t;
  return { conn, loadMs: performance.now() - t0, threads: String(threads) };
}

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRows() as unknown[][];
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : v === null || v === undefined ? 0 : Number(v));
const sumCol = (rs: unknown[][], col: number): number => rs.reduce((s, r) => s + num(r[col]), 0);

function monthEnd(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(last).padStart(2, "0")}`;
}

/** 销售日报: the day's customer × model with month-to-date, and the day's collections by account × customer. */
export async function duckDaily(p: DuckPeer, b: BenchLedger): Promise<Check> {
  const d = b.day;
  const m0 = d.slice(0, 8) + "01";
  const pairs = await rows(
    p.conn,
    `SELECT customer, model,
            sum(qty) FILTER (WHERE date = DATE '${d}') AS qty, sum(amount_fen) FILTER (WHERE date = DATE '${d}') AS amount,
            sum(qty) AS mtd_qty, sum(amount_fen) AS mtd_amount
       FROM orders WHERE status <> '已取消' AND date BETWEEN DATE '${m0}' AND DATE '${d}'
      GROUP BY customer, model ORDER BY customer, model`,
  );
  const coll = await rows(
    p.conn,
    `SELECT coalesce(account, '') AS grp, customer, sum(amount_fen) FROM payments
      WHERE date = DATE '${d}' AND NOT allowance GROUP BY grp, customer ORDER BY grp, customer`,
  );
  return { amountFen: sumCol(pairs, 3), mtdAmountFen: sumCol(pairs, 5), rows: pairs.length, collectedFen: sumCol(coll, 2) };
}

/** 销售月报: customer × model of the month, and per customer sales/returns/allowances/collections/closing. */
export async function duckMonthly(p: DuckPeer, b: BenchLedger): Promise<Check> {
  const from = b.month + "-01";
  const to = monthEnd(b.month);
  const pairs = await rows(
    p.conn,
    `SELECT customer, model, sum(qty), sum(amount_fen) FROM orders
      WHERE status <> '已取消' AND date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY customer, model ORDER BY customer, model`,
  );
  const cust = await rows(
    p.conn,
    `WITH s AS (SELECT customer, sum(amount_fen) FILTER (WHERE amount_fen > 0) AS sales, -sum(amount_fen) FILTER (WHERE amount_fen < 0) AS neg
                  FROM orders WHERE status <> '已取消' AND date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY customer),
          r AS (SELECT customer, sum(amount_fen) AS ret FROM returns WHERE date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY customer),
          pm AS (SELECT customer, sum(amount_fen) FILTER (WHERE allowance) AS allow, sum(amount_fen) FILTER (WHERE NOT allowance) AS coll
                   FROM payments WHERE date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY customer),
          bal AS (SELECT m.customer, sum(m.amount_fen) AS mv FROM movements m LEFT JOIN customers c ON c.name = m.customer
                   WHERE m.date <= DATE '${to}' AND (c.opening_date IS NULL OR m.date > c.opening_date) GROUP BY m.customer)
     SELECT c.name, coalesce(s.sales, 0), coalesce(s.neg, 0) + coalesce(r.ret, 0), coalesce(pm.allow, 0), coalesce(pm.coll, 0),
            c.opening_fen + coalesce(bal.mv, 0) AS closing
       FROM customers c LEFT JOIN s ON s.customer = c.name LEFT JOIN r ON r.customer = c.name
            LEFT JOIN pm ON pm.customer = c.name LEFT JOIN bal ON bal.customer = c.name
      ORDER BY c.name`,
  );
  return { amountFen: sumCol(pairs, 3), rows: pairs.length, closingFen: sumCol(cust, 5) };
}

/** 销售年报: customers × months of sales (order date), and collections likewise. */
export async function duckAnnual(p: DuckPeer, b: BenchLedger): Promise<Check> {
  const y = b.year;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const sales = await rows(
    p.conn,
    `SELECT customer, ${months.map((m) => `sum(amount_fen) FILTER (WHERE month(date) = ${m}) AS m${m}`).join(", ")}, sum(amount_fen) AS total
       FROM orders WHERE status <> '已取消' AND year(date) = ${y} GROUP BY customer ORDER BY customer`,
  );
  const coll = await rows(
    p.conn,
    `SELECT customer, ${months.map((m) => `sum(amount_fen) FILTER (WHERE month(date) = ${m}) AS m${m}`).join(", ")}, sum(amount_fen) AS total
       FROM payments WHERE NOT allowance AND year(date) = ${y} GROUP BY customer ORDER BY customer`,
  );
  return { amountFen: sumCol(sales, 13), rows: sales.length, collectedFen: sumCol(coll, 13) };
}

/**
 * 账龄 as of today: balance per customer; credits settle the oldest debits first (FIFO), so the
 * open part is the newest debits up to the balance; each open part ages from its due date
 * (receivable date + payment days).
 */
export async function duckAging(p: DuckPeer, b: BenchLedger): Promise<Check> {
  const t = b.today;
  const out = await rows(
    p.conn,
    `WITH live AS (
        SELECT m.customer, m.date, m.amount_fen, coalesce(c.payment_days, 0) AS pd FROM movements m LEFT JOIN customers c ON c.name = m.customer
         WHERE m.date <= DATE '${t}' AND (c.opening_date IS NULL OR m.date > c.opening_date)),
      opening AS (SELECT name AS customer, opening_fen, coalesce(opening_date, DATE '1900-01-01') AS date, coalesce(payment_days, 0) AS pd FROM customers),
      debits AS (SELECT customer, date, amount_fen, pd FROM live WHERE amount_fen > 0
                 UNION ALL SELECT customer, date, opening_fen, pd FROM opening WHERE opening_fen > 0),
      bal AS (SELECT customer, sum(amount_fen) AS balance FROM (SELECT customer, amount_fen FROM live UNION ALL SELECT customer, opening_fen FROM opening) GROUP BY customer),
      ranked AS (SELECT d.customer, d.date, d.amount_fen, d.pd, bal.balance,
                        sum(d.amount_fen) OVER (PARTITION BY d.customer ORDER BY d.date DESC ROWS UNBOUNDED PRECEDING) AS newer_incl
                   FROM debits d JOIN bal USING (customer)),
      open AS (SELECT customer, date, pd, least(amount_fen, greatest(0, balance - (newer_incl - amount_fen))) AS open_fen FROM ranked),
      aged AS (SELECT customer, open_fen, DATE '${t}' - (date + pd) AS past FROM open WHERE open_fen > 0)
     SELECT bal.customer, bal.balance,
            coalesce(sum(open_fen) FILTER (WHERE past <= 0), 0) + CASE WHEN bal.balance < 0 THEN bal.balance ELSE 0 END AS cur,
            coalesce(sum(open_fen) FILTER (WHERE past BETWEEN 1 AND 30), 0) AS b30,
            coalesce(sum(open_fen) FILTER (WHERE past BETWEEN 31 AND 60), 0) AS b60,
            coalesce(sum(open_fen) FILTER (WHERE past BETWEEN 61 AND 90), 0) AS b90,
            coalesce(sum(open_fen) FILTER (WHERE past BETWEEN 91 AND 120), 0) AS b120,
            coalesce(sum(open_fen) FILTER (WHERE past > 120), 0) AS bover
       FROM bal LEFT JOIN aged USING (customer) GROUP BY bal.customer, bal.balance ORDER BY bal.customer`,
  );
  return { balanceFen: sumCol(out, 1), rows: out.length, over120Fen: sumCol(out, 7) };
}

/** 对账单 for every 月结 customer: opening, the period's movements with a running balance, closing. */
export async function duckStatements(p: DuckPeer, b: BenchLedger): Promise<Check> {
  const { from, to } = b.period;
  const lines = await rows(
    p.conn,
    `WITH mc AS (SELECT name, opening_fen, opening_date FROM customers WHERE terms = '月结'),
      op AS (SELECT mc.name AS customer, mc.opening_fen + coalesce(sum(m.amount_fen), 0) AS opening
               FROM mc LEFT JOIN movements m ON m.customer = mc.name AND m.date < DATE '${from}' AND (mc.opening_date IS NULL OR m.date > mc.opening_date)
              GROUP BY mc.name, mc.opening_fen),
      per AS (SELECT m.* FROM movements m JOIN mc ON mc.name = m.customer WHERE m.date BETWEEN DATE '${from}' AND DATE '${to}')
     SELECT op.customer, per.date, per.kind, per.ref, per.model, per.qty, per.amount_fen,
            op.opening + coalesce(sum(per.amount_fen) OVER (PARTITION BY op.customer ORDER BY per.date, per.src ROWS UNBOUNDED PRECEDING), 0) AS balance,
            op.opening + coalesce(sum(per.amount_fen) OVER (PARTITION BY op.customer), 0) AS closing
       FROM op LEFT JOIN per ON per.customer = op.customer
      ORDER BY op.customer, per.date, per.src`,
  );
  const closing = new Map<string, number>();
  for (const r of lines) closing.set(String(r[0]), num(r[8]));
  let closingFen = 0;
  for (const v of closing.values()) closingFen += v;
  return { statements: closing.size, rows: lines.length, closingFen };
}
