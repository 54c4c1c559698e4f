/**
 * `POST /webhooks/botpress`: one user turn from the Botpress relay bot, authenticated with a shared
 * secret (`x-kinlink-secret`). The reply carries the bot's answers to render:
 *
 *   request:  { conversationId, messageId, text? , choice?, lang? }
 *   response: { messages: [{ text, choices: [{ id, label }], hint?, urgent, direction }] }
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { InboundSink } from "../../ports/channelPort.js";
import type { TurnCollector } from "./botpressSender.js";

export interface BotpressWebhookOptions {
  readonly secret: string;
  readonly sink: InboundSink;
  readonly collector: TurnCollector;
  readonly now: () => Date;
}

const Id = z.string().min(1).max(128);
const TurnSchema = z.strictObject({
  conversationId: Id,
  messageId: Id,
  text: z.string().max(4096).optional(),
  choice: z.string().max(64).optional(),
  lang: z.string().max(16).optional(),
});

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function botpressWebhook(options: BotpressWebhookOptions): FastifyPluginAsync {
  return async (app) => {
    app.post("/webhooks/botpress", { bodyLimit: 64 * 1024 }, async (request, reply) => {
      if (!sameSecret(request.headers["x-kinlink-secret"], options.secret)) return reply.code(401).send({ error: "UNAUTHORIZED" });
      const turn = TurnSchema.safeParse(request.body);
      if (!turn.success || (turn.data.text === undefined) === (turn.data.choice === undefined)) return reply.code(400).send({ error: "INVALID_TURN" });
      const { conversationId, messageId, text, choice, lang } = turn.data;
      options.collector.open(conversationId);
      try {
        const outcome = await options.sink.receive(
          {
            channel: "botpress",
            channelMessageId: messageId,
            channelUserId: conversationId,
            input: choice !== undefined ? { type: "choice", id: choice } : { type: "text", text: text ?? "" },
            sentAt: options.now(),
            hints: lang ? { languageCode: lang } : {},
          },
          { awaitTurn: true },
        );
        const messages = options.collector.close(conversationId);
        return reply.send({ status: outcome, messages });
      } catch {
        options.collector.close(conversationId);
        return reply.code(503).send({ error: "UNAVAILABLE" });
      }
    });
  };
}
