/** zod schemas for the parts of stored documents that several collections share. */
import { z } from "zod";
import { ConsentRecordSchema } from "../../domain/consent.js";
import { LEGACY_ORGANISATION } from "../../domain/organisation.js";
import { StatusChangeSchema } from "../../domain/statusChange.js";

export const StoredRecordFieldsSchema = z.record(z.string(), z.unknown());
export const StoredConsentsSchema = z.array(ConsentRecordSchema);
export const StoredHistorySchema = z.array(StatusChangeSchema);

/** What cases and tracing requests store alike; each adds its status enum and its own fields. */
export const StoredRecordBaseSchema = z.object({
  _id: z.string(),
  /** Records from before organisations existed belong to the legacy one. */
  organisation: z.string().default(LEGACY_ORGANISATION),
  shortRef: z.string(),
  subjectId: z.string(),
  conversationId: z.string().nullable(),
  fields: StoredRecordFieldsSchema,
  consents: StoredConsentsSchema,
  history: StoredHistorySchema,
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
