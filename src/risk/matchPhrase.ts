/**
 * Matches compiled phrases against a message's tokens. Phrases are indexed by their first word so
 * that each token is compared with the few phrases that could start there, not with the whole
 * lexicon: this keeps a message well under a millisecond with hundreds of phrases per language.
 */
import type { Alternative, Element } from "./phrase.js";

/** One token as a lexicon sees it: its spellings applied, and its forms with a joined prefix removed. */
export interface LexToken {
  readonly forms: readonly string[];
  readonly word: number;
  readonly clause: number;
}

export interface Probe<T> {
  readonly elements: readonly Element[];
  readonly owner: T;
}

export interface Hit<T> {
  readonly owner: T;
  /** First token, inclusive. */
  readonly start: number;
  /** Last token, exclusive. */
  readonly end: number;
}

export interface PhraseIndex<T> {
  readonly byKey: ReadonlyMap<string, readonly Probe<T>[]>;
  /** Phrases starting with an optional word, a wildcard or an infix: tried at every token. */
  readonly unindexed: readonly Probe<T>[];
}

const STEM_KEY = 3;

function altMatches(alt: Alternative, form: string): boolean {
  switch (alt.kind) {
    case "exact":
      return form === alt.text;
    case "prefix":
      return form.startsWith(alt.text);
    case "suffix":
      return form.endsWith(alt.text);
    case "infix":
      return form.includes(alt.text);
  }
}

function wordMatches(alternatives: readonly Alternative[], token: LexToken): boolean {
  for (const form of token.forms) for (const alt of alternatives) if (altMatches(alt, form)) return true;
  return false;
}

/** Where the phrase ends if its elements from `e` on match from token `t`, or -1. Depth is bounded by the element count. */
function matchFrom(elements: readonly Element[], e: number, tokens: readonly LexToken[], t: number, clause: number): number {
  const element = elements[e];
  if (element === undefined) return t;
  const token = tokens[t];
  const inClause = token !== undefined && token.clause === clause;
  switch (element.kind) {
    case "any":
      return inClause ? matchFrom(elements, e + 1, tokens, t + 1, clause) : -1;
    case "gap":
      for (let skip = 0; skip <= element.max; skip += 1) {
        const next = tokens[t + skip - 1];
        if (skip > 0 && (next === undefined || next.clause !== clause)) break;
        const end = matchFrom(elements, e + 1, tokens, t + skip, clause);
        if (end >= 0) return end;
      }
      return -1;
    case "word": {
      if (inClause && wordMatches(element.alternatives, token)) {
        const end = matchFrom(elements, e + 1, tokens, t + 1, clause);
        if (end >= 0) return end;
      }
      return element.optional ? matchFrom(elements, e + 1, tokens, t, clause) : -1;
    }
  }
}

export function buildIndex<T>(probes: readonly Probe<T>[]): PhraseIndex<T> {
  const byKey = new Map<string, Probe<T>[]>();
  const unindexed: Probe<T>[] = [];
  for (const probe of probes) {
    const first = probe.elements[0];
    const keys = first?.kind === "word" && !first.optional ? first.alternatives.map(keyOf) : [undefined];
    if (keys.some((k) => k === undefined)) {
      unindexed.push(probe);
      continue;
    }
    for (const key of new Set(keys)) {
      if (key === undefined) continue;
      const list = byKey.get(key);
      if (list) list.push(probe);
      else byKey.set(key, [probe]);
    }
  }
  return { byKey, unindexed };
}

// Keys are cut in UTF-16 units on both sides, so they agree even for the rare letter outside the BMP.
function keyOf(alt: Alternative): string | undefined {
  if (alt.kind === "exact") return `=${alt.text}`;
  if (alt.kind === "prefix") return `^${alt.text.slice(0, STEM_KEY)}`;
  if (alt.kind === "suffix") return `$${alt.text.slice(-STEM_KEY)}`;
  return undefined;
}

function candidates<T>(index: PhraseIndex<T>, token: LexToken): Set<Probe<T>> {
  const found = new Set<Probe<T>>(index.unindexed);
  for (const form of token.forms) {
    for (const key of [`=${form}`, `^${form.slice(0, STEM_KEY)}`, `$${form.slice(-STEM_KEY)}`]) {
      for (const probe of index.byKey.get(key) ?? []) found.add(probe);
    }
  }
  return found;
}

/** Every place a phrase matches: one match per phrase and start, optional words taken when present. */
export function findHits<T>(index: PhraseIndex<T>, tokens: readonly LexToken[]): Hit<T>[] {
  const hits: Hit<T>[] = [];
  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t];
    if (token === undefined) continue;
    for (const probe of candidates(index, token)) {
      const end = matchFrom(probe.elements, 0, tokens, t, token.clause);
      if (end > t) hits.push({ owner: probe.owner, start: t, end });
    }
  }
  return hits;
}
