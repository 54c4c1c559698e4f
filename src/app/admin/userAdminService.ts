/**
 * The UserAdmin use cases (userAdmin.ts) on the user and session stores. Checks, in order: the
 * actor is an admin; the input parses; the target is in the admin's organisation; an admin does not
 * demote or disable themselves (so an organisation cannot lose its last admin by a slip).
 */
import type { z } from "zod";
import type { AuditLog } from "../../ports/auditLog.js";
import type { Clock } from "../../ports/clock.js";
import type { PasswordHasher } from "../../ports/passwordHasher.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { User, UserStore } from "../../ports/userStore.js";
import { isKinlinkError } from "../../domain/errors.js";
import type { Actor } from "../queue/queueService.js";
import { passwordProblem } from "./passwordPolicy.js";
import { CreateUserSchema, NewPasswordSchema, UpdateUserSchema, UserAdminError, type UserAdmin, type UserSummary } from "./userAdmin.js";

export interface UserAdminDeps {
  readonly users: UserStore;
  readonly sessions: Pick<SessionStore, "deleteForUser">;
  readonly auditLog: Pick<AuditLog, "append">;
  readonly passwords: Pick<PasswordHasher, "hash">;
  readonly clock: Clock;
}

const MAX_PAGE = 200;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), code: issue.code }));
  throw new UserAdminError("INVALID_INPUT", `invalid input: ${issues.map((issue) => `${issue.path || "(root)"} ${issue.code}`).join(", ")}`, issues);
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new UserAdminError("FORBIDDEN", `user ${actor.userId} is not an admin`);
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new UserAdminError(problem, `the new password for a user breaks the policy (${problem})`);
}

export function summarise(user: User, now: Date): UserSummary {
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organisation: user.organisation,
    disabled: user.disabled,
    totpEnabled: user.totp?.enabled === true,
    lockedUntil: locked && user.lockedUntil ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function createUserAdmin(deps: UserAdminDeps): UserAdmin {
  const audit = (actor: Actor, action: string, userId: string, details: Readonly<Record<string, string | number | boolean | null>> = {}) =>
    deps.auditLog.append({ actor: actor.userId, action: `user.${action}`, targetType: "user", targetId: userId, details });
  const summary = (user: User): UserSummary => summarise(user, deps.clock.now());

  /** The target, if the admin may manage it; another organisation's user is NOT_FOUND. */
  const target = async (actor: Actor, userId: string): Promise<User> => {
    requireAdmin(actor);
    const user = await deps.users.get(userId);
    if (!user || user.organisation !== actor.organisation) throw new UserAdminError("NOT_FOUND", `user ${userId} not found`);
    return user;
  };

  const updated = async (userId: string, result: Promise<User | null>): Promise<User> => {
    const user = await result;
    if (!user) throw new UserAdminError("NOT_FOUND", `user ${userId} not found`);
    return user;
  };

  const admin: UserAdmin = {
    async list(actor, page = { limit: 50 }) {
      requireAdmin(actor);
      const users = await deps.users.listByOrganisation(actor.organisation, { limit: Math.min(page.limit, MAX_PAGE), skip: page.skip ?? 0 });
      return users.map(summary);
    },

    async get(actor, userId) {
      return summary(await target(actor, userId));
    },

    async create(actor, input) {
      requireAdmin(actor);
      const { organisation = actor.organisation, password, ...rest } = parse(CreateUserSchema, input);
      if (organisation !== actor.organisation) throw new UserAdminError("FORBIDDEN", `user ${actor.userId} may only add users to their own organisation`);
      checkPassword(password, rest.username);
      const passwordHash = await deps.passwords.hash(password);
      try {
        const user = await deps.users.create({ ...rest, organisation, passwordHash, disabled: false });
        await audit(actor, "created", user.id, { role: user.role, organisation, via: "console" });
        return summary(user);
      } catch (error) {
        if (isKinlinkError(error) && error.code === "DUPLICATE_RECORD") throw new UserAdminError("USERNAME_TAKEN", "the username is taken");
        throw error;
      }
    },

    async update(actor, userId, changes) {
      const parsed = parse(UpdateUserSchema, changes);
      const before = await target(actor, userId);
      const demotes = parsed.role !== undefined && parsed.role !== "admin";
      if (before.id === actor.userId && (parsed.disabled === true || demotes)) throw new UserAdminError("OWN_ACCOUNT", "an admin cannot disable or demote themselves");
      const after = await updated(userId, deps.users.update(userId, parsed));
      const revoked = parsed.disabled === true && !before.disabled ? await deps.sessions.deleteForUser(userId) : 0;
      await audit(actor, "updated", userId, {
        ...(parsed.role !== undefined && parsed.role !== before.role ? { role: parsed.role, previousRole: before.role } : {}),
        ...(parsed.disabled !== undefined && parsed.disabled !== before.disabled ? { disabled: parsed.disabled, revokedSessions: revoked } : {}),
        ...(parsed.displayName !== undefined ? { displayNameChanged: true } : {}),
      });
      return summary(after);
    },

    changeRole: (actor, userId, role) => admin.update(actor, userId, { role }),
    setDisabled: (actor, userId, disabled) => admin.update(actor, userId, { disabled }),

    async resetPassword(actor, userId, password) {
      const user = await target(actor, userId);
      checkPassword(parse(NewPasswordSchema, password), user.username);
      await updated(userId, deps.users.update(userId, { passwordHash: await deps.passwords.hash(password), failedLogins: 0, lockedUntil: null }));
      const revoked = await deps.sessions.deleteForUser(userId, "console");
      await audit(actor, "password_reset", userId, { revokedSessions: revoked });
    },

    async revokeSessions(actor, userId) {
      await target(actor, userId);
      const revoked = await deps.sessions.deleteForUser(userId);
      await audit(actor, "sessions_revoked", userId, { revoked });
      return { revoked };
    },

    async resetTotp(actor, userId) {
      const before = await target(actor, userId);
      const after = await updated(userId, deps.users.update(userId, { totp: null }));
      if (before.totp) await audit(actor, "totp_reset", userId, { wasEnabled: before.totp.enabled });
      return summary(after);
    },
  };
  return admin;
}
