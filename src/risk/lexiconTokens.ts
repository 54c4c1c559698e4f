/**
 * A message's tokens as one lexicon sees them: its chat spellings applied ("kms" -> "kill myself"),
 * and each token also tried without a joined prefix (Arabic "وبيضربني" -> "بيضربني" -> "يضربني").
 */
import type { CompiledLexicon } from "./compileLexicon.js";
import type { LexToken } from "./matchPhrase.js";
import type { Token } from "./tokenize.js";

/** A prefix is only taken off a word that keeps at least this many letters. */
const MIN_STRIPPED = 2;

function withoutPrefixes(text: string, prefixes: readonly string[]): string[] {
  const forms = [text];
  for (const prefix of prefixes) {
    if (text.length - prefix.length >= MIN_STRIPPED && text.startsWith(prefix)) forms.push(text.slice(prefix.length));
  }
  return forms;
}

export function lexiconTokens(tokens: readonly Token[], lexicon: CompiledLexicon): LexToken[] {
  const out: LexToken[] = [];
  for (const token of tokens) {
    const rewritten = lexicon.spellings.get(token.text) ?? [token.text];
    for (const text of rewritten) {
      out.push({ forms: lexicon.prefixes.length > 0 ? withoutPrefixes(text, lexicon.prefixes) : [text], word: token.word, clause: token.clause });
    }
  }
  return out;
}
