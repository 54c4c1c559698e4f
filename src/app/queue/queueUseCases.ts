/**
 * The caseworker queue's use cases (QueueService): list, pick up with a handoff summary, claim,
 * release, transfer, resolve, hand back to the bot, reply through the family's channel, watch live.
 * Every read of a conversation and every change is audit-logged: who, what, when — ids and codes only.
 */
import { repeatQuestion, nextTimerAt } from "../../dialog/engine/step.js";
import { parseSession } from "../../dialog/engine/session.js";
import { CLAIMABLE_STATUSES, type Escalation, type EscalationStatus } from "../../domain/escalation.js";
import { isKinlinkError } from "../../domain/errors.js";
import type { ConversationWorker } from "../inbound/conversationWorker.js";
import { renderReplies } from "../conversation/runTurn.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import type { LiveBus } from "./liveBus.js";
import { isLlmError } from "../../llm/llmError.js";
import type { TextTranslator } from "../../llm/llmTranslator.js";
import { QueueError, type Actor, type Handoff, type QueueCount, type QueueItem, type QueueOutcome, type QueueService, type TranscriptLine, type TranslatedLine } from "./queueService.js";
import { canTakeOver } from "./colleagues.js";
import { quickReplyKey, type QuickReply } from "./quickReplies.js";
import { plainReply, sendToPerson } from "./sendToPerson.js";

const TRANSCRIPT_LINES = 200;
/** The queue shows what is waiting (claimable) and what is being handled. */
const LISTED: readonly EscalationStatus[] = [...CLAIMABLE_STATUSES, "claimed"];
/** How many conversations one caseworker holds at once, unless the deployment says otherwise. */
export const DEFAULT_CAPACITY = 5;

export type QueueDeps = PipelineDeps & {
  readonly worker: ConversationWorker;
  readonly live: LiveBus;
  readonly capacity?: number;
  /** Translation for caseworkers, when the deployment turns the language model on. */
  readonly translator?: TextTranslator;
};

function translateError(error: unknown): never {
  if (isKinlinkError(error)) {
    if (error.code === "RECORD_NOT_FOUND") throw new QueueError("NOT_FOUND", "no such escalation");
    if (error.code === "ESCALATION_ALREADY_CLAIMED") throw new QueueError("ESCALATION_ALREADY_CLAIMED", "another caseworker has it");
    if (error.code === "INVALID_STATUS_TRANSITION") throw new QueueError("INVALID_STATUS_TRANSITION", "not possible in its current state");
  }
  throw error;
}

export class QueueUseCases implements QueueService {
  private readonly capacity: number;

  constructor(private readonly deps: QueueDeps) {
    this.capacity = deps.capacity ?? DEFAULT_CAPACITY;
  }

  private async audit(actor: Actor, action: string, escalation: Escalation, details: Record<string, string | number | boolean | null> = {}): Promise<void> {
    await this.deps.stores.auditLog.append({ actor: actor.userId, action, targetType: "escalation", targetId: escalation.id, details: { conversationId: escalation.conversationId, ...details } });
  }

  private async item(escalation: Escalation): Promise<QueueItem> {
    const conversation = await this.deps.stores.conversations.get(escalation.conversationId);
    return {
      id: escalation.id,
      status: escalation.status,
      riskLevel: escalation.riskLevel,
      riskCategories: escalation.riskCategories,
      reasons: escalation.reasons,
      priority: escalation.priority,
      assignee: escalation.assignee,
      slaDueAt: escalation.slaDueAt.toISOString(),
      slaBreached: escalation.status !== "claimed" && escalation.slaDueAt.getTime() <= this.deps.clock.now().getTime(),
      createdAt: escalation.createdAt.toISOString(),
      channel: conversation?.channel ?? null,
      language: conversation?.language ?? null,
    };
  }

  /** Another organisation's escalation is NOT_FOUND: its existence is not revealed. */
  private async require(actor: Actor, id: string): Promise<Escalation> {
    const escalation = await this.deps.stores.escalations.get(id);
    if (!escalation || escalation.organisation !== actor.organisation) throw new QueueError("NOT_FOUND", "no such escalation");
    return escalation;
  }

  /** Tells open queue pages of the escalation's organisation that something changed (ids only). */
  private changed(escalation: Escalation): void {
    this.deps.live.publishQueueChange(escalation.organisation);
  }

  /** The assignee, or a supervisor/admin, may act on a claimed conversation. */
  private requireHolder(actor: Actor, escalation: Escalation): void {
    if (escalation.status !== "claimed") throw new QueueError("INVALID_STATUS_TRANSITION", "claim it first");
    if (escalation.assignee !== actor.userId && actor.role === "caseworker") throw new QueueError("NOT_ASSIGNEE", "another caseworker has it");
  }

