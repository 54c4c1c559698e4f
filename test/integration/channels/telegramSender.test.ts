/**
 * TelegramSender with grammY's real `Api` over HTTP to a fake Bot API: how content is laid out
 * (inline keyboards, numbered lines, the location keyboard, long texts), and what each failure
 * becomes for the outbox (429 with retry_after, 5xx, a hanging API, a blocked bot, a missing chat).
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { OutboundContent } from "../../../src/ports/channelPort.js";
import { createTelegramApi } from "../../../src/channels/telegram/telegramApi.js";
import { TelegramSender } from "../../../src/channels/telegram/telegramSender.js";
import { FakeTelegramApi } from "../../helpers/fakeTelegramApi.js";

let fake: FakeTelegramApi;
let sender: TelegramSender;
const CHAT = "5551234";

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  sender = new TelegramSender({ api: createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot, timeoutSeconds: 0.5 }) });
});
afterAll(async () => {
  await fake.close();
});

const content = (over: Partial<OutboundContent>): OutboundContent => ({
  text: "Хто пише?",
  choices: [],
  multiple: false,
  urgent: false,
  lang: "uk",
  direction: "ltr",
  ...over,
});

async function lastSends(n: number) {
  return fake.callsTo("sendMessage").slice(-n).map((c) => c.payload);
}

describe("Telegram sender: layout", () => {
  it("sends choices as an inline keyboard whose callback data are the choice ids, short labels two to a row", async () => {
    const result = await sender.deliver(
      CHAT,
      content({
        choices: [
          { id: "yes", label: "Так" },
          { id: "no", label: "Ні" },
          { id: "other_adult", label: "Інший дорослий, якого я знаю" },
        ],
        hint: "Натисніть кнопку.",
      }),
    );
    expect(result).toEqual({ status: "sent", channelMessageId: expect.any(String) });
    const [sent] = await lastSends(1);
    expect(sent).toMatchObject({ chat_id: CHAT, text: "Хто пише?\n\nНатисніть кнопку." });
    expect(sent?.["reply_markup"]).toEqual({
      inline_keyboard: [
        [
          { text: "Так", callback_data: "yes" },
          { text: "Ні", callback_data: "no" },
        ],
        [{ text: "Інший дорослий, якого я знаю", callback_data: "other_adult" }],
      ],
    });
  });

  it("writes a multiple choice as numbered lines (the person types '1, 3') and clears any reply keyboard", async () => {
    await sender.deliver(CHAT, content({ text: "ماذا تحتاج؟", lang: "ar", direction: "rtl", multiple: true, choices: [{ id: "food", label: "طعام" }, { id: "water", label: "ماء" }], hint: "اكتب الأرقام" }));
    const [sent] = await lastSends(1);
    expect(sent?.["text"]).toBe("ماذا تحتاج؟\n\n1. طعام\n2. ماء\n\nاكتب الأرقام");
    expect(sent?.["reply_markup"]).toEqual({ remove_keyboard: true });
  });

  it("falls back to numbered lines when a choice id does not fit Telegram's 64-byte callback data", async () => {
    await sender.deliver(CHAT, content({ choices: [{ id: "я".repeat(40), label: "Довгий" }] }));
    const [sent] = await lastSends(1);
    expect(sent?.["text"]).toBe("Хто пише?\n\n1. Довгий");
  });

  it("asks for a location with a one-time reply keyboard button", async () => {
    await sender.deliver(CHAT, content({ text: "Where are you now?", input: "location", hint: "You can share your location." }));
    const [sent] = await lastSends(1);
    expect(sent?.["reply_markup"]).toEqual({ keyboard: [[{ text: "📍", request_location: true }]], one_time_keyboard: true, resize_keyboard: true });
  });

  it("splits a text over 4096 characters on paragraph boundaries, keyboard on the last part, nothing lost", async () => {
    const paragraph = "Слово ".repeat(300).trim();
    const text = [paragraph, paragraph, paragraph, paragraph].join("\n\n");
    const result = await sender.deliver(CHAT, content({ text, choices: [{ id: "ok", label: "OK" }] }));
    expect(result.status).toBe("sent");
    const parts = await lastSends(2);
    expect(parts.map((p) => String(p["text"]).length).every((n) => n <= 4096)).toBe(true);
    expect(parts.map((p) => p["text"]).join("\n\n")).toBe(text);
    expect(parts[0]?.["reply_markup"]).toEqual({ remove_keyboard: true });
    expect(parts[1]?.["reply_markup"]).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] });
  });
});

describe("Telegram sender: failures become outbox decisions", () => {
  it("429 with retry_after → retry after that many seconds; the next attempt goes through", async () => {
    fake.script("sendMessage", { kind: "rateLimit", retryAfter: 3 });
    expect(await sender.deliver(CHAT, content({}))).toEqual({ status: "retry", code: "RATE_LIMITED", retryAfterMs: 3000 });
    expect((await sender.deliver(CHAT, content({}))).status).toBe("sent");
  });

  it("500 → retry", async () => {
    fake.script("sendMessage", { kind: "serverError" });
    expect(await sender.deliver(CHAT, content({}))).toEqual({ status: "retry", code: "SERVER_ERROR" });
  });

  it("a hanging API → the call times out → retry, without holding the sender", async () => {
    fake.script("sendMessage", { kind: "hang" });
    const started = Date.now();
    expect(await sender.deliver(CHAT, content({}))).toEqual({ status: "retry", code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("a blocked bot and a missing chat are permanent failures", async () => {
    fake.script("sendMessage", { kind: "error", code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await sender.deliver(CHAT, content({}))).toEqual({ status: "failed", code: "BLOCKED" });
    fake.script("sendMessage", { kind: "error", code: 400, description: "Bad Request: chat not found" });
    expect(await sender.deliver(CHAT, content({}))).toEqual({ status: "failed", code: "CHAT_NOT_FOUND" });
  });

  it("an unreachable API and a rejected token are retried (fixed in operations, the messages wait)", async () => {
    const down = new TelegramSender({ api: createTelegramApi({ token: fake.token, apiRoot: "http://127.0.0.1:9", timeoutSeconds: 2 }) });
    expect(await down.deliver(CHAT, content({}))).toEqual({ status: "retry", code: "NETWORK" });
    const wrongToken = new TelegramSender({ api: createTelegramApi({ token: "1:wrong", apiRoot: fake.apiRoot }) });
    expect(await wrongToken.deliver(CHAT, content({}))).toEqual({ status: "retry", code: "UNAUTHORIZED" });
  });

  it("answers callback queries", async () => {
    expect(await sender.answerCallbackQuery("cq-1")).toEqual({ status: "sent", channelMessageId: "cq-1" });
    expect(fake.callsTo("answerCallbackQuery").at(-1)?.payload).toEqual({ callback_query_id: "cq-1" });
  });
});
