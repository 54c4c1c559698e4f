/** GET /console/playground — the dialog playground inside the console (see views/playgroundPage.ts). */
import type { FastifyInstance } from "fastify";
import { playgroundPage } from "../views/playgroundPage.js";
import type { PageKit } from "./pageKit.js";

export function playgroundRoute(kit: PageKit) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console/playground", async (request, reply) => kit.send(reply, playgroundPage(kit.context(request, reply))));
  };
}
