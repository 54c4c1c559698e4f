/**
 * The session cookie, in one place for the API and the console pages (ASVS 3.4): HttpOnly (no
 * script reads it), SameSite=Strict (not sent on cross-site requests), Path=/, and over HTTPS (or
 * always in production) `Secure` with the `__Host-` name, which browsers accept only from this
 * exact host over HTTPS with Path=/ — a sibling subdomain cannot plant one. No Expires: the cookie
 * goes when the browser closes (shared devices in the field); the server ends the session anyway
 * after 30 idle minutes or 12 hours.
 *
 * Needs @fastify/cookie registered on the server (main.ts does; registerApi makes sure).
 *
 *   const token = readSessionCookie(request, policy);      // undefined when absent
 *   setSessionCookie(reply, result.sessionToken, policy);  // after a successful login
 *   clearSessionCookie(reply, policy);                     // on logout
 */
import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./consoleAuth.js";

export interface SessionCookiePolicy {
  /** Secure cookies whatever the request looks like (NODE_ENV=production). */
  readonly alwaysSecure: boolean;
}

/** HTTPS as the client sees it (behind a proxy, with KINLINK_TRUST_PROXY=1, from X-Forwarded-Proto). */
export function isSecureRequest(request: Pick<FastifyRequest, "protocol">, policy: SessionCookiePolicy): boolean {
  return policy.alwaysSecure || request.protocol === "https";
}

export function sessionCookieName(request: Pick<FastifyRequest, "protocol">, policy: SessionCookiePolicy): string {
  return isSecureRequest(request, policy) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function sessionCookieOptions(request: Pick<FastifyRequest, "protocol">, policy: SessionCookiePolicy): CookieSerializeOptions {
  return { httpOnly: true, sameSite: "strict", path: "/", secure: isSecureRequest(request, policy) };
}

/** The session token the request carries, from the one cookie name this request's scheme allows. */
export function readSessionCookie(request: FastifyRequest, policy: SessionCookiePolicy): string | undefined {
  // `cookies` is absent when @fastify/cookie is not registered: then there is no session either.
  const cookies: Readonly<Record<string, string | undefined>> | undefined = request.cookies;
  const value = cookies?.[sessionCookieName(request, policy)];
  return value === undefined || value === "" ? undefined : value;
}

export function setSessionCookie(reply: FastifyReply, sessionToken: string, policy: SessionCookiePolicy): void {
  reply.setCookie(sessionCookieName(reply.request, policy), sessionToken, sessionCookieOptions(reply.request, policy));
}

export function clearSessionCookie(reply: FastifyReply, policy: SessionCookiePolicy): void {
  reply.clearCookie(sessionCookieName(reply.request, policy), sessionCookieOptions(reply.request, policy));
}

/** The same helpers bound to one policy, as main.ts hands them to the console pages. */
export interface SessionCookies {
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, sessionToken: string): void;
  clear(reply: FastifyReply): void;
  isSecure(request: Pick<FastifyRequest, "protocol">): boolean;
}

export function sessionCookies(policy: SessionCookiePolicy): SessionCookies {
  return {
    read: (request) => readSessionCookie(request, policy),
    set: (reply, sessionToken) => setSessionCookie(reply, sessionToken, policy),
    clear: (reply) => clearSessionCookie(reply, policy),
    isSecure: (request) => isSecureRequest(request, policy),
  };
}
