/**
 * A fake WhatsApp Cloud (Graph) API on 127.0.0.1: `POST /v{version}/{phone-number-id}/messages` for sends and
 * mark-as-read. Records every call (path, bearer token, parsed JSON), and can be scripted: the next
 * calls answer 429 / a Meta error code / 500 (JSON or an HTML proxy page), or hang; or fail at random (`chaos`).
 */
import type { ServerResponse } from "node:http";
import type { Chaos } from "./channels/chaos.js";
import { parseJson, sendJson, startLocalServer, type LocalServer } from "./channels/localServer.js";

export type GraphScript =
  | { readonly kind: "rateLimit"; readonly code?: number; readonly retryAfterSeconds?: number }
  | { readonly kind: "serverError"; readonly html?: boolean }
  | { readonly kind: "hang" }
  | { readonly kind: "error"; readonly status: number; readonly code: number };

export interface GraphCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

export const FAKE_PHONE_NUMBER_ID = "105500000000001";

export class FakeGraphApi {
  readonly calls: GraphCall[] = [];
  /** Random failures for calls with nothing scripted (429s say retry after 1 s). */
  chaos: Chaos | undefined;
  private readonly delivered: Record<string, unknown>[] = [];
  private readonly scripts: GraphScript[] = [];
  private server: LocalServer | undefined;
  private nextId = 1;

  static async start(): Promise<FakeGraphApi> {
    const fake = new FakeGraphApi();
    fake.server = await startLocalServer((request, body, response) =>
      fake.handle(request.method ?? "GET", request.url ?? "", request.headers.authorization, body, response),
    );
    return fake;
  }

  /** What to pass as `WHATSAPP_GRAPH_URL`. */
  get url(): string {
    if (!this.server) throw new Error("not started");
    return this.server.url;
  }

  /** The next calls get these answers, in order; later calls succeed again. */
  script(...answers: GraphScript[]): void {
    this.scripts.push(...answers);
  }

  /** The message sends (not mark-as-read), in order. */
  get sent(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.body["status"] !== "read").map((c) => c.body);
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  private handle(method: string, path: string, authorization: string | undefined, raw: Buffer, response: ServerResponse): void {
    const parsed = parseJson(raw);
    const body: Record<string, unknown> = typeof parsed === "object" && parsed !== null ? { ...parsed } : {};
    this.calls.push({ method, path, authorization, body });
    const scripted = this.scripts.shift() ?? this.chaotic();
    if (scripted) return this.answerScripted(scripted, response);
    if (method !== "POST" || !/^\/v\d+\.\d+\/\d+\/messages$/.test(path)) {
      return sendJson(response, 400, { error: { message: "Unsupported request", type: "GraphMethodException", code: 100, fbtrace_id: "FAKE" } });
    }
    if (body["status"] === "read") return sendJson(response, 200, { success: true });
    const to = String(body["to"]);
    this.delivered.push(body);
    sendJson(response, 200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.FAKE${this.nextId++}` }] });
  }

  /** Messages accepted for one number (not read receipts), in order: what the person saw. */
  sentTo(to: string): Record<string, unknown>[] {
    return this.delivered.filter((body) => body["to"] === to);
  }

  private chaotic(): GraphScript | undefined {
    const answer = this.chaos?.next();
    return answer === "rateLimit" ? { kind: "rateLimit", retryAfterSeconds: 1 } : answer ? { kind: answer } : undefined;
  }

  private answerScripted(script: GraphScript, response: ServerResponse): void {
    switch (script.kind) {
      case "hang":
        return;
      case "rateLimit":
        return sendJson(
          response,
          429,
          { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: script.code ?? 130429, fbtrace_id: "FAKE" } },
          script.retryAfterSeconds !== undefined ? { "retry-after": String(script.retryAfterSeconds) } : {},
        );
      case "serverError":
        if (script.html) {
          response.writeHead(502, { "content-type": "text/html" });
          return void response.end("<html><body>Bad Gateway</body></html>");
        }
        return sendJson(response, 500, { error: { message: "Something went wrong", type: "OAuthException", code: 131000, fbtrace_id: "FAKE" } });
      case "error":
        return sendJson(response, script.status, { error: { message: `(#${script.code}) error`, type: "OAuthException", code: script.code, fbtrace_id: "FAKE" } });
    }
  }
}
