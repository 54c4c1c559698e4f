/**
 * A fake model server on 127.0.0.1 speaking just enough of two protocols for LangChain's real clients:
 * OpenAI chat completions (POST /v1/chat/completions, answering in `content` for `response_format`
 * requests and with a tool call for `tools` requests) and Ollama (POST /api/chat, one NDJSON line).
 * Records every request (url, headers, parsed body) and answers from a script, in order; with the
 * script empty it reports no concern.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJson, sendJson, startLocalServer, type LocalServer } from "./channels/localServer.js";

export type LlmAnswer =
  /** A well-formed structured answer: the object is what the model "generated". */
  | { readonly kind: "json"; readonly value: unknown }
  /** The assistant's text as is, e.g. invalid JSON. */
  | { readonly kind: "text"; readonly content: string }
  /** OpenAI's refusal shape: no content, a refusal string. */
  | { readonly kind: "refusal"; readonly refusal: string }
  | { readonly kind: "contentFilter" }
  | { readonly kind: "status"; readonly status: number }
  /** Answers after `ms` (the client should have given up by then). */
  | { readonly kind: "slow"; readonly ms: number; readonly value: unknown };

export interface LlmRequest {
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly raw: string;
  readonly body: Record<string, unknown>;
}

export class FakeLlmServer {
  readonly requests: LlmRequest[] = [];
  private readonly answers: LlmAnswer[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: LocalServer | undefined;

  static async start(): Promise<FakeLlmServer> {
    const fake = new FakeLlmServer();
    fake.server = await startLocalServer((request, body, response) => fake.handle(request, body, response));
    return fake;
  }

  get url(): string {
    if (!this.server) throw new Error("not started");
    return this.server.url;
  }

  /** The OpenAI-compatible base URL, as `configuration.baseURL` expects it. */
  get openAiBaseUrl(): string {
    return `${this.url}/v1`;
  }

  script(...answers: LlmAnswer[]): void {
    this.answers.push(...answers);
  }

  reset(): void {
    this.requests.length = 0;
    this.answers.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.server?.close();
  }

  private handle(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const parsed = parseJson(raw);
    const body: Record<string, unknown> = typeof parsed === "object" && parsed !== null ? { ...parsed } : {};
    const url = request.url ?? "";
    this.requests.push({ url, headers: request.headers, raw: raw.toString("utf8"), body });
    const answer = this.answers.shift() ?? { kind: "json", value: { concerns: [] } };
    if (answer.kind === "status") return sendJson(response, answer.status, { error: { message: "scripted failure", type: "server_error" } });
    if (answer.kind === "slow") {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!response.destroyed) this.reply(url, body, { kind: "json", value: answer.value }, response);
      }, answer.ms);
      this.timers.add(timer);
      return;
    }
    this.reply(url, body, answer, response);
  }

  private reply(url: string, body: Record<string, unknown>, answer: LlmAnswer, response: ServerResponse): void {
    const content = answer.kind === "json" ? JSON.stringify(answer.value) : answer.kind === "text" ? answer.content : "";
    if (url === "/api/chat") {
      const line = JSON.stringify({ model: body["model"], created_at: new Date(0).toISOString(), message: { role: "assistant", content }, done: true, done_reason: "stop" });
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      return void response.end(`${line}\n`);
    }
    if (url !== "/v1/chat/completions") return sendJson(response, 404, { error: { message: "not found" } });
    const usesTools = Array.isArray(body["tools"]);
    const message =
      answer.kind === "refusal"
        ? { role: "assistant", content: null, refusal: answer.refusal }
        : usesTools
          ? { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "triage", arguments: content } }] }
          : { role: "assistant", content };
    const finish = answer.kind === "contentFilter" ? "content_filter" : usesTools ? "tool_calls" : "stop";
    sendJson(response, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: "chat.completion",
      created: 0,
      model: body["model"],
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }
}
