/**
 * Sends the replies a drain's turns saved on their conversation. The usual case (nothing else is
 * waiting to reach the person) sends them straight away, in order, and records them in the outbox
 * once, as sent: one outbox write per reply instead of an insert, a read and a "sent" update. When
 * something else waits (a reply held for a retry or WhatsApp's window, a caseworker's message,
 * replies an earlier drain left on the conversation) or a reply cannot go now, the replies take the
 * outbox's path, so they keep their place in the conversation's order.
 *
 * Runs under the conversation's lease, after the drain's turns. Crash safety is the outbox's: until
 * the lease release drops them, the replies stay queued on the conversation, and crash recovery
 * moves whatever is still there to the outbox, where one already recorded as sent is not sent again.
 * A reply sent just before a crash, before it was recorded, is sent twice; the same holds for a
 * queued reply sent just before its "sent" mark.
 */
import { withinReplyWindow, type Conversation } from "../../domain/conversation.js";
import type { OutboundMessage, SavedConversation } from "../../ports/conversationStore.js";
import type { OutboxMessage, SentOutboxMessage } from "../../ports/outboxStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";
import { deliverConversation, deliverOne, handleResult } from "./deliverConversation.js";
import { enqueueOutbound, outboxMessageOf } from "./moveToOutbox.js";

/** The replies one turn saved on its conversation, and the conversation as that save left it. */
export interface TurnReplies {
  readonly conversation: SavedConversation;
  readonly outbound: readonly OutboundMessage[];
}

interface Reply {
  readonly conversation: SavedConversation;
  readonly message: OutboundMessage;
}

/**
 * Delivers the turns' replies, oldest first, then anything else due; adds the ids of the replies
 * the outbox now holds (sent or queued) to `moved`, for the lease release to drop from the
 * conversation. `known`: the conversation as the drain's last turn left it (see deliverConversation).
 */
export async function deliverTurnReplies(deps: PipelineDeps, conversationId: string, turns: readonly TurnReplies[], moved: string[], known?: Conversation): Promise<void> {
  const replies: Reply[] = turns.flatMap((turn) => turn.outbound.map((message) => ({ conversation: turn.conversation, message })));
  const last = turns.at(-1)?.conversation;
  if (replies.length === 0 || !last) return deliverConversation(deps, conversationId, known);
  // Replies queued on the conversation that none of these turns made: an earlier drain's, left
  // there by a failure; they go first, through the outbox.
  const ours = new Set(replies.map((reply) => reply.message.id));
  const leftovers = last.queuedOutbound.some((id) => !ours.has(id));
  if (leftovers || (await mustQueue(deps, conversationId, replies))) {
    await queueAll(deps, conversationId, turns, leftovers ? { last, ours } : undefined, moved);
    return deliverConversation(deps, conversationId, known);
  }
  await sendDirectly(deps, conversationId, replies, moved, known);
}

/** True when WhatsApp's window is shut, or something else already waits for the person in the outbox. */
async function mustQueue(deps: PipelineDeps, conversationId: string, replies: readonly Reply[]): Promise<boolean> {
  const now = deps.clock.now();
  if (replies.some((reply) => !withinReplyWindow(reply.conversation, now))) return true;
  return deps.stores.outbox.hasUnsent(conversationId);
}

/**
 * Every reply to the outbox: these turns', and with `leftovers`, those an earlier drain left queued
 * on the conversation.
 */
async function queueAll(deps: PipelineDeps, conversationId: string, turns: readonly TurnReplies[], leftovers: { readonly last: SavedConversation; readonly ours: ReadonlySet<string> } | undefined, moved: string[]): Promise<void> {
  const now = deps.clock.now();
  for (const turn of turns) moved.push(...(await enqueueOutbound(deps, turn.conversation, turn.outbound, now)));
  if (!leftovers) return;
  const left = (await deps.stores.conversations.pendingOutbound(conversationId)).filter((message) => !leftovers.ours.has(message.id));
  moved.push(...(await enqueueOutbound(deps, leftovers.last, left, now)));
}

async function sendDirectly(deps: PipelineDeps, conversationId: string, replies: readonly Reply[], moved: string[], known?: Conversation): Promise<void> {
  // Each reply is recorded as soon as it went, while the next one goes: a crash can then send
  // again only the replies whose record was not yet on disk, as with the outbox's "sent" marks.
  const recording: Promise<string | undefined>[] = [];
  let failure: { readonly error: unknown } | undefined;
  // Settled at once (a store failure must not wait, unhandled, for the next send to finish).
  const record = (message: SentOutboxMessage): void =>
    void recording.push(
      deps.stores.outbox.recordSent([message]).then(
        () => message.id,
        (error: unknown) => void (failure ??= { error }),
      ),
    );
  try {
    for (let i = 0; i < replies.length; i++) {
      const reply = replies[i] as Reply;
      const message = asQueued(reply, deps.clock.now());
      const result = await deliverOne(deps, message);
      if (result.status === "sent") {
        record({ ...message, channelMessageId: result.channelMessageId, sentAt: deps.clock.now() });
        continue;
      }
      // This reply and the ones after it wait in the outbox, in order, as if queued all along.
      for (const rest of replies.slice(i)) moved.push(...(await enqueueOutbound(deps, rest.conversation, [rest.message], message.createdAt)));
      if ((await handleResult(deps, conversationId, message, result)) === "next") await deliverConversation(deps, conversationId, known);
      return;
    }
  } finally {
    // Also when queueing the rest failed: the lease release drops only what the outbox holds.
    for (const id of await Promise.all(recording)) if (id !== undefined) moved.push(id);
    // The drain fails as any store failure fails it; what was not recorded stays queued on the
    // conversation for crash recovery.
    if (failure) throw failure.error;
  }
}

/** The reply as the outbox would hold it before its first attempt. */
function asQueued({ conversation, message }: Reply, now: Date): OutboxMessage {
  return { ...outboxMessageOf(conversation, message, now), status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null, channelMessageId: null, lastError: null, sentAt: null };
}
