/**
 * The in-memory state of one collection: documents by `_id`, one object each, plus ordered indexes
 * (orderedIndex.ts) that queries read through when one serves them (queryPlan.ts).
 * No I/O here: the database journals what changes, and recovery replays records through `put` and
 * `delete`.
 *
 * The documents held here are never mutated: a write replaces the entry with a new document (which
 * may share unchanged parts with the old one, see applyUpdate.ts), and nothing held here is handed
 * to callers (they get canonical copies, see canonicalCopy.ts). So a snapshot can capture entries
 * by reference, and a reader can never change the store by changing what it got.
 */
import type { DocFilter } from "../../ports/docCollection.js";
import type { Entry, Stored } from "./entry.js";
import { compileFilter } from "./compileFilter.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { OrderedIndex } from "./orderedIndex.js";
import { bySort, countPlan, planQuery, readPlan, type Page } from "./queryPlan.js";
import { isEqualityValue, valueKey } from "./valueKey.js";

export class MemoryCollection {
  readonly name: string;
  private readonly docs = new Map<string, Entry>();
  private readonly indexes = new Map<string, OrderedIndex>();
  private nextSeq = 0;

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

  index(name: string): OrderedIndex | undefined {
    return this.indexes.get(name);
  }

  /** Builds an index over the current documents; a unique one fails (and is not kept) on existing duplicates. */
  addIndex(definition: IndexDefinition, enforceUnique: boolean): void {
    const index = new OrderedIndex(definition);
    for (const entry of this.docs.values()) {
      if (enforceUnique) index.checkUnique(this.name, entry.doc, entry.idKey);
      index.add(entry);
    }
    this.indexes.set(definition.name, index);
  }

  /** Throws DuplicateKeyError if writing `doc` under `idKey` would break a unique index. */
  checkUnique(doc: Readonly<Record<string, unknown>>, idKey: string): void {
    for (const index of this.indexes.values()) index.checkUnique(this.name, doc, idKey);
  }

  /** Inserts or replaces; the caller has checked uniqueness (replay deliberately does not). */
  put(stored: Stored): Entry {
    const previous = this.docs.get(stored.idKey);
    const entry: Entry = { idKey: stored.idKey, doc: stored.doc, seq: previous?.seq ?? this.nextSeq++ };
    for (const index of this.indexes.values()) {
      if (previous) index.replace(previous, entry);
      else index.add(entry);
    }
    this.docs.set(entry.idKey, entry);
    return entry;
  }

  delete(idKey: string): Entry | undefined {
    const previous = this.docs.get(idKey);
    if (!previous) return undefined;
    for (const index of this.indexes.values()) index.remove(previous);
    this.docs.delete(idKey);
    return previous;
  }

  /** Documents matching the filter, in insertion order (the server's "natural order" for small data). */
  matching(filter: DocFilter): Entry[] {
    return this.select(filter, {});
  }

  /** Documents matching the filter, sorted and paged; through an index when one serves the filter. */
  select(filter: DocFilter, page: Page): Entry[] {
    if (Object.hasOwn(filter, "_id") && isEqualityValue(filter["_id"])) return this.byId(filter, page);
    const test = compileFilter(filter);
    const plan = planQuery(this.indexes.values(), filter, page.sort);
    if (plan) return readPlan(plan, (entry) => test(entry.doc), page);
    const matches: Entry[] = [];
    for (const entry of this.docs.values()) if (test(entry.doc)) matches.push(entry);
    const skip = page.skip ?? 0;
    // The driver treats limit 0 as "no limit".
    return (page.sort ? matches.sort(bySort(page.sort)) : matches).slice(skip, page.limit ? skip + page.limit : undefined);
  }

  /** How many documents match (as `select(filter, {}).length`, without ordering them). */
  count(filter: DocFilter): number {
    if (Object.hasOwn(filter, "_id") && isEqualityValue(filter["_id"])) return this.byId(filter, {}).length;
    const test = compileFilter(filter);
    const plan = planQuery(this.indexes.values(), filter, undefined);
    if (plan) return countPlan(plan, (entry) => test(entry.doc));
    let count = 0;
    for (const entry of this.docs.values()) if (test(entry.doc)) count++;
    return count;
  }

  /** `{ _id: value, … }`: the one document with that id, if it matches the rest of the filter. */
  private byId(filter: DocFilter, page: Page): Entry[] {
    const entry = this.docs.get(valueKey(filter["_id"]));
    const matches = entry !== undefined && (Object.keys(filter).length === 1 || compileFilter(filter)(entry.doc));
    return matches && !page.skip ? [entry] : [];
  }
}
