/**
 * `POST /webhooks/telegram`: checks `X-Telegram-Bot-Api-Secret-Token` (set with setWebhook's
 * `secret_token`) before reading the body, translates the update, persists it through the sink and
 * only then answers 200. Telegram redelivers anything that is not a 2xx, so:
 *   401 wrong or missing secret, 400 not JSON / not an update, 413 too large — nothing stored;
 *   503 the store failed — Telegram tries again later;
 *   200 stored, a duplicate, or an update kind kinlink does not handle (stickers, edits...).
 * Pressed inline buttons are answered (answerCallbackQuery) after the update is stored, without
 * waiting: the answer only stops the button's spinner and must not delay the acknowledgement.
 *
 * grammY's `webhookCallback` is not used: it would run the bot's middleware inside the request and
 * answer 500 when it throws, where kinlink needs "persist, then 200, else 503" and its own 4xx codes.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { constantTimeEqual } from "../http/constantTimeEqual.js";
import { DEFAULT_WEBHOOK_BODY_LIMIT, WEBHOOK_ROUTE, acceptRawBody, parseJsonBody } from "../http/rawBody.js";
import { notify } from "../http/webhookNotice.js";
import { receiveTelegramUpdate, type TelegramReceiveOptions } from "./receiveTelegramUpdate.js";

export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** What Telegram accepts as `secret_token`. */
export const TELEGRAM_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

export interface TelegramWebhookOptions extends TelegramReceiveOptions {
  readonly secretToken: string;
  /** Largest body accepted, in bytes; default 256 KiB (updates are a few KiB). */
  readonly bodyLimit?: number;
  readonly path?: string;
}

export function telegramWebhook(options: TelegramWebhookOptions): FastifyPluginAsync {
  if (!TELEGRAM_SECRET_PATTERN.test(options.secretToken)) {
    throw new Error("the Telegram webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
  }
  const reject = (reply: FastifyReply, status: number, reason: string): FastifyReply => {
    notify(options.onNotice, { channel: "telegram", kind: "rejected", reason });
    return reply.code(status).send({ error: reason });
  };

  const checkSecret = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = request.headers[SECRET_HEADER];
    if (typeof presented !== "string" || !constantTimeEqual(presented, options.secretToken)) {
      await reject(reply, 401, "BAD_SECRET");
    }
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const body = parseJsonBody(request.body);
    if (!body.ok) return reject(reply, 400, body.error);
    switch (await receiveTelegramUpdate(body.value, options)) {
      case "invalid":
        return reply.code(400).send({ error: "INVALID_UPDATE" });
      case "unavailable":
        return reply.code(503).send({ error: "UNAVAILABLE" });
      case "accepted":
      case "ignored":
        return reply.code(200).send();
    }
  };

  return async (instance) => {
    acceptRawBody(instance);
    instance.post(options.path ?? TELEGRAM_WEBHOOK_PATH, { bodyLimit: options.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT, onRequest: checkSecret, ...WEBHOOK_ROUTE }, handle);
  };
}
