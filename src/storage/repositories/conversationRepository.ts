/**
 * Conversations, keyed by HMAC(channel, channel user id) as `_id`. The raw channel user id (needed
 * to reply) and the session state (it holds the answers given so far) go through the field codec.
 * Outbound messages are queued inside the conversation document by the same versioned write that
 * saves the state, so a crash can never persist one without the other.
 */
import { z } from "zod";
import { ChannelSchema, type Channel } from "../../domain/channel.js";
import type { Conversation, ConversationChanges } from "../../domain/conversation.js";
import type { Clock } from "../../ports/clock.js";
import type { ConversationRef, ConversationStore, NewConversation, OutboundMessage, SavedConversation } from "../../ports/conversationStore.js";
import type { DocDatabase, DocUpdate } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { ConversationVersionConflictError } from "../../ports/storeErrors.js";
import type { FieldCodec } from "../fieldCodec.js";
import { channelUserKey } from "./channelUserKey.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";
import { localLeasesOf, type LocalLeases } from "./localLeases.js";
import { versionedUpdate } from "./versionedUpdate.js";

const PendingSchema = z.object({ id: z.string(), sequence: z.number().default(0), content: z.unknown() });

const ConversationDocSchema = z.object({
  _id: z.string(),
  channel: ChannelSchema,
  channelUserId: z.unknown(),
  subjectId: z.string(),
  language: z.string().nullable(),
  dialogId: z.string().nullable(),
  dialogVersion: z.number().nullable(),
  state: z.unknown(),
  schemaVersion: z.number(),
  version: z.number(),
  lastInboundAt: z.date().nullable(),
  timerAt: z.date().nullable().default(null),
  expiresAt: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
  pendingOutbound: z.array(PendingSchema),
  lastInboxId: z.string().nullable().default(null),
});
type ConversationDoc = z.infer<typeof ConversationDocSchema>;
const IdSchema = z.object({ _id: z.string() });
const PendingOfSchema = z.object({ subjectId: z.string(), pendingOutbound: z.array(PendingSchema) });
const ProbeSchema = z.object({ version: z.number(), subjectId: z.string() });
const QueuedSchema = z.object({ pendingOutbound: z.array(z.object({ id: z.string() })) });
const RefSchema = z.object({ _id: z.string(), subjectId: z.string(), expiresAt: z.date() });

export interface ConversationRepositoryDeps {
  readonly db: DocDatabase;
  readonly codec: FieldCodec;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly hashSecret: string;
}

export class ConversationRepository implements ConversationStore {
  private readonly collection;
  /**
   * Turn leases, when this process is the database's only user: held here, since nobody else could
   * read them, instead of two writes per drain. Lost with the process, as a stored lease would
   * lapse.
   */
  private readonly localLeases: LocalLeases | undefined;

  constructor(private readonly deps: ConversationRepositoryDeps) {
    this.collection = deps.db.collection(COLLECTIONS.conversations);
    this.localLeases = deps.db.exclusive === true ? localLeasesOf(deps.db) : undefined;
  }

