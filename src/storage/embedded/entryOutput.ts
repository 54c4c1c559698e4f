/**
 * What a reader gets of a stored entry: a private copy, projected. (Sorting and paging happen as
 * the entries are selected, see queryPlan.ts.)
 */
import { canonicalDoc, canonicalValue } from "./canonicalCopy.js";
import { mingo } from "./lazyMingo.js";

type Doc = Readonly<Record<string, unknown>>;
type Projection = { readonly [key: string]: 0 | 1 };

/** A fresh copy of a stored document, so callers can never change the store's state by mutation. */
export function copyOut(doc: Doc): Record<string, unknown> {
  return canonicalDoc(doc);
}

/**
 * The projected copy of a stored document. An inclusion of top-level fields (`{ subjectId: 1 }`,
 * what repositories ask when they need a few fields of a large document) copies only those fields,
 * in the document's own order as MongoDB returns them; any other projection is mingo's, on a copy.
 */
export function copyOutProjected(doc: Doc, projection: Projection | undefined): Record<string, unknown> {
  if (projection === undefined) return copyOut(doc);
  const fields = topLevelInclusion(projection);
  if (fields === undefined) return project(copyOut(doc), projection);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(doc)) {
    if (!fields.has(key)) continue;
    const value = canonicalValue(doc[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The fields of an inclusion-only projection of top-level fields, with `_id`; else undefined. */
function topLevelInclusion(projection: Projection): Set<string> | undefined {
  const keys = Object.keys(projection);
  if (keys.length === 0) return undefined;
  for (const key of keys) if (projection[key] !== 1 || key.includes(".") || key.startsWith("$")) return undefined;
  return new Set(["_id", ...keys]);
}

function project(doc: Record<string, unknown>, projection: Projection | undefined): Record<string, unknown> {
  if (projection === undefined || Object.keys(projection).length === 0) return doc;
  return mingo().find([doc], {}, { ...projection }).all()[0] ?? doc;
}