  async count(actor: Actor): Promise<QueueCount> {
    const [listed, waiting] = await Promise.all([this.deps.stores.escalations.countQueue(LISTED, actor.organisation), this.deps.stores.escalations.countQueue(CLAIMABLE_STATUSES, actor.organisation)]);
    return { listed, waiting };
  }

  async list(actor: Actor, page: { readonly limit: number; readonly skip?: number }): Promise<QueueItem[]> {
    const escalations = await this.deps.stores.escalations.listQueue({ organisation: actor.organisation, statuses: LISTED, limit: page.limit, ...(page.skip ? { skip: page.skip } : {}) });
    await this.deps.stores.auditLog.append({ actor: actor.userId, action: "queue.listed", targetType: "queue", targetId: "escalations", details: { count: escalations.length } });
    return Promise.all(escalations.map((e) => this.item(e)));
  }

  async translate(actor: Actor, escalationId: string, to: string): Promise<readonly TranslatedLine[]> {
    const escalation = await this.require(actor, escalationId);
    const translator = this.deps.translator;
    if (!translator) throw new QueueError("TRANSLATION_UNAVAILABLE", "translation is not enabled in this deployment");
    const transcript = await this.deps.stores.transcripts.list(escalation.conversationId, TRANSCRIPT_LINES);
    const lines = transcript.map((t) => ({ at: t.at.toISOString(), from: t.from, text: t.text, ...(t.by ? { by: t.by } : {}) }));
    // The caseworkers' own words, and markers such as "[photo]", are not sent to the model.
    const wanted = lines.flatMap((line, index) => (line.from !== "caseworker" && !/^\[[^\]]*\]$/.test(line.text) ? [index] : []));
    let translations: string[];
    try {
      translations = await translator.translate(wanted.map((index) => lines[index]?.text ?? ""), to);
    } catch (error) {
      this.deps.report?.("TRANSLATION_FAILED", { escalationId, code: isLlmError(error) ? error.code : "error" });
      throw new QueueError("TRANSLATION_UNAVAILABLE", "the translation service did not answer; try again");
    }
    const byIndex = new Map(wanted.map((index, i) => [index, translations[i] ?? null]));
    await this.audit(actor, "escalation.translated", escalation, { to, lines: wanted.length });
    return lines.map((line, index) => ({ ...line, translation: byIndex.get(index) ?? null }));
  }

  async handoff(actor: Actor, escalationId: string): Promise<Handoff> {
    const escalation = await this.require(actor, escalationId);
    const conversation = await this.deps.stores.conversations.get(escalation.conversationId);
    const session = conversation?.state ? parseSession(conversation.state) : undefined;
    const transcript = conversation ? await this.deps.stores.transcripts.list(conversation.id, TRANSCRIPT_LINES) : [];
    await this.audit(actor, "escalation.viewed", escalation);
    return {
      escalation: await this.item(escalation),
      answers: session?.record ?? {},
      flags: (session?.flags ?? []).map((f) => ({ rule: f.rule, category: f.category, level: f.level, disputed: f.disputed === true })),
      transcript: transcript.map((t) => ({ at: t.at.toISOString(), from: t.from, text: t.text, ...(t.by ? { by: t.by } : {}) })),
      // The same choice `say` makes when a reply goes out.
      recipient: { language: session?.lang ?? this.deps.content.deployment.default_language, audience: session?.audience ?? null },
    };
  }

  async claim(actor: Actor, escalationId: string): Promise<QueueItem> {
    // A caseworker holding as many chats as they can follow well takes no more; supervisors can transfer.
    if ((await this.deps.stores.escalations.countHeldBy(actor.userId)) >= this.capacity) throw new QueueError("AT_CAPACITY", "you already hold as many conversations as you can");
    await this.require(actor, escalationId);
    const escalation = await this.deps.stores.escalations.claim(escalationId, actor.userId).catch(translateError);
    this.changed(escalation);
    await this.audit(actor, "escalation.claimed", escalation, { riskLevel: escalation.riskLevel });
    await this.say(escalation, "bot", undefined, (lang, audience) => this.deps.content.translator.render("common:person.joined", lang, audience), { timerAt: null });
    return this.item(escalation);
  }

  async release(actor: Actor, escalationId: string): Promise<QueueItem> {
    await this.require(actor, escalationId);
    const escalation = await this.deps.stores.escalations.release(escalationId, actor.userId).catch(translateError);
    this.changed(escalation);
    await this.audit(actor, "escalation.released", escalation);
    return this.item(escalation);
  }

  async transfer(actor: Actor, escalationId: string, toUserId: string): Promise<QueueItem> {
    const current = await this.require(actor, escalationId);
    this.requireHolder(actor, current);
    const colleague = await this.deps.stores.users.get(toUserId);
    if (!colleague || !canTakeOver(colleague, actor.organisation)) throw new QueueError("INVALID_INPUT", "no such colleague");
    const escalation = await this.deps.stores.escalations.transfer(escalationId, current.assignee ?? "", toUserId, actor.userId).catch(translateError);
    this.changed(escalation);
    await this.audit(actor, "escalation.transferred", escalation, { to: toUserId });
    return this.item(escalation);
  }

  async resolve(actor: Actor, escalationId: string, outcome: QueueOutcome): Promise<QueueItem> {
    const current = await this.require(actor, escalationId);
    this.requireHolder(actor, current);
    const escalation = await this.deps.stores.escalations.resolve(escalationId, current.assignee ?? "").catch(translateError);
    this.changed(escalation);
    await this.audit(actor, "escalation.resolved", escalation, { outcome });
    return this.item(escalation);
  }

  async handBack(actor: Actor, escalationId: string): Promise<QueueItem> {
    const current = await this.require(actor, escalationId);
    this.requireHolder(actor, current);
    const escalation = await this.deps.stores.escalations.resolve(escalationId, current.assignee ?? "").catch(translateError);
    this.changed(escalation);
    await this.audit(actor, "escalation.handed_back", escalation);
    // The bot says so, then asks again where the dialog stood.
    await sendToPerson(this.deps, escalation.conversationId, `handback:${actor.userId}`, (_conversation, session) => {
      if (!session) return { replies: [], from: "bot" };
      const env = this.deps.content.engineEnv(this.deps.clock.now(), () => "");
      const again = repeatQuestion(this.deps.content.dialogs, session, env);
      const back = plainReply(this.deps, this.deps.content.translator.render("common:person.handback", session.lang, session.audience), session);
      return { replies: [back, ...renderReplies(this.deps.content, again)], from: "bot", changes: { timerAt: nextTimerAt(this.deps.content.dialogs, again.session) } };
    });
    void this.deps.worker.kick(escalation.conversationId);
    return this.item(escalation);
  }

  async reply(actor: Actor, escalationId: string, text: string): Promise<void> {
    const escalation = await this.require(actor, escalationId);
    this.requireHolder(actor, escalation);
    const trimmed = text.trim();
    if (trimmed === "" || [...trimmed].length > 2000) throw new QueueError("INVALID_INPUT", "a reply is 1 to 2000 characters");
    await this.say(escalation, "caseworker", actor.userId, () => trimmed);
    await this.audit(actor, "escalation.replied", escalation, { length: [...trimmed].length });
  }

  async replyQuick(actor: Actor, escalationId: string, quick: QuickReply): Promise<void> {
    const escalation = await this.require(actor, escalationId);
    this.requireHolder(actor, escalation);
    await this.say(escalation, "caseworker", actor.userId, (lang, audience) => this.deps.content.translator.render(quickReplyKey(quick), lang, audience));
    await this.audit(actor, "escalation.replied", escalation, { quick });
  }

  async watch(actor: Actor, escalationId: string, listener: (line: TranscriptLine) => void): Promise<() => void> {
    const escalation = await this.require(actor, escalationId);
    this.requireHolder(actor, escalation);
    await this.audit(actor, "escalation.watched", escalation);
    return this.deps.live.subscribe(escalation.conversationId, listener);
  }

  watchQueue(actor: Actor, listener: () => void): () => void {
    return this.deps.live.subscribeQueue(actor.organisation, listener);
  }

  private async say(escalation: Escalation, from: "bot" | "caseworker", by: string | undefined, text: (lang: string, audience: "child" | "adult" | undefined) => string, changes = {}): Promise<void> {
    const sent = await sendToPerson(this.deps, escalation.conversationId, `${from}:${by ?? "system"}`, (_c, session) => ({
      replies: [plainReply(this.deps, text(session?.lang ?? this.deps.content.deployment.default_language, session?.audience), session)],
      from,
      ...(by ? { by } : {}),
      changes,
    }));
    if (!sent) throw new QueueError("NOT_FOUND", "the conversation has ended or is busy; try again");
    void this.deps.worker.kick(escalation.conversationId);
  }
}

export function createQueueService(deps: QueueDeps): QueueService {
  return new QueueUseCases(deps);
}
