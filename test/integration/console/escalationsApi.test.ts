/**
 * The caseworker API over real HTTP, on a fake QueueService: authentication, roles, every route,
 * error mapping, the live event stream, and the OpenAPI document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { QueueErrorCode } from "../../../src/app/queue/queueService.js";
import { OPENAPI_DOCUMENT } from "../../../src/console/api/openApiDocument.js";
import { startApiServer, type ApiServer } from "../../helpers/apiServer.js";
import { request } from "../../helpers/channels/httpClient.js";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ keepAliveMs: 50 });
});
afterAll(() => server.close());
afterEach(() => {
  server.queue.calls.length = 0;
  server.queue.failNext = undefined;
});

const as = (who: keyof ApiServer["tokens"]) => ({ authorization: `Bearer ${server.tokens[who]}` });
const get = (path: string, who: keyof ApiServer["tokens"] = "caseworker") => request(server.url, "GET", path, { headers: as(who) });
const post = (path: string, body?: unknown, who: keyof ApiServer["tokens"] = "caseworker") =>
  request(server.url, "POST", path, { headers: { ...as(who), ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("authentication", () => {
  it("answers 401 without a token, with a bad, unknown or disabled user's token, the same way each time", async () => {
    const headers = [{}, { authorization: "Bearer kl_nope" }, { authorization: `Bearer kl_${"A".repeat(43)}` }, as("disabled"), { authorization: server.tokens.caseworker }];
    for (const header of headers) {
      const result = await request(server.url, "GET", "/api/v1/escalations", { headers: header });
      expect([result.status, result.json()]).toEqual([401, { error: "UNAUTHORIZED" }]);
    }
    expect(server.queue.calls).toEqual([]);
    const logged = server.reports.filter((r) => r.code === "AUTH_FAILED").map((r) => r.context["reason"]);
    expect(logged).toEqual(expect.arrayContaining(["TOKEN_MISSING", "TOKEN_MALFORMED", "SESSION_UNKNOWN_OR_EXPIRED", "USER_DISABLED"]));
    expect(JSON.stringify(server.reports)).not.toContain(server.tokens.disabled);
  });

  it("answers 403 to a role the rules leave out, before the use case is called, and audit-logs it", async () => {
    const result = await get("/api/v1/escalations/esc-1", "admin");
    expect([result.status, result.json()]).toEqual([403, { error: "FORBIDDEN" }]);
    expect(server.queue.calls).toEqual([]);
    const entries = await server.store.auditLog.listForTarget("route", "GET /api/v1/escalations/:id", 10);
    expect(entries.map((e) => [e.actor, e.action])).toEqual([[server.userIds.admin, "api.forbidden"]]);
  });

  it("passes the token's user to the use cases as the actor", async () => {
    expect((await get("/api/v1/escalations", "admin")).status).toBe(200);
    expect(server.queue.calls[0]?.actor).toEqual({ userId: server.userIds.admin, role: "admin", organisation: "ngo-1" });
  });
});

describe("the routes", () => {
  it("lists the queue, paged, without caching", async () => {
    const response = await fetch(`${server.url}/api/v1/escalations?limit=1&skip=1`, { headers: as("caseworker") });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ items: [server.queue.items[1]] });
    expect(server.queue.calls[0]?.args).toEqual([{ limit: 1, skip: 1 }]);
    expect((await get("/api/v1/escalations")).json()).toEqual({ items: server.queue.items });
    expect(server.queue.calls[1]?.args).toEqual([{ limit: 50, skip: 0 }]);
  });

  it("refuses a bad page or an unknown parameter", async () => {
    for (const query of ["limit=0", "limit=201", "limit=x", "skip=-1", "sort=age"]) {
      const result = await get(`/api/v1/escalations?${query}`);
      expect([query, result.status, result.json()]).toMatchObject([query, 400, { error: "INVALID_INPUT", issues: [expect.objectContaining({ in: "query" })] }]);
    }
  });

  it("shows the handoff summary", async () => {
    const result = await get("/api/v1/escalations/esc-1");
    expect(result.status).toBe(200);
    expect(result.json()).toMatchObject({ escalation: { id: "esc-1", reasons: ["text:en:self_harm.wish_to_die"] }, flags: [{ category: "self_harm" }], transcript: [{ from: "person" }] });
  });

  it("claims, releases, hands back, transfers and resolves", async () => {
    const cases: [string, unknown, string, unknown[]][] = [
      ["claim", undefined, "claim", ["esc-1"]],
      ["release", {}, "release", ["esc-1"]],
      ["hand-back", undefined, "handBack", ["esc-1"]],
      ["transfer", { to: "u-42" }, "transfer", ["esc-1", "u-42"]],
      ["resolve", { outcome: "referred" }, "resolve", ["esc-1", "referred"]],
    ];
    for (const [path, body, method, args] of cases) {
      server.queue.calls.length = 0;
      const result = await post(`/api/v1/escalations/esc-1/${path}`, body);
      expect([path, result.status]).toEqual([path, 200]);
      expect(result.json()).toMatchObject({ escalation: { id: "esc-1" } });
      expect(server.queue.calls).toEqual([{ method, actor: expect.objectContaining({ userId: server.userIds.caseworker }), args }]);
    }
  });

  it("refuses bodies that do not fit, strictly", async () => {
    const bad: [string, unknown][] = [
      ["claim", { force: true }],
      ["transfer", {}],
      ["transfer", { to: "" }],
      ["resolve", { outcome: "done" }],
      ["replies", { text: "" }],
      ["replies", { text: "   " }],
      ["replies", { text: "x".repeat(2001) }],
      ["replies", { text: "hello", to: "someone" }],
    ];
    for (const [path, body] of bad) {
      const result = await post(`/api/v1/escalations/esc-1/${path}`, body);
      expect([path, body, result.status, result.json()]).toMatchObject([path, body, 400, { error: "INVALID_INPUT" }]);
    }
    expect(server.queue.calls).toEqual([]);
  });

  it("sends a reply through the use case: 202, and no echo of the words on failure", async () => {
    const ok = await post("/api/v1/escalations/esc-1/replies", { text: "  I am here with you.  " });
    expect([ok.status, ok.json()]).toEqual([202, { status: "accepted" }]);
    expect(server.queue.calls[0]?.args).toEqual(["esc-1", "I am here with you."]);
    server.queue.failNext = "NOT_ASSIGNEE";
    const refused = await post("/api/v1/escalations/esc-1/replies", { text: "Secret words of a family" });
    expect([refused.status, refused.json()]).toEqual([409, { error: "NOT_ASSIGNEE" }]);
    const malformed = await request(server.url, "POST", "/api/v1/escalations/esc-1/replies", { headers: { ...as("caseworker"), "content-type": "application/json" }, body: '{"text": "Secret words' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toContain("Secret");
  });

  it("maps every queue error code to its status", async () => {
    const expected: Record<QueueErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, ESCALATION_ALREADY_CLAIMED: 409, NOT_ASSIGNEE: 409, INVALID_STATUS_TRANSITION: 409, INVALID_INPUT: 400, AT_CAPACITY: 409, TRANSLATION_UNAVAILABLE: 503 };
    for (const [code, status] of Object.entries(expected)) {
      server.queue.failNext = code as QueueErrorCode;
      const result = await post("/api/v1/escalations/esc-1/claim");
      expect([code, result.status, result.json()]).toEqual([code, status, { error: code }]);
    }
    expect((await get("/api/v1/escalations/nope")).status).toBe(404);
    expect((await get("/api/v1/escalations/bad%20id")).status).toBe(400);
  });

  it("answers 500 with nothing in it for an unexpected failure, and reports its code", async () => {
    server.queue.list = async () => {
      throw new Error("database said something with a name in it");
    };
    try {
      const result = await get("/api/v1/escalations");
      expect([result.status, result.json()]).toEqual([500, { error: "INTERNAL" }]);
      expect(server.reports.at(-1)).toEqual({ code: "API_ERROR", context: { route: "GET /api/v1/escalations", code: "Error" } });
    } finally {
      server.queue.list = Object.getPrototypeOf(server.queue).list;
    }
  });
});

describe("the live transcript stream", () => {
  async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string, seen = { buffer: "" }): Promise<string> {
    const decoder = new TextDecoder();
    while (!seen.buffer.includes(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${JSON.stringify(text)}: ${seen.buffer}`);
      seen.buffer += decoder.decode(value, { stream: true });
    }
    return seen.buffer;
  }

  it("delivers transcript lines as they happen, pings, and unsubscribes when the client leaves", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/escalations/esc-1/events`, { headers: as("caseworker"), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    const seen = { buffer: "" };
    await readUntil(reader, ": connected", seen);
    server.queue.emit("esc-1", { at: "2025-03-01T09:01:00.000Z", from: "person", text: "are you there?" });
    await readUntil(reader, "are you there?", seen);
    expect(seen.buffer).toContain(`event: line\ndata: ${JSON.stringify({ at: "2025-03-01T09:01:00.000Z", from: "person", text: "are you there?" })}\n\n`);
    await readUntil(reader, ": ping", seen);
    // A reply sent through the API appears on the stream too (the fake echoes it as the use case does).
    expect((await post("/api/v1/escalations/esc-1/replies", { text: "Yes, I am." })).status).toBe(202);
    await readUntil(reader, "Yes, I am.", seen);
    const before = server.queue.unsubscribed;
    controller.abort();
    for (let i = 0; i < 50 && server.queue.unsubscribed === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.queue.unsubscribed).toBe(before + 1);
    expect(server.queue.watcherCount("esc-1")).toBe(0);
  });

  it("signals queue changes on the queue stream, to admins too, and unsubscribes when the client leaves", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/escalations/stream`, { headers: as("admin"), signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const seen = { buffer: "" };
    await readUntil(reader, ": connected", seen);
    expect(server.queue.queueWatcherCount()).toBe(1);
    server.queue.changeQueue();
    await readUntil(reader, "event: changed", seen);
    const before = server.queue.unsubscribed;
    controller.abort();
    for (let i = 0; i < 50 && server.queue.unsubscribed === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.queue.queueWatcherCount()).toBe(0);
  });

  it("answers with a JSON error, not a stream, when the use case refuses", async () => {
    server.queue.failNext = "NOT_ASSIGNEE";
    const result = await get("/api/v1/escalations/esc-1/events");
    expect([result.status, result.json()]).toEqual([409, { error: "NOT_ASSIGNEE" }]);
  });

  it("does not hold up the server's shutdown", async () => {
    const own = await startApiServer();
    const response = await fetch(`${own.url}/api/v1/escalations/esc-1/events`, { headers: { authorization: `Bearer ${own.tokens.supervisor}` } });
    const reader = response.body!.getReader();
    await readUntil(reader, ": connected");
    await own.close();
    expect(own.queue.watcherCount("esc-1")).toBe(0);
  });
});

describe("the OpenAPI document", () => {
  it("is served to any signed-in role, and describes every API route and nothing else", async () => {
    const result = await get("/api/v1/openapi.json", "admin");
    expect(result.status).toBe(200);
    expect(result.json()).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    expect((await request(server.url, "GET", "/api/v1/openapi.json")).status).toBe(401);
    const documented = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const registered = server.routes.filter((r) => r.url.startsWith("/api/") && r.method !== "HEAD").map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`);
    expect(documented.sort()).toEqual(registered.sort());
  });
});
