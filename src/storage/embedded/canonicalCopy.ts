/**
 * Copies a value into the form a BSON round trip would give it (what MongoDB hands back), without
 * the round trip: plain objects and arrays are copied field by field, Dates and ObjectIds are
 * re-created, `undefined` fields are dropped (and become null inside arrays), as `bson` does. Any
 * other value (Binary, Long, RegExp, a Map, a bigint, a class instance…) goes through `bson` itself,
 * so the result is always exactly what `deserialize(serialize(value))` would give.
 *
 * The embedded store copies every value that crosses its port with this, in on writes and out on
 * reads: the documents it keeps are never reachable by callers, so they can never be mutated.
 */
import { deserialize, ObjectId, serialize } from "bson";

type Doc = Record<string, unknown>;

const MISSING = Symbol("missing");

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A document's canonical copy. */
export function canonicalDoc(doc: Readonly<Doc>): Doc {
  const out: Doc = {};
  for (const key of Object.keys(doc)) {
    const value = copyValue(doc[key]);
    if (value !== MISSING) out[key] = value;
  }
  return out;
}

/** A single value's canonical copy (a field's new value in an update); undefined stays undefined. */
export function canonicalValue(value: unknown): unknown {
  const copied = copyValue(value);
  return copied === MISSING ? undefined : copied;
}

function copyValue(value: unknown): unknown {
  if (value === undefined) return MISSING;
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof ObjectId) return new ObjectId(value.id);
  if (Array.isArray(value)) return copyArray(value);
  if (isPlainObject(value) && !Object.hasOwn(value, "toBSON")) return canonicalDoc(value);
  return throughBson(value);
}

function copyArray(array: readonly unknown[]): unknown {
  const out: unknown[] = [];
  for (const item of array) {
    const copied = item === undefined ? null : copyValue(item);
    // BSON leaves out what it cannot store (a function): let it decide where the rest lands.
    if (copied === MISSING) return throughBson(array);
    out.push(copied);
  }
  return out;
}

/** The exact BSON round trip, for the rare types not copied by hand (MISSING when BSON drops it). */
function throughBson(value: unknown): unknown {
  const wrapped = deserialize(serialize({ v: value }));
  return Object.hasOwn(wrapped, "v") ? wrapped["v"] : MISSING;
}
