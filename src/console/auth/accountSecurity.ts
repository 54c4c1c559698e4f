/**
 * What a signed-in person does to their own credentials: change the password, turn TOTP on (begin,
 * then confirm with a first code) and off. Re-entering the password (to change it or to remove the
 * second factor) is counted like a sign-in attempt, so a stolen session cannot be used to guess it:
 * the fifth wrong one locks the account and ends its console sessions.
 */
import { passwordProblem } from "../../app/admin/passwordPolicy.js";
import type { Actor } from "../../app/queue/queueService.js";
import type { User } from "../../ports/userStore.js";
import { ConsoleAuthError, type PasswordChangeResult } from "./consoleAuth.js";
import { auditAuth, type ConsoleAuthDeps } from "./consoleAuthDeps.js";
import { afterFailure, forgiveAttempts, spendAttempt } from "./failedLogins.js";
import { dummyHash, passwordMatches } from "./passwordLogin.js";
import { base32Decode, base32Encode, matchTotpStep, newTotpSecret, totpUri } from "./totp.js";

export interface AccountSecurity {
  changePassword(actor: Actor, current: string, next: string): Promise<PasswordChangeResult>;
  beginTotp(actor: Actor): Promise<{ readonly secret: string; readonly uri: string }>;
  confirmTotp(actor: Actor, code: string): Promise<{ readonly ok: boolean }>;
  disableTotp(actor: Actor, password: string): Promise<{ readonly ok: boolean }>;
}

/** The audit log's name for re-entered passwords: no address is known here. */
const NO_IP = "";

export function accountSecurity(deps: ConsoleAuthDeps): AccountSecurity {
  const dummy = dummyHash(deps);

  const userOf = async (actor: Actor): Promise<User> => {
    const user = await deps.users.get(actor.userId);
    if (!user) throw new ConsoleAuthError("USER_NOT_FOUND", `user ${actor.userId} not found`);
    return user;
  };

  /** The password re-entered, counted as an attempt; a lock ends the person's console sessions. */
  const reauthenticate = async (user: User, password: string, purpose: string): Promise<boolean> => {
    const now = deps.clock.now();
    const budget = await spendAttempt(deps, user, now, NO_IP);
    if (!budget.ok) {
      await auditAuth(deps, user.id, "reauthentication_refused_locked", user.id, { purpose });
      return false;
    }
    if (await passwordMatches(deps, dummy, user, password)) {
      await forgiveAttempts(deps, user.id);
      return true;
    }
    await auditAuth(deps, user.id, "reauthentication_failed", user.id, { purpose, failures: budget.failures });
    if ((await afterFailure(deps, user.id, budget.failures, now, NO_IP)) > 0) await deps.sessions.deleteForUser(user.id, "console");
    return false;
  };

  return {
    async changePassword(actor, current, next) {
      const user = await userOf(actor);
      const problem = passwordProblem(next, user.username);
      if (problem) return { ok: false, code: problem };
      if (!(await reauthenticate(user, current, "password_change"))) return { ok: false, code: "INVALID_CREDENTIALS" };
      await deps.users.update(user.id, { passwordHash: await deps.passwords.hash(next) });
      const revoked = await deps.sessions.deleteForUser(user.id, "console");
      await auditAuth(deps, user.id, "password_changed", user.id, { revokedSessions: revoked });
      return { ok: true };
    },

    async beginTotp(actor) {
      const user = await userOf(actor);
      if (user.totp?.enabled) throw new ConsoleAuthError("TOTP_ALREADY_ENABLED", `user ${user.id} has TOTP on already`);
      const secret = newTotpSecret(deps.random);
      await deps.users.update(user.id, { totp: { secret: base32Encode(secret), enabled: false, lastStep: null } });
      return { secret: base32Encode(secret), uri: totpUri({ secret, account: user.username, issuer: deps.totpIssuer ?? "kinlink" }) };
    },

    async confirmTotp(actor, code) {
      const user = await userOf(actor);
      const pending = user.totp && !user.totp.enabled && user.totp.secret !== "" ? user.totp : null;
      const step = pending ? matchTotpStep(base32Decode(pending.secret), code, deps.clock.now()) : null;
      if (!pending || step === null) return { ok: false };
      await deps.users.update(user.id, { totp: { secret: pending.secret, enabled: true, lastStep: step } });
      await auditAuth(deps, user.id, "totp_enabled", user.id);
      return { ok: true };
    },

    async disableTotp(actor, password) {
      const user = await userOf(actor);
      if (!(await reauthenticate(user, password, "totp_disable"))) return { ok: false };
      await deps.users.update(user.id, { totp: null });
      if (user.totp?.enabled) await auditAuth(deps, user.id, "totp_disabled", user.id);
      return { ok: true };
    },
  };
}
