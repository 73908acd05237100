import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogues } from "../../../src/core/i18n";
import { OVERRIDABLE_RULES } from "../../../src/core/entry";

const ROOT = join(__dirname, "../../..");
const FILES = [
  "src/core/ledger.ts",
  "src/core/schemas/messages.ts",
  "src/core/entry/common.ts",
  "src/core/entry/order.ts",
  "src/core/entry/payment.ts",
  "src/core/entry/return.ts",
  "src/core/entry/confirmation.ts",
  "src/app/enter-record.ts",
];

describe("issue codes of the ledger, records and entry", () => {
  test("every code raised is in both catalogues", () => {
    const codes = new Set<string>();
    for (const f of FILES) for (const m of readFileSync(join(ROOT, f), "utf8").matchAll(/"((?:entry|records)\.[A-Za-z.]+)"/g)) codes.add(m[1]!);
    for (const c of OVERRIDABLE_RULES) codes.add(c);
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((c) => !catalogues["zh-CN"][c] || !catalogues["en-US"][c]);
    expect(missing).toEqual([]);
  });
});
