/** Serves the API's OpenAPI document (behind the API guard like every /api/ route). */
import type { FastifyPluginAsync } from "fastify";
import { OPENAPI_DOCUMENT } from "./openApiDocument.js";

export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get("/api/v1/openapi.json", async () => OPENAPI_DOCUMENT);
};
