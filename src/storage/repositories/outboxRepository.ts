/**
 * The outbox: outbound messages waiting for, or done with, delivery. `_id` is the caller's message
 * id, so moving a conversation's queued messages here twice (after a crash) stores them once.
 * Senders lease messages with one atomic findOneAndUpdate each, so several senders (on several
 * instances) never send the same message at the same time; a sender that dies lets its lease lapse.
 */
import { z } from "zod";
import { ChannelSchema } from "../../domain/channel.js";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase, DocUpdate } from "../../ports/docCollection.js";
import { OUTBOX_STATUSES, type NewOutboxMessage, type OutboxMessage, type OutboxStore, type SentOutboxMessage } from "../../ports/outboxStore.js";
import type { FieldCodec } from "../fieldCodec.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

/**
 * Sent and failed messages are kept this long, then expire. A sent message drops its content (the
 * transcript keeps the bot's words for caseworkers) and the person's channel id (status callbacks
 * find it by the channel's message id); a failed one keeps both, for support. Sent messages written
 * before kept the id and a null content: read the same.
 */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const OutboxDocSchema = z.object({
  _id: z.string(),
  channel: ChannelSchema,
  channelUserId: z.unknown().optional(),
  conversationId: z.string(),
  subjectId: z.string(),
  content: z.unknown().optional(),
  sequence: z.number().default(0),
  createdAt: z.date(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.date(),
  leaseUntil: z.date().nullable(),
  channelMessageId: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.date().nullable(),
});

const IdSchema = z.object({ _id: z.string() });

/** What every new outbox document holds, before its first attempt, whatever its status. */
function newDoc(message: NewOutboxMessage) {
  return {
    _id: message.id,
    channel: message.channel,
    conversationId: message.conversationId,
    subjectId: message.subjectId,
    sequence: message.sequence ?? 0,
    createdAt: message.createdAt,
    attempts: 0,
    nextAttemptAt: message.createdAt,
    leaseUntil: null,
    lastError: null,
  };
}

function sentUpdate(channelMessageId: string, at: Date): DocUpdate {
  return {
    $set: { status: "sent", channelMessageId, sentAt: at, leaseUntil: null, expiresAt: new Date(at.getTime() + OUTBOX_RETENTION_MS) },
    $unset: { content: "", channelUserId: "" },
  };
}
const ConversationIdSchema = z.object({ conversationId: z.string() });

export class OutboxRepository implements OutboxStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock }) {
    this.collection = deps.db.collection(COLLECTIONS.outbox);
  }

  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    await Promise.all(messages.map((message) => this.insert(message)));
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const claimed: OutboxMessage[] = [];
    const due = { $or: [{ status: "pending", nextAttemptAt: { $lte: now } }, { status: "sending", leaseUntil: { $lte: now } }] };
    while (claimed.length < limit) {
      const doc = await this.collection.findOneAndUpdate(
        due,
        { $set: { status: "sending", leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, returnDocument: "after" },
      );
      if (!doc) break;
      claimed.push(await this.toMessage(doc));
    }
    return claimed;
  }

  async markSent(id: string, channelMessageId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: id }, sentUpdate(channelMessageId, at));
  }

  async recordSent(messages: readonly SentOutboxMessage[]): Promise<void> {
    await Promise.all(messages.map((message) => this.insertSent(message)));
  }

  async hasUnsent(conversationId: string): Promise<boolean> {
    // A count on indexed fields only: the embedded store answers it from its index keys.
    return (await this.collection.countDocuments({ conversationId, status: { $in: ["pending", "sending"] } })) > 0;
  }

  async markFailed(id: string, errorCode: string, retryAt: Date | null): Promise<void> {
    const set =
      retryAt === null
        ? { status: "failed", lastError: errorCode, leaseUntil: null, expiresAt: new Date(this.deps.clock.now().getTime() + OUTBOX_RETENTION_MS) }
        : { status: "pending", lastError: errorCode, leaseUntil: null, nextAttemptAt: retryAt };
    await this.collection.updateOne({ _id: id }, { $set: set });
  }

  async get(id: string): Promise<OutboxMessage | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toMessage(doc) : null;
  }

  async listDueFor(conversationId: string, now: Date, limit: number): Promise<OutboxMessage[]> {
    const docs = await this.collection.find({ conversationId, status: "pending" }, { sort: { sequence: 1, createdAt: 1, _id: 1 }, limit }).toArray();
    const messages = await Promise.all(docs.map((raw) => this.toMessage(raw)));
    // Only up to the first one still waiting: a reply queued after a held one must not overtake it.
    const held = messages.findIndex((message) => message.nextAttemptAt.getTime() > now.getTime());
    return held === -1 ? messages : messages.slice(0, held);
  }

  async conversationsWithDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.collection.find({ status: "pending", nextAttemptAt: { $lte: now } }, { sort: { nextAttemptAt: 1 }, limit: limit * 4 }).toArray();
    const ids = new Set<string>();
    for (const raw of docs) {
      const parsed = ConversationIdSchema.safeParse(raw);
      if (parsed.success) ids.add(parsed.data.conversationId);
      if (ids.size >= limit) break;
    }
    return [...ids];
  }

  async markRetry(id: string, errorCode: string, retryAt: Date): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { status: "pending", lastError: errorCode, leaseUntil: null, nextAttemptAt: retryAt }, $inc: { attempts: 1 } });
  }

  async releaseHeld(conversationId: string, now: Date): Promise<number> {
    const held = await this.collection.find({ conversationId, status: "pending", nextAttemptAt: { $gt: now } }).toArray();
    for (const raw of held) {
      const parsed = IdSchema.safeParse(raw);
      if (parsed.success) await this.collection.updateOne({ _id: parsed.data._id }, { $set: { nextAttemptAt: now } });
    }
    return held.length;
  }

  async postpone(conversationId: string, until: Date): Promise<void> {
    const waiting = await this.collection.find({ conversationId, status: "pending", nextAttemptAt: { $lt: until } }).toArray();
    for (const raw of waiting) {
      const parsed = IdSchema.safeParse(raw);
      if (parsed.success) await this.collection.updateOne({ _id: parsed.data._id }, { $set: { nextAttemptAt: until } });
    }
  }

  async recordStatus(channelMessageId: string, status: "sent" | "delivered" | "read" | "failed", at: Date, errorCode?: string): Promise<void> {
    // Status callbacks arrive out of order: keep every report, never move a message back to pending.
    const report = { status, at, ...(errorCode ? { errorCode } : {}) };
    const set = status === "failed" ? { status: "failed", lastError: errorCode ?? "CHANNEL_FAILED" } : {};
    await this.collection.updateOne({ channelMessageId }, { $push: { deliveryReports: report }, ...(status === "failed" ? { $set: set } : {}) });
  }

  private async insert(message: NewOutboxMessage): Promise<void> {
    const codec = this.deps.codec;
    const doc: z.infer<typeof OutboxDocSchema> = {
      ...newDoc(message),
      channelUserId: await codec.encode(message.subjectId, message.channelUserId),
      content: await codec.encode(message.subjectId, message.content),
      status: "pending",
      channelMessageId: null,
      sentAt: null,
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The document `markSent` leaves, written once: no content, no channel id (see OUTBOX_RETENTION_MS). */
  private async insertSent(message: SentOutboxMessage): Promise<void> {
    const doc: Omit<z.infer<typeof OutboxDocSchema>, "channelUserId" | "content"> & { expiresAt: Date } = {
      ...newDoc(message),
      status: "sent",
      channelMessageId: message.channelMessageId,
      sentAt: message.sentAt,
      expiresAt: new Date(message.sentAt.getTime() + OUTBOX_RETENTION_MS),
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Queued meanwhile by crash recovery: it must not go out a second time.
      await this.collection.updateOne({ _id: message.id, status: { $in: ["pending", "sending"] } }, sentUpdate(message.channelMessageId, message.sentAt));
    }
  }

  private async toMessage(raw: unknown): Promise<OutboxMessage> {
    const doc = parseStored(OutboxDocSchema, COLLECTIONS.outbox, raw);
    const channelUserId = await this.deps.codec.decode(doc.subjectId, doc.channelUserId);
    const { _id, ...rest } = doc;
    return {
      ...rest,
      id: _id,
      channelUserId: typeof channelUserId === "string" ? channelUserId : "",
      content: await this.deps.codec.decode(doc.subjectId, doc.content),
    };
  }
}
