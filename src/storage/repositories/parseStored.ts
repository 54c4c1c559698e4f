/**
 * Stored documents are parsed, not cast: data on disk may have been written by an older version.
 * A mismatch names the collection and the paths, never the values (they may be personal data).
 */
import type { z } from "zod";
import { StoredDocumentInvalidError } from "../../ports/storeErrors.js";

export function parseStored<S extends z.ZodType>(schema: S, collection: string, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const paths = result.error.issues.map((issue) => issue.path.map(String).join(".") || "(root)");
  throw new StoredDocumentInvalidError(collection, [...new Set(paths)].slice(0, 5).join(", "));
}
