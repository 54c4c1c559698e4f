/**
 * Splits a long message into parts a channel accepts (Telegram 4096, WhatsApp text 4096, an
 * interactive body 1024), at a paragraph, then a line, then a space, and never inside a letter.
 * Nothing is dropped: help contacts at the end of a long message must still arrive.
 * Example: splitText("a\n\nb", 2) → ["a", "b"].
 */
import { graphemePrefixLength } from "./fitText.js";

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    // Only a break in the second half, so that parts do not become tiny.
    if (at >= max / 2 && at > 0) return at;
  }
  return graphemePrefixLength(text, max);
}

export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part !== "") parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "" || parts.length === 0) parts.push(rest);
  return parts;
}
