/**
 * The WhatsApp Cloud API webhook.
 *   GET  /webhooks/whatsapp — the subscription handshake: echoes `hub.challenge` when `hub.mode` is
 *        "subscribe" and `hub.verify_token` matches (403 otherwise).
 *   POST /webhooks/whatsapp — verifies `X-Hub-Signature-256` over the raw bytes (401, nothing
 *        stored), parses the body (400 / 413, nothing stored), persists messages and delivery
 *        reports through the sink, then answers 200 (503 when the store fails: Meta redelivers with
 *        backoff for up to 7 days). Message kinds kinlink does not read are acknowledged and skipped.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { InboundSink } from "../../ports/channelPort.js";
import { constantTimeEqual } from "../http/constantTimeEqual.js";
import { persistAll } from "../http/persistAll.js";
import { DEFAULT_WEBHOOK_BODY_LIMIT, WEBHOOK_ROUTE, acceptRawBody, parseJsonBody } from "../http/rawBody.js";
import { notify, type NoticeListener } from "../http/webhookNotice.js";
import { translateWhatsAppWebhook } from "./translateWhatsAppWebhook.js";
import { whatsappSignatureValid } from "./whatsappSignature.js";

export const WHATSAPP_WEBHOOK_PATH = "/webhooks/whatsapp";

export interface WhatsAppWebhookOptions {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly sink: InboundSink;
  /** When set, changes for other phone numbers of the same Meta app are acknowledged and skipped. */
  readonly phoneNumberId?: string;
  /** Largest body accepted, in bytes; default 256 KiB (Meta batches stay well under it). */
  readonly bodyLimit?: number;
  readonly path?: string;
  readonly onNotice?: NoticeListener;
}

const HandshakeSchema = z.object({
  "hub.mode": z.string(),
  "hub.verify_token": z.string(),
  // Meta sends a number; anything printable and short is echoed, as plain text.
  "hub.challenge": z.string().regex(/^[\x21-\x7e]{1,256}$/),
});

export function whatsappWebhook(options: WhatsAppWebhookOptions): FastifyPluginAsync {
  if (options.appSecret === "" || options.verifyToken === "") throw new Error("the WhatsApp app secret and verify token must not be empty");
  const reject = (reply: FastifyReply, status: number, reason: string): FastifyReply => {
    notify(options.onNotice, { channel: "whatsapp", kind: "rejected", reason });
    return reply.code(status).send({ error: reason });
  };

  const handshake = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const query = HandshakeSchema.safeParse(request.query);
    if (!query.success) return reject(reply, 400, "BAD_HANDSHAKE");
    if (query.data["hub.mode"] !== "subscribe" || !constantTimeEqual(query.data["hub.verify_token"], options.verifyToken)) {
      return reject(reply, 403, "BAD_VERIFY_TOKEN");
    }
    return reply.code(200).type("text/plain; charset=utf-8").send(query.data["hub.challenge"]);
  };

  const receive = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!whatsappSignatureValid(raw, request.headers["x-hub-signature-256"], options.appSecret)) return reject(reply, 401, "BAD_SIGNATURE");
    const body = parseJsonBody(raw);
    if (!body.ok) return reject(reply, 400, body.error);
    const translation = translateWhatsAppWebhook(body.value, options.phoneNumberId);
    if (!translation) return reject(reply, 400, "INVALID_WEBHOOK");
    for (const reason of translation.ignored) notify(options.onNotice, { channel: "whatsapp", kind: "ignored", reason });
    if (!(await persistAll(options.sink, translation.envelopes, translation.statuses))) {
      notify(options.onNotice, { channel: "whatsapp", kind: "unavailable", reason: "SINK_FAILED" });
      return reply.code(503).send({ error: "UNAVAILABLE" });
    }
    return reply.code(200).send();
  };

  return async (instance) => {
    acceptRawBody(instance);
    const path = options.path ?? WHATSAPP_WEBHOOK_PATH;
    // The query holds the verify token: keep this route out of the request log.
    instance.get(path, { logLevel: "warn" }, handshake);
    instance.post(path, { bodyLimit: options.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT, ...WEBHOOK_ROUTE }, receive);
  };
}
