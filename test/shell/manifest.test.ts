import fs from "fs";
import path from "path";
import { checkManifest, parseXml, type ManifestExpectations } from "./manifest-checker";
import { COMMAND_FUNCTIONS } from "../../commands/run-command";

const root = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as { urlDev: string; idDev: string; idProd: string; OUTPUT: ManifestExpectations["output"]; productionManifest(xml: string): string };

const expectations: ManifestExpectations = {
  origin: webpackConfig.urlDev.replace(/\/$/, ""),
  assetsDir: path.join(root, "assets"),
  output: webpackConfig.OUTPUT,
  namespace: "LEDGER",
  commandFunctions: Object.keys(COMMAND_FUNCTIONS),
  addInId: webpackConfig.idDev,
};

/** The manifest with one textual edit (the edit must apply, or the test would prove nothing). */
function broken(edit: (xml: string) => string): string {
  const out = edit(manifest);
  expect(out).not.toBe(manifest);
  return out;
}

describe("manifest.xml (offline checks)", () => {
  it("passes every check", () => {
    expect(checkManifest(manifest, expectations)).toEqual([]);
  });

  it("declares the ribbon group 销售台账 with 打开台账 and the four report buttons, in Chinese with English overrides", () => {
    const strings = new Map<string, [string, string]>();
    const doc = parseXml(manifest);
    const visit = (el: ReturnType<typeof parseXml>): void => {
      if (el.name === "bt:String") strings.set(el.attrs.id ?? "", [el.attrs.DefaultValue ?? "", el.children.find((c) => c.attrs.Locale === "en-US")?.attrs.Value ?? ""]);
      el.children.forEach(visit);
    };
    visit(doc);
    const labels = ["Group.Label", "OpenPane.Label", "Daily.Label", "Monthly.Label", "Annual.Label", "Statements.Label", "Functions.Namespace"].map((id) => strings.get(id));
    expect(labels).toEqual([
      ["销售台账", "Sales Ledger"],
      ["打开台账", "Open Ledger"],
      ["生成日报", "Daily Report"],
      ["生成月报", "Monthly Report"],
      ["生成年报", "Annual Report"],
      ["生成对账单", "Statements"],
      ["LEDGER", "LEDGER"],
    ]);
  });

  it("has every URL rewritten to the production address by the production build", () => {
    const prod = webpackConfig.productionManifest(manifest);
    expect(prod).not.toContain("localhost");
    expect(checkManifest(prod, { ...expectations, origin: "https://sales-ledger.example.com", addInId: webpackConfig.idProd })).toEqual([]);
    expect(webpackConfig.idProd).not.toBe(webpackConfig.idDev);
    expect(checkManifest(prod, { ...expectations, origin: "https://sales-ledger.example.com" })).toEqual([`Id is ${webpackConfig.idProd}, not ${webpackConfig.idDev}`]);
  });
});

