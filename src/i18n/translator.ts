/**
 * Renders message keys to text with i18next: the person's language, the audience variant (child or
 * adult, falling back to the plain key), plural rules, and deployment values such as help contacts.
 * Plain text for chat: no HTML escaping, and no invisible bidi marks are added.
 */
import i18next, { type i18n } from "i18next";
import type { Audience } from "../dialog/engine/session.js";
import type { Resources } from "./catalog.js";

export type Params = Readonly<Record<string, string | number>>;

export interface Translator {
  render(key: string, lang: string, audience?: Audience, params?: Params): string;
  /** Whether the language is written right to left. */
  isRtl(lang: string): boolean;
}

export interface TranslatorOptions {
  readonly resources: Resources;
  /** Per language, the languages to fall back to (e.g. `{ "fa-AF": ["fa", "en"] }`); always ending in the default. */
  readonly fallbacks?: Readonly<Record<string, readonly string[]>>;
  readonly defaultLanguage?: string;
  /** Values every message may use: `{{org}}`, `{{emergency}}`, `{{helpline}}`. */
  readonly deploymentParams?: Params;
  readonly rtl?: ReadonlySet<string>;
}

/**
 * i18next picks plural forms (`_one`, `_few`...) by `count`. Events name their numbers for what they
 * are (`{{max}}` in "up to {{max}} letters"), so when a message's params hold exactly one number and no
 * `count`, that number chooses the form. A message without plural forms is unaffected.
 */
export function pluralCount(params: Params | undefined): number | undefined {
  if (!params) return undefined;
  if (typeof params["count"] === "number") return params["count"];
  const numbers = Object.values(params).filter((v): v is number => typeof v === "number");
  return numbers.length === 1 ? numbers[0] : undefined;
}

/** Texts without params kept per translator: every key in every language and audience of a large deployment. */
const MAX_RENDERED = 20_000;

export function createTranslator(options: TranslatorOptions): Translator {
  const defaultLanguage = options.defaultLanguage ?? "en";
  const instance: i18n = i18next.createInstance();
  const namespaces = [...new Set(Object.values(options.resources).flatMap((ns) => Object.keys(ns)))];
  void instance.init({
    resources: options.resources,
    lng: defaultLanguage,
    fallbackLng: { ...options.fallbacks, default: [defaultLanguage] },
    ns: namespaces,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  const base = options.deploymentParams ?? {};
  const translate = (key: string, lang: string, audience: Audience | undefined, params: Params | undefined): string => {
    const count = pluralCount(params);
    return instance.t(key, { lng: lang, ...base, ...params, ...(count !== undefined ? { count } : {}), ...(audience ? { context: audience } : {}) });
  };
  // Without params a key's text depends only on the language and audience (the resources are fixed
  // once loaded): most of a turn's rendering (choice labels, hints, questions) is the same strings
  // again. Texts with params are not kept (they may carry what the person typed). Bounded anyway.
  const rendered = new Map<string, string>();
  return {
    render(key, lang, audience, params) {
      if (params !== undefined && Object.keys(params).length > 0) return translate(key, lang, audience, params);
      const cacheKey = `${lang}\u0000${audience ?? ""}\u0000${key}`;
      const known = rendered.get(cacheKey);
      if (known !== undefined) return known;
      const text = translate(key, lang, audience, undefined);
      if (rendered.size >= MAX_RENDERED) rendered.clear();
      rendered.set(cacheKey, text);
      return text;
    },
    isRtl(lang) {
      return options.rtl?.has(lang) ?? instance.dir(lang) === "rtl";
    },
  };
}
