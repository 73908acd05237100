import fc from "fast-check";
import { addDays } from "../../../src/core/dates";
import { importWorkbook } from "../../../src/core/import/import-workbook";
import { readJournalTitle, signedBalance } from "../../../src/core/import/journal";
import { Ledger } from "../../../src/core/ledger";
import { describeIssue } from "../../../src/core/i18n";
import type { RawCell } from "../../../src/core/import/types";
import { grid } from "./grid";

const kinds = (r: ReturnType<typeof importWorkbook>, sheet: string): string[] =>
  (r.outcomes[sheet] ?? []).map((o) => `${o.row}:${o.kind}${o.kind === "skipped" ? `:${o.reason.code.replace("import.skip.", "")}` : o.kind === "rejected" ? `:${o.issues.map((i) => i.code).join("+")}` : ""}${o.kind === "imported" && o.warnings.length > 0 ? `:${o.warnings.map((w) => w.code.replace("import.warn.", "")).join("+")}` : ""}`);
const conserved = (r: ReturnType<typeof importWorkbook>): boolean => r.tallies.every((t) => t.imported + t.rejected + t.skipped === t.rows);

describe("readJournalTitle: the customer and period a journal's title line names", () => {
  it.each([
    ["科目：1122 应收账款 — 长沙华兴商贸有限公司", "长沙华兴商贸有限公司", undefined],
    ["科目：应收账款_郑州宏达", "郑州宏达", undefined],
    ["科目：112201 应收账款-客户-西安利民", "西安利民", undefined],
    ["核算项目：客户 — 0012 长沙华兴商贸", "长沙华兴商贸", "0012"],
    ["核算项目：客户-[C003]郑州宏达（集团）", "郑州宏达(集团)", "C003"],
    ["往来单位：西安利民电器", "西安利民电器", undefined],
    ["客户：3M中国有限公司", "3M中国有限公司", undefined],
    ["科目：1122 应收账款 — 长沙华兴 期间：2025.01-2025.03", "长沙华兴", undefined],
  ])("%s → %s", (text, customer, code) => {
    const t = readJournalTitle(text);
    expect([t?.customer, t?.code]).toEqual([customer, code]);
  });

  it("names no customer in an account alone, a supplier item, or a period", () => {
    expect([readJournalTitle("科目：1122 应收账款")?.customer, readJournalTitle("核算项目：供应商 — 0001 某钢厂")?.customer, readJournalTitle("期间：2025.01-2025.03")?.customer]).toEqual([undefined, undefined, undefined]);
    expect(readJournalTitle("期间：2024.12-2025.02")?.period).toEqual({ from: { year: 2024, month: 12 }, to: { year: 2025, month: 2 } });
    expect(readJournalTitle("2025年度")?.year).toBe(2025);
    expect(readJournalTitle("销售电机")).toBeNull();
  });
});

describe("signedBalance: 方向 with an absolute 余额", () => {
  it("借 is owed to us, 贷 is owed to the customer, 平 is nothing, blank is as written, an unknown word is null", () => {
    expect([signedBalance(500, "借"), signedBalance(500, "贷"), signedBalance(-500, "贷"), signedBalance(500, "平"), signedBalance(-300, undefined), signedBalance(500, "Cr"), signedBalance(500, "欠")]).toEqual([500, -500, -500, 0, -300, -500, null]);
  });
});

