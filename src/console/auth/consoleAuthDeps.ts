/**
 * What the console sign-in service is built from, and its policy in one place: how many failures
 * lock an account and for how long, and how long sessions live. Shared by the service's parts
 * (passwordLogin, consoleSessions, accountSecurity) so that each stays small.
 */
import type { AuditLog } from "../../ports/auditLog.js";
import type { Clock } from "../../ports/clock.js";
import type { PasswordHasher } from "../../ports/passwordHasher.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { UserStore } from "../../ports/userStore.js";

const MINUTE_MS = 60_000;

export interface SignInPolicy {
  /** Failed attempts (wrong password or code) that lock the account. */
  readonly maxFailures: number;
  readonly lockMs: number;
  /** A session unused this long ends (ASVS 3.3.2). */
  readonly idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  readonly absoluteMs: number;
  /** Activity is written at most this often: one write a minute, not one per request. */
  readonly touchEveryMs: number;
}

export const SIGN_IN_POLICY: SignInPolicy = Object.freeze({
  maxFailures: 5,
  lockMs: 15 * MINUTE_MS,
  idleMs: 30 * MINUTE_MS,
  absoluteMs: 12 * 60 * MINUTE_MS,
  touchEveryMs: MINUTE_MS,
});

export interface ConsoleAuthDeps {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly auditLog: Pick<AuditLog, "append">;
  readonly clock: Clock;
  readonly passwords: PasswordHasher;
  readonly policy?: SignInPolicy;
  /** Random bytes for tokens and TOTP secrets (tests pass a fixed source). */
  readonly random?: (size: number) => Buffer;
  /** The name authenticator apps show next to the code. */
  readonly totpIssuer?: string;
}

export type AuthAuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One audit entry about a user's sign-in or credentials. Details are codes, ids and counts: never a
 * password, a token or a typed username.
 */
export function auditAuth(deps: Pick<ConsoleAuthDeps, "auditLog">, actor: string, action: string, userId: string, details: AuthAuditDetails = {}): Promise<unknown> {
  return deps.auditLog.append({ actor, action: `auth.${action}`, targetType: "user", targetId: userId, details });
}
