/**
 * Signing in and the signed-in person's own account, as JSON under /api/v1/auth (the console's
 * script and integrations use them; the login page calls ConsoleAuth directly). Sign-in is the one
 * public API route (permissions.json says so), rate-limited per address on top of the account
 * lockout. Answers never say which of username or password was wrong, and are never cached.
 * Bodies are JSON only: a cross-site HTML form (url-encoded or text/plain) cannot sign a browser in
 * to an attacker's account (login CSRF), since JSON needs a CORS preflight nobody answers.
 *
 *   POST /api/v1/auth/login {username, password, totp?} -> 200 {user, csrfToken} + the session cookie
 *                                                         401 INVALID_CREDENTIALS | TOTP_REQUIRED, 429 LOCKED
 *   POST /api/v1/auth/logout                             -> 204, cookie cleared
 *   GET  /api/v1/auth/me                                 -> {user, csrfToken}  (csrfToken null with a bearer token)
 *   POST /api/v1/auth/password {current, next}           -> 204; every console session ends: sign in again
 *   POST /api/v1/auth/totp/setup                         -> {secret, uri}
 *   POST /api/v1/auth/totp/confirm {code}                -> {totpEnabled: true} | 400 INVALID_TOTP
 *   POST /api/v1/auth/totp/disable {password}            -> {totpEnabled: false} | 403 INVALID_CREDENTIALS
 */
import type { RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UserStore } from "../../ports/userStore.js";
import { ConsoleAuthError, type ConsoleAuth, type ConsoleSession, type LoginResult } from "../auth/consoleAuth.js";
import { clearSessionCookie, readSessionCookie, setSessionCookie, type SessionCookiePolicy } from "../auth/sessionCookie.js";
import type { ActorOf } from "../permissions/apiGuard.js";
import { apiErrorHandler, type ApiReport } from "./apiErrorHandler.js";
import { EmptyBody, parseInput } from "./apiInput.js";
import { apiDefaults } from "./apiDefaults.js";

export const AUTH_PATH = "/api/v1/auth";
const BODY_LIMIT = 4 * 1024;
/** What a cross-site HTML form can send without a preflight (multipart has no parser at all). */
const FORM_TYPES = ["application/x-www-form-urlencoded", "text/plain"];
/** Generous for passphrases, small enough that nobody makes the server hash megabytes. */
const SECRET_MAX = 1024;

const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(SECRET_MAX),
  // Apps show "123 456": spaces are dropped; the service checks the rest.
  totp: z.string().max(16).transform((code) => code.replace(/\s/g, "")).optional(),
});
const PasswordBody = z.strictObject({ current: z.string().min(1).max(SECRET_MAX), next: z.string().min(1).max(SECRET_MAX) });
const CodeBody = z.strictObject({ code: z.string().max(16).transform((code) => code.replace(/\s/g, "")) });
const ReauthBody = z.strictObject({ password: z.string().min(1).max(SECRET_MAX) });

export interface AuthRoutesOptions {
  readonly auth: ConsoleAuth;
  readonly cookies: SessionCookiePolicy;
  readonly users: Pick<UserStore, "get">;
  readonly actorOf: ActorOf;
  /** Sign-in attempts per address per minute (the account lockout comes on top). */
  readonly loginPerMinute?: number;
  readonly report?: ApiReport;
}

export interface Profile {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly organisation: string;
  readonly totpEnabled: boolean;
}

const profileOf = (session: ConsoleSession): Profile => ({
  id: session.actor.userId,
  username: session.username,
  displayName: session.displayName,
  role: session.actor.role,
  organisation: session.actor.organisation,
  totpEnabled: session.totpEnabled,
});

async function refuseLogin(reply: FastifyReply, result: Exclude<LoginResult, { ok: true }>): Promise<FastifyReply> {
  if (result.code === "LOCKED") return reply.code(429).header("retry-after", String(result.retryAfterSeconds)).send({ error: "LOCKED", retryAfterSeconds: result.retryAfterSeconds });
  return reply.code(401).send({ error: result.code });
}

