import type { Vocabulary } from "../answers/vocabulary.js";
import type { Audience } from "./session.js";

/**
 * What the engine needs from outside, injected so that it stays pure: the time, identifiers, and
 * read-only language data. Golden tests pass a fixed clock and counting ids.
 */
export interface EngineEnv {
  readonly now: Date;
  /** A new UUID for a record (injected: the engine has no randomness of its own). */
  readonly uuid: () => string;
  /** The languages this deployment offers, for the language menu. */
  readonly languages: readonly string[];
  /** Answer and command words of a language (with the deployment's fallback applied). */
  readonly vocabulary: (lang: string) => Vocabulary;
  /** A message rendered as plain text, to match typed answers against choice labels. */
  readonly label: (key: string, lang: string, audience: Audience | undefined) => string;
}
