/**
 * Microsoft's own add-in manifest parser (the OSF parser `OSF.Manifest.OfficeAppManifest`, shipped in
 * the npm package `office-addin-manifest-converter`, lib/osfmos.js) run offline on our manifest:
 * what an Office client whose UI language is `uiLocale` resolves each localized resource to.
 * `Utils.OverrideMethods()` (lib/osfUtils.js) swaps its browser XPath for @xmldom, as the converter does.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

interface OsfResources {
  readonly Urls: Readonly<Record<string, string>>;
  readonly ShortStrings: Readonly<Record<string, string>>;
  readonly LongStrings: Readonly<Record<string, string>>;
  readonly Images: Readonly<Record<string, string>>;
}
interface OsfHost {
  readonly _resources: OsfResources;
  readonly _customFunctionExtensionPoint?: { readonly metadataResId?: string; readonly scriptResId?: string; readonly pageResId?: string; readonly namespaceResId?: string };
}
interface OsfManifest {
  readonly _versionOverrides: Readonly<Record<string, OsfHost | undefined>>;
  readonly _displayNames: Readonly<Record<string, string>>;
  getDefaultLocale(): string;
  readonly _id: string;
}
type OsfModule = { OSF: { Manifest: { OfficeAppManifest: new (xml: string, uiLocale: string) => OsfManifest } } };

let osf: OsfModule | undefined;
function parser(): OsfModule {
  if (!osf) {
    (require("office-addin-manifest-converter/lib/osfUtils") as { Utils: { OverrideMethods(): void } }).Utils.OverrideMethods();
    osf = require("office-addin-manifest-converter/lib/osfmos") as OsfModule;
  }
  return osf;
}

/** What a client in `uiLocale` gets from the manifest, as Microsoft's parser resolves it (throws where the parser refuses the manifest). */
export interface OsfResolved {
  readonly id: string;
  readonly defaultLocale: string;
  readonly functionsMetadataUrl: string | undefined;
  readonly functionsScriptUrl: string | undefined;
  readonly namespace: string | undefined;
  readonly groupLabel: string | undefined;
}

/** Parse `xml` as an Office client with UI language `uiLocale` would. */
export function osfResolve(xml: string, uiLocale: string): OsfResolved {
  const m = new (parser().OSF.Manifest.OfficeAppManifest)(xml, uiLocale);
  const wb = m._versionOverrides.Workbook;
  if (!wb) throw new Error("OSF parser: no Workbook VersionOverrides");
  const cf = wb._customFunctionExtensionPoint;
  const r = wb._resources;
  return {
    id: m._id,
    defaultLocale: m.getDefaultLocale(),
    functionsMetadataUrl: cf?.metadataResId ? r.Urls[cf.metadataResId] : undefined,
    functionsScriptUrl: cf?.scriptResId ? r.Urls[cf.scriptResId] : undefined,
    namespace: cf?.namespaceResId ? r.ShortStrings[cf.namespaceResId] : undefined,
    groupLabel: r.ShortStrings["Group.Label"],
  };
}
