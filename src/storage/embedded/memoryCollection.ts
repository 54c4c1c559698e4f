/**
 * The in-memory state of one collection: an entry per document by `_id` key, plus ordered indexes
 * (orderedIndex.ts) that queries read through when one serves them (queryPlan.ts). An entry holds
 * the values of the indexed fields (the collection's key slots) and, while the document is hot,
 * the document itself; a cold document is read back from disk through the database's DocCache
 * (docCache.ts), which also decides what stays in memory.
 * No journal I/O here: the database journals what changes, and recovery replays records through
 * `put` and `delete`.
 *
 * The documents held here are never mutated: a write replaces the entry with a new one (whose
 * document may share unchanged parts with the old one, see applyUpdate.ts), and nothing held here
 * is handed to callers (they get canonical copies, see canonicalCopy.ts). So a snapshot can capture
 * entries by reference, and a reader can never change the store by changing what it got.
 */
import { EJSON, ObjectId } from "bson";
import type { DocFilter } from "../../ports/docCollection.js";
import { isPlainObject } from "./canonicalCopy.js";
import { compileFilter, type Predicate } from "./compileFilter.js";
import { DocCache } from "./docCache.js";
import { Entry, setKeyAt, type Stored } from "./entry.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { fieldPath, valueAt } from "./keyOrder.js";
import { DATE_SLOTS, OrderedIndex, slotValue } from "./orderedIndex.js";
import { bySort, countPlan, planQuery, readPlan, type Page } from "./queryPlan.js";
import type { Segment } from "./segment.js";
import { idKeyOf, isEqualityValue } from "./valueKey.js";

type Doc = Readonly<Record<string, unknown>>;

/** Matches read from disk by one query that stay in memory (the caller reads them next); a larger result is read again. */
const KEEP_MATCHES = 64;

/**
 * A filter no index serves, repeated (the sweeper's "conversations with replies to move", every
 * 2 s): its matches are remembered and kept up to date by every write, so the query reads its few
 * matches instead of every document of the collection, which may be cold. A filter is remembered
 * when it is seen a second time (filters holding the current time never are); a collection
 * remembers a few, and forgets one whose matches grow large.
 */
const MAX_REMEMBERED = 8;
const MAX_SIGHTINGS = 64;
const MIN_REMEMBERED_CAP = 1_000;

interface Remembered {
  readonly test: Predicate;
  readonly matches: Set<Entry>;
}

/** Where a document's BSON already is on disk (recovery: in the snapshot). */
export interface Placement {
  readonly segment: Segment;
  readonly offset: number;
  readonly length: number;
}

export class MemoryCollection {
  readonly name: string;
  readonly cache: DocCache;
  private readonly docs = new Map<string, Entry>();
  private readonly indexes = new Map<string, OrderedIndex>();
  /** The indexed fields, each a key slot of every entry. */
  private readonly slotFields: string[] = [];
  private readonly slotPaths: (readonly string[])[] = [];
  private readonly remembered = new Map<string, Remembered>();
  private readonly sightings = new Set<string>();
  private nextSeq = 0;

