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
