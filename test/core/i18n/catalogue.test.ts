import { catalogues, describeIssue, pickLocale, t } from "../../../src/core/i18n";

describe("message catalogues", () => {
  const zh = catalogues["zh-CN"];
  const en = catalogues["en-US"];

  it("have exactly the same keys in both languages", () => {
    const onlyZh = Object.keys(zh).filter((k) => !(k in en));
    const onlyEn = Object.keys(en).filter((k) => !(k in zh));
    expect({ onlyZh, onlyEn }).toEqual({ onlyZh: [], onlyEn: [] });
  });

  it("have no empty message and the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(zh).filter((k) => {
      const a = zh[k] ?? "";
      const b = en[k] ?? "";
      return a.trim() === "" || b.trim() === "" || placeholders(a).join() !== placeholders(b).join();
    });
    expect(mismatched).toEqual([]);
  });

  it("zh-CN messages are Chinese (contain at least one CJK character or are pure symbols)", () => {
    const notChinese = Object.entries(zh).filter(([, v]) => /[A-Za-z]{4,}/.test(v.replace(/\{\w+\}/g, "")) && !/[\u4e00-\u9fff]/.test(v));
    expect(notChinese).toEqual([]);
  });
});

describe("t and describeIssue", () => {
  it("fills placeholders and falls back to the code for unknown keys", () => {
    expect(t("no.such.code", { value: "x" })).toBe("no.such.code");
    expect(t("no.such.code", {}, "en-US")).toBe("no.such.code");
  });

  it("says where: sheet, row, column, header", () => {
    const issue = { code: "no.such.code", at: { sheet: "3月", row: 12, column: "F", header: "金额" } };
    expect(describeIssue(issue)).toMatchInlineSnapshot(`"「3月」 第 12 行 F 列 （金额）：no.such.code"`);
    expect(describeIssue(issue, "en-US")).toMatchInlineSnapshot(`"sheet "3月", row 12, column F, (金额): no.such.code"`);
  });

  it("picks Chinese unless Office says English", () => {
    expect([pickLocale("zh-CN"), pickLocale("zh-TW"), pickLocale(undefined), pickLocale("en-GB"), pickLocale("fr-FR")]).toEqual([
      "zh-CN",
      "zh-CN",
      "zh-CN",
      "en-US",
      "zh-CN",
    ]);
  });
});
