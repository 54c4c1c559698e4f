/**
 * The console's page rules are data, and default-deny: pages.json is valid, every console route has
 * a rule and every rule a route, a /console route without a rule stops the server, and admins get
 * no page that shows a family's words (need-to-know).
 */
import { describe, expect, it } from "@jest/globals";
import Fastify from "fastify";
import type { ConsoleAuth } from "../../../../src/console/auth/consoleAuth.js";
import { sessionCookies } from "../../../../src/console/auth/sessionCookie.js";
import { loadPageRules, MissingPageRuleError, PAGES_FILE } from "../../../../src/console/web/pageGuard.js";
import { registerConsole } from "../../../../src/console/web/registerConsole.js";
import { loadPermissionRules } from "../../../../src/console/permissions/permissionRules.js";
import { FakeQueueService } from "../../../helpers/fakeQueueService.js";

const auth: ConsoleAuth = {
  login: async () => ({ ok: false, code: "INVALID_CREDENTIALS" }),
  session: async () => null,
  checkCsrf: () => false,
  logout: async () => undefined,
  changePassword: async () => ({ ok: false }),
  beginTotp: async () => ({ secret: "", uri: "" }),
  confirmTotp: async () => ({ ok: false }),
  disableTotp: async () => ({ ok: false }),
};
const users = { get: async () => null, listByOrganisation: async () => [] };

async function consoleRoutes() {
  const app = Fastify({ logger: false });
  const routes: string[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD" && route.url.startsWith("/console")) routes.push(`${method} ${route.url}`);
  });
  await registerConsole(app, { auth, queue: new FakeQueueService(), users, sessionCookies: sessionCookies({ alwaysSecure: false }) });
  return { app, routes };
}

describe("pages.json", () => {
  it("is valid and only about /console", () => {
    expect(() => loadPageRules()).not.toThrow();
    expect(() => loadPermissionRules(PAGES_FILE, "/api")).toThrow(/not under \/api/);
  });

  it("makes only signing in, the language switch and the static files public", () => {
    const open = loadPageRules().rules.filter((rule) => "public" in rule).map((rule) => `${rule.method} ${rule.path}`);
    expect(open.sort()).toEqual(["GET /console/assets/:file", "GET /console/language/:lang", "GET /console/login", "POST /console/login"]);
  });

  it("keeps conversations and records away from admins", () => {
    const rules = loadPageRules().rules.filter((rule) => "roles" in rule && rule.roles.includes("admin")).map((rule) => rule.path);
    expect(rules.filter((path) => /escalations|cases|tracing/.test(path))).toEqual([]);
  });

  it("matches the routes one to one", async () => {
    const { app, routes } = await consoleRoutes();
    const rules = loadPageRules().rules.map((rule) => `${rule.method} ${rule.path}`);
    expect([...new Set(routes)].sort()).toEqual([...rules].sort());
    await app.close();
  });

  it("stops the server when a console route has no rule", async () => {
    const { app } = await consoleRoutes();
    expect(() => app.get("/console/secret", async () => "no")).toThrow(MissingPageRuleError);
    await app.close();
  });
});
