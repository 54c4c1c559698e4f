/**
 * A case: the registration of a child (case-management step 1), with Primero field names in
 * `fields` (see recordFields.ts), a UUID plus a short reference a family can quote, the provisional
 * risk, consent records and the status history.
 *
 * Example: `{ id: "0f8c…", shortRef: "7F3K-9QDZ", status: "open", fields: { name_first: "…",
 *   age: 9, protection_status: "separated" }, riskLevel: "medium", consents: [...], history: [...] }`.
 */
import type { ConsentRecord } from "./consent.js";
import type { RiskCategory, RiskLevel } from "./risk.js";
import type { StatusChange } from "./statusChange.js";

export const CASE_STATUSES = ["open", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseRecord {
  readonly id: string;
  readonly shortRef: string;
  readonly subjectId: string;
  /** The organisation that registered it; only its staff see it. */
  readonly organisation: string;
  readonly conversationId: string | null;
  readonly status: CaseStatus;
  /** Primero field name -> value. Identifying values are stored through the field codec. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly riskLevel: RiskLevel;
  readonly riskCategories: readonly RiskCategory[];
  readonly consents: readonly ConsentRecord[];
  readonly history: readonly StatusChange[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Open cases can be closed and reopened; the history keeps every move. */
export function canChangeCaseStatus(from: CaseStatus, to: CaseStatus): boolean {
  return from !== to;
}
