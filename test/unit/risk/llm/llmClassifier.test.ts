/**
 * The optional LLM classifier through LangChain's real OpenAI and Ollama clients, against a fake
 * model server on 127.0.0.1: a valid answer raises, "none" never lowers, and a malformed answer, a
 * refusal, a timeout or an HTTP error leave the rules' assessment unchanged. The message must reach
 * the server only in the user turn and never appear in errors or output.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { NO_RISK, assessmentFrom, type Assessment } from "../../../../src/risk/assessment.js";
import type { Classifier } from "../../../../src/risk/classifier.js";
import { classifyWithLlm } from "../../../../src/risk/llm/classifyWithFallback.js";
import { createLlmClassifier } from "../../../../src/risk/llm/llmClassifier.js";
import { LlmError } from "../../../../src/llm/llmError.js";
import { startLocalServer } from "../../../helpers/channels/localServer.js";
import { FakeLlmServer, type LlmAnswer } from "../../../helpers/fakeLlmServer.js";

/** Personal data: a name and a disclosure. It may go to the model and nowhere else. */
const TEXT = "Zainab-7Q here, i dont want to live anymore";
const input = { text: TEXT, lang: "en" };

const RULES_HIGH: Assessment = assessmentFrom([
  { source: "lexicon", lang: "en", category: "self_harm", level: "high", rule: "en:self_harm.wish_to_die", matched: ["want", "live"], negated: false },
]);

let server: FakeLlmServer;
let openai: Classifier;
const output: string[] = [];

/** Everything written to the console or the standard streams during a test, kept instead of printed. */
function captureOutput(): void {
  const record = (...args: unknown[]) => void output.push(args.map(String).join(" "));
  for (const method of ["log", "info", "warn", "error", "debug"] as const) jest.spyOn(console, method).mockImplementation(record);
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, "write").mockImplementation((chunk: unknown) => {
      record(chunk);
      return true;
    });
  }
}

beforeAll(async () => {
  server = await FakeLlmServer.start();
  openai = createLlmClassifier({ model: "openai:gpt-4o-mini", baseUrl: server.openAiBaseUrl, apiKey: "test-key", timeoutMs: 1500 });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  output.length = 0;
  captureOutput();
});

afterEach(() => {
  jest.restoreAllMocks();
  expect(output.filter((line) => line.includes("Zainab"))).toEqual([]);
});

it("captures what is written (so the check after each test means something)", () => {
  console.warn("Zainab-probe");
  process.stderr.write("Zainab-probe\n");
  expect(output.filter((line) => line.includes("Zainab-probe"))).toHaveLength(2);
  output.length = 0;
});

async function withAnswer(answer: LlmAnswer, rules: Assessment, classifier = openai) {
  server.script(answer);
  const failures: string[] = [];
  const result = await classifyWithLlm(rules, classifier, input, { onFailure: (code) => failures.push(code) });
  return { result, failures };
}

describe("what the real client sends", () => {
  it("puts the message only in the user turn, with the language, and asks for the triage schema", async () => {
    await withAnswer({ kind: "json", value: { concerns: [] } }, NO_RISK);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.url).toBe("/v1/chat/completions");
    expect(request?.headers["authorization"]).toBe("Bearer test-key");
    expect(JSON.stringify(request?.headers)).not.toContain("Zainab");
    expect(request?.url).not.toContain("Zainab");
    const messages = request?.body["messages"];
    expect(messages).toEqual([
      { role: "system", content: expect.stringContaining("child-protection") },
      { role: "user", content: expect.stringContaining(TEXT) },
    ]);
    expect(JSON.stringify(messages)).toContain("Conversation language: en");
    expect(request?.raw.split("Zainab")).toHaveLength(2);
    expect(request?.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0,
      response_format: { type: "json_schema", json_schema: { name: "triage", strict: true } },
    });
    expect(JSON.stringify(request?.body["response_format"])).toContain('"self_harm"');
  });
});

describe("a valid answer", () => {
  it("raises a rules-none assessment to high, with reasons that quote nothing", async () => {
    const { result, failures } = await withAnswer({ kind: "json", value: { concerns: [{ category: "self_harm", level: "high" }] } }, NO_RISK);
    expect(failures).toEqual([]);
    expect(result).toEqual({
      provisional: true,
      escalate: true,
      urgent: true,
      level: "high",
      categories: ["self_harm"],
      reasons: [{ source: "llm", category: "self_harm", level: "high", rule: "llm:gpt-4o-mini", matched: [], negated: false }],
    });
  });

  it("adds categories but cannot lower: 'none' or 'low' leave a high rule high", async () => {
    expect((await withAnswer({ kind: "json", value: { concerns: [] } }, RULES_HIGH)).result).toEqual(RULES_HIGH);
    const lower = await withAnswer({ kind: "json", value: { concerns: [{ category: "self_harm", level: "low" }, { category: "neglect", level: "medium" }] } }, RULES_HIGH);
    expect(lower.result).toMatchObject({ level: "high", escalate: true, urgent: true, categories: ["self_harm", "neglect"] });
    expect(lower.result.reasons.slice(0, 1)).toEqual(RULES_HIGH.reasons);
  });

  it("keeps one reason per category at its highest level", async () => {
    server.script({ kind: "json", value: { concerns: [{ category: "neglect", level: "low" }, { category: "neglect", level: "medium" }] } });
    expect((await openai.classify(input)).reasons).toEqual([{ source: "llm", category: "neglect", level: "medium", rule: "llm:gpt-4o-mini", matched: [], negated: false }]);
  });
});

