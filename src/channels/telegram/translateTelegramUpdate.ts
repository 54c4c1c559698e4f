/**
 * Turns one Telegram update into what kinlink stores: an `InboundEnvelope`, or a reason to ignore it.
 *
 * The dedupe key is `update_id`: Telegram gives every update to a bot a unique, increasing id and
 * redelivers an update with the same id, and it also covers callback queries, which have no message
 * id of their own (`message_id` is only unique within a chat). After a week without updates
 * Telegram restarts the sequence at a random number; the inbox keeps ids 7 days after processing,
 * so a collision needs that random restart to land on a still-kept id, which is negligible.
 *
 * Only private chats are accepted: in a group, one chat mixes several people and what a child tells
 * the bot would be read by everyone in it.
 */
import { MAX_INPUT_LENGTH, type Input } from "../../dialog/engine/input.js";
import type { InboundEnvelope, InboundHints } from "../../ports/channelPort.js";
import { checkedEnvelope } from "../inboundEnvelopeSchema.js";
import { fitText } from "../text/fitText.js";
import { TelegramUpdateSchema, type TelegramCallbackQuery, type TelegramMessage } from "./telegramUpdateSchema.js";

export type TelegramTranslation =
  | { readonly kind: "accepted"; readonly envelope: InboundEnvelope; readonly callbackQueryId?: string }
  | { readonly kind: "ignored"; readonly reason: string; readonly callbackQueryId?: string };

/** `/start site_goma` from a deep link `t.me/<bot>?start=site_goma`; Telegram allows 1-64 of A-Z a-z 0-9 _ -. */
const START = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+(\S+))?\s*$/;
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

function textInput(text: string): { input: Input; startPayload?: string } {
  const start = START.exec(text.trim());
  if (start) {
    const payload = start[1];
    // Only "/start" reaches the engine: the payload is a hint about the source, never an answer.
    return { input: { type: "text", text: "/start" }, ...(payload && PAYLOAD.test(payload) ? { startPayload: payload } : {}) };
  }
  return { input: { type: "text", text: fitText(text, MAX_INPUT_LENGTH) } };
}

function messageInput(message: TelegramMessage): { input: Input; startPayload?: string } | undefined {
  if (message.text !== undefined) return textInput(message.text);
  if (message.venue) return { input: { type: "location", ...message.venue.location, name: fitText(message.venue.title, 300) } };
  if (message.location) return { input: { type: "location", ...message.location } };
  const largest = [...(message.photo ?? [])].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (largest) return { input: { type: "photo", ref: largest.file_id } };
  if (message.voice || message.audio) return { input: { type: "media", kind: "audio" } };
  if (message.video || message.video_note) return { input: { type: "media", kind: "video" } };
  if (message.document) return { input: { type: "media", kind: "document" } };
  if (message.sticker) return { input: { type: "media", kind: "sticker" } };
  return undefined;
}

function hints(languageCode: string | undefined, startPayload: string | undefined): InboundHints {
  return { ...(languageCode ? { languageCode } : {}), ...(startPayload ? { startPayload } : {}) };
}

function fromMessage(updateId: number, message: TelegramMessage): TelegramTranslation {
  if (message.chat.type !== "private") return { kind: "ignored", reason: "NOT_PRIVATE_CHAT" };
  const translated = messageInput(message);
  if (!translated) return { kind: "ignored", reason: "UNSUPPORTED_MESSAGE" };
  const envelope = checkedEnvelope({
    channel: "telegram",
    channelMessageId: String(updateId),
    channelUserId: String(message.chat.id),
    input: translated.input,
    sentAt: new Date(message.date * 1000),
    hints: hints(message.from?.language_code, translated.startPayload),
  });
  return envelope ? { kind: "accepted", envelope } : { kind: "ignored", reason: "INVALID_INPUT" };
}

function fromCallbackQuery(updateId: number, query: TelegramCallbackQuery, receivedAt: Date): TelegramTranslation {
  const callbackQueryId = query.id;
  if (query.message && query.message.chat.type !== "private") return { kind: "ignored", reason: "NOT_PRIVATE_CHAT", callbackQueryId };
  if (query.data === undefined) return { kind: "ignored", reason: "UNSUPPORTED_CALLBACK", callbackQueryId };
  const envelope = checkedEnvelope({
    channel: "telegram",
    channelMessageId: String(updateId),
    // In a private chat the chat id is the user id.
    channelUserId: String(query.message?.chat.id ?? query.from.id),
    input: { type: "choice", id: query.data },
    // A callback query carries no date of its own; the time it reached us orders it well enough.
    sentAt: receivedAt,
    hints: hints(query.from.language_code, undefined),
  });
  return envelope ? { kind: "accepted", envelope, callbackQueryId } : { kind: "ignored", reason: "INVALID_INPUT", callbackQueryId };
}

/** `undefined` when the body is not a Telegram update at all (the route answers 400). */
export function translateTelegramUpdate(body: unknown, receivedAt: Date): TelegramTranslation | undefined {
  const parsed = TelegramUpdateSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const update = parsed.data;
  if (update.message) return fromMessage(update.update_id, update.message);
  if (update.callback_query) return fromCallbackQuery(update.update_id, update.callback_query, receivedAt);
  return { kind: "ignored", reason: "UNSUPPORTED_UPDATE" };
}
