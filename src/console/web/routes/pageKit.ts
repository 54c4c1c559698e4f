/**
 * What every page route uses: the guard's verdict (session, language), the page context for views,
 * sending HTML that is never cached, zod parsing of params/query/body that turns into a 400 page,
 * and error codes from the use cases turned into pages (404 for another organisation's record) or
 * flash messages after a POST.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor } from "../../../app/queue/queueService.js";
import { isKinlinkError } from "../../../domain/errors.js";
import type { Assets } from "../assets.js";
import type { ConsoleDeps } from "../consolePorts.js";
import { redirectWithFlash, takeFlash } from "../flash.js";
import type { Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import type { PermissionRules } from "../../permissions/permissionRules.js";
import type { PageState } from "../pageGuard.js";
import { errorPage } from "../views/errorPage.js";
import type { NavItem, PageContext } from "../views/pageContext.js";

/** The menu, in order; an entry shows when the page rules let the person's role GET it. */
const NAV: readonly NavItem[] = [
  { key: "queue", href: "/console" },
  { key: "cases", href: "/console/cases" },
  { key: "tracing", href: "/console/tracing" },
  { key: "playground", href: "/console/playground" },
  { key: "admin", href: "/console/admin" },
  { key: "account", href: "/console/account" },
];

/** A request that cannot be served as asked; `status` picks the page. */
export class PageError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The status a script (not a page) gets for a refused action. */
export function jsonStatus(code: string): number {
  return code === "NOT_FOUND" ? 404 : code === "INVALID_INPUT" ? 400 : code === "FORBIDDEN" ? 403 : code === "INTERNAL" ? 500 : 409;
}

/** Stable codes from the use cases (QueueError, record errors) or INTERNAL. */
export function errorCode(error: unknown): string {
  if (error instanceof PageError) return error.code;
  return isKinlinkError(error) ? error.code : "INTERNAL";
}

export class PageKit {
  constructor(
    readonly deps: ConsoleDeps,
    private readonly stateOf: (request: FastifyRequest) => PageState,
    private readonly assets: Assets,
    private readonly rules: PermissionRules,
    /** For an error before the guard ran (no language chosen yet, nobody signed in). */
    private readonly fallback: Translate,
  ) {}

  /** Whether the person reached us over HTTPS (then every cookie is Secure). */
  secure(request: FastifyRequest): boolean {
    return this.deps.sessionCookies.isSecure(request);
  }

  state(request: FastifyRequest): PageState {
    try {
      return this.stateOf(request);
    } catch {
      return { session: null, t: this.fallback };
    }
  }

  /** The signed-in actor; the guard has already turned away anyone else. */
  actor(request: FastifyRequest): Actor {
    const session = this.state(request).session;
    if (!session) throw new PageError(403, "FORBIDDEN");
    return session.actor;
  }

  context(request: FastifyRequest, reply: FastifyReply): PageContext {
    const { session, t } = this.state(request);
    const role = session?.actor.role;
    return {
      t,
      session,
      path: request.url,
      nav: role ? NAV.filter((item) => this.rules.rolesFor("GET", item.href)?.has(role)) : [],
      flash: takeFlash(request, reply, this.secure(request)),
      asset: (name) => this.assets.url(name),
    };
  }

  async send(reply: FastifyReply, body: Html, status = 200): Promise<FastifyReply> {
    return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(body.value);
  }

  parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new PageError(400, "INVALID_INPUT");
    return parsed.data;
  }

  /** After a POST: back to `to` with a message. Known use-case refusals become their own message. */
  async done(reply: FastifyReply, to: string, outcome: { ok: string } | { refused: string } | { error: unknown }): Promise<FastifyReply> {
    if ("ok" in outcome) return redirectWithFlash(reply, to, { kind: "ok", code: outcome.ok }, this.secure(reply.request));
    if ("refused" in outcome) return this.refused(reply, to, outcome.refused);
    const code = errorCode(outcome.error);
    if (code === "INTERNAL" || code === "NOT_FOUND") throw outcome.error;
    return redirectWithFlash(reply, to, { kind: "error", code: `error.${code}` }, this.secure(reply.request));
  }

  /** A use case said no with a code (not an exception): back with `flash.error.<code>`. */
  async refused(reply: FastifyReply, to: string, code: string): Promise<FastifyReply> {
    return redirectWithFlash(reply, to, { kind: "error", code: `error.${code}` }, this.secure(reply.request));
  }

  /** Display names for user ids (assignees, history, audit trails); unknown ids and "system" are left out. */
  async displayNames(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string" && id !== "" && id !== "system"))];
    const users = await Promise.all(unique.map((id) => this.deps.users.get(id)));
    return new Map(users.flatMap((user) => (user ? [[user.id, user.displayName] as const] : [])));
  }

  /** Renders a refusal or failure as a page in the person's language. */
  async error(request: FastifyRequest, reply: FastifyReply, status: 400 | 403 | 404 | 500): Promise<FastifyReply> {
    return this.send(reply, errorPage(this.context(request, reply), status), status);
  }
}
