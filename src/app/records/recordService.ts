/**
 * What caseworkers do with registered cases and tracing requests in the console and the API: list
 * and search within their organisation, open one (audit-logged as a read), edit fields under
 * optimistic concurrency (audit-logged with the field names, never the values), and move its status.
 * Same habits as QueueService: the actor comes from authentication, the role and organisation are
 * checked here, and a record of another organisation is NOT_FOUND (its existence is not revealed).
 */
import type { AuditEntry } from "../../domain/auditEntry.js";
import type { ConsentRecord } from "../../domain/consent.js";
import type { RiskCategory, RiskLevel } from "../../domain/risk.js";
import type { StatusChange } from "../../domain/statusChange.js";
import { KinlinkError } from "../../domain/errors.js";
import type { Actor } from "../queue/queueService.js";

export type RecordKind = "case" | "tracing_request";

export interface RecordListQuery {
  /** A short reference (exact), or part of a name (case and accent insensitive). */
  readonly q?: string;
  readonly status?: string;
  readonly riskLevel?: RiskLevel;
  readonly limit: number;
  readonly skip?: number;
}

/** A list row: the names are there because a caseworker must recognise the child; nothing more. */
export interface RecordSummary {
  readonly kind: RecordKind;
  readonly id: string;
  readonly shortRef: string;
  readonly status: string;
  /** "name_first name_last" (or the nickname), or null when not given. For tracing: the inquirer. */
  readonly displayName: string | null;
  readonly riskLevel: RiskLevel | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RecordDetail extends RecordSummary {
  readonly organisation: string;
  readonly version: number;
  /** Primero field name -> value (decoded). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Tracing requests only: one entry per sought child. */
  readonly soughtChildren: readonly Readonly<Record<string, unknown>>[];
  readonly riskCategories: readonly RiskCategory[];
  readonly consents: readonly ConsentRecord[];
  readonly history: readonly StatusChange[];
  /** The statuses this record may move to now, for the status control. */
  readonly nextStatuses: readonly string[];
  /** Who did what to this record (newest first): views, edits, status changes. */
  readonly audit: readonly AuditEntry[];
}

export interface RecordService {
  list(actor: Actor, kind: RecordKind, query: RecordListQuery): Promise<RecordSummary[]>;
  /** Audit-logged as `<kind>.viewed`. */
  get(actor: Actor, kind: RecordKind, id: string): Promise<RecordDetail>;
  /** Only fields listed in RECORD_FIELDS (or `x_` custom fields); `null` clears a field. */
  updateFields(actor: Actor, kind: RecordKind, id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<RecordDetail>;
  changeStatus(actor: Actor, kind: RecordKind, id: string, to: string): Promise<RecordDetail>;
}

/** Stable codes the API maps to HTTP statuses (NOT_FOUND 404, FORBIDDEN 403, VERSION_CONFLICT 409, INVALID_* 400/409). */
export type RecordErrorCode = "NOT_FOUND" | "FORBIDDEN" | "VERSION_CONFLICT" | "INVALID_STATUS_TRANSITION" | "INVALID_INPUT";

export class RecordError extends KinlinkError {
  constructor(
    readonly code: RecordErrorCode,
    message: string,
  ) {
    super(message);
  }
}
