import type { Channel } from "../domain/channel.js";

export interface InboundRecord {
  readonly channel: Channel;
  readonly channelMessageId: string;
  readonly channelUserId: string;
  /** The conversation it belongs to: its messages are processed one at a time, in `sentAt` order. */
  readonly conversationId: string;
  readonly subjectId: string;
  /** When the person sent it, per the channel. */
  readonly sentAt: Date;
  /** The normalised inbound message (text, choice, media reference…); stored through the field codec. */
  readonly payload: unknown;
  readonly receivedAt: Date;
}

export interface InboxMessage extends InboundRecord {
  readonly id: string;
  readonly status: "received" | "processed";
  readonly processedAt: Date | null;
}

/**
 * Every inbound message is persisted here before the channel is acknowledged. A redelivery of the
 * same (channel, channel message id) is reported as a duplicate and must be dropped.
 */
export interface InboxStore {
  record(message: InboundRecord): Promise<{ duplicate: false; message: InboxMessage } | { duplicate: true }>;
  /** Marks it processed; it expires after the retention (7 days covers WhatsApp redeliveries). */
  markProcessed(id: string, at: Date): Promise<void>;
  /** Received but never processed (the process stopped mid-turn): oldest first, to re-run. */
  listUnprocessed(limit: number): Promise<InboxMessage[]>;
  /** One conversation's unprocessed messages, in the order the person sent them. */
  listUnprocessedFor(conversationId: string, limit: number): Promise<InboxMessage[]>;
  /** Erasure: every message of a conversation, processed or not. */
  deleteForConversation(conversationId: string): Promise<number>;
}
