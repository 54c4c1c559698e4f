/** The small answer types: free text, yes/no, phone numbers, locations. */
import { cleanText, matchesWord, normalizeForMatch, toAsciiDigits } from "./normalize.js";
import { fail, type ParseResult } from "./result.js";
import type { Vocabulary } from "./vocabulary.js";

export function parseText(raw: string, maxLength: number): ParseResult {
  const text = cleanText(raw);
  if (text === "") return fail("empty");
  // Count what a person sees (code points), not UTF-16 units: Arabic, emoji and CJK count once each.
  const length = [...text].length;
  if (length > maxLength) return fail("too_long", { max: maxLength, count: maxLength });
  return { ok: true, value: text };
}

/** yes / no; "I don't know" is handled before this, with skip. Also "1"/"2" for the buttons' order. */
export function parseYesNo(raw: string, vocabulary: Vocabulary): ParseResult {
  const normalized = normalizeForMatch(raw);
  if (normalized === "1" || matchesWord(normalized, vocabulary.yes, true)) return { ok: true, value: true };
  if (normalized === "2" || matchesWord(normalized, vocabulary.no, true)) return { ok: true, value: false };
  return fail("not_yes_no");
}

/**
 * Phone numbers in any common format: "+243 81 234 5678", "0812-345-678", "(081) 234 5678", digits
 * in any script. Kept as "+<digits>" when international, digits otherwise (E.164 needs a country the
 * bot cannot assume).
 */
export function parsePhone(raw: string): ParseResult {
  const text = toAsciiDigits(cleanText(raw)).replace(/[\s().\-\u2010-\u2015]/g, "");
  const international = text.startsWith("+") || text.startsWith("00");
  const digits = text.replace(/^\+|^00/, "");
  if (!/^\d+$/.test(digits)) return fail("not_a_phone");
  if (digits.length < 6 || digits.length > 15) return fail("not_a_phone");
  return { ok: true, value: international ? `+${digits}` : digits };
}

/** A place as free text ("near the market in Goma"); shared pins arrive as a location input instead. */
export function parseLocationText(raw: string): ParseResult {
  const text = cleanText(raw);
  if ([...normalizeForMatch(text)].length < 2) return fail("not_a_place");
  if ([...text].length > 300) return fail("too_long", { max: 300, count: 300 });
  return { ok: true, value: { text } };
}
