/**
 * The API's permission rules are data (`permissions.json`): for each route, the roles that may call
 * it. Parsed with zod at start-up; a duplicate rule or an unknown role stops the server. Routes are
 * matched by their exact Fastify pattern, not by prefix or wildcard, so a new route never inherits a
 * rule nobody wrote for it.
 *
 * Example rule: `{ "method": "POST", "path": "/api/v1/escalations/:id/claim", "roles": ["caseworker"] }`.
 *
 * A route anyone may call (signing in) says so explicitly: `{ "method": "POST", "path": "…",
 * "public": true }`, never by a missing rule. A rule is one form or the other, not both.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Role } from "../../app/queue/queueService.js";
import { RoleSchema } from "../auth/roles.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const route = {
  method: z.enum(HTTP_METHODS),
  path: z.string().regex(/^\/(api|console)(\/[A-Za-z0-9._:-]+)*$/, "a route pattern under /api/ or /console"),
};
const RoleRuleSchema = z.strictObject({ ...route, roles: z.array(RoleSchema).min(1) });
const PublicRuleSchema = z.strictObject({ ...route, public: z.literal(true) });
const RuleSchema = z.union([RoleRuleSchema, PublicRuleSchema]);

export const PermissionsFileSchema = z
  .strictObject({ $comment: z.string().optional(), version: z.literal(1), rules: z.array(RuleSchema) })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      const key = `${rule.method} ${rule.path}`;
      if (seen.has(key)) context.addIssue({ code: "custom", path: ["rules", index], message: `a second rule for ${key}` });
      seen.add(key);
    });
  });

export type PermissionRule = z.infer<typeof RuleSchema>;

/** Who may call a route: anyone, or the listed roles. */
export type RouteAccess = "public" | ReadonlySet<Role>;

export class PermissionRules {
  private readonly byRoute: ReadonlyMap<string, RouteAccess>;

  constructor(readonly rules: readonly PermissionRule[]) {
    this.byRoute = new Map(rules.map((rule) => [PermissionRules.key(rule.method, rule.path), "public" in rule ? "public" : new Set(rule.roles)]));
  }

  /** A route's rule: undefined when there is none (which means nobody). */
  accessFor(method: string, path: string): RouteAccess | undefined {
    // Fastify answers HEAD with the GET handler: it gets the GET rule.
    return this.byRoute.get(PermissionRules.key(method === "HEAD" ? "GET" : method, path));
  }

  /** The roles allowed on a route; undefined when there is no rule, or when the route is public. */
  rolesFor(method: string, path: string): ReadonlySet<Role> | undefined {
    const access = this.accessFor(method, path);
    return access === "public" ? undefined : access;
  }

  isPublic(method: string, path: string): boolean {
    return this.accessFor(method, path) === "public";
  }

  private static key(method: string, path: string): string {
    return `${method.toUpperCase()} ${path}`;
  }
}

export const PERMISSIONS_FILE = new URL("./permissions.json", import.meta.url);

export class PermissionsFileError extends Error {
  readonly code = "PERMISSIONS_INVALID";
}

/** `prefix`: the one tree the file may cover ("/api" for permissions.json, "/console" for the pages' rules). */
export function loadPermissionRules(file: URL | string = PERMISSIONS_FILE, prefix = "/api"): PermissionRules {
  const parsed = PermissionsFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  const name = String(file).split("/").pop();
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new PermissionsFileError(`${name}: ${problems.join("; ")}`);
  }
  const outside = parsed.data.rules.filter((rule) => rule.path !== prefix && !rule.path.startsWith(`${prefix}/`));
  if (outside.length > 0) throw new PermissionsFileError(`${name}: ${outside.map((rule) => rule.path).join(", ")} not under ${prefix}`);
  return new PermissionRules(parsed.data.rules);
}
