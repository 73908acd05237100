/**
 * Offline checks of manifest.xml (the official validator needs the internet): well-formed XML,
 * child elements in the order the XSD sequences require (OfficeAppManifestV1_1.xsd,
 * TaskPaneAppVersionOverridesV1_0.xsd; Runtimes first in Host per the shared-runtime docs), the
 * shared runtime wiring, every resid defined (in the right resource list) and used, one page for
 * runtime / custom functions / commands / task pane, no TaskpaneId under the long-lived runtime,
 * icons present and of the documented sizes, CustomFunctionsRuntime 1.3, the custom functions
 * namespace and metadata URLs matching the build (zh-CN default, en-US override), no override of
 * the default locale, en-US overrides for every string, the expected add-in Id.
 * `checkManifest` returns the problems found; an empty list means the manifest passes.
 */
import fs from "fs";
import path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** A parsed element (fast-xml-parser `preserveOrder` form, simplified). */
export interface El {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  readonly text: string;
}

type RawNode = Record<string, unknown>;

function toEl(node: RawNode): El | undefined {
  const name = Object.keys(node).find((k) => k !== ":@");
  if (!name || name === "#text" || name === "?xml") return undefined;
  const rawChildren = (node[name] as RawNode[]) ?? [];
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[":@"] as Record<string, unknown>) ?? {})) attrs[k.replace(/^@_/, "")] = String(v);
  const text = rawChildren.filter((c) => "#text" in c).map((c) => String(c["#text"])).join("");
  return { name, attrs, children: rawChildren.map(toEl).filter((c): c is El => c !== undefined), text };
}

/** Parse XML into elements (throws on malformed XML: call `XMLValidator` first). */
export function parseXml(xml: string): El {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: true });
  const root = (parser.parse(xml) as RawNode[]).map(toEl).find((e) => e !== undefined);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every descendant (depth first), with its path. */
function* walk(el: El, at = el.name): Generator<{ el: El; at: string }> {
  yield { el, at };
  for (const c of el.children) yield* walk(c, `${at}/${c.name}`);
}

function child(el: El | undefined, name: string): El | undefined {
  return el?.children.find((c) => c.name === name);
}

function kids(el: El | undefined, name: string): El[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Child order rule: the XSD `<xs:sequence>` (names in order) and which of them are required. */
interface Sequence {
  readonly order: readonly string[];
  readonly required: readonly string[];
}

/** OfficeApp (TaskPaneApp) sequence: the base OfficeApp type, then the TaskPaneApp extension. */
export const OFFICE_APP: Sequence = {
  order: ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "Dictionary", "VersionOverrides"],
  required: ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"],
};

