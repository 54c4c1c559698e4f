/**
 * Cases, with Primero field names. Identifying fields pass through the field codec under the
 * case's subject; lookups by short reference accept what a person typed.
 */
import { z } from "zod";
import { CASE_STATUSES, canChangeCaseStatus, type CaseRecord, type CaseStatus } from "../../domain/caseRecord.js";
import type { ConsentRecord } from "../../domain/consent.js";
import { RiskCategorySchema, RiskLevelSchema } from "../../domain/risk.js";
import { parseShortRef } from "../../domain/shortRef.js";
import type { CaseStore, NewCase } from "../../ports/caseStore.js";
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

const CaseDocSchema = z.object({
  _id: z.string(),
  shortRef: z.string(),
  subjectId: z.string(),
  conversationId: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  fields: StoredRecordFieldsSchema,
  riskLevel: RiskLevelSchema,
  riskCategories: z.array(RiskCategorySchema),
  consents: StoredConsentsSchema,
  history: StoredHistorySchema,
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
type CaseDoc = z.infer<typeof CaseDocSchema>;

export class CaseRepository implements CaseStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly codec: FieldCodec; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.cases);
  }

  async create(input: NewCase): Promise<CaseRecord> {
    const now = this.deps.clock.now();
    const fields = await encodeRecordFields(this.deps.codec, input.subjectId, input.fields);
    const doc = await insertWithShortRef(this.collection, COLLECTIONS.cases, this.deps.ids, (id, shortRef): CaseDoc => ({
      _id: id,
      shortRef,
      subjectId: input.subjectId,
      conversationId: input.conversationId,
      status: "open",
      fields,
      riskLevel: input.riskLevel,
      riskCategories: [...input.riskCategories],
      consents: [...input.consents],
      history: [{ from: null, to: "open", at: now, by: input.createdBy }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    }), input.id);
    return this.toRecord(doc);
  }

  async get(id: string): Promise<CaseRecord | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toRecord(doc) : null;
  }

  async findByShortRef(input: string): Promise<CaseRecord | null> {
    const shortRef = parseShortRef(input);
    if (shortRef === undefined) return null;
    const doc = await this.collection.findOne({ shortRef });
    return doc ? this.toRecord(doc) : null;
  }

  async updateFields(id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<CaseRecord> {
    const current = await this.require(id);
    const encoded = await encodeRecordFields(this.deps.codec, current.subjectId, fields);
    return this.toRecord(await mergeFields(this.collection, COLLECTIONS.cases, id, expectedVersion, encoded, this.deps.clock.now()));
  }

  async changeStatus(id: string, to: CaseStatus, by: string): Promise<CaseRecord> {
    const current = await this.require(id);
    if (!canChangeCaseStatus(current.status, to)) throw new InvalidTransitionError(COLLECTIONS.cases, id, to);
    const change = { id, from: current.status, to, by, at: this.deps.clock.now(), version: current.version };
    return this.toRecord(await moveStatus(this.collection, COLLECTIONS.cases, change));
  }

  async addConsent(id: string, consent: ConsentRecord): Promise<CaseRecord> {
    const doc = await this.collection.findOneAndUpdate(
      { _id: id },
      { $push: { consents: consent }, $set: { updatedAt: this.deps.clock.now() }, $inc: { version: 1 } },
      { returnDocument: "after" },
    );
    if (!doc) throw new RecordNotFoundError(COLLECTIONS.cases, id);
    return this.toRecord(doc);
  }

  private async require(id: string): Promise<CaseRecord> {
    const current = await this.get(id);
    if (!current) throw new RecordNotFoundError(COLLECTIONS.cases, id);
    return current;
  }

  private async toRecord(raw: unknown): Promise<CaseRecord> {
    const { _id, fields, ...doc } = parseStored(CaseDocSchema, COLLECTIONS.cases, raw);
    return { ...doc, id: _id, fields: await decodeRecordFields(this.deps.codec, doc.subjectId, fields) };
  }
}
