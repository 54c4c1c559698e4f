/**
 * Applies a MongoDB update document, copy-on-write: the stored document is never touched; the result
 * is a new document that shares every unchanged field with it (the store never mutates a document it
 * holds, so sharing is safe, and an update costs what it changes rather than the whole document).
 *
 * `$set`, `$unset`, `$inc`, `$push` (a value or `{ $each }`) and `$pull` of documents matching a
 * query, on paths through documents, are done here; any other operator, or a path through an array or a scalar, goes to mingo's updater on a
 * full copy. mingo has no `$setOnInsert`: on the insert branch of an upsert it is applied like
 * `$set`, and on the update branch it is ignored, as the server does. The upsert's new document
 * starts from the filter's equality conditions (`{ a: 1, "b.c": 2, d: { $eq: 3 } }` ->
 * `{ a: 1, b: { c: 2 }, d: 3 }`).
 */
import type { Modifier } from "mingo/updater";
import type { DocFilter, DocUpdate } from "../../ports/docCollection.js";
import { canonicalDoc, canonicalValue, isPlainObject } from "./canonicalCopy.js";
import { rebuilt } from "./fastProperties.js";
import { compileFilter } from "./compileFilter.js";
import { UnsupportedOperationError } from "./embeddedErrors.js";
import { mingoUpdater } from "./lazyMingo.js";
import { sameValue } from "./sameValue.js";
import { isEqualityValue } from "./valueKey.js";

type Doc = Record<string, unknown>;
type Fields = { readonly [key: string]: unknown };

const OPERATORS = new Set(["$set", "$setOnInsert", "$unset", "$inc", "$push", "$pull", "$addToSet", "$min", "$max"]);
const FAST_OPERATORS = new Set(["$set", "$unset", "$inc", "$push", "$pull"]);

/** The update as this module applies it: $setOnInsert folded into $set (inserting) or dropped. */
function normalize(change: DocUpdate, inserting: boolean): DocUpdate {
  for (const key of Object.keys(change)) {
    if (!OPERATORS.has(key)) throw new UnsupportedOperationError(`update operator ${key} (use $set, $inc, $push…)`);
  }
  const { $setOnInsert, ...rest } = change;
  if (!inserting || !$setOnInsert) return rest;
  const set: Doc = { ...rest.$set };
  for (const [path, value] of Object.entries($setOnInsert)) {
    // The server refuses the same path in two operators of one update (error code 40).
    if (Object.hasOwn(set, path)) throw new UnsupportedOperationError(`the same path in $set and $setOnInsert`);
    set[path] = value;
  }
  return { ...rest, $set: set };
}

/** The updated document, or undefined when the update changes nothing. `doc` is left as it was. */
export function updatedCopy(doc: Readonly<Doc>, change: DocUpdate, inserting: boolean): Doc | undefined {
  const normalized = normalize(change, inserting);
  const operators = Object.entries(normalized).filter(([, fields]) => fields !== undefined && Object.keys(fields as Fields).length > 0);
  if (operators.length === 0) return undefined;
  if (operators.every(([operator]) => FAST_OPERATORS.has(operator))) {
    const result = new CopyOnWrite(doc).apply(operators as [string, Fields][]);
    if (result !== FALLBACK) return result;
  }
  return withMingo(doc, normalized);
}

const FALLBACK = Symbol("fallback");

/** One update's copy: each document on a changed path is copied once, the rest is shared. */
class CopyOnWrite {
  private readonly root: Doc;
  private readonly copied = new Set<Doc>();
  private changed = false;
  /** A field was unset: the result is rebuilt, see fastProperties.ts. */
  private unset = false;

  constructor(original: Readonly<Doc>) {
    this.root = { ...original };
    this.copied.add(this.root);
  }

  apply(operators: readonly [string, Fields][]): Doc | undefined | typeof FALLBACK {
    for (const [operator, fields] of operators) {
      for (const [path, operand] of Object.entries(fields)) {
        const parts = path.split(".");
        const parent = this.parentOf(parts, operator !== "$unset");
        if (parent === FALLBACK) return FALLBACK;
        if (parent === undefined) continue; // $unset of a path that is not there
        const last = parts[parts.length - 1] ?? path;
        if (this.applyOne(operator, parent, last, operand) === FALLBACK) return FALLBACK;
      }
    }
    if (!this.changed) return undefined;
    return this.unset ? rebuilt(this.root, this.copied) : this.root;
  }

  /** The (copied) document holding the path's last field; missing documents on the way are created, or undefined. */
  private parentOf(parts: readonly string[], create: boolean): Doc | undefined | typeof FALLBACK {
    let current = this.root;
    for (const part of parts.slice(0, -1)) {
      const next = current[part];
      if (next === undefined) {
        if (!create) return undefined;
        const created: Doc = {};
        this.copied.add(created);
        current[part] = created;
        current = created;
      } else if (isPlainObject(next)) {
        current = this.own(current, part, next);
      } else {
        return FALLBACK; // through an array or a scalar: mingo's (and the server's) rules
      }
    }
    return current;
  }

