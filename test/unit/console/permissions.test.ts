/**
 * The API's permission rules are data, and default-deny: the file is valid, every API route has a
 * rule and every rule a route, a route without a rule stops the server, and roles are enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import Fastify from "fastify";
import type { Actor } from "../../../src/app/queue/queueService.js";
import type { Authenticator } from "../../../src/console/auth/requestAuthenticator.js";
import { installApiGuard } from "../../../src/console/permissions/apiGuard.js";
import { loadPermissionRules, PERMISSIONS_FILE, PermissionRules, PermissionsFileSchema } from "../../../src/console/permissions/permissionRules.js";
import { startApiServer, type ApiServer } from "../../helpers/apiServer.js";
import { listenLocal, request } from "../../helpers/channels/httpClient.js";

const file: unknown = JSON.parse(readFileSync(PERMISSIONS_FILE, "utf8"));

describe("permissions.json", () => {
  it("is valid", () => {
    const parsed = PermissionsFileSchema.safeParse(file);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("rejects unknown roles, empty role lists, duplicates and paths outside /api/", () => {
    const rule = { method: "GET", path: "/api/v1/x", roles: ["caseworker"] };
    const bad = (rules: object[]) => PermissionsFileSchema.safeParse({ version: 1, rules }).success;
    expect(bad([rule])).toBe(true);
    expect(bad([{ ...rule, roles: ["root"] }])).toBe(false);
    expect(bad([{ ...rule, roles: [] }])).toBe(false);
    expect(bad([rule, { ...rule, roles: ["admin"] }])).toBe(false);
    expect(bad([{ ...rule, path: "/playground" }])).toBe(false);
    expect(bad([{ ...rule, public: true }])).toBe(false);
    expect(bad([{ method: "POST", path: "/api/v1/x", public: true }])).toBe(true);
    expect(bad([{ method: "POST", path: "/api/v1/x", public: false }])).toBe(false);
    expect(bad([{ method: "POST", path: "/api/v1/x" }])).toBe(false);
  });

  it("makes only signing in public", () => {
    const rules = loadPermissionRules();
    const open = rules.rules.filter((rule) => "public" in rule).map((rule) => `${rule.method} ${rule.path}`);
    expect(open).toEqual(["POST /api/v1/auth/login"]);
    expect(rules.isPublic("POST", "/api/v1/auth/login")).toBe(true);
    expect(rules.rolesFor("POST", "/api/v1/auth/login")).toBeUndefined();
    expect(rules.isPublic("GET", "/api/v1/auth/me")).toBe(false);
  });

  it("keeps family data away from admins (need-to-know): no case, tracing request or handoff content", () => {
    const admin = loadPermissionRules().rules.filter((rule) => "roles" in rule && rule.roles.includes("admin"));
    const paths = admin.map((rule) => `${rule.method} ${rule.path}`);
    expect(paths).toEqual(expect.arrayContaining(["GET /api/v1/escalations", "GET /api/v1/users", "POST /api/v1/users"]));
    expect(paths.filter((path) => /\/api\/v1\/(escalations\/:id|cases|tracing-requests)/.test(path))).toEqual([]);
  });

  it("keeps user administration to admins", () => {
    const users = loadPermissionRules().rules.filter((rule) => rule.path.startsWith("/api/v1/users"));
    expect(users.length).toBeGreaterThanOrEqual(7);
    for (const rule of users) expect(rule).toMatchObject({ roles: ["admin"] });
  });
});

describe("the API routes and the rules", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(() => server.close());

  it("match one to one: every API route has a rule, and every rule a route", () => {
    const routes = server.routes.filter((route) => route.url.startsWith("/api/") && route.method !== "HEAD").map((route) => `${route.method} ${route.url}`);
    const rules = loadPermissionRules().rules.map((rule) => `${rule.method} ${rule.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect([...routes].sort()).toEqual([...rules].sort());
  });
});

describe("the API guard", () => {
  const rules = new PermissionRules([
    { method: "GET", path: "/api/v1/things", roles: ["supervisor", "admin"] },
    { method: "POST", path: "/api/v1/things", roles: ["supervisor"] },
  ]);
  const actors: Record<string, Actor> = {
    "Bearer sup": { userId: "u-s", role: "supervisor", organisation: "o" },
    "Bearer cw": { userId: "u-c", role: "caseworker", organisation: "o" },
  };
  const authenticate: Authenticator = async (request) => {
    const header = request.headers.authorization;
    const actor = header === undefined ? undefined : actors[header];
    return actor ? { ok: true, actor } : { ok: false, code: "SESSION_UNKNOWN_OR_EXPIRED" };
  };

  it("refuses to start with an API route that has no rule", async () => {
    const app = Fastify();
    installApiGuard(app, { rules, authenticate });
    const start = async (): Promise<void> => {
      await app.register(async (child) => {
        child.get("/api/v1/things", async () => ({}));
        child.delete("/api/v1/things", async () => ({}));
      });
      await app.ready();
    };
    await expect(start()).rejects.toMatchObject({ code: "PERMISSION_RULE_MISSING", message: expect.stringContaining("DELETE /api/v1/things") });
    await app.close();
  });

  it("leaves routes outside /api/ alone", async () => {
    const app = Fastify();
    installApiGuard(app, { rules, authenticate });
    app.get("/healthz", async () => ({ ok: true }));
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  it("answers 401 without valid credentials, 403 for a role without a rule, and lets the rest through with their actor", async () => {
    const app = Fastify();
    const reports: string[] = [];
    const audit: string[] = [];
    const actorOf = installApiGuard(app, {
      rules,
      authenticate,
      report: (code, context) => reports.push(`${code} ${context["reason"] ?? context["role"]}`),
      auditLog: { append: async (entry) => (audit.push(`${entry.actor} ${entry.action} ${entry.targetId}`), { ...entry, id: "a", at: new Date() }) },
    });
    let handled = 0;
    app.get("/api/v1/things", async (req) => ({ by: actorOf(req).userId }));
    app.post("/api/v1/things", async () => ({ handled: ++handled }));
    const url = await listenLocal(app);
    try {
      const none = await request(url, "GET", "/api/v1/things");
      expect([none.status, none.json()]).toEqual([401, { error: "UNAUTHORIZED" }]);
      expect((await request(url, "GET", "/api/v1/things", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
      expect((await fetch(`${url}/api/v1/things`, { method: "HEAD" })).status).toBe(401);
      const cw = await request(url, "GET", "/api/v1/things", { headers: { authorization: "Bearer cw" } });
      expect([cw.status, cw.json()]).toEqual([403, { error: "FORBIDDEN" }]);
      const ok = await request(url, "GET", "/api/v1/things", { headers: { authorization: "Bearer sup" } });
      expect([ok.status, ok.json()]).toEqual([200, { by: "u-s" }]);
      // Refused before the body is read: the handler never runs.
      const post = await request(url, "POST", "/api/v1/things", { headers: { authorization: "Bearer cw", "content-type": "application/json" }, body: "{not json" });
      expect(post.status).toBe(403);
      expect(handled).toBe(0);
      expect(reports).toEqual(["AUTH_FAILED SESSION_UNKNOWN_OR_EXPIRED", "AUTH_FAILED SESSION_UNKNOWN_OR_EXPIRED", "AUTH_FAILED SESSION_UNKNOWN_OR_EXPIRED", "AUTH_FORBIDDEN caseworker", "AUTH_FORBIDDEN caseworker"]);
      expect(audit).toEqual(["u-c api.forbidden GET /api/v1/things", "u-c api.forbidden POST /api/v1/things"]);
    } finally {
      await app.close();
    }
  });
});
