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
import { ObjectId } from "bson";
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
import { copyOutProjected } from "./entryOutput.js";
import type { Entry, Stored } from "./entry.js";
import type { MemoryCollection } from "./memoryCollection.js";
import { changeBody } from "./patchRecord.js";
import { recordFrame } from "./recordFrame.js";
import { idKeyOf } from "./valueKey.js";

/** What a collection needs from its database: the journal, and the open/failed state. */
export interface CollectionHost {
  assertUsable(): void;
  commit(frames: Uint8Array[]): Promise<void>;
  barrier(): Promise<void>;
}

type Doc = Readonly<Record<string, unknown>>;

/** A `find` returning more documents than this does not keep the cold ones it read in memory. */
const MAX_KEPT_RESULTS = 64;

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
    const stored = this.storedFor(canonicalDoc({ ...doc, _id: doc._id ?? new ObjectId() }));
    if (this.memory.get(stored.idKey)) throw this.duplicateId();
    await this.write(stored);
    return { acknowledged: true, insertedId: stored.doc["_id"] };
  }

  async findOne(filter: DocFilter, options: DocFindOneOptions = {}): Promise<StoredDoc | null> {
    this.host.assertUsable();
    const [first] = this.memory.select(filter, { sort: options.sort, limit: 1 });
    const result = first ? this.output(this.memory.read(first), options.projection) : null;
    await this.host.barrier();
    return result;
  }

  find(filter: DocFilter, options: DocFindOptions = {}): DocCursor<StoredDoc> {
    return {
      toArray: async () => {
        this.host.assertUsable();
        const entries = this.memory.select(filter, options);
        // A long result is read from disk as it is copied out, without filling the cache with it.
        const keep = entries.length <= MAX_KEPT_RESULTS;
        const result = entries.map((entry) => this.output(this.memory.read(entry, keep), options.projection));
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
      return { acknowledged: true, matchedCount: 1, modifiedCount: written.changed ? 1 : 0, upsertedCount: 0, upsertedId: null };
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
      const before = after ? undefined : this.output(this.memory.read(target), options.projection);
      // This update's own result, not whatever the document became while the journal was written.
      const written = await this.modify(target, update);
      return before ?? this.output(written.doc, options.projection);
    }
    if (!options.upsert) {
      await this.host.barrier();
      return null;
    }
    const inserted = await this.upsert(filter, update);
    return after ? this.output(inserted.doc, options.projection) : null;
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
    await this.host.commit([recordFrame("index", this.memory.name, { ...definition }).frame]);
    return definition.name;
  }

  /** A canonical document (already a private copy) about to be written, under its `_id` key. */
  private storedFor(doc: Record<string, unknown>): Stored {
    return { idKey: idKeyOf(doc["_id"]), doc };
  }

  /** Serialises the change (which also checks the values), checks unique indexes, applies to memory and journals, in one synchronous step. */
  private write(stored: Stored, previous?: { readonly entry: Entry; readonly doc: Doc }): Promise<void> {
    const change = changeBody(previous?.doc, stored.doc);
    const { frame, bodyBytes } = recordFrame(change.kind, this.memory.name, change.body);
    this.memory.checkUnique(stored.doc, stored.idKey);
    // The budget counts the document's BSON size: exact for a whole document, the previous size for a patch.
    this.memory.put(stored, change.kind === "put" ? bodyBytes : Math.max(previous?.entry.length ?? 0, bodyBytes));
    return this.host.commit([frame]);
  }

  /**
   * Applies `update` to `target`; resolves, once durable, to the document this update wrote (its
   * own result, whatever happened since) or, when nothing changed, to the target's document.
   */
  private async modify(target: Entry, update: DocUpdate): Promise<{ changed: boolean; doc: Doc }> {
    const current = this.memory.read(target);
    const doc = updatedCopy(current, update, false);
    if (!doc) {
      await this.host.barrier();
      return { changed: false, doc: current };
    }
    const stored = this.storedFor(doc);
    if (stored.idKey !== target.idKey) throw new UnsupportedOperationError("changing a document's _id");
    await this.write(stored, { entry: target, doc: current });
    return { changed: true, doc };
  }

  private async upsert(filter: DocFilter, update: DocUpdate): Promise<Stored> {
    const seed = canonicalDoc(seedFromFilter(filter));
    const doc = updatedCopy(seed, update, true) ?? seed;
    doc["_id"] ??= new ObjectId();
    const stored = this.storedFor(doc);
    if (this.memory.get(stored.idKey)) throw this.duplicateId();
    await this.write(stored);
    return stored;
  }

  private async deleteMatching(filter: DocFilter, max: number): Promise<DocDeleteResult> {
    this.host.assertUsable();
    const frames: Uint8Array[] = [];
    for (const entry of this.memory.matching(filter).slice(0, max)) {
      const id = this.memory.idOf(entry);
      this.memory.delete(entry.idKey);
      frames.push(recordFrame("delete", this.memory.name, { _id: id }).frame);
    }
    await (frames.length > 0 ? this.host.commit(frames) : this.host.barrier());
    return { acknowledged: true, deletedCount: frames.length };
  }

  /** A private copy of a stored document for the caller, projected. */
  private output(stored: Doc, projection: DocFindOneOptions["projection"]): StoredDoc {
    if (projection?.["_id"] === 0) throw new UnsupportedOperationError("projections without _id");
    const doc = copyOutProjected(stored, projection);
    return isStoredDoc(doc) ? doc : { ...doc, _id: stored["_id"] };
  }

  private duplicateId(): Error {
    return new DuplicateKeyError(this.memory.name, "_id_", { _id: 1 });
  }
}
