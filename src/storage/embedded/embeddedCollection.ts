/**
 * A DocCollection on the in-memory state, made durable through the host's journal. Each write
 * mutates memory and queues its journal records in the same synchronous step (so the journal order
 * is the order of the changes), then resolves once the records are fsynced. Reads also wait for
 * durability of what they saw, so nobody acts on a change that a crash could still undo.
 *
 * Isolation from callers: what a caller writes is copied in (canonicalDoc / applyUpdate's
 * copy-on-write), and what a caller reads is a copy out (`output`), so the documents in memory are
 * reachable only from here and are never mutated in place (see memoryCollection.ts).
 */
import { ObjectId, serialize } from "bson";
import type {
  DocCollection,
  DocCursor,
  DocDeleteResult,
  DocFilter,
  DocFindOneAndUpdateOptions,
  DocFindOneOptions,
  DocFindOptions,
  DocIndexOptions,
  DocInsertOneResult,
  DocSort,
  DocUpdate,
  DocUpdateOptions,
  DocUpdateResult,
  StoredDoc,
} from "../../ports/docCollection.js";
import { aggregateEntries } from "./aggregateEntries.js";
import { seedFromFilter, updatedCopy } from "./applyUpdate.js";
import { canonicalDoc } from "./canonicalCopy.js";
import { DuplicateKeyError } from "./duplicateKeyError.js";
import { IndexConflictError, UnsupportedOperationError } from "./embeddedErrors.js";
import { defaultIndexName, sameIndex, type IndexDefinition } from "./indexDefinition.js";
import { encodeFrame } from "./journalFrame.js";
import { encodeRecord } from "./journalRecord.js";
import { copyOut, project } from "./entryOutput.js";
import type { Entry, Stored } from "./entry.js";
import type { MemoryCollection } from "./memoryCollection.js";
import { changeBody } from "./patchRecord.js";
import { valueKey } from "./valueKey.js";

/** What a collection needs from its database: the journal, and the open/failed state. */
export interface CollectionHost {
  assertUsable(): void;
  commit(frames: Uint8Array[]): Promise<void>;
  barrier(): Promise<void>;
}

function isStoredDoc(value: Record<string, unknown>): value is StoredDoc {
  return Object.hasOwn(value, "_id");
}

export class EmbeddedCollection implements DocCollection<StoredDoc> {
  constructor(
    private readonly memory: MemoryCollection,
    private readonly host: CollectionHost,
  ) {}

  async insertOne(doc: StoredDoc): Promise<DocInsertOneResult> {
    this.host.assertUsable();
    const entry = this.entryFor(canonicalDoc({ ...doc, _id: doc._id ?? new ObjectId() }));
    if (this.memory.get(entry.idKey)) throw this.duplicateId();
    await this.write(entry);
    return { acknowledged: true, insertedId: entry.doc["_id"] };
  }

  async findOne(filter: DocFilter, options: DocFindOneOptions = {}): Promise<StoredDoc | null> {
    this.host.assertUsable();
    const [first] = this.memory.select(filter, { sort: options.sort, limit: 1 });
    const result = first ? this.output(first, options.projection) : null;
    await this.host.barrier();
    return result;
  }

  find(filter: DocFilter, options: DocFindOptions = {}): DocCursor<StoredDoc> {
    return {
      toArray: async () => {
        this.host.assertUsable();
        const entries = this.memory.select(filter, options);
        const result = entries.map((entry) => this.output(entry, options.projection));
        await this.host.barrier();
        return result;
      },
    };
  }

