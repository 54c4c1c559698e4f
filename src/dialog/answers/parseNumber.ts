/**
 * Numbers as people write them: "7", "٧", "about 7", "seven", "7 years", "5 or 6" (approximate).
 */
import { matchesWord, normalizeForMatch } from "./normalize.js";
import { fail, type ParseResult } from "./result.js";
import type { Vocabulary } from "./vocabulary.js";

/**
 * Number words of several words ("kumi na saba", "vingt et un", "سبعة عشر") become digits first,
 * longest phrase first, so that their joining word is not read as a range ("ten and seven").
 */
function replacePhrases(normalized: string, vocabulary: Vocabulary): string {
  const phrases = Object.entries(vocabulary.number_words)
    .map(([words, n]) => [normalizeForMatch(words), n] as const)
    .filter(([words]) => words.includes(" "))
    .sort((a, b) => b[0].length - a[0].length);
  let text = ` ${normalized} `;
  for (const [words, n] of phrases) text = text.split(` ${words} `).join(` ${n} `);
  return text.trim();
}

/** Reads the numbers in a normalised text, digits or number words ("twenty one" -> 21). */
export function readNumbers(normalized: string, vocabulary: Vocabulary): number[] {
  const words = new Map(Object.entries(vocabulary.number_words).map(([word, n]) => [normalizeForMatch(word), n]));
  const numbers: number[] = [];
  let pendingWord: number | undefined;
  // "5-6" is two numbers; "twenty-one" stays one word for the number words.
  for (const token of replacePhrases(normalized, vocabulary).split(/ |(?<=\d)-(?=\d)/)) {
    const digits = /^\d+([.,]\d+)?$/.test(token) ? Number(token.replace(",", ".")) : undefined;
    const word = words.get(token);
    if (word !== undefined) {
      // "twenty one": a tens word followed by a unit word adds up.
      if (pendingWord !== undefined && pendingWord >= 20 && pendingWord % 10 === 0 && word < 10) pendingWord += word;
      else {
        if (pendingWord !== undefined) numbers.push(pendingWord);
        pendingWord = word;
      }
      continue;
    }
    if (pendingWord !== undefined) {
      numbers.push(pendingWord);
      pendingWord = undefined;
    }
    if (digits !== undefined) numbers.push(digits);
  }
  if (pendingWord !== undefined) numbers.push(pendingWord);
  return numbers;
}

export function isApproximate(normalized: string, raw: string, vocabulary: Vocabulary): boolean {
  if (/[~≈?]/.test(raw)) return true;
  const tokens = new Set(normalized.split(" "));
  return vocabulary.approximately.some((word) => {
    const w = normalizeForMatch(word);
    return w.includes(" ") ? normalized.includes(w) : tokens.has(w);
  });
}

export function parseNumber(
  raw: string,
  spec: { min?: number | undefined; max?: number | undefined; integer: boolean },
  vocabulary: Vocabulary,
): ParseResult {
  const normalized = normalizeForMatch(raw);
  const numbers = readNumbers(normalized, vocabulary);
  const [first, second] = numbers;
  if (first === undefined) return fail("not_a_number");
  // Two numbers are a range only when joined like "5 or 6" / "5-6"; anything else is ambiguous.
  const isRange =
    numbers.length === 2 && (/\d\s*-\s*\d/.test(raw) || matchesWord(normalized.replace(/^\S+ /, ""), vocabulary.range_joiners, true));
  if (numbers.length > 1 && !isRange) return fail("ambiguous_number");
  const value = isRange && second !== undefined ? Math.round((first + second) / 2) : first;
  if (spec.integer && !Number.isInteger(value)) return fail("not_a_whole_number");
  const bounds = { min: spec.min ?? "", max: spec.max ?? "" };
  if (spec.min !== undefined && value < spec.min) return fail("out_of_range", bounds);
  if (spec.max !== undefined && value > spec.max) return fail("out_of_range", bounds);
  return { ok: true, value, estimated: isRange || isApproximate(normalized, raw, vocabulary) };
}
