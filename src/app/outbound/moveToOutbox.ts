import type { Conversation } from "../../domain/conversation.js";
import type { OutboundMessage } from "../../ports/conversationStore.js";
import type { PipelineDeps } from "../pipelineDeps.js";

/** Moves the replies queued on the conversation to the outbox (idempotent), then clears them. */
export async function moveToOutbox(deps: PipelineDeps, conversation: Conversation, outbound: readonly OutboundMessage[], now: Date): Promise<void> {
  if (outbound.length === 0) return;
  await deps.stores.outbox.enqueue(
    outbound.map((m) => ({
      id: m.id,
      channel: conversation.channel,
      channelUserId: conversation.channelUserId,
      conversationId: conversation.id,
      subjectId: conversation.subjectId,
      content: m.content,
      sequence: m.sequence,
      createdAt: now,
    })),
  );
  await deps.stores.conversations.clearPendingOutbound(conversation.id, outbound.map((m) => m.id));
}
