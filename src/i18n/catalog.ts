/**
 * Locale catalogs: i18next JSON, one namespace per dialog plus `common`, nested objects of strings.
 * Audience variants use i18next's context suffix (`question_child`); plurals use CLDR suffixes
 * (`_one`, `_other`, and Arabic's `_zero`, `_two`, `_few`, `_many`).
 */
import { z } from "zod";
import type { LocaleIndex } from "../dialog/check/context.js";

export type CatalogNode = string | { [key: string]: CatalogNode };
export const CatalogSchema: z.ZodType<{ [key: string]: CatalogNode }> = z.record(
  z.string(),
  z.lazy(() => z.union([z.string(), CatalogSchema])),
);
export type Catalog = z.infer<typeof CatalogSchema>;

export const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;
export const AUDIENCE_SUFFIXES = ["child", "adult"] as const;

/** `{ a: { b: "x" } }` -> `Map { "a.b" => "x" }`. */
export function flatten(catalog: Catalog, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/** Resources as i18next takes them: language -> namespace -> catalog. */
export type Resources = Record<string, Record<string, Catalog>>;

/** The base key of a plural form: `children_other` -> `children`. */
export function pluralBase(key: string): string | undefined {
  const match = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  return match?.[1];
}

export class CatalogIndex implements LocaleIndex {
  private readonly keys = new Map<string, Set<string>>();

  constructor(
    resources: Resources,
    private readonly dir: string,
  ) {
    for (const [lang, namespaces] of Object.entries(resources)) {
      const set = new Set<string>();
      for (const [ns, catalog] of Object.entries(namespaces)) {
        for (const key of flatten(catalog).keys()) {
          set.add(`${ns}:${key}`);
          const base = pluralBase(key);
          if (base) set.add(`${ns}:${base}`);
        }
      }
      this.keys.set(lang, set);
    }
  }

  get languages(): string[] {
    return [...this.keys.keys()].sort();
  }

  has(lang: string, key: string): boolean {
    return this.keys.get(lang)?.has(key) ?? false;
  }

  fileFor(lang: string, namespace: string): string {
    return `${this.dir}/${lang}/${namespace}.json`;
  }
}
