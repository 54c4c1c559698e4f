/**
 * A deployment's settings (`deployment.yaml`): organisation, languages offered, fallbacks and help
 * contacts. Read once at start-up by the entry points and passed in.
 */
import { z } from "zod";
import { OrganisationIdSchema } from "../domain/organisation.js";

export const DeploymentSchema = z.strictObject({
  organisation: z.string().min(1).max(200),
  /**
   * The organisation's id: every case, tracing request and escalation this deployment creates
   * belongs to it, and console users see only their own organisation's records.
   */
  organisation_id: OrganisationIdSchema.default("default"),
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$/)).min(1),
  default_language: z.string(),
  fallbacks: z.record(z.string(), z.array(z.string())).default({}),
  help_contacts: z.strictObject({ emergency: z.string().min(1), helpline: z.string().min(1) }),
  /** Marks demo values, so nobody mistakes them for real help lines. */
  demo: z.boolean().default(false),
});
export type Deployment = z.infer<typeof DeploymentSchema>;
