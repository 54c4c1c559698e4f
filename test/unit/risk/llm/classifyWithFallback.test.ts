/** `KINLINK_LLM` parsing, configuration errors, and the fallback contract with injected classifiers. */
import { describe, expect, it } from "@jest/globals";
import { NO_RISK, assessmentFrom, type Assessment } from "../../../../src/risk/assessment.js";
import type { Classifier } from "../../../../src/risk/classifier.js";
import { classifyWithLlm } from "../../../../src/risk/llm/classifyWithFallback.js";
import { parseLlmSetting } from "../../../../src/llm/llmSetting.js";
import { assessmentFromTriage, createLlmClassifier } from "../../../../src/risk/llm/llmClassifier.js";
import { LlmError } from "../../../../src/llm/llmError.js";
import { SYSTEM_PROMPT, userPrompt } from "../../../../src/risk/llm/llmPrompt.js";

const input = { text: "he beats me", lang: "en" };
const RULES_MEDIUM: Assessment = assessmentFrom([
  { source: "lexicon", lang: "en", category: "physical_violence", level: "medium", rule: "en:physical_violence.hit", matched: ["beats"], negated: false },
]);

function fake(classify: Classifier["classify"]): Classifier {
  return { name: "llm:fake", classify };
}

describe("parseLlmSetting", () => {
  it.each([undefined, "", "   "])("%p means off", (value) => {
    expect(parseLlmSetting(value)).toBeUndefined();
  });
  it.each([
    ["openai:gpt-4o-mini", { provider: "openai", model: "gpt-4o-mini" }],
    ["ollama:llama3.1", { provider: "ollama", model: "llama3.1" }],
    [" ollama:llama3.1:8b ", { provider: "ollama", model: "llama3.1:8b" }],
    ["OpenAI:gpt-4o", { provider: "openai", model: "gpt-4o" }],
    ["ollama:hf.co/org/model-GGUF:Q4_K_M", { provider: "ollama", model: "hf.co/org/model-GGUF:Q4_K_M" }],
  ])("%p", (value, expected) => {
    expect(parseLlmSetting(value)).toEqual(expected);
  });
  it.each(["gpt-4o-mini", "anthropic:claude", "openai:", "ollama: llama", "openai:gpt 4", "on", "true"])("%p is a clear error", (value) => {
    expect(() => parseLlmSetting(value)).toThrow(/^KINLINK_LLM: .*expected "openai:<model>".*"ollama:<model>"/);
  });
});

describe("createLlmClassifier", () => {
  it("names itself after the model", () => {
    expect(createLlmClassifier({ model: "openai:gpt-4o-mini", apiKey: "k" }).name).toBe("llm:gpt-4o-mini");
  });
  it.each([
    [{ model: "" }, /llm_config/],
    [{ model: "mistral:small" }, /llm_config: .*unknown provider/],
    [{ model: "openai:gpt-4o-mini", timeoutMs: 0 }, /timeoutMs/],
    [{ model: "openai:gpt-4o-mini", timeoutMs: Number.NaN }, /timeoutMs/],
  ])("rejects %p at once", (options, message) => {
    expect(() => createLlmClassifier(options)).toThrow(LlmError);
    expect(() => createLlmClassifier(options)).toThrow(message);
  });
});

describe("classifyWithLlm", () => {
  it("without a model is the rules' answer", async () => {
    expect(await classifyWithLlm(RULES_MEDIUM, undefined, input)).toBe(RULES_MEDIUM);
  });

  it("raises with a valid second opinion", async () => {
    const llm = fake(async () => assessmentFromTriage({ concerns: [{ category: "physical_violence", level: "high" }] }, "fake"));
    expect(await classifyWithLlm(RULES_MEDIUM, llm, input)).toMatchObject({ level: "high", escalate: true, categories: ["physical_violence"] });
  });

  it("never lowers, whatever the second opinion says", async () => {
    expect(await classifyWithLlm(RULES_MEDIUM, fake(async () => NO_RISK), input)).toEqual(RULES_MEDIUM);
  });

  it("ignores an answer that is not an assessment (a classifier that skipped validation)", async () => {
    const sloppy: Classifier = { name: "llm:sloppy", classify: async () => ({ level: "none" }) as unknown as Assessment };
    expect(await classifyWithLlm(RULES_MEDIUM, sloppy, input)).toBe(RULES_MEDIUM);
  });

  it("reports the code of a coded failure, and a generic one for anything else", async () => {
    const codes: string[] = [];
    const onFailure = (code: string) => void codes.push(code);
    expect(await classifyWithLlm(RULES_MEDIUM, fake(() => Promise.reject(new LlmError("llm_timeout"))), input, { onFailure })).toBe(RULES_MEDIUM);
    expect(await classifyWithLlm(RULES_MEDIUM, fake(() => Promise.reject(new TypeError("boom"))), input, { onFailure })).toBe(RULES_MEDIUM);
    expect(codes).toEqual(["llm_timeout", "llm_error"]);
  });

  it("survives a reporter that throws", async () => {
    const onFailure = () => {
      throw new Error("reporter down");
    };
    expect(await classifyWithLlm(RULES_MEDIUM, fake(() => Promise.reject(new Error("x"))), input, { onFailure })).toBe(RULES_MEDIUM);
  });
});

describe("the prompt", () => {
  it("names every category and the SOP levels, and keeps the message out of the system turn", () => {
    for (const word of ["self_harm", "child_marriage", "neglect", "high:", "medium:", "low:", "provisional", "Third-person", "idioms"]) expect(SYSTEM_PROMPT).toContain(word);
    expect(userPrompt("help me", "sw")).toBe("Conversation language: sw\nMessage (between the markers):\n<<<MESSAGE\nhelp me\nMESSAGE>>>");
  });
});
