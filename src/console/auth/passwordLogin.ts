/**
 * Sign-in with a password and, when the account has it on, a TOTP code (ASVS 2.2, 2.8):
 *
 * - an unknown username costs a hash of a dummy password too (same argon2id parameters), and gets
 *   the same answer as a wrong password, so neither timing nor answers say which usernames exist;
 * - each attempt is counted before it is checked (failedLogins.ts): 5 failures lock for 15 minutes;
 *   a missing or wrong code counts too, since TOTP_REQUIRED says the password was right;
 * - a code is accepted once: its time-step is spent atomically in the store;
 * - every outcome is audit-logged by user id and reason code; unknown usernames are not recorded.
 */
import type { User } from "../../ports/userStore.js";
import type { LoginAttempt, LoginResult } from "./consoleAuth.js";
import { auditAuth, type ConsoleAuthDeps } from "./consoleAuthDeps.js";
import { actorOfUser, openSession } from "./consoleSessions.js";
import { afterFailure, forgiveAttempts, spendAttempt } from "./failedLogins.js";
import { randomToken } from "./sessionToken.js";
import { base32Decode, matchTotpStep } from "./totp.js";

type FailureReason = "WRONG_PASSWORD" | "NO_PASSWORD" | "USER_DISABLED" | "TOTP_MISSING" | "TOTP_WRONG";

/** A hash of a random password nobody knows, made once, for unknown usernames to be checked against. */
export function dummyHash(deps: Pick<ConsoleAuthDeps, "passwords" | "random">): () => Promise<string> {
  let made: Promise<string> | undefined;
  return () => (made ??= deps.passwords.hash(randomToken(deps.random)));
}

/** Checks a password against a user's hash; users without one still cost a full hash check. */
export async function passwordMatches(deps: ConsoleAuthDeps, dummy: () => Promise<string>, user: User | null, password: string): Promise<boolean> {
  if (user && user.passwordHash !== "") return deps.passwords.verify(user.passwordHash, password);
  await deps.passwords.verify(await dummy(), password);
  return false;
}

/** The time-step a code proves, spent so that it cannot be used again; null when wrong or replayed. */
export async function spendTotpCode(deps: ConsoleAuthDeps, user: User, code: string): Promise<number | null> {
  const secret = user.totp?.secret ?? "";
  // An empty secret (shredded, unreadable) would make codes anyone can compute: never accept one.
  if (secret === "") return null;
  const step = matchTotpStep(base32Decode(secret), code, deps.clock.now());
  return step !== null && (await deps.users.useTotpStep(user.id, step)) ? step : null;
}

async function refuse(deps: ConsoleAuthDeps, user: User, failures: number, reason: FailureReason, ip: string): Promise<LoginResult> {
  await auditAuth(deps, user.id, "login_failed", user.id, { reason, failures, ip });
  const lockedFor = await afterFailure(deps, user.id, failures, deps.clock.now(), ip);
  if (lockedFor > 0) return { ok: false, code: "LOCKED", retryAfterSeconds: lockedFor };
  return reason === "TOTP_MISSING" || reason === "TOTP_WRONG" ? { ok: false, code: "TOTP_REQUIRED" } : { ok: false, code: "INVALID_CREDENTIALS" };
}

function passwordFailure(user: User): FailureReason {
  return user.passwordHash === "" ? "NO_PASSWORD" : "WRONG_PASSWORD";
}

export function passwordLogin(deps: ConsoleAuthDeps): (attempt: LoginAttempt) => Promise<LoginResult> {
  const dummy = dummyHash(deps);
  return async ({ username, password, totp, ip }) => {
    const user = await deps.users.findByUsername(username);
    if (!user) {
      await passwordMatches(deps, dummy, null, password);
      await deps.auditLog.append({ actor: "anonymous", action: "auth.login_failed", targetType: "auth", targetId: "unknown-user", details: { reason: "UNKNOWN_USER", ip } });
      return { ok: false, code: "INVALID_CREDENTIALS" };
    }
    const budget = await spendAttempt(deps, user, deps.clock.now(), ip);
    if (!budget.ok) {
      await auditAuth(deps, user.id, "login_refused_locked", user.id, { ip });
      return { ok: false, code: "LOCKED", retryAfterSeconds: budget.retryAfterSeconds };
    }
    if (!(await passwordMatches(deps, dummy, user, password))) return refuse(deps, user, budget.failures, passwordFailure(user), ip);
    const actor = actorOfUser(user);
    if (!actor) return refuse(deps, user, budget.failures, "USER_DISABLED", ip);
    if (user.totp?.enabled) {
      if (totp === undefined || totp === "") return refuse(deps, user, budget.failures, "TOTP_MISSING", ip);
      if ((await spendTotpCode(deps, user, totp)) === null) return refuse(deps, user, budget.failures, "TOTP_WRONG", ip);
    }
    await forgiveAttempts(deps, user.id);
    const opened = await openSession(deps, user, actor, deps.clock.now());
    await auditAuth(deps, user.id, "login_succeeded", user.id, { secondFactor: user.totp?.enabled === true, ip });
    return { ok: true, actor, ...opened };
  };
}