function authErrorHandler(report?: ApiReport) {
  const fallback = apiErrorHandler(report);
  return async (error: Error, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (error instanceof ConsoleAuthError) {
      await reply.code(error.code === "USER_NOT_FOUND" ? 404 : 409).send({ error: error.code });
      return;
    }
    await fallback(error, request, reply);
  };
}

export function authRoutes(options: AuthRoutesOptions): FastifyPluginAsync {
  const { auth, cookies, actorOf } = options;
  const loginLimit: RateLimitOptions = { max: options.loginPerMinute ?? 10, timeWindow: 60_000 };

  /** The cookie session of this request, when it came with one (not with a bearer token). */
  const cookieSession = async (request: FastifyRequest): Promise<ConsoleSession | null> => {
    const token = request.headers.authorization === undefined ? readSessionCookie(request, cookies) : undefined;
    return token ? auth.session(token) : null;
  };

  return async (app) => {
    // Only inside this plugin: the console's pages keep their form parser.
    for (const type of FORM_TYPES) if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    apiDefaults(app, authErrorHandler(options.report));

    app.post(`${AUTH_PATH}/login`, { bodyLimit: BODY_LIMIT, config: { rateLimit: loginLimit } }, async (request, reply) => {
      const body = parseInput(LoginBody, "body", request.body);
      const previous = readSessionCookie(request, cookies);
      const result = await auth.login({ username: body.username, password: body.password, totp: body.totp, ip: request.ip });
      if (!result.ok) return refuseLogin(reply, result);
      // A new sign-in replaces the session the browser had: no two live sessions per cookie jar.
      if (previous) await auth.logout(previous);
      setSessionCookie(reply, result.sessionToken, cookies);
      return { user: profileOf(result.session), csrfToken: result.csrfToken };
    });

    app.post(`${AUTH_PATH}/logout`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      parseInput(EmptyBody, "body", request.body);
      const token = readSessionCookie(request, cookies);
      if (token) await auth.logout(token);
      clearSessionCookie(reply, cookies);
      return reply.code(204).send();
    });

    app.get(`${AUTH_PATH}/me`, async (request, reply) => {
      const session = await cookieSession(request);
      if (session) return { user: profileOf(session), csrfToken: session.csrfToken };
      const actor = actorOf(request);
      const user = await options.users.get(actor.userId);
      if (!user) return reply.code(401).send({ error: "UNAUTHORIZED" });
      const profile: Profile = { id: user.id, username: user.username, displayName: user.displayName, role: actor.role, organisation: actor.organisation, totpEnabled: user.totp?.enabled === true };
      return { user: profile, csrfToken: null };
    });

    app.post(`${AUTH_PATH}/password`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { current, next } = parseInput(PasswordBody, "body", request.body);
      const result = await auth.changePassword(actorOf(request), current, next);
      if (result.ok) {
        clearSessionCookie(reply, cookies);
        return reply.code(204).send();
      }
      return reply.code(result.code === "INVALID_CREDENTIALS" ? 403 : 400).send({ error: result.code ?? "INVALID_INPUT" });
    });

    app.post(`${AUTH_PATH}/totp/setup`, { bodyLimit: BODY_LIMIT }, async (request) => {
      parseInput(EmptyBody, "body", request.body);
      return auth.beginTotp(actorOf(request));
    });

    app.post(`${AUTH_PATH}/totp/confirm`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { code } = parseInput(CodeBody, "body", request.body);
      const result = await auth.confirmTotp(actorOf(request), code);
      return result.ok ? { totpEnabled: true } : reply.code(400).send({ error: "INVALID_TOTP" });
    });

    app.post(`${AUTH_PATH}/totp/disable`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { password } = parseInput(ReauthBody, "body", request.body);
      const result = await auth.disableTotp(actorOf(request), password);
      return result.ok ? { totpEnabled: false } : reply.code(403).send({ error: "INVALID_CREDENTIALS" });
    });
  };
}
