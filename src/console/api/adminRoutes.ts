/**
 * The organisation's oversight as a JSON API: the audit log (supervisors and admins), the deployment
 * settings and the organisation summary (admins). Read-only.
 *
 *   GET /api/v1/audit?username&action&targetType&targetId&before&limit  -> { items: AuditViewEntry[] }  newest first
 *   GET /api/v1/settings                                                -> DeploymentSettings
 *   GET /api/v1/organisations                                           -> { items: OrganisationSummary[] }
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { AuditViewer } from "../../app/admin/auditViewer.js";
import type { SettingsView } from "../../app/admin/settingsView.js";
import type { ActorOf } from "../permissions/apiGuard.js";
import { apiErrorHandler, type ApiReport } from "./apiErrorHandler.js";
import { LIST_MAX_LIMIT, parseInput } from "./apiInput.js";
import { apiDefaults } from "./apiDefaults.js";

const Code = z.string().regex(/^[A-Za-z0-9_.:*-]{1,80}$/);
export const AuditQuerySchema = z.strictObject({
  username: z.string().min(1).max(64).optional(),
  action: Code.optional(),
  targetType: Code.optional(),
  targetId: Code.optional(),
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(50),
});

export interface AdminRoutesOptions {
  readonly audit: AuditViewer;
  readonly settings: SettingsView;
  readonly actorOf: ActorOf;
  readonly report?: ApiReport;
}

export function adminRoutes(options: AdminRoutesOptions): FastifyPluginAsync {
  const { audit, settings, actorOf } = options;
  return async (app) => {
    apiDefaults(app, apiErrorHandler(options.report));
    app.get("/api/v1/audit", async (request) => {
      const { before, ...query } = parseInput(AuditQuerySchema, "query", request.query);
      return { items: await audit.search(actorOf(request), { ...query, ...(before ? { before } : {}) }) };
    });
    app.get("/api/v1/settings", async (request) => settings.settings(actorOf(request)));
    app.get("/api/v1/organisations", async (request) => ({ items: await settings.organisations(actorOf(request)) }));
  };
}
