/**
 * The loaded catalogs, flattened once for the locale checks: language -> namespace -> key -> text,
 * plus which language is the source translators work from and where each file lives.
 */
import type { LoadedDialog } from "../../dialog/check/context.js";
import { flatten, type Resources } from "../catalog.js";
import type { LocaleMeta } from "../localeMeta.js";

export interface LocaleCheckInput {
  readonly loaded: readonly LoadedDialog[];
  readonly resources: Resources;
  readonly metas: ReadonlyMap<string, LocaleMeta>;
  /** `locales/fr/intake.json` for ("fr", "intake"). */
  fileFor(lang: string, namespace: string): string;
  /** How many languages the deployment offers (the language menu's size). */
  readonly offeredLanguages: number;
  /** Deployment values put into messages before measuring them (`{{org}}`, `{{helpline}}`). */
  readonly params?: Readonly<Record<string, string | number>>;
}

export type FlatCatalogs = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;

export function flatCatalogs(resources: Resources): FlatCatalogs {
  const out = new Map<string, Map<string, Map<string, string>>>();
  for (const lang of Object.keys(resources).sort()) {
    const namespaces = new Map<string, Map<string, string>>();
    for (const [ns, catalog] of Object.entries(resources[lang] ?? {}).sort(([a], [b]) => a.localeCompare(b))) namespaces.set(ns, flatten(catalog));
    out.set(lang, namespaces);
  }
  return out;
}

/** The language translators translate from: the one whose `_meta.json` says "source" (English by default). */
export function sourceLanguage(metas: ReadonlyMap<string, LocaleMeta>, available: Iterable<string>): string {
  for (const [lang, meta] of metas) if (meta.review.status === "source") return lang;
  const langs = [...available];
  return langs.includes("en") ? "en" : (langs[0] ?? "en");
}

/** Length as a person counts it (code points), with deployment values filled in; unknown placeholders count as 10. */
export function measure(text: string, params: Readonly<Record<string, string | number>> = {}): number {
  const filled = text.replace(/\{\{\s*([^{}\s,]+)[^{}]*\}\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? "x".repeat(10) : String(value);
  });
  return [...filled].length;
}