  private own(parent: Doc, key: string, child: Doc): Doc {
    if (this.copied.has(child)) return child;
    const copy = { ...child };
    this.copied.add(copy);
    parent[key] = copy;
    return copy;
  }

  private applyOne(operator: string, parent: Doc, key: string, operand: unknown): void | typeof FALLBACK {
    const current = parent[key];
    if (operator === "$set") {
      const value = canonicalValue(operand);
      if (value === undefined) return FALLBACK;
      if (Object.hasOwn(parent, key) && sameValue(current, value)) return;
      parent[key] = value;
    } else if (operator === "$unset") {
      if (!Object.hasOwn(parent, key)) return;
      delete parent[key];
      this.unset = true;
    } else if (operator === "$inc") {
      if (typeof operand !== "number" || (current !== undefined && typeof current !== "number")) return FALLBACK;
      if (current !== undefined && operand === 0) return;
      parent[key] = (current ?? 0) + operand;
    } else {
      return operator === "$push" ? this.push(parent, key, operand) : this.pull(parent, key, operand);
    }
    this.changed = true;
  }

  /** `$pull` with a query on the array's documents (`{ id: { $in: [...] } }`); other forms are mingo's. */
  private pull(parent: Doc, key: string, condition: unknown): void | typeof FALLBACK {
    const current = parent[key];
    if (current === undefined) return;
    if (!Array.isArray(current) || !isPlainObject(condition) || Object.keys(condition).some((k) => k.startsWith("$"))) return FALLBACK;
    const matches = compileFilter(condition);
    const kept = current.filter((item) => !(isPlainObject(item) && matches(item)));
    if (kept.length === current.length) return;
    parent[key] = kept;
    this.changed = true;
  }

  private push(parent: Doc, key: string, operand: unknown): void | typeof FALLBACK {
    const current = parent[key];
    if (current !== undefined && !Array.isArray(current)) return FALLBACK;
    const each = isPlainObject(operand) && Object.keys(operand).some((k) => k.startsWith("$")) ? eachOf(operand) : [operand];
    if (each === undefined) return FALLBACK;
    parent[key] = [...(current ?? []), ...each.map((item) => canonicalValue(item) ?? null)];
    this.changed = true;
  }
}

/** `{ $each: [...] }` alone; other modifiers ($slice, $sort, $position) are mingo's. */
function eachOf(operand: Doc): unknown[] | undefined {
  const keys = Object.keys(operand);
  const each = operand["$each"];
  return keys.length === 1 && Array.isArray(each) ? each : undefined;
}

function toModifier(change: DocUpdate): Modifier<Doc> {
  const modifier: Modifier<Doc> = {};
  if (change.$set) modifier.$set = { ...change.$set };
  if (change.$unset) modifier.$unset = Object.fromEntries(Object.keys(change.$unset).map((path) => [path, ""] as const));
  if (change.$inc) modifier.$inc = { ...change.$inc };
  if (change.$push) modifier.$push = { ...change.$push };
  if (change.$pull) modifier.$pull = { ...change.$pull };
  if (change.$addToSet) modifier.$addToSet = { ...change.$addToSet };
  if (change.$min) modifier.$min = { ...change.$min };
  if (change.$max) modifier.$max = { ...change.$max };
  return modifier;
}

function withMingo(doc: Readonly<Doc>, change: DocUpdate): Doc | undefined {
  const copy = canonicalDoc(doc);
  return mingoUpdater().update(copy, toModifier(change)).length > 0 ? canonicalDoc(copy) : undefined;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split(".");
  const last = parts.pop() ?? path;
  let current = doc;
  for (const part of parts) {
    const next = current[part];
    if (isPlainObject(next)) {
      current = next;
    } else {
      const created: Doc = {};
      current[part] = created;
      current = created;
    }
  }
  current[last] = value;
}

/** The fields an upsert's filter pins with equality, as the seed of the inserted document. */
export function seedFromFilter(filter: DocFilter): Doc {
  const seed: Doc = {};
  collectEqualities(filter, seed);
  return seed;
}

function collectEqualities(filter: DocFilter, seed: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value)) {
      for (const part of value) if (isFilter(part)) collectEqualities(part, seed);
      continue;
    }
    if (key.startsWith("$")) continue;
    if (isEqualityValue(value)) setPath(seed, key, value);
    else if (isFilter(value) && Object.hasOwn(value, "$eq")) setPath(seed, key, value["$eq"]);
  }
}

function isFilter(value: unknown): value is DocFilter {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
