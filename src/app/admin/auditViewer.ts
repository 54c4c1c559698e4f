/**
 * The audit log viewer: supervisors and admins read what their own organisation's staff did (every
 * view, edit, claim, reply, sign-in), newest first, filtered by person, action and target. Entries
 * hold ids and codes only; the viewer adds usernames so that a reader need not look ids up. Reading
 * the log is itself logged.
 */
import type { AuditEntry } from "../../domain/auditEntry.js";
import { KinlinkError } from "../../domain/errors.js";
import type { AuditLog } from "../../ports/auditLog.js";
import type { UserStore } from "../../ports/userStore.js";
import type { Actor } from "../queue/queueService.js";
import { organisationStaff } from "../organisationStaff.js";

export interface AuditViewQuery {
  /** A username of the organisation. */
  readonly username?: string;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** ISO time: entries strictly older than this (the previous page's last `at`). */
  readonly before?: Date;
  readonly limit: number;
}

export interface AuditViewEntry extends AuditEntry {
  /** The actor's username when the actor is one of the organisation's users. */
  readonly username: string | null;
}

export class AuditViewError extends KinlinkError {
  constructor(
    readonly code: "FORBIDDEN" | "INVALID_INPUT",
    message: string,
  ) {
    super(message);
  }
}

export class AuditViewer {
  constructor(private readonly deps: { readonly auditLog: AuditLog; readonly users: UserStore }) {}

  async search(actor: Actor, query: AuditViewQuery): Promise<AuditViewEntry[]> {
    if (actor.role !== "admin" && actor.role !== "supervisor") throw new AuditViewError("FORBIDDEN", "the audit log is for supervisors and admins");
    const staff = await organisationStaff(this.deps.users, actor.organisation);
    const usernames = new Map(staff.map((user) => [user.id, user.username]));
    const person = query.username === undefined ? undefined : staff.find((user) => user.username === query.username);
    // An unknown username (or another organisation's) matches nobody rather than everybody.
    const actors = query.username === undefined ? [...usernames.keys()] : person ? [person.id] : [];
    const entries =
      actors.length === 0
        ? []
        : await this.deps.auditLog.search({
            actors,
            ...(query.action ? { action: query.action } : {}),
            ...(query.targetType ? { targetType: query.targetType } : {}),
            ...(query.targetId ? { targetId: query.targetId } : {}),
            ...(query.before ? { before: query.before } : {}),
            limit: query.limit,
          });
    await this.deps.auditLog.append({ actor: actor.userId, action: "audit.searched", targetType: "audit_log", targetId: actor.organisation, details: { count: entries.length } });
    return entries.map((entry) => ({ ...entry, username: usernames.get(entry.actor) ?? null }));
  }
}
