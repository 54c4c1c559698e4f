/**
 * Resolves `Authorization: Bearer <token>` to the acting user: token -> SHA-256 -> session (expired
 * ones are never returned) -> user (not disabled, a known role) -> Actor. Failures come back as a
 * code for logs and metrics; the HTTP edge answers every one of them with the same 401 so that a
 * caller learns nothing about which part was wrong.
 *
 * Console (cookie) sessions live in the same store but are not API tokens: one presented here is
 * refused (requestAuthenticator.ts takes the cookie path).
 */
import type { Actor } from "../../app/queue/queueService.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { UserStore } from "../../ports/userStore.js";
import { API_TOKEN_PATTERN, apiTokenSessionId } from "./apiToken.js";
import { RoleSchema } from "./roles.js";

export type AuthFailureCode =
  | "TOKEN_MISSING"
  | "TOKEN_MALFORMED"
  | "SESSION_UNKNOWN_OR_EXPIRED"
  | "USER_UNKNOWN"
  | "USER_DISABLED"
  | "USER_ROLE_INVALID"
  /** A session cookie that is unknown, expired, idle too long, or whose user may no longer act. */
  | "COOKIE_SESSION_INVALID"
  /** A cookie session's unsafe request without its CSRF token: answered 403, not 401. */
  | "CSRF_INVALID";

export type AuthResult =
  | { readonly ok: true; readonly actor: Actor }
  /** `userId` when the session was valid but its user may not act: worth an audit entry. */
  | { readonly ok: false; readonly code: AuthFailureCode; readonly userId?: string };

export type BearerAuthenticator = (authorization: string | undefined) => Promise<AuthResult>;

export interface AuthenticatorDeps {
  readonly sessions: Pick<SessionStore, "get">;
  readonly users: Pick<UserStore, "get">;
}

const BEARER = /^Bearer +(\S+) *$/i;

export async function actorForSession(deps: AuthenticatorDeps, sessionId: string): Promise<AuthResult> {
  const session = await deps.sessions.get(sessionId);
  if (!session || session.console) return { ok: false, code: "SESSION_UNKNOWN_OR_EXPIRED" };
  const user = await deps.users.get(session.userId);
  if (!user) return { ok: false, code: "USER_UNKNOWN", userId: session.userId };
  if (user.disabled) return { ok: false, code: "USER_DISABLED", userId: user.id };
  const role = RoleSchema.safeParse(user.role);
  if (!role.success) return { ok: false, code: "USER_ROLE_INVALID", userId: user.id };
  return { ok: true, actor: { userId: user.id, role: role.data, organisation: user.organisation } };
}

export function bearerAuthenticator(deps: AuthenticatorDeps): BearerAuthenticator {
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === "") return { ok: false, code: "TOKEN_MISSING" };
    const token = BEARER.exec(authorization)?.[1];
    // The shape check spares the store lookups for garbage; it reveals nothing a caller does not know.
    if (token === undefined || !API_TOKEN_PATTERN.test(token)) return { ok: false, code: "TOKEN_MALFORMED" };
    return actorForSession(deps, apiTokenSessionId(token));
  };
}
