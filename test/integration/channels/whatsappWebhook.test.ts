/**
 * GET/POST /webhooks/whatsapp through a real Fastify instance: the verify handshake, the signature
 * over the raw bytes (with Arabic text, raw and as Meta escapes it), every inbound kind, delivery
 * reports, malformed and oversized bodies, redeliveries and a store that is down.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import Fastify, { type FastifyInstance } from "fastify";
import type { WebhookNotice } from "../../../src/channels/http/webhookNotice.js";
import { whatsappWebhook } from "../../../src/channels/whatsapp/whatsappWebhook.js";
import { listenLocal, request } from "../../helpers/channels/httpClient.js";
import { RecordingSink } from "../../helpers/channels/recordingSink.js";
import {
  WA_APP_SECRET,
  WA_FROM,
  WA_PHONE_NUMBER_ID,
  WA_VERIFY_TOKEN,
  metaJson,
  sign,
  waAudio,
  waBody,
  waButtonReply,
  waImage,
  waListReply,
  waLocation,
  waStatus,
  waTemplateButton,
  waText,
} from "../../helpers/channels/whatsappWebhooks.js";

const SENT_AT = new Date(1_717_000_000 * 1000);
let app: FastifyInstance;
let base: string;
let sink: RecordingSink;
let notices: WebhookNotice[];

beforeEach(async () => {
  sink = new RecordingSink();
  notices = [];
  app = Fastify();
  await app.register(
    whatsappWebhook({ appSecret: WA_APP_SECRET, verifyToken: WA_VERIFY_TOKEN, sink, phoneNumberId: WA_PHONE_NUMBER_ID, bodyLimit: 64 * 1024, onNotice: (n) => notices.push(n) }),
  );
  base = await listenLocal(app);
});
afterEach(async () => {
  await app.close();
});

function post(raw: string | Buffer, signature: string | null = sign(raw)) {
  return request(base, "POST", "/webhooks/whatsapp", {
    headers: { "content-type": "application/json", ...(signature !== null ? { "x-hub-signature-256": signature } : {}) },
    body: raw,
  });
}
const postBody = (value: Parameters<typeof waBody>[0]) => post(JSON.stringify(waBody(value)));

describe("WhatsApp webhook: verify handshake", () => {
  const get = (query: string) => request(base, "GET", `/webhooks/whatsapp?${query}`);

  it("echoes the challenge for the right verify token", async () => {
    const response = await get(`hub.mode=subscribe&hub.verify_token=${WA_VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect([response.status, response.text]).toEqual([200, "1158201444"]);
  });

  it("answers 403 for a wrong token or mode, 400 when a parameter is missing", async () => {
    expect((await get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")).status).toBe(403);
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${WA_VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(403);
    expect((await get(`hub.mode=subscribe&hub.verify_token=${WA_VERIFY_TOKEN}`)).status).toBe(400);
  });
});

describe("WhatsApp webhook: what each message becomes", () => {
  it("stores a text message keyed by its wamid, with the wa_id as user and phone hint", async () => {
    expect((await postBody({ messages: [waText("wamid.T1", "Bonjour")] })).status).toBe(200);
    expect(sink.envelopes).toEqual([
      { channel: "whatsapp", channelMessageId: "wamid.T1", channelUserId: WA_FROM, input: { type: "text", text: "Bonjour" }, sentAt: SENT_AT, hints: { phone: WA_FROM } },
    ]);
  });

  it("reads reply buttons, list rows, locations, images and template quick replies, in order", async () => {
    await postBody({ messages: [waButtonReply("wamid.B", "yes"), waListReply("wamid.L", "goma"), waLocation("wamid.P"), waImage("wamid.I"), waTemplateButton("wamid.R", "reopen")] });
    expect(sink.envelopes.map((e) => e.input)).toEqual([
      { type: "choice", id: "yes" },
      { type: "choice", id: "goma" },
      { type: "location", latitude: -1.6792, longitude: 29.2228, name: "Goma" },
      { type: "photo", ref: "MEDIA_ID_1" },
      { type: "choice", id: "reopen" },
    ]);
  });

  it("passes a voice note on as media (the bot asks for words), and skips other phone numbers of the same app", async () => {
    expect((await postBody({ messages: [waAudio("wamid.A")] })).status).toBe(200);
    expect(sink.envelopes.map((e) => e.input)).toEqual([{ type: "media", kind: "audio" }]);
    expect((await post(JSON.stringify(waBody({ messages: [waText("wamid.O", "hi")] }, "999")))).status).toBe(200);
    expect(sink.envelopes).toHaveLength(1);
    expect(notices.map((n) => n.reason)).toEqual(["OTHER_NUMBER"]);
  });

  it("records delivery reports with Meta's error code, and skips statuses kinlink does not track", async () => {
    await postBody({ statuses: [waStatus("wamid.S1", "delivered"), waStatus("wamid.S2", "failed", 131047), waStatus("wamid.S3", "played")] });
    expect(sink.statuses).toEqual([
      { channel: "whatsapp", channelMessageId: "wamid.S1", status: "delivered", at: SENT_AT },
      { channel: "whatsapp", channelMessageId: "wamid.S2", status: "failed", at: SENT_AT, errorCode: "131047" },
    ]);
  });

  it("passes a redelivery with the same wamid and still answers 200", async () => {
    await postBody({ messages: [waText("wamid.D", "hi")] });
    expect((await postBody({ messages: [waText("wamid.D", "hi")] })).status).toBe(200);
    expect(sink.duplicates.map((e) => e.channelMessageId)).toEqual(["wamid.D"]);
  });
});

describe("WhatsApp webhook: the signature is over the raw bytes", () => {
  const arabic = "أخي مفقود منذ ثلاثة أيام";

  it("accepts Arabic sent as raw UTF-8 and signed over those bytes", async () => {
    const raw = Buffer.from(JSON.stringify(waBody({ messages: [waText("wamid.AR1", arabic)] })), "utf8");
    expect((await post(raw)).status).toBe(200);
    expect(sink.envelopes[0]?.input).toEqual({ type: "text", text: arabic });
  });

  it("accepts Arabic as Meta sends it (\\u escapes) and signs it", async () => {
    const raw = metaJson(waBody({ messages: [waText("wamid.AR2", arabic)] }));
    expect(raw).not.toMatch(/[^\x00-\x7f]/);
    expect((await post(raw)).status).toBe(200);
    expect(sink.envelopes[0]?.input).toEqual({ type: "text", text: arabic });
  });

  it("refuses a body whose bytes differ from what was signed (re-serialised after signing)", async () => {
    const value = waBody({ messages: [waText("wamid.AR3", arabic)] });
    expect((await post(JSON.stringify(value), sign(metaJson(value)))).status).toBe(401);
    expect(sink.untouched).toBe(true);
  });

  it("answers 401 and stores nothing without a signature, with a wrong one, another secret or another scheme", async () => {
    const raw = JSON.stringify(waBody({ messages: [waText("wamid.X", "hi")] }));
    const hex = sign(raw).slice("sha256=".length);
    for (const signature of [null, "", "sha256=", `sha256=${"0".repeat(64)}`, sign(raw, "other-secret"), `sha1=${hex}`, hex, `sha256=${hex}00`]) {
      const response = await post(raw, signature);
      expect([signature, response.status, response.json()]).toEqual([signature, 401, { error: "BAD_SIGNATURE" }]);
    }
    expect(sink.untouched).toBe(true);
  });
});

describe("WhatsApp webhook: malformed bodies and a store that is down", () => {
  it("answers 400 with a short code, nothing stored, for bad JSON, bad UTF-8 and wrong shapes", async () => {
    const cases: [string | Buffer, string][] = [
      ["{not json", "INVALID_JSON"],
      [Buffer.from([0x7b, 0x7d, 0xc3]), "INVALID_UTF8"],
      ['{"object":"whatsapp_business_account","entry":{}}', "INVALID_WEBHOOK"],
      // A known type with the wrong shape refuses the whole batch, the valid message too.
      [JSON.stringify(waBody({ messages: [waText("wamid.OK", "hi"), { ...waText("wamid.BAD", "x"), text: { body: 5 } }] })), "INVALID_WEBHOOK"],
      [JSON.stringify(waBody({ messages: [{ ...waLocation("wamid.LOC"), location: { latitude: "north" } }] })), "INVALID_WEBHOOK"],
    ];
    for (const [raw, code] of cases) {
      const response = await post(raw);
      expect([response.status, response.json()]).toEqual([400, { error: code }]);
    }
    expect(sink.untouched).toBe(true);
  });

  it("answers 413 for a body over the limit", async () => {
    const raw = JSON.stringify(waBody({ messages: [waText("wamid.BIG", "x".repeat(70 * 1024))] }));
    expect((await post(raw)).status).toBe(413);
    expect(sink.untouched).toBe(true);
  });

  it("answers 503 when the store is down, so Meta redelivers; the redelivery is then stored", async () => {
    sink.failing = true;
    const raw = JSON.stringify(waBody({ messages: [waText("wamid.R1", "hi")] }));
    expect((await post(raw)).status).toBe(503);
    sink.failing = false;
    expect((await post(raw)).status).toBe(200);
    expect(sink.envelopes.map((e) => e.channelMessageId)).toEqual(["wamid.R1"]);
  });
});
