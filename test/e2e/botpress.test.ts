/**
 * Botpress webchat through the relay: each user turn is posted with the shared secret and the
 * answers come back in the response; a later message is pushed with the real @botpress/client to a
 * local stand-in of the Botpress API.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { BotpressSender } from "../../src/channels/botpress/botpressSender.js";
import { parseJson, sendJson, startLocalServer, type LocalServer } from "../helpers/channels/localServer.js";
import { startTestKinlink, type TestKinlink } from "../helpers/kinlink.js";

const SECRET = "botpress-shared-secret-123";

describe("Botpress webchat", () => {
  let kinlink: TestKinlink;
  let botpressApi: LocalServer;
  const pushed: { path: string; auth: string | undefined; bot: string | undefined; body: unknown }[] = [];
  beforeAll(async () => {
    botpressApi = await startLocalServer((request, body, response) => {
      pushed.push({ path: request.url ?? "", auth: request.headers.authorization, bot: String(request.headers["x-bot-id"]), body: parseJson(body) });
      sendJson(response, 200, { message: { id: `msg-${pushed.length}`, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", type: "text", payload: {}, direction: "outgoing", userId: "bot", conversationId: "c", tags: {} } });
    });
    kinlink = await startTestKinlink({ BOTPRESS_API_URL: botpressApi.url, BOTPRESS_TOKEN: "bp-token", BOTPRESS_BOT_ID: "bot-1", BOTPRESS_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await kinlink.stop();
    await botpressApi.close();
  });

  let n = 0;
  const turn = (body: Record<string, unknown>, secret = SECRET) =>
    fetch(`${kinlink.url}/webhooks/botpress`, { method: "POST", headers: { "content-type": "application/json", "x-kinlink-secret": secret }, body: JSON.stringify({ conversationId: "bp-conv-1", messageId: `bp-${++n}`, ...body }) });

  it("refuses a turn without the shared secret, storing nothing", async () => {
    expect((await turn({ text: "hi" }, "wrong")).status).toBe(401);
    expect((await turn({})).status).toBe(400);
    expect(await kinlink.store.db.collection("inbox").countDocuments({})).toBe(0);
  });

  it("answers each turn in the response, with choices to render", async () => {
    const first = (await (await turn({ text: "hi" })).json()) as { messages: { text: string; choices: { id: string; label: string }[] }[] };
    expect(first.messages[0]?.text).toBe("Which language do you want?");
    expect(first.messages[0]?.choices).toContainEqual({ id: "fr", label: "Français" });
    const second = (await (await turn({ choice: "en" })).json()) as { messages: { text: string }[] };
    expect(second.messages.map((m) => m.text)).toEqual(["How can I help you?"]);
  });

  it("pushes a later message with the Botpress client", async () => {
    const sender = new BotpressSender({ apiUrl: botpressApi.url, token: "bp-token", botId: "bot-1" });
    const result = await sender.deliver("bp-conv-1", { text: "A caseworker writes", choices: [], multiple: false, urgent: false, lang: "en", direction: "ltr" });
    expect(result).toEqual({ status: "sent", channelMessageId: expect.stringMatching(/^msg-/) });
    const last = pushed.at(-1);
    expect(last).toMatchObject({ path: "/v1/chat/messages", auth: "Bearer bp-token", bot: "bot-1" });
    expect(last?.body).toMatchObject({ conversationId: "bp-conv-1", type: "text", payload: { text: "A caseworker writes" } });
  });
});
