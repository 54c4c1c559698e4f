import type { Channel } from "../domain/channel.js";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NewOutboxMessage {
  /** Idempotency key: enqueuing the same id twice stores it once. */
  readonly id: string;
  readonly channel: Channel;
  readonly channelUserId: string;
  readonly conversationId: string;
  readonly subjectId: string;
  readonly content: unknown;
  /** Delivery order within the conversation (see OutboundMessage.sequence); ties go by creation time. */
  readonly sequence?: number;
  readonly createdAt: Date;
}

/** A message already delivered by the time it reaches the outbox (a turn's reply sent straight away). */
export interface SentOutboxMessage extends NewOutboxMessage {
  readonly channelMessageId: string;
  readonly sentAt: Date;
}

export interface OutboxMessage extends NewOutboxMessage {
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly leaseUntil: Date | null;
  readonly channelMessageId: string | null;
  /** A stable error code from the channel adapter, never the channel's error text. */
  readonly lastError: string | null;
  readonly sentAt: Date | null;
}

/** Outbound messages, delivered by a sender with retries; many senders can share the collection. */
export interface OutboxStore {
  enqueue(messages: readonly NewOutboxMessage[]): Promise<void>;
  /** Leases up to `limit` due messages (pending and due, or a sender's lease ran out), oldest first. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  markSent(id: string, channelMessageId: string, at: Date): Promise<void>;
  /**
   * Records messages that were sent without passing through the queue, in one go, as `markSent`
   * leaves a queued one (so status reports find them by the channel's message id). Idempotent: a
   * message the outbox already holds (moved there meanwhile by crash recovery) is marked sent.
   */
  recordSent(messages: readonly SentOutboxMessage[]): Promise<void>;
  /** Whether the conversation has a message waiting: pending (due or held) or being sent. */
  hasUnsent(conversationId: string): Promise<boolean>;
  /** `retryAt` null gives up: the message is marked failed. */
  markFailed(id: string, errorCode: string, retryAt: Date | null): Promise<void>;
  get(id: string): Promise<OutboxMessage | null>;
  /**
   * A conversation's pending messages that are due, oldest first, up to the first one that is not
   * due yet (held for a retry or a closed window): its lease holder sends them in order, and a reply
   * queued after a held one never overtakes it.
   */
  listDueFor(conversationId: string, now: Date, limit: number): Promise<OutboxMessage[]>;
  /** Conversations with messages due, for the retry sweeper. */
  conversationsWithDue(now: Date, limit: number): Promise<string[]>;
  /** A failed attempt to retry at `retryAt` (counts the attempt). */
  markRetry(id: string, errorCode: string, retryAt: Date): Promise<void>;
  /** Makes a conversation's held messages (e.g. waiting for WhatsApp's window to reopen) due now. */
  releaseHeld(conversationId: string, now: Date): Promise<number>;
  /** Holds every pending message of a conversation until at least `until`, keeping their order. */
  postpone(conversationId: string, until: Date): Promise<void>;
  /** Records a channel's delivery report (delivered, read, failed) against the message it sent. */
  recordStatus(channelMessageId: string, status: "sent" | "delivered" | "read" | "failed", at: Date, errorCode?: string): Promise<void>;
}
