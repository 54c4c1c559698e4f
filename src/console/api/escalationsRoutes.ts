/**
 * The caseworker queue as a JSON API, on the QueueService use cases (which check finer rules and
 * audit-log every read and change). Authentication and roles are the API guard's job
 * (`console/permissions/apiGuard.ts`, installed on the app before this plugin): handlers only ask it
 * who is acting. Responses are never cached (`no-store`): they can hold a family's words.
 *
 *   GET  /api/v1/escalations?limit&skip       -> { items: QueueItem[] }   priority, then oldest first
 *   GET  /api/v1/escalations/:id              -> Handoff                  answers, flags, transcript
 *   GET  /api/v1/escalations/:id/events       -> text/event-stream of TranscriptLine (event: line)
 *   GET  /api/v1/escalations/stream           -> text/event-stream, `event: changed` when the organisation's queue changes
 *   POST /api/v1/escalations/:id/claim | release | hand-back           -> { escalation: QueueItem }
 *   POST /api/v1/escalations/:id/transfer { to }                       -> { escalation: QueueItem }
 *   POST /api/v1/escalations/:id/resolve  { outcome }                  -> { escalation: QueueItem }
 *   POST /api/v1/escalations/:id/replies  { text }                     -> 202 { status: "accepted" }
 *   POST /api/v1/escalations/:id/translate { to }                      -> { to, lines: TranslatedLine[] }  503 when off
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { QueueItem, QueueService, TranscriptLine } from "../../app/queue/queueService.js";
import type { ActorOf } from "../permissions/apiGuard.js";
import { apiErrorHandler, type ApiReport } from "./apiErrorHandler.js";
import { EmptyBody, IdParams, ListQuery, parseInput, ReplyBody, ResolveBody, TransferBody, TranslateBody } from "./apiInput.js";
import { EventStream } from "./eventStream.js";
import { apiDefaults } from "./apiDefaults.js";

export interface EscalationsRoutesOptions {
  readonly queue: QueueService;
  /** Who is acting, as the API guard resolved it for this request. */
  readonly actorOf: ActorOf;
  readonly report?: ApiReport;
  /** How often an idle event stream gets a comment line, so that proxies keep it open. */
  readonly keepAliveMs?: number;
}

export const ESCALATIONS_PATH = "/api/v1/escalations";
/** Replies are small; anything bigger is refused before it is parsed. */
const BODY_LIMIT = 16 * 1024;

type Action = (id: string, request: FastifyRequest) => Promise<QueueItem>;

export function escalationsRoutes(options: EscalationsRoutesOptions): FastifyPluginAsync {
  const { queue, actorOf } = options;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const streams = new Set<Pick<EventStream<never>, "end">>();

  const action = (app: FastifyInstance, name: string, run: Action): void => {
    app.post(`${ESCALATIONS_PATH}/:id/${name}`, { bodyLimit: BODY_LIMIT }, async (request) => {
      const { id } = parseInput(IdParams, "params", request.params);
      return { escalation: await run(id, request) };
    });
  };

  return async (app) => {
    apiDefaults(app, apiErrorHandler(options.report));
    // A stream would otherwise hold app.close() open until its client goes away.
    app.addHook("preClose", async () => {
      for (const stream of streams) stream.end();
    });

    app.get(ESCALATIONS_PATH, async (request) => {
      const page = parseInput(ListQuery, "query", request.query);
      return { items: await queue.list(actorOf(request), page) };
    });

    // Registered before `/:id` reads better; Fastify prefers the static segment either way.
    app.get(`${ESCALATIONS_PATH}/stream`, async (request, reply) => {
      const stream = new EventStream<{ readonly at: string }>(keepAliveMs, "changed");
      const unsubscribe = queue.watchQueue(actorOf(request), () => stream.send({ at: new Date().toISOString() }));
      streams.add(stream);
      stream.open(reply, unsubscribe, () => streams.delete(stream));
    });

    app.get(`${ESCALATIONS_PATH}/:id`, async (request) => {
      const { id } = parseInput(IdParams, "params", request.params);
      return queue.handoff(actorOf(request), id);
    });

    action(app, "claim", (id, request) => {
      parseInput(EmptyBody, "body", request.body);
      return queue.claim(actorOf(request), id);
    });
    action(app, "release", (id, request) => {
      parseInput(EmptyBody, "body", request.body);
      return queue.release(actorOf(request), id);
    });
    action(app, "hand-back", (id, request) => {
      parseInput(EmptyBody, "body", request.body);
      return queue.handBack(actorOf(request), id);
    });
    action(app, "transfer", (id, request) => {
      const { to } = parseInput(TransferBody, "body", request.body);
      return queue.transfer(actorOf(request), id, to);
    });
    action(app, "resolve", (id, request) => {
      const { outcome } = parseInput(ResolveBody, "body", request.body);
      return queue.resolve(actorOf(request), id, outcome);
    });

    app.post(`${ESCALATIONS_PATH}/:id/translate`, { bodyLimit: BODY_LIMIT }, async (request) => {
      const { id } = parseInput(IdParams, "params", request.params);
      const { to } = parseInput(TranslateBody, "body", request.body);
      return { to, lines: await queue.translate(actorOf(request), id, to) };
    });

    app.post(`${ESCALATIONS_PATH}/:id/replies`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { id } = parseInput(IdParams, "params", request.params);
      const { text } = parseInput(ReplyBody, "body", request.body);
      await queue.reply(actorOf(request), id, text);
      return reply.code(202).send({ status: "accepted" });
    });

    app.get(`${ESCALATIONS_PATH}/:id/events`, async (request, reply) => {
      const { id } = parseInput(IdParams, "params", request.params);
      const stream = new EventStream<TranscriptLine>(keepAliveMs, "line");
      // Errors (not found, not the assignee) surface here, before the stream opens, as plain JSON.
      const unsubscribe = await queue.watch(actorOf(request), id, stream.send);
      streams.add(stream);
      stream.open(reply, unsubscribe, () => streams.delete(stream));
    });
  };
}
