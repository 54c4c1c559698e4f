/**
 * The queue and the conversation pages, and the forms that act on an escalation. Every action calls
 * the QueueService use case (which checks the actor and audit-logs), then redirects back with a
 * message. A script sending a reply (`x-csrf-token`, Accept: application/json) gets 202 or an error
 * code instead of a redirect.
 *
 *   GET  /console                 ?skip         the queue, 50 rows to a page
 *   GET  /console/queue/rows      ?skip         the same page's live part alone (counts, rows, paging)
 *   GET  /console/escalations/:id   ?translate=1  the conversation (with a machine translation into the console's language)
 *   POST /console/escalations/:id/claim | release | hand-back
 *   POST /console/escalations/:id/transfer      to=<colleague's user id>
 *   POST /console/escalations/:id/resolve       outcome=resolved|referred|no_action_needed|duplicate
 *   POST /console/escalations/:id/reply         text=… or quick=<quick reply id> (sent in the family's language)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { transferTargets, type Colleague } from "../../../app/queue/colleagues.js";
import type { Actor } from "../../../app/queue/queueService.js";
import { QUICK_REPLIES } from "../../../app/queue/quickReplies.js";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { wantsJson } from "../pageGuard.js";
import { conversationPage, OUTCOMES, type TranslationView } from "../views/conversationPage.js";
import { quickReplyView } from "../views/quickReplies.js";
import { queueLive, queuePage, type QueueView } from "../views/queuePage.js";
import { errorCode, jsonStatus, type PageKit } from "./pageKit.js";

const QUEUE_PAGE = 50;
const QueueQuery = z.strictObject({ skip: z.coerce.number().int().min(0).max(100_000).default(0) });
const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const ConversationQuery = z.strictObject({ translate: z.literal("1").optional() });
const Csrf = { [CSRF_FIELD]: z.string().max(200).optional() };
const EmptyForm = z.strictObject(Csrf).optional();
const TransferForm = z.strictObject({ ...Csrf, to: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const ResolveForm = z.strictObject({ ...Csrf, outcome: z.enum(OUTCOMES) });
/** Typed text, or a quick reply by id (the server words it for the family). */
const ReplyForm = z
  .strictObject({ ...Csrf, text: z.string().trim().max(2000).optional(), quick: z.enum(QUICK_REPLIES).optional() })
  .refine((form) => form.quick !== undefined || (form.text ?? "") !== "");
const BODY_LIMIT = 16 * 1024;

export function escalationRoutes(kit: PageKit) {
  const { deps } = kit;
  const colleagues = (request: FastifyRequest): Promise<Colleague[]> => transferTargets(deps.users, kit.actor(request), new Intl.Collator(kit.state(request).t.lang));
  /** One page of the queue with everything its view shows. */
  const queueView = async (request: FastifyRequest): Promise<QueueView> => {
    const { skip } = kit.parse(QueueQuery, request.query);
    const actor = kit.actor(request);
    const canAct = actor.role !== "admin";
    const [items, count, people] = await Promise.all([deps.queue.list(actor, { limit: QUEUE_PAGE, skip }), deps.queue.count(actor), canAct ? colleagues(request) : []]);
    const known = await kit.displayNames(items.map((item) => item.assignee));
    const rows = items.map((item) => ({ item, assigneeName: item.assignee ? (known.get(item.assignee) ?? null) : null }));
    return { rows, now: new Date(), canAct, colleagues: people, page: { skip, limit: QUEUE_PAGE }, count };
  };
  const conversationUrl = (id: string) => `/console/escalations/${id}`;
  /** The transcript's translation when asked for; a failing model leaves the page as it was, with a note. */
  const translation = async (request: FastifyRequest, id: string, to: string, wanted: boolean): Promise<TranslationView> => {
    if (!wanted) return { available: true };
    try {
      const lines = await deps.queue.translate(kit.actor(request), id, to);
      return { available: true, lines: new Map(lines.flatMap((line) => (line.translation === null ? [] : [[`${line.at}|${line.text}`, line.translation] as const]))), to };
    } catch (error) {
      if (errorCode(error) !== "TRANSLATION_UNAVAILABLE") throw error;
      return { available: true, failed: true };
    }
  };

  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console", async (request, reply) => {
      const view = await queueView(request);
      return kit.send(reply, queuePage(kit.context(request, reply), view));
    });

    app.get("/console/queue/rows", async (request, reply) => {
      const view = await queueView(request);
      return kit.send(reply, queueLive(kit.context(request, reply), view));
    });

    app.get("/console/escalations/:id", async (request, reply) => {
      const { id } = kit.parse(IdParams, request.params);
      const { translate } = kit.parse(ConversationQuery, request.query);
      const handoff = await deps.queue.handoff(kit.actor(request), id);
      const ctx = kit.context(request, reply);
      return kit.send(
        reply,
        conversationPage(ctx, {
          handoff,
          translation: deps.translation === true ? await translation(request, id, ctx.t.lang, translate === "1") : { available: false },
          now: new Date(),
          names: await kit.displayNames([handoff.escalation.assignee, ...handoff.transcript.map((line) => line.by)]),
          quick: deps.quickReplies ? quickReplyView(deps.quickReplies, handoff.recipient, ctx.t.lang) : { lang: handoff.recipient.language, replies: [] },
          colleagues: await colleagues(request),
        }),
      );
    });

    /** Runs an action and answers a page (redirect with a message) or a script (status + code). */
    const act = (name: string, run: (request: FastifyRequest, actor: Actor, id: string) => Promise<unknown>, back: (id: string, succeeded: boolean) => string, ok: string) => {
      app.post(`/console/escalations/:id/${name}`, { bodyLimit: BODY_LIMIT }, async (request, reply: FastifyReply) => {
        const { id } = kit.parse(IdParams, request.params);
        try {
          await run(request, kit.actor(request), id);
        } catch (error) {
          if (wantsJson(request)) return reply.code(jsonStatus(errorCode(error))).send({ error: errorCode(error) });
          return kit.done(reply, back(id, false), { error });
        }
        if (wantsJson(request)) return reply.code(202).send({ status: "accepted" });
        return kit.done(reply, back(id, true), { ok });
      });
    };

    // A claim that lost (someone else was faster) goes back to the queue, which shows who has it.
    act("claim", (request, actor, id) => (kit.parse(EmptyForm, request.body), deps.queue.claim(actor, id)), (id, succeeded) => (succeeded ? conversationUrl(id) : "/console"), "claimed");
    act("release", (request, actor, id) => (kit.parse(EmptyForm, request.body), deps.queue.release(actor, id)), () => "/console", "released");
    act("hand-back", (request, actor, id) => (kit.parse(EmptyForm, request.body), deps.queue.handBack(actor, id)), () => "/console", "handedBack");
    act("resolve", (request, actor, id) => deps.queue.resolve(actor, id, kit.parse(ResolveForm, request.body).outcome), () => "/console", "resolved");
    act(
      "transfer",
      // The use case checks the colleague again: another organisation, a disabled account or an admin all read INVALID_INPUT.
      (request, actor, id) => deps.queue.transfer(actor, id, kit.parse(TransferForm, request.body).to),
      () => "/console",
      "transferred",
    );
    act(
      "reply",
      async (request, actor, id) => {
        const form = kit.parse(ReplyForm, request.body);
        await (form.quick ? deps.queue.replyQuick(actor, id, form.quick) : deps.queue.reply(actor, id, form.text ?? ""));
      },
      conversationUrl,
      "sent",
    );
  };
}