  constructor(name: string, cache: DocCache = DocCache.inMemory()) {
    this.name = name;
    this.cache = cache;
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

  /** The entry's document, hot or read from disk (not kept in memory). */
  docOf(entry: Entry): Doc {
    return this.cache.docOf(entry);
  }

  /** The entry's document for a caller: kept in memory as recently used unless `keep` is false. */
  read(entry: Entry, keep = true): Doc {
    return keep ? this.cache.read(entry) : this.cache.docOf(entry);
  }

  /** The entry's `_id`. */
  idOf(entry: Entry): unknown {
    return this.cache.idOf(entry);
  }

  /** The value of an indexed field (a key slot), as the document holds it; undefined if not indexed. */
  keyValue(entry: Entry, field: string): unknown {
    const slot = this.slotFields.indexOf(field);
    return slot < 0 ? valueAt(this.docOf(entry), fieldPath(field)) : (slotValue(entry, slot) ?? undefined);
  }

  indexDefinitions(): IndexDefinition[] {
    return [...this.indexes.values()].map((index) => index.definition);
  }

  index(name: string): OrderedIndex | undefined {
    return this.indexes.get(name);
  }

  /** Builds an index over the current documents; a unique one fails (and is not kept) on existing duplicates. */
  addIndex(definition: IndexDefinition, enforceUnique: boolean): void {
    const known = this.slotFields.length;
    const slots = Object.keys(definition.keys).map((field) => this.slotOf(field));
    const added = this.slotFields.length > known;
    const index = new OrderedIndex(definition, slots);
    for (const entry of this.docs.values()) {
      // New key slots are filled from the documents (read from disk if cold, not kept).
      const doc = added || index.partial || enforceUnique ? this.docOf(entry) : (entry.doc ?? {});
      if (added) this.fillKeys(entry, doc, known);
      if (enforceUnique) index.checkUnique(this.name, doc, entry.idKey);
      index.add(entry, doc);
    }
    this.indexes.set(definition.name, index);
  }

  /** Throws DuplicateKeyError if writing `doc` under `idKey` would break a unique index. */
  checkUnique(doc: Doc, idKey: string): void {
    for (const index of this.indexes.values()) index.checkUnique(this.name, doc, idKey);
  }

  /**
   * Inserts or replaces; the caller has checked uniqueness (replay deliberately does not). `bytes`
   * estimates the document's BSON size (the budget counts it); `placement` says where it already
   * is on disk (recovery), so that evicting it costs nothing.
   */
  put(stored: Stored, bytes?: number, placement?: Placement): Entry {
    const previous = this.docs.get(stored.idKey);
    const estimate = bytes ?? placement?.length ?? previous?.length ?? 0;
    const entry = new Entry(stored.idKey, previous?.seq ?? this.nextSeq++, stored.doc, estimate);
    this.fillKeys(entry, stored.doc, 0);
    for (const index of this.indexes.values()) {
      if (previous) index.replace(previous, entry, stored.doc);
      else index.add(entry, stored.doc);
    }
    this.docs.set(entry.idKey, entry);
    if (this.remembered.size > 0) this.updateRemembered(previous, entry, stored.doc);
    if (previous) this.cache.drop(previous);
    if (placement) this.cache.place(entry, placement.segment, placement.offset, placement.length);
    this.cache.admit(entry);
    return entry;
  }

  delete(idKey: string): Entry | undefined {
    const previous = this.docs.get(idKey);
    if (!previous) return undefined;
    for (const index of this.indexes.values()) index.remove(previous);
    this.docs.delete(idKey);
    for (const memo of this.remembered.values()) memo.matches.delete(previous);
    this.cache.drop(previous);
    return previous;
  }

  /** Documents matching the filter, in insertion order (the server's "natural order" for small data). */
  matching(filter: DocFilter): Entry[] {
    return this.select(filter, {});
  }

  /**
   * Documents matching the filter, sorted and paged; through an index when one serves the filter.
   * Cold candidates are read from disk one at a time; the first few matches stay in memory, since
   * the caller reads them next.
   */
  select(filter: DocFilter, page: Page): Entry[] {
    if (Object.hasOwn(filter, "_id") && isEqualityValue(filter["_id"])) return this.byId(filter, page);
    const test = this.matcher(filter, true);
    const docOf = (entry: Entry): Doc => this.docOf(entry);
    const plan = planQuery(this.indexes.values(), filter, page.sort);
    if (plan) return readPlan(plan, test, page, docOf);
    const matches = this.scan(filter, test);
    const skip = page.skip ?? 0;
    // The driver treats limit 0 as "no limit".
    return (page.sort ? matches.sort(bySort(page.sort, docOf)) : matches).slice(skip, page.limit ? skip + page.limit : undefined);
  }

  /** How many documents match (as `select(filter, {}).length`, without ordering them). */
  count(filter: DocFilter): number {
    if (Object.hasOwn(filter, "_id") && isEqualityValue(filter["_id"])) return this.byId(filter, {}).length;
    const test = this.matcher(filter, false);
    const plan = planQuery(this.indexes.values(), filter, undefined);
    if (plan) return countPlan(plan, test);
    return this.scan(filter, test).length;
  }

  /** Every matching entry in insertion order: the remembered matches, or a scan of the collection. */
  private scan(filter: DocFilter, test: (entry: Entry) => boolean): Entry[] {
    const key = rememberKey(filter);
    const memo = key === undefined ? undefined : this.remembered.get(key);
    if (memo) return [...memo.matches].sort((a, b) => a.seq - b.seq);
    const matches: Entry[] = [];
    for (const entry of this.docs.values()) if (test(entry)) matches.push(entry);
    if (key !== undefined) this.remember(key, filter, matches);
    return matches;
  }

  /** Starts remembering a filter's matches on its second scan. */
  private remember(key: string, filter: DocFilter, matches: readonly Entry[]): void {
    if (!this.sightings.has(key)) {
      if (this.sightings.size >= MAX_SIGHTINGS) this.sightings.clear();
      this.sightings.add(key);
      return;
    }
    if (matches.length > this.rememberCap()) return;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(key, { test: compileFilter(filter), matches: new Set(matches) });
  }

  private updateRemembered(previous: Entry | undefined, entry: Entry, doc: Doc): void {
    for (const [key, memo] of this.remembered) {
      if (previous) memo.matches.delete(previous);
      if (!memo.test(doc)) continue;
      memo.matches.add(entry);
      if (memo.matches.size > this.rememberCap()) this.remembered.delete(key);
    }
  }

  private rememberCap(): number {
    return Math.max(MIN_REMEMBERED_CAP, this.docs.size / 16);
  }

  /** `{ _id: value, … }`: the one document with that id, if it matches the rest of the filter. */
  private byId(filter: DocFilter, page: Page): Entry[] {
    const entry = this.docs.get(idKeyOf(filter["_id"]));
    const matches = entry !== undefined && (Object.keys(filter).length === 1 || this.matcher(filter, true)(entry));
    return matches && !page.skip ? [entry] : [];
  }

  /**
   * The filter as a test of entries: hot documents in place, cold ones read from disk, unless the
   * conditions on indexed fields already rule them out (keyTest).
   */
  private matcher(filter: DocFilter, keep: boolean): (entry: Entry) => boolean {
    const test = compileFilter(filter);
    const keys = this.keyTest(filter);
    const keysMatch = keys?.test;
    let kept = 0;
    return (entry) => {
      if (entry.doc) return test(entry.doc);
      if (keysMatch && !keysMatch(entry)) return false;
      // Every condition was on the entry's keys: when the caller will not read the document (a
      // count), the answer is known without it: counting 100,000 cold escalations by organisation
      // and status reads none of them.
      if (!keep && keys?.complete) return true;
      const doc = this.cache.docOf(entry);
      if (!test(doc)) return false;
      if (keep && kept++ < KEEP_MATCHES) this.cache.keep(entry, doc);
      return true;
    };
  }

  /**
   * The part of a filter that the entry's key slots can answer: top-level conditions on indexed
   * fields that hold for a missing field exactly as for null (equality with, `$in` of, and ranges
   * on non-null scalars). A document failing them fails the filter (its conditions are all
   * required), so a cold document is read only when they hold: an index that pins one field (an
   * outbox's conversation) no longer means reading every document it holds for that value.
   */
  private keyTest(filter: DocFilter): { readonly test: (entry: Entry) => boolean; readonly complete: boolean } | undefined {
    const fields: string[] = [];
    const slots: number[] = [];
    const conditions: Record<string, unknown> = {};
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith("$") || field.includes(".") || !isKeyCondition(condition)) continue;
      const slot = this.slotFields.indexOf(field);
      if (slot < 0) continue;
      fields.push(field);
      slots.push(slot);
      conditions[field] = condition;
    }
    if (fields.length === 0) return undefined;
    const test = compileFilter(conditions);
    return {
      test: (entry) => {
        const probe: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) probe[fields[i] as string] = slotValue(entry, slots[i] as number);
        return test(probe);
      },
      complete: fields.length === Object.keys(filter).length,
    };
  }

  private slotOf(field: string): number {
    const known = this.slotFields.indexOf(field);
    if (known >= 0) return known;
    this.slotFields.push(field);
    this.slotPaths.push(fieldPath(field));
    return this.slotFields.length - 1;
  }

  /** Sets the entry's key slots from `from` on from its document. */
  private fillKeys(entry: Entry, doc: Doc, from: number): void {
    for (let slot = from; slot < this.slotPaths.length; slot++) {
      const value = valueAt(doc, this.slotPaths[slot] ?? []);
      if (value instanceof Date && slot < DATE_SLOTS) {
        setKeyAt(entry, slot, value.getTime());
        entry.dates |= 1 << slot;
      } else {
        setKeyAt(entry, slot, value ?? null);
      }
    }
  }
}

