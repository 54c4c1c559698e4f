/**
 * The queue and the conversation pages, and the forms that act on an escalation. Every action calls
 * the QueueService use case (which checks the actor and audit-logs), then redirects back with a
 * message. A script sending a reply (`x-csrf-token`, Accept: application/json) gets 202 or an error
 * code instead of a redirect.
 *
 *   GET  /console                               the queue
 *   GET  /console/queue/rows                    the queue's table rows alone (live refresh)
 *   GET  /console/escalations/:id               the conversation
 *   POST /console/escalations/:id/claim | release | hand-back
 *   POST /console/escalations/:id/transfer      to=<colleague's username>
 *   POST /console/escalations/:id/resolve       outcome=resolved|referred|no_action_needed|duplicate
 *   POST /console/escalations/:id/reply         text=… or quick=<quick reply key>
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { QueueError, type Actor, type QueueItem } from "../../../app/queue/queueService.js";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { CONSOLE_LANGUAGES, parseLanguage } from "../i18n/consoleI18n.js";
import type { ConsoleI18n } from "../i18n/consoleI18n.js";
import { wantsJson } from "../pageGuard.js";
import { conversationPage, OUTCOMES, QUICK_REPLIES } from "../views/conversationPage.js";
import { queuePage, queueRows, type QueueRow } from "../views/queuePage.js";
import { errorCode, jsonStatus, type PageKit } from "./pageKit.js";

const QUEUE_SIZE = 100;
const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const Csrf = { [CSRF_FIELD]: z.string().max(200).optional() };
const EmptyForm = z.strictObject(Csrf).optional();
const TransferForm = z.strictObject({ ...Csrf, to: z.string().trim().min(1).max(64) });
const ResolveForm = z.strictObject({ ...Csrf, outcome: z.enum(OUTCOMES) });
/** Typed text, or a quick reply by key in the language the buttons were shown in. */
const ReplyForm = z
  .strictObject({ ...Csrf, text: z.string().trim().max(2000).optional(), quick: z.enum(QUICK_REPLIES).optional(), qlang: z.enum(CONSOLE_LANGUAGES).optional() })
  .refine((form) => form.quick !== undefined || (form.text ?? "") !== "");
const BODY_LIMIT = 16 * 1024;

export function escalationRoutes(kit: PageKit, i18n: ConsoleI18n) {
  const { deps } = kit;
  const rows = async (actor: Actor): Promise<QueueRow[]> => {
    const items = await deps.queue.list(actor, { limit: QUEUE_SIZE });
    const known = await kit.displayNames(items.map((item) => item.assignee));
    return items.map((item) => ({ item, assigneeName: item.assignee ? (known.get(item.assignee) ?? null) : null }));
  };
  const canAct = (request: FastifyRequest): boolean => kit.actor(request).role !== "admin";
  const conversationUrl = (id: string) => `/console/escalations/${id}`;

  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console", async (request, reply) => {
      const ctx = kit.context(request, reply);
      return kit.send(reply, queuePage(ctx, { rows: await rows(kit.actor(request)), now: new Date(), canAct: canAct(request) }));
    });

    app.get("/console/queue/rows", async (request, reply) => {
      const ctx = kit.context(request, reply);
      return kit.send(reply, queueRows(ctx, { rows: await rows(kit.actor(request)), now: new Date(), canAct: canAct(request) }));
    });

    app.get("/console/escalations/:id", async (request, reply) => {
      const { id } = kit.parse(IdParams, request.params);
      const handoff = await deps.queue.handoff(kit.actor(request), id);
      const ctx = kit.context(request, reply);
      const familyLanguage = parseLanguage(handoff.escalation.language?.split("-")[0]);
      return kit.send(
        reply,
        conversationPage(ctx, {
          handoff,
          now: new Date(),
          names: await kit.displayNames([handoff.escalation.assignee, ...handoff.transcript.map((line) => line.by)]),
          quick: familyLanguage ? i18n.translator(familyLanguage) : ctx.t,
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
      async (request, actor, id): Promise<QueueItem> => {
        const { to } = kit.parse(TransferForm, request.body);
        const colleague = await deps.users.findByUsername(to);
        // Someone else's organisation, a disabled account or a typo all read the same.
        if (!colleague || colleague.disabled || colleague.organisation !== actor.organisation) throw new QueueError("INVALID_INPUT", "no such colleague");
        return deps.queue.transfer(actor, id, colleague.id);
      },
      () => "/console",
      "transferred",
    );
    act(
      "reply",
      async (request, actor, id) => {
        const form = kit.parse(ReplyForm, request.body);
        const text = form.quick ? i18n.translator(form.qlang ?? kit.state(request).t.lang)(`quick.${form.quick}`) : (form.text ?? "");
        await deps.queue.reply(actor, id, text);
      },
      conversationUrl,
      "sent",
    );
  };
}
