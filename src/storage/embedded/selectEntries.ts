/**
 * Sorting, paging and projection for reads, applied to the matching entries. Sorting compares
 * values in MongoDB's cross-type order (mingo's `compare`), with a missing field sorting as null.
 */
import { deserialize } from "bson";
import { find } from "mingo";
import { compare } from "mingo/util";
import type { DocSort } from "../../ports/docCollection.js";
import type { Entry } from "./memoryCollection.js";
import { valueAtPath } from "./valueKey.js";

export interface SelectOptions {
  readonly sort?: DocSort | undefined;
  readonly skip?: number | undefined;
  readonly limit?: number | undefined;
}

export function sortEntries(entries: Entry[], sort: DocSort | undefined): Entry[] {
  const fields = Object.entries(sort ?? {});
  if (fields.length === 0) return entries;
  return entries.sort((a, b) => {
    for (const [field, direction] of fields) {
      const order = compare(valueAtPath(a.doc, field) ?? null, valueAtPath(b.doc, field) ?? null);
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}

export function selectEntries(entries: Entry[], options: SelectOptions): Entry[] {
  const sorted = sortEntries(entries, options.sort);
  const skip = options.skip ?? 0;
  // The driver treats limit 0 as "no limit".
  const end = options.limit === undefined || options.limit === 0 ? undefined : skip + options.limit;
  return sorted.slice(skip, end);
}

/** A fresh copy of the stored document, so callers can never change the store's state by mutation. */
export function copyOf(entry: Entry): Record<string, unknown> {
  return deserialize(entry.bytes);
}

export function project(
  doc: Record<string, unknown>,
  projection: { readonly [key: string]: 0 | 1 } | undefined,
): Record<string, unknown> {
  if (projection === undefined || Object.keys(projection).length === 0) return doc;
  return find([doc], {}, { ...projection }).all()[0] ?? doc;
}
