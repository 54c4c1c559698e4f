/**
 * The in-memory state of one collection: documents by `_id`, each with its BSON bytes (the durable
 * form, and the source of every copy handed out), plus hash indexes. No I/O here: the database
 * journals what changes, and recovery replays records through `put` and `delete`.
 */
import { Query } from "mingo";
import type { DocFilter } from "../../ports/docCollection.js";
import { HashIndex } from "./hashIndex.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { isEqualityValue, valueKey } from "./valueKey.js";

export interface Entry {
  readonly idKey: string;
  /** Internal: matched against filters, never handed to callers (they get copies from `bytes`). */
  readonly doc: Readonly<Record<string, unknown>>;
  readonly bytes: Uint8Array;
}

export class MemoryCollection {
  readonly name: string;
  private readonly docs = new Map<string, Entry>();
  private readonly indexes = new Map<string, HashIndex>();

  constructor(name: string) {
    this.name = name;
  }

  get size(): number {
    return this.docs.size;
  }

  entries(): IterableIterator<Entry> {
    return this.docs.values();
  }

  get(idKey: string): Entry | undefined {
    return this.docs.get(idKey);
  }

  indexDefinitions(): IndexDefinition[] {
    return [...this.indexes.values()].map((index) => index.definition);
  }

  index(name: string): HashIndex | undefined {
    return this.indexes.get(name);
  }

  /** Builds an index over the current documents; a unique one fails (and is not kept) on existing duplicates. */
  addIndex(definition: IndexDefinition, enforceUnique: boolean): void {
    const index = new HashIndex(definition);
    for (const entry of this.docs.values()) {
      if (enforceUnique) index.checkUnique(this.name, entry.doc, entry.idKey);
      index.add(entry.doc, entry.idKey);
    }
    this.indexes.set(definition.name, index);
  }

  /** Throws DuplicateKeyError if writing `doc` under `idKey` would break a unique index. */
  checkUnique(doc: Readonly<Record<string, unknown>>, idKey: string): void {
    for (const index of this.indexes.values()) index.checkUnique(this.name, doc, idKey);
  }

  /** Inserts or replaces; the caller has checked uniqueness (replay deliberately does not). */
  put(entry: Entry): void {
    const previous = this.docs.get(entry.idKey);
    for (const index of this.indexes.values()) {
      if (previous) index.remove(previous.doc, previous.idKey);
      index.add(entry.doc, entry.idKey);
    }
    this.docs.set(entry.idKey, entry);
  }

  delete(idKey: string): Entry | undefined {
    const previous = this.docs.get(idKey);
    if (!previous) return undefined;
    for (const index of this.indexes.values()) index.remove(previous.doc, idKey);
    this.docs.delete(idKey);
    return previous;
  }

  /** Documents matching the filter, in insertion order (the server's "natural order" for small data). */
  matching(filter: DocFilter): Entry[] {
    const query = new Query({ ...filter });
    const out: Entry[] = [];
    for (const entry of this.candidates(filter)) if (query.test(entry.doc)) out.push(entry);
    return out;
  }

  private candidates(filter: DocFilter): Iterable<Entry> {
    if (Object.hasOwn(filter, "_id") && isEqualityValue(filter["_id"])) {
      return this.byIds([valueKey(filter["_id"])]);
    }
    const pins = (field: string): boolean => Object.hasOwn(filter, field) && isEqualityValue(filter[field]);
    // The smallest set among compound indexes whose first field the filter pins (an index prefix).
    let prefix: ReadonlySet<string> | undefined;
    for (const index of this.indexes.values()) {
      if (index.fields.every(pins)) {
        const key = index.keyOfEquality(index.fields.map((field) => filter[field]));
        if (key !== undefined) return this.byIds(index.lookup(key));
      }
      const first = index.fields[0];
      if (first === undefined || !pins(first)) continue;
      const ids = index.lookupFirstField(filter[first]);
      if (ids && (prefix === undefined || ids.size < prefix.size)) prefix = ids;
    }
    return prefix ? this.byIds(prefix) : this.docs.values();
  }

  private byIds(idKeys: Iterable<string>): Entry[] {
    const out: Entry[] = [];
    for (const idKey of idKeys) {
      const entry = this.docs.get(idKey);
      if (entry) out.push(entry);
    }
    return out;
  }
}
