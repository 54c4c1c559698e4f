/**
 * Puts the caseworker console's pages on a server: the default-deny page guard first (so it sees
 * every /console route registered after it), then the pages in their own scope (form bodies, an
 * error handler that answers with pages), and a not-found page for unknown /console URLs. main.ts
 * calls this once; the browser tests start the real server, so they exercise the same wiring.
 *
 *   await registerConsole(app, { auth, sessionCookies, queue, users: store.users, records, userAdmin, audit, settings, demoAccounts });
 */
import formBody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Assets } from "./assets.js";
import type { ConsoleDeps } from "./consolePorts.js";
import { ConsoleI18n } from "./i18n/consoleI18n.js";
import { CONSOLE_PREFIX, installPageGuard, loadPageRules, wantsJson } from "./pageGuard.js";
import { accountRoutes } from "./routes/accountRoutes.js";
import { adminRoutes } from "./routes/adminRoutes.js";
import { assetRoutes } from "./routes/assetRoutes.js";
import { escalationRoutes } from "./routes/escalationRoutes.js";
import { loginRoutes } from "./routes/loginRoutes.js";
import { errorCode, PageError, PageKit } from "./routes/pageKit.js";
import { playgroundRoute } from "./routes/playgroundRoute.js";
import { recordRoutes } from "./routes/recordRoutes.js";

/** Use-case codes that mean "not found" or "not allowed" rather than a failure. */
const STATUS_OF_CODE: Readonly<Record<string, 400 | 403 | 404>> = {
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
};

function statusOf(error: FastifyError | Error): 400 | 403 | 404 | 500 {
  if (error instanceof PageError) return error.status;
  const byCode = STATUS_OF_CODE[errorCode(error)];
  if (byCode) return byCode;
  // Fastify's own refusals (unsupported media type, body too large, bad form): a plain "bad request".
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  return status >= 400 && status < 500 ? 400 : 500;
}

export async function registerConsole(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const i18n = new ConsoleI18n();
  const assets = new Assets();
  const pageRules = loadPageRules();
  let kit: PageKit | undefined;
  const guard = installPageGuard(app, {
    rules: pageRules,
    auth: deps.auth,
    i18n,
    sessionTokenOf: (request) => deps.sessionCookies.read(request),
    forbidden: async (request, reply) => (kit ? kit.error(request, reply, 403) : reply.code(403).send()),
    ...(deps.report ? { report: deps.report } : {}),
  });
  const pages = new PageKit(deps, (request) => guard.state(request), assets, pageRules, i18n.translator("en"));
  kit = pages;

  await app.register(async (scope) => {
    // Forms post as application/x-www-form-urlencoded (main.ts registers the parser for the API too).
    if (!scope.hasContentTypeParser("application/x-www-form-urlencoded")) await scope.register(formBody, { bodyLimit: 128 * 1024 });
    scope.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = statusOf(error);
      if (status === 500) deps.report?.("PAGE_ERROR", { route: `${request.method} ${request.routeOptions.url ?? "?"}`, code: errorCode(error) === "INTERNAL" ? error.name : errorCode(error) });
      if (wantsJson(request)) return reply.code(status).send({ error: status === 500 ? "INTERNAL" : errorCode(error) });
      return pages.error(request, reply, status);
    });
    await scope.register(assetRoutes(assets));
    await scope.register(loginRoutes(pages));
    await scope.register(escalationRoutes(pages));
    await scope.register(recordRoutes(pages));
    await scope.register(adminRoutes(pages));
    await scope.register(accountRoutes(pages));
    await scope.register(playgroundRoute(pages));
  });

  // Any other /console URL: the console's own 404 page, inside the layout for someone signed in.
  // A not-found handler is not a route: it grants nothing, and the page rules stay one to one with
  // the real routes. Every method gets it (nothing is done), so no CSRF check is needed.
  await app.register(
    async (scope) => {
      scope.setNotFoundHandler(async (request, reply) => {
        await guard.resolve(request);
        if (wantsJson(request)) return reply.code(404).header("cache-control", "no-store").send({ error: "NOT_FOUND" });
        return pages.error(request, reply, 404);
      });
    },
    { prefix: CONSOLE_PREFIX },
  );
}
