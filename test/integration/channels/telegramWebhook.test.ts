/**
 * POST /webhooks/telegram through a real Fastify instance: every inbound kind, the secret check,
 * malformed and oversized bodies, redeliveries, a store that is down, and callback answers reaching a
 * fake Bot API through grammY.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import Fastify, { type FastifyInstance } from "fastify";
import type { Update } from "grammy/types";
import { createTelegramApi } from "../../../src/channels/telegram/telegramApi.js";
import { TelegramSender } from "../../../src/channels/telegram/telegramSender.js";
import { telegramWebhook } from "../../../src/channels/telegram/telegramWebhook.js";
import type { WebhookNotice } from "../../../src/channels/http/webhookNotice.js";
import { listenLocal, request } from "../../helpers/channels/httpClient.js";
import { eventually } from "../../helpers/channels/localServer.js";
import { RecordingSink } from "../../helpers/channels/recordingSink.js";
import { CHAT_ID, TG_DATE, tgCallback, tgEdited, tgGroupText, tgLocation, tgPhoto, tgSticker, tgText } from "../../helpers/channels/telegramUpdates.js";
import { FakeTelegramApi } from "../../helpers/fakeTelegramApi.js";

const SECRET = "s3cret_Token-1";
const NOW = new Date("2024-06-01T10:00:00Z");

let fake: FakeTelegramApi;
let app: FastifyInstance;
let base: string;
let sink: RecordingSink;
let notices: WebhookNotice[];

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
});
afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  sink = new RecordingSink();
  notices = [];
  const sender = new TelegramSender({ api: createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot }) });
  app = Fastify();
  await app.register(
    telegramWebhook({
      secretToken: SECRET,
      sink,
      clock: { now: () => NOW },
      answerCallbackQuery: (id) => sender.answerCallbackQuery(id),
      onNotice: (notice) => notices.push(notice),
      bodyLimit: 64 * 1024,
    }),
  );
  base = await listenLocal(app);
});
afterEach(async () => {
  await app.close();
});

function post(body: Update | string | Buffer, secret: string | null = SECRET) {
  return request(base, "POST", "/webhooks/telegram", {
    headers: { "content-type": "application/json", ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}

describe("Telegram webhook: what each update becomes", () => {
  it("stores a text message with the update id as its key, the chat id, the date and the language hint", async () => {
    const response = await post(tgText(101, "Bonjour, j'ai besoin d'aide"));
    expect(response.status).toBe(200);
    expect(sink.envelopes).toEqual([
      {
        channel: "telegram",
        channelMessageId: "101",
        channelUserId: String(CHAT_ID),
        input: { type: "text", text: "Bonjour, j'ai besoin d'aide" },
        sentAt: TG_DATE,
        hints: { languageCode: "fr" },
      },
    ]);
  });

  it("keeps Arabic and Ukrainian text intact", async () => {
    await post(tgText(102, "أحتاج مساعدة، أخي مفقود", "ar"));
    await post(tgText(103, "Мені потрібна допомога", "uk"));
    expect(sink.envelopes.map((e) => e.input)).toEqual([
      { type: "text", text: "أحتاج مساعدة، أخي مفقود" },
      { type: "text", text: "Мені потрібна допомога" },
    ]);
  });

  it("turns a /start deep link into '/start' plus the site tag as a hint, and passes other commands as text", async () => {
    await post(tgText(104, "/start site_goma"));
    await post(tgText(105, "/start <script>"));
    await post(tgText(106, "/help"));
    expect(sink.envelopes.map((e) => [e.input, e.hints.startPayload])).toEqual([
      [{ type: "text", text: "/start" }, "site_goma"],
      [{ type: "text", text: "/start" }, undefined],
      [{ type: "text", text: "/help" }, undefined],
    ]);
  });

  it("turns a pressed inline button into a choice, timed on arrival, and answers the callback query", async () => {
    const response = await post(tgCallback(107, "adult", "cq-107"));
    expect(response.status).toBe(200);
    expect(sink.envelopes).toEqual([
      { channel: "telegram", channelMessageId: "107", channelUserId: String(CHAT_ID), input: { type: "choice", id: "adult" }, sentAt: NOW, hints: { languageCode: "uk" } },
    ]);
    await eventually(() => fake.callsTo("answerCallbackQuery").some((c) => c.payload["callback_query_id"] === "cq-107"), 3000, "answerCallbackQuery");
  });

  it("turns a shared location into a location and a photo into the largest size's file id", async () => {
    await post(tgLocation(108, -1.6792, 29.2228));
    await post(tgPhoto(109));
    expect(sink.envelopes.map((e) => e.input)).toEqual([
      { type: "location", latitude: -1.6792, longitude: 29.2228 },
      { type: "photo", ref: "large-id" },
    ]);
  });

  it("passes a sticker on as media (the bot asks for words); acknowledges and skips edits and group chats", async () => {
    for (const update of [tgSticker(110), tgEdited(111), tgGroupText(112)]) {
      expect((await post(update)).status).toBe(200);
    }
    expect(sink.envelopes.map((e) => e.input)).toEqual([{ type: "media", kind: "sticker" }]);
    expect(notices.map((n) => n.reason)).toEqual(["UNSUPPORTED_UPDATE", "NOT_PRIVATE_CHAT"]);
  });

  it("passes a redelivery to the sink with the same key and still answers 200", async () => {
    expect((await post(tgText(113, "hello"))).status).toBe(200);
    expect((await post(tgText(113, "hello"))).status).toBe(200);
    expect(sink.envelopes).toHaveLength(1);
    expect(sink.duplicates.map((e) => e.channelMessageId)).toEqual(["113"]);
  });
});

describe("Telegram webhook: refusals", () => {
  it("answers 401 and stores nothing for a wrong, missing or differently cased secret", async () => {
    for (const secret of ["wrong", null, SECRET.toUpperCase(), `${SECRET}x`, ""]) {
      expect([secret, (await post(tgText(120, "hi"), secret)).status]).toEqual([secret, 401]);
    }
    expect(sink.untouched).toBe(true);
  });

  it("checks the secret before the body: garbage without the secret is 401, not 400", async () => {
    expect((await post("{not json", "nope")).status).toBe(401);
  });

  it("answers 400 with a short code for bodies that are not JSON, not UTF-8 or not an update", async () => {
    const cases: [string | Buffer, string][] = [
      ["{not json", "INVALID_JSON"],
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "INVALID_UTF8"],
      ["[]", "INVALID_UPDATE"],
      ['{"update_id":"1"}', "INVALID_UPDATE"],
      ['{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":42}}', "INVALID_UPDATE"],
    ];
    for (const [body, code] of cases) {
      const response = await post(body);
      expect([response.status, response.json()]).toEqual([400, { error: code }]);
    }
    const empty = await request(base, "POST", "/webhooks/telegram", { headers: { "x-telegram-bot-api-secret-token": SECRET } });
    expect(empty.status).toBe(400);
    expect(sink.untouched).toBe(true);
  });

  it("answers 413 for a body over the limit", async () => {
    const response = await post(JSON.stringify(tgText(121, "x".repeat(70 * 1024))));
    expect([response.status, response.json()]).toEqual([413, { error: "TOO_LARGE" }]);
    expect(sink.untouched).toBe(true);
  });

  it("answers 503 when the store is down, and does not answer the callback query, so Telegram redelivers", async () => {
    sink.failing = true;
    const before = fake.callsTo("answerCallbackQuery").length;
    const response = await post(tgCallback(122, "yes", "cq-122"));
    expect(response.status).toBe(503);
    expect(notices).toEqual([{ channel: "telegram", kind: "unavailable", reason: "SINK_FAILED" }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsTo("answerCallbackQuery").length).toBe(before);
    sink.failing = false;
    expect((await post(tgCallback(122, "yes", "cq-122"))).status).toBe(200);
    expect(sink.envelopes).toHaveLength(1);
  });

  it("refuses a secret Telegram would not accept when the route is built", () => {
    expect(() => telegramWebhook({ secretToken: "has space", sink })).toThrow(/secret/);
    expect(() => telegramWebhook({ secretToken: "", sink })).toThrow(/secret/);
  });
});
