/**
 * The browser playground: a web chat on the same inbound path as every other channel (inbox first,
 * then the engine, then the outbox), for NGO staff to try their dialogs in any shipped language and
 * for a newcomer's first minute.
 *
 *   GET  /playground                 the page (static HTML, CSS and JS; no inline script, strict CSP)
 *   GET  /playground/api/info        languages offered (with names and direction)
 *   POST /playground/api/messages    { session, id, input, lang? } -> 202
 *   GET  /playground/api/stream      ?session=&after= -> Server-Sent Events of the bot's messages
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { InputSchema } from "../../dialog/engine/input.js";
import type { InboundSink } from "../../ports/channelPort.js";
import { EVENT_STREAM_HEADERS } from "../http/eventStreamHeaders.js";
import type { WebMailbox } from "./webMailbox.js";
import { PLAYGROUND_CSS, PLAYGROUND_HTML, PLAYGROUND_JS } from "./playgroundPage.js";

export interface PlaygroundLanguage {
  readonly code: string;
  readonly name: string;
  readonly direction: "ltr" | "rtl";
}

export interface PlaygroundOptions {
  readonly sink: InboundSink;
  readonly mailbox: WebMailbox;
  readonly languages: readonly PlaygroundLanguage[];
  readonly now: () => Date;
}

const Token = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const MessageBody = z.strictObject({ session: Token, id: Token, input: InputSchema, lang: z.string().max(16).optional() });
const StreamQuery = z.object({ session: Token, after: z.coerce.number().int().min(0).default(0) });

export async function playgroundRoutes(app: FastifyInstance, options: PlaygroundOptions): Promise<void> {
  const html = "text/html; charset=utf-8";
  app.get("/", async (_request, reply) => reply.redirect("/playground"));
  app.get("/playground", async (_request, reply) => reply.type(html).send(PLAYGROUND_HTML));
  app.get("/playground/app.js", async (_request, reply) => reply.type("text/javascript; charset=utf-8").send(PLAYGROUND_JS));
  app.get("/playground/app.css", async (_request, reply) => reply.type("text/css; charset=utf-8").send(PLAYGROUND_CSS));
  app.get("/playground/api/info", async () => ({ languages: options.languages }));

  app.post("/playground/api/messages", { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const body = MessageBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: "INVALID_MESSAGE" });
    const { session, id, input, lang } = body.data;
    let outcome: "stored" | "duplicate";
    try {
      outcome = await options.sink.receive({
        channel: "web",
        channelMessageId: id,
        channelUserId: session,
        input,
        sentAt: options.now(),
        hints: lang ? { languageCode: lang } : {},
      });
    } catch {
      // The store could not take it (disk full, store failed): nothing was acknowledged; send again later.
      return reply.code(503).send({ error: "UNAVAILABLE" });
    }
    return reply.code(202).send({ status: outcome });
  });

  // An open stream would otherwise hold app.close() until its browser goes away: an orderly stop,
  // or the restart after a store failure (cli/start.ts), would wait for a tab someone left open.
  const open = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of open) end();
  });

  app.get("/playground/api/stream", async (request, reply) => {
    const query = StreamQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: "INVALID_STREAM" });
    reply.hijack();
    reply.raw.writeHead(200, EVENT_STREAM_HEADERS);
    reply.raw.write(": connected\n\n");
    const unsubscribe = options.mailbox.subscribe(query.data.session, query.data.after, (entry) => {
      reply.raw.write(`id: ${entry.id}\ndata: ${JSON.stringify(entry.content)}\n\n`);
    });
    const keepAlive = setInterval(() => reply.raw.write(": ping\n\n"), 15_000);
    const end = (): void => void reply.raw.end();
    open.add(end);
    request.raw.on("close", () => {
      open.delete(end);
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}
