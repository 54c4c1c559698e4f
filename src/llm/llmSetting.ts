/**
 * Which language model a deployment uses, if any: `KINLINK_LLM` as "openai:<model>" or
 * "ollama:<model>". Parsed at start-up (a typo stops the server with a message saying what is
 * expected). This file loads no LangChain code, so a deployment without a model pays nothing for it.
 */
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
