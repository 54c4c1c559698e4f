/**
 * Console sessions, server-side and revocable (ASVS 3.2, 3.3): a random token for the cookie, its
 * SHA-256 as the stored id, a CSRF token per session, an idle timeout and an absolute lifetime (the
 * store's expiry). The person's user record is read on every request, so disabling them or changing
 * their role takes effect at once.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Actor } from "../../app/queue/queueService.js";
import type { User } from "../../ports/userStore.js";
import type { ConsoleSession } from "./consoleAuth.js";
import { auditAuth, SIGN_IN_POLICY, type ConsoleAuthDeps } from "./consoleAuthDeps.js";
import { RoleSchema } from "./roles.js";
import { randomToken, SESSION_TOKEN_PATTERN, sessionIdOf } from "./sessionToken.js";

export interface OpenedSession {
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly session: ConsoleSession;
}

/** The actor a user acts as, or null when they may not act (disabled, a role this version does not know). */
export function actorOfUser(user: User): Actor | null {
  const role = RoleSchema.safeParse(user.role);
  if (user.disabled || !role.success) return null;
  return { userId: user.id, role: role.data, organisation: user.organisation };
}

function consoleSession(user: User, actor: Actor, csrfToken: string): ConsoleSession {
  return { actor, csrfToken, username: user.username, displayName: user.displayName, totpEnabled: user.totp?.enabled === true };
}

export async function openSession(deps: ConsoleAuthDeps, user: User, actor: Actor, now: Date): Promise<OpenedSession> {
  const sessionToken = randomToken(deps.random);
  const csrfToken = randomToken(deps.random);
  const expiresAt = new Date(now.getTime() + (deps.policy ?? SIGN_IN_POLICY).absoluteMs);
  await deps.sessions.createWithId(sessionIdOf(sessionToken), user.id, expiresAt, { csrfToken, lastSeenAt: now });
  return { sessionToken, csrfToken, expiresAt, session: consoleSession(user, actor, csrfToken) };
}

export async function resolveSession(deps: ConsoleAuthDeps, sessionToken: string): Promise<ConsoleSession | null> {
  if (!SESSION_TOKEN_PATTERN.test(sessionToken)) return null;
  const id = sessionIdOf(sessionToken);
  const stored = await deps.sessions.get(id);
  if (!stored?.console) return null;
  const policy = deps.policy ?? SIGN_IN_POLICY;
  const now = deps.clock.now();
  const idleFor = now.getTime() - stored.console.lastSeenAt.getTime();
  if (idleFor >= policy.idleMs) {
    await deps.sessions.delete(id);
    return null;
  }
  const user = await deps.users.get(stored.userId);
  const actor = user ? actorOfUser(user) : null;
  if (!user || !actor) return null;
  if (idleFor >= policy.touchEveryMs) await deps.sessions.touch(id, now);
  return consoleSession(user, actor, stored.console.csrfToken);
}

/** Hashing both sides first gives equal lengths, so the comparison's time says nothing about the token. */
export function csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
  if (presented === undefined || presented === "") return false;
  const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(session.csrfToken), digest(presented));
}

export async function closeSession(deps: ConsoleAuthDeps, sessionToken: string): Promise<void> {
  if (!SESSION_TOKEN_PATTERN.test(sessionToken)) return;
  const id = sessionIdOf(sessionToken);
  const stored = await deps.sessions.get(id);
  if (!stored?.console) return;
  await deps.sessions.delete(id);
  await auditAuth(deps, stored.userId, "logout", stored.userId, { sessionRef: id.slice(0, 12) });
}
