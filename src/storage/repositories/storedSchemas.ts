/** zod schemas for the parts of stored documents that several collections share. */
import { z } from "zod";
import { ConsentRecordSchema } from "../../domain/consent.js";
import { StatusChangeSchema } from "../../domain/statusChange.js";

export const StoredRecordFieldsSchema = z.record(z.string(), z.unknown());
export const StoredConsentsSchema = z.array(ConsentRecordSchema);
export const StoredHistorySchema = z.array(StatusChangeSchema);
