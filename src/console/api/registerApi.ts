/**
 * Puts the caseworker API on a server: the default-deny guard first (so that it sees every /api/
 * route registered after it), then the routes. main.ts calls this; so do the tests, so that they
 * exercise the same wiring.
 */
import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance } from "fastify";
import type { AuditViewer } from "../../app/admin/auditViewer.js";
import type { SettingsView } from "../../app/admin/settingsView.js";
import type { UserAdmin } from "../../app/admin/userAdmin.js";
import type { QueueService } from "../../app/queue/queueService.js";
import type { RecordService } from "../../app/records/recordService.js";
import type { AuditLog } from "../../ports/auditLog.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { UserStore } from "../../ports/userStore.js";
import { bearerAuthenticator } from "../auth/bearerAuthenticator.js";
import type { ConsoleAuth } from "../auth/consoleAuth.js";
import { requestAuthenticator, type Authenticator } from "../auth/requestAuthenticator.js";
import type { SessionCookiePolicy } from "../auth/sessionCookie.js";
import { installApiGuard } from "../permissions/apiGuard.js";
import { loadPermissionRules, type PermissionRules } from "../permissions/permissionRules.js";
import type { ApiReport } from "./apiErrorHandler.js";
import { adminRoutes } from "./adminRoutes.js";
import { authRoutes } from "./authRoutes.js";
import { usersRoutes } from "./usersRoutes.js";
import { escalationsRoutes } from "./escalationsRoutes.js";
import { recordsRoutes } from "./recordsRoutes.js";
import { openApiRoutes } from "./openApiRoutes.js";

export interface ApiDeps {
  readonly queue: QueueService;
  readonly stores: { readonly sessions: SessionStore; readonly users: UserStore; readonly auditLog: AuditLog };
  /** Codes and ids only (authentication failures, unexpected errors). */
  readonly report?: ApiReport;
  readonly rules?: PermissionRules;
  readonly keepAliveMs?: number;
  /** Cases and tracing requests (routes registered when given). */
  readonly records?: RecordService;
  /** The audit log viewer and the deployment settings (routes registered when given). */
  readonly admin?: { readonly audit: AuditViewer; readonly settings: SettingsView };
  /** Console sign-in: the session cookie is accepted besides bearer tokens, and /api/v1/auth is served. */
  readonly auth?: { readonly service: ConsoleAuth; readonly cookies: SessionCookiePolicy; readonly loginPerMinute?: number };
  /** User administration (routes registered when given). */
  readonly userAdmin?: UserAdmin;
}

/** Bearer tokens always; the console's session cookie (with its CSRF check) when sign-in is on. */
async function authenticatorFor(app: FastifyInstance, deps: ApiDeps): Promise<Authenticator> {
  if (!deps.auth) {
    const bearer = bearerAuthenticator(deps.stores);
    return (request) => bearer(request.headers.authorization);
  }
  // main.ts registers the cookie plugin for every route; a server built by a test may not have.
  if (!app.hasRequestDecorator("cookies")) await app.register(fastifyCookie);
  return requestAuthenticator({ ...deps.stores, auth: deps.auth.service, cookies: deps.auth.cookies });
}

export async function registerApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const actorOf = installApiGuard(app, {
    rules: deps.rules ?? loadPermissionRules(),
    authenticate: await authenticatorFor(app, deps),
    auditLog: deps.stores.auditLog,
    ...(deps.report ? { report: deps.report } : {}),
  });
  await app.register(openApiRoutes);
  await app.register(
    escalationsRoutes({
      queue: deps.queue,
      actorOf,
      ...(deps.report ? { report: deps.report } : {}),
      ...(deps.keepAliveMs === undefined ? {} : { keepAliveMs: deps.keepAliveMs }),
    }),
  );
  const report = deps.report ? { report: deps.report } : {};
  if (deps.records) await app.register(recordsRoutes({ records: deps.records, actorOf, ...report }));
  if (deps.admin) await app.register(adminRoutes({ ...deps.admin, actorOf, ...report }));
  if (deps.auth) {
    const { service, cookies, loginPerMinute } = deps.auth;
    await app.register(authRoutes({ auth: service, cookies, users: deps.stores.users, actorOf, ...report, ...(loginPerMinute === undefined ? {} : { loginPerMinute }) }));
  }
  if (deps.userAdmin) await app.register(usersRoutes({ userAdmin: deps.userAdmin, actorOf, ...report }));
}
