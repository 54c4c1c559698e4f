/**
 * Every index kinlink relies on, created at start-up (creating an existing identical index is a
 * no-op on both backends). Uniqueness that must hold across app instances lives here or in `_id`:
 *   conversations._id  = HMAC(channel, channel user id)   one conversation per person and channel
 *   inbox._id          = "<channel>:<channel message id>"  redeliveries are duplicates
 *   outbox._id         = the caller's message id           enqueuing twice stores once
 *   cases/tracing_requests.shortRef, users.username        unique indexes
 * Keeping those uniquenesses in `_id` lets the large collections be sharded on a hashed `_id`
 * (a unique secondary index would have to start with the shard key).
 */
import type { DocDatabase, DocIndexOptions, DocSort } from "../../ports/docCollection.js";
import { COLLECTIONS } from "./collectionNames.js";

interface IndexSpec {
  readonly collection: string;
  readonly keys: DocSort;
  readonly options?: DocIndexOptions;
}

/** TTL indexes use `expiresAt` with 0 seconds: each document carries its own expiry time. */
const ttl: DocIndexOptions = { expireAfterSeconds: 0 };

export const INDEXES: readonly IndexSpec[] = [
  { collection: COLLECTIONS.conversations, keys: { expiresAt: 1 }, options: ttl },
  { collection: COLLECTIONS.conversations, keys: { timerAt: 1 } },
  { collection: COLLECTIONS.inbox, keys: { expiresAt: 1 }, options: ttl },
  { collection: COLLECTIONS.inbox, keys: { status: 1, receivedAt: 1 } },
  { collection: COLLECTIONS.inbox, keys: { conversationId: 1, status: 1, sentAt: 1 } },
  { collection: COLLECTIONS.outbox, keys: { status: 1, nextAttemptAt: 1 } },
  { collection: COLLECTIONS.outbox, keys: { conversationId: 1 } },
  { collection: COLLECTIONS.outbox, keys: { channelMessageId: 1 } },
  { collection: COLLECTIONS.outbox, keys: { expiresAt: 1 }, options: ttl },
  { collection: COLLECTIONS.cases, keys: { shortRef: 1 }, options: { unique: true } },
  { collection: COLLECTIONS.cases, keys: { conversationId: 1 } },
  { collection: COLLECTIONS.cases, keys: { status: 1, createdAt: 1 } },
  { collection: COLLECTIONS.cases, keys: { organisation: 1, createdAt: -1 } },
  { collection: COLLECTIONS.tracingRequests, keys: { shortRef: 1 }, options: { unique: true } },
  { collection: COLLECTIONS.tracingRequests, keys: { conversationId: 1 } },
  { collection: COLLECTIONS.tracingRequests, keys: { status: 1, createdAt: 1 } },
  { collection: COLLECTIONS.tracingRequests, keys: { organisation: 1, createdAt: -1 } },
  { collection: COLLECTIONS.escalations, keys: { status: 1, priority: -1, createdAt: 1 } },
  { collection: COLLECTIONS.escalations, keys: { organisation: 1, status: 1, priority: -1, createdAt: 1 } },
  { collection: COLLECTIONS.escalations, keys: { conversationId: 1 } },
  // SLA breaches: the due ones among the unclaimed, without walking the whole queue.
  { collection: COLLECTIONS.escalations, keys: { status: 1, slaDueAt: 1 } },
  { collection: COLLECTIONS.users, keys: { username: 1 }, options: { unique: true } },
  { collection: COLLECTIONS.sessions, keys: { userId: 1 } },
  { collection: COLLECTIONS.sessions, keys: { expiresAt: 1 }, options: ttl },
  { collection: COLLECTIONS.auditLog, keys: { targetType: 1, targetId: 1, at: 1 } },
  { collection: COLLECTIONS.auditLog, keys: { at: 1 } },
  { collection: COLLECTIONS.auditLog, keys: { actor: 1, at: 1 } },
  { collection: COLLECTIONS.transcripts, keys: { conversationId: 1, seq: -1 } },
  { collection: COLLECTIONS.transcripts, keys: { expiresAt: 1 }, options: ttl },
  { collection: COLLECTIONS.matches, keys: { tracingRequestId: 1 } },
  { collection: COLLECTIONS.matches, keys: { caseId: 1 } },
];

export async function ensureIndexes(db: DocDatabase): Promise<void> {
  for (const spec of INDEXES) await db.collection(spec.collection).createIndex(spec.keys, spec.options);
}
