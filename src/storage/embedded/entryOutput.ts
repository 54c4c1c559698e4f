/**
 * What a reader gets of a stored entry: a private copy, projected. (Sorting and paging happen as
 * the entries are selected, see queryPlan.ts.)
 */
import { canonicalDoc } from "./canonicalCopy.js";
import { mingo } from "./lazyMingo.js";

/** A fresh copy of a stored document, so callers can never change the store's state by mutation. */
export function copyOut(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return canonicalDoc(doc);
}

export function project(
  doc: Record<string, unknown>,
  projection: { readonly [key: string]: 0 | 1 } | undefined,
): Record<string, unknown> {
  if (projection === undefined || Object.keys(projection).length === 0) return doc;
  return mingo().find([doc], {}, { ...projection }).all()[0] ?? doc;
}
