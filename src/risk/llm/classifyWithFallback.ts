/**
 * The host's entry to the optional language model: the rules' assessment is the floor, the model is
 * a second opinion that can only raise it, and any failure (timeout, network, refusal, a malformed
 * answer) leaves the rules' answer exactly as it was. This file loads no LangChain code, so a host
 * can parse `KINLINK_LLM` and run without a model at no cost.
 */
import type { Assessment } from "../assessment.js";
import type { Classifier, ClassifierInput } from "../classifier.js";
import { combineAssessments } from "../combineAssessments.js";
import { isLlmClassifierError, type LlmErrorCode } from "./llmError.js";

export const LLM_PROVIDERS = ["openai", "ollama"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export interface LlmSetting {
  readonly provider: LlmProvider;
  /** The provider's model name, e.g. "gpt-4o-mini", "llama3.1:8b". */
  readonly model: string;
}

/** Model names as the providers spell them: letters, digits and . _ - : / (ollama tags, hf.co paths). */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

function isProvider(value: string): value is LlmProvider {
  return LLM_PROVIDERS.some((provider) => provider === value);
}

/**
 * Reads `KINLINK_LLM`: "openai:<model>" or "ollama:<model>"; unset or blank means off (the rules
 * alone, offline). Anything else throws with a message that says what is expected.
 */
export function parseLlmSetting(value: string | undefined): LlmSetting | undefined {
  const setting = value?.trim() ?? "";
  if (setting === "") return undefined;
  const colon = setting.indexOf(":");
  const provider = colon < 0 ? "" : setting.slice(0, colon).toLowerCase();
  const model = colon < 0 ? "" : setting.slice(colon + 1);
  const expected = `expected "openai:<model>" (e.g. openai:gpt-4o-mini) or "ollama:<model>" (e.g. ollama:llama3.1), or unset for rules only`;
  if (!isProvider(provider)) throw new Error(`KINLINK_LLM: unknown provider ${JSON.stringify(provider || setting.slice(0, 20))}; ${expected}`);
  if (!MODEL_NAME.test(model)) throw new Error(`KINLINK_LLM: missing or invalid model name after "${provider}:"; ${expected}`);
  return { provider, model };
}

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
      options.onFailure?.(isLlmClassifierError(error) ? error.code : "llm_error");
    } catch {
      // A failing reporter must not cost the assessment.
    }
    return rules;
  }
  return combineAssessments(rules, second);
}
