/**
 * One index over a collection's entries, kept in order: entries sorted by the index's fields (each
 * in its direction, in MongoDB's cross-type order with a missing field as null, see keyOrder.ts),
 * then by insertion order. One structure serves uniqueness, equality lookups, ranges and sorted
 * scans (queryPlan.ts decides which runs of it a query reads).
 *
 * Sorted buckets of at most 512 entries: a write is two binary searches and a short splice instead
 * of moving an array of the whole collection. The index holds the entries themselves (one pointer
 * per document) and compares the key values each entry carries (entry.ts: the collection's key
 * slots, Dates as numbers), never the documents, which may be cold (on disk, see docCache.ts).
 * Only a partial index's filter needs a document, when an entry is added (it is in memory then).
 *
 * Not multikey: a field holding an array is ordered as the array (indexes here are on scalars).
 */
import type { Query } from "mingo";
import { DuplicateKeyError } from "./duplicateKeyError.js";
import { keyAt, setKeyAt, type Entry } from "./entry.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { mingo } from "./lazyMingo.js";
import { compareKeys, fieldPath, valueAt } from "./keyOrder.js";

type Doc = Readonly<Record<string, unknown>>;
/** Monotone over the index order: true for every entry before (or after) a run, then false. */
export type Edge = (entry: Entry) => boolean;

const MAX_BUCKET = 512;
/** Key slots below this keep Dates as numbers (a bit per slot in `Entry.dates`). */
export const DATE_SLOTS = 30;

/** The value in an entry's key slot, as the document holds it (a Date again). */
export function slotValue(entry: Entry, slot: number): unknown {
  const value = keyAt(entry, slot);
  return slot < DATE_SLOTS && (entry.dates & (1 << slot)) !== 0 ? new Date(value as number) : value;
}

/** Order of two entries' values in one key slot (keyOrder.ts), Dates compared as times. */
export function compareSlots(a: Entry, b: Entry, slot: number): number {
  const bit = slot < DATE_SLOTS ? 1 << slot : 0;
  const aDate = (a.dates & bit) !== 0;
  const bDate = (b.dates & bit) !== 0;
  if (aDate && bDate) return compareTimes(keyAt(a, slot) as number, keyAt(b, slot) as number);
  if (!aDate && !bDate) return compareKeys(keyAt(a, slot), keyAt(b, slot));
  return compareKeys(slotValue(a, slot), slotValue(b, slot));
}

/** Order of an entry's value in a key slot against a value (a bound or a probe). */
export function compareSlotTo(entry: Entry, slot: number, value: unknown): number {
  if (slot < DATE_SLOTS && (entry.dates & (1 << slot)) !== 0) {
    if (value instanceof Date) return compareTimes(keyAt(entry, slot) as number, value.getTime());
    return compareKeys(slotValue(entry, slot), value);
  }
  return compareKeys(keyAt(entry, slot), value);
}

function compareTimes(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // Invalid Dates (NaN): ordered as keyOrder.ts orders them.
  return compareKeys(new Date(a), new Date(b));
}

export class OrderedIndex {
  readonly definition: IndexDefinition;
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  readonly partial: boolean;
  /** The collection's key slot of each field. */
  readonly slots: readonly number[];
  private readonly paths: readonly (readonly string[])[];
  private readonly filter: Query | undefined;
  private buckets: Entry[][] = [];

  constructor(definition: IndexDefinition, slots: readonly number[]) {
    this.definition = definition;
    this.fields = Object.keys(definition.keys);
    this.directions = Object.values(definition.keys);
    this.slots = slots;
    this.paths = this.fields.map(fieldPath);
    this.filter = definition.partialFilterExpression ? new (mingo().Query)(definition.partialFilterExpression) : undefined;
    this.partial = this.filter !== undefined;
  }

  /** Order of an entry's field `i` against a value, ascending (the index's direction not applied). */
  compareTo(entry: Entry, i: number, value: unknown): number {
    return compareSlotTo(entry, this.slots[i] ?? 0, value);
  }

  /** Order of two entries on fields `from` to `to` (excluded), in index direction (0: same key). */
  compareEntryKeys(a: Entry, b: Entry, from = 0, to = this.fields.length): number {
    for (let i = from; i < to; i++) {
      const order = compareSlots(a, b, this.slots[i] ?? 0);
      if (order !== 0) return order * (this.directions[i] ?? 1);
    }
    return 0;
  }

  /** Throws the server's duplicate-key error if `doc` would collide with another document. */
  checkUnique(collection: string, doc: Doc, idKey: string): void {
    if (!this.definition.unique || !this.covers(doc)) return;
    const probe = this.paths.map((path) => valueAt(doc, path));
    const order = (entry: Entry): number => {
      for (let i = 0; i < probe.length; i++) {
        const result = this.compareTo(entry, i, probe[i]);
        if (result !== 0) return result * (this.directions[i] ?? 1);
      }
      return 0;
    };
    for (const holder of this.scan((entry) => order(entry) < 0, (entry) => order(entry) > 0, false)) {
      if (holder.idKey !== idKey) throw new DuplicateKeyError(collection, this.definition.name, this.definition.keys);
    }
  }

