/**
 * The order of index keys and sorts: MongoDB's cross-type order as mingo implements it (`compare`,
 * which the store's sorts already use), a missing field sorting as null, and NaN before every other
 * number (mingo's plain `<` would call NaN equal to everything, which no sorted structure survives).
 */
import { compare } from "mingo/util";

export function compareKeys(a: unknown, b: unknown): number {
  // Two strings, or two numbers other than NaN (most keys, and index writes compare many): the
  // order mingo gives them, without its type dispatch.
  if ((typeof a === "string" && typeof b === "string") || (typeof a === "number" && typeof b === "number")) {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
  }
  if (typeof a === "number" && typeof b === "number" && (Number.isNaN(a) || Number.isNaN(b))) {
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
  }
  return compare(a ?? null, b ?? null);
}

/** A dotted path split once, for `valueAt`. */
export function fieldPath(path: string): readonly string[] {
  return path.split(".");
}

/** Reads a split path without traversing arrays: indexes here are not multikey. */
export function valueAt(doc: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let current: unknown = doc;
  for (const part of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = Reflect.get(current, part);
  }
  return current;
}
