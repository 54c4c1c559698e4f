/** A stored document as the in-memory collection, its indexes and its readers pass it around. */

/** A document to store under its `_id` key. */
export interface Stored {
  readonly idKey: string;
  /** Internal and never mutated: matched against filters, copied for callers. */
  readonly doc: Readonly<Record<string, unknown>>;
}

export interface Entry extends Stored {
  /** Insertion rank, kept when the document is replaced: the natural order, and the tie-break in indexes. */
  readonly seq: number;
}
