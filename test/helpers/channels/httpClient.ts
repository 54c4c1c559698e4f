/**
 * Requests to a Fastify instance listening on 127.0.0.1. `app.inject` cannot be used under Jest's ESM
 * mode on Node 20: light-my-request `require`s the ESM-only `cookie` package.
 */
import type { FastifyInstance } from "fastify";

export interface HttpResult {
  readonly status: number;
  readonly text: string;
  json(): unknown;
}

export async function listenLocal(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: "127.0.0.1" });
}

export async function request(
  base: string,
  method: "GET" | "POST" | "PATCH",
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpResult> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}