  async updateOne(filter: DocFilter, update: DocUpdate, options: DocUpdateOptions = {}): Promise<DocUpdateResult> {
    this.host.assertUsable();
    const [target] = this.memory.select(filter, { limit: 1 });
    if (target) {
      const written = await this.modify(target, update);
      return { acknowledged: true, matchedCount: 1, modifiedCount: written === target ? 0 : 1, upsertedCount: 0, upsertedId: null };
    }
    if (!options.upsert) {
      await this.host.barrier();
      return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
    }
    const inserted = await this.upsert(filter, update);
    return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: inserted.doc["_id"] };
  }

  async findOneAndUpdate(filter: DocFilter, update: DocUpdate, options: DocFindOneAndUpdateOptions): Promise<StoredDoc | null> {
    this.host.assertUsable();
    const after = options.returnDocument === "after";
    const [target] = this.memory.select(filter, { sort: options.sort, limit: 1 });
    if (target) {
      const before = after ? undefined : this.output(target, undefined);
      // This update's own result, not whatever the document became while the journal was written.
      const written = await this.modify(target, update);
      return before ?? this.output(written, undefined);
    }
    if (!options.upsert) {
      await this.host.barrier();
      return null;
    }
    const inserted = await this.upsert(filter, update);
    return after ? this.output(inserted, undefined) : null;
  }

  async deleteOne(filter: DocFilter): Promise<DocDeleteResult> {
    return this.deleteMatching(filter, 1);
  }

  async deleteMany(filter: DocFilter): Promise<DocDeleteResult> {
    return this.deleteMatching(filter, Number.POSITIVE_INFINITY);
  }

  async countDocuments(filter: DocFilter): Promise<number> {
    this.host.assertUsable();
    const count = this.memory.count(filter);
    await this.host.barrier();
    return count;
  }

  aggregate(pipeline: { [key: string]: unknown }[]): DocCursor<{ [key: string]: unknown }> {
    return {
      toArray: async () => {
        this.host.assertUsable();
        const result = aggregateEntries(this.memory, pipeline);
        await this.host.barrier();
        return result;
      },
    };
  }

  async createIndex(keys: DocSort, options: DocIndexOptions = {}): Promise<string> {
    this.host.assertUsable();
    const definition: IndexDefinition = {
      name: options.name ?? defaultIndexName(keys),
      keys: { ...keys },
      unique: options.unique ?? false,
      ...(options.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: options.expireAfterSeconds }),
      ...(options.partialFilterExpression ? { partialFilterExpression: { ...options.partialFilterExpression } } : {}),
    };
    const existing = this.memory.index(definition.name);
    if (existing) {
      if (!sameIndex(existing.definition, definition)) throw new IndexConflictError(this.memory.name, definition.name);
      await this.host.barrier();
      return definition.name;
    }
    this.memory.addIndex(definition, true);
    await this.host.commit([encodeFrame(encodeRecord("index", this.memory.name, serialize(definition)))]);
    return definition.name;
  }

  /** A canonical document (already a private copy) about to be written, under its `_id` key. */
  private entryFor(doc: Record<string, unknown>): Stored {
    return { idKey: valueKey(doc["_id"]), doc };
  }

  /** Serialises the change (which also checks the values), checks unique indexes, applies to memory and journals, in one synchronous step. */
  private write(entry: Stored, previous?: Entry): Promise<void> {
    const change = changeBody(previous?.doc, entry.doc);
    this.memory.checkUnique(entry.doc, entry.idKey);
    this.memory.put(entry);
    return this.host.commit([encodeFrame(encodeRecord(change.kind, this.memory.name, change.body))]);
  }

  /** Applies `update` to `target`; resolves, once durable, to the entry written (`target` itself when nothing changed). */
  private async modify(target: Entry, update: DocUpdate): Promise<Stored> {
    const doc = updatedCopy(target.doc, update, false);
    if (!doc) {
      await this.host.barrier();
      return target;
    }
    const entry = this.entryFor(doc);
    if (entry.idKey !== target.idKey) throw new UnsupportedOperationError("changing a document's _id");
    await this.write(entry, target);
    return entry;
  }

  private async upsert(filter: DocFilter, update: DocUpdate): Promise<Stored> {
    const seed = canonicalDoc(seedFromFilter(filter));
    const doc = updatedCopy(seed, update, true) ?? seed;
    doc["_id"] ??= new ObjectId();
    const entry = this.entryFor(doc);
    if (this.memory.get(entry.idKey)) throw this.duplicateId();
    await this.write(entry);
    return entry;
  }

  private async deleteMatching(filter: DocFilter, max: number): Promise<DocDeleteResult> {
    this.host.assertUsable();
    const frames: Uint8Array[] = [];
    for (const entry of this.memory.matching(filter).slice(0, max)) {
      this.memory.delete(entry.idKey);
      frames.push(encodeFrame(encodeRecord("delete", this.memory.name, serialize({ _id: entry.doc["_id"] }))));
    }
    await (frames.length > 0 ? this.host.commit(frames) : this.host.barrier());
    return { acknowledged: true, deletedCount: frames.length };
  }

  private output(entry: Stored, projection: DocFindOneOptions["projection"]): StoredDoc {
    if (projection?.["_id"] === 0) throw new UnsupportedOperationError("projections without _id");
    const doc = project(copyOut(entry), projection);
    return isStoredDoc(doc) ? doc : { ...doc, _id: entry.doc["_id"] };
  }

  private duplicateId(): Error {
    return new DuplicateKeyError(this.memory.name, "_id_", { _id: 1 });
  }
}