describe("the checker fails on a broken copy", () => {
  it("not well-formed", () => {
    expect(checkManifest(broken((x) => x.replace("</Permissions>", "</Permission>")), expectations)[0]).toMatch(/^not well-formed XML/);
  });

  it("a resid removed from Resources", () => {
    const xml = broken((x) => x.replace(/\s*<bt:String id="Daily.Label"[\s\S]*?<\/bt:String>/, ""));
    expect(checkManifest(xml, expectations)).toEqual([
      'OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor/ExtensionPoint/OfficeTab/Group/Control/Label: resid "Daily.Label" is not defined in Resources',
      'OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor/ExtensionPoint/OfficeTab/Group/Control/Supertip/Title: resid "Daily.Label" is not defined in Resources',
    ]);
  });

  it("two elements swapped (Permissions before DefaultSettings; Runtimes after AllFormFactors)", () => {
    const swapped = broken((x) => x.replace(/(\s*<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*<Permissions>ReadWriteDocument<\/Permissions>)/, "$2$1"));
    expect(checkManifest(swapped, expectations)).toEqual([
      "OfficeApp: <DefaultSettings> must come before <Permissions> (schema order Id, AlternateId, Version, ProviderName, DefaultLocale, DisplayName, Description, IconUrl, HighResolutionIconUrl, SupportUrl, AppDomains, Hosts, Requirements, DefaultSettings, Permissions, Dictionary, VersionOverrides)",
    ]);
    const runtimesLate = broken((x) => x.replace(/(\s*<Runtimes>[\s\S]*?<\/Runtimes>)(\s*<AllFormFactors>[\s\S]*?<\/AllFormFactors>)/, "$2$1"));
    expect(checkManifest(runtimesLate, expectations)).toEqual([
      "OfficeApp/VersionOverrides/Hosts/Host: <Runtimes> must come before <AllFormFactors> (schema order Runtimes, AllFormFactors, DesktopFormFactor)",
    ]);
  });

  it("a page that is not the shared runtime's, a missing icon, a string without English", () => {
    const otherPage = broken((x) => x.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Help.Url"/>'));
    expect(checkManifest(otherPage, expectations)).toEqual(['FunctionFile uses resid "Help.Url", not the runtime\'s "Taskpane.Url"']);
    const noIcon = broken((x) => x.replace("assets/icon-80.png", "assets/icon-81.png"));
    expect(checkManifest(noIcon, expectations)).toEqual([`icon https://localhost:3000/assets/icon-81.png has no file ${path.join(root, "assets", "icon-81.png")}`]);
    const noEnglish = broken((x) => x.replace('\n          <bt:Override Locale="en-US" Value="Annual Report"/>', ""));
    expect(checkManifest(noEnglish, expectations)).toEqual(["ShortString Annual.Label has no en-US override"]);
  });

  it("a namespace, metadata URL or command name that does not match the build", () => {
    const ns = broken((x) => x.replace('DefaultValue="LEDGER"', 'DefaultValue="LEDGERS"'));
    expect(checkManifest(ns, expectations)).toEqual(["custom functions namespace is LEDGERS, not LEDGER"]);
    const meta = broken((x) => x.replace("localhost:3000/functions.json", "localhost:3000/public/functions.json"));
    expect(checkManifest(meta, expectations)).toEqual([
      "functions metadata has no en-US override to https://localhost:3000/functions.json",
      "URL https://localhost:3000/public/functions.json is not a file the build emits",
    ]);
    const cmd = broken((x) => x.replace("<FunctionName>generateAnnualReport</FunctionName>", "<FunctionName>generateYearReport</FunctionName>"));
    expect(checkManifest(cmd, expectations)).toEqual([
      "ExecuteFunction names [generateDailyReport, generateMonthlyReport, generateYearReport, generateStatements] differ from the commands module's [generateDailyReport, generateMonthlyReport, generateAnnualReport, generateStatements]",
    ]);
  });

  it("a shared runtime that is not long-lived, or not required", () => {
    const short = broken((x) => x.replace('lifetime="long"', 'lifetime="short"'));
    expect(checkManifest(short, expectations)).toEqual(['Runtime lifetime is "short", not "long"']);
    const noSet = broken((x) => x.replace('\n      <Set Name="SharedRuntime" MinVersion="1.1"/>', ""));
    expect(checkManifest(noSet, expectations)).toEqual(['Requirements: <Set Name="SharedRuntime"> is missing']);
  });

  it("the old locale form: English metadata as DefaultValue with a zh-CN (default-locale) override", () => {
    const old = broken((x) => x.replace(
      /<bt:Url id="Functions.Metadata.Url" DefaultValue="([^"]*)functions-zh-CN.json">\s*<bt:Override Locale="en-US" Value="[^"]*functions.json"\/>/,
      '<bt:Url id="Functions.Metadata.Url" DefaultValue="$1functions.json"><bt:Override Locale="zh-CN" Value="$1functions-zh-CN.json"/>',
    ));
    expect(checkManifest(old, expectations)).toEqual([
      "functions metadata is https://localhost:3000/functions.json, not https://localhost:3000/functions-zh-CN.json (the DefaultLocale zh-CN file)",
      "functions metadata has no en-US override to https://localhost:3000/functions.json",
      "OfficeApp/VersionOverrides/Resources/bt:Urls/bt:Url (Functions.Metadata.Url): an Override for the default locale zh-CN (put that value in DefaultValue)",
    ]);
  });

  it("a TaskpaneId under the long-lived shared runtime, CustomFunctionsRuntime 1.2, icons of the wrong size", () => {
    const withId = broken((x) => x.replace('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ShowTaskpane">\n                    <TaskpaneId>SalesLedger.Taskpane</TaskpaneId>'));
    expect(checkManifest(withId, expectations)).toEqual(["OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor/ExtensionPoint/OfficeTab/Group/Control/Action: <TaskpaneId> in a shared-runtime (lifetime long) manifest"]);
    const cfr = broken((x) => x.replace('<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>', '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>'));
    expect(checkManifest(cfr, expectations)).toEqual(["Requirements: CustomFunctionsRuntime MinVersion is 1.2, the error codes used need 1.3"]);
    const icons = broken((x) => x.replace('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>', '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>').replace('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>', '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-128.png"/>'));
    expect(checkManifest(icons, expectations)).toEqual([
      "IconUrl https://localhost:3000/assets/icon-64.png is 64×64, a task pane add-in needs 32×32",
      "HighResolutionIconUrl https://localhost:3000/assets/icon-128.png is 128×128, a task pane add-in needs 64×64",
    ]);
  });
});
