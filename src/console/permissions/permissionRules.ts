/**
 * The API's permission rules are data (`permissions.json`): for each route, the roles that may call
 * it. Parsed with zod at start-up; a duplicate rule or an unknown role stops the server. Routes are
 * matched by their exact Fastify pattern, not by prefix or wildcard, so a new route never inherits a
 * rule nobody wrote for it.
 *
 * Example rule: `{ "method": "POST", "path": "/api/v1/escalations/:id/claim", "roles": ["caseworker"] }`.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Role } from "../../app/queue/queueService.js";
import { RoleSchema } from "../auth/roles.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const RuleSchema = z.strictObject({
  method: z.enum(HTTP_METHODS),
  path: z.string().regex(/^\/api(\/[A-Za-z0-9._:-]+)+$/, "a route pattern under /api/"),
  roles: z.array(RoleSchema).min(1),
});

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

export class PermissionRules {
  private readonly byRoute: ReadonlyMap<string, ReadonlySet<Role>>;

  constructor(readonly rules: readonly PermissionRule[]) {
    this.byRoute = new Map(rules.map((rule) => [PermissionRules.key(rule.method, rule.path), new Set(rule.roles)]));
  }

  /** The roles allowed on a route, or undefined when there is no rule (which means nobody). */
  rolesFor(method: string, path: string): ReadonlySet<Role> | undefined {
    // Fastify answers HEAD with the GET handler: it gets the GET rule.
    return this.byRoute.get(PermissionRules.key(method === "HEAD" ? "GET" : method, path));
  }

  private static key(method: string, path: string): string {
    return `${method.toUpperCase()} ${path}`;
  }
}

export const PERMISSIONS_FILE = new URL("./permissions.json", import.meta.url);

export class PermissionsFileError extends Error {
  readonly code = "PERMISSIONS_INVALID";
}

export function loadPermissionRules(file: URL | string = PERMISSIONS_FILE): PermissionRules {
  const parsed = PermissionsFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new PermissionsFileError(`permissions.json: ${problems.join("; ")}`);
  }
  return new PermissionRules(parsed.data.rules);
}
