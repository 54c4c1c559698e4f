/**
 * Applies a MongoDB update document to a copy of a stored document, with mingo doing the operators.
 * mingo has no `$setOnInsert`: on the insert branch of an upsert it is applied like `$set`, and on
 * the update branch it is ignored, as the server does. The upsert's new document starts from the
 * filter's equality conditions (`{ a: 1, "b.c": 2, d: { $eq: 3 } }` -> `{ a: 1, b: { c: 2 }, d: 3 }`).
 */
import { update, type Modifier } from "mingo/updater";
import type { DocFilter, DocUpdate } from "../../ports/docCollection.js";
import { UnsupportedOperationError } from "./embeddedErrors.js";
import { isEqualityValue } from "./valueKey.js";

type Doc = Record<string, unknown>;
type Fields = { readonly [key: string]: unknown };

const OPERATORS = new Set(["$set", "$setOnInsert", "$unset", "$inc", "$push", "$pull", "$addToSet", "$min", "$max"]);

function copyFields(fields: Fields | undefined): Doc | undefined {
  return fields === undefined ? undefined : { ...fields };
}

function toModifier(change: DocUpdate, inserting: boolean): Modifier<Doc> {
  const set = { ...change.$set };
  if (inserting && change.$setOnInsert) {
    for (const [path, value] of Object.entries(change.$setOnInsert)) {
      // The server refuses the same path in two operators of one update (error code 40).
      if (Object.hasOwn(set, path)) throw new UnsupportedOperationError(`the same path in $set and $setOnInsert`);
      set[path] = value;
    }
  }
  const modifier: Modifier<Doc> = {};
  if (Object.keys(set).length > 0) modifier.$set = set;
  if (change.$unset) modifier.$unset = Object.fromEntries(Object.keys(change.$unset).map((path) => [path, ""] as const));
  if (change.$inc) modifier.$inc = { ...change.$inc };
  const push = copyFields(change.$push);
  if (push) modifier.$push = push;
  const pull = copyFields(change.$pull);
  if (pull) modifier.$pull = pull;
  const addToSet = copyFields(change.$addToSet);
  if (addToSet) modifier.$addToSet = addToSet;
  const min = copyFields(change.$min);
  if (min) modifier.$min = min;
  const max = copyFields(change.$max);
  if (max) modifier.$max = max;
  return modifier;
}

/** Mutates `doc` and returns whether anything changed. */
export function applyUpdate(doc: Doc, change: DocUpdate, inserting: boolean): boolean {
  for (const key of Object.keys(change)) {
    if (!OPERATORS.has(key)) throw new UnsupportedOperationError(`update operator ${key} (use $set, $inc, $push…)`);
  }
  const modifier = toModifier(change, inserting);
  if (Object.keys(modifier).length === 0) return false;
  return update(doc, modifier).length > 0;
}

function isPlainDoc(value: unknown): value is Doc {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split(".");
  const last = parts.pop() ?? path;
  let current = doc;
  for (const part of parts) {
    const next = current[part];
    if (isPlainDoc(next)) {
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
