/**
 * Which language to suggest at first contact, before the person has chosen: the language menu opens
 * with it first. Only ever a suggestion (`startSession(..., { lang, chooseLanguage: true })`): the
 * person always sees the menu, each language named in itself.
 *
 * In order: Telegram's `language_code` (the app's language, set by the person), the country calling
 * code of a WhatsApp number (weak: people displaced across borders keep or buy foreign SIMs), then a
 * guess from the text with franc, restricted to the offered languages and kept only when clear.
 */
import { francAll } from "franc";
import { countryLanguages } from "./countryLanguages.js";

export interface LanguageHints {
  /** Telegram `from.language_code`: an IETF tag such as "fr", "pt-br", "uk". */
  readonly telegramLanguageCode?: string | undefined;
  /** The WhatsApp sender (`wa_id`, "243812345678", or "+243 81 234 5678"). */
  readonly whatsappPhone?: string | undefined;
  /** What the person wrote first. */
  readonly text?: string | undefined;
}

/** ISO 639-1 -> the ISO 639-3 code franc reports (franc names macrolanguages by their main member). */
const FRANC_CODES: Readonly<Record<string, string>> = {
  en: "eng", fr: "fra", es: "spa", pt: "por", ar: "arb", uk: "ukr", ru: "rus", sw: "swh", fa: "pes", ps: "pbu",
  ur: "urd", hi: "hin", bn: "ben", so: "som", am: "amh", ti: "tir", ha: "hau", ln: "lin", rw: "kin", rn: "run",
  tr: "tur", de: "deu", it: "ita", pl: "pol", ro: "ron", my: "mya", ku: "kmr", zh: "cmn", id: "ind", ms: "zlm",
};

/** franc is unreliable on short Latin-script text: a guess counts only when it clearly beats the next one. */
const MIN_TEXT_LENGTH = 10;
const MAX_RUNNER_UP = 0.8;

/** The offered language a tag names: exact ("fa-AF"), else by its primary language ("fr-FR" -> "fr"). */
function matchTag(tag: string, offered: readonly string[]): string | undefined {
  const wanted = tag.trim().replace(/_/g, "-").toLowerCase();
  if (wanted === "") return undefined;
  const exact = offered.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split("-")[0] ?? "";
  return offered.find((l) => l.toLowerCase() === primary) ?? offered.find((l) => l.toLowerCase().split("-")[0] === primary);
}

function fromPhone(phone: string, offered: readonly string[]): string | undefined {
  const digits = phone.replace(/^\s*(\+|00)/, "").replace(/\D/g, "");
  for (const lang of countryLanguages(digits)) {
    const found = matchTag(lang, offered);
    if (found) return found;
  }
  return undefined;
}

function fromText(text: string, offered: readonly string[]): string | undefined {
  const byCode = new Map<string, string>();
  for (const lang of offered) {
    const code = FRANC_CODES[lang.split("-")[0] ?? ""];
    if (code && !byCode.has(code)) byCode.set(code, lang);
  }
  if (byCode.size === 0 || [...text.trim()].length < 2) return undefined;
  const ranked = francAll(text, { only: [...byCode.keys()], minLength: 1 });
  const [best, second] = ranked;
  if (!best || best[0] === "und") return undefined;
  // A single candidate means the script alone decided (Arabic, Cyrillic with one Cyrillic language offered).
  if (second && ([...text].length < MIN_TEXT_LENGTH || second[1] >= MAX_RUNNER_UP)) return undefined;
  return byCode.get(best[0]);
}

/** The language to suggest, or undefined when nothing points to an offered one. */
export function suggestLanguage(hints: LanguageHints, offered: readonly string[]): string | undefined {
  return (
    (hints.telegramLanguageCode ? matchTag(hints.telegramLanguageCode, offered) : undefined) ??
    (hints.whatsappPhone ? fromPhone(hints.whatsappPhone, offered) : undefined) ??
    (hints.text ? fromText(hints.text, offered) : undefined)
  );
}
