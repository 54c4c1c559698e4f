/**
 * Puts the caseworker API on a server: the default-deny guard first (so that it sees every /api/
 * route registered after it), then the routes. main.ts calls this; so do the tests, so that they
 * exercise the same wiring.
 */
import type { FastifyInstance } from "fastify";
import type { QueueService } from "../../app/queue/queueService.js";
import type { AuditLog } from "../../ports/auditLog.js";
import type { SessionStore } from "../../ports/sessionStore.js";
import type { UserStore } from "../../ports/userStore.js";
import { bearerAuthenticator } from "../auth/bearerAuthenticator.js";
import { installApiGuard } from "../permissions/apiGuard.js";
import { loadPermissionRules, type PermissionRules } from "../permissions/permissionRules.js";
import type { ApiReport } from "./apiErrorHandler.js";
import { escalationsRoutes } from "./escalationsRoutes.js";
import { openApiRoutes } from "./openApiRoutes.js";

export interface ApiDeps {
  readonly queue: QueueService;
  readonly stores: { readonly sessions: SessionStore; readonly users: UserStore; readonly auditLog: AuditLog };
  /** Codes and ids only (authentication failures, unexpected errors). */
  readonly report?: ApiReport;
  readonly rules?: PermissionRules;
  readonly keepAliveMs?: number;
}

export async function registerApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const actorOf = installApiGuard(app, {
    rules: deps.rules ?? loadPermissionRules(),
    authenticate: bearerAuthenticator(deps.stores),
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
}
