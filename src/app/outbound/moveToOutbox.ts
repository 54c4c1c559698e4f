/**
 * Moves the replies a saved turn queued on its conversation into the outbox (the second half of
 * the transactional outbox, see ConversationStore.save). Enqueuing is idempotent: moving the same
 * replies twice (after a crash) stores them once.
 */
import type { Conversation } from "../../domain/conversation.js";
import type { OutboundMessage } from "../../ports/conversationStore.js";
import type { NewOutboxMessage } from "../../ports/outboxStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";

/** A reply queued on its conversation, as the outbox takes it. */
export function outboxMessageOf(conversation: Conversation, message: OutboundMessage, now: Date): NewOutboxMessage {
  return {
    id: message.id,
    channel: conversation.channel,
    channelUserId: conversation.channelUserId,
    conversationId: conversation.id,
    subjectId: conversation.subjectId,
    content: message.content,
    sequence: message.sequence,
    createdAt: now,
  };
}

/** Enqueues the replies and returns their ids; the caller drops them from the conversation later (the lease release does). */
export async function enqueueOutbound(deps: PipelineDeps, conversation: Conversation, outbound: readonly OutboundMessage[], now: Date): Promise<string[]> {
  if (outbound.length === 0) return [];
  await deps.stores.outbox.enqueue(outbound.map((m) => outboxMessageOf(conversation, m, now)));
  return outbound.map((m) => m.id);
}

/** Enqueues the replies, then drops them from the conversation at once. */
export async function moveToOutbox(deps: PipelineDeps, conversation: Conversation, outbound: readonly OutboundMessage[], now: Date): Promise<void> {
  const moved = await enqueueOutbound(deps, conversation, outbound, now);
  if (moved.length > 0) await deps.stores.conversations.clearPendingOutbound(conversation.id, moved);
}
