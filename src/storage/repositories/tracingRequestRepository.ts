/**
 * Family-tracing requests, with Primero field names: the inquirer and separation in `fields`, each
 * sought child as its own field record. Identifying fields pass through the field codec.
 */
import { z } from "zod";
import { TRACING_STATUSES, canChangeTracingStatus, type TracingRequest, type TracingStatus } from "../../domain/tracingRequest.js";
import type { NewTracingRequest, TracingRequestStore } from "../../ports/tracingRequestStore.js";
import { decodeRecordFields, encodeRecordFields } from "../identifyingFields.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";
import { insertWithShortRef } from "./recordWrites.js";
import { RecordRepository, type RecordRepositoryDeps } from "./recordRepository.js";
import { StoredRecordBaseSchema, StoredRecordFieldsSchema } from "./storedSchemas.js";

const TracingDocSchema = StoredRecordBaseSchema.extend({
  status: z.enum(TRACING_STATUSES),
  soughtChildren: z.array(StoredRecordFieldsSchema),
});
type TracingDoc = z.infer<typeof TracingDocSchema>;

export class TracingRequestRepository extends RecordRepository<TracingRequest, TracingStatus> implements TracingRequestStore {
  constructor(deps: RecordRepositoryDeps) {
    super(deps, COLLECTIONS.tracingRequests);
  }

  protected canChangeStatus(from: TracingStatus, to: TracingStatus): boolean {
    return canChangeTracingStatus(from, to);
  }

  async create(input: NewTracingRequest): Promise<TracingRequest> {
    const now = this.deps.clock.now();
    const codec = this.deps.codec;
    const fields = await encodeRecordFields(codec, input.subjectId, input.fields);
    const soughtChildren = await Promise.all(input.soughtChildren.map((child) => encodeRecordFields(codec, input.subjectId, child)));
    const doc = await insertWithShortRef(this.collection, COLLECTIONS.tracingRequests, this.deps.ids, (id, shortRef): TracingDoc => ({ ...this.openedDoc(id, shortRef, input, fields, now), soughtChildren }), input.id);
    return this.toRecord(doc);
  }

  protected async toRecord(raw: unknown): Promise<TracingRequest> {
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
