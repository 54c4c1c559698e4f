/**
 * An index as the embedded backend keeps it: a hash of key tuple -> document ids, used for
 * uniqueness, for TTL, and to answer equality lookups without scanning.
 */
import { z } from "zod";

export const IndexDefinitionSchema = z.object({
  name: z.string().min(1),
  keys: z.record(z.string(), z.union([z.literal(1), z.literal(-1)])),
  unique: z.boolean(),
  expireAfterSeconds: z.number().int().nonnegative().optional(),
  partialFilterExpression: z.record(z.string(), z.unknown()).optional(),
});
export type IndexDefinition = z.infer<typeof IndexDefinitionSchema>;

/** The server's default index name: `field_1_other_-1`. */
export function defaultIndexName(keys: Readonly<Record<string, 1 | -1>>): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join("_");
}

/** Same definition (the server accepts re-creating an identical index and rejects a changed one). */
export function sameIndex(a: IndexDefinition, b: IndexDefinition): boolean {
  return JSON.stringify([a.keys, a.unique, a.expireAfterSeconds ?? null, a.partialFilterExpression ?? null]) ===
    JSON.stringify([b.keys, b.unique, b.expireAfterSeconds ?? null, b.partialFilterExpression ?? null]);
}
