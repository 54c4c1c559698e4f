/**
 * Default-deny for everything under /api/: an `onRoute` hook refuses to register a route without a
 * permission rule (the server does not start), and puts an authentication and role check in front
 * of every route that has one. Checks run on `onRequest`, before the body is even parsed.
 *
 * Credentials are a bearer token or the console's session cookie (auth/requestAuthenticator.ts).
 * 401 `{"error":"UNAUTHORIZED"}` whatever went wrong with the credentials (the code goes to the log);
 * 403 `{"error":"CSRF"}` for a cookie session's unsafe request without its CSRF token;
 * 403 `{"error":"FORBIDDEN"}` for a role the rule does not list (also audit-logged: a user reached
 * for something they may not have). A route whose rule is `"public": true` (signing in) is let
 * through without credentials.
 *
 *   const actorOf = installApiGuard(app, { rules, authenticate });   // before registering routes
 *   app.get("/api/v1/x", async (request) => use(actorOf(request)));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import type { Actor } from "../../app/queue/queueService.js";
import type { AuditLog } from "../../ports/auditLog.js";
import type { Authenticator } from "../auth/requestAuthenticator.js";
import type { PermissionRules } from "./permissionRules.js";

export const API_PREFIX = "/api/";

export interface ApiGuardOptions {
  readonly rules: PermissionRules;
  readonly authenticate: Authenticator;
  readonly auditLog?: Pick<AuditLog, "append">;
  /** Authentication events by code and ids only: never a token or a header value. */
  readonly report?: (code: string, context: Readonly<Record<string, string>>) => void;
}

/** Returns the actor the guard resolved; only callable from a guarded route's handler. */
export type ActorOf = (request: FastifyRequest) => Actor;

export class MissingPermissionRuleError extends Error {
  readonly code = "PERMISSION_RULE_MISSING";
  constructor(method: string, path: string) {
    super(`${method} ${path} has no rule in permissions.json: every API route needs one (default-deny)`);
  }
}

const isApiRoute = (path: string): boolean => path === "/api" || path.startsWith(API_PREFIX);

export function installApiGuard(app: FastifyInstance, options: ApiGuardOptions): ActorOf {
  const actors = new WeakMap<FastifyRequest, Actor>();

  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = `${request.method} ${request.routeOptions.url ?? "?"}`;
    const access = options.rules.accessFor(request.method, request.routeOptions.url ?? "");
    if (access === "public") return;
    const result = await options.authenticate(request);
    if (!result.ok && result.code === "CSRF_INVALID") {
      options.report?.("AUTH_CSRF_REJECTED", { route, ...(result.userId ? { userId: result.userId } : {}) });
      await reply.code(403).send({ error: "CSRF" });
      return;
    }
    if (!result.ok) {
      options.report?.("AUTH_FAILED", { reason: result.code, route, ...(result.userId ? { userId: result.userId } : {}) });
      await reply.code(401).header("www-authenticate", 'Bearer realm="kinlink"').send({ error: "UNAUTHORIZED" });
      return;
    }
    const { actor } = result;
    if (access === undefined || !access.has(actor.role)) {
      options.report?.("AUTH_FORBIDDEN", { userId: actor.userId, role: actor.role, route });
      await options.auditLog?.append({ actor: actor.userId, action: "api.forbidden", targetType: "route", targetId: route, details: { role: actor.role } });
      await reply.code(403).send({ error: "FORBIDDEN" });
      return;
    }
    actors.set(request, actor);
  };

  app.addHook("onRoute", (route) => {
    if (!isApiRoute(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!options.rules.accessFor(method, route.url)) throw new MissingPermissionRuleError(method, route.url);
    }
    const existing: onRequestHookHandler[] = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    // First in line: nothing of the route's own runs for a caller who is not allowed.
    route.onRequest = [guard, ...existing];
  });

  return (request) => {
    const actor = actors.get(request);
    if (!actor) throw new Error(`no authenticated actor for ${request.method} ${request.routeOptions.url ?? "?"}: the route is not behind the API guard`);
    return actor;
  };
}
