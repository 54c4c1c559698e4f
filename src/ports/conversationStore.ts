import type { Channel } from "../domain/channel.js";
import type { Conversation, ConversationChanges } from "../domain/conversation.js";

/** A message the bot will send, saved in the same atomic write as the state change that caused it. */
export interface OutboundMessage {
  /** Chosen by the caller (e.g. derived from the inbound message id) so re-running a turn is idempotent. */
  readonly id: string;
  /**
   * The order of delivery within the conversation: the saved version times 1000 plus the reply's
   * index. Clocks of different instances may disagree; versions only go up.
   */
  readonly sequence: number;
  /** Opaque channel-ready content (text, buttons…); stored through the field codec. */
  readonly content: unknown;
}

export interface NewConversation {
  readonly channel: Channel;
  readonly channelUserId: string;
  readonly language?: string | null;
  readonly expiresAt: Date;
}

/** What the inbound path needs of a conversation to file a message under it: no state, no channel id. */
export interface ConversationRef {
  readonly id: string;
  /** Whose data the message is (the key its personal fields are encoded under). */
  readonly subjectId: string;
}

/** A conversation as a save left it, with what is still queued on it. */
export interface SavedConversation extends Conversation {
  /**
   * The ids of every outbound message queued on the conversation after the save, oldest first: the
   * save's own, and any an earlier turn queued that has not been dropped yet (moved to the outbox,
   * or sent). The turn's caller sends its own replies directly only when nothing else waits here.
   */
  readonly queuedOutbound: readonly string[];
}

/**
 * Conversations, looked up by a keyed hash of (channel, channel user id). Saves are optimistic:
 * `save` names the version it read and throws ConversationVersionConflictError if it moved on.
 */
export interface ConversationStore {
  /** Finds the person's conversation or creates it; concurrent first messages get the same one. */
  findOrCreate(input: NewConversation): Promise<Conversation>;
  /**
   * As findOrCreate, but returns only the reference: finding an existing conversation reads two
   * fields instead of copying and decoding its whole dialog state (the receiver's lookup on every
   * inbound message).
   */
  findOrCreateRef(input: NewConversation): Promise<ConversationRef>;
  findByChannelUser(channel: Channel, channelUserId: string): Promise<Conversation | null>;
  get(id: string): Promise<Conversation | null>;
  /**
   * The conversation as stored now, given one read or saved earlier: `known` itself while the
   * stored version (and subject) are still its own, which costs a read of two fields instead of
   * copying and decoding the dialog state; otherwise as `get`. Every change to a conversation's
   * fields goes through a versioned save, so an unchanged version means an unchanged conversation.
   */
  current(known: Conversation): Promise<Conversation | null>;
  /**
   * Applies the changes if the stored version is still `current.version` (the one the caller read),
   * bumps the version, and queues `outbound` on the conversation in the same single-document write
   * (a transactional outbox without transactions); `OutboxStore.enqueue` then moves them to the
   * outbox (or the worker sends them and records them there as sent) and `clearPendingOutbound`
   * (or `releaseLease`) drops them. Throws CONVERSATION_VERSION_CONFLICT on a race. The result is
   * `current` with the changes applied, not a read of the stored document: only the queue is read
   * back.
   */
  save(current: Conversation, changes: ConversationChanges, outbound?: readonly OutboundMessage[]): Promise<SavedConversation>;
  /** The outbound messages queued on one conversation (empty when it is gone), oldest first. */
  pendingOutbound(id: string): Promise<OutboundMessage[]>;
  /** Conversations with queued outbound messages not yet moved to the outbox (after a crash). */
  listWithPendingOutbound(limit: number): Promise<{ conversation: Conversation; outbound: OutboundMessage[] }[]>;
  /** Drops queued outbound messages once the outbox holds them. */
  clearPendingOutbound(id: string, outboundIds: readonly string[]): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Takes the conversation's turn lease for `owner` if it is free, lapsed, or already `owner`'s.
   * Whoever holds it processes the conversation's inbox and delivers its outbox, in order; across
   * many app instances this is what keeps one person's messages in sequence. On a database this
   * process uses alone (`DocDatabase.exclusive`), leases are kept in memory: same rules, no writes.
   */
  acquireLease(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Conversations whose `timerAt` has come (reminders, expiry), soonest first. */
  listDueTimers(now: Date, limit: number): Promise<string[]>;
  /**
   * Gives the lease up; `movedOutbound` names queued outbound messages the outbox now holds, dropped
   * in the same write (a turn's bookkeeping costs one write instead of two).
   */
  releaseLease(id: string, owner: string, movedOutbound?: readonly string[]): Promise<void>;
}
