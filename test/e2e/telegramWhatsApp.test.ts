/**
 * A whole intake on Telegram and on WhatsApp: kinlink's real server with the real grammY and
 * whatsapp-api-js code, talking HTTP to local fake Bot and Graph APIs, webhooks signed as the
 * platforms sign them. Also WhatsApp's 24-hour window: replies wait for the person, a template asks.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { FAKE_BOT_TOKEN, FakeTelegramApi } from "../helpers/fakeTelegramApi.js";
import { FakeGraphApi, FAKE_PHONE_NUMBER_ID } from "../helpers/fakeGraphApi.js";
import { CHAT_ID, tgCallback, tgLocation, tgText } from "../helpers/channels/telegramUpdates.js";
import { sign, waBody, WA_APP_SECRET, WA_FROM, WA_VERIFY_TOKEN } from "../helpers/channels/whatsappWebhooks.js";
import { startTestKinlink, type TestKinlink } from "../helpers/kinlink.js";
import { MovableClock } from "../helpers/pipeline.js";

const SECRET = "telegram-secret-0123456789";

describe("an intake over Telegram", () => {
  let telegram: FakeTelegramApi;
  let kinlink: TestKinlink;
  let update = 100;
  beforeAll(async () => {
    telegram = await FakeTelegramApi.start();
    kinlink = await startTestKinlink({ TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot });
  });
  afterAll(async () => {
    await kinlink.stop();
    await telegram.close();
  });

  async function post(body: unknown, secret = SECRET): Promise<number> {
    const response = await fetch(`${kinlink.url}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(body),
    });
    await kinlink.worker.idle();
    return response.status;
  }
  const lastText = (): string => String(telegram.callsTo("sendMessage").at(-1)?.payload["text"] ?? "");

  it("refuses an update without the secret, storing nothing", async () => {
    expect(await post(tgText(update++, "/start"), "wrong-secret-000000")).toBe(401);
    expect(await kinlink.store.db.collection("inbox").countDocuments({})).toBe(0);
  });

  it("plays the intake to the end with buttons, a location and typed answers", async () => {
    const steps: unknown[] = [
      tgText(update++, "/start"), tgCallback(update++, "en"), tgCallback(update++, "intake"), tgCallback(update++, "other_adult"),
      tgText(update++, "about 7"), tgCallback(update++, "yes"), tgCallback(update++, "yes"), tgCallback(update++, "yes"), tgCallback(update++, "no"),
      tgText(update++, "Amina"), tgText(update++, "skip"), tgText(update++, "skip"), tgCallback(update++, "female"),
      tgLocation(update++, -1.68, 29.22), tgCallback(update++, "unaccompanied"), tgCallback(update++, "no"), tgText(update++, "3 days ago"),
      tgCallback(update++, "conflict"), tgText(update++, "near the market"), tgText(update++, "Bukavu"), tgText(update++, "skip"),
      tgCallback(update++, "yes"), tgText(update++, "1, 2"), tgCallback(update++, "this_chat"), tgText(update++, "skip"),
    ];
    for (const step of steps) expect(await post(step)).toBe(200);
    expect(lastText()).toMatch(/Your reference is ([0-9A-Z]{4}-[0-9A-Z]{4})/);
    const ref = /reference is ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(lastText())?.[1] ?? "";
    expect(await kinlink.store.cases.findByShortRef(ref)).toMatchObject({ fields: { name_first: "Amina", age: 7, location_current: { latitude: -1.68, longitude: 29.22 } } });
    const menu = telegram.callsTo("sendMessage").find((c) => c.payload["text"] === "Who is writing?");
    expect(String(menu?.payload["chat_id"])).toBe(String(CHAT_ID));
    expect(JSON.stringify(menu?.payload["reply_markup"])).toContain('"callback_data":"other_adult"');
    expect(telegram.callsTo("answerCallbackQuery").length).toBeGreaterThan(5);
  });

  it("never rate-limits the platform's webhooks, which carry every family's messages from few addresses", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 620; i++) {
      const response = await fetch(`${kinlink.url}/webhooks/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "not-the-secret-0000" }, body: "{}" });
      statuses.add(response.status);
    }
    expect([...statuses]).toEqual([401]);
    const playground = await fetch(`${kinlink.url}/playground/api/info`);
    expect(playground.headers.get("x-ratelimit-limit")).toBe("600"); // the playground and API still are
  });

  it("processes a redelivered update once", async () => {
    const before = telegram.callsTo("sendMessage").length;
    const again = tgText(update++, "hello again");
    await post(again);
    const after = telegram.callsTo("sendMessage").length;
    await post(again);
    expect(telegram.callsTo("sendMessage").length).toBe(after);
    expect(after).toBeGreaterThan(before);
  });
});

describe("an intake over WhatsApp", () => {
  let graph: FakeGraphApi;
  let kinlink: TestKinlink;
  let n = 0;
  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    kinlink = await startTestKinlink({
      WHATSAPP_ACCESS_TOKEN: "token",
      WHATSAPP_APP_SECRET: WA_APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: WA_VERIFY_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: FAKE_PHONE_NUMBER_ID,
      WHATSAPP_GRAPH_URL: graph.url,
    });
  });
  afterAll(async () => {
    await kinlink.stop();
    await graph.close();
  });

  const message = (from: string, content: Record<string, unknown>, at = new Date()) => ({ from, id: `wamid.IN${++n}`, timestamp: String(Math.floor(at.getTime() / 1000)), ...content });
  const text = (body: string, from = WA_FROM, at?: Date) => message(from, { type: "text", text: { body } }, at);
  const pick = (id: string, from = WA_FROM) => message(from, { type: "interactive", interactive: { type: "button_reply", button_reply: { id, title: id } } });
  const row = (id: string, from = WA_FROM) => message(from, { type: "interactive", interactive: { type: "list_reply", list_reply: { id, title: id } } });

  async function post(messages: unknown[], signature?: string): Promise<number> {
    const raw = JSON.stringify(waBody({ messages }));
    const response = await fetch(`${kinlink.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? sign(raw) },
      body: raw,
    });
    await kinlink.worker.idle();
    return response.status;
  }
  const sentTo = (to: string) => graph.sent.filter((b) => b["to"] === to);
  const bodyOf = (b: Record<string, unknown> | undefined): string => JSON.stringify(b ?? {});

  it("answers the verification handshake and refuses unsigned posts", async () => {
    const ok = await fetch(`${kinlink.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WA_VERIFY_TOKEN}&hub.challenge=12345`);
    expect(await ok.text()).toBe("12345");
    expect(await post([text("hi")], "sha256=00")).toBe(401);
    expect(await kinlink.store.db.collection("inbox").countDocuments({})).toBe(0);
  });

  it("plays the intake to the end with reply buttons, lists and typed answers", async () => {
    const steps = [
      text("hi"), row("en"), pick("intake"), pick("parent"), text("6"), pick("yes"), pick("yes"), pick("no"), pick("no"),
      text("Amani"), text("Yusuf"), text("skip"), pick("female"), text("Goma"), row("with_caregiver"), pick("yes"),
      text("Mama Neema"), row("food"), pick("this_chat"), text("skip"),
    ];
    for (const step of steps) expect(await post([step])).toBe(200);
    const last = bodyOf(sentTo(WA_FROM).at(-1));
    expect(last).toMatch(/Your reference is [0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(graph.calls.filter((c) => c.body["status"] === "read").length).toBeGreaterThan(10); // read receipts
    const languageMenu = sentTo(WA_FROM)[0];
    expect(languageMenu?.["type"]).toBe("interactive");
    expect(bodyOf(languageMenu)).toContain("العربية");
  });

  it("holds replies outside the 24-hour window, sends the template, and delivers once the person writes", async () => {
    const person = "243810000099";
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    expect(await post([text("hello", person, old)])).toBe(200);
    const template = sentTo(person).find((b) => b["type"] === "template");
    expect(template).toBeDefined();
    expect(sentTo(person).filter((b) => b["type"] !== "template")).toEqual([]);
    expect(await post([text("I am here", person)])).toBe(200);
    const delivered = sentTo(person).filter((b) => b["type"] !== "template");
    expect(bodyOf(delivered[0])).toContain("Quelle langue"); // +243: French suggested by the country code
  });
});

describe("supervisor alerts in a Telegram caseworkers' group", () => {
  it("posts an SLA breach to the group, with ids and the level only", async () => {
    const telegram = await FakeTelegramApi.start();
    const clock = new MovableClock(new Date());
    const kinlink = await startTestKinlink(
      { TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_ALERT_CHAT_ID: "-1001234" },
      undefined,
      clock,
    );
    try {
      let update = 500;
      for (const body of [tgText(update++, "/start", "en"), tgCallback(update++, "en"), tgCallback(update++, "intake"), tgText(update++, "i want to die")]) {
        await fetch(`${kinlink.url}/webhooks/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) });
        await kinlink.worker.idle();
      }
      clock.advance(61 * 60_000);
      const toGroup = () => telegram.callsTo("sendMessage").filter((c) => String(c.payload["chat_id"]) === "-1001234");
      for (let i = 0; i < 50 && toGroup().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      const [alert] = toGroup();
      expect(String(alert?.payload["text"])).toMatch(/^kinlink SLA_BREACHED: escalationId=\S+ level=high priority=\d+ minutesLate=\d+$/);
    } finally {
      await kinlink.stop();
      await telegram.close();
    }
  });
});
