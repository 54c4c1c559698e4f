/**
 * One structured call to the optional language model, whatever it is asked for (triage, translation):
 * a LangChain chat model (OpenAI or an OpenAI-compatible server, or Ollama) bound to a zod schema,
 * with a hard deadline, no retries, and every failure turned into a coded `LlmError` that carries
 * neither the text sent nor the model's answer (parser errors quote the answer; models echo input).
 */
import type { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { OutputParserException } from "@langchain/core/output_parsers";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { LlmError, type LlmErrorCode } from "./llmError.js";
import { parseLlmSetting, type LlmSetting } from "./llmSetting.js";

export const DEFAULT_LLM_TIMEOUT_MS = 4000;

export interface LlmOptions {
  /** "openai:gpt-4o-mini", "ollama:llama3.1" — as in `KINLINK_LLM`. */
  readonly model: string;
  /** An OpenAI-compatible base URL ("http://host:8000/v1") or the Ollama server ("http://127.0.0.1:11434"). */
  readonly baseUrl?: string;
  /** OpenAI: the API key (LangChain falls back to OPENAI_API_KEY). Ollama: sent as a bearer token, for a proxy in front. */
  readonly apiKey?: string;
  /** The whole call, including connecting; default 4000 ms. */
  readonly timeoutMs?: number;
}

/** Sends messages, resolves to the schema's parsed value; rejects with a coded LlmError. */
export interface StructuredCall<T> {
  readonly modelName: string;
  call(messages: readonly (SystemMessage | HumanMessage)[]): Promise<T>;
}

interface BoundModel {
  invoke(input: (SystemMessage | HumanMessage)[], options: { signal: AbortSignal }): Promise<unknown>;
}

/** Reasoning models (o1, o3, gpt-5…) reject a temperature and spend tokens thinking: leave both to the provider. */
function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function bindModel(setting: LlmSetting, options: LlmOptions, timeoutMs: number, schema: z.ZodType<Record<string, unknown>>, name: string, maxTokens: number): BoundModel {
  if (setting.provider === "openai") {
    const reasoning = isReasoningModel(setting.model);
    const model = new ChatOpenAI({
      model: setting.model,
      apiKey: options.apiKey,
      maxRetries: 0,
      timeout: timeoutMs,
      ...(reasoning ? {} : { temperature: 0, maxTokens }),
      configuration: options.baseUrl === undefined ? {} : { baseURL: options.baseUrl },
    });
    return model.withStructuredOutput(schema, { name, strict: true });
  }
  const model = new ChatOllama({
    model: setting.model,
    maxRetries: 0,
    temperature: 0,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.apiKey === undefined ? {} : { headers: { authorization: `Bearer ${options.apiKey}` } }),
  });
  return model.withStructuredOutput(schema, { name });
}

/** Names a failure without looking at its message (which may quote the model's answer). */
function failureCode(error: unknown): LlmErrorCode {
  if (error instanceof LlmError) return error.code;
  if (error instanceof OutputParserException) return typeof error.llmOutput === "string" && error.llmOutput.trim() !== "" ? "llm_malformed" : "llm_refused";
  if (error instanceof z.core.$ZodError || error instanceof SyntaxError) return "llm_malformed";
  if (error instanceof Error && error.constructor.name === "ContentFilterFinishReasonError") return "llm_refused";
  if (error instanceof Error && error.constructor.name === "LengthFinishReasonError") return "llm_malformed";
  return "llm_unavailable";
}

/** Runs `call` with an abort signal; rejects with llm_timeout after `timeoutMs` even if the call ignores the signal. */
async function withDeadline<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmError("llm_timeout"));
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    throw new LlmError(controller.signal.aborted ? "llm_timeout" : failureCode(error));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Binds a model to `schema`. Throws `LlmError("llm_config")` at once for a bad model string or
 * options. `maxTokens` bounds the answer (ignored by reasoning models, which need room to think).
 */
export function structuredCall<S extends z.ZodType<Record<string, unknown>>>(options: LlmOptions, schema: S, name: string, maxTokens: number): StructuredCall<z.infer<S>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LlmError("llm_config", "timeoutMs must be a positive number");
  let setting: LlmSetting | undefined;
  try {
    setting = parseLlmSetting(options.model);
  } catch (error) {
    throw new LlmError("llm_config", error instanceof Error ? error.message : undefined);
  }
  if (setting === undefined) throw new LlmError("llm_config", 'model must be "openai:<model>" or "ollama:<model>"');
  let model: BoundModel;
  try {
    model = bindModel(setting, options, timeoutMs, schema, name, maxTokens);
  } catch {
    throw new LlmError("llm_config", `could not set up the ${setting.provider} chat model`);
  }
  return {
    modelName: setting.model,
    async call(messages) {
      const answer = await withDeadline(timeoutMs, (signal) => model.invoke([...messages], { signal }));
      // Fake and non-OpenAI models do not validate: the schema decides, whatever LangChain returned.
      const parsed = schema.safeParse(answer);
      if (!parsed.success) throw new LlmError("llm_malformed");
      return parsed.data;
    },
  };
}
