/**
 * Which custom-functions metadata file (and ribbon strings) each Office UI language gets, as
 * Microsoft's own manifest parser (office-addin-manifest-converter's OSF parser) resolves the
 * manifest — source and production copies. Rules: localization.md ("You may only specify a single
 * override per language, including for the default locale") and custom-functions-naming.md
 * ("Localize your add-in": DefaultValue for the default locale, an Override per other language),
 * both in OfficeDev/office-js-docs-pr docs/.
 */
import fs from "fs";
import path from "path";
import { osfResolve } from "./osf-manifest";

const root = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as { productionManifest(xml: string): string };
const prod = webpackConfig.productionManifest(manifest);

/** UI language → the metadata file a user of it should get: English for en-US, the zh-CN default for the rest (we ship only these two). */
const CASES: [string, string, string][] = [
  ["zh-CN", "functions-zh-CN.json", "销售台账"],
  ["en-US", "functions.json", "Sales Ledger"],
  ["zh-TW", "functions-zh-CN.json", "销售台账"],
  ["zh-HK", "functions-zh-CN.json", "销售台账"],
  ["de-DE", "functions-zh-CN.json", "销售台账"],
  ["ja-JP", "functions-zh-CN.json", "销售台账"],
];

describe("manifest per UI locale (Microsoft's OSF parser)", () => {
  it.each(CASES)("%s gets %s and the group label %s (source and production manifest)", (locale, file, label) => {
    const dev = osfResolve(manifest, locale);
    expect([dev.defaultLocale, dev.functionsMetadataUrl, dev.groupLabel, dev.namespace]).toEqual(["zh-CN", `https://localhost:3000/${file}`, label, "LEDGER"]);
    const p = osfResolve(prod, locale);
    expect([p.functionsMetadataUrl, p.groupLabel]).toEqual([`https://sales-ledger.example.com/${file}`, label]);
  });

  it("control: the old form (English DefaultValue, a zh-CN override of the default locale) gives a zh-CN user the English file", () => {
    const old = manifest.replace(
      /<bt:Url id="Functions.Metadata.Url" DefaultValue="([^"]*)functions-zh-CN.json">\s*<bt:Override Locale="en-US" Value="[^"]*functions.json"\/>/,
      '<bt:Url id="Functions.Metadata.Url" DefaultValue="$1functions.json"><bt:Override Locale="zh-CN" Value="$1functions-zh-CN.json"/>',
    );
    expect(old).not.toBe(manifest);
    expect(osfResolve(old, "zh-CN").functionsMetadataUrl).toBe("https://localhost:3000/functions.json");
  });
});
