/**
 * A fake Telegram Bot API on 127.0.0.1: enough of it for grammY's `Api` (getMe, sendMessage,
 * answerCallbackQuery, setWebhook, deleteWebhook, getWebhookInfo, getUpdates with long polling).
 * Records every call with its parsed JSON payload, and can be scripted per method: the next calls
 * answer 429 with retry_after, 500, a given error, or hang (never answer); or fail at random (`chaos`).
 */
import type { ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Chaos } from "./channels/chaos.js";
import { parseJson, sendJson, startLocalServer, type LocalServer } from "./channels/localServer.js";

export type TelegramScript =
  | { readonly kind: "rateLimit"; readonly retryAfter: number }
  | { readonly kind: "serverError" }
  | { readonly kind: "hang" }
  | { readonly kind: "error"; readonly code: number; readonly description: string };

export interface TelegramCall {
  readonly method: string;
  readonly token: string;
  readonly payload: Record<string, unknown>;
}

export const FAKE_BOT_TOKEN = "123456:TEST-token";

export class FakeTelegramApi {
  readonly calls: TelegramCall[] = [];
  /** Random failures for calls with nothing scripted (429s say retry after 1 s). */
  chaos: Chaos | undefined;
  private readonly delivered: { chatId: string; text: string }[] = [];
  private readonly scripts = new Map<string, TelegramScript[]>();
  private readonly updates: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private server: LocalServer | undefined;
  private nextMessageId = 1000;

  private constructor(readonly token: string) {}

  static async start(token = FAKE_BOT_TOKEN): Promise<FakeTelegramApi> {
    const fake = new FakeTelegramApi(token);
    fake.server = await startLocalServer((request, body, response) => fake.handle(request.url ?? "", body, response));
    return fake;
  }

  /** What to pass as grammY's `apiRoot`. */
  get apiRoot(): string {
    if (!this.server) throw new Error("not started");
    return this.server.url;
  }

  /** The next calls to `method` get these answers, in order; later calls succeed again. */
  script(method: string, ...answers: TelegramScript[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  /** Updates for getUpdates; a waiting long poll returns at once. */
  pushUpdates(...updates: Update[]): void {
    this.updates.push(...updates);
    for (const wake of this.pollers) wake();
  }

  callsTo(method: string): TelegramCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    await this.server?.close();
  }

  private handle(url: string, body: Buffer, response: ServerResponse): void {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url);
    if (!match) return sendJson(response, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token = "", method = ""] = match;
    const parsed = parseJson(body);
    const payload: Record<string, unknown> = typeof parsed === "object" && parsed !== null ? { ...parsed } : {};
    this.calls.push({ method, token, payload });
    if (token !== this.token) return sendJson(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const scripted = this.scripts.get(method)?.shift() ?? this.chaotic();
    if (scripted) return this.answerScripted(scripted, response);
    if (method === "getUpdates") return void this.longPoll(payload, response);
    sendJson(response, 200, { ok: true, result: this.result(method, payload) });
  }

  /** Successful sendMessage calls to one chat, in order: what the person saw. */
  textsTo(chatId: string): string[] {
    return this.delivered.filter((d) => d.chatId === chatId).map((d) => d.text);
  }

  private chaotic(): TelegramScript | undefined {
    const answer = this.chaos?.next();
    return answer === "rateLimit" ? { kind: "rateLimit", retryAfter: 1 } : answer ? { kind: answer } : undefined;
  }

  private answerScripted(script: TelegramScript, response: ServerResponse): void {
    switch (script.kind) {
      case "hang":
        return; // never answer; the client's timeout must fire
      case "rateLimit":
        return sendJson(response, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${script.retryAfter}`, parameters: { retry_after: script.retryAfter } });
      case "serverError":
        return sendJson(response, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
      case "error":
        return sendJson(response, script.code, { ok: false, error_code: script.code, description: script.description });
    }
  }

  private result(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return { id: 123456, is_bot: true, first_name: "kinlink", username: "kinlink_test_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
      case "sendMessage":
        this.delivered.push({ chatId: String(payload["chat_id"]), text: String(payload["text"]) });
        return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload["chat_id"]), type: "private" }, text: payload["text"] };
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: this.updates.length };
      default:
        return true;
    }
  }

  private async longPoll(payload: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const offset = typeof payload["offset"] === "number" ? payload["offset"] : 0;
    // Confirmed updates are forgotten, as Telegram does.
    for (let i = this.updates.length - 1; i >= 0; i--) if ((this.updates[i]?.update_id ?? 0) < offset) this.updates.splice(i, 1);
    if (this.updates.length === 0) {
      const seconds = typeof payload["timeout"] === "number" ? Math.min(payload["timeout"], 5) : 0;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.pollers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, seconds * 1000);
        this.pollers.add(wake);
      });
    }
    if (!response.destroyed) sendJson(response, 200, { ok: true, result: this.updates.filter((u) => u.update_id >= offset) });
  }
}
