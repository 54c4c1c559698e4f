/**
 * The RecordService: cases and tracing requests for caseworkers and supervisors. Admins manage
 * users and the system and do not read records (need-to-know). Every list, view, edit and status
 * move is audit-logged with ids, field names and codes — never the values, never a search's text.
 */
import { CASE_STATUSES, canChangeCaseStatus, type CaseRecord } from "../../domain/caseRecord.js";
import { isKinlinkError } from "../../domain/errors.js";
import { TRACING_STATUSES, canChangeTracingStatus, type TracingRequest } from "../../domain/tracingRequest.js";
import { parseShortRef } from "../../domain/shortRef.js";
import type { Stores } from "../../ports/stores.js";
import type { Actor } from "../queue/queueService.js";
import { FieldChanges, normaliseChanges } from "./recordFieldInput.js";
import { matchesName, recordDisplayName } from "./recordNames.js";
import {
  RecordError,
  type RecordDetail,
  type RecordKind,
  type RecordListQuery,
  type RecordService,
  type RecordSummary,
} from "./recordService.js";

/** A name search reads at most this many of the organisation's newest records (see README: search). */
export const NAME_SEARCH_SCAN = 2000;
const SCAN_BATCH = 200;
const AUDIT_LINES = 100;

type AnyRecord = CaseRecord | TracingRequest;

/** The few things that differ between the two kinds, so the use cases are written once. */
interface KindAdapter {
  readonly auditType: string;
  readonly statuses: readonly string[];
  canMove(from: string, to: string): boolean;
  list(filter: { organisation: string; status?: string; riskLevel?: RecordListQuery["riskLevel"]; skip?: number; limit: number }): Promise<AnyRecord[]>;
  get(id: string): Promise<AnyRecord | null>;
  findByShortRef(input: string): Promise<AnyRecord | null>;
  updateFields(id: string, version: number, fields: Readonly<Record<string, unknown>>): Promise<AnyRecord>;
  changeStatus(id: string, to: string, by: string): Promise<AnyRecord>;
}

function adapters(stores: Stores): Readonly<Record<RecordKind, KindAdapter>> {
  const { cases, tracingRequests } = stores;
  return {
    case: {
      auditType: "case",
      statuses: CASE_STATUSES,
      canMove: (from, to) => isIn(CASE_STATUSES, from) && isIn(CASE_STATUSES, to) && canChangeCaseStatus(from, to),
      list: ({ status, ...filter }) => cases.list({ ...filter, ...(isIn(CASE_STATUSES, status) ? { status } : {}) }),
      get: (id) => cases.get(id),
      findByShortRef: (input) => cases.findByShortRef(input),
      updateFields: (id, version, fields) => cases.updateFields(id, version, fields),
      changeStatus: (id, to, by) => (isIn(CASE_STATUSES, to) ? cases.changeStatus(id, to, by) : invalidStatus()),
    },
    tracing_request: {
      auditType: "tracing_request",
      statuses: TRACING_STATUSES,
      canMove: (from, to) => isIn(TRACING_STATUSES, from) && isIn(TRACING_STATUSES, to) && canChangeTracingStatus(from, to),
      // Tracing requests carry no risk level: that filter does not apply to them.
      list: ({ status, riskLevel: _riskLevel, ...filter }) => tracingRequests.list({ ...filter, ...(isIn(TRACING_STATUSES, status) ? { status } : {}) }),
      get: (id) => tracingRequests.get(id),
      findByShortRef: (input) => tracingRequests.findByShortRef(input),
      updateFields: (id, version, fields) => tracingRequests.updateFields(id, version, fields),
      changeStatus: (id, to, by) => (isIn(TRACING_STATUSES, to) ? tracingRequests.changeStatus(id, to, by) : invalidStatus()),
    },
  };
}

function isIn<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

function invalidStatus(): never {
  throw new RecordError("INVALID_STATUS_TRANSITION", "not a status of this kind of record");
}

function translateError(error: unknown): never {
  if (isKinlinkError(error)) {
    if (error.code === "RECORD_NOT_FOUND") throw new RecordError("NOT_FOUND", "no such record");
    if (error.code === "RECORD_VERSION_CONFLICT") throw new RecordError("VERSION_CONFLICT", "someone changed it first; reload");
    if (error.code === "INVALID_STATUS_TRANSITION") throw new RecordError("INVALID_STATUS_TRANSITION", "not possible from its current status");
  }
  throw error;
}

export class RecordUseCases implements RecordService {
  private readonly kinds: Readonly<Record<RecordKind, KindAdapter>>;

  constructor(private readonly stores: Stores) {
    this.kinds = adapters(stores);
  }

  async list(actor: Actor, kind: RecordKind, query: RecordListQuery): Promise<RecordSummary[]> {
    requireCaseworker(actor);
    const adapter = this.kinds[kind];
    const records = await this.find(actor, adapter, query);
    await this.stores.auditLog.append({
      actor: actor.userId,
      action: `${adapter.auditType}.listed`,
      targetType: adapter.auditType,
      targetId: "*",
      details: { count: records.length, searched: query.q !== undefined && query.q.trim() !== "" },
    });
    return records.map((record) => summary(kind, record));
  }

