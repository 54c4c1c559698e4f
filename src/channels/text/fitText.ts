/**
 * Shortens a label to a channel's limit without cutting a letter in half: Arabic with its marks,
 * Ukrainian with combining accents, emoji with skin tones and flags are all several code units,
 * and cutting inside one shows a broken glyph. Limits are counted in UTF-16 code units, which is
 * what whatsapp-api-js checks and never fewer than the characters the channels count.
 * Example: fitText("Another adult I know", 12) === "Another adu…".
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export const ELLIPSIS = "…";

export function fitText(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  const budget = maxUnits - ELLIPSIS.length;
  let kept = "";
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > budget) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/** The longest prefix of `text` that ends on a grapheme boundary and fits in `maxUnits` (at least one unit). */
export function graphemePrefixLength(text: string, maxUnits: number): number {
  let length = 0;
  for (const { segment } of graphemes.segment(text.slice(0, maxUnits + 64))) {
    if (length + segment.length > maxUnits) break;
    length += segment.length;
  }
  if (length > 0) return length;
  // One grapheme longer than the limit (a pile of combining marks): cut between code points.
  const code = text.charCodeAt(maxUnits - 1);
  return code >= 0xd800 && code <= 0xdbff ? Math.max(1, maxUnits - 1) : maxUnits;
}
