/**
 * The baseline: a minimal echo bot on kinlink's stack. Fastify with the raw body, the Telegram secret
 * header and the WhatsApp X-Hub-Signature-256 checked, the body zod-parsed, 200, then one reply
 * through grammY's Api or whatsapp-api-js to the same fake APIs. No state, no store, no dialog.
 * What kinlink costs above this is what kinlink itself does.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { Api } from "grammy";
import { WhatsAppAPI } from "whatsapp-api-js";
import { Text } from "whatsapp-api-js/messages";
import { z } from "zod";
import { graphFetch } from "../src/channels/whatsapp/graphFetch.js";

export interface EchoOptions {
  readonly botToken: string;
  readonly telegramSecret: string;
  readonly telegramApiRoot: string;
  readonly appSecret: string;
  readonly phoneNumberId: string;
  readonly graphUrl: string;
}

const UpdateSchema = z.object({
  update_id: z.number(),
  message: z.object({ chat: z.object({ id: z.number() }), text: z.string().optional() }).optional(),
  callback_query: z.object({ id: z.string(), data: z.string().optional(), from: z.object({ id: z.number() }) }).optional(),
});

const WebhookSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          value: z.object({
            messages: z
              .array(
                z.object({
                  from: z.string(),
                  id: z.string(),
                  type: z.string(),
                  text: z.object({ body: z.string() }).optional(),
                  interactive: z.object({ button_reply: z.object({ id: z.string() }).optional(), list_reply: z.object({ id: z.string() }).optional() }).optional(),
                }),
              )
              .optional(),
          }),
        }),
      ),
    }),
  ),
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startEchoServer(options: EchoOptions): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const api = new Api(options.botToken, { apiRoot: options.telegramApiRoot, timeoutSeconds: 10 });
  const whatsapp = new WhatsAppAPI({ token: "token", secure: false, v: "v24.0", ponyfill: { fetch: graphFetch({ graphUrl: options.graphUrl, timeoutMs: 10_000 }) } });
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.post("/webhooks/telegram", async (request, reply) => {
    const secret = request.headers["x-telegram-bot-api-secret-token"];
    if (typeof secret !== "string" || !sameSecret(secret, options.telegramSecret)) return reply.code(401).send();
    let json: unknown;
    try {
      json = JSON.parse((request.body as Buffer).toString("utf8"));
    } catch {
      return reply.code(400).send();
    }
    const update = UpdateSchema.safeParse(json);
    if (!update.success) return reply.code(400).send();
    const chatId = update.data.message?.chat.id ?? update.data.callback_query?.from.id;
    const text = update.data.message?.text ?? update.data.callback_query?.data ?? "?";
    if (chatId !== undefined) void api.sendMessage(chatId, `echo: ${text}`).catch(() => undefined);
    return reply.code(200).send();
  });

  app.post("/webhooks/whatsapp", async (request, reply) => {
    const raw = request.body as Buffer;
    const header = request.headers["x-hub-signature-256"];
    const presented = typeof header === "string" ? /^sha256=([0-9a-fA-F]{64})$/.exec(header)?.[1] : undefined;
    const expected = createHmac("sha256", options.appSecret).update(raw).digest();
    if (presented === undefined || !timingSafeEqual(Buffer.from(presented, "hex"), expected)) return reply.code(401).send();
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      return reply.code(400).send();
    }
    const body = WebhookSchema.safeParse(json);
    if (!body.success) return reply.code(400).send();
    for (const entry of body.data.entry) {
      for (const change of entry.changes) {
        for (const message of change.value.messages ?? []) {
          const text = message.text?.body ?? message.interactive?.button_reply?.id ?? message.interactive?.list_reply?.id ?? "?";
          void whatsapp.sendMessage(options.phoneNumberId, message.from, new Text(`echo: ${text}`)).catch(() => undefined);
        }
      }
    }
    return reply.code(200).send();
  });

  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url, app, close: () => app.close() };
}
