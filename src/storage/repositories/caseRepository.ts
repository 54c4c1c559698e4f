/**
 * Cases, with Primero field names. Identifying fields pass through the field codec under the
 * case's subject; lookups by short reference accept what a person typed.
 */
import { z } from "zod";
import { CASE_STATUSES, canChangeCaseStatus, type CaseRecord, type CaseStatus } from "../../domain/caseRecord.js";
import { RiskCategorySchema, RiskLevelSchema } from "../../domain/risk.js";
import type { CaseStore, NewCase } from "../../ports/caseStore.js";
import { decodeRecordFields, encodeRecordFields } from "../identifyingFields.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";
import { insertWithShortRef } from "./recordWrites.js";
import { RecordRepository, type RecordRepositoryDeps } from "./recordRepository.js";
import { StoredRecordBaseSchema } from "./storedSchemas.js";

const CaseDocSchema = StoredRecordBaseSchema.extend({
  status: z.enum(CASE_STATUSES),
  riskLevel: RiskLevelSchema,
  riskCategories: z.array(RiskCategorySchema),
});
type CaseDoc = z.infer<typeof CaseDocSchema>;

export class CaseRepository extends RecordRepository<CaseRecord, CaseStatus> implements CaseStore {
  constructor(deps: RecordRepositoryDeps) {
    super(deps, COLLECTIONS.cases);
  }

  protected canChangeStatus(from: CaseStatus, to: CaseStatus): boolean {
    return canChangeCaseStatus(from, to);
  }

  async create(input: NewCase): Promise<CaseRecord> {
    const now = this.deps.clock.now();
    const fields = await encodeRecordFields(this.deps.codec, input.subjectId, input.fields);
    const doc = await insertWithShortRef(this.collection, COLLECTIONS.cases, this.deps.ids, (id, shortRef): CaseDoc => ({
      ...this.openedDoc(id, shortRef, input, fields, now),
      riskLevel: input.riskLevel,
      riskCategories: [...input.riskCategories],
    }), input.id);
    return this.toRecord(doc);
  }

  protected async toRecord(raw: unknown): Promise<CaseRecord> {
    const { _id, fields, ...doc } = parseStored(CaseDocSchema, COLLECTIONS.cases, raw);
    return { ...doc, id: _id, fields: await decodeRecordFields(this.deps.codec, doc.subjectId, fields) };
  }
}
