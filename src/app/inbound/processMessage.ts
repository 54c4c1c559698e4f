/**
 * Processes one inbox message under its conversation's lease: runs the turn, writes the records it
 * completed, saves the new state together with the replies and the message's id (one atomic write),
 * and marks the message processed; the worker then sends the replies (deliverTurnReplies). Every
 * step is safe to repeat: a crash anywhere means the message is taken up again and finds what was
 * already written; once its turn is saved (the conversation names it as `lastInboxId`) it is only
 * marked processed, never run a second time.
 */
import type { RecordCompletedEvent } from "../../dialog/events/index.js";
import type { Conversation } from "../../domain/conversation.js";
import { isKinlinkError } from "../../domain/errors.js";
import type { InboxMessage } from "../../ports/inboxStore.js";
import type { OutboundMessage, SavedConversation } from "../../ports/conversationStore.js";
import { nextTimerAt } from "../../dialog/engine/step.js";
import { runTurn, type TurnOutcome } from "../conversation/runTurn.js";
import { CONVERSATION_TTL_MS, type PipelineDeps } from "../pipelineDeps.js";
import { StoredPayloadSchema } from "./storedPayload.js";
import { turnUuids } from "./turnIds.js";
import { recordFromEvent } from "./recordFromEvent.js";
import { escalateTurn, raiseFromEvents } from "../queue/escalateTurn.js";
import { botLines, inputText, transcribe } from "../queue/transcribe.js";
import { withPerson } from "../queue/withPerson.js";
import type { Input } from "../../dialog/engine/input.js";
import type { Assessment } from "../../risk/assessment.js";
import { classifyWithLlm } from "../../risk/llm/classifyWithFallback.js";
import { enqueueOutbound } from "../outbound/moveToOutbox.js";
import type { TurnReplies } from "../outbound/deliverTurnReplies.js";

const MAX_ATTEMPTS = 5;

async function writeRecords(deps: PipelineDeps, conversation: Conversation, outcome: TurnOutcome, now: Date): Promise<"ok" | "collision"> {
  for (const event of outcome.events) {
    if (event.type !== "record_completed") continue;
    try {
      await createRecord(deps, conversation, event, now);
    } catch (error) {
      if (isKinlinkError(error) && error.code === "DUPLICATE_RECORD") return "collision";
      throw error;
    }
  }
  return "ok";
}

function createRecord(deps: PipelineDeps, conversation: Conversation, event: RecordCompletedEvent, now: Date): Promise<unknown> {
  const input = recordFromEvent(event, conversation, now, deps.content.deployment.organisation_id);
  return event.recordType === "case" ? deps.stores.cases.create(input.case) : deps.stores.tracingRequests.create(input.tracing);
}

/** `known`: the conversation as this worker last saw it, used when it has not changed since. */
async function loadConversation(deps: PipelineDeps, message: InboxMessage, known: Conversation | undefined): Promise<Conversation> {
  const conversations = deps.stores.conversations;
  const found = known?.id === message.conversationId ? await conversations.current(known) : await conversations.get(message.conversationId);
  if (found) return found;
  // Erased or expired since the message arrived: the person starts afresh.
  const expiresAt = new Date(deps.clock.now().getTime() + CONVERSATION_TTL_MS);
  return deps.stores.conversations.findOrCreate({ channel: message.channel, channelUserId: message.channelUserId, expiresAt });
}

export interface ProcessedMessage {
  /**
   * The turn's replies, saved on the conversation (`replies.conversation.queuedOutbound`) and not
   * yet in the outbox: the worker sends them after the drain's turns, or moves them to the outbox.
   */
  readonly replies?: TurnReplies;
  /**
   * The conversation as this turn saved (or found) it under the lease, when it still exists: the
   * delivery that follows in the same drain checks WhatsApp's window on it instead of reading it
   * again (only turns under the lease change `lastInboundAt`).
   */
  readonly conversation?: Conversation;
  /** The turn is done and the message may be shown as read (the worker sends one receipt for the latest). */
  readonly read?: true;
}

const NOTHING: ProcessedMessage = {};

/**
 * `known`: the conversation as this worker's previous turn left it, if it remembers it; the turn
 * starts from it when the stored version is still its own (the first attempt only: a conflict reads
 * the conversation afresh).
 */
