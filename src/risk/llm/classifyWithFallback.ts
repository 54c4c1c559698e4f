/**
 * The host's entry to the optional language model: the rules' assessment is the floor, the model is
 * a second opinion that can only raise it, and any failure (timeout, network, refusal, a malformed
 * answer) leaves the rules' answer exactly as it was. This file loads no LangChain code, so a host
 * without a model pays nothing for it.
 */
import type { Assessment } from "../assessment.js";
import type { Classifier, ClassifierInput } from "../classifier.js";
import { combineAssessments } from "../combineAssessments.js";
import { isLlmError, type LlmErrorCode } from "../../llm/llmError.js";

export interface ClassifyWithLlmOptions {
  /** Told the failure's code (never the message), e.g. to log or count it. */
  readonly onFailure?: (code: LlmErrorCode | "llm_error") => void;
}

/**
 * Asks the model and combines its answer with the rules' one, which it can only raise. Without a
 * model, or when the model fails in any way, resolves to `rules` itself. Never rejects.
 */
export async function classifyWithLlm(rules: Assessment, llm: Classifier | undefined, input: ClassifierInput, options: ClassifyWithLlmOptions = {}): Promise<Assessment> {
  if (llm === undefined) return rules;
  let second: Assessment;
  try {
    second = await llm.classify(input);
  } catch (error) {
    try {
      options.onFailure?.(isLlmError(error) ? error.code : "llm_error");
    } catch {
      // A failing reporter must not cost the assessment.
    }
    return rules;
  }
  return combineAssessments(rules, second);
}
