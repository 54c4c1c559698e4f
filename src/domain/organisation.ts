/**
 * Organisations (NGOs, agencies) share one kinlink and never each other's records: every case,
 * tracing request and escalation carries the id of the organisation that owns it, and every console
 * user belongs to exactly one. Ids are short slugs so that they read well in logs and audit entries.
 *
 * Example: `"save-kids-goma"`.
 */
import { z } from "zod";

export const OrganisationIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "an organisation id: lower-case letters, digits, - and _");

/** Records written before organisations existed belong to this one. */
export const LEGACY_ORGANISATION = "default";