export async function processMessage(deps: PipelineDeps, message: InboxMessage, known?: Conversation): Promise<ProcessedMessage> {
  const payload = StoredPayloadSchema.safeParse(message.payload);
  const now = deps.clock.now();
  if (!payload.success) {
    deps.report?.("INBOX_PAYLOAD_INVALID", { inboxId: message.id });
    await deps.stores.inbox.markProcessed(message.id, now);
    return NOTHING;
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const conversation = await loadConversation(deps, message, attempt === 0 ? known : undefined);
    if (conversation.lastInboxId === message.id) {
      await finish(deps, message, now);
      return { conversation, read: true };
    }
    if ((await deps.stores.escalations.activeFor(conversation.id))?.status === "claimed") {
      const saved = await withPerson(deps, conversation, message, payload.data.input, now);
      if (!saved) continue;
      await finish(deps, message, now);
      return { conversation: saved, read: true };
    }
    const input = payload.data.input;
    const assessment = await secondOpinion(deps, conversation, input);
    const suggested = conversation.state === null ? deps.suggestLanguage?.(payload.data.hints, input.type === "text" ? input.text : undefined, deps.content.languages) : undefined;
    const outcome = runTurn(deps.content, {
      state: conversation.state,
      input: payload.data.input,
      now,
      uuid: turnUuids(message.id, attempt),
      suggestedLanguage: suggested,
      startFlow: payload.data.hints.startPayload,
      assessment,
    });
    if ((await writeRecords(deps, conversation, outcome, now)) === "collision") continue;
    await escalateTurn(deps, conversation, raiseFromEvents(outcome.events));
    const outbound: OutboundMessage[] = outcome.replies.map((content, i) => ({ id: `${message.id}#${i}`, sequence: (conversation.version + 1) * 1000 + i, content }));
    let saved: SavedConversation;
    try {
      saved = await deps.stores.conversations.save(conversation, changesFor(deps, outcome, message, now), outbound);
    } catch (error) {
      if (isKinlinkError(error) && error.code === "CONVERSATION_VERSION_CONFLICT") continue;
      throw error;
    }
    if (outcome.events.some((e) => e.type === "erasure_requested")) {
      await enqueueOutbound(deps, saved, outbound, now);
      await erase(deps, saved);
      return NOTHING;
    }
    await afterSave(deps, saved, message, [{ from: "person", text: inputText(payload.data.input) }, ...botLines(outcome.replies)], now);
    return { replies: { conversation: saved, outbound }, conversation: saved, read: true };
  }
  deps.report?.("TURN_GAVE_UP", { inboxId: message.id, attempts: MAX_ATTEMPTS });
  return NOTHING;
}

/** With an LLM configured: the rules' assessment raised by the model's (never lowered; on failure, the rules'). */
async function secondOpinion(deps: PipelineDeps, conversation: Conversation, input: Input): Promise<Assessment | undefined> {
  if (!deps.llm || input.type !== "text" || input.text.trim().startsWith("/")) return undefined;
  const lang = conversation.language ?? deps.content.deployment.default_language;
  const rules = deps.content.classify(input.text, lang);
  // Already urgent: help contacts must not wait for a model, and less text leaves the deployment.
  if (rules.urgent) return rules;
  return classifyWithLlm(rules, deps.llm, { text: input.text, lang }, { onFailure: (code) => deps.report?.(code, { conversationId: conversation.id }) });
}

/**
 * The writes after the save, together (so that they share one journal flush rather than wait for
 * two): neither depends on the other. The replies are queued on the saved conversation, so if the
 * process dies before the worker sends them, the sweeper moves them to the outbox; the transcript
 * is written once either way, since a saved turn is never run again.
 */
async function afterSave(deps: PipelineDeps, saved: Conversation, message: InboxMessage, lines: Parameters<typeof transcribe>[2], now: Date): Promise<void> {
  await Promise.all([transcribe(deps, saved, lines, now), finish(deps, message, now)]);
}

async function finish(deps: PipelineDeps, message: InboxMessage, now: Date): Promise<void> {
  await deps.stores.inbox.markProcessed(message.id, now);
}

/**
 * Shows the person's message as read (WhatsApp's blue ticks), which also shows every earlier
 * message of the chat as read: the worker calls it once for the latest message a drain finished,
 * not once per message of a burst. A courtesy: never holds up or fails a turn.
 */
export function sendReadReceipt(deps: PipelineDeps, message: InboxMessage): void {
  void deps.senders.get(message.channel)?.markRead?.(message.channelMessageId).catch(() => undefined);
}

function changesFor(deps: PipelineDeps, outcome: TurnOutcome, message: InboxMessage, now: Date) {
  const { session } = outcome;
  return {
    timerAt: nextTimerAt(deps.content.dialogs, session),
    state: session,
    language: session.lang,
    dialogId: session.dialog === "" ? null : session.dialog,
    dialogVersion: session.dialog === "" ? null : session.dialogVersion,
    schemaVersion: session.schema,
    lastInboundAt: message.sentAt.getTime() > now.getTime() ? now : message.sentAt,
    expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS),
    lastInboxId: message.id,
  };
}

/**
 * "Stop and delete my data": the conversation and every message it sent us go. The goodbye already
 * in the outbox is still delivered; records already handed to caseworkers are kept (their erasure
 * goes through a caseworker, who may be protecting the child).
 */
async function erase(deps: PipelineDeps, conversation: Conversation): Promise<void> {
  await deps.stores.inbox.deleteForConversation(conversation.id);
  await deps.stores.transcripts.deleteForConversation(conversation.id);
  await deps.stores.conversations.delete(conversation.id);
}
