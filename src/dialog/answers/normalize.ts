/**
 * Text normalisation for matching what people type against vocabularies and labels, and for cleaning
 * answers before they are saved. People write in many scripts, on phones, with odd Unicode: this is
 * the one place that handles it.
 */

/** Zero code points of the decimal digit blocks people commonly type (ASCII, Arabic-Indic, Persian, Devanagari, ...). */
const DIGIT_ZEROS = [
  0x0030, 0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0,
  0x0f20, 0x1040, 0x17e0, 0x1810, 0x1946, 0x19d0, 0xff10,
];

function asciiDigit(codePoint: number): string | undefined {
  for (const zero of DIGIT_ZEROS) if (codePoint >= zero && codePoint <= zero + 9) return String(codePoint - zero);
  return undefined;
}

/** Converts digits of any common script to ASCII: "٧" -> "7", "۱۲" -> "12". */
export function toAsciiDigits(text: string): string {
  let out = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    out += codePoint > 0x7f ? (asciiDigit(codePoint) ?? char) : char;
  }
  return out;
}

/** Bidi controls and invisible characters that change nothing a reader sees but break matching. ZWNJ/ZWJ are kept (Persian, emoji). */
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Cleans an answer before it is saved: NFC, no control or invisible characters, tidy spaces. Keeps the person's words. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Arabic letter variants people type interchangeably: alef forms, teh marbuta, alef maksura, tatweel. */
function foldArabic(text: string): string {
  return text
    .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0649/g, "\u064A")
    .replace(/\u0640/g, "");
}

/**
 * The form used for matching: compatibility-normalised, lower case, no diacritics or Arabic vowel
 * marks, ASCII digits, punctuation as spaces. "  Oui ! " -> "oui", "لا." -> "لا", "٣ أيام" -> "3 ايام".
 */
export function normalizeForMatch(text: string): string {
  const folded = foldArabic(toAsciiDigits(cleanText(text).normalize("NFKC")).toLowerCase())
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
  return folded
    .replace(/(?<!\d)[.,]|[.,](?!\d)/g, " ") // a point or comma between digits is a decimal: keep it
    .replace(/[^\p{L}\p{N}+\s'’.,-]/gu, " ")
    .replace(/['’-]+(\s|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Each word list's normalised forms, computed once per list: the lists are the loaded vocabularies'
 * (fixed once read), and normalising every command word again on every message was most of the cost
 * of understanding an answer.
 */
const normalizedLists = new WeakMap<readonly string[], readonly string[]>();

function normalizedWords(wordList: readonly string[]): readonly string[] {
  let words = normalizedLists.get(wordList);
  if (!words) {
    words = wordList.map(normalizeForMatch);
    normalizedLists.set(wordList, words);
  }
  return words;
}

/** Whether the normalised text is one of the words, or starts with one followed by more words ("yes please"). */
export function matchesWord(normalized: string, wordList: readonly string[], allowTrailing: boolean): boolean {
  for (const w of normalizedWords(wordList)) {
    if (w === "") continue;
    if (normalized === w) return true;
    if (allowTrailing && normalized.startsWith(`${w} `)) return true;
  }
  return false;
}
