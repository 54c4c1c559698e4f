/**
 * Why a call to the optional language model (triage, translation) failed, as a code only. The message never carries the
 * person's text, the model's answer or the underlying error (a parser error quotes the answer, and a
 * model may echo the message), so a failure can be logged as it is.
 */
export const LLM_ERROR_CODES = ["llm_config", "llm_timeout", "llm_unavailable", "llm_refused", "llm_malformed"] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

const DESCRIPTIONS: Record<LlmErrorCode, string> = {
  llm_config: "the language model is not configured correctly",
  llm_timeout: "the language model did not answer in time",
  llm_unavailable: "the language model could not be reached or answered with an error",
  llm_refused: "the language model declined to answer",
  llm_malformed: "the language model's answer did not match the expected schema",
};

export class LlmError extends Error {
  override readonly name = "LlmError";

  /** `detail` is for configuration problems only, in our own words: never text from a message or a model. */
  constructor(
    readonly code: LlmErrorCode,
    detail?: string,
  ) {
    super(`${code}: ${DESCRIPTIONS[code]}${detail === undefined ? "" : ` (${detail})`}`);
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
