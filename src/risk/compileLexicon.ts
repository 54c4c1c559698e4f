/**
 * Prepares a validated lexicon for fast matching, once at start-up: phrases are parsed and indexed,
 * spellings normalised. Phrase mistakes come back as problems with their path in the file
 * (`categories.self_harm[2].phrases[0]`), like schema errors, so an NGO sees every mistake at once.
 */
import { RISK_CATEGORIES, type RiskCategory, type RiskLevel } from "../domain/risk.js";
import type { Lexicon } from "./lexiconSchema.js";
import { buildIndex, type PhraseIndex, type Probe } from "./matchPhrase.js";
import { parsePhrase, type Spellings } from "./phrase.js";
import { baseForms } from "./tokenize.js";

/** What a phrase belongs to: a risk entry, one side of a near rule, an exclusion, a negation cue or an exception to one. */
export type ProbeOwner =
  | { readonly kind: "entry"; readonly category: RiskCategory; readonly id: string; readonly level: Exclude<RiskLevel, "none"> }
  | { readonly kind: "near"; readonly rule: number; readonly side: 0 | 1 }
  | { readonly kind: "exclusion"; readonly categories: ReadonlySet<RiskCategory> | undefined; readonly clause: boolean }
  | { readonly kind: "cue" }
  | { readonly kind: "except" };

export interface NearRule {
  readonly category: RiskCategory;
  readonly id: string;
  readonly level: Exclude<RiskLevel, "none">;
  readonly within: number;
}

export interface CompiledLexicon {
  readonly lang: string;
  readonly spellings: Spellings;
  readonly prefixes: readonly string[];
  readonly negationScope: number;
  readonly negationAfter: number;
  readonly breakers: ReadonlySet<string>;
  readonly near: readonly NearRule[];
  readonly index: PhraseIndex<ProbeOwner>;
  /** The writing system most of its phrases use ("Latin", "Arabic", "Cyrillic"): decides fallbacks. */
  readonly script: string;
}

export interface CompileProblem {
  readonly path: string;
  readonly message: string;
}

function compileSpellings(raw: Readonly<Record<string, string>>, problems: CompileProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [from, to] of Object.entries(raw)) {
    const key = baseForms(from);
    const value = baseForms(to);
    const only = key[0];
    if (key.length !== 1 || only === undefined) problems.push({ path: `spellings.${from}`, message: "the spelling to replace must be one word" });
    else if (value.length === 0) problems.push({ path: `spellings.${from}`, message: "the replacement has no letters" });
    else map.set(only, value);
  }
  return map;
}

const SCRIPTS = ["Latin", "Arabic", "Cyrillic", "Greek", "Hebrew", "Devanagari", "Ethiopic", "Han"] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => ({ name, test: new RegExp(`\\p{Script=${name}}`, "u") }));

/** The main writing system of a text, by counting letters. */
export function mainScript(text: string): string {
  const counts = new Map<string, number>();
  for (const char of text) {
    const script = SCRIPT_TESTS.find((s) => s.test.test(char));
    if (script) counts.set(script.name, (counts.get(script.name) ?? 0) + 1);
  }
  let best = "Latin";
  let most = 0;
  for (const [name, count] of counts) if (count > most) [best, most] = [name, count];
  return best;
}

export function compileLexicon(lexicon: Lexicon): { compiled: CompiledLexicon; problems: CompileProblem[] } {
  const problems: CompileProblem[] = [];
  const spellings = compileSpellings(lexicon.spellings, problems);
  const probes: Probe<ProbeOwner>[] = [];
  const add = (phrase: string, path: string, owner: ProbeOwner): void => {
    const parsed = parsePhrase(phrase, spellings);
    if (parsed.ok) probes.push({ elements: parsed.elements, owner });
    else problems.push({ path, message: parsed.message });
  };
  const near: NearRule[] = [];
  const allPhrases: string[] = [];
  for (const category of RISK_CATEGORIES) {
    lexicon.categories[category].forEach((entry, i) => {
      const base = `categories.${category}[${i}]`;
      const owner: ProbeOwner = { kind: "entry", category, id: entry.id, level: entry.level };
      entry.phrases.forEach((p, j) => add(p, `${base}.phrases[${j}]`, owner));
      entry.near.forEach((rule, j) => {
        const index = near.length;
        near.push({ category, id: entry.id, level: entry.level, within: rule.within });
        rule.words.forEach((p, side) => add(p, `${base}.near[${j}].words[${side}]`, { kind: "near", rule: index, side: side === 0 ? 0 : 1 }));
      });
      allPhrases.push(...entry.phrases);
    });
  }
  lexicon.exclusions.forEach((ex, i) => {
    const owner: ProbeOwner = { kind: "exclusion", categories: ex.categories ? new Set(ex.categories) : undefined, clause: ex.scope === "clause" };
    ex.phrases.forEach((p, j) => add(p, `exclusions[${i}].phrases[${j}]`, owner));
  });
  lexicon.negation.cues.forEach((p, i) => add(p, `negation.cues[${i}]`, { kind: "cue" }));
  lexicon.negation.except.forEach((p, i) => add(p, `negation.except[${i}]`, { kind: "except" }));
  const compiled: CompiledLexicon = {
    lang: lexicon.language,
    spellings,
    prefixes: lexicon.prefixes.flatMap((p) => baseForms(p)),
    negationScope: lexicon.negation.scope,
    negationAfter: lexicon.negation.after,
    breakers: new Set(lexicon.negation.breakers.flatMap((w) => baseForms(w))),
    near,
    index: buildIndex(probes),
    script: mainScript(allPhrases.join(" ")),
  };
  return { compiled, problems };
}
