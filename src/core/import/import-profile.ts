/**
 * Import profiles: the roles and column mappings a clerk confirmed, keyed by each table block's
 * header signature (its header keys as a set), so next month's workbook of the same kind — other
 * sheet names, columns in another order — gets the same corrections. A profile is applied as
 * `ImportOverrides` (the path of `--role` / `--map`), before detection chooses; a block whose
 * headers no longer match is said and not applied.
 */
import { z } from "zod";
import type { Issue, Result } from "../result";
import type { Locale } from "../i18n";
import { zodLocaleError } from "../schemas/messages";
import { headerKey } from "./synonyms";
import { headerText, mergedValue, HEADER_SCAN_ROWS } from "./detect";
import { SHEET_ROLES, type ImportOverrides, type ImportResult, type SheetGrid, type SheetRole } from "./types";

/** The profile format's version (bump when its meaning changes). */
export const PROFILE_VERSION = 1;

/** The meta-sheet setting that keeps a workbook's own profile (the add-in's `_ledger_meta`). */
export const PROFILE_SETTING = "import.profile";

/** Longest profile kept in the meta sheet: one cell holds 32,767 characters. */
export const MAX_PROFILE_SETTING = 32_000;

const ROLE = z.enum(SHEET_ROLES as unknown as [SheetRole, ...SheetRole[]]);

/** One confirmed table block: its header signature, role and `field → header` mapping. */
export const ProfileBlock = z.strictObject({
  /** Normalized header keys of the block's header row(s), sorted, each once. */
  signature: z.array(z.string().min(1)).min(1),
  /** The sheet it was confirmed on (said when it is applied; not used to match). */
  sheet: z.string(),
  role: ROLE,
  mapping: z.record(z.string(), z.string().min(1)),
});

/** A profile file (`import --profile` / `--save-profile`) and the meta-sheet setting. */
export const ImportProfile = z.strictObject({
  version: z.literal(PROFILE_VERSION),
  blocks: z.array(ProfileBlock),
});

/** A parsed profile. */
export type ImportProfile = z.infer<typeof ImportProfile>;
/** One block of a profile. */
export type ProfileBlock = z.infer<typeof ProfileBlock>;

/**
 * Parse a profile's text; a bad one is one issue saying where (`blocks[0].role`) and what.
 * @example parseProfile('{"version":1,"blocks":[]}').ok // true
 */
export function parseProfile(text: string, locale: Locale = "zh-CN"): Result<ImportProfile> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ code: "import.profile.notJson", params: { detail: e instanceof Error ? e.message : String(e) } }] };
  }
  const parsed = ImportProfile.safeParse(raw, { error: zodLocaleError(locale) });
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const where = (first?.path ?? []).map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("") || "(root)";
  return { ok: false, issues: [{ code: "import.profile.invalid", params: { where, detail: first?.message ?? "" } }] };
}

