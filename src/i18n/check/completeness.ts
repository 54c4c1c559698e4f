/**
 * Every message of the source language exists in every shipped language, with the same
 * `{{placeholders}}`. Keys a dialog or the engine names are already reported by `checkMessages` with
 * the dialog path; this adds the rest (audience variants, hints...) and placeholder mistakes.
 * A translation may add `_child` / `_adult` variants the source does not need (tu/vous, ти/ви).
 */
import { dialogKeys } from "../../dialog/check/messages.js";
import { ENGINE_MESSAGE_KEYS } from "../../dialog/engine/messageKeys.js";
import type { Problem } from "../../dialog/load/problem.js";
import { keyParts, pluralMessages, withoutPlural } from "../keyParts.js";
import { placeholderDifference, placeholders } from "../placeholders.js";
import { flatCatalogs, sourceLanguage, type LocaleCheckInput } from "./localeView.js";

/**
 * The source texts a translated key answers to: the same key; for a plural form, all the source's
 * forms of that message; for an audience variant the source lacks, the plain message.
 */
export function sourceTextFor(source: ReadonlyMap<string, string>, key: string, plural: ReadonlySet<string>): string[] {
  const parts = keyParts(key, plural);
  const exact = source.get(key);
  if (exact !== undefined && !parts.plural) return [exact];
  const message = withoutPlural(key, plural);
  const forms = [...source.entries()].filter(([k]) => withoutPlural(k, plural) === message).map(([, text]) => text);
  if (forms.length > 0) return forms;
  const base = [...source.entries()].filter(([k]) => withoutPlural(k, plural) === parts.base).map(([, text]) => text);
  return base;
}

export function checkCompleteness(input: LocaleCheckInput): Problem[] {
  const problems: Problem[] = [];
  const catalogs = flatCatalogs(input.resources);
  const sourceLang = sourceLanguage(input.metas, catalogs.keys());
  const source = catalogs.get(sourceLang);
  if (!source) return problems;
  const named = new Set<string>([...ENGINE_MESSAGE_KEYS, ...input.loaded.flatMap((l) => dialogKeys(l.dialog).map((k) => k.key))]);
  const error = (file: string, path: string, message: string): void => void problems.push({ file, path, message, severity: "error" });
  for (const [lang, namespaces] of catalogs) {
    if (lang === sourceLang) continue;
    for (const [ns, sourceKeys] of source) {
      const file = input.fileFor(lang, ns);
      const target = namespaces.get(ns);
      if (!target) {
        error(file, "(top)", `file missing (${input.fileFor(sourceLang, ns)} has ${sourceKeys.size} messages)`);
        continue;
      }
      const plural = pluralMessages(sourceKeys.keys(), target.keys());
      const sourceMessages = new Set([...sourceKeys.keys()].map((k) => withoutPlural(k, plural)));
      const targetMessages = new Set([...target.keys()].map((k) => withoutPlural(k, plural)));
      for (const message of sourceMessages) {
        if (!targetMessages.has(message) && !named.has(`${ns}:${message}`)) error(file, message, `message missing (it is in ${input.fileFor(sourceLang, ns)})`);
      }
      for (const [key, text] of target) {
        const message = withoutPlural(key, plural);
        const { base, audience } = keyParts(message, plural);
        if (!sourceMessages.has(message) && !(audience && sourceMessages.has(base))) {
          problems.push({ file, path: key, message: `not in the source language (${input.fileFor(sourceLang, ns)}): a typo, or left over?`, severity: "warning" });
          continue;
        }
        if (text.trim() === "") {
          error(file, key, "empty message");
          continue;
        }
        const sourceTexts = sourceTextFor(sourceKeys, key, plural);
        const expected = [...new Set(sourceTexts.flatMap(placeholders))].sort();
        // A plural form may leave the number out ("one person"); other messages keep every placeholder.
        const difference = placeholderDifference(expected, placeholders(text), keyParts(key, plural).plural !== undefined);
        if (difference) error(file, key, `placeholders differ from the source: ${difference}`);
      }
    }
    for (const ns of namespaces.keys()) {
      if (!source.has(ns)) problems.push({ file: input.fileFor(lang, ns), path: "(top)", message: `no such file in the source language (${input.fileFor(sourceLang, ns)})`, severity: "warning" });
    }
  }
  return problems;
}
