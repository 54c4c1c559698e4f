/**
 * Plural messages have every form their language needs, by CLDR (Intl.PluralRules): English one and
 * other, Ukrainian one/few/many/other, Arabic all six. A missing form would make i18next fall back to
 * another language for exactly those numbers.
 */
import type { Problem } from "../../dialog/load/problem.js";
import { keyParts, pluralCategories, pluralMessages, withoutPlural, type PluralCategory } from "../keyParts.js";
import { flatCatalogs, sourceLanguage, type LocaleCheckInput } from "./localeView.js";

export function checkPlurals(input: LocaleCheckInput): Problem[] {
  const problems: Problem[] = [];
  const catalogs = flatCatalogs(input.resources);
  const source = catalogs.get(sourceLanguage(input.metas, catalogs.keys()));
  for (const [lang, namespaces] of catalogs) {
    const needed = pluralCategories(lang);
    for (const [ns, keys] of namespaces) {
      const sourceKeys = [...(source?.get(ns)?.keys() ?? [])];
      const plural = pluralMessages(sourceKeys, keys.keys());
      const forms = new Map<string, Set<PluralCategory>>();
      for (const key of keys.keys()) {
        const category = keyParts(key, plural).plural;
        if (category) forms.set(withoutPlural(key, plural), (forms.get(withoutPlural(key, plural)) ?? new Set()).add(category));
      }
      // A message that is plural in the source must be plural here too, even if translated as one plain text.
      for (const message of plural) if (keys.has(message) && !forms.has(message)) forms.set(message, new Set());
      const file = input.fileFor(lang, ns);
      for (const [message, present] of forms) {
        const missing = needed.filter((c) => !present.has(c));
        if (missing.length > 0) {
          problems.push({ file, path: message, message: `plural forms missing: ${missing.join(", ")} (${lang} uses ${needed.join(", ")})`, severity: "error" });
        }
        const unused = [...present].filter((c) => !needed.includes(c));
        if (unused.length > 0) {
          problems.push({ file, path: message, message: `plural forms never used in ${lang}: ${unused.join(", ")}`, severity: "warning" });
        }
      }
    }
  }
  return problems;
}