const SEQUENCES: Readonly<Record<string, Sequence>> = {
  OfficeApp: OFFICE_APP,
  VersionOverrides: { order: ["Description", "Requirements", "Hosts", "Resources", "VersionOverrides"], required: ["Hosts", "Resources"] },
  Host: { order: ["Runtimes", "AllFormFactors", "DesktopFormFactor"], required: [] },
  DesktopFormFactor: { order: ["GetStarted", "FunctionFile", "ExtensionPoint"], required: ["ExtensionPoint"] },
  GetStarted: { order: ["Title", "Description", "LearnMoreUrl"], required: ["Title", "Description", "LearnMoreUrl"] },
  Group: { order: ["Label", "Icon", "Control"], required: ["Label", "Icon", "Control"] },
  Control: { order: ["Label", "Supertip", "Icon", "Action"], required: ["Label", "Supertip", "Icon", "Action"] },
  Supertip: { order: ["Title", "Description"], required: ["Title", "Description"] },
  Resources: { order: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"], required: [] },
  Requirements: { order: ["Sets", "bt:Sets", "Methods", "bt:Methods"], required: [] },
};

/** Sequences that depend on the element's xsi:type. */
const TYPED_SEQUENCES: Readonly<Record<string, Sequence>> = {
  "ExtensionPoint:CustomFunctions": { order: ["Script", "Page", "Metadata", "Namespace"], required: ["Script", "Page", "Metadata", "Namespace"] },
  "Action:ShowTaskpane": { order: ["TaskpaneId", "SourceLocation", "Title"], required: ["SourceLocation"] },
  "Action:ExecuteFunction": { order: ["FunctionName"], required: ["FunctionName"] },
};

function orderProblems(el: El, at: string, seq: Sequence): string[] {
  const problems: string[] = [];
  let last = -1;
  let lastName = "";
  for (const c of el.children) {
    const i = seq.order.indexOf(c.name);
    if (i < 0) problems.push(`${at}: <${c.name}> is not a valid child of <${el.name}>`);
    else if (i < last) problems.push(`${at}: <${c.name}> must come before <${lastName}> (schema order ${seq.order.join(", ")})`);
    else {
      last = i;
      lastName = c.name;
    }
  }
  for (const r of seq.required) if (!child(el, r)) problems.push(`${at}: required <${r}> is missing`);
  return problems;
}

/** Which resource list a resid must be defined in, by the referring element. */
function residKind(el: El, parent: El | undefined): "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings" {
  if (el.name === "bt:Image") return "bt:Images";
  if (["SourceLocation", "FunctionFile", "LearnMoreUrl", "Runtime"].includes(el.name)) return "bt:Urls";
  if (el.name === "Description" && parent && ["Supertip", "GetStarted", "VersionOverrides"].includes(parent.name)) return "bt:LongStrings";
  return "bt:ShortStrings";
}

/** What the checks compare the manifest with. */
export interface ManifestExpectations {
  /** The dev server origin every URL lives on, e.g. `https://localhost:3000`. */
  readonly origin: string;
  /** Folder holding the icon files (the manifest's `/assets/…`). */
  readonly assetsDir: string;
  /** Build output names (webpack.config.js OUTPUT). */
  readonly output: { readonly page: string; readonly functionsScript: string; readonly functionsMetadata: string; readonly functionsMetadataZh: string; readonly help: string };
  /** Custom functions namespace. */
  readonly namespace: string;
  /** ExecuteFunction names the commands module registers. */
  readonly commandFunctions: readonly string[];
  /** The add-in Id this copy must carry (dev and production differ). */
  readonly addInId?: string;
}

/** Minor number of a `1.N` version. */
function minorOf(version: string): number {
  return Number(version.split(".")[1] ?? "0");
}

/** Width and height of a PNG (IHDR), or null. */
export function pngSize(bytes: Buffer): [number, number] | null {
  if (bytes.length < 24 || bytes.toString("latin1", 1, 4) !== "PNG" || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** All problems of a manifest (empty when it passes). */
export function checkManifest(xml: string, expect: ManifestExpectations): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const root = parseXml(xml);
  const problems: string[] = [];
  if (root.name !== "OfficeApp") return [`root is <${root.name}>, not <OfficeApp>`];
  if (root.attrs["xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp xsi:type is ${root.attrs["xsi:type"]}, not TaskPaneApp`);

  // 1. Element order (XSD sequences).
  const parents = new Map<El, El>();
  for (const { el } of walk(root)) for (const c of el.children) parents.set(c, el);
  for (const { el, at } of walk(root)) {
    const typed = TYPED_SEQUENCES[`${el.name}:${el.attrs["xsi:type"] ?? ""}`];
    const seq = typed ?? SEQUENCES[el.name];
    // Host under OfficeApp/Hosts is the short form (no children); the VersionOverrides one has xsi:type.
    if (seq && !(el.name === "Host" && !el.attrs["xsi:type"])) {
      problems.push(...orderProblems(el, at, seq));
    }
  }

  // 2. Shared runtime.
  const sets = kids(child(child(root, "Requirements"), "Sets"), "Set").map((s) => s.attrs.Name);
  if (!sets.includes("SharedRuntime")) problems.push("Requirements: <Set Name=\"SharedRuntime\"> is missing");
  // custom-functions-requirement-sets.md: "Requirement set 1.3 adds … new ErrorCode options to the CustomFunctions.Error object".
  const cfr = kids(child(child(root, "Requirements"), "Sets"), "Set").find((x) => x.attrs.Name === "CustomFunctionsRuntime");
  if (!cfr || minorOf(cfr.attrs.MinVersion ?? "1.1") < 3) problems.push(`Requirements: CustomFunctionsRuntime MinVersion is ${cfr?.attrs.MinVersion ?? "missing"}, the error codes used need 1.3`);
  const vo = child(root, "VersionOverrides");
  const host = kids(child(vo, "Hosts"), "Host").find((h) => h.attrs["xsi:type"] === "Workbook");
  if (!host) problems.push("VersionOverrides: no <Host xsi:type=\"Workbook\">");
  const runtime = child(child(host, "Runtimes"), "Runtime");
  if (!runtime) problems.push("Host: <Runtimes><Runtime> is missing (shared runtime)");
  else if (runtime.attrs.lifetime !== "long") problems.push(`Runtime lifetime is "${runtime.attrs.lifetime}", not "long"`);

  // 3. Every resid defined in the right list, every resource used, ids ≤ 32 characters.
  const resources = child(vo, "Resources");
  const defined = new Map<string, { kind: string; el: El }>();
  for (const list of resources?.children ?? []) {
    for (const r of list.children) {
      const id = r.attrs.id ?? "";
      if (defined.has(id)) problems.push(`Resources: id "${id}" is defined twice`);
      if (id.length > 32) problems.push(`Resources: id "${id}" is longer than 32 characters`);
      defined.set(id, { kind: list.name, el: r });
    }
  }
  const used = new Set<string>();
  for (const { el, at } of walk(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const def = defined.get(resid);
    const kind = residKind(el, parents.get(el));
    if (!def) problems.push(`${at}: resid "${resid}" is not defined in Resources`);
    else if (def.kind !== kind) problems.push(`${at}: resid "${resid}" is in <${def.kind}> but must be in <${kind}>`);
  }
  for (const id of defined.keys()) if (!used.has(id)) problems.push(`Resources: "${id}" is defined but never used`);
  const url = (id: string | undefined): string | undefined => (id ? defined.get(id)?.el.attrs.DefaultValue : undefined);

  // 4. One page for everything (the shared runtime loads only if every reference uses the same resid).
  const cf = kids(child(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions");
  const dff = child(host, "DesktopFormFactor");
  const pageRefs: [string, string | undefined][] = [
    ["Runtime", runtime?.attrs.resid],
    ["CustomFunctions Page", child(child(cf, "Page"), "SourceLocation")?.attrs.resid],
    ["FunctionFile", child(dff, "FunctionFile")?.attrs.resid],
  ];
  for (const { el, at } of walk(root)) {
    if (el.name === "Action" && el.attrs["xsi:type"] === "ShowTaskpane") {
      pageRefs.push([`${at} SourceLocation`, child(el, "SourceLocation")?.attrs.resid]);
      // configure-your-add-in-to-use-a-shared-runtime.md: under a Host with a long-lived Runtime, no Action may have a TaskpaneId.
      if (child(el, "TaskpaneId") && runtime?.attrs.lifetime === "long") problems.push(`${at}: <TaskpaneId> in a shared-runtime (lifetime long) manifest`);
    }
  }
  const pageResid = runtime?.attrs.resid;
  for (const [what, resid] of pageRefs) if (resid !== pageResid) problems.push(`${what} uses resid "${resid}", not the runtime's "${pageResid}"`);
  const pageUrl = `${expect.origin}/${expect.output.page}`;
  if (url(pageResid) !== pageUrl) problems.push(`runtime page is ${url(pageResid)}, not ${pageUrl}`);
  const defaultPage = child(child(root, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue;
  if (defaultPage !== pageUrl) problems.push(`DefaultSettings SourceLocation is ${defaultPage}, not ${pageUrl}`);

  // 5. Custom functions: namespace, script and metadata as the build emits them.
  if (!cf) problems.push("no CustomFunctions extension point");
  else {
    const ns = defined.get(child(cf, "Namespace")?.attrs.resid ?? "")?.el;
    if (ns?.attrs.DefaultValue !== expect.namespace) problems.push(`custom functions namespace is ${ns?.attrs.DefaultValue}, not ${expect.namespace}`);
    const script = url(child(child(cf, "Script"), "SourceLocation")?.attrs.resid);
    if (script !== `${expect.origin}/${expect.output.functionsScript}`) problems.push(`functions script is ${script}, not ${expect.origin}/${expect.output.functionsScript}`);
    // The default locale's file is the DefaultValue; other languages are Overrides (custom-functions-naming.md "Localize your add-in").
    const metaDef = defined.get(child(child(cf, "Metadata"), "SourceLocation")?.attrs.resid ?? "")?.el;
    if (metaDef?.attrs.DefaultValue !== `${expect.origin}/${expect.output.functionsMetadataZh}`) problems.push(`functions metadata is ${metaDef?.attrs.DefaultValue}, not ${expect.origin}/${expect.output.functionsMetadataZh} (the DefaultLocale zh-CN file)`);
    const en = kids(metaDef, "bt:Override").find((o) => o.attrs.Locale === "en-US");
    if (en?.attrs.Value !== `${expect.origin}/${expect.output.functionsMetadata}`) problems.push(`functions metadata has no en-US override to ${expect.origin}/${expect.output.functionsMetadata}`);
  }

  // 6. Commands: the FunctionNames the commands module registers, nothing else.
  const names: string[] = [];
  for (const { el } of walk(root)) if (el.name === "Action" && el.attrs["xsi:type"] === "ExecuteFunction") names.push(child(el, "FunctionName")?.text ?? "");
  if ([...names].sort().join() !== [...expect.commandFunctions].sort().join()) problems.push(`ExecuteFunction names [${names.join(", ")}] differ from the commands module's [${expect.commandFunctions.join(", ")}]`);

  // 7. URLs on our origin only; icons present.
  const urls: string[] = [];
  for (const { el } of walk(root)) {
    for (const [k, v] of Object.entries(el.attrs)) if ((k === "DefaultValue" || k === "Value") && /^https?:/.test(v)) urls.push(v);
  }
  for (const u of urls) if (!u.startsWith(`${expect.origin}/`)) problems.push(`URL ${u} is not on ${expect.origin}`);
  for (const d of kids(child(root, "AppDomains"), "AppDomain")) if (d.text !== expect.origin) problems.push(`AppDomain ${d.text} is not our own origin`);
  for (const u of urls.filter((x) => x.includes("/assets/"))) {
    const file = path.join(expect.assetsDir, u.slice(u.indexOf("/assets/") + "/assets/".length));
    if (!fs.existsSync(file)) problems.push(`icon ${u} has no file ${file}`);
  }
  // docs/manifest/iconurl.md (task pane: 32 x 32), highresolutioniconurl.md (task pane: 64 x 64), office-js-docs-reference.
  const iconSizes: [string, number][] = [["IconUrl", 32], ["HighResolutionIconUrl", 64]];
  for (const [name, size] of iconSizes) {
    const u = child(root, name)?.attrs.DefaultValue ?? "";
    const file = path.join(expect.assetsDir, u.slice(u.indexOf("/assets/") + "/assets/".length));
    if (!u.includes("/assets/") || !fs.existsSync(file)) continue;
    const dims = pngSize(fs.readFileSync(file));
    if (!dims || dims[0] !== size || dims[1] !== size) problems.push(`${name} ${u} is ${dims ? `${dims[0]}×${dims[1]}` : "not a PNG"}, a task pane add-in needs ${size}×${size}`);
  }
  for (const { el, at } of walk(root)) {
    if (el.name !== "bt:Image" || !el.attrs.size) continue;
    const def = defined.get(el.attrs.resid ?? "")?.el.attrs.DefaultValue ?? "";
    const file = path.join(expect.assetsDir, def.slice(def.indexOf("/assets/") + "/assets/".length));
    const dims = def.includes("/assets/") && fs.existsSync(file) ? pngSize(fs.readFileSync(file)) : null;
    if (dims && (dims[0] !== Number(el.attrs.size) || dims[1] !== Number(el.attrs.size))) problems.push(`${at}: size ${el.attrs.size} points at a ${dims[0]}×${dims[1]} image`);
  }
  if (expect.addInId !== undefined && child(root, "Id")?.text !== expect.addInId) problems.push(`Id is ${child(root, "Id")?.text}, not ${expect.addInId}`);
  const files = new Set([expect.output.page, expect.output.functionsScript, expect.output.functionsMetadata, expect.output.functionsMetadataZh, expect.output.help]);
  for (const u of urls.filter((x) => !x.includes("/assets/"))) {
    const name = u.slice(expect.origin.length + 1);
    if (!files.has(name)) problems.push(`URL ${u} is not a file the build emits`);
  }

  // 8. Permissions: least privilege for an add-in that writes sheets and tables.
  const perm = child(root, "Permissions")?.text;
  if (perm !== "ReadWriteDocument") problems.push(`Permissions is ${perm}, expected ReadWriteDocument`);

  // 9. Every string has an en-US override; lengths within the schema's limits.
  const locale = child(root, "DefaultLocale")?.text;
  if (locale !== "zh-CN") problems.push(`DefaultLocale is ${locale}, not zh-CN`);
  // localization.md: "You may only specify a single override per language, including for the default locale" — the DefaultValue is the default locale's.
  for (const { el, at } of walk(root)) {
    const seen = new Set<string>();
    for (const o of el.children.filter((c) => /Override$/.test(c.name) && c.attrs.Locale !== undefined)) {
      const loc = (o.attrs.Locale ?? "").toLowerCase();
      if (loc === (locale ?? "").toLowerCase()) problems.push(`${at}${el.attrs.id ? ` (${el.attrs.id})` : ""}: an Override for the default locale ${o.attrs.Locale} (put that value in DefaultValue)`);
      else if (seen.has(loc)) problems.push(`${at}${el.attrs.id ? ` (${el.attrs.id})` : ""}: two Overrides for ${o.attrs.Locale}`);
      seen.add(loc);
    }
  }
  const strings: [string, El, number][] = [
    ["DisplayName", child(root, "DisplayName") as El, 125],
    ["Description", child(root, "Description") as El, 250],
    ...(child(resources, "bt:ShortStrings")?.children ?? []).map((s): [string, El, number] => [`ShortString ${s.attrs.id}`, s, 125]),
    ...(child(resources, "bt:LongStrings")?.children ?? []).map((s): [string, El, number] => [`LongString ${s.attrs.id}`, s, 250]),
  ];
  for (const [what, el, max] of strings) {
    if (!el) continue;
    const en = el.children.find((o) => /Override$/.test(o.name) && o.attrs.Locale === "en-US");
    if (!en) problems.push(`${what} has no en-US override`);
    for (const v of [el.attrs.DefaultValue ?? "", en?.attrs.Value ?? ""]) if (v.length > max) problems.push(`${what} is longer than ${max} characters`);
  }
  return problems;
}
