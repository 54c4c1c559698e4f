/**
 * WhatsAppSender with whatsapp-api-js over HTTP to a fake Graph API: buttons, lists and numbered
 * lines within WhatsApp's limits in Arabic and Ukrainian, location requests, the reopen template,
 * mark-as-read, and what each failure becomes for the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { OutboundContent } from "../../../src/ports/channelPort.js";
import { WhatsAppSender } from "../../../src/channels/whatsapp/whatsappSender.js";
import { FAKE_PHONE_NUMBER_ID, FakeGraphApi } from "../../helpers/fakeGraphApi.js";

let fake: FakeGraphApi;
let sender: WhatsAppSender;
const TO = "243810000001";
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

beforeAll(async () => {
  fake = await FakeGraphApi.start();
  sender = new WhatsAppSender({ accessToken: "EAAG-test", phoneNumberId: FAKE_PHONE_NUMBER_ID, graphUrl: fake.url, requestTimeoutMs: 400 });
});
afterAll(async () => {
  await fake.close();
});

const content = (over: Partial<OutboundContent>): OutboundContent => ({ text: "Who is writing?", choices: [], multiple: false, urgent: false, lang: "en", direction: "ltr", ...over });
const last = () => fake.sent.at(-1) ?? {};

/** A shortened label is a prefix of the full one, cut between graphemes, plus "…". */
function isCleanShortening(title: string, label: string): boolean {
  if (title === label) return true;
  if (!title.endsWith("…")) return false;
  const kept = title.slice(0, -1);
  const cuts = new Set([...graphemes.segment(label)].map((s) => s.index));
  return label.startsWith(kept) && (cuts.has(kept.length) || label.slice(kept.length).startsWith(" "));
}

describe("WhatsApp sender: layout", () => {
  it("sends text to /<version>/<phone id>/messages with the bearer token", async () => {
    const result = await sender.deliver(TO, content({ text: "Hello", hint: "Write anything." }));
    expect(result).toEqual({ status: "sent", channelMessageId: expect.stringMatching(/^wamid\./) });
    const call = fake.calls.at(-1);
    expect(call?.path).toBe(`/v24.0/${FAKE_PHONE_NUMBER_ID}/messages`);
    expect(call?.authorization).toBe("Bearer EAAG-test");
    expect(call?.body).toMatchObject({ messaging_product: "whatsapp", to: TO, type: "text", text: { body: "Hello\n\nWrite anything." } });
  });

  it("sends up to three Arabic choices as reply buttons", async () => {
    await sender.deliver(TO, content({ text: "من يكتب؟", lang: "ar", direction: "rtl", choices: [{ id: "child", label: "أنا طفل" }, { id: "parent", label: "أحد الوالدين" }] }));
    expect(last()).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "من يكتب؟" },
        action: { buttons: [{ type: "reply", reply: { id: "child", title: "أنا طفل" } }, { type: "reply", reply: { id: "parent", title: "أحد الوالدين" } }] },
      },
    });
  });

  it("shortens long Ukrainian button titles on a grapheme boundary and keeps the full labels as numbered lines", async () => {
    const choices = [
      { id: "child", label: "Я дитина і мені потрібна допомога" },
      { id: "parent", label: "Я батько або опікун дитини" },
      { id: "other", label: "Інший дорослий" },
    ];
    await sender.deliver(TO, content({ text: "Хто пише?", lang: "uk", choices }));
    const interactive = last()["interactive"] as { body: { text: string }; action: { buttons: { reply: { id: string; title: string } }[] } };
    const titles = interactive.action.buttons.map((b) => b.reply.title);
    titles.forEach((title, i) => {
      expect(title.length).toBeLessThanOrEqual(20);
      expect(isCleanShortening(title, choices[i]?.label ?? "")).toBe(true);
    });
    expect(interactive.body.text).toBe(`Хто пише?\n\n1. ${choices[0]?.label}\n2. ${choices[1]?.label}\n3. Інший дорослий`);
  });

  it("keeps button titles unique when shortening makes two equal", async () => {
    await sender.deliver(TO, content({ choices: [{ id: "a", label: "Another adult I know well" }, { id: "b", label: "Another adult I know a little" }] }));
    const titles = (last()["interactive"] as { action: { buttons: { reply: { title: string } }[] } }).action.buttons.map((b) => b.reply.title);
    expect(new Set(titles).size).toBe(2);
    expect(titles[0]).toMatch(/^1\. /);
  });

  it("sends four to ten choices as a list: row titles ≤ 24, the full label as the description", async () => {
    const labels = ["الخرطوم", "بورتسودان", "مخيم زمزم للنازحين في شمال دارفور", "الجنينة", "نيالا", "كسلا", "أخرى"];
    await sender.deliver(TO, content({ text: "أين أنت الآن؟", lang: "ar", direction: "rtl", choices: labels.map((label, i) => ({ id: `p${i}`, label })) }));
    const interactive = last()["interactive"] as { type: string; action: { button: string; sections: { rows: { id: string; title: string; description?: string }[] }[] } };
    expect(interactive.type).toBe("list");
    expect(interactive.action.button).toBe("☰");
    const rows = interactive.action.sections[0]?.rows ?? [];
    expect(rows.map((r) => r.id)).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
    rows.forEach((row, i) => {
      expect(row.title.length).toBeLessThanOrEqual(24);
      expect(isCleanShortening(row.title, labels[i] ?? "")).toBe(true);
    });
    expect(rows[2]?.description).toBe(labels[2]);
  });

  it("writes more than ten choices, and any multiple choice, as numbered lines", async () => {
    const choices = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, label: `Варіант ${i + 1}` }));
    await sender.deliver(TO, content({ text: "Оберіть", choices }));
    expect(last()).toMatchObject({ type: "text" });
    expect((last()["text"] as { body: string }).body).toContain("12. Варіант 12");
    await sender.deliver(TO, content({ text: "Оберіть", multiple: true, choices: choices.slice(0, 2), hint: "Напишіть номери: 1, 3" }));
    expect(last()).toMatchObject({ type: "text", text: { body: "Оберіть\n\n1. Варіант 1\n2. Варіант 2\n\nНапишіть номери: 1, 3" } });
  });

  it("sends a body over 1024 characters first as text, then the buttons with the rest", async () => {
    const text = ["Перший абзац. ".repeat(50).trim(), "Другий абзац. ".repeat(50).trim()].join("\n\n");
    const before = fake.sent.length;
    const result = await sender.deliver(TO, content({ text, choices: [{ id: "yes", label: "Так" }] }));
    expect(result.status).toBe("sent");
    const sent = fake.sent.slice(before);
    expect(sent.map((m) => m["type"])).toEqual(["text", "interactive"]);
    const body = (sent[1]?.["interactive"] as { body: { text: string } }).body.text;
    expect(body.length).toBeLessThanOrEqual(1024);
    expect(`${(sent[0]?.["text"] as { body: string }).body}\n\n${body}`).toBe(text);
  });

  it("asks for a location with a location request message", async () => {
    await sender.deliver(TO, content({ text: "Where are you?", input: "location", hint: "Share your location or write the place." }));
    expect(last()).toMatchObject({ type: "interactive", interactive: { type: "location_request_message", action: { name: "send_location" }, body: { text: "Where are you?\n\nShare your location or write the place." } } });
  });

  it("falls back to numbered lines when whatsapp-api-js refuses the buttons (an id with a trailing space)", async () => {
    await sender.deliver(TO, content({ choices: [{ id: "yes ", label: "Yes" }] }));
    expect(last()).toMatchObject({ type: "text", text: { body: "Who is writing?\n\n1. Yes" } });
  });
});

