/**
 * One index over the in-memory documents: key tuple -> ids. Kept for every index (not only unique
 * ones) so that equality lookups on indexed fields avoid a full scan.
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

  constructor(definition: IndexDefinition) {
    this.definition = definition;
    this.fields = Object.keys(definition.keys);
    this.partial = definition.partialFilterExpression ? new Query(definition.partialFilterExpression) : undefined;
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
    let holders = this.entries.get(key);
    if (!holders) {
      holders = new Set();
      this.entries.set(key, holders);
    }
    holders.add(idKey);
  }

  remove(doc: Doc, idKey: string): void {
    const key = this.keyOf(doc);
    if (key === undefined) return;
    const holders = this.entries.get(key);
    if (!holders) return;
    holders.delete(idKey);
    if (holders.size === 0) this.entries.delete(key);
  }

  lookup(key: string): ReadonlySet<string> {
    return this.entries.get(key) ?? new Set();
  }
}
