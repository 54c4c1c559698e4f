/**
 * The person's own account.
 *
 *   GET  /console/account                   password and second-factor forms
 *   POST /console/account/password          current, next   -> every session ends: sign in again
 *   POST /console/account/totp/begin        shows the secret and otpauth URI (this response only)
 *   POST /console/account/totp/confirm      code
 *   POST /console/account/totp/disable      password
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { accountPage } from "../views/accountPage.js";
import type { PageKit } from "./pageKit.js";

const Csrf = { [CSRF_FIELD]: z.string().max(200).optional() };
const PasswordForm = z.strictObject({ ...Csrf, username: z.string().max(64).optional(), current: z.string().min(1).max(256), next: z.string().min(1).max(256) });
const CodeForm = z.strictObject({ ...Csrf, code: z.string().trim().regex(/^\d{6}$/) });
const DisableForm = z.strictObject({ ...Csrf, password: z.string().min(1).max(256) });
const EmptyForm = z.strictObject(Csrf).optional();
const BODY_LIMIT = 4 * 1024;

export function accountRoutes(kit: PageKit) {
  const { auth } = kit.deps;
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console/account", async (request, reply) => kit.send(reply, accountPage(kit.context(request, reply), {})));

    app.post("/console/account/password", { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { current, next } = kit.parse(PasswordForm, request.body);
      const result = await auth.changePassword(kit.actor(request), current, next);
      if (!result.ok) return kit.refused(reply, "/console/account", result.code ?? "INVALID_INPUT");
      return kit.done(reply, "/console/login", { ok: "passwordChanged" });
    });

    app.post("/console/account/totp/begin", { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      kit.parse(EmptyForm, request.body);
      try {
        const enrolment = await auth.beginTotp(kit.actor(request));
        return kit.send(reply, accountPage(kit.context(request, reply), { enrolment }));
      } catch (error) {
        return kit.done(reply, "/console/account", { error });
      }
    });

    app.post("/console/account/totp/confirm", { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { code } = kit.parse(CodeForm, request.body);
      const { ok } = await auth.confirmTotp(kit.actor(request), code);
      return kit.done(reply, "/console/account", ok ? { ok: "totpOn" } : { refused: "TOTP_INVALID" });
    });

    app.post("/console/account/totp/disable", { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const { password } = kit.parse(DisableForm, request.body);
      const { ok } = await auth.disableTotp(kit.actor(request), password);
      return kit.done(reply, "/console/account", ok ? { ok: "totpOff" } : { refused: "INVALID_CREDENTIALS" });
    });
  };
}