describe("importWorkbook: journals as accounting packages export them", () => {
  it("takes the customer from a 科目 title line (no customer column) — the sheet is read, not skipped", () => {
    const g = grid("明细账", [
      ["应收账款明细账"],
      ["科目：1122 应收账款 — 长沙华兴商贸有限公司", null, null, "期间：2025.01-2025.03"],
      ["日期", "凭证字号", "摘要", "借方", "贷方", "余额"],
      ["2025-01-01", null, "期初余额", null, null, 1000],
      ["2025-01-08", "记-3", "销售", 500, null, 1500],
      ["2025-02-10", "记-9", "收款", null, 1200, 300],
    ]);
    const r = importWorkbook([g]);
    expect([r.detections[0]!.role, r.detections[0]!.sheetCustomer]).toEqual(["orders", "长沙华兴商贸有限公司"]);
    expect(kinds(r, "明细账")).toEqual(["4:imported", "5:imported", "6:imported"]);
    expect(Ledger.build(r.input).balance("长沙华兴商贸有限公司", "2025-03-31")).toBe(30000);
  });

  it("reads several customers stacked in one sheet, each block under its own title, 期间 and header, with its own 期初", () => {
    const g = grid("往来", [
      ["核算项目：客户 — 0012 长沙华兴商贸", null, null, null, "期间：2025.01-2025.03"],
      ["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"],
      ["2025-01-01", null, "期初余额", null, null, "借", 2000],
      ["2025-01-05", "记-1", "销售", 1000, null, "借", 3000],
      ["2025-01-31", null, "本月合计", 1000, null, "借", 3000],
      [null],
      ["核算项目：客户 — 0013 郑州宏达", null, null, null, "期间：2025.01-2025.03"],
      ["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"],
      ["2025-01-01", null, "期初余额", null, null, "贷", 500],
      ["2025-01-09", "记-2", "销售", 800, null, "借", 300],
      ["2025-02-02", "记-5", "收款", null, 300, "平", 0],
      ["2025-03-31", null, "当前累计", 800, 300, "平", 0],
    ]);
    const r = importWorkbook([g]);
    expect(kinds(r, "往来")).toEqual(["3:imported", "4:imported", "5:skipped:subtotal", "6:skipped:blank", "7:skipped:journalTitle", "8:skipped:repeatedHeader", "9:imported", "10:imported", "11:imported", "12:skipped:subtotal"]);
    expect(r.input.customers.map((c) => [c.name, c.code, c.openingBalanceFen, c.openingDate])).toEqual([
      ["长沙华兴商贸", "0012", 200000, "2025-01-01"],
      ["郑州宏达", "0013", -50000, "2025-01-01"],
    ]);
    const ledger = Ledger.build(r.input);
    expect([ledger.balance("长沙华兴商贸", "2025-03-31"), ledger.balance("郑州宏达", "2025-01-31"), ledger.balance("郑州宏达", "2025-03-31")]).toEqual([300000, 30000, 0]);
    expect(conserved(r)).toBe(true);
  });

  it("stacked blocks with no repeated header: 客户 / 往来单位 title lines below the header switch the customer", () => {
    const g = grid("往来", [
      ["日期", "摘要", "借方", "贷方", "余额"],
      ["往来单位：甲公司"],
      ["2025-01-01", "上年结转", null, null, 100],
      ["2025-01-02", "销售", 50, null, 150],
      ["往来单位：乙公司"],
      ["2025-01-01", "上年结转", null, null, 70],
      ["2025-01-03", "收款", null, 70, 0],
    ]);
    const r = importWorkbook([g]);
    expect(kinds(r, "往来")).toEqual(["2:skipped:journalTitle", "3:imported", "4:imported", "5:skipped:journalTitle", "6:imported", "7:imported"]);
    const ledger = Ledger.build(r.input);
    expect([ledger.balance("甲公司", "2025-12-31"), ledger.balance("乙公司", "2025-12-31")]).toEqual([15000, 0]);
  });

  it("a 贷 balance is money we owe the customer, never read as owed, and the balance check uses the signed value", () => {
    const g = grid("预收", [
      ["客户：西安利民"],
      ["日期", "摘要", "借方", "贷方", "方向", "余额"],
      ["2025-03-01", "期初余额", null, null, "平", 0],
      ["2025-03-02", "预收货款", null, 5000, "贷", 5000],
      ["2025-03-10", "销售", 3000, null, "贷", 2000],
      ["2025-03-20", "销售", 2500, null, "借", 500],
      ["2025-03-25", "销售", 100, null, "借", 900],
    ]);
    const r = importWorkbook([g]);
    expect(kinds(r, "预收")).toEqual(["3:imported", "4:imported", "5:imported", "6:imported", "7:imported:balanceMismatch"]);
    const ledger = Ledger.build(r.input);
    expect([ledger.balance("西安利民", "2025-03-02"), ledger.balance("西安利民", "2025-03-10"), ledger.balance("西安利民", "2025-03-20")]).toEqual([-500000, -200000, 50000]);
    const w = (r.outcomes["预收"] ?? []).flatMap((o) => (o.kind === "imported" ? o.warnings : []));
    expect(w.map((x) => describeIssue(x, "zh-CN"))).toMatchInlineSnapshot(`
[
  "「预收」 第 7 行 F 列 （余额）：余额 900 与上一行余额加借方减贷方（600）不符，请核对；借贷金额照常导入",
]
`);
  });

  it("an opening line with a direction it cannot read is rejected with the cell; an unknown direction on a movement is warned", () => {
    const g = grid("往来", [
      ["客户：甲"],
      ["日期", "摘要", "借方", "贷方", "方向", "余额"],
      ["2025-03-01", "期初余额", null, null, "欠", 100],
      ["2025-03-02", "销售", 50, null, "？", 150],
    ]);
    const r = importWorkbook([g]);
    expect(kinds(r, "往来")).toEqual(["3:rejected:import.journal.unknownDirection", "4:imported:unknownDirection"]);
    const o = r.outcomes["往来"]![0]!;
    expect(o.kind === "rejected" ? describeIssue(o.issues[0]!, "zh-CN") : "").toMatchInlineSnapshot(`"「往来」 第 3 行 E 列 （方向）：期初行的方向「欠」不是借、贷或平，无法确定期初余额是客户欠我们还是我们欠客户"`);
  });

  it("builds dates from 月 | 日 columns under the year in the title or the 期间 line; an impossible date is rejected with the cell", () => {
    const g = grid("明细", [
      ["2025年 应收账款明细账"],
      ["科目：应收账款_长沙华兴"],
      ["月", "日", "凭证号", "摘要", "借方", "贷方", "借或贷", "余额"],
      [null, null, null, "上年结转", null, null, "借", 1000],
      [1, 5, "记-1", "销售", 200, null, "借", 1200],
      [null, 20, "记-7", "收款", null, 1200, "平", 0],
      ["02", "30", "记-9", "销售", 50, null, "借", 50],
      [3, 1, "记-10", "销售", 50, null, "借", 50],
    ]);
    const r = importWorkbook([g]);
    expect(r.detections[0]!.reasons.some((x) => x.code === "import.reason.dateFromMonthDay")).toBe(true);
    expect(kinds(r, "明细")).toEqual(["4:imported", "5:imported", "6:imported", "7:rejected:date.impossible", "8:imported"]);
    expect(r.input.orders.map((o) => o.date)).toEqual(["2025-01-05", "2025-03-01"]);
    expect(r.input.payments.map((p) => p.date)).toEqual(["2025-01-20"]);
    // 上年结转 with no date stands at the end of the year before.
    expect(r.input.customers.map((c) => [c.name, c.openingBalanceFen, c.openingDate])).toEqual([["长沙华兴", 100000, "2024-12-31"]]);
    const bad = r.outcomes["明细"]![3]!;
    expect(bad.kind === "rejected" ? describeIssue(bad.issues[0]!, "zh-CN") : "").toMatchInlineSnapshot(`"「明细」 第 7 行 B 列 （日）：日期不存在：2025年2月30日"`);
  });

  it("puts each month in the right year when the 期间 runs over a new year, and takes a 年 column when there is one", () => {
    const rows = (year: RawCell): RawCell[][] => [
      ["核算项目：客户 — 甲商行", null, "期间：2024.12-2025.02"],
      ["年", "月", "日", "摘要", "借方", "贷方", "余额"],
      [year, 12, 28, "销售", 100, null, 100],
      [year === null ? null : 2025, 1, 3, "收款", null, 100, 0],
    ];
    const a = importWorkbook([grid("甲", rows(null))]);
    const b = importWorkbook([grid("甲", rows(2024))]);
    expect([a.input.orders.map((o) => o.date), a.input.payments.map((p) => p.date)]).toEqual([["2024-12-28"], ["2025-01-03"]]);
    expect([b.input.orders.map((o) => o.date), b.input.payments.map((p) => p.date)]).toEqual([["2024-12-28"], ["2025-01-03"]]);
  });

  it("skips 当前合计 / 当前累计 / 本期合计 / 本年累计 / 月计 / 年计 lines as totals", () => {
    const totals = ["当前合计", "当前累计", "本期合计", "本年累计", "月计", "年计", "本月累计", "结转下年"];
    const g = grid("往来", [["客户：甲"], ["日期", "摘要", "借方", "贷方", "余额"], ["2025-01-02", "销售", 100, null, 100], ...totals.map((t) => ["2025-01-31", t, 100, 0, 100])]);
    const r = importWorkbook([g]);
    expect(kinds(r, "往来").slice(1)).toEqual(totals.map((_, i) => `${i + 4}:skipped:subtotal`));
    expect(r.input.orders.length + r.input.payments.length).toBe(1);
  });

  it("the generic total rule knows 当前累计, 月计 and 年计 in any sheet", () => {
    const g = grid("销售", [["日期", "客户", "型号", "数量", "金额"], ["2025-01-02", "甲", "X1", 1, 100], [null, "当前累计", null, 1, 100], [null, "月计", null, 1, 100], [null, "年计", null, 1, 100]]);
    expect(kinds(importWorkbook([g]), "销售")).toEqual(["2:imported", "3:skipped:subtotal", "4:skipped:subtotal", "5:skipped:subtotal"]);
  });

  it("销售退回 / 退货 credits and red-ink 借方 are returns (negative sales), 折让 an allowance, other credits payments", () => {
    const g = grid("往来", [
      ["客户：甲"],
      ["日期", "摘要", "数量", "借方", "贷方", "余额"],
      ["2025-01-02", "销售", 10, 1000, null, 1000],
      ["2025-01-05", "销售退回", 2, null, 200, 800],
      ["2025-01-06", "退货 质量问题", null, null, 100, 700],
      ["2025-01-07", "红字冲销 记-1", null, -50, null, 650],
      ["2025-01-08", "折让", null, null, 50, 600],
      ["2025-01-09", "收到货款", null, null, 600, 0],
    ]);
    const r = importWorkbook([g]);
    expect(r.input.orders.map((o) => [o.date, o.qty, o.amountFen])).toEqual([
      ["2025-01-02", 10, 100000],
      ["2025-01-05", -2, -20000],
      ["2025-01-06", -1, -10000],
      ["2025-01-07", -1, -5000],
    ]);
    expect(r.input.payments.map((p) => [p.date, p.amountFen, p.allowance])).toEqual([
      ["2025-01-08", 5000, true],
      ["2025-01-09", 60000, false],
    ]);
    const ledger = Ledger.build(r.input);
    expect(ledger.movements("甲", "2025-01-01", "2025-01-31").map((m) => m.kind)).toEqual(["sale", "return", "return", "return", "allowance", "payment"]);
    expect(ledger.balance("甲", "2025-01-31")).toBe(0);
  });

  it("a movement on the 期初 line's own day comes after the opening (the opening stands the day before)", () => {
    const g = grid("往来", [["客户：甲"], ["日期", "摘要", "借方", "贷方", "余额"], ["2025-01-01", "期初余额", null, null, 100], ["2025-01-01", "销售", 50, null, 150]]);
    const r = importWorkbook([g]);
    expect(r.input.customers.map((c) => c.openingDate)).toEqual(["2024-12-31"]);
    expect(Ledger.build(r.input).balance("甲", "2025-01-01")).toBe(15000);
  });
});

