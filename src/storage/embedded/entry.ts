/**
 * A stored document as the in-memory collection, its indexes and its readers pass it around.
 *
 * One `Entry` per version of a document: a write makes a new entry (indexes swap the pointer), so
 * an entry always stands for the same content, whether that content is in memory (`doc`, when
 * hot) or only on disk (`segment`/`offset`/`length`, when cold; see docCache.ts). What the indexes
 * order by is kept here too (key slots), so ordering, ranges and uniqueness never need the document.
 */
import type { Segment } from "./segment.js";

type Doc = Readonly<Record<string, unknown>>;

/** A document to store under its `_id` key. */
export interface Stored {
  readonly idKey: string;
  /** Internal and never mutated: matched against filters, copied for callers. */
  readonly doc: Doc;
}

/** Key slots held in the entry's own fields; more go to an array (rare: a collection indexes few fields). */
export const INLINE_KEYS = 6;

export class Entry {
  readonly idKey: string;
  /** Insertion rank, kept when the document is replaced: the natural order, and the tie-break in indexes. */
  readonly seq: number;
  /**
   * The values of the collection's indexed fields (memoryCollection.ts's key slots: `keyAt`), in
   * the entry's own fields rather than an array of their own (a million entries in a large store),
   * Dates as their time (bit `i` of `dates` set), so that keys are numbers, not Date objects.
   */
  k0: unknown;
  k1: unknown;
  k2: unknown;
  k3: unknown;
  k4: unknown;
  k5: unknown;
  more: unknown[] | undefined;
  dates: number;
  /** The document while it is hot; undefined once evicted (read it through the DocCache). */
  doc: Doc | undefined;
  /** Where this version's BSON is on disk, if it has been written there (snapshot or cold file). */
  segment: Segment | undefined;
  offset: number;
  /** The BSON size: exact once on disk; before, an estimate (the size of the write that made it). The cache budget counts it. */
  length: number;

  constructor(idKey: string, seq: number, doc: Doc, bytes: number) {
    this.idKey = idKey;
    this.seq = seq;
    this.k0 = null;
    this.k1 = null;
    this.k2 = null;
    this.k3 = null;
    this.k4 = null;
    this.k5 = null;
    this.more = undefined;
    this.dates = 0;
    this.doc = doc;
    this.segment = undefined;
    this.offset = 0;
    this.length = bytes;
  }
}

/** The raw value in key slot `slot` (a Date's time when the slot's `dates` bit is set). */
export function keyAt(entry: Entry, slot: number): unknown {
  switch (slot) {
    case 0:
      return entry.k0;
    case 1:
      return entry.k1;
    case 2:
      return entry.k2;
    case 3:
      return entry.k3;
    case 4:
      return entry.k4;
    case 5:
      return entry.k5;
    default:
      return entry.more?.[slot - INLINE_KEYS] ?? null;
  }
}

export function setKeyAt(entry: Entry, slot: number, value: unknown): void {
  switch (slot) {
    case 0:
      entry.k0 = value;
      break;
    case 1:
      entry.k1 = value;
      break;
    case 2:
      entry.k2 = value;
      break;
    case 3:
      entry.k3 = value;
      break;
    case 4:
      entry.k4 = value;
      break;
    case 5:
      entry.k5 = value;
      break;
    default:
      (entry.more ??= [])[slot - INLINE_KEYS] = value;
  }
}
