import type { CaseRecord, CaseStatus } from "../domain/caseRecord.js";
import type { ConsentRecord } from "../domain/consent.js";
import type { RecordListFilter } from "./recordListFilter.js";
import type { RiskCategory, RiskLevel } from "../domain/risk.js";

export interface NewCase {
  /**
   * The caller's id, for idempotence: creating the same id again returns the first record (a turn
   * re-run after a crash). Without it the store picks one. Its short reference is derived from it.
   */
  readonly id?: string;
  readonly subjectId: string;
  readonly organisation: string;
  readonly conversationId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly riskLevel: RiskLevel;
  readonly riskCategories: readonly RiskCategory[];
  readonly consents: readonly ConsentRecord[];
  readonly createdBy: string;
}

/** Cases; each gets a UUID and a unique short reference (a rare collision is retried with a new UUID). */
export interface CaseStore {
  create(input: NewCase): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord | null>;
  /** Accepts what a person typed; returns null for an invalid or unknown reference. */
  /** One organisation's records, newest first. */
  list(query: RecordListFilter<CaseStatus>): Promise<CaseRecord[]>;
  findByShortRef(input: string): Promise<CaseRecord | null>;
  /** Merges `fields` into the record if it is still at `expectedVersion` (RECORD_VERSION_CONFLICT otherwise). */
  updateFields(id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<CaseRecord>;
  changeStatus(id: string, to: CaseStatus, by: string): Promise<CaseRecord>;
  addConsent(id: string, consent: ConsentRecord): Promise<CaseRecord>;
}