  async findOrCreate(input: NewConversation): Promise<Conversation> {
    const id = channelUserKey(this.deps.hashSecret, input.channel, input.channelUserId);
    const now = this.deps.clock.now();
    const found = await this.collection.findOne({ _id: id });
    if (found) {
      const existing = await this.toConversation(found);
      if (existing.expiresAt.getTime() > now.getTime()) return existing;
      // Expired but not yet removed by the TTL monitor: a new conversation starts.
      await this.collection.deleteOne({ _id: id, expiresAt: { $lte: now } });
    }
    const subjectId = this.deps.ids.uuid();
    const initial: Omit<ConversationDoc, "_id"> = {
      channel: input.channel,
      channelUserId: await this.deps.codec.encode(subjectId, input.channelUserId),
      subjectId,
      language: input.language ?? null,
      dialogId: null,
      dialogVersion: null,
      state: await this.deps.codec.encode(subjectId, null),
      schemaVersion: 0,
      version: 0,
      lastInboundAt: null,
      timerAt: null,
      expiresAt: input.expiresAt,
      createdAt: now,
      updatedAt: now,
      pendingOutbound: [],
      lastInboxId: null,
    };
    try {
      // $setOnInsert: if another instance created it meanwhile, theirs is kept and returned.
      const doc = await this.collection.findOneAndUpdate({ _id: id }, { $setOnInsert: initial }, { upsert: true, returnDocument: "after" });
      if (doc) return this.toConversation(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const raced = await this.get(id);
    if (!raced) throw new Error(`conversation ${id} vanished during creation`);
    return raced;
  }

  async findOrCreateRef(input: NewConversation): Promise<ConversationRef> {
    const id = channelUserKey(this.deps.hashSecret, input.channel, input.channelUserId);
    const found = await this.collection.findOne({ _id: id }, { projection: { subjectId: 1, expiresAt: 1 } });
    if (found) {
      const ref = parseStored(RefSchema, COLLECTIONS.conversations, found);
      if (ref.expiresAt.getTime() > this.deps.clock.now().getTime()) return { id: ref._id, subjectId: ref.subjectId };
    }
    // New, or expired and about to start afresh: the full path creates it.
    const created = await this.findOrCreate(input);
    return { id: created.id, subjectId: created.subjectId };
  }

  findByChannelUser(channel: Channel, channelUserId: string): Promise<Conversation | null> {
    return this.get(channelUserKey(this.deps.hashSecret, channel, channelUserId));
  }

  async get(id: string): Promise<Conversation | null> {
    const doc = await this.collection.findOne({ _id: id, expiresAt: { $gt: this.deps.clock.now() } });
    return doc ? this.toConversation(doc) : null;
  }

  async current(known: Conversation): Promise<Conversation | null> {
    const now = this.deps.clock.now();
    const probe = await this.collection.findOne({ _id: known.id, expiresAt: { $gt: now } }, { projection: { version: 1, subjectId: 1 } });
    if (!probe) return null;
    const stored = parseStored(ProbeSchema, COLLECTIONS.conversations, probe);
    // A conversation created afresh (after expiry or erasure) counts versions from 0 again, under a new subject.
    if (stored.version === known.version && stored.subjectId === known.subjectId) return known;
    return this.get(known.id);
  }

  async save(current: Conversation, changes: ConversationChanges, outbound: readonly OutboundMessage[] = []): Promise<SavedConversation> {
    const subjectId = current.subjectId;
    const updatedAt = this.deps.clock.now();
    const set: Record<string, unknown> = { updatedAt };
    for (const [field, value] of Object.entries(changes)) {
      if (value !== undefined) set[field] = field === "state" ? await this.deps.codec.encode(subjectId, value) : value;
    }
    const update: DocUpdate = { $set: set };
    if (outbound.length > 0) {
      const queued = await Promise.all(outbound.map(async (m) => ({ id: m.id, sequence: m.sequence, content: await this.deps.codec.encode(subjectId, m.content) })));
      update.$push = { pendingOutbound: { $each: queued } };
    }
    // Only the queue comes back: copying, parsing and decoding the whole state again would
    // return what the caller just wrote.
    const doc = await versionedUpdate(this.collection, COLLECTIONS.conversations, current.id, current.version, update, (conflictId, version) => new ConversationVersionConflictError(conflictId, version), { pendingOutbound: 1 });
    const queued = parseStored(QueuedSchema, COLLECTIONS.conversations, doc).pendingOutbound.map((m) => m.id);
    const applied = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as ConversationChanges;
    return { ...current, ...applied, version: current.version + 1, updatedAt, queuedOutbound: queued };
  }

  async pendingOutbound(id: string): Promise<OutboundMessage[]> {
    const doc = await this.collection.findOne({ _id: id }, { projection: { subjectId: 1, pendingOutbound: 1 } });
    if (!doc) return [];
    const parsed = parseStored(PendingOfSchema, COLLECTIONS.conversations, doc);
    return Promise.all(parsed.pendingOutbound.map(async (m) => ({ id: m.id, sequence: m.sequence, content: await this.deps.codec.decode(parsed.subjectId, m.content) })));
  }

  async listWithPendingOutbound(limit: number): Promise<{ conversation: Conversation; outbound: OutboundMessage[] }[]> {
    const docs = await this.collection.find({ "pendingOutbound.0": { $exists: true } }, { limit, sort: { updatedAt: 1 } }).toArray();
    return Promise.all(
      docs.map(async (raw) => {
        const doc = parseStored(ConversationDocSchema, COLLECTIONS.conversations, raw);
        const outbound = await Promise.all(doc.pendingOutbound.map(async (m) => ({ id: m.id, sequence: m.sequence, content: await this.deps.codec.decode(doc.subjectId, m.content) })));
        return { conversation: await this.fromDoc(doc), outbound };
      }),
    );
  }

  async clearPendingOutbound(id: string, outboundIds: readonly string[]): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $pull: { pendingOutbound: { id: { $in: [...outboundIds] } } } });
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }

  async listDueTimers(now: Date, limit: number): Promise<string[]> {
    const docs = await this.collection.find({ timerAt: { $lte: now } }, { sort: { timerAt: 1 }, limit }).toArray();
    return docs.flatMap((raw) => {
      const parsed = IdSchema.safeParse(raw);
      return parsed.success ? [parsed.data._id] : [];
    });
  }

  async acquireLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = this.deps.clock.now();
    if (this.localLeases) {
      // Only an existing conversation can be leased, as with a stored lease.
      if (!(await this.collection.findOne({ _id: id }, { projection: { _id: 1 } }))) return false;
      return this.localLeases.acquire(id, owner, now.getTime() + leaseMs, now.getTime());
    }
    const free = { $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: null }, { leaseUntil: { $lte: now } }, { leaseOwner: owner }] };
    // Only whether it matched: returning the document copied the whole dialog state for nothing.
    const taken = await this.collection.updateOne({ _id: id, ...free }, { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) } });
    return taken.matchedCount > 0;
  }

  async releaseLease(id: string, owner: string, movedOutbound: readonly string[] = []): Promise<void> {
    if (this.localLeases) {
      this.localLeases.release(id, owner);
      if (movedOutbound.length > 0) await this.clearPendingOutbound(id, movedOutbound);
      return;
    }
    const update: DocUpdate = { $set: { leaseOwner: null, leaseUntil: null } };
    if (movedOutbound.length > 0) update.$pull = { pendingOutbound: { id: { $in: [...movedOutbound] } } };
    await this.collection.updateOne({ _id: id, leaseOwner: owner }, update);
  }

  private toConversation(raw: unknown): Promise<Conversation> {
    return this.fromDoc(parseStored(ConversationDocSchema, COLLECTIONS.conversations, raw));
  }

  private async fromDoc(doc: ConversationDoc): Promise<Conversation> {
    const channelUserId = await this.deps.codec.decode(doc.subjectId, doc.channelUserId);
    return {
      id: doc._id,
      channel: doc.channel,
      channelUserId: typeof channelUserId === "string" ? channelUserId : "",
      subjectId: doc.subjectId,
      language: doc.language,
      dialogId: doc.dialogId,
      dialogVersion: doc.dialogVersion,
      state: await this.deps.codec.decode(doc.subjectId, doc.state),
      schemaVersion: doc.schemaVersion,
      version: doc.version,
      lastInboundAt: doc.lastInboundAt,
      timerAt: doc.timerAt,
      expiresAt: doc.expiresAt,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      lastInboxId: doc.lastInboxId,
    };
  }
}
