/**
 * Who is calling the API, from the whole request: `Authorization: Bearer kl_…` (service accounts and
 * scripts; no CSRF check, since browsers never attach that header on their own), else the console's
 * session cookie, and then every unsafe request (not GET or HEAD) must carry the session's CSRF
 * token in `x-csrf-token` (ASVS 4.2.2): a cross-site form cannot set that header.
 */
import type { FastifyRequest } from "fastify";
import { bearerAuthenticator, type AuthenticatorDeps, type AuthResult } from "./bearerAuthenticator.js";
import { CSRF_HEADER, type ConsoleAuth } from "./consoleAuth.js";
import { readSessionCookie, type SessionCookiePolicy } from "./sessionCookie.js";

export type Authenticator = (request: FastifyRequest) => Promise<AuthResult>;

export interface RequestAuthenticatorDeps extends AuthenticatorDeps {
  readonly auth: Pick<ConsoleAuth, "session" | "checkCsrf">;
  readonly cookies: SessionCookiePolicy;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

export function requestAuthenticator(deps: RequestAuthenticatorDeps): Authenticator {
  const bearer = bearerAuthenticator(deps);
  return async (request) => {
    if (request.headers.authorization !== undefined) return bearer(request.headers.authorization);
    const token = readSessionCookie(request, deps.cookies);
    if (token === undefined) return { ok: false, code: "TOKEN_MISSING" };
    const session = await deps.auth.session(token);
    if (!session) return { ok: false, code: "COOKIE_SESSION_INVALID" };
    if (!SAFE_METHODS.has(request.method) && !deps.auth.checkCsrf(session, headerValue(request, CSRF_HEADER))) {
      return { ok: false, code: "CSRF_INVALID", userId: session.actor.userId };
    }
    return { ok: true, actor: session.actor };
  };
}
