/**
 * The optional language-model classifier (issue #6): a LangChain chat model (OpenAI or an
 * OpenAI-compatible server, or Ollama) asked for a zod-validated triage of one message. It is a
 * second opinion only: `classifyWithLlm` combines it with the rules so that it can only raise.
 *
 * Privacy: the message text leaves the deployment for the model provider. It goes only into the
 * request's user turn; nothing here logs it, and every failure is a coded `LlmError` that
 * carries neither the text nor the model's answer.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import { RISK_CATEGORIES, RiskCategorySchema, RiskLevelSchema, riskRank, type RiskCategory } from "../../domain/risk.js";
import { assessmentFrom, type Assessment, type Reason } from "../assessment.js";
import type { Classifier, ClassifierInput } from "../classifier.js";
import { structuredCall, type LlmOptions } from "../../llm/structuredModel.js";
import { SYSTEM_PROMPT, userPrompt } from "./llmPrompt.js";

export type LlmClassifierOptions = LlmOptions;

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

/**
 * A `Classifier` backed by a language model. Throws `LlmError("llm_config")` at once for a
 * bad model string or options; `classify` rejects with a coded `LlmError` on a timeout,
 * a network or HTTP error, a refusal or an answer that fails the schema.
 */
export function createLlmClassifier(options: LlmClassifierOptions): Classifier {
  const model = structuredCall(options, LlmTriageSchema, "triage", 400);
  return {
    name: `llm:${model.modelName}`,
    async classify(input: ClassifierInput): Promise<Assessment> {
      const triage = await model.call([new SystemMessage(SYSTEM_PROMPT), new HumanMessage(userPrompt(input.text, input.lang))]);
      return assessmentFromTriage(triage, model.modelName);
    },
  };
}
