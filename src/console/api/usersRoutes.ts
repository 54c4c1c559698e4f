/**
 * User administration as JSON, for admins, on the UserAdmin use cases (which check the role and the
 * organisation again and audit-log every change). Responses never hold a password hash or a TOTP
 * secret, and are never cached.
 *
 *   GET   /api/v1/users?limit&skip                 -> { items: UserSummary[] }  your organisation's
 *   POST  /api/v1/users {username, displayName, role, organisation?, password} -> 201 { user }
 *   GET   /api/v1/users/:id                        -> { user }
 *   PATCH /api/v1/users/:id {displayName?, role?, disabled?}                   -> { user }
 *   POST  /api/v1/users/:id/password {password}    -> 204   sessions end; the user signs in with it
 *   POST  /api/v1/users/:id/revoke-sessions        -> { revoked }   API tokens included
 *   POST  /api/v1/users/:id/totp/reset             -> { user }      a lost phone
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CreateUserSchema, NewPasswordSchema, UpdateUserSchema, UserAdminError, type UserAdmin, type UserAdminErrorCode } from "../../app/admin/userAdmin.js";
import type { ActorOf } from "../permissions/apiGuard.js";
import { apiErrorHandler, type ApiReport } from "./apiErrorHandler.js";
import { EmptyBody, IdParams, ListQuery, parseInput } from "./apiInput.js";
import { apiDefaults } from "./apiDefaults.js";

export const USERS_PATH = "/api/v1/users";
const BODY_LIMIT = 8 * 1024;
const PasswordBody = z.strictObject({ password: NewPasswordSchema });

const STATUS: Readonly<Record<UserAdminErrorCode, number>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  OWN_ACCOUNT: 409,
  INVALID_INPUT: 400,
  PASSWORD_TOO_SHORT: 400,
  PASSWORD_TOO_LONG: 400,
  PASSWORD_IS_USERNAME: 400,
};

export interface UsersRoutesOptions {
  readonly userAdmin: UserAdmin;
  readonly actorOf: ActorOf;
  readonly report?: ApiReport;
}

function usersErrorHandler(report?: ApiReport) {
  const fallback = apiErrorHandler(report);
  return async (error: Error, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (error instanceof UserAdminError) {
      await reply.code(STATUS[error.code]).send({ error: error.code, ...(error.issues.length > 0 ? { issues: error.issues.map((issue) => ({ in: "body", ...issue })) } : {}) });
      return;
    }
    await fallback(error, request, reply);
  };
}

export function usersRoutes(options: UsersRoutesOptions): FastifyPluginAsync {
  const { userAdmin, actorOf } = options;
  const idOf = (request: FastifyRequest): string => parseInput(IdParams, "params", request.params).id;

  return async (app) => {
    apiDefaults(app, usersErrorHandler(options.report));

    app.get(USERS_PATH, async (request) => {
      const page = parseInput(ListQuery, "query", request.query);
      return { items: await userAdmin.list(actorOf(request), page) };
    });

    app.post(USERS_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const input = parseInput(CreateUserSchema, "body", request.body);
      return reply.code(201).send({ user: await userAdmin.create(actorOf(request), input) });
    });

    app.get(`${USERS_PATH}/:id`, async (request) => ({ user: await userAdmin.get(actorOf(request), idOf(request)) }));

    app.patch(`${USERS_PATH}/:id`, { bodyLimit: BODY_LIMIT }, async (request) => {
      const id = idOf(request);
      const changes = parseInput(UpdateUserSchema, "body", request.body);
      return { user: await userAdmin.update(actorOf(request), id, changes) };
    });

    app.post(`${USERS_PATH}/:id/password`, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const id = idOf(request);
      const { password } = parseInput(PasswordBody, "body", request.body);
      await userAdmin.resetPassword(actorOf(request), id, password);
      return reply.code(204).send();
    });

    app.post(`${USERS_PATH}/:id/revoke-sessions`, { bodyLimit: BODY_LIMIT }, async (request) => {
      const id = idOf(request);
      parseInput(EmptyBody, "body", request.body);
      return userAdmin.revokeSessions(actorOf(request), id);
    });

    app.post(`${USERS_PATH}/:id/totp/reset`, { bodyLimit: BODY_LIMIT }, async (request) => {
      const id = idOf(request);
      parseInput(EmptyBody, "body", request.body);
      return { user: await userAdmin.resetTotp(actorOf(request), id) };
    });
  };
}
