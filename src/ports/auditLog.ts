import type { AuditEntry } from "../domain/auditEntry.js";

export interface AuditQuery {
  /** Entries by any of these actors (user ids). */
  readonly actors?: readonly string[];
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Only entries strictly older than this. */
  readonly before?: Date;
  readonly limit: number;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditLog {
  append(entry: Omit<AuditEntry, "id" | "at">): Promise<AuditEntry>;
  listForTarget(targetType: string, targetId: string, limit: number): Promise<AuditEntry[]>;
  /** Newest first; every given criterion must hold. `before` pages back in time. */
  search(query: AuditQuery): Promise<AuditEntry[]>;
}
