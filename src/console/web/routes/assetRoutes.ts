/**
 * GET /console/assets/:file — the stylesheet and scripts, gzip when the browser takes it, cached for
 * a year (`immutable`: the URL carries the content hash, so a new version is a new URL).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Assets } from "../assets.js";

const Params = z.strictObject({ file: z.string().regex(/^[a-z][a-z0-9-]*\.(css|js)$/) });

export function assetRoutes(assets: Assets) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/console/assets/:file", async (request, reply) => {
      const params = Params.safeParse(request.params);
      const asset = params.success ? assets.get(params.data.file) : undefined;
      if (!asset) return reply.code(404).type("text/plain; charset=utf-8").send("not found");
      const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
      reply.header("cache-control", "public, max-age=31536000, immutable").header("vary", "accept-encoding").type(asset.type);
      if (gzip) reply.header("content-encoding", "gzip");
      return reply.send(gzip ? asset.gzip : asset.body);
    });
  };
}
