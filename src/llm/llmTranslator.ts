/**
 * Translation of a conversation's lines for a caseworker who does not read the family's language,
 * by the optional language model (only when a deployment turns it on: the text then leaves the
 * deployment for the model provider, like triage). The model is told to translate faithfully — not
 * to soften, summarise or answer — and must return exactly one translation per line, in order;
 * anything else is `llm_malformed`. Failures are coded `LlmError`s that quote nothing.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import { LlmError } from "./llmError.js";
import { structuredCall, type LlmOptions } from "./structuredModel.js";

export interface TextTranslator {
  /** One translation per text, in order, into `to` (a language code such as "en" or "fr"). */
  translate(texts: readonly string[], to: string): Promise<string[]>;
}

/** Lines per model call: long enough for context, short enough to answer within the deadline. */
export const TRANSLATION_BATCH = 20;
/**
 * A caseworker asked and is waiting, and twenty lines take a model far longer than triaging one
 * message: the deployment's LLM timeout applies only when it is longer than this.
 */
export const TRANSLATION_MIN_TIMEOUT_MS = 30_000;

const TranslationSchema = z
  .strictObject({ translations: z.array(z.string()).describe("One translation per input line, in the same order.") })
  .describe("Faithful translations of a conversation's lines.");

export function translationPrompt(to: string): string {
  return [
    "You translate lines of a conversation between a child-protection helpline and a child or a family, for a caseworker.",
    `Translate every line into the language with the code "${to}".`,
    "Translate faithfully: keep the meaning, the tone, names, numbers and places exactly. Do not add, soften, summarise, explain or answer anything.",
    "If a line is already in that language, return it unchanged. Text in square brackets is a marker: keep it as it is.",
    "Return exactly as many translations as there are lines, in the same order.",
  ].join("\n");
}

export function createLlmTranslator(options: LlmOptions): TextTranslator {
  const model = structuredCall({ ...options, timeoutMs: Math.max(options.timeoutMs ?? 0, TRANSLATION_MIN_TIMEOUT_MS) }, TranslationSchema, "translation", 4000);
  const batch = async (texts: readonly string[], to: string): Promise<string[]> => {
    const answer = await model.call([new SystemMessage(translationPrompt(to)), new HumanMessage(JSON.stringify({ lines: texts }))]);
    if (answer.translations.length !== texts.length) throw new LlmError("llm_malformed");
    return answer.translations;
  };
  return {
    async translate(texts, to) {
      const out: string[] = [];
      for (let start = 0; start < texts.length; start += TRANSLATION_BATCH) out.push(...(await batch(texts.slice(start, start + TRANSLATION_BATCH), to)));
      return out;
    },
  };
}
