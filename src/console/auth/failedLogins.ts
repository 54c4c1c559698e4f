/**
 * Lockout (ASVS 2.2.1): an attempt is counted as a failure *before* the password is checked, and
 * only forgiven by a success. So parallel guesses cannot outrun the count: the sixth concurrent
 * attempt finds the budget spent and is refused without a password check. The attempt that spends
 * the last of the budget and fails locks the account for the policy's lock time.
 */
import type { User } from "../../ports/userStore.js";
import { auditAuth, SIGN_IN_POLICY, type ConsoleAuthDeps } from "./consoleAuthDeps.js";

export type AttemptBudget = { readonly ok: true; readonly failures: number } | { readonly ok: false; readonly retryAfterSeconds: number };

export function secondsLocked(user: Pick<User, "lockedUntil">, now: Date): number {
  const left = (user.lockedUntil?.getTime() ?? 0) - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

async function lock(deps: ConsoleAuthDeps, userId: string, now: Date, ip: string): Promise<number> {
  const policy = deps.policy ?? SIGN_IN_POLICY;
  const lockedUntil = new Date(now.getTime() + policy.lockMs);
  await deps.users.update(userId, { lockedUntil, failedLogins: 0 });
  await auditAuth(deps, userId, "locked_out", userId, { until: lockedUntil.toISOString(), ip });
  return Math.ceil(policy.lockMs / 1000);
}

/** Spends one attempt; refuses when the account is locked or the budget already spent. */
export async function spendAttempt(deps: ConsoleAuthDeps, user: User, now: Date, ip: string): Promise<AttemptBudget> {
  const locked = secondsLocked(user, now);
  if (locked > 0) return { ok: false, retryAfterSeconds: locked };
  const counted = await deps.users.addFailedLogin(user.id);
  // Read after the write: a lock another attempt set meanwhile is seen here.
  const lockedNow = counted ? secondsLocked(counted, now) : 0;
  if (lockedNow > 0) return { ok: false, retryAfterSeconds: lockedNow };
  const failures = counted?.failedLogins ?? Number.MAX_SAFE_INTEGER;
  if (failures > (deps.policy ?? SIGN_IN_POLICY).maxFailures) return { ok: false, retryAfterSeconds: await lock(deps, user.id, now, ip) };
  return { ok: true, failures };
}

/** After a failed check: locks when this attempt was the last of the budget. Returns the lock's length in seconds, or 0. */
export async function afterFailure(deps: ConsoleAuthDeps, userId: string, failures: number, now: Date, ip: string): Promise<number> {
  return failures >= (deps.policy ?? SIGN_IN_POLICY).maxFailures ? lock(deps, userId, now, ip) : 0;
}

/** A success forgives the attempts counted so far. */
export async function forgiveAttempts(deps: ConsoleAuthDeps, userId: string): Promise<void> {
  await deps.users.update(userId, { failedLogins: 0, lockedUntil: null });
}
