/**
 * The admin pages and their forms. User administration goes through the user-admin use cases and
 * the rest through the settings view and audit viewer, all of which check the actor again; the page
 * rules already keep everyone but admins out.
 *
 *   GET  /console/admin                         users
 *   POST /console/admin/users                   create: username, displayName, role, password
 *   POST /console/admin/users/:id/role | enable | disable | password | sessions
 *   GET  /console/admin/organisations | settings | audit?actor&action&targetType&targetId&before
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../app/queue/queueService.js";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { RoleSchema } from "../../auth/roles.js";
import type { ConsoleUserAdmin } from "../consolePorts.js";
import { auditPage, organisationsPage, settingsPage, usersPage } from "../views/adminPages.js";
import { PageError, type PageKit } from "./pageKit.js";

const AUDIT_PAGE = 50;
const Csrf = { [CSRF_FIELD]: z.string().max(200).optional() };
const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const CreateForm = z.strictObject({
  ...Csrf,
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,64}$/),
  displayName: z.string().trim().min(1).max(100),
  role: RoleSchema,
  password: z.string().min(1).max(256),
});
const RoleForm = z.strictObject({ ...Csrf, role: RoleSchema });
const PasswordForm = z.strictObject({ ...Csrf, password: z.string().min(1).max(256) });
const EmptyForm = z.strictObject(Csrf).optional();
const text = z.string().trim().max(100).optional().transform((value) => (value ? value : undefined));
const AuditQuery = z.strictObject({ actor: text, action: text, targetType: text, targetId: text, before: z.iso.datetime().optional() });

export function adminRoutes(kit: PageKit) {
  const { deps } = kit;
  const users = (): ConsoleUserAdmin => {
    if (!deps.userAdmin) throw new PageError(404, "NOT_FOUND");
    return deps.userAdmin;
  };

  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console/admin", async (request, reply) => {
      const list = deps.userAdmin ? await deps.userAdmin.list(kit.actor(request)) : null;
      return kit.send(reply, usersPage(kit.context(request, reply), list));
    });

    app.post("/console/admin/users", { bodyLimit: 8 * 1024 }, async (request, reply) => {
      const form = kit.parse(CreateForm, request.body);
      const actor = kit.actor(request);
      try {
        await users().create(actor, { username: form.username, displayName: form.displayName, role: form.role, organisation: actor.organisation, password: form.password });
      } catch (error) {
        return kit.done(reply, "/console/admin", { error });
      }
      return kit.done(reply, "/console/admin", { ok: "userCreated" });
    });

    const userAction = (name: string, run: (actor: Actor, id: string, request: FastifyRequest) => Promise<unknown>, ok: string) => {
      app.post(`/console/admin/users/:id/${name}`, { bodyLimit: 8 * 1024 }, async (request, reply) => {
        const { id } = kit.parse(IdParams, request.params);
        try {
          await run(kit.actor(request), id, request);
        } catch (error) {
          return kit.done(reply, "/console/admin", { error });
        }
        return kit.done(reply, "/console/admin", { ok });
      });
    };
    userAction("role", (actor, id, request) => users().changeRole(actor, id, kit.parse(RoleForm, request.body).role), "roleChanged");
    userAction("disable", (actor, id, request) => (kit.parse(EmptyForm, request.body), users().setDisabled(actor, id, true)), "userDisabled");
    userAction("enable", (actor, id, request) => (kit.parse(EmptyForm, request.body), users().setDisabled(actor, id, false)), "userEnabled");
    userAction("password", (actor, id, request) => users().resetPassword(actor, id, kit.parse(PasswordForm, request.body).password), "passwordReset");
    userAction("sessions", (actor, id, request) => (kit.parse(EmptyForm, request.body), users().revokeSessions(actor, id)), "sessionsRevoked");

    app.get("/console/admin/organisations", async (request, reply) => {
      const organisations = deps.settings ? await deps.settings.organisations(kit.actor(request)) : null;
      return kit.send(reply, organisationsPage(kit.context(request, reply), organisations));
    });

    app.get("/console/admin/settings", async (request, reply) => {
      const settings = deps.settings ? deps.settings.settings(kit.actor(request)) : null;
      return kit.send(reply, settingsPage(kit.context(request, reply), settings));
    });

    app.get("/console/admin/audit", async (request, reply) => {
      const query = kit.parse(AuditQuery, request.query);
      const entries = deps.audit
        ? await deps.audit.search(kit.actor(request), {
            ...(query.actor ? { username: query.actor } : {}),
            ...(query.action ? { action: query.action } : {}),
            ...(query.targetType ? { targetType: query.targetType } : {}),
            ...(query.targetId ? { targetId: query.targetId } : {}),
            ...(query.before ? { before: new Date(query.before) } : {}),
            limit: AUDIT_PAGE + 1,
          })
        : null;
      const shown = entries?.slice(0, AUDIT_PAGE) ?? null;
      const last = shown?.[shown.length - 1];
      const older = entries && entries.length > AUDIT_PAGE && last ? last.at.toISOString() : undefined;
      const { before: _before, ...filters } = query;
      return kit.send(reply, auditPage(kit.context(request, reply), { entries: shown, query: filters, older, paged: query.before !== undefined }));
    });
  };
}