/** The profile as the text of a file (stable, readable). */
export function serializeProfile(profile: ImportProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/** The header signature of rows `rows` (0-based local) of a grid: their header keys, sorted, each once. */
export function headerSignature(grid: SheetGrid, rows: readonly number[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) {
    const width = grid.values[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      const text = headerText(mergedValue(grid, r, c));
      if (text === null) continue;
      const key = headerKey(text);
      if (key !== "") keys.add(key);
    }
  }
  return [...keys].sort();
}

/** The local rows of a detection's header band: the two-row header's rows, else the header row. */
function bandRows(result: ImportResult, sheet: string, grid: SheetGrid): number[] {
  const d = result.detections.find((x) => x.sheet === sheet);
  if (!d || d.headerRow === null) return [];
  const two = d.reasons.find((r) => r.code === "import.reason.twoRowHeader");
  const first = typeof two?.params?.first === "number" ? two.params.first - 1 : d.headerRow;
  const rows: number[] = [];
  for (let r = first; r <= d.headerRow; r++) rows.push(r - grid.startRow);
  return rows;
}

/**
 * The profile of an import as confirmed (its detections after every correction): per distinct
 * header signature, the role and the mapping. A column a fallback filled twice (ship date also
 * as the date) is left to the fallback, which finds it again.
 * @example serializeProfile(profileOf(result, grids))
 */
export function profileOf(result: ImportResult, grids: readonly SheetGrid[]): ImportProfile {
  const blocks: ProfileBlock[] = [];
  const seen = new Set<string>();
  for (const d of result.detections) {
    const grid = grids.find((g) => g.name === d.sheet);
    if (!grid || d.headerRow === null) continue;
    const signature = headerSignature(grid, bandRows(result, d.sheet, grid));
    const key = signature.join("\u0000");
    if (signature.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const mapping: Record<string, string> = {};
    for (const m of d.mapping) {
      if (m.how === "fallback" && d.mapping.some((o) => o !== m && o.col === m.col && o.how !== "fallback")) continue;
      mapping[m.field] = m.header;
    }
    blocks.push({ signature, sheet: d.sheet, role: d.role, mapping });
  }
  return { version: PROFILE_VERSION, blocks };
}

/** What applying a profile did: the overrides to import with, and what to tell the clerk. */
export interface ProfileUse {
  readonly overrides: ImportOverrides;
  /** `import.profile.applied` per sheet matched, `.stale` per block whose headers changed, `.unused` per block not found. */
  readonly notes: readonly Issue[];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

function jaccard(a: readonly string[], b: readonly string[]): number {
  const sb = new Set(b);
  const inter = a.filter((k) => sb.has(k)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : inter / union;
}

/**
 * Match a profile's blocks to the grids by header signature (a header row, or two, among the first
 * rows) and turn them into overrides; `explicit` (`--role` / `--map`) wins over the profile. A block
 * that matches no sheet exactly but nearly (half its headers or more) is stale: said, not applied.
 * @example const use = applyProfile(grids, profile, overrides); importWorkbook(grids, { overrides: use.overrides })
 */
export function applyProfile(grids: readonly SheetGrid[], profile: ImportProfile, explicit: ImportOverrides = {}): ProfileUse {
  const roles = new Map<string, SheetRole>();
  const mappings = new Map<string, Record<string, string>>();
  const notes: Issue[] = [];
  const used = new Set<ProfileBlock>();
  const signatures = grids.map((g) => {
    const out: string[][] = [];
    for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, g.values.length); r++) {
      out.push(headerSignature(g, [r]));
      if (r > 0) out.push(headerSignature(g, [r - 1, r]));
    }
    return out.filter((s) => s.length >= 2);
  });
  grids.forEach((g, i) => {
    const block = profile.blocks.find((b) => (signatures[i] ?? []).some((s) => sameSet(s, b.signature)));
    if (!block) return;
    used.add(block);
    roles.set(g.name, block.role);
    mappings.set(g.name, { ...block.mapping });
    notes.push({ code: "import.profile.applied", at: { sheet: g.name }, params: { from: block.sheet }, severity: "warning" });
  });
  for (const b of profile.blocks) {
    if (used.has(b)) continue;
    let best: { sheet: string; sig: string[]; score: number } | null = null;
    grids.forEach((g, i) => {
      if (roles.has(g.name)) return;
      for (const s of signatures[i] ?? []) {
        const score = jaccard(b.signature, s);
        if (score > (best?.score ?? 0)) best = { sheet: g.name, sig: s, score };
      }
    });
    const near = best as { sheet: string; sig: string[]; score: number } | null;
    if (near && near.score >= 0.5) {
      const missing = b.signature.filter((k) => !near.sig.includes(k));
      const added = near.sig.filter((k) => !b.signature.includes(k));
      notes.push({ code: "import.profile.stale", at: { sheet: near.sheet }, params: { from: b.sheet, missing: missing.join("、") || "—", added: added.join("、") || "—" }, severity: "warning" });
    } else notes.push({ code: "import.profile.unused", params: { from: b.sheet, headers: b.signature.slice(0, 6).join("、") }, severity: "warning" });
  }
  // The clerk's own --role / --map of this run win over what the profile remembers.
  for (const [sheet, role] of Object.entries(explicit.roles ?? {})) roles.set(sheet, role);
  const all = explicit.mappings?.["*"];
  for (const [sheet, m] of mappings) if (all) mappings.set(sheet, { ...m, ...all });
  for (const [sheet, m] of Object.entries(explicit.mappings ?? {})) {
    if (sheet === "*") continue;
    mappings.set(sheet, { ...(mappings.get(sheet) ?? {}), ...(all ?? {}), ...m });
  }
  const overrides: ImportOverrides = {
    ...(roles.size ? { roles: Object.fromEntries(roles) } : {}),
    ...(mappings.size || all ? { mappings: { ...(all ? { "*": all } : {}), ...Object.fromEntries(mappings) } } : {}),
  };
  return { overrides, notes };
}
