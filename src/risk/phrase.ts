/**
 * Turns a lexicon phrase ("he (really) beat* me/us ...") into elements the matcher walks. No regular
 * expressions are built from data, so a phrase can never be slow to match; the cost of a phrase is
 * bounded by its length and the few optional words and gaps it may hold.
 */
import { baseForms } from "./tokenize.js";

export type Alternative =
  | { readonly kind: "exact"; readonly text: string }
  | { readonly kind: "prefix"; readonly text: string }
  | { readonly kind: "suffix"; readonly text: string }
  | { readonly kind: "infix"; readonly text: string };

export type Element =
  | { readonly kind: "word"; readonly alternatives: readonly Alternative[]; readonly optional: boolean }
  | { readonly kind: "any" }
  | { readonly kind: "gap"; readonly max: number };

/** `...` skips up to this many words. */
export const GAP_WORDS = 3;
/** A wildcard needs this many letters, or "a*" would match half the language. */
export const MIN_STEM_CHARS = 3;
const MAX_ELEMENTS = 12;

export type Spellings = ReadonlyMap<string, readonly string[]>;

export type ParsedPhrase = { readonly ok: true; readonly elements: readonly Element[] } | { readonly ok: false; readonly message: string };

function fail(message: string): ParsedPhrase {
  return { ok: false, message };
}

/** One alternative: "beat*", "*piga", "*nipig*" or a plain word (which spellings may rewrite into several). */
function parseAlternative(raw: string, spellings: Spellings): { alt: Alternative[] } | { error: string } {
  const starts = raw.startsWith("*");
  const ends = raw.endsWith("*") && raw.length > 1;
  const core = raw.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (core.includes("*")) return { error: `"${raw}": a * goes at the start or the end of a word` };
  const forms = baseForms(core);
  if (starts || ends) {
    const text = forms[0];
    if (forms.length !== 1 || text === undefined) return { error: `"${raw}": a word with * must be one word` };
    if ([...text].length < MIN_STEM_CHARS) return { error: `"${raw}": a word with * needs at least ${MIN_STEM_CHARS} letters (a doubled letter counts once)` };
    return { alt: [{ kind: starts && ends ? "infix" : starts ? "suffix" : "prefix", text }] };
  }
  const rewritten = forms.flatMap((f) => spellings.get(f) ?? [f]);
  if (rewritten.length === 0) return { error: `"${raw}": no letters or digits` };
  return { alt: rewritten.map((text) => ({ kind: "exact", text })) };
}

/** A space-separated item: "(my/his)", "hit/hits", "...", "*", "don't" (which may become "do not"). */
function parseItem(item: string, spellings: Spellings): Element[] | string {
  if (item === "...") return [{ kind: "gap", max: GAP_WORDS }];
  if (item === "*") return [{ kind: "any" }];
  const optional = item.startsWith("(") && item.endsWith(")");
  const body = optional ? item.slice(1, -1) : item;
  if (body.includes("(") || body.includes(")")) return `"${item}": brackets go around one whole word, like "(really)"`;
  const parts = body.split("/");
  const alternatives: Alternative[] = [];
  for (const part of parts) {
    if (part === "") return `"${item}": empty alternative`;
    const parsed = parseAlternative(part, spellings);
    if ("error" in parsed) return parsed.error;
    if (parsed.alt.length > 1) {
      if (parts.length > 1 || optional) return `"${part}" becomes several words ("${parsed.alt.map((a) => a.text).join(" ")}"): write it as its own phrase`;
      return parsed.alt.map((a) => ({ kind: "word", alternatives: [a], optional: false }));
    }
    alternatives.push(...parsed.alt);
  }
  return [{ kind: "word", alternatives, optional }];
}

export function parsePhrase(phrase: string, spellings: Spellings): ParsedPhrase {
  const elements: Element[] = [];
  for (const item of phrase.trim().split(/\s+/)) {
    const parsed = parseItem(item, spellings);
    if (typeof parsed === "string") return fail(parsed);
    elements.push(...parsed);
  }
  if (elements.length > MAX_ELEMENTS) return fail(`more than ${MAX_ELEMENTS} words: split it, or use a near rule`);
  if (!elements.some((e) => e.kind === "word" && !e.optional)) return fail("needs at least one required word");
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (first?.kind === "gap" || last?.kind === "gap") return fail('"..." goes between words, not at the start or end');
  return { ok: true, elements };
}
