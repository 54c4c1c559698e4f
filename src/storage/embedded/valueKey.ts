/**
 * A canonical string for a value, used as the key of hash indexes and of the `_id` map. Two values
 * the server treats as equal in an index (1 and 1.0; a missing field and null; two ObjectIds with
 * the same hex) get the same key; values of different types never collide.
 */
import { EJSON, ObjectId } from "bson";

export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return "n";
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "number") return `d${Object.is(value, -0) ? 0 : value}`;
  if (typeof value === "boolean") return value ? "b1" : "b0";
  if (typeof value === "bigint") return `d${value}`;
  if (value instanceof Date) return `t${value.getTime()}`;
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  return `j${EJSON.stringify(value, { relaxed: false })}`;
}

/** Reads a dotted path (`a.b.c`) without traversing arrays: indexes here are not multikey. */
export function valueAtPath(doc: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = Reflect.get(current, part);
  }
  return current;
}

/** Is this filter value a plain equality (not an operator object like `{ $in: [...] }`)? */
export function isEqualityValue(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (value instanceof Date || value instanceof ObjectId) return true;
  if (Array.isArray(value) || value instanceof RegExp) return false;
  return !Object.keys(value).some((key) => key.startsWith("$"));
}

/**
 * A document's key in its collection's `_id` map: a string id is its own key (most ids are
 * strings, and then the key is the id itself rather than a second string per document, which
 * matters when a million documents are cold and only their keys stay in memory); any other id,
 * or a string starting with NUL, is NUL followed by its valueKey, so no two ids share a key.
 */
export function idKeyOf(value: unknown): string {
  if (typeof value === "string" && value.charCodeAt(0) !== 0) return value;
  return `\u0000${valueKey(value)}`;
}

/** The `_id` an idKeyOf key stands for, when the key says it exactly (strings and ObjectIds). */
export function idFromKey(key: string): { readonly id: unknown } | undefined {
  if (key.charCodeAt(0) !== 0) return { id: key };
  if (key[1] === "s") return { id: key.slice(2) };
  if (key[1] === "o") return { id: ObjectId.createFromHexString(key.slice(2)) };
  return undefined;
}
