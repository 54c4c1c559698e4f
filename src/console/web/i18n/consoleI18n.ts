/**
 * The console's own words (not the dialogs'): one JSON catalog per language in this folder, nested
 * by page for translators, flattened to dotted keys here. `{name}` placeholders. The language comes
 * from the `kl_lang` cookie (the switch in the header), else Accept-Language, else English.
 * Arabic is right-to-left: the layout puts `dir` on <html> and the CSS uses logical properties.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

export const CONSOLE_LANGUAGES = ["en", "fr", "ar"] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];
export const LANGUAGE_COOKIE = "kl_lang";
const RTL: ReadonlySet<ConsoleLanguage> = new Set(["ar"]);

type Nested = { readonly [key: string]: string | Nested };
const NestedSchema: z.ZodType<Nested> = z.lazy(() => z.record(z.string(), z.union([z.string(), NestedSchema])));

/** Flattens `{ nav: { queue: "Queue" } }` to `{ "nav.queue": "Queue" }`. */
export function flattenCatalog(nested: Nested, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(nested)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flattenCatalog(value, path)) out.set(k, v);
  }
  return out;
}

export function catalogFile(lang: ConsoleLanguage): URL {
  return new URL(`./${lang}.json`, import.meta.url);
}

export function loadCatalog(lang: ConsoleLanguage): Map<string, string> {
  return flattenCatalog(NestedSchema.parse(JSON.parse(readFileSync(catalogFile(lang), "utf8"))));
}

export type Params = Readonly<Record<string, string | number>>;

/** Translates a key; a missing key falls back to English, then to the key itself (a unit test keeps all complete). */
export interface Translate {
  (key: string, params?: Params): string;
  readonly lang: ConsoleLanguage;
  readonly dir: "ltr" | "rtl";
  /** Whether the catalog has this key (for labels derived from data, such as record field names). */
  has(key: string): boolean;
}

export class ConsoleI18n {
  private readonly catalogs: ReadonlyMap<ConsoleLanguage, Map<string, string>>;

  constructor() {
    this.catalogs = new Map(CONSOLE_LANGUAGES.map((lang) => [lang, loadCatalog(lang)]));
  }

  translator(lang: ConsoleLanguage): Translate {
    const own = this.catalogs.get(lang);
    const english = this.catalogs.get("en");
    const lookup = (key: string): string | undefined => own?.get(key) ?? english?.get(key);
    const t = (key: string, params: Params = {}): string =>
      (lookup(key) ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
    return Object.assign(t, { lang, dir: RTL.has(lang) ? ("rtl" as const) : ("ltr" as const), has: (key: string) => lookup(key) !== undefined });
  }
}

const isLanguage = (value: string | undefined): value is ConsoleLanguage => (CONSOLE_LANGUAGES as readonly string[]).includes(value ?? "");

/** The cookie's choice, else the first Accept-Language entry we have (by quality), else English. */
export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): ConsoleLanguage {
  if (isLanguage(cookie)) return cookie;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((entry) => entry.base).find(isLanguage) ?? "en";
}

export function parseLanguage(value: string | undefined): ConsoleLanguage | undefined {
  return isLanguage(value) ? value : undefined;
}
