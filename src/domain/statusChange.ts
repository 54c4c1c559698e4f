/**
 * One entry in a record's status history: every case, tracing request and escalation keeps the
 * trail of who moved it where and when (DOMAIN.md: "every escalation keeps an audit trail").
 *
 * Example: `{ from: "pending", to: "claimed", at: 2025-01-01T10:00Z, by: "user-7" }`.
 * `by` is a user id or "system", never a name.
 */
import { z } from "zod";

export const StatusChangeSchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.date(),
  by: z.string(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;
