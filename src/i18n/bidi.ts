/**
 * Invisible bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates). Chat apps lay out
 * Arabic and Latin text themselves; a stray control in a catalog reorders numbers and phone numbers
 * unpredictably, cannot be seen by a reviewer, and breaks matching of what people type back.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

export interface BidiControl {
  /** `U+200F`. */
  readonly code: string;
  /** Position in code points, counting from 1, as a reviewer counts characters. */
  readonly at: number;
}

export function findBidiControls(text: string): BidiControl[] {
  const found: BidiControl[] = [];
  let at = 0;
  for (const char of text) {
    at += 1;
    BIDI_CONTROLS.lastIndex = 0;
    if (BIDI_CONTROLS.test(char)) found.push({ code: `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`, at });
  }
  return found;
}
