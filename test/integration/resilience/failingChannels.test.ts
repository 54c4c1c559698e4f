/**
 * Issue #7, resilience: the channel APIs fail 10% of calls with 500, 5% with 429 (retry after 1 s)
 * and hang on a few, while many families write at once over signed webhooks. Every reply must reach
 * every person, once, in the order a calm run gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { script, webhookFor, recipientFor, type Channel, type WebhookTarget } from "../../../bench/families.js";
import { Chaos } from "../../helpers/channels/chaos.js";
import { FakeGraphApi } from "../../helpers/fakeGraphApi.js";
import { FAKE_BOT_TOKEN, FakeTelegramApi } from "../../helpers/fakeTelegramApi.js";
import { startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";
import { WA_APP_SECRET, WA_PHONE_NUMBER_ID, WA_VERIFY_TOKEN } from "../../helpers/channels/whatsappWebhooks.js";

const HOOKS: WebhookTarget = { telegramSecret: "telegram-secret-0123456789", appSecret: WA_APP_SECRET, phoneNumberId: WA_PHONE_NUMBER_ID };
const STEPS = script("intake").slice(0, 8);
const FAMILIES = 24;

describe("replies under failing channel APIs", () => {
  let telegram: FakeTelegramApi;
  let graph: FakeGraphApi;
  let kinlink: TestKinlink;

  beforeAll(async () => {
    telegram = await FakeTelegramApi.start();
    graph = await FakeGraphApi.start();
    kinlink = await startTestKinlink({
      TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: HOOKS.telegramSecret,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      WHATSAPP_ACCESS_TOKEN: "test-token",
      WHATSAPP_APP_SECRET: HOOKS.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA_VERIFY_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: HOOKS.phoneNumberId,
      WHATSAPP_GRAPH_URL: graph.url,
    });
  });

  afterAll(async () => {
    await kinlink.stop();
    await telegram.close();
    await graph.close();
  });

  /** What one person has seen so far: the texts of the replies the fake API accepted. */
  const seen = (channel: Channel, recipient: string): string[] =>
    channel === "telegram" ? telegram.textsTo(recipient) : graph.sentTo(recipient).map((body) => JSON.stringify(body["text"] ?? body["interactive"]));

  async function play(channel: Channel, n: number): Promise<void> {
    for (const step of STEPS) {
      const hook = webhookFor(HOOKS, channel, recipientFor(channel, n), step);
      const response = await fetch(`${kinlink.url}${hook.path}`, { method: "POST", headers: hook.headers, body: hook.body });
      expect(response.status).toBe(200);
    }
  }

  async function settle(done: () => boolean): Promise<void> {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it("delivers every reply, once, in order per conversation", async () => {
    // A calm run, one family per channel, step by step: the replies everybody must get.
    const expected = new Map<Channel, string[]>();
    for (const channel of ["telegram", "whatsapp"] as const) {
      for (const step of STEPS) {
        const hook = webhookFor(HOOKS, channel, recipientFor(channel, 0), step);
        await fetch(`${kinlink.url}${hook.path}`, { method: "POST", headers: hook.headers, body: hook.body });
        await kinlink.worker.idle();
      }
      expected.set(channel, seen(channel, recipientFor(channel, 0)));
    }

    const rates = { serverError: 0.1, rateLimit: 0.05, hang: 0.01, maxHangs: 2 };
    telegram.chaos = new Chaos(rates, 7);
    graph.chaos = new Chaos(rates, 11);
    const families = Array.from({ length: FAMILIES }, (_, i) => ({ channel: (i % 2 === 0 ? "telegram" : "whatsapp") as Channel, n: i + 1 }));
    await Promise.all(families.map((f) => play(f.channel, f.n)));
    const complete = (f: (typeof families)[number]): boolean => seen(f.channel, recipientFor(f.channel, f.n)).length >= (expected.get(f.channel)?.length ?? 0);
    await settle(() => families.every(complete));

    for (const f of families) expect(seen(f.channel, recipientFor(f.channel, f.n))).toEqual(expected.get(f.channel));
    for (const chaos of [telegram.chaos, graph.chaos]) {
      expect(chaos.counts.serverError).toBeGreaterThan(0);
      expect(chaos.counts.rateLimit).toBeGreaterThan(0);
    }
    expect(telegram.chaos.counts.hang + graph.chaos.counts.hang).toBeGreaterThan(0);
  }, 40_000);
});
