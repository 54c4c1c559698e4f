/**
 * A warning for long sentences in what children read: `_child` variants, and messages with no child
 * variant in the dialogs a child can reach (plus `common`). Short sentences are the first rule of
 * child-friendly text (UNICEF "Safer Chatbots"). Word counts differ by language: Arabic and Swahili
 * join pronouns and prepositions to words, French and Spanish use more small words.
 */
import type { LoadedDialog } from "../../dialog/check/context.js";
import type { Problem } from "../../dialog/load/problem.js";
import { keyParts, pluralMessages } from "../keyParts.js";
import { collectUsages } from "../usages.js";
import { flatCatalogs, type LocaleCheckInput } from "./localeView.js";

const DEFAULT_MAX_WORDS = 20;
const MAX_WORDS: Readonly<Record<string, number>> = { ar: 16, sw: 16, uk: 20, fa: 16, fr: 24, es: 24, pt: 24 };

export function maxWordsFor(lang: string): number {
  return MAX_WORDS[lang] ?? MAX_WORDS[lang.split("-")[0] ?? ""] ?? DEFAULT_MAX_WORDS;
}

/** Sentences as a reader sees them: ended by . ! ? ؟ … or a line break ("15.03.2024" stays whole). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?؟…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export const wordCount = (sentence: string): number => sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Dialogs a child can be in: flows that can set the child audience, what they call or repeat, and their safety modules. */
function childNamespaces(loaded: readonly LoadedDialog[]): Set<string> {
  const byId = new Map(loaded.map((l) => [l.dialog.id, l.dialog]));
  const reached = new Set<string>(["common"]);
  const queue = loaded.filter((l) => Object.values(l.dialog.steps).some((s) => s.type === "question" && Object.values(s.audience_from ?? {}).includes("child"))).map((l) => l.dialog.id);
  while (queue.length > 0) {
    const id = queue.pop();
    const dialog = id === undefined ? undefined : byId.get(id);
    if (!dialog || reached.has(dialog.id)) continue;
    reached.add(dialog.id);
    queue.push(dialog.settings.safety_module);
    for (const step of Object.values(dialog.steps)) if (step.type === "call" || step.type === "repeat") queue.push(step.dialog);
  }
  return reached;
}

export function checkReadability(input: LocaleCheckInput): Problem[] {
  const problems: Problem[] = [];
  const namespaces = childNamespaces(input.loaded);
  // Labels, titles and caseworker-facing reasons are not sentences a child reads.
  const notProse = new Set(collectUsages(input.loaded, input.offeredLanguages).filter((u) => u.role === "choice" || u.role === "title" || u.role === "risk_reason").map((u) => u.key));
  for (const [lang, catalogs] of flatCatalogs(input.resources)) {
    const limit = maxWordsFor(lang);
    for (const [ns, keys] of catalogs) {
      if (!namespaces.has(ns)) continue;
      const plural = pluralMessages(keys.keys());
      for (const [key, text] of keys) {
        const { base, audience } = keyParts(key, plural);
        if (notProse.has(`${ns}:${base}`) || base.startsWith("risk.") || audience === "adult") continue;
        // The plain form is what a child reads only when there is no child variant.
        if (!audience && [...keys.keys()].some((k) => k !== key && keyParts(k, plural).base === base && keyParts(k, plural).audience === "child")) continue;
        for (const sentence of sentences(text)) {
          const words = wordCount(sentence);
          if (words > limit) {
            const start = sentence.split(/\s+/).slice(0, 6).join(" ");
            problems.push({ file: input.fileFor(lang, ns), path: key, message: `a sentence of ${words} words is long for a child (aim for ${limit} or fewer): "${start}…"`, severity: "warning" });
          }
        }
      }
    }
  }
  return problems;
}
