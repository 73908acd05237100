/**
 * Parts written with a namespace prefix (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">`,
 * `<x:sheetData>`, `<x:row>`, `<x:c>` — as .NET's Open XML SDK writes them) read by namespace, not
 * by the literal prefix: such a part is turned into the unprefixed form every reader of ours
 * expects, once, when it is unzipped. The element prefix bound to a known OOXML namespace (on the
 * root element) is dropped from every tag, the namespace is declared as the default as well, and a
 * relationships prefix other than `r` (`<sheet … rel:id="rId1"/>`) is renamed `r`. A part that
 * already has no prefix (what Excel writes) is handed back untouched, after a look at its first bytes.
 */

/** Namespaces whose elements the readers look at, transitional and strict. */
const ELEMENT_NS = new Set([
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
  "http://schemas.openxmlformats.org/package/2006/relationships",
  "http://schemas.openxmlformats.org/package/2006/content-types",
]);
/** The namespace of `r:id` attributes. */
const REL_NS = new Set(["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"]);

/** The root element's start tag (after the XML declaration, comments and a doctype), or null. */
function rootTag(head: string): { name: string; tag: string; end: number } | null {
  let p = 0;
  for (;;) {
    const lt = head.indexOf("<", p);
    if (lt < 0) return null;
    const next = head.charCodeAt(lt + 1);
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      const gt = head.indexOf(">", lt);
      if (gt < 0) return null;
      p = gt + 1;
      continue;
    }
    const gt = head.indexOf(">", lt);
    if (gt < 0) return null;
    const tag = head.slice(lt, gt + 1);
    const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? "";
    return { name, tag, end: gt + 1 };
  }
}

/** `xmlns:p="uri"` declarations of a start tag (prefix → uri; `""` the default namespace). */
function declarations(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1] ?? "", m[2] ?? m[3] ?? "");
  return out;
}

/** Every index in `buf` where `needle` starts. */
function indexesOf(buf: Buffer, needle: Buffer): number[] {
  const out: number[] = [];
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/**
 * `xml` in the unprefixed form, or `xml` itself when it needs no change.
 * @example unprefixXml(Buffer.from('<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si/></x:sst>')).toString() // '<sst xmlns:x="…" xmlns="…"><si/></sst>'
 */
export function unprefixXml(xml: Buffer): Buffer {
  const head = xml.toString("utf8", 0, Math.min(xml.length, 8192));
  const root = rootTag(head);
  if (!root) return xml;
  const decl = declarations(root.tag);
  const colon = root.name.indexOf(":");
  const prefix = colon > 0 ? root.name.slice(0, colon) : "";
  const elementNs = prefix ? decl.get(prefix) : undefined;
  const stripElements = prefix !== "" && elementNs !== undefined && ELEMENT_NS.has(elementNs);
  const relPrefix = [...decl].find(([p, uri]) => p !== "" && REL_NS.has(uri))?.[0];
  const renameRel = relPrefix !== undefined && relPrefix !== "r" && decl.get("r") === undefined;
  if (!stripElements && !renameRel) return xml;
  // Cut points: bytes to drop (`p:` after `<` or `</`) and `q:` attribute prefixes to turn into `r:`.
  const edits: { at: number; drop: number; put: string }[] = [];
  if (stripElements) {
    for (const i of indexesOf(xml, Buffer.from(`<${prefix}:`))) edits.push({ at: i + 1, drop: prefix.length + 1, put: "" });
    for (const i of indexesOf(xml, Buffer.from(`</${prefix}:`))) edits.push({ at: i + 2, drop: prefix.length + 1, put: "" });
  }
  if (renameRel) {
    for (const ws of [" ", "\t", "\n", "\r"]) for (const i of indexesOf(xml, Buffer.from(`${ws}${relPrefix}:`))) edits.push({ at: i + 1, drop: relPrefix.length + 1, put: "r:" });
  }
  // The element namespace also becomes the default one, and `r` is declared (a part we rewrite then stays well-formed).
  const rootEnd = Buffer.byteLength(head.slice(0, root.end), "utf8");
  const gt = xml[rootEnd - 2] === 47 /* / */ ? rootEnd - 2 : rootEnd - 1;
  const declare = `${stripElements && !decl.has("") ? ` xmlns="${elementNs}"` : ""}${renameRel ? ` xmlns:r="${decl.get(relPrefix)}"` : ""}`;
  if (declare) edits.push({ at: gt, drop: 0, put: declare });
  edits.sort((a, b) => a.at - b.at);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const e of edits) {
    if (e.at < from) continue;
    pieces.push(xml.subarray(from, e.at));
    if (e.put) pieces.push(Buffer.from(e.put, "utf8"));
    from = e.at + e.drop;
  }
  pieces.push(xml.subarray(from));
  return Buffer.concat(pieces);
}
