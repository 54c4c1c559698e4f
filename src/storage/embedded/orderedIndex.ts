/**
 * One index over the in-memory documents, kept in order: entries sorted by the index's fields (each
 * in its direction, in MongoDB's cross-type order with a missing field as null, see keyOrder.ts),
 * then by insertion order. One structure serves uniqueness, equality lookups, ranges and sorted
 * scans (queryPlan.ts decides which runs of it a query reads).
 *
 * Sorted buckets of at most 512 entries: a write is two binary searches and a short splice instead
 * of moving an array of the whole collection. The index holds the stored entries themselves (one
 * pointer per document): no key strings and no per-key sets, which cost more than the documents
 * they pointed to when every key was unique (timestamps).
 *
 * Not multikey: a field holding an array is ordered as the array (indexes here are on scalars).
 */
import { Query } from "mingo";
import { DuplicateKeyError } from "./duplicateKeyError.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { compareKeys, fieldPath, valueAt } from "./keyOrder.js";
import type { Entry } from "./entry.js";

type Doc = Readonly<Record<string, unknown>>;
/** Monotone over the index order: true for every entry before (or after) a run, then false. */
export type Edge = (entry: Entry) => boolean;

const MAX_BUCKET = 512;

export class OrderedIndex {
  readonly definition: IndexDefinition;
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  readonly partial: boolean;
  private readonly paths: readonly (readonly string[])[];
  private readonly filter: Query | undefined;
  private buckets: Entry[][] = [];

  constructor(definition: IndexDefinition) {
    this.definition = definition;
    this.fields = Object.keys(definition.keys);
    this.directions = Object.values(definition.keys);
    this.paths = this.fields.map(fieldPath);
    this.filter = definition.partialFilterExpression ? new Query(definition.partialFilterExpression) : undefined;
    this.partial = this.filter !== undefined;
  }

  /** The value of indexed field `i` in a document. */
  valueOf(doc: Doc, i: number): unknown {
    return valueAt(doc, this.paths[i] ?? []);
  }

  /** Order of two documents on fields `from` to `to` (excluded), in index direction (0: same key). */
  compareDocs(a: Doc, b: Doc, from = 0, to = this.fields.length): number {
    for (let i = from; i < to; i++) {
      const order = compareKeys(this.valueOf(a, i), this.valueOf(b, i));
      if (order !== 0) return order * (this.directions[i] ?? 1);
    }
    return 0;
  }

  /** Throws the server's duplicate-key error if `doc` would collide with another document. */
  checkUnique(collection: string, doc: Doc, idKey: string): void {
    if (!this.definition.unique || !this.covers(doc)) return;
    const before: Edge = (entry) => this.compareDocs(entry.doc, doc) < 0;
    const after: Edge = (entry) => this.compareDocs(entry.doc, doc) > 0;
    for (const holder of this.scan(before, after, false)) {
      if (holder.idKey !== idKey) throw new DuplicateKeyError(collection, this.definition.name, this.definition.keys);
    }
  }

  add(entry: Entry): void {
    if (!this.covers(entry.doc)) return;
    const last = this.buckets.length - 1;
    const b = Math.min(last, this.firstBucket((bucket) => this.compareEntries(bucket[bucket.length - 1] as Entry, entry) > 0));
    if (b < 0) return void this.buckets.push([entry]);
    const bucket = this.buckets[b] as Entry[];
    bucket.splice(firstIndex(bucket, (other) => this.compareEntries(other, entry) > 0), 0, entry);
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
  replace(previous: Entry, next: Entry): void {
    const at = this.covers(previous.doc) && this.covers(next.doc) && this.compareDocs(previous.doc, next.doc) === 0 ? this.find(previous) : undefined;
    if (at) (this.buckets[at.bucket] as Entry[])[at.offset] = next;
    else {
      this.remove(previous);
      this.add(next);
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
    return this.compareDocs(a.doc, b.doc) || a.seq - b.seq;
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
