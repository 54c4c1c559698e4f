/**
 * Writes shared by cases and tracing requests: creation with a unique short reference, field
 * merges under optimistic concurrency, and status moves that keep the history.
 */
import { shortRefFromUuid } from "../../domain/shortRef.js";
import type { DocCollection, StoredDoc } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import { DuplicateRecordError, RecordNotFoundError, RecordVersionConflictError } from "../../ports/storeErrors.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { versionedUpdate } from "./versionedUpdate.js";

/** 35-bit references collide rarely; five fresh UUIDs in a row colliding means something else is wrong. */
const SHORT_REF_ATTEMPTS = 5;

export async function insertWithShortRef(
  collection: DocCollection<StoredDoc>,
  name: string,
  ids: Ids,
  build: (id: string, shortRef: string) => StoredDoc,
  requestedId?: string,
): Promise<StoredDoc> {
  if (requestedId !== undefined) {
    const doc = build(requestedId, shortRefFromUuid(requestedId));
    try {
      await collection.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // The same id again is a replay: the first write stands. Otherwise the short reference collided.
      const existing = await collection.findOne({ _id: requestedId });
      if (existing) return existing;
      throw new DuplicateRecordError(name, "shortRef");
    }
  }
  for (let attempt = 0; attempt < SHORT_REF_ATTEMPTS; attempt++) {
    const id = ids.uuid();
    const doc = build(id, shortRefFromUuid(id));
    try {
      await collection.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw new DuplicateRecordError(name, "shortRef");
}

export function mergeFields(
  collection: DocCollection<StoredDoc>,
  name: string,
  id: string,
  expectedVersion: number,
  encodedFields: Readonly<Record<string, unknown>>,
  now: Date,
): Promise<StoredDoc> {
  const set: Record<string, unknown> = { updatedAt: now };
  for (const [field, value] of Object.entries(encodedFields)) set[`fields.${field}`] = value;
  return versionedUpdate(collection, name, id, expectedVersion, { $set: set }, (conflictId, version) => new RecordVersionConflictError(name, conflictId, version));
}

/** Moves `from` -> `to` only if the record is still at `from`; a concurrent move is a conflict. */
export async function moveStatus(
  collection: DocCollection<StoredDoc>,
  name: string,
  change: { id: string; from: string; to: string; by: string; at: Date; version: number },
): Promise<StoredDoc> {
  const updated = await collection.findOneAndUpdate(
    { _id: change.id, status: change.from },
    {
      $set: { status: change.to, updatedAt: change.at },
      $push: { history: { from: change.from, to: change.to, at: change.at, by: change.by } },
      $inc: { version: 1 },
    },
    { returnDocument: "after" },
  );
  if (updated) return updated;
  const exists = (await collection.countDocuments({ _id: change.id })) > 0;
  throw exists ? new RecordVersionConflictError(name, change.id, change.version) : new RecordNotFoundError(name, change.id);
}
