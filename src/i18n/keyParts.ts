/**
 * The parts of a catalog key as i18next reads them: `age_child` is `age` for a child,
 * `limit_few` is the "few" plural form of `limit`, `done_child_one` both (context first, then plural).
 */
import { AUDIENCE_SUFFIXES, PLURAL_SUFFIXES } from "./catalog.js";

export type PluralCategory = (typeof PLURAL_SUFFIXES)[number];
export type AudienceSuffix = (typeof AUDIENCE_SUFFIXES)[number];

export interface KeyParts {
  /** The key without audience or plural suffix. */
  readonly base: string;
  readonly audience?: AudienceSuffix;
  readonly plural?: PluralCategory;
}

const isPlural = (s: string): s is PluralCategory => PLURAL_SUFFIXES.some((p) => p === s);
const isAudience = (s: string): s is AudienceSuffix => AUDIENCE_SUFFIXES.some((a) => a === s);

function splitSuffix(key: string): [string, string] | undefined {
  const at = key.lastIndexOf("_");
  // A suffix only follows a real key part: `_child` alone, or `a._one`, are names, not variants.
  if (at <= 0 || key[at - 1] === ".") return undefined;
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * `plural`, when given, is the set of messages known to be plural (see `pluralMessages`): a key like
 * `name_other` is then a plain key unless `name` really has plural forms.
 */
export function keyParts(key: string, pluralSet?: ReadonlySet<string>): KeyParts {
  let rest = key;
  let plural: PluralCategory | undefined;
  let audience: AudienceSuffix | undefined;
  const p = splitSuffix(rest);
  if (p && isPlural(p[1]) && (!pluralSet || pluralSet.has(p[0]))) {
    plural = p[1];
    rest = p[0];
  }
  const a = splitSuffix(rest);
  if (a && isAudience(a[1])) {
    audience = a[1];
    rest = a[0];
  }
  return { base: rest, ...(audience ? { audience } : {}), ...(plural ? { plural } : {}) };
}

/** The key without its plural suffix (`done_child_one` -> `done_child`): what a translator sees as one message. */
export function withoutPlural(key: string, pluralSet?: ReadonlySet<string>): string {
  const { base, audience, plural } = keyParts(key, pluralSet);
  if (!plural) return key;
  return audience ? `${base}_${audience}` : base;
}

/**
 * The messages that have plural forms: two or more `_one`/`_other`... keys with the same stem in any
 * of the given key lists (pass the source language's keys and the language's own). A lone
 * `name_other` is a message called "name other", not a plural.
 */
export function pluralMessages(...keyLists: Iterable<string>[]): Set<string> {
  const out = new Set<string>();
  for (const keys of keyLists) {
    const forms = new Map<string, number>();
    for (const key of keys) {
      if (!keyParts(key).plural) continue;
      const message = withoutPlural(key);
      forms.set(message, (forms.get(message) ?? 0) + 1);
    }
    for (const [message, count] of forms) if (count >= 2) out.add(message);
  }
  return out;
}

/** The CLDR plural categories a language uses (`ar`: zero, one, two, few, many, other). */
export function pluralCategories(lang: string): PluralCategory[] {
  let categories: readonly string[];
  try {
    categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  } catch {
    categories = ["one", "other"];
  }
  // In PLURAL_SUFFIXES order, so messages and reports list them the same way in every language.
  return PLURAL_SUFFIXES.filter((c) => categories.includes(c));
}
