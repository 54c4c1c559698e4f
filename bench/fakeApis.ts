/**
 * Light fakes of the Telegram Bot API and the WhatsApp Cloud (Graph) API for load: one HTTP server
 * on 127.0.0.1 answers both, keeps nothing per request, and hands each reply (a Telegram sendMessage,
 * a Graph message that is not a read receipt) to `onReply` with the time it arrived and its body.
 * With `chaos` set, calls fail at random as the resilience tests' fakes do (500, 429 with a
 * retry-after of 1 s, or no answer at all), answered in each platform's own error format. The test fakes
 * (test/helpers/fake*.ts) keep every call with its parsed body and scan the lists to answer
 * questions: right for tests, a memory leak and an O(n) cost under load.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chaos, ChaosAnswer } from "../test/helpers/channels/chaos.js";

export type ReplyChannel = "telegram" | "whatsapp";
export type ReplyListener = (channel: ReplyChannel, recipient: string, at: number, body: Readonly<Record<string, unknown>>) => void;

export interface FakeApiCounts {
  replies: number;
  readReceipts: number;
  callbackAnswers: number;
  other: number;
  errors: number;
}

export interface FakeApis {
  readonly url: string;
  readonly counts: FakeApiCounts;
  onReply: ReplyListener;
  /** When set, also gets each reply's body (calibration only: it keeps what it is given). */
  capture: ((channel: ReplyChannel, recipient: string, body: Record<string, unknown>) => void) | undefined;
  /** When set, decides which calls fail (and how). */
  chaos: Chaos | undefined;
  close(): Promise<void>;
}

const TELEGRAM_PATH = /^\/bot([^/]+)\/(\w+)$/;
const GRAPH_PATH = /^\/v\d+\.\d+\/\d+\/messages$/;

function sendJson(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** A failed call as each platform answers it; a hang is no answer at all (the client's timeout must fire). */
function answerFailure(channel: ReplyChannel, failure: ChaosAnswer, response: ServerResponse): void {
  if (failure === "hang") return;
  if (channel === "telegram") {
    return failure === "rateLimit"
      ? sendJson(response, 429, '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}')
      : sendJson(response, 500, '{"ok":false,"error_code":500,"description":"Internal Server Error"}');
  }
  if (failure === "rateLimit") {
    response.setHeader("retry-after", "1");
    return sendJson(response, 429, '{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429}}');
  }
  sendJson(response, 500, '{"error":{"message":"Something went wrong","type":"OAuthException","code":131000}}');
}

export async function startFakeApis(botToken: string): Promise<FakeApis> {
  let nextId = 1;
  const counts: FakeApiCounts = { replies: 0, readReceipts: 0, callbackAnswers: 0, other: 0, errors: 0 };
  const fakes = {
    url: "",
    counts,
    onReply: (() => undefined) as ReplyListener,
    capture: undefined as FakeApis["capture"],
    chaos: undefined as FakeApis["chaos"],
    close: async (): Promise<void> => undefined,
  };

  const handle = (request: IncomingMessage, raw: Buffer, response: ServerResponse): void => {
    const at = performance.now();
    const url = request.url ?? "";
    let body: Record<string, unknown> = {};
    try {
      if (raw.length > 0) body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      counts.errors++;
      return sendJson(response, 400, '{"ok":false,"error_code":400,"description":"Bad Request"}');
    }
    const telegram = TELEGRAM_PATH.exec(url);
    const failure = fakes.chaos?.next();
    if (failure) return answerFailure(telegram ? "telegram" : "whatsapp", failure, response);
    if (telegram) {
      const [, token, method] = telegram;
      if (token !== botToken) {
        counts.errors++;
        return sendJson(response, 401, '{"ok":false,"error_code":401,"description":"Unauthorized"}');
      }
      if (method === "sendMessage") {
        counts.replies++;
        const chatId = String(body["chat_id"]);
        fakes.capture?.("telegram", chatId, body);
        fakes.onReply("telegram", chatId, at, body);
        return sendJson(response, 200, `{"ok":true,"result":{"message_id":${nextId++},"date":${Math.floor(Date.now() / 1000)},"chat":{"id":${Number(chatId)},"type":"private"},"text":"ok"}}`);
      }
      if (method === "answerCallbackQuery") counts.callbackAnswers++;
      else counts.other++;
      if (method === "getMe") {
        return sendJson(response, 200, '{"ok":true,"result":{"id":123456,"is_bot":true,"first_name":"kinlink","username":"kinlink_bench_bot","can_join_groups":false,"can_read_all_group_messages":false,"supports_inline_queries":false}}');
      }
      return sendJson(response, 200, '{"ok":true,"result":true}');
    }
    if (request.method === "POST" && GRAPH_PATH.test(url)) {
      if (body["status"] === "read") {
        counts.readReceipts++;
        return sendJson(response, 200, '{"success":true}');
      }
      counts.replies++;
      const to = String(body["to"]);
      fakes.capture?.("whatsapp", to, body);
      fakes.onReply("whatsapp", to, at, body);
      return sendJson(response, 200, `{"messaging_product":"whatsapp","contacts":[{"input":"${to}","wa_id":"${to}"}],"messages":[{"id":"wamid.BENCH${nextId++}"}]}`);
    }
    counts.errors++;
    sendJson(response, 404, '{"error":{"message":"Unsupported request","type":"GraphMethodException","code":100}}');
  };

  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks), response));
    request.on("error", () => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fakes.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fakes.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fakes;
}
