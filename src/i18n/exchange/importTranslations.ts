/**
 * Merges a translator's file into a language's catalogs. Each text is checked before it is taken:
 * a known key, the source's `{{placeholders}}`, no bidi marks, within the channel limit. What fails
 * is reported and left out, so a bad line never replaces a good translation. Pure: the caller reads
 * and writes files.
 */
import { findBidiControls } from "../bidi.js";
import { flatten, type Catalog, type Resources } from "../catalog.js";
import { measure } from "../check/localeView.js";
import { placeholderDifference, placeholders } from "../placeholders.js";
import type { Usage } from "../usages.js";
import { nestCatalog } from "./catalogJson.js";
import type { ImportedDoc } from "./importedDoc.js";
import { translationUnits, type TranslationUnit } from "./translationUnits.js";

export interface ImportInput {
  readonly doc: ImportedDoc;
  readonly resources: Resources;
  readonly sourceLang: string;
  readonly usages: readonly Usage[];
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ImportResult {
  readonly lang: string;
  readonly changed: readonly { id: string; before: string; after: string }[];
  readonly unchanged: number;
  /** Messages with no translation, in the file or already in the catalogs. */
  readonly missing: readonly string[];
  readonly rejected: readonly { id: string; at: string; reason: string }[];
  /** The new catalogs of the namespaces that changed. */
  readonly catalogs: ReadonlyMap<string, Catalog>;
}

/** Why a text cannot be taken, or undefined when it can. */
function problemWith(unit: TranslationUnit, text: string, sourcePlaceholders: readonly string[], params: ImportInput["params"]): string | undefined {
  const bidi = findBidiControls(text);
  if (bidi.length > 0) return `invisible bidi control ${bidi.map((b) => `${b.code} at character ${b.at}`).join(", ")}`;
  const difference = placeholderDifference(sourcePlaceholders, placeholders(text), unit.key !== unit.message);
  if (difference) return `placeholders differ from the source: ${difference}`;
  const length = measure(text, params);
  if (length > unit.maxLength) return `${length} characters; this text may have up to ${unit.maxLength} (${unit.context})`;
  return undefined;
}

export function importTranslations(input: ImportInput): ImportResult {
  const lang = input.doc.targetLang;
  const expected = translationUnits({ resources: input.resources, sourceLang: input.sourceLang, lang, usages: input.usages }).units;
  const byId = new Map(expected.map((u) => [u.id, u]));
  // Placeholders of a message across all its source forms ("one person" has none, "{{max}} people" one).
  const messageOf = (u: TranslationUnit): string => `${u.namespace}:${u.message}`;
  const sourcePlaceholders = new Map<string, Set<string>>();
  for (const unit of expected) {
    const set = sourcePlaceholders.get(messageOf(unit)) ?? new Set<string>();
    for (const p of placeholders(unit.source)) set.add(p);
    sourcePlaceholders.set(messageOf(unit), set);
  }
  const changed: { id: string; before: string; after: string }[] = [];
  const rejected: { id: string; at: string; reason: string }[] = [];
  const taken = new Map<string, string>();
  let unchanged = 0;
  for (const imported of input.doc.units) {
    const unit = byId.get(imported.id);
    const text = imported.target.replace(/\r\n?/g, "\n").trim();
    if (!unit) rejected.push({ id: imported.id, at: imported.at, reason: `unknown key: not a message of locales/${input.sourceLang}/` });
    else if (taken.has(unit.id)) rejected.push({ id: unit.id, at: imported.at, reason: "the same key twice in the file" });
    else if (text !== "") {
      const problem = problemWith(unit, text, [...(sourcePlaceholders.get(messageOf(unit)) ?? [])].sort(), input.params);
      if (problem) rejected.push({ id: unit.id, at: imported.at, reason: problem });
      else {
        taken.set(unit.id, text);
        if (text === unit.target) unchanged += 1;
        else changed.push({ id: unit.id, before: unit.target, after: text });
      }
    }
  }
  const missing = expected.filter((u) => u.target === "" && !taken.has(u.id)).map((u) => u.id);
  const catalogs = new Map<string, Catalog>();
  for (const ns of new Set(changed.map((c) => c.id.slice(0, c.id.indexOf(":"))))) {
    const current = flatten(input.resources[lang]?.[ns] ?? {});
    const entries: [string, string][] = [];
    for (const unit of expected.filter((u) => u.namespace === ns)) {
      const text = taken.get(unit.id) ?? current.get(unit.key);
      if (text !== undefined) entries.push([unit.key, text]);
    }
    // Keys the source no longer has stay, at the end: the check reports them; a translator's work is never dropped silently.
    for (const [key, text] of current) if (!byId.has(`${ns}:${key}`)) entries.push([key, text]);
    catalogs.set(ns, nestCatalog(entries));
  }
  return { lang, changed, unchanged, missing, rejected, catalogs };
}
