/**
 * The seam for classifiers. The offline lexicon classifier is always there and is the default; an
 * LLM classifier (later, through LangChain) implements the same interface, and the host combines
 * the two with `combineAssessments`, so the model can only raise what the rules found.
 */
import type { Assessment } from "./assessment.js";
import { classifyText, type Lexicons } from "./classify.js";

export interface ClassifierInput {
  readonly text: string;
  /** The conversation's language; the message may still mix in others. */
  readonly lang: string;
}

export interface Classifier {
  /** A short stable name for audit trails: "lexicon", "llm:gpt-4o-mini". */
  readonly name: string;
  /** Resolves to an assessment; an LLM classifier may reject or time out, and the host then keeps the rules' answer. */
  classify(input: ClassifierInput): Promise<Assessment>;
}

export function lexiconClassifier(lexicons: Lexicons): Classifier {
  return {
    name: "lexicon",
    classify: (input) => Promise.resolve(classifyText(input.text, input.lang, lexicons)),
  };
}
