/**
 * Removing fields without `delete`. V8 switches an object that loses a property to dictionary mode,
 * several times larger than the same fields in fast mode; the store keeps every document for its
 * retention, and a processed inbox entry or a sent outbox entry is exactly such an object (its
 * payload and personal fields are unset). So documents are rebuilt, field by field, instead.
 */
type Doc = Record<string, unknown>;

/** A copy of `doc` without `keys`. */
export function withoutKeys(doc: Readonly<Doc>, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const key of Object.keys(doc)) if (!keys.includes(key)) out[key] = doc[key];
  return out;
}

/** A copy of `doc`, and of the objects of `rebuild` inside it, field by field (no holes left by `delete`). */
export function rebuilt(doc: Readonly<Doc>, rebuild: ReadonlySet<object>): Doc {
  const out: Doc = {};
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    out[key] = typeof value === "object" && value !== null && rebuild.has(value) ? rebuilt(value as Doc, rebuild) : value;
  }
  return out;
}
