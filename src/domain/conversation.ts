/**
 * A conversation: one person on one channel, the dialog they are in, and the engine's session state.
 * The session state is opaque here (`unknown`): the dialog engine owns its schema, stamps
 * `schemaVersion`, and validates and migrates it on load.
 *
 * `version` supports optimistic concurrency: a save names the version it read, and fails with
 * CONVERSATION_VERSION_CONFLICT if someone else saved in between.
 * `lastInboundAt` drives WhatsApp's 24-hour window for free-form replies.
 *
 * Example: `{ id: "5b0e…", channel: "whatsapp", language: "ar", dialogId: "intake",
 *   dialogVersion: 3, state: {...}, schemaVersion: 1, version: 7, ... }`.
 */
import type { Channel } from "./channel.js";

export interface Conversation {
  readonly id: string;
  readonly channel: Channel;
  /** The channel's id for the person (chat id, phone number): identifying, stored encoded. */
  readonly channelUserId: string;
  /** The person whose data this is: the key a later issue encrypts with, and shreds on erasure. */
  readonly subjectId: string;
  readonly language: string | null;
  readonly dialogId: string | null;
  readonly dialogVersion: number | null;
  readonly state: unknown;
  readonly schemaVersion: number;
  readonly version: number;
  readonly lastInboundAt: Date | null;
  /** When the dialog next needs the clock (a reminder after a pause, expiry); null when nothing waits. */
  readonly timerAt: Date | null;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The inbox message whose turn was saved last: a message is never run twice (after a crash between save and marking it processed). */
  readonly lastInboxId?: string | null;
}

/** What a save may change; identity fields (channel, user, subject) never change. */
export interface ConversationChanges {
  readonly language?: string | null;
  readonly dialogId?: string | null;
  readonly dialogVersion?: number | null;
  readonly state?: unknown;
  readonly schemaVersion?: number;
  readonly lastInboundAt?: Date | null;
  readonly timerAt?: Date | null;
  readonly expiresAt?: Date;
  readonly lastInboxId?: string;
}

/** WhatsApp only allows free-form replies within 24 hours of the person's last message. */
export const WHATSAPP_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export function withinReplyWindow(conversation: Conversation, now: Date): boolean {
  if (conversation.channel !== "whatsapp") return true;
  if (conversation.lastInboundAt === null) return false;
  return now.getTime() - conversation.lastInboundAt.getTime() < WHATSAPP_REPLY_WINDOW_MS;
}
