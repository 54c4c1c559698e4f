/**
 * What every API plugin sets up the same way: its error handler (codes, never messages), and no
 * caching of any answer, since answers can hold a family's words or a person's account.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export function apiDefaults(app: FastifyInstance, errorHandler: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => Promise<void>): void {
  app.setErrorHandler(errorHandler);
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("cache-control", "no-store");
    return payload;
  });
}
