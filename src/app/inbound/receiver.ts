/**
 * The inbound sink every channel adapter hands messages to: persist first (deduplicated on the
 * channel's message id), then let the adapter acknowledge, then process in the background.
 */
import type { DeliveryStatus, InboundEnvelope, InboundSink } from "../../ports/channelPort.js";
import { CONVERSATION_TTL_MS, type PipelineDeps } from "../pipelineDeps.js";
import type { ConversationWorker } from "./conversationWorker.js";
import type { StoredPayload } from "./storedPayload.js";

export class Receiver implements InboundSink {
  constructor(
    private readonly deps: PipelineDeps,
    private readonly worker: ConversationWorker,
  ) {}

  async receive(envelope: InboundEnvelope, options: { readonly awaitTurn?: boolean } = {}): Promise<"stored" | "duplicate"> {
    const now = this.deps.clock.now();
    const conversation = await this.deps.stores.conversations.findOrCreateRef({
      channel: envelope.channel,
      channelUserId: envelope.channelUserId,
      expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS),
    });
    const payload: StoredPayload = { input: envelope.input, hints: { ...envelope.hints } };
    const recorded = await this.deps.stores.inbox.record({
      channel: envelope.channel,
      channelMessageId: envelope.channelMessageId,
      channelUserId: envelope.channelUserId,
      conversationId: conversation.id,
      subjectId: conversation.subjectId,
      payload,
      sentAt: envelope.sentAt,
      receivedAt: now,
    });
    if (recorded.duplicate) return "duplicate";
    // The person wrote: replies held for WhatsApp's closed window may go now.
    if (envelope.channel === "whatsapp") await this.deps.stores.outbox.releaseHeld(conversation.id, now);
    const turn = this.worker.kick(conversation.id);
    if (options.awaitTurn) await turn;
    return "stored";
  }

  async status(report: DeliveryStatus): Promise<void> {
    await this.deps.stores.outbox.recordStatus(report.channelMessageId, report.status, report.at, report.errorCode);
  }
}
