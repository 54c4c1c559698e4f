/**
 * The audit log. Append-only by construction: this repository issues inserts and reads, nothing
 * else. `details` must hold ids and codes only (the port's contract), so it is stored as is.
 */
import { z } from "zod";
import type { AuditEntry } from "../../domain/auditEntry.js";
import type { AuditLog, AuditQuery } from "../../ports/auditLog.js";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { COLLECTIONS } from "./collectionNames.js";
import { parseStored } from "./parseStored.js";

const AuditDocSchema = z.object({
  _id: z.string(),
  at: z.date(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

function toEntry(raw: unknown): AuditEntry {
  const { _id, ...rest } = parseStored(AuditDocSchema, COLLECTIONS.auditLog, raw);
  return { ...rest, id: _id };
}

export class AuditLogRepository implements AuditLog {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.auditLog);
  }

  async append(entry: Omit<AuditEntry, "id" | "at">): Promise<AuditEntry> {
    const doc: z.infer<typeof AuditDocSchema> = { ...entry, details: { ...entry.details }, _id: this.deps.ids.uuid(), at: this.deps.clock.now() };
    await this.collection.insertOne(doc);
    const { _id, ...rest } = doc;
    return { ...rest, id: _id };
  }

  async listForTarget(targetType: string, targetId: string, limit: number): Promise<AuditEntry[]> {
    const docs = await this.collection.find({ targetType, targetId }, { sort: { at: 1, _id: 1 }, limit }).toArray();
    return docs.map(toEntry);
  }

  async search(query: AuditQuery): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = {};
    if (query.actors) filter["actor"] = { $in: [...query.actors] };
    if (query.action !== undefined) filter["action"] = query.action;
    if (query.targetType !== undefined) filter["targetType"] = query.targetType;
    if (query.targetId !== undefined) filter["targetId"] = query.targetId;
    if (query.before) filter["at"] = { $lt: query.before };
    const docs = await this.collection.find(filter, { sort: { at: -1, _id: -1 }, limit: query.limit }).toArray();
    return docs.map(toEntry);
  }
}
