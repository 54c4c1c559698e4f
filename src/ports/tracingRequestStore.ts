import type { ConsentRecord } from "../domain/consent.js";
import type { RecordListFilter } from "./recordListFilter.js";
import type { TracingRequest, TracingStatus } from "../domain/tracingRequest.js";

export interface NewTracingRequest {
  /**
   * The caller's id, for idempotence: creating the same id again returns the first record (a turn
   * re-run after a crash). Without it the store picks one. Its short reference is derived from it.
   */
  readonly id?: string;
  readonly subjectId: string;
  readonly organisation: string;
  readonly conversationId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly soughtChildren: readonly Readonly<Record<string, unknown>>[];
  readonly consents: readonly ConsentRecord[];
  readonly createdBy: string;
}

export interface TracingRequestStore {
  create(input: NewTracingRequest): Promise<TracingRequest>;
  get(id: string): Promise<TracingRequest | null>;
  /** One organisation's records, newest first. */
  list(query: RecordListFilter<TracingStatus>): Promise<TracingRequest[]>;
  findByShortRef(input: string): Promise<TracingRequest | null>;
  updateFields(id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<TracingRequest>;
  changeStatus(id: string, to: TracingStatus, by: string): Promise<TracingRequest>;
  addConsent(id: string, consent: ConsentRecord): Promise<TracingRequest>;
}
