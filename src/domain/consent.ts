/**
 * A consent record: who consented, to what, when, and whether it was later withdrawn. Kept per
 * purpose because consent to services does not imply consent to tracing or sharing (DOMAIN.md).
 *
 * Example: `{ purpose: "tracing", given: true, source: "caregiver", recordedAt: 2025-01-01T10:00Z }`.
 */
import { z } from "zod";

export const CONSENT_PURPOSES = ["services", "tracing", "disclosure_other_orgs", "reporting", "photo"] as const;
export const ConsentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export const CONSENT_SOURCES = ["child", "caregiver", "other_adult"] as const;
export const ConsentSourceSchema = z.enum(CONSENT_SOURCES);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

export const ConsentRecordSchema = z.object({
  purpose: ConsentPurposeSchema,
  given: z.boolean(),
  source: ConsentSourceSchema,
  recordedAt: z.date(),
  withdrawnAt: z.date().optional(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

/** The latest record for a purpose decides; a withdrawn or refused consent counts as none. */
export function hasConsent(records: readonly ConsentRecord[], purpose: ConsentPurpose): boolean {
  let latest: ConsentRecord | undefined;
  for (const record of records) {
    if (record.purpose !== purpose) continue;
    if (!latest || record.recordedAt.getTime() >= latest.recordedAt.getTime()) latest = record;
  }
  return latest !== undefined && latest.given && latest.withdrawnAt === undefined;
}