  async get(actor: Actor, kind: RecordKind, id: string): Promise<RecordDetail> {
    requireCaseworker(actor);
    const adapter = this.kinds[kind];
    const record = await this.require(actor, adapter, id);
    await this.audit(actor, adapter, `${adapter.auditType}.viewed`, record.id, { version: record.version });
    return this.detail(kind, adapter, record);
  }

  async updateFields(actor: Actor, kind: RecordKind, id: string, expectedVersion: number, fields: Readonly<Record<string, unknown>>): Promise<RecordDetail> {
    requireCaseworker(actor);
    const parsed = FieldChanges.safeParse(fields);
    if (!parsed.success) throw new RecordError("INVALID_INPUT", "unknown fields or values that are too long");
    const adapter = this.kinds[kind];
    await this.require(actor, adapter, id);
    const updated = await adapter.updateFields(id, expectedVersion, normaliseChanges(parsed.data)).catch(translateError);
    await this.audit(actor, adapter, `${adapter.auditType}.edited`, id, { fields: Object.keys(parsed.data).sort().join(","), version: updated.version });
    return this.detail(kind, adapter, updated);
  }

  async changeStatus(actor: Actor, kind: RecordKind, id: string, to: string): Promise<RecordDetail> {
    requireCaseworker(actor);
    const adapter = this.kinds[kind];
    const current = await this.require(actor, adapter, id);
    if (!adapter.canMove(current.status, to)) throw new RecordError("INVALID_STATUS_TRANSITION", "not possible from its current status");
    const updated = await adapter.changeStatus(id, to, actor.userId).catch(translateError);
    await this.audit(actor, adapter, `${adapter.auditType}.status_changed`, id, { from: current.status, to });
    return this.detail(kind, adapter, updated);
  }

  /** A short reference finds one record; other text searches names among the newest records. */
  private async find(actor: Actor, adapter: KindAdapter, query: RecordListQuery): Promise<AnyRecord[]> {
    const q = query.q?.trim() ?? "";
    const filter = { organisation: actor.organisation, ...(query.status ? { status: query.status } : {}), ...(query.riskLevel ? { riskLevel: query.riskLevel } : {}) };
    if (q === "") return adapter.list({ ...filter, limit: query.limit, ...(query.skip ? { skip: query.skip } : {}) });
    if (parseShortRef(q) !== undefined) {
      const found = await adapter.findByShortRef(q);
      return found && found.organisation === actor.organisation ? [found] : [];
    }
    const matches: AnyRecord[] = [];
    const wanted = (query.skip ?? 0) + query.limit;
    for (let skip = 0; skip < NAME_SEARCH_SCAN && matches.length < wanted; skip += SCAN_BATCH) {
      const batch = await adapter.list({ ...filter, skip, limit: SCAN_BATCH });
      matches.push(...batch.filter((record) => matchesName(record, q)));
      if (batch.length < SCAN_BATCH) break;
    }
    return matches.slice(query.skip ?? 0, wanted);
  }

  /** Another organisation's record is NOT_FOUND: its existence is not revealed. */
  private async require(actor: Actor, adapter: KindAdapter, id: string): Promise<AnyRecord> {
    const record = await adapter.get(id);
    if (!record || record.organisation !== actor.organisation) throw new RecordError("NOT_FOUND", "no such record");
    return record;
  }

  private async detail(kind: RecordKind, adapter: KindAdapter, record: AnyRecord): Promise<RecordDetail> {
    const audit = await this.stores.auditLog.search({ targetType: adapter.auditType, targetId: record.id, limit: AUDIT_LINES });
    return {
      ...summary(kind, record),
      organisation: record.organisation,
      version: record.version,
      fields: record.fields,
      soughtChildren: "soughtChildren" in record ? record.soughtChildren : [],
      riskCategories: "riskCategories" in record ? record.riskCategories : [],
      consents: record.consents,
      history: record.history,
      nextStatuses: adapter.statuses.filter((to) => adapter.canMove(record.status, to)),
      audit,
    };
  }

  private async audit(actor: Actor, adapter: KindAdapter, action: string, id: string, details: Record<string, string | number>): Promise<void> {
    await this.stores.auditLog.append({ actor: actor.userId, action, targetType: adapter.auditType, targetId: id, details });
  }
}

function requireCaseworker(actor: Actor): void {
  if (actor.role !== "caseworker" && actor.role !== "supervisor") throw new RecordError("FORBIDDEN", "records are for caseworkers and supervisors");
}

function summary(kind: RecordKind, record: AnyRecord): RecordSummary {
  return {
    kind,
    id: record.id,
    shortRef: record.shortRef,
    status: record.status,
    displayName: recordDisplayName(record),
    riskLevel: "riskLevel" in record ? record.riskLevel : null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function createRecordService(stores: Stores): RecordService {
  return new RecordUseCases(stores);
}
