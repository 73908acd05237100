import fc from "fast-check";
import { describeIssue } from "../../src/core/i18n";
import { COMPANY_SETTINGS, STATEMENT_SETTINGS, generateStatements } from "../../src/app/generate-statements";
import { checkCompanySettings, cutoffOfForm, formFromSettings, settingsOfForm, type CompanySettingsForm } from "../../taskpane/company-settings";
import { loadCompanySettings, saveCompanySettings } from "../../taskpane/ledger-api";
import { lastSettlementPeriod } from "../../taskpane/dates";
import { MemoryPort } from "../builders/memory-port";
import { smallLedger } from "../builders/report-fixtures";

const NAME = "湖南某某电器有限公司";

function form(over: Partial<CompanySettingsForm> = {}): CompanySettingsForm {
  return { ...formFromSettings({}), name: NAME, ...over };
}

function messages(f: CompanySettingsForm, locale: "zh-CN" | "en-US" = "zh-CN"): [string | undefined, string][] {
  return checkCompanySettings(f).map((i) => [i.at?.field, describeIssue({ ...i, at: undefined }, locale)]);
}

describe("the 本公司信息 form (checks before saving)", () => {
  test("an empty workbook gives blank fields and cut-off day 25", () => {
    expect(formFromSettings({})).toEqual({ name: "", address: "", phone: "", bank: "", cutoffMode: "day", cutoffText: "25" });
  });

  test("stored settings fill the form; 31 shows as 自然月, an unreadable day as 25", () => {
    const stored = { [COMPANY_SETTINGS.name]: NAME, [COMPANY_SETTINGS.phone]: "0731-88880000", [STATEMENT_SETTINGS.cutoffDay]: "31" };
    expect(formFromSettings(stored)).toEqual({ name: NAME, address: "", phone: "0731-88880000", bank: "", cutoffMode: "month", cutoffText: "25" });
    expect(formFromSettings({ [STATEMENT_SETTINGS.cutoffDay]: "20" })).toMatchObject({ cutoffMode: "day", cutoffText: "20" });
    expect(formFromSettings({ [STATEMENT_SETTINGS.cutoffDay]: "abc" })).toMatchObject({ cutoffMode: "day", cutoffText: "25" });
  });

  test("the name is required (blank or spaces, full-width too): a message on the name field", () => {
    expect(messages(form({ name: "" }))).toMatchInlineSnapshot(`
      [
        [
          "name",
          "请填写本公司名称，它会印在对账单抬头和回执上。",
        ],
      ]
    `);
    expect(messages(form({ name: " \u3000 " })).map(([f]) => f)).toEqual(["name"]);
    expect(messages(form())).toEqual([]);
  });

  test("the cut-off is a whole number 1–31 (full-width digits accepted); 自然月 needs no day", () => {
    expect(messages(form({ cutoffText: "32" }))).toMatchInlineSnapshot(`
      [
        [
          "cutoffDay",
          "结算截止日应是 1 到 31 之间的整数（如 25 表示每月 25 日截止），现在是：32",
        ],
      ]
    `);
    expect(messages(form({ cutoffText: "2.5" }), "en-US")).toMatchInlineSnapshot(`
      [
        [
          "cutoffDay",
          "The settlement cut-off day must be a whole number from 1 to 31 (25 = periods end on the 25th); got: 2.5",
        ],
      ]
    `);
    for (const bad of ["0", "", " ", "-1", "二十五", "25日"]) expect([bad, cutoffOfForm(form({ cutoffText: bad }))]).toEqual([bad, null]);
    expect([cutoffOfForm(form({ cutoffText: " ２５ " })), cutoffOfForm(form({ cutoffText: "1" })), cutoffOfForm(form({ cutoffText: "31" }))]).toEqual([25, 1, 31]);
    expect(cutoffOfForm(form({ cutoffMode: "month", cutoffText: "garbage" }))).toBe(31);
    expect(messages(form({ cutoffMode: "month", cutoffText: "garbage" }))).toEqual([]);
  });

  test("both problems at once, name first", () => {
    expect(checkCompanySettings(form({ name: "", cutoffText: "40" })).map((i) => i.at?.field)).toEqual(["name", "cutoffDay"]);
  });

  test("property: every day 1–31 is accepted and saved as itself; the form round-trips through the settings", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.string({ maxLength: 20 }), (day, phone) => {
        const f = form({ cutoffText: String(day), phone });
        expect(checkCompanySettings(f)).toEqual([]);
        const stored = settingsOfForm(f);
        expect(stored[STATEMENT_SETTINGS.cutoffDay]).toBe(String(day));
        const back = formFromSettings(stored);
        expect(cutoffOfForm(back)).toBe(day);
        expect(back.phone).toBe(phone.trim());
      }),
      { numRuns: 150 },
    );
  });

  test("property: a day outside 1–31 is refused", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 32, max: 100000 })), (day) => {
        expect(checkCompanySettings(form({ cutoffText: String(day) })).map((i) => i.code)).toEqual(["statement.settings.cutoffInvalid"]);
      }),
      { numRuns: 150 },
    );
  });

  test("settingsOfForm trims, and refuses an unchecked form (a bug)", () => {
    expect(settingsOfForm(form({ name: `  ${NAME} `, address: " 长沙市岳麓区 ", bank: "", cutoffMode: "month" }))).toEqual({
      "company.name": NAME,
      "company.address": "长沙市岳麓区",
      "company.phone": "",
      "company.bank": "",
      "statement.cutoffDay": "31",
    });
    expect(() => settingsOfForm(form({ name: "" }))).toThrow("not checked");
  });
});

describe("saving 本公司信息 through the port", () => {
  test("an invalid form writes nothing and returns the field issues", async () => {
    const port = new MemoryPort();
    const r = await saveCompanySettings(port, form({ name: "" }), await loadCompanySettings(port));
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(["statement.settings.nameRequired"]);
    expect(port.count("setSetting")).toBe(0);
  });

  test("saved settings are what the next statement's header and the default period use; unchanged ones are not rewritten", async () => {
    const port = new MemoryPort({ settings: { [COMPANY_SETTINGS.address]: "长沙市岳麓区" } });
    const stored = await loadCompanySettings(port);
    expect(stored).toEqual({ "company.name": null, "company.address": "长沙市岳麓区", "company.phone": null, "company.bank": null, "statement.cutoffDay": null });
    const r = await saveCompanySettings(port, { ...formFromSettings(stored), name: NAME, phone: "0731-88880000", cutoffMode: "month" }, stored);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(port.calls.filter((c) => c.method === "setSetting").map((c) => c.args)).toEqual([
      ["company.name", NAME],
      ["company.phone", "0731-88880000"],
      ["statement.cutoffDay", "31"],
    ]);
    expect(await loadCompanySettings(port)).toEqual(r.value);

    const g = await generateStatements(port, smallLedger(), { customers: "all-monthly", from: "2025-02-26", to: "2025-03-25" });
    if (!g.ok) throw new Error("generate failed");
    expect(g.value.issues).toEqual([]);
    expect(port.sheets[0]?.rows.slice(0, 2)).toEqual([[NAME], ["地址：长沙市岳麓区　电话：0731-88880000"]]);
    expect(lastSettlementPeriod("2025-03-10", cutoffOfForm(formFromSettings(r.value)) ?? 25)).toEqual({ from: "2025-02-01", to: "2025-02-28" });
  });
});