describe("property: generated journals (stacked blocks, 方向 with absolute balances, 月 | 日 or a date column)", () => {
  const NAMES = ["长沙华兴商贸有限公司", "郑州宏达", "西安利民电器", "武汉三江贸易"];
  const TITLES: ((name: string, i: number) => string)[] = [
    (n) => `科目：1122 应收账款 — ${n}`,
    (n) => `科目：应收账款_${n}`,
    (n, i) => `核算项目：客户 — 00${12 + i} ${n}`,
    (n) => `往来单位：${n}`,
    (n) => `客户：${n}`,
  ];
  const move = fc.record({ day: fc.integer({ min: 0, max: 89 }), debit: fc.integer({ min: -2_000, max: 50_000 }), credit: fc.integer({ min: 0, max: 50_000 }), note: fc.constantFrom("收款", "销售退回", "折让", "货款"), total: fc.boolean() });
  const block = fc.record({ opening: fc.integer({ min: -300_000, max: 300_000 }), moves: fc.array(move, { minLength: 1, maxLength: 12 }), title: fc.integer({ min: 0, max: TITLES.length - 1 }) });

  it("the ledger ends each customer at the journal's last signed balance, with no warning, every row accounted for", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 4 }), fc.array(block, { minLength: 4, maxLength: 4 }), fc.boolean(), (names, blocks, monthDay) => {
        const side = (fen: number): [string, number] => [fen > 0 ? "借" : fen < 0 ? "贷" : "平", Math.abs(fen) / 100];
        const dateCells = (d: number): RawCell[] => {
          const iso = addDays("2025-01-01", d);
          return monthDay ? [Number(iso.slice(5, 7)), Number(iso.slice(8, 10))] : [iso];
        };
        const header = [...(monthDay ? ["月", "日"] : ["日期"]), "凭证号", "摘要", "借方", "贷方", "方向", "余额"];
        const rows: RawCell[][] = [["2025年 应收账款明细账"]];
        const last = new Map<string, number>();
        names.forEach((name, i) => {
          const b = blocks[i]!;
          if (i > 0) rows.push([null]);
          rows.push([TITLES[b.title]!(name, i), null, null, "期间：2025.01-2025.03"]);
          rows.push(header);
          let bal = b.opening;
          rows.push([...(monthDay ? [null, null] : ["2025-01-01"]), null, "期初余额", null, null, ...side(bal)]);
          [...b.moves].sort((x, y) => x.day - y.day).forEach((m, k) => {
            const debit = m.debit === 0 && m.credit === 0 ? 100 : m.debit;
            bal += debit - m.credit;
            rows.push([...dateCells(m.day), `记-${k + 1}`, debit !== 0 ? "销售" : m.note, debit !== 0 ? debit / 100 : null, m.credit !== 0 ? m.credit / 100 : null, ...side(bal)]);
            if (m.total) rows.push([...dateCells(m.day), null, "本月合计", null, null, ...side(bal)]);
          });
          last.set(name, bal);
        });
        const r = importWorkbook([grid("应收明细", rows)]);
        const out = r.outcomes["应收明细"] ?? [];
        expect(out.flatMap((o) => (o.kind === "imported" ? o.warnings : o.kind === "rejected" ? o.issues : []))).toEqual([]);
        expect(r.tallies.every((t) => t.imported + t.rejected + t.skipped === t.rows)).toBe(true);
        const ledger = Ledger.build(r.input);
        for (const [name, bal] of last) expect([name, ledger.balance(name, "2025-12-31")]).toEqual([name, bal]);
        expect(r.input.customers.map((c) => c.name).sort()).toEqual([...names].sort());
      }),
      { numRuns: 150 },
    );
  });
});

