/**
 * The console pages' own small cookies (the session cookie is the auth service's, sessionCookie.ts).
 * Every one is HttpOnly, SameSite=Strict, Path=/, and Secure over HTTPS. Values are parsed here with
 * the same parser @fastify/cookie uses, whether or not the plugin is registered.
 *
 *   kl_lang                          the console language the person chose
 *   kl_flash                         a message code for the next page (redirect-after-POST)
 *   kl_login                         a random value echoed by the login form (login CSRF, before any session)
 */
import { fastifyCookie } from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";

export const FLASH_COOKIE = "kl_flash";
export const LOGIN_COOKIE = "kl_login";

export function readCookies(request: FastifyRequest): Readonly<Record<string, string | undefined>> {
  return fastifyCookie.parse(request.headers.cookie ?? "");
}

export interface CookieOptions {
  readonly secure: boolean;
  readonly maxAgeSeconds?: number;
  readonly expires?: Date;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  reply.header(
    "set-cookie",
    fastifyCookie.serialize(name, value, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: options.secure,
      ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
      ...(options.expires ? { expires: options.expires } : {}),
    }),
  );
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  setCookie(reply, name, "", { secure, maxAgeSeconds: 0 });
}