describe("WhatsApp sender: the 24-hour window, templates and mark-as-read", () => {
  it("reports 131047 (outside the 24-hour window) as a permanent WINDOW_CLOSED", async () => {
    fake.script({ kind: "error", status: 400, code: 131047 });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "failed", code: "WINDOW_CLOSED" });
  });

  it("sends the reopen template in the person's language, and in the fallback language when that one is not approved", async () => {
    expect((await sender.deliverReopenTemplate(TO, "uk")).status).toBe("sent");
    expect(last()).toMatchObject({ type: "template", template: { name: "kinlink_reopen", language: { code: "uk", policy: "deterministic" } } });
    fake.script({ kind: "error", status: 404, code: 132001 });
    expect((await sender.deliverReopenTemplate(TO, "pt-BR")).status).toBe("sent");
    expect(fake.sent.slice(-2).map((m) => (m["template"] as { language: { code: string } }).language.code)).toEqual(["pt_BR", "en"]);
  });

  it("marks an inbound message as read", async () => {
    expect(await sender.markRead("wamid.IN1")).toEqual({ status: "sent", channelMessageId: "wamid.IN1" });
    expect(fake.calls.at(-1)?.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.IN1" });
  });
});

describe("WhatsApp sender: failures become outbox decisions", () => {
  it("rate limits → retry with a wait hint (Retry-After when given); the next attempt goes through", async () => {
    fake.script({ kind: "rateLimit" });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "RATE_LIMITED", retryAfterMs: 1000 });
    fake.script({ kind: "rateLimit", code: 131056, retryAfterSeconds: 7 });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "RATE_LIMITED", retryAfterMs: 7000 });
    expect((await sender.deliver(TO, content({}))).status).toBe("sent");
  });

  it("5xx (JSON or a proxy's HTML) → retry", async () => {
    fake.script({ kind: "serverError" }, { kind: "serverError", html: true });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "SERVER_ERROR" });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "SERVER_ERROR" });
  });

  it("a hanging API → timeout → retry, within the configured time", async () => {
    fake.script({ kind: "hang" });
    const started = Date.now();
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("an undeliverable or not-allowed number fails for good; an expired token is retried", async () => {
    fake.script({ kind: "error", status: 400, code: 131026 }, { kind: "error", status: 400, code: 131030 }, { kind: "error", status: 401, code: 190 });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "failed", code: "UNDELIVERABLE" });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "failed", code: "RECIPIENT_NOT_ALLOWED" });
    expect(await sender.deliver(TO, content({}))).toEqual({ status: "retry", code: "ACCOUNT_PROBLEM" });
  });

  it("an unreachable API → retry", async () => {
    const down = new WhatsAppSender({ accessToken: "t", phoneNumberId: FAKE_PHONE_NUMBER_ID, graphUrl: "http://127.0.0.1:9" });
    expect(await down.deliver(TO, content({}))).toEqual({ status: "retry", code: "NETWORK" });
  });
});
