/**
 * Issues an API token for a user: stores the token's hash as a session with an expiry, writes an
 * audit entry (a credential was created: who for, by whom, until when; never the token), and
 * returns the token for showing once.
 */
import type { AuditLog } from "../../ports/auditLog.js";
import type { Clock } from "../../ports/clock.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { User } from "../../ports/userStore.js";
import { newApiToken } from "./apiToken.js";

export const DEFAULT_API_TOKEN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IssueApiTokenDeps {
  readonly sessions: Pick<SessionStore, "createWithId">;
  readonly auditLog: Pick<AuditLog, "append">;
  readonly clock: Clock;
  readonly random?: (size: number) => Buffer;
}

export interface IssuedApiToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export async function issueApiToken(
  deps: IssueApiTokenDeps,
  request: { readonly user: Pick<User, "id" | "disabled">; readonly days?: number; readonly issuedBy: string; readonly via: string },
): Promise<IssuedApiToken> {
  if (request.user.disabled) throw new RangeError("a disabled user cannot be given a token");
  const days = request.days ?? DEFAULT_API_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError("a token's lifetime is a whole number of days, at least 1");
  const { token, sessionId } = newApiToken(deps.random);
  const expiresAt = new Date(deps.clock.now().getTime() + days * DAY_MS);
  await deps.sessions.createWithId(sessionId, request.user.id, expiresAt);
  await deps.auditLog.append({
    actor: request.issuedBy,
    action: "auth.token_issued",
    targetType: "user",
    targetId: request.user.id,
    // A prefix of the hash names the token for a later revocation without being usable as one.
    details: { tokenRef: sessionId.slice(0, 12), expiresAt: expiresAt.toISOString(), via: request.via },
  });
  return { token, expiresAt };
}
