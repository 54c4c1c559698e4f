/**
 * Signing in and out, and the language switch.
 *
 *   GET  /console/login            the form (sets a fresh login-CSRF cookie)
 *   POST /console/login            username, password[, totp] -> session cookie, 303 to `next` or the queue
 *   POST /console/logout           ends the session (CSRF-checked by the guard)
 *   GET  /console/language/:lang   remembers the console language, back to `back`
 *
 * Login CSRF: there is no session yet, so the form echoes a random value that is also in an
 * HttpOnly SameSite=Strict cookie (double submit). `next` and `back` must be console paths, so the
 * page cannot be used to send someone to another site.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { clearCookie, LOGIN_COOKIE, readCookies, setCookie } from "../cookies.js";
import { CONSOLE_LANGUAGES, LANGUAGE_COOKIE } from "../i18n/consoleI18n.js";
import { loginPage, type LoginView } from "../views/loginPage.js";
import type { PageKit } from "./pageKit.js";

/** A path inside the console, never `//host` or a full URL. */
export const ConsolePath = z.string().max(500).regex(/^\/console(?:[/?][^\\\s]*)?$/).refine((path) => !path.startsWith("//"));

const LoginForm = z.strictObject({
  [CSRF_FIELD]: z.string().max(100),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().trim().regex(/^\d{6}$/).optional().or(z.literal("").transform(() => undefined)),
  next: ConsolePath.optional(),
});
const LoginQuery = z.object({ next: ConsolePath.optional().catch(undefined) });
const LanguageParams = z.strictObject({ lang: z.enum(CONSOLE_LANGUAGES) });
const LanguageQuery = z.object({ back: ConsolePath.optional().catch(undefined) });
const YEAR = 365 * 24 * 3600;

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function loginRoutes(kit: PageKit) {
  const { deps } = kit;
  const demoFor = (request: FastifyRequest) => (LOOPBACK.has(request.socket.remoteAddress ?? "") ? (deps.demoAccounts ?? []) : []);

  return async (app: FastifyInstance): Promise<void> => {
    const render = async (request: FastifyRequest, reply: Parameters<PageKit["send"]>[0], view: Omit<LoginView, "loginToken" | "demoAccounts">, status = 200) => {
      const loginToken = randomBytes(18).toString("base64url");
      setCookie(reply, LOGIN_COOKIE, loginToken, { secure: kit.secure(request), maxAgeSeconds: 3600 });
      return kit.send(reply, loginPage(kit.context(request, reply), { ...view, loginToken, demoAccounts: demoFor(request) }), status);
    };

    app.get("/console/login", async (request, reply) => {
      if (kit.state(request).session) return reply.redirect("/console", 303);
      const { next } = LoginQuery.parse(request.query);
      return render(request, reply, next ? { next } : {});
    });

    app.post("/console/login", { bodyLimit: 8 * 1024 }, async (request, reply) => {
      const form = LoginForm.safeParse(request.body);
      if (!form.success) return render(request, reply, { error: { code: "INVALID_INPUT" } }, 400);
      const { username, password, totp, next } = form.data;
      const keep = { username, ...(next ? { next } : {}) };
      if (!sameToken(readCookies(request)[LOGIN_COOKIE], form.data[CSRF_FIELD])) return render(request, reply, { ...keep, error: { code: "EXPIRED_FORM" } }, 403);
      const result = await deps.auth.login({ username, password, ...(totp ? { totp } : {}), ip: request.ip });
      if (result.ok) {
        clearCookie(reply, LOGIN_COOKIE, kit.secure(request));
        deps.sessionCookies.set(reply, result.sessionToken);
        return reply.redirect(next ?? "/console", 303);
      }
      switch (result.code) {
        case "TOTP_REQUIRED":
          return render(request, reply, { ...keep, askTotp: true, ...(totp ? { error: { code: "TOTP_REQUIRED" } } : {}) }, totp ? 401 : 200);
        case "LOCKED":
          return render(request, reply, { ...keep, error: { code: "LOCKED", minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) } }, 429);
        case "INVALID_CREDENTIALS":
          return render(request, reply, { ...keep, error: { code: "INVALID_CREDENTIALS" } }, 401);
      }
    });

    app.post("/console/logout", { bodyLimit: 4 * 1024 }, async (request, reply) => {
      const token = deps.sessionCookies.read(request);
      if (token) await deps.auth.logout(token);
      deps.sessionCookies.clear(reply);
      return kit.done(reply, "/console/login", { ok: "signedOut" });
    });

    app.get("/console/language/:lang", async (request, reply) => {
      const { lang } = kit.parse(LanguageParams, request.params);
      const { back } = LanguageQuery.parse(request.query);
      setCookie(reply, LANGUAGE_COOKIE, lang, { secure: kit.secure(request), maxAgeSeconds: YEAR });
      return reply.redirect(back ?? "/console", 303);
    });
  };
}
