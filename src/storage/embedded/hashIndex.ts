/**
 * One index over the in-memory documents: key tuple -> ids. Kept for every index (not only unique
 * ones) so that equality lookups on indexed fields avoid a full scan. A compound index also maps its
 * first field alone, as the server uses an index prefix: `{ conversationId, status }` is served by
 * `{ conversationId: 1, status: 1, sentAt: 1 }` without scanning the collection.
 */
import { Query } from "mingo";
import { DuplicateKeyError } from "./duplicateKeyError.js";
import type { IndexDefinition } from "./indexDefinition.js";
import { valueAtPath, valueKey } from "./valueKey.js";

type Doc = Readonly<Record<string, unknown>>;

export class HashIndex {
  readonly definition: IndexDefinition;
  readonly fields: readonly string[];
  private readonly partial: Query | undefined;
  private readonly entries = new Map<string, Set<string>>();
  /** First field's key -> ids, for compound (non-partial) indexes only. */
  private readonly byFirstField: Map<string, Set<string>> | undefined;

  constructor(definition: IndexDefinition) {
    this.definition = definition;
    this.fields = Object.keys(definition.keys);
    this.partial = definition.partialFilterExpression ? new Query(definition.partialFilterExpression) : undefined;
    this.byFirstField = this.fields.length > 1 && !this.partial ? new Map() : undefined;
  }

  /** The index key of a document, or undefined if a partial index leaves the document out. */
  keyOf(doc: Doc): string | undefined {
    if (this.partial && !this.partial.test(doc)) return undefined;
    if (this.fields.length === 1) return valueKey(valueAtPath(doc, this.fields[0] ?? ""));
    return JSON.stringify(this.fields.map((field) => valueKey(valueAtPath(doc, field))));
  }

  /** The key for a filter that pins every indexed field to a plain value (partial indexes never qualify). */
  keyOfEquality(values: readonly unknown[]): string | undefined {
    if (this.partial) return undefined;
    if (values.length === 1) return valueKey(values[0]);
    return JSON.stringify(values.map(valueKey));
  }

  /** Throws the server's duplicate-key error if `doc` would collide with another document. */
  checkUnique(collection: string, doc: Doc, idKey: string): void {
    if (!this.definition.unique) return;
    const key = this.keyOf(doc);
    if (key === undefined) return;
    const holders = this.entries.get(key);
    if (!holders) return;
    for (const holder of holders) {
      if (holder !== idKey) throw new DuplicateKeyError(collection, this.definition.name, this.definition.keys);
    }
  }

  add(doc: Doc, idKey: string): void {
    const key = this.keyOf(doc);
    if (key === undefined) return;
    addTo(this.entries, key, idKey);
    if (this.byFirstField) addTo(this.byFirstField, valueKey(valueAtPath(doc, this.fields[0] ?? "")), idKey);
  }

  remove(doc: Doc, idKey: string): void {
    const key = this.keyOf(doc);
    if (key === undefined) return;
    removeFrom(this.entries, key, idKey);
    if (this.byFirstField) removeFrom(this.byFirstField, valueKey(valueAtPath(doc, this.fields[0] ?? "")), idKey);
  }

  lookup(key: string): ReadonlySet<string> {
    return this.entries.get(key) ?? new Set();
  }

  /**
   * The ids whose first indexed field equals `value` (a plain value), for a filter that pins only a
   * prefix of a compound index; undefined when this index cannot answer that (single-field or partial).
   */
  lookupFirstField(value: unknown): ReadonlySet<string> | undefined {
    if (!this.byFirstField) return undefined;
    return this.byFirstField.get(valueKey(value)) ?? new Set();
  }
}

function addTo(map: Map<string, Set<string>>, key: string, idKey: string): void {
  let holders = map.get(key);
  if (!holders) {
    holders = new Set();
    map.set(key, holders);
  }
  holders.add(idKey);
}

function removeFrom(map: Map<string, Set<string>>, key: string, idKey: string): void {
  const holders = map.get(key);
  if (!holders) return;
  holders.delete(idKey);
  if (holders.size === 0) map.delete(key);
}
