import { catalogues } from "../../../src/core/i18n";
import { fieldLabel, labelCode, RECORD_FIELDS, type RecordKind } from "../../../src/core/schemas/labels";

describe("field labels", () => {
  test("every field of every record has a label in both languages", () => {
    const missing: string[] = [];
    for (const record of Object.keys(RECORD_FIELDS) as RecordKind[]) {
      for (const field of RECORD_FIELDS[record]) {
        for (const locale of ["zh-CN", "en-US"] as const) if (!catalogues[locale][labelCode(record, field)]) missing.push(`${locale} ${record}.${field}`);
      }
    }
    expect(missing).toEqual([]);
    expect(RECORD_FIELDS.orders).toContain("shipDate");
  });

  test("labels read like the clerk's headers", () => {
    expect(fieldLabel("amountFen", "zh-CN", "orders")).toBe("金额");
    expect(fieldLabel("amountFen", "en-US", "orders")).toBe("Amount");
    expect(fieldLabel("amountFen", "zh-CN", "payments")).toBe("回款金额");
    expect(fieldLabel("name", "zh-CN", "products")).toBe("品名");
    expect(fieldLabel("customer")).toBe("客户");
    expect(fieldLabel("customer", "en-US")).toBe("Customer");
    expect(fieldLabel("creditLimitFen")).toBe("信用额度");
    expect(fieldLabel("noSuchField")).toBe("noSuchField");
  });
});