describe("a failing model leaves the rules unchanged", () => {
  it.each<[string, LlmAnswer, string]>([
    ["the wrong schema", { kind: "json", value: { level: "none", categories: [] } }, "llm_malformed"],
    ["an unknown category", { kind: "json", value: { concerns: [{ category: "bullying", level: "high" }] } }, "llm_malformed"],
    ["a level outside the schema", { kind: "json", value: { concerns: [{ category: "self_harm", level: "none" }] } }, "llm_malformed"],
    ["an extra field", { kind: "json", value: { concerns: [], note: "Zainab-7Q" } }, "llm_malformed"],
    ["invalid JSON echoing the message", { kind: "text", content: `Sure! ${TEXT} is {not json` }, "llm_malformed"],
    ["a refusal", { kind: "refusal", refusal: "I can't help with that." }, "llm_refused"],
    ["the content filter", { kind: "contentFilter" }, "llm_refused"],
    ["HTTP 500", { kind: "status", status: 500 }, "llm_unavailable"],
    ["HTTP 401", { kind: "status", status: 401 }, "llm_unavailable"],
  ])("%s", async (_label, answer, code) => {
    for (const rules of [NO_RISK, RULES_HIGH]) {
      const { result, failures } = await withAnswer(answer, rules);
      expect(result).toBe(rules);
      expect(failures).toEqual([code]);
    }
    server.script(answer);
    const error = await openai.classify(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code });
    expect(String(error)).not.toContain("Zainab");
    expect(JSON.stringify(error)).not.toContain("Zainab");
    expect(error).not.toHaveProperty("cause");
  });

  it("gives up after the timeout and answers with the rules", async () => {
    const quick = createLlmClassifier({ model: "openai:gpt-4o-mini", baseUrl: server.openAiBaseUrl, apiKey: "test-key", timeoutMs: 300 });
    const started = Date.now();
    const { result, failures } = await withAnswer({ kind: "slow", ms: 3000, value: { concerns: [{ category: "self_harm", level: "high" }] } }, NO_RISK, quick);
    const elapsed = Date.now() - started;
    expect(result).toBe(NO_RISK);
    expect(failures).toEqual(["llm_timeout"]);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1000);
  });

  it("answers with the rules when nothing listens", async () => {
    const closed = await startLocalServer((_request, _body, response) => response.end());
    const url = closed.url;
    await closed.close();
    const offline = createLlmClassifier({ model: "openai:gpt-4o-mini", baseUrl: `${url}/v1`, apiKey: "k", timeoutMs: 1000 });
    const failures: string[] = [];
    expect(await classifyWithLlm(RULES_HIGH, offline, input, { onFailure: (code) => failures.push(code) })).toBe(RULES_HIGH);
    expect(failures).toEqual(["llm_unavailable"]);
  });
});

describe("older OpenAI models", () => {
  it("get the schema as a forced tool call, and the tool call's arguments are validated the same way", async () => {
    const legacy = createLlmClassifier({ model: "openai:gpt-3.5-turbo", baseUrl: server.openAiBaseUrl, apiKey: "k" });
    const { result } = await withAnswer({ kind: "json", value: { concerns: [{ category: "trafficking", level: "high" }] } }, NO_RISK, legacy);
    expect(result).toMatchObject({ level: "high", categories: ["trafficking"] });
    expect(server.requests[0]?.body).toMatchObject({ tool_choice: { type: "function", function: { name: "triage" } } });
    const failures: string[] = [];
    server.script({ kind: "json", value: { concerns: [{ category: "trafficking", level: "extreme" }] } });
    expect(await classifyWithLlm(RULES_HIGH, legacy, input, { onFailure: (code) => failures.push(code) })).toBe(RULES_HIGH);
    expect(failures).toEqual(["llm_malformed"]);
  });
});

describe("the Ollama client", () => {
  it("sends the schema as `format` and raises like the OpenAI path", async () => {
    const ollama = createLlmClassifier({ model: "ollama:llama3.1:8b", baseUrl: server.url, timeoutMs: 1500 });
    expect(ollama.name).toBe("llm:llama3.1:8b");
    const { result } = await withAnswer({ kind: "json", value: { concerns: [{ category: "child_marriage", level: "high" }] } }, NO_RISK, ollama);
    expect(result).toMatchObject({ level: "high", escalate: true, urgent: false, categories: ["child_marriage"] });
    const [request] = server.requests;
    expect(request?.url).toBe("/api/chat");
    expect(request?.body).toMatchObject({ model: "llama3.1:8b", format: { type: "object" }, options: { temperature: 0 } });
    expect(request?.body["messages"]).toEqual([
      { role: "system", content: expect.stringContaining("child-protection") },
      { role: "user", content: expect.stringContaining(TEXT) },
    ]);
    const failures: string[] = [];
    server.script({ kind: "text", content: "not json" });
    expect(await classifyWithLlm(RULES_HIGH, ollama, input, { onFailure: (code) => failures.push(code) })).toBe(RULES_HIGH);
    expect(failures).toEqual(["llm_malformed"]);
  });
});
