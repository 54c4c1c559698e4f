/**
 * The optional language-model classifier (issue #6): a LangChain chat model (OpenAI or an
 * OpenAI-compatible server, or Ollama) asked for a zod-validated triage of one message. It is a
 * second opinion only: `classifyWithLlm` combines it with the rules so that it can only raise.
 *
 * Privacy: the message text leaves the deployment for the model provider. It goes only into the
 * request's user turn; nothing here logs it, and every failure is a coded `LlmClassifierError` that
 * carries neither the text nor the model's answer.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { OutputParserException } from "@langchain/core/output_parsers";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { RISK_CATEGORIES, RiskCategorySchema, RiskLevelSchema, riskRank, type RiskCategory } from "../../domain/risk.js";
import { assessmentFrom, type Assessment, type Reason } from "../assessment.js";
import type { Classifier, ClassifierInput } from "../classifier.js";
import { parseLlmSetting, type LlmSetting } from "./classifyWithFallback.js";
import { LlmClassifierError, type LlmErrorCode } from "./llmError.js";
import { SYSTEM_PROMPT, userPrompt } from "./llmPrompt.js";

export const DEFAULT_LLM_TIMEOUT_MS = 4000;

export interface LlmClassifierOptions {
  /** "openai:gpt-4o-mini", "ollama:llama3.1" — as in `KINLINK_LLM`. */
  readonly model: string;
  /** An OpenAI-compatible base URL ("http://host:8000/v1") or the Ollama server ("http://127.0.0.1:11434"). */
  readonly baseUrl?: string;
  /** OpenAI: the API key (LangChain falls back to OPENAI_API_KEY). Ollama: sent as a bearer token, for a proxy in front. */
  readonly apiKey?: string;
  /** The whole call, including connecting; default 4000 ms. */
  readonly timeoutMs?: number;
}

/** What the model must return: one entry per concern, an empty list for none. */
export const LlmTriageSchema = z
  .strictObject({
    concerns: z
      .array(
        z.strictObject({
          category: RiskCategorySchema.describe("The protection concern."),
          level: RiskLevelSchema.exclude(["none"]).describe("The provisional risk level of this concern (SOP definitions)."),
        }),
      )
      .describe("Every protection concern the message shows for any child; empty when there is none."),
  })
  .describe("Provisional child-protection triage of one message, for a caseworker to confirm.");
export type LlmTriage = z.infer<typeof LlmTriageSchema>;

interface StructuredModel {
  invoke(input: (SystemMessage | HumanMessage)[], options: { signal: AbortSignal }): Promise<unknown>;
}

/** Reasoning models (o1, o3, gpt-5…) reject a temperature and spend tokens thinking: leave both to the provider. */
function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function structuredModel(setting: LlmSetting, options: LlmClassifierOptions, timeoutMs: number): StructuredModel {
  if (setting.provider === "openai") {
    const reasoning = isReasoningModel(setting.model);
    const model = new ChatOpenAI({
      model: setting.model,
      apiKey: options.apiKey,
      maxRetries: 0,
      timeout: timeoutMs,
      ...(reasoning ? {} : { temperature: 0, maxTokens: 400 }),
      configuration: options.baseUrl === undefined ? {} : { baseURL: options.baseUrl },
    });
    return model.withStructuredOutput(LlmTriageSchema, { name: "triage", strict: true });
  }
  const model = new ChatOllama({
    model: setting.model,
    maxRetries: 0,
    temperature: 0,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.apiKey === undefined ? {} : { headers: { authorization: `Bearer ${options.apiKey}` } }),
  });
  return model.withStructuredOutput(LlmTriageSchema, { name: "triage" });
}

/** The model's concerns as reasons, one per category at the highest level it gave. Quotes are never kept. */
export function assessmentFromTriage(triage: LlmTriage, modelName: string): Assessment {
  const levels = new Map<RiskCategory, Reason["level"]>();
  for (const { category, level } of triage.concerns) {
    const seen = levels.get(category);
    if (seen === undefined || riskRank(level) > riskRank(seen)) levels.set(category, level);
  }
  const rule = `llm:${modelName}`.slice(0, 200);
  const reasons: Reason[] = [];
  for (const category of RISK_CATEGORIES) {
    const level = levels.get(category);
    if (level !== undefined) reasons.push({ source: "llm", category, level, rule, matched: [], negated: false });
  }
  return assessmentFrom(reasons);
}

/** Names a failure without looking at its message (which may quote the model's answer). */
function failureCode(error: unknown): LlmErrorCode {
  if (error instanceof LlmClassifierError) return error.code;
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
      reject(new LlmClassifierError("llm_timeout"));
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    throw new LlmClassifierError(controller.signal.aborted ? "llm_timeout" : failureCode(error));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `Classifier` backed by a language model. Throws `LlmClassifierError("llm_config")` at once for a
 * bad model string or options; `classify` rejects with a coded `LlmClassifierError` on a timeout,
 * a network or HTTP error, a refusal or an answer that fails the schema.
 */
export function createLlmClassifier(options: LlmClassifierOptions): Classifier {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LlmClassifierError("llm_config", "timeoutMs must be a positive number");
  let setting: LlmSetting | undefined;
  try {
    setting = parseLlmSetting(options.model);
  } catch (error) {
    throw new LlmClassifierError("llm_config", error instanceof Error ? error.message : undefined);
  }
  if (setting === undefined) throw new LlmClassifierError("llm_config", 'model must be "openai:<model>" or "ollama:<model>"');
  let model: StructuredModel;
  try {
    model = structuredModel(setting, options, timeoutMs);
  } catch {
    throw new LlmClassifierError("llm_config", `could not set up the ${setting.provider} chat model`);
  }
  const modelName = setting.model;
  return {
    name: `llm:${modelName}`,
    async classify(input: ClassifierInput): Promise<Assessment> {
      const messages = [new SystemMessage(SYSTEM_PROMPT), new HumanMessage(userPrompt(input.text, input.lang))];
      const answer = await withDeadline(timeoutMs, (signal) => model.invoke(messages, { signal }));
      // Fake and non-OpenAI models do not validate: the schema decides, whatever LangChain returned.
      const triage = LlmTriageSchema.safeParse(answer);
      if (!triage.success) throw new LlmClassifierError("llm_malformed");
      return assessmentFromTriage(triage.data, modelName);
    },
  };
}
