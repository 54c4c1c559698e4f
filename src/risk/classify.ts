/**
 * The offline, deterministic risk classifier: every free-text message, at any step, is scanned with
 * the lexicons of `locales/<lang>/risk.json`. Same input, same lexicons, same answer; no I/O.
 *
 * Which lexicons scan a message: its own language's; English, because chat spellings ("kms",
 * "unalive") and code-switching with English are common in every shipped language; and any lexicon
 * written in another script that appears in the message (a French-speaking user typing Arabic).
 * When the language is unknown, all of them: language detection is unreliable on short messages,
 * and a missed disclosure costs more than a false alarm a caseworker dismisses.
 *
 * The returned reasons quote the message. Do not log them.
 */
import { riskRank } from "../domain/risk.js";
import { assessmentFrom, effectiveLevel, type Assessment, type Reason } from "./assessment.js";
import type { CompiledLexicon, ProbeOwner } from "./compileLexicon.js";
import { lexiconTokens } from "./lexiconTokens.js";
import type { Match } from "./match.js";
import { findHits, type Hit, type LexToken } from "./matchPhrase.js";
import { nearMatches } from "./nearMatches.js";
import { capForScan, tokenizeMessage, type TokenizedMessage } from "./tokenize.js";

export type Lexicons = ReadonlyMap<string, CompiledLexicon>;

/** The language whose lexicon every message is also scanned with. */
export const FALLBACK_LANGUAGE = "en";
/** Enough for a caseworker; bounds the size of what a very long message produces. */
const MAX_REASONS = 30;

const SCRIPT_TESTS = new Map<string, RegExp>();
function hasScript(text: string, script: string): boolean {
  let test = SCRIPT_TESTS.get(script);
  if (!test) {
    test = new RegExp(`\\p{Script=${script}}`, "u");
    SCRIPT_TESTS.set(script, test);
  }
  return test.test(text);
}

export function lexiconsFor(text: string, lang: string, lexicons: Lexicons): CompiledLexicon[] {
  const own = lexicons.get(lang);
  if (!own) return [...lexicons.values()];
  const chosen = [own];
  for (const lexicon of lexicons.values()) {
    if (lexicon === own) continue;
    if (lexicon.lang === FALLBACK_LANGUAGE || (lexicon.script !== own.script && hasScript(text, lexicon.script))) chosen.push(lexicon);
  }
  return chosen;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether an exclusion phrase cancels a match: it names the match's category, and overlaps it or shares its clause. */
function excludes(exclusion: Hit<ProbeOwner>, match: Match, tokens: readonly LexToken[]): boolean {
  const owner = exclusion.owner;
  if (owner.kind !== "exclusion" || (owner.categories && !owner.categories.has(match.category))) return false;
  if (overlaps(match, exclusion)) return true;
  return owner.clause && tokens[exclusion.start]?.clause === tokens[match.start]?.clause;
}

function brokenBetween(from: number, to: number, tokens: readonly LexToken[], lexicon: CompiledLexicon): boolean {
  for (let t = from; t < to; t += 1) if (tokens[t]?.forms.some((f) => lexicon.breakers.has(f))) return true;
  return false;
}

/**
 * A cue negates a match when it ends at most `scope` words before the start of one of its parts
 * ("my dad never hits me" pairs "dad" with a negated "hits"), or begins at most `after` words after
 * its end; always in the same clause, with no breaker ("but", "because") between.
 */
function isNegated(match: Match, tokens: readonly LexToken[], cues: readonly Hit<ProbeOwner>[], lexicon: CompiledLexicon): boolean {
  const clauseOf = (t: number): number | undefined => tokens[t]?.clause;
  for (const cue of cues) {
    for (const [start] of match.spans) {
      const before = cue.end <= start && start - cue.end <= lexicon.negationScope && clauseOf(cue.start) === clauseOf(start);
      if (before && !brokenBetween(cue.end, start, tokens, lexicon)) return true;
    }
    const after = cue.start >= match.end && cue.start - match.end < lexicon.negationAfter && clauseOf(cue.start) === clauseOf(match.end - 1);
    if (after && !brokenBetween(match.end, cue.start, tokens, lexicon)) return true;
  }
  return false;
}

function quote(match: Match, tokens: readonly LexToken[], message: TokenizedMessage): string[] {
  const indexes = new Set<number>();
  for (const [start, end] of match.spans) for (let t = start; t < end; t += 1) indexes.add(tokens[t]?.word ?? -1);
  return [...indexes].filter((i) => i >= 0).sort((a, b) => a - b).map((i) => message.words[i] ?? "");
}

function scan(message: TokenizedMessage, lexicon: CompiledLexicon): Reason[] {
  const tokens = lexiconTokens(message.tokens, lexicon);
  const hits = findHits(lexicon.index, tokens);
  const matches: Match[] = [];
  const exclusions: Hit<ProbeOwner>[] = [];
  const excepts: Hit<ProbeOwner>[] = [];
  const cues: Hit<ProbeOwner>[] = [];
  for (const hit of hits) {
    const o = hit.owner;
    if (o.kind === "entry") matches.push({ category: o.category, id: o.id, level: o.level, start: hit.start, end: hit.end, spans: [[hit.start, hit.end]] });
    else if (o.kind === "exclusion") exclusions.push(hit);
    else if (o.kind === "except") excepts.push(hit);
    else if (o.kind === "cue") cues.push(hit);
  }
  matches.push(...nearMatches(hits, lexicon.near));
  const liveCues = cues.filter((c) => !excepts.some((x) => overlaps(c, x)));
  const reasons: Reason[] = [];
  for (const match of matches) {
    if (exclusions.some((x) => excludes(x, match, tokens))) continue;
    reasons.push({
      source: "lexicon",
      lang: lexicon.lang,
      category: match.category,
      level: match.level,
      rule: `${lexicon.lang}:${match.category}.${match.id}`,
      matched: quote(match, tokens, message),
      negated: isNegated(match, tokens, liveCues, lexicon),
    });
  }
  return reasons;
}

/** Keeps one reason per lexicon, category and quoted words (two rules on "beats me" say the same), strongest first, at most MAX_REASONS. */
function tidy(reasons: readonly Reason[]): Reason[] {
  const rank = (r: Reason): number => riskRank(effectiveLevel(r));
  const seen = new Map<string, Reason>();
  for (const reason of reasons) {
    const key = `${reason.lang ?? ""}|${reason.category}|${reason.matched.join(" ")}`;
    const before = seen.get(key);
    if (!before || rank(reason) > rank(before)) seen.set(key, reason);
  }
  return [...seen.values()].sort((a, b) => rank(b) - rank(a)).slice(0, MAX_REASONS);
}

export function classifyText(text: string, lang: string, lexicons: Lexicons): Assessment {
  const message = tokenizeMessage(text);
  if (message.tokens.length === 0) return assessmentFrom([]);
  const reasons = lexiconsFor(capForScan(text), lang, lexicons).flatMap((lexicon) => scan(message, lexicon));
  return assessmentFrom(tidy(reasons));
}
