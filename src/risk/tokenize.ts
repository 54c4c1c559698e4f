/**
 * Cuts a message into the tokens the lexicons are matched against, remembering for each token the
 * word the person wrote (reasons quote it) and its clause (punctuation ends a phrase and a negation).
 * Lexicon phrases go through `baseForms` too, so both sides are always normalised the same way.
 */
import { normalizeForMatch } from "../dialog/answers/normalize.js";

/** A longer message is scanned on its first 4,000 and last 1,000 characters: disclosures often come last. */
export const MAX_SCAN_HEAD = 4000;
export const MAX_SCAN_TAIL = 1000;

export interface Token {
  readonly text: string;
  /** Index into `TokenizedMessage.words`. */
  readonly word: number;
  readonly clause: number;
}

export interface TokenizedMessage {
  readonly tokens: readonly Token[];
  /** The words as written, stripped of surrounding punctuation. */
  readonly words: readonly string[];
}

// Apostrophes vanish rather than split: "don't"/"dont", "j'ai"/"jai", "б'є"/"бє" become one spelling each.
const APOSTROPHES = /['’‘ʼ`´]/g;
const REPEATS = /(\p{L})\1+/gu;
// Sentence and clause punctuation in the shipped scripts, line breaks, and a dash between spaces.
const CLAUSE_BREAK = /[.!?;:…,\n\r؟؛،。！？]+|\s[-–—]+\s/;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The comparable forms of one written word: normalised, without apostrophes, split at hyphens, and
 * with repeated letters squeezed ("killlll", "pleeease", "موووت"), which also absorbs doubled-letter
 * misspellings. Returns no token for a word that is only punctuation or emoji.
 */
export function baseForms(word: string): string[] {
  const normalized = normalizeForMatch(word.replace(APOSTROPHES, ""));
  if (normalized === "") return [];
  const out: string[] = [];
  for (const part of normalized.split(/[\s-]+/)) {
    const squeezed = part.replace(REPEATS, "$1");
    if (squeezed !== "") out.push(squeezed);
  }
  return out;
}

/** Keeps a very long message cheap to scan without losing its ending. */
export function capForScan(text: string): string {
  if (text.length <= MAX_SCAN_HEAD + MAX_SCAN_TAIL) return text;
  return `${text.slice(0, MAX_SCAN_HEAD)}\n${text.slice(text.length - MAX_SCAN_TAIL)}`;
}

export function tokenizeMessage(text: string): TokenizedMessage {
  const tokens: Token[] = [];
  const words: string[] = [];
  let clause = 0;
  for (const part of capForScan(text).split(CLAUSE_BREAK)) {
    let any = false;
    for (const raw of part.split(/\s+/)) {
      if (raw === "") continue;
      const forms = baseForms(raw);
      if (forms.length === 0) continue;
      const word = words.length;
      words.push(raw.replace(EDGE_PUNCTUATION, "").slice(0, 200));
      for (const form of forms) tokens.push({ text: form, word, clause });
      any = true;
    }
    if (any) clause += 1;
  }
  return { tokens, words };
}
