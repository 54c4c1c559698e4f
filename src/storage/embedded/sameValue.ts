/**
 * Equality of two stored (canonical) values as the server sees it for "did this update change the
 * document?": same type and value, Dates by time, ObjectIds by bytes, documents field by field in
 * the same order (BSON documents are ordered), arrays item by item.
 */
import { ObjectId } from "bson";
import { isPlainObject } from "./canonicalCopy.js";

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof ObjectId || b instanceof ObjectId) return a instanceof ObjectId && b instanceof ObjectId && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameItems(a, b);
  if (isPlainObject(a) && isPlainObject(b)) return sameFields(a, b);
  return false; // other BSON types: treated as changed (a rewrite of an equal value is harmless)
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
}

function sameFields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  const other = Object.keys(b);
  return keys.length === other.length && keys.every((key, i) => key === other[i] && sameValue(a[key], b[key]));
}