/**
 * A filter's identity for remembering its matches; undefined for a filter holding anything but
 * plain values (an `undefined` would vanish from the key and make two filters look the same).
 */
function rememberKey(filter: DocFilter): string | undefined {
  return isKeyable(filter) ? EJSON.stringify(filter, { relaxed: false }) : undefined;
}

const KEY_OPERATORS = new Set(["$eq", "$in", "$gt", "$gte", "$lt", "$lte"]);

/** A condition that a missing field and a null field fail alike (see keyTest). */
function isKeyCondition(condition: unknown): boolean {
  if (isKeyScalar(condition)) return true;
  if (!isPlainObject(condition)) return false;
  const operators = Object.entries(condition);
  return (
    operators.length > 0 &&
    operators.every(([operator, operand]) =>
      operator === "$in" ? Array.isArray(operand) && operand.every(isKeyScalar) : KEY_OPERATORS.has(operator) && isKeyScalar(operand),
    )
  );
}

function isKeyScalar(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date || value instanceof ObjectId) return true;
  return typeof value === "number" && !Number.isNaN(value);
}

function isKeyable(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return true;
  if (value instanceof Date || value instanceof ObjectId || value instanceof RegExp) return true;
  if (Array.isArray(value)) return value.every(isKeyable);
  return isPlainObject(value) && Object.values(value).every(isKeyable);
}
