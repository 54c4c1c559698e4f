/**
 * Family-tracing requests, with Primero field names: the inquirer and separation in `fields`, each
 * sought child as its own field record. Identifying fields pass through the field codec.
 */
import { z } from "zod";
import { TRACING_STATUSES, canChangeTracingStatus, type TracingRequest, type TracingStatus } from "../../domain/tracingRequest.js";
import type { ConsentRecord } from "../../domain/consent.js";
import { parseShortRef } from "../../domain/shortRef.js";
import type { NewTracingRequest, TracingRequestStore } from "../../ports/tracingRequestStore.js";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { InvalidTransitionError, RecordNotFoundError } from "../../ports/storeErrors.js";
import type { FieldCodec } from "../fieldCodec.js";
import { decodeRecordFields, encodeRecordFields } from "../identifyingFields.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";
import { insertWithShortRef, mergeFields, moveStatus } from "./recordWrites.js";
import { StoredConsentsSchema, StoredHistorySchema, StoredRecordFieldsSchema } from "./storedSchemas.js";

const TracingDocSchema = z.object({
  _id: z.string(),
  shortRef: z.string(),
  subjectId: z.string(),
  conversationId: z.string().nullable(),
  status: z.enum(TRACING_STATUSES),
  fields: StoredRecordFieldsSchema,
  soughtChildren: z.array(StoredRecordFieldsSchema),
  consents: StoredConsentsSchema,
  history: StoredHistorySchema,
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
type TracingDoc = z.infer<typeof TracingDocSchema>;

export class TracingRequestRepository implements TracingRequestStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.tracingRequests);
  }

  async create(input: NewTracingRequest): Promise<TracingRequest> {
    const now = this.deps.clock.now();
    const codec = this.deps.codec;
    const fields = await encodeRecordFields(codec, input.subjectId, input.fields);
    const soughtChildren = await Promise.all(input.soughtChildren.map((child) => encodeRecordFields(codec, input.subjectId, child)));
    const doc = await insertWithShortRef(this.collection, COLLECTIONS.tracingRequests, this.deps.ids, (id, shortRef): TracingDoc => ({
      _id: id,
      shortRef,
      subjectId: input.subjectId,
      conversationId: input.conversationId,
      status: "open",
      fields,
      soughtChildren,
      consents: [...input.consents],
      history: [{ from: null, to: "open", at: now, by: input.createdBy }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    }), input.id);
    return this.toRecord(doc);
  }

  async get(id: string): Promise<TracingRequest | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toRecord(doc) : null;
  }

  async findByShortRef(input: string): Promise<TracingRequest | null> {
    const shortRef = parseShortRef(input);
    if (shortRef === undefined) return null;
    const doc = await this.collection.findOne({ shortRef });
    return doc ? this.toRecord(doc) : null;
  }

  async updateFields(id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<TracingRequest> {
    const current = await this.require(id);
    const encoded = await encodeRecordFields(this.deps.codec, current.subjectId, fields);
    return this.toRecord(await mergeFields(this.collection, COLLECTIONS.tracingRequests, id, expectedVersion, encoded, this.deps.clock.now()));
  }

  async changeStatus(id: string, to: TracingStatus, by: string): Promise<TracingRequest> {
    const current = await this.require(id);
    if (!canChangeTracingStatus(current.status, to)) throw new InvalidTransitionError(COLLECTIONS.tracingRequests, id, to);
    const change = { id, from: current.status, to, by, at: this.deps.clock.now(), version: current.version };
    return this.toRecord(await moveStatus(this.collection, COLLECTIONS.tracingRequests, change));
  }

  async addConsent(id: string, consent: ConsentRecord): Promise<TracingRequest> {
    const doc = await this.collection.findOneAndUpdate(
      { _id: id },
      { $push: { consents: consent }, $set: { updatedAt: this.deps.clock.now() }, $inc: { version: 1 } },
      { returnDocument: "after" },
    );
    if (!doc) throw new RecordNotFoundError(COLLECTIONS.tracingRequests, id);
    return this.toRecord(doc);
  }

  private async require(id: string): Promise<TracingRequest> {
    const current = await this.get(id);
    if (!current) throw new RecordNotFoundError(COLLECTIONS.tracingRequests, id);
    return current;
  }

  private async toRecord(raw: unknown): Promise<TracingRequest> {
    const { _id, fields, soughtChildren, ...doc } = parseStored(TracingDocSchema, COLLECTIONS.tracingRequests, raw);
    const codec = this.deps.codec;
    return {
      ...doc,
      id: _id,
      fields: await decodeRecordFields(codec, doc.subjectId, fields),
      soughtChildren: await Promise.all(soughtChildren.map((child) => decodeRecordFields(codec, doc.subjectId, child))),
    };
  }
}
