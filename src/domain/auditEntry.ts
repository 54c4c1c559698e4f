/**
 * One line of the append-only audit log: who did what to which record, when. Every read of a case
 * is logged too (ARCHITECTURE.md habit 9). `details` holds ids and codes only, never personal data.
 *
 * Example: `{ id: "…", at: 2025-01-01T10:00Z, actor: "user-7", action: "escalation.claimed",
 *   targetType: "escalation", targetId: "e-1", details: { riskLevel: "high" } }`.
 */
export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  /** A user id, or "system" for the bot itself. */
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
