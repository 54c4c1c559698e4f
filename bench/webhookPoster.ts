/**
 * Delivers webhooks to the server under test as the platforms do: over kept-alive connections, and
 * again later when the answer is a 429 or a 5xx or there is no answer at all (a refused connection
 * while the server restarts, a reset when it dies): the same bytes, so a redelivery of a message the
 * server did store is a duplicate for it to drop. Shared by the load and fault drivers.
 */
import { Agent, request } from "node:http";
import type { Webhook } from "./families.js";

/** Delays before a redelivery: after an error answer, and after no answer. */
const RETRY_AFTER_ANSWER_MS = 1_000;
const RETRY_AFTER_NO_ANSWER_MS = 200;

export interface PostObserver {
  /** Every answer, `error` for none; a 429, 5xx or `error` is followed by a redelivery. */
  answered(status: string): void;
  /** The final answer: 200, or a 4xx the platform would give up on. */
  settled(status: string): void;
}

export class WebhookPoster {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;
  private closed = false;

  constructor(url: string, sockets: number) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: Math.max(16, sockets) });
  }

  post(hook: Webhook, extraHeaders: Record<string, string>, observer: PostObserver): void {
    if (this.closed) return;
    const headers = { ...hook.headers, ...extraHeaders, "content-length": String(hook.body.length) };
    const req = request({ agent: this.agent, host: this.host, port: this.port, method: "POST", path: hook.path, headers }, (response) => {
      response.resume();
      const status = String(response.statusCode ?? 0);
      observer.answered(status);
      if (status === "429" || status.startsWith("5")) this.later(hook, extraHeaders, observer, RETRY_AFTER_ANSWER_MS);
      else observer.settled(status);
    });
    req.on("error", () => {
      observer.answered("error");
      this.later(hook, extraHeaders, observer, RETRY_AFTER_NO_ANSWER_MS);
    });
    req.end(hook.body);
  }

  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  private later(hook: Webhook, extraHeaders: Record<string, string>, observer: PostObserver, ms: number): void {
    setTimeout(() => this.post(hook, extraHeaders, observer), ms);
  }
}
