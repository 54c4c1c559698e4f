/**
 * Optimistic concurrency for records with a `version`: the update applies only where the version
 * is still the one the caller read; otherwise the caller learns whether the record moved on
 * (conflict) or does not exist. `projection` limits what the updated document returns (a caller
 * that knows what it wrote need not copy the whole document back).
 */
import type { DocCollection, DocFindOneAndUpdateOptions, DocUpdate, StoredDoc } from "../../ports/docCollection.js";
import { RecordNotFoundError } from "../../ports/storeErrors.js";

export type Conflict = (id: string, expectedVersion: number) => Error;

export async function versionedUpdate(
  collection: DocCollection<StoredDoc>,
  name: string,
  id: string,
  expectedVersion: number,
  update: DocUpdate,
  conflict: Conflict,
  projection?: DocFindOneAndUpdateOptions["projection"],
): Promise<StoredDoc> {
  const withVersion: DocUpdate = { ...update, $inc: { ...update.$inc, version: 1 } };
  const updated = await collection.findOneAndUpdate({ _id: id, version: expectedVersion }, withVersion, { returnDocument: "after", ...(projection ? { projection } : {}) });
  if (updated) return updated;
  const exists = (await collection.countDocuments({ _id: id })) > 0;
  throw exists ? conflict(id, expectedVersion) : new RecordNotFoundError(name, id);
}
