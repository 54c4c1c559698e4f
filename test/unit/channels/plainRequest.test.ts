/** The node:http call behind WhatsApp's sends: what it answers must read like the `Response` the libraries expect. */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { plainRequest } from "../../../src/channels/http/plainRequest.js";
import { sendJson, startLocalServer, type LocalServer } from "../../helpers/channels/localServer.js";

const unreachable = (timedOut: boolean): Error => new Error(timedOut ? "timed out" : "unreachable");

describe("plainRequest", () => {
  let server: LocalServer;
  const seen: { method?: string; body?: string; type?: string }[] = [];

  beforeAll(async () => {
    server = await startLocalServer((request, body, response) => {
      seen.push({ method: request.method, body: body.toString("utf8"), type: request.headers["content-type"] });
      if (request.url === "/ok") return sendJson(response, 200, { messages: [{ id: "wamid.1" }], text: "héllo ✓" });
      if (request.url === "/limited") return sendJson(response, 429, { error: { code: 4 } }, { "retry-after": "3" });
      if (request.url === "/empty") {
        response.writeHead(204, { "x-twice": ["a", "b"] });
        return void response.end();
      }
      response.writeHead(502, { "content-type": "text/html" });
      response.end("<html>bad gateway</html>");
    });
  });
  afterAll(() => server.close());

  it("answers the status, headers and JSON body of a call, sending its string body", async () => {
    const response = await plainRequest(`${server.url}/ok`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"a":"✓"}' }, 2000, unreachable);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("x-missing")).toBeNull();
    expect(await response.json()).toEqual({ messages: [{ id: "wamid.1" }], text: "héllo ✓" });
    expect(await response.text()).toBe('{"messages":[{"id":"wamid.1"}],"text":"héllo ✓"}');
    expect(seen.at(-1)).toEqual({ method: "POST", body: '{"a":"✓"}', type: "application/json" });
  });

  it("answers an error status with its headers, and a body that is not JSON rejects json() as Response does", async () => {
    const limited = await plainRequest(`${server.url}/limited`, {}, 2000, unreachable);
    expect(limited.ok).toBe(false);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toEqual({ error: { code: 4 } });
    const html = await plainRequest(`${server.url}/html`, {}, 2000, unreachable);
    expect(html.status).toBe(502);
    await expect(html.json()).rejects.toThrow(SyntaxError);
    expect(await html.text()).toBe("<html>bad gateway</html>");
  });

  it("answers an empty body for 204, and joins a repeated header", async () => {
    const empty = await plainRequest(`${server.url}/empty`, { method: "GET" }, 2000, unreachable);
    expect(empty.status).toBe(204);
    expect(empty.ok).toBe(true);
    expect(await empty.text()).toBe("");
    expect(empty.headers.get("X-Twice")).toBe("a, b");
  });

  it("rejects with the caller's error when nothing listens", async () => {
    await expect(plainRequest("http://127.0.0.1:1/none", {}, 2000, unreachable)).rejects.toThrow("unreachable");
  });
});
