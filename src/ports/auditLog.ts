import type { AuditEntry } from "../domain/auditEntry.js";

/** Append-only: there is deliberately no update or delete. */
export interface AuditLog {
  append(entry: Omit<AuditEntry, "id" | "at">): Promise<AuditEntry>;
  listForTarget(targetType: string, targetId: string, limit: number): Promise<AuditEntry[]>;
}