  /** Adds an entry whose keys are set; `doc` is its document (for a partial index's filter). */
  add(entry: Entry, doc: Doc): void {
    if (!this.covers(doc)) return;
    const last = this.buckets.length - 1;
    const tail = this.buckets[last];
    if (!tail) return void this.buckets.push([entry]);
    // Most keys grow with time (expiry, receipt and creation dates, then insertion order): an entry
    // after the last one, which one comparison tells, needs no binary search.
    const appends = this.compareEntries(tail[tail.length - 1] as Entry, entry) < 0;
    const b = appends ? last : Math.min(last, this.firstBucket((bucket) => this.compareEntries(bucket[bucket.length - 1] as Entry, entry) > 0));
    const bucket = this.buckets[b] as Entry[];
    const at = appends ? bucket.length : firstIndex(bucket, (other) => this.compareEntries(other, entry) > 0);
    this.shareStrings(entry, bucket[at - 1] ?? bucket[at]);
    bucket.splice(at, 0, entry);
    if (bucket.length > MAX_BUCKET) this.buckets.splice(b, 1, bucket.slice(0, MAX_BUCKET / 2), bucket.slice(MAX_BUCKET / 2));
  }

  remove(entry: Entry): void {
    const at = this.find(entry);
    if (!at) return;
    const bucket = this.buckets[at.bucket] as Entry[];
    bucket.splice(at.offset, 1);
    if (bucket.length === 0) this.buckets.splice(at.bucket, 1);
  }

  /** `next` takes the place of `previous` (same `_id`, same insertion rank). */
  replace(previous: Entry, next: Entry, nextDoc: Doc): void {
    const at = this.compareEntryKeys(previous, next) === 0 && this.covers(nextDoc) ? this.find(previous) : undefined;
    if (at) {
      this.shareStrings(next, previous);
      (this.buckets[at.bucket] as Entry[])[at.offset] = next;
    } else {
      this.remove(previous);
      this.add(next, nextDoc);
    }
  }

  /** The entries between two edges, in index order (or reversed). Read it whole before any write. */
  *scan(before: Edge, after: Edge, reverse: boolean): Generator<Entry> {
    const start = this.position((entry) => !before(entry));
    const end = this.position(after);
    const last = Math.min(end.bucket, this.buckets.length - 1);
    for (let k = 0; k <= last - start.bucket; k++) {
      const b = reverse ? last - k : start.bucket + k;
      const bucket = this.buckets[b] as Entry[];
      const from = b === start.bucket ? start.offset : 0;
      const to = b === end.bucket ? end.offset : bucket.length;
      if (reverse) for (let i = to - 1; i >= from; i--) yield bucket[i] as Entry;
      else for (let i = from; i < to; i++) yield bucket[i] as Entry;
    }
  }

  /**
   * Strings read from disk are new objects each time; a neighbour in the index with the same key
   * string (a conversation's id, a status) lends its copy, so equal keys are stored once.
   */
  private shareStrings(entry: Entry, neighbour: Entry | undefined): void {
    if (!neighbour) return;
    for (const slot of this.slots) {
      const value = keyAt(entry, slot);
      const other = keyAt(neighbour, slot);
      if (typeof value === "string" && value === other) setKeyAt(entry, slot, other);
    }
  }

  /** The first position where the monotone `test` holds (bucket count and 0 if nowhere). */
  private position(test: Edge): { bucket: number; offset: number } {
    const bucket = this.firstBucket((entries) => test(entries[entries.length - 1] as Entry));
    const entries = this.buckets[bucket];
    return entries ? { bucket, offset: firstIndex(entries, test) } : { bucket, offset: 0 };
  }

  private covers(doc: Doc): boolean {
    return this.filter === undefined || this.filter.test(doc);
  }

  private compareEntries(a: Entry, b: Entry): number {
    return this.compareEntryKeys(a, b) || a.seq - b.seq;
  }

  private find(entry: Entry): { bucket: number; offset: number } | undefined {
    const b = this.firstBucket((bucket) => this.compareEntries(bucket[bucket.length - 1] as Entry, entry) >= 0);
    const bucket = this.buckets[b];
    if (!bucket) return undefined;
    const offset = firstIndex(bucket, (other) => this.compareEntries(other, entry) >= 0);
    return bucket[offset]?.idKey === entry.idKey ? { bucket: b, offset } : undefined;
  }

  /** The first bucket for which `test` holds (`test` is monotone over the buckets), or the count. */
  private firstBucket(test: (bucket: Entry[]) => boolean): number {
    return firstIndex(this.buckets, test);
  }
}

/** Binary search: the first position where the monotone `test` holds, or the length. */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}