describe("importWorkbook: 用友-style two-row headers (the year over 月 | 日, 凭证 over 字 | 号)", () => {
  const head = (year: string): RawCell[][] => [
    [year, null, "凭证", null, "摘要", "借方", "贷方", "借或贷", "余额"],
    ["月", "日", "字", "号", null, null, null, null, null],
  ];
  it("reads each stacked block's dates in the year its own header names, the 月 | 日 rows skipped as header", () => {
    const rows: RawCell[][] = [
      ["应收账款明细账"],
      ["核算项目：客户 — 01 长沙华兴"],
      ...head("2024年"),
      [12, 1, null, null, "期初余额", null, null, "借", 100],
      [12, 15, "记", 3, "销售", 50, null, "借", 150],
      ["核算项目：客户 — 02 郑州宏达"],
      ...head("2025年"),
      [1, 1, null, null, "期初余额", null, null, "贷", 20],
      [1, 9, "记", 8, "销售", 50, null, "借", 30],
    ];
    const merges = [2, 8].flatMap((r) => [{ row: r, col: 0, rowEnd: r, colEnd: 1 }, { row: r, col: 2, rowEnd: r, colEnd: 3 }, ...[4, 5, 6, 7, 8].map((c) => ({ row: r, col: c, rowEnd: r + 1, colEnd: c }))]);
    const r = importWorkbook([grid("明细账", rows, { merges })]);
    expect(kinds(r, "明细账")).toEqual(["5:imported", "6:imported", "7:skipped:journalTitle", "8:skipped:repeatedHeader", "9:skipped:repeatedHeader", "10:imported", "11:imported"]);
    expect(r.input.orders.map((o) => [o.customer, o.date])).toEqual([
      ["长沙华兴", "2024-12-15"],
      ["郑州宏达", "2025-01-09"],
    ]);
    expect(r.input.customers.map((c) => [c.name, c.code, c.openingBalanceFen, c.openingDate])).toEqual([
      ["长沙华兴", "01", 10000, "2024-12-01"],
      ["郑州宏达", "02", -2000, "2025-01-01"],
    ]);
    expect(conserved(r)).toBe(true);
  });
});
