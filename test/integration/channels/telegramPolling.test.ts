/**
 * Development polling with grammY's `getUpdates` against the fake Bot API: the same translation and
 * sink as the webhook, the offset only moving past stored updates, and a clean stop.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTelegramPolling } from "../../../src/channels/telegram/telegramPolling.js";
import { eventually } from "../../helpers/channels/localServer.js";
import { RecordingSink } from "../../helpers/channels/recordingSink.js";
import { tgCallback, tgEdited, tgText } from "../../helpers/channels/telegramUpdates.js";
import { FakeTelegramApi } from "../../helpers/fakeTelegramApi.js";

let fake: FakeTelegramApi;

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
});
afterAll(async () => {
  await fake.close();
});

describe("Telegram polling", () => {
  it("feeds polled updates to the sink, answers callbacks, confirms them with the offset, and stops", async () => {
    const sink = new RecordingSink();
    const polling = startTelegramPolling({
      token: fake.token,
      apiRoot: fake.apiRoot,
      sink,
      pollTimeoutSeconds: 1,
      retryDelayMs: 50,
      answerCallbackQuery: async () => undefined,
    });
    fake.pushUpdates(tgText(201, "/start site_goma"), tgEdited(202), tgCallback(203, "child"));
    await eventually(() => sink.envelopes.length === 2, 5000, "two envelopes");
    expect(sink.envelopes.map((e) => [e.channelMessageId, e.input])).toEqual([
      ["201", { type: "text", text: "/start" }],
      ["203", { type: "choice", id: "child" }],
    ]);
    await eventually(() => fake.callsTo("getUpdates").some((c) => c.payload["offset"] === 204), 5000, "offset 204");
    expect(fake.callsTo("deleteWebhook")[0]?.payload).toEqual({ drop_pending_updates: false });
    expect(fake.callsTo("getUpdates")[0]?.payload).toMatchObject({ timeout: 1, allowed_updates: ["message", "callback_query"] });
    await polling.stop();
  });

  it("does not move past an update the store could not take, and stores it once the store is back", async () => {
    const sink = new RecordingSink();
    sink.failing = true;
    const polling = startTelegramPolling({ token: fake.token, apiRoot: fake.apiRoot, sink, pollTimeoutSeconds: 1, retryDelayMs: 50, deleteWebhook: false });
    const calls = fake.callsTo("getUpdates").length;
    fake.pushUpdates(tgText(301, "help"));
    await eventually(() => fake.callsTo("getUpdates").length >= calls + 3, 5000, "repeated polls");
    expect(fake.callsTo("getUpdates").slice(calls).every((c) => c.payload["offset"] !== 302)).toBe(true);
    sink.failing = false;
    await eventually(() => sink.envelopes.length === 1, 5000, "stored after recovery");
    expect(sink.envelopes[0]?.channelMessageId).toBe("301");
    await polling.stop();
  });

  it("waits out a 429 on getUpdates and carries on", async () => {
    const sink = new RecordingSink();
    fake.script("getUpdates", { kind: "rateLimit", retryAfter: 1 });
    const polling = startTelegramPolling({ token: fake.token, apiRoot: fake.apiRoot, sink, pollTimeoutSeconds: 1, deleteWebhook: false });
    fake.pushUpdates(tgText(401, "hello"));
    await eventually(() => sink.envelopes.length === 1, 5000, "stored after the 429");
    await polling.stop();
  });
});
