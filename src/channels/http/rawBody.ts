/**
 * Makes an encapsulated Fastify context hand every request body to the handler as raw bytes: the
 * WhatsApp signature is computed over exactly those bytes, and parsing JSON ourselves lets both
 * webhooks answer a short error code instead of Fastify's message. Also installs an error handler
 * that turns Fastify's own 4xx (body too large, bad content length) into the same short codes.
 * Scoped: register it inside the webhook plugin only, never on the root instance.
 */
import type { FastifyInstance } from "fastify";

export const DEFAULT_WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * Route options for the channels' webhook POSTs: no browser security headers (@fastify/helmet's
 * CSP, HSTS, frame options...). The callers are Telegram's and Meta's servers, the answers a short
 * JSON code or nothing; @fastify/helmet builds its middleware again on every request, about 2 % of
 * the server's CPU per message. Ignored where helmet is not registered (tests of a plugin alone).
 */
export const WEBHOOK_ROUTE = { helmet: false } as const;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function acceptRawBody(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  instance.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ error: "TOO_LARGE" });
    if (status >= 400 && status < 500) return reply.code(status).send({ error: "BAD_REQUEST" });
    return reply.code(500).send({ error: "INTERNAL" });
  });
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: "EMPTY_BODY" | "INVALID_UTF8" | "INVALID_JSON" };

/** Decodes strict UTF-8 and parses JSON; never throws. */
export function parseJsonBody(body: unknown): JsonBody {
  if (!Buffer.isBuffer(body) || body.length === 0) return { ok: false, error: "EMPTY_BODY" };
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, error: "INVALID_UTF8" };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: "INVALID_JSON" };
  }
}
