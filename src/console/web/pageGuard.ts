/**
 * Default-deny for every page under /console, like the API's guard: an `onRoute` hook refuses to
 * register a /console route that has no rule in `pages.json` (the server does not start), and puts
 * a sign-in and role check in front of every route that has one. Public pages (login, assets) are
 * marked so in the file, never by omission.
 *
 * - nobody signed in: a page request is sent to /console/login (a script's request gets 401);
 * - a role the rule does not list: a 403 page;
 * - an unsafe method: the session's CSRF token must come back (form field `_csrf` or header
 *   `x-csrf-token`), checked after the body is parsed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from "fastify";
import { CSRF_FIELD, CSRF_HEADER, type ConsoleAuth, type ConsoleSession } from "../auth/consoleAuth.js";
import { z } from "zod";
import { loadPermissionRules, type PermissionRules } from "../permissions/permissionRules.js";
import { readCookies } from "./cookies.js";
import { LANGUAGE_COOKIE, pickLanguage, type ConsoleI18n, type Translate } from "./i18n/consoleI18n.js";

export const CONSOLE_PREFIX = "/console";
export const PAGES_FILE = new URL("../permissions/pages.json", import.meta.url);

/** The pages' rules (`console/permissions/pages.json`), validated like the API's. */
export const loadPageRules = (file: URL | string = PAGES_FILE): PermissionRules => loadPermissionRules(file, CONSOLE_PREFIX);

export interface PageGuardOptions {
  readonly rules: PermissionRules;
  readonly auth: ConsoleAuth;
  readonly i18n: ConsoleI18n;
  readonly sessionTokenOf: (request: FastifyRequest) => string | undefined;
  /** Renders the refusal page (403) in the person's language. */
  readonly forbidden: (request: FastifyRequest, reply: FastifyReply, state: PageState) => Promise<unknown>;
  readonly report?: (code: string, context: Readonly<Record<string, string | number>>) => void;
}

/** What the guard learned about a request, for the handlers. */
export interface PageState {
  readonly session: ConsoleSession | null;
  readonly t: Translate;
}

export class MissingPageRuleError extends Error {
  readonly code = "PERMISSION_RULE_MISSING";
  constructor(method: string, path: string) {
    super(`${method} ${path} has no rule in pages.json: every console page needs one (default-deny)`);
  }
}

const isConsoleRoute = (path: string): boolean => path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`);
const CsrfBody = z.looseObject({ [CSRF_FIELD]: z.string().max(200).optional() });
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** A script (fetch) rather than a page navigation: it gets status codes, not redirects. */
export const wantsJson = (request: FastifyRequest): boolean => request.headers[CSRF_HEADER] !== undefined || (request.headers.accept ?? "").startsWith("application/json");

/** What the console reads back from the guard. */
export interface PageGuard {
  /** The verdict for a request the guard has seen (throws for one it has not: a route outside it). */
  state(request: FastifyRequest): PageState;
  /** Reads the language and the session for a request no route matched (the console's not-found page), without granting anything. */
  resolve(request: FastifyRequest): Promise<PageState>;
}

export function installPageGuard(app: FastifyInstance, options: PageGuardOptions): PageGuard {
  const states = new WeakMap<FastifyRequest, PageState>();

  const resolve = async (request: FastifyRequest): Promise<PageState> => {
    const t = options.i18n.translator(pickLanguage(readCookies(request)[LANGUAGE_COOKIE], request.headers["accept-language"]));
    const token = options.sessionTokenOf(request);
    const session = token ? await options.auth.session(token) : null;
    const state: PageState = { session, t };
    states.set(request, state);
    return state;
  };

  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.routeOptions.url ?? "";
    const state = await resolve(request);
    const { session } = state;
    if (options.rules.isPublic(request.method, path)) return;
    if (!session) {
      if (wantsJson(request)) {
        await reply.code(401).send({ error: "UNAUTHORIZED" });
        return;
      }
      const next = SAFE.has(request.method) ? `?next=${encodeURIComponent(request.url)}` : "";
      await reply.redirect(`/console/login${next}`, 303);
      return;
    }
    if (!options.rules.rolesFor(request.method, path)?.has(session.actor.role)) {
      options.report?.("PAGE_FORBIDDEN", { userId: session.actor.userId, role: session.actor.role, route: `${request.method} ${path}` });
      await options.forbidden(request, reply, state);
    }
  };

  const csrf = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (SAFE.has(request.method) || options.rules.isPublic(request.method, request.routeOptions.url ?? "")) return;
    const state = states.get(request);
    const header = request.headers[CSRF_HEADER];
    const field = CsrfBody.safeParse(request.body);
    const token = typeof header === "string" ? header : field.success ? field.data[CSRF_FIELD] : undefined;
    if (!state?.session || !options.auth.checkCsrf(state.session, token)) {
      options.report?.("PAGE_CSRF_REJECTED", { route: `${request.method} ${request.routeOptions.url ?? "?"}` });
      if (wantsJson(request)) await reply.code(403).send({ error: "CSRF" });
      else if (state) await options.forbidden(request, reply, state);
      else await reply.code(403).send();
    }
  };

  app.addHook("onRoute", (route) => {
    if (!isConsoleRoute(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!options.rules.rolesFor(method, route.url) && !options.rules.isPublic(method, route.url)) throw new MissingPageRuleError(method, route.url);
    }
    const list = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);
    route.onRequest = [guard, ...list<onRequestHookHandler>(route.onRequest)];
    route.preHandler = [csrf, ...list<preHandlerHookHandler>(route.preHandler)];
  });

  return {
    state: (request) => {
      const state = states.get(request);
      if (!state) throw new Error(`${request.method} ${request.routeOptions.url ?? "?"} is not behind the page guard`);
      return state;
    },
    resolve,
  };
}
