/**
 * The inbox: every inbound message, persisted before the channel is acknowledged. `_id` is
 * "<channel>:<channel message id>", so a redelivery collides on the primary key (code 11000) on
 * any backend and any number of instances, and is reported as a duplicate. Processed messages
 * expire after the retention (7 days covers WhatsApp's redelivery window); until then only what
 * deduplication and erasure need is kept (`_id`, the conversation, status and times): the payload,
 * the person's channel id and the ordering fields are dropped once processed (the transcript keeps
 * the words), which keeps both personal data and memory down. Processed entries written before
 * this kept more; nothing reads them but the `_id` lookup, so they need no migration.
 *
 * Order: channels give send times to the second (Telegram's `date`, WhatsApp's `timestamp`), and
 * some messages have none (a Telegram button press is stamped when it arrives, to the millisecond).
 * So messages are ordered by their send time truncated to the second, then by arrival: a button
 * pressed after a typed message in the same second must not overtake it.
 */
import { z } from "zod";
import { ChannelSchema } from "../../domain/channel.js";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { InboundRecord, InboxMessage, InboxStore } from "../../ports/inboxStore.js";
import type { FieldCodec } from "../fieldCodec.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

export const INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Fields only an unprocessed message needs (to be run, in order, and answered). */
const AFTER_PROCESSING_UNSET = { payload: "", channelUserId: "", channelMessageId: "", channel: "", subjectId: "", sentAt: "", receivedAt: "", orderAt: "" } as const;

const InboxDocSchema = z.object({
  _id: z.string(),
  channel: ChannelSchema,
  channelMessageId: z.string(),
  channelUserId: z.unknown().optional(),
  conversationId: z.string(),
  subjectId: z.string(),
  payload: z.unknown().optional(),
  sentAt: z.date(),
  receivedAt: z.date(),
  orderAt: z.date().optional(),
  status: z.enum(["received", "processed"]),
  processedAt: z.date().nullable(),
});

export class InboxRepository implements InboxStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock }) {
    this.collection = deps.db.collection(COLLECTIONS.inbox);
  }

  async record(message: InboundRecord): Promise<{ duplicate: false; message: InboxMessage } | { duplicate: true }> {
    const codec = this.deps.codec;
    const doc: z.infer<typeof InboxDocSchema> = {
      _id: `${message.channel}:${message.channelMessageId}`,
      channel: message.channel,
      channelMessageId: message.channelMessageId,
      channelUserId: await codec.encode(message.subjectId, message.channelUserId),
      conversationId: message.conversationId,
      subjectId: message.subjectId,
      payload: await codec.encode(message.subjectId, message.payload),
      sentAt: message.sentAt,
      receivedAt: message.receivedAt,
      orderAt: new Date(Math.floor(message.sentAt.getTime() / 1000) * 1000),
      status: "received",
      processedAt: null,
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) return { duplicate: true };
      throw error;
    }
    return { duplicate: false, message: { ...message, id: doc._id, status: "received", processedAt: null } };
  }

  async markProcessed(id: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      {
        $set: { status: "processed", processedAt: at, expiresAt: new Date(at.getTime() + INBOX_RETENTION_MS) },
        $unset: AFTER_PROCESSING_UNSET,
      },
    );
  }

  async listUnprocessed(limit: number): Promise<InboxMessage[]> {
    const docs = await this.collection.find({ status: "received" }, { sort: { receivedAt: 1 }, limit }).toArray();
    return Promise.all(docs.map((raw) => this.toMessage(raw)));
  }

  async listUnprocessedFor(conversationId: string, limit: number): Promise<InboxMessage[]> {
    const docs = await this.collection
      .find({ conversationId, status: "received" }, { sort: { orderAt: 1, receivedAt: 1 }, limit })
      .toArray();
    return Promise.all(docs.map((raw) => this.toMessage(raw)));
  }

  async deleteForConversation(conversationId: string): Promise<number> {
    const result = await this.collection.deleteMany({ conversationId });
    return result.deletedCount;
  }

  private async toMessage(raw: unknown): Promise<InboxMessage> {
    const doc = parseStored(InboxDocSchema, COLLECTIONS.inbox, raw);
    const channelUserId = await this.deps.codec.decode(doc.subjectId, doc.channelUserId);
    return {
      id: doc._id,
      channel: doc.channel,
      channelMessageId: doc.channelMessageId,
      channelUserId: typeof channelUserId === "string" ? channelUserId : "",
      conversationId: doc.conversationId,
      subjectId: doc.subjectId,
      payload: await this.deps.codec.decode(doc.subjectId, doc.payload),
      sentAt: doc.sentAt,
      receivedAt: doc.receivedAt,
      status: doc.status,
      processedAt: doc.processedAt,
    };
  }
}
