/**
 * What a translator works on for one language: every message of the source language, one unit per
 * form the target language needs (its own plural forms, audience variants), with the English source,
 * the current translation, where it is used and how long it may be. Export writes these; import
 * checks what comes back against them.
 */
import { flatten, type Resources } from "../catalog.js";
import { keyParts, pluralCategories, pluralMessages, withoutPlural, type PluralCategory } from "../keyParts.js";
import { CHANNEL_LIMITS, limitsByKey, type Usage } from "../usages.js";

export interface TranslationUnit {
  /** `namespace:key`, the key as it is written in `locales/<lang>/<namespace>.json`. */
  readonly id: string;
  readonly namespace: string;
  readonly key: string;
  /** The key without its plural suffix: the forms of one message share it. */
  readonly message: string;
  readonly source: string;
  /** The current translation; "" when there is none yet. */
  readonly target: string;
  /** Where and how the text is used: dialog/step, role, audience, plural form. */
  readonly context: string;
  readonly maxLength: number;
}

export interface TranslationDoc {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly units: readonly TranslationUnit[];
}

export interface UnitsInput {
  readonly resources: Resources;
  readonly sourceLang: string;
  readonly lang: string;
  readonly usages: readonly Usage[];
}

/** Numbers that take a plural form, so a translator sees which form is which ("few: 3, 4, 23"). */
function samples(lang: string, category: PluralCategory): string {
  const rules = new Intl.PluralRules(lang);
  const found: number[] = [];
  for (let n = 0; n <= 200 && found.length < 3; n++) if (rules.select(n) === category) found.push(n);
  return found.length > 0 ? found.join(", ") : "fractions";
}

function describe(usages: readonly Usage[], key: string, lang: string, plural?: PluralCategory): string {
  const { audience } = keyParts(key);
  const where = [...new Set(usages.map((u) => (u.dialog && u.step ? `${u.dialog}/${u.step}: ${u.role.replace("_", " ")}` : u.dialog ? `${u.dialog}: ${u.role}` : `${u.role} (sent by kinlink itself)`)))];
  return [
    ...(where.length > 0 ? [where.slice(0, 4).join("; ") + (where.length > 4 ? `; and ${where.length - 4} more` : "")] : ["not used by the current dialogs"]),
    ...(audience ? [audience === "child" ? "when a child is writing: short, warm, plain words" : "when an adult is writing"] : []),
    ...(plural ? [`plural form "${plural}", for ${samples(lang, plural)}`] : []),
  ].join(" · ");
}

export function translationUnits(input: UnitsInput): TranslationDoc {
  const source = input.resources[input.sourceLang] ?? {};
  const target = input.resources[input.lang] ?? {};
  const limits = limitsByKey(input.usages);
  const units: TranslationUnit[] = [];
  for (const namespace of Object.keys(source).sort()) {
    const sourceKeys = flatten(source[namespace] ?? {});
    const targetCatalog = target[namespace];
    const targetKeys = targetCatalog ? flatten(targetCatalog) : new Map<string, string>();
    const plural = pluralMessages(sourceKeys.keys(), targetKeys.keys());
    const messages = [...new Set([...sourceKeys.keys()].map((k) => withoutPlural(k, plural)))];
    // Variants only the translation has (tu/vous), placed after their plain message.
    const extra = [...new Set([...targetKeys.keys()].map((k) => withoutPlural(k, plural)))].filter((m) => {
      const { base, audience } = keyParts(m, plural);
      return !messages.includes(m) && audience !== undefined && messages.includes(base);
    });
    const ordered = messages.flatMap((m) => [m, ...extra.filter((e) => keyParts(e, plural).base === m)]);
    for (const message of ordered) {
      const base = keyParts(message, plural).base;
      const used = input.usages.filter((u) => u.key === `${namespace}:${base}`);
      const maxLength = limits.get(`${namespace}:${base}`) ?? CHANNEL_LIMITS.body;
      const sourceOf = (key: string): string => sourceKeys.get(key) ?? sourceKeys.get(`${message}_other`) ?? sourceKeys.get(message) ?? sourceKeys.get(base) ?? sourceKeys.get(`${base}_other`) ?? "";
      const forms: (PluralCategory | undefined)[] = plural.has(message) ? pluralCategories(input.lang) : [undefined];
      for (const form of forms) {
        const key = form ? `${message}_${form}` : message;
        units.push({ id: `${namespace}:${key}`, namespace, key, message, source: sourceOf(key), target: targetKeys.get(key) ?? "", context: describe(used, message, input.lang, form), maxLength });
      }
    }
  }
  return { sourceLang: input.sourceLang, targetLang: input.lang, units };
}
