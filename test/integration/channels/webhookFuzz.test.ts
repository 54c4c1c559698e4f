/**
 * A few thousand mutated webhook bodies for each channel, from a fixed seed: every answer is 200
 * (acknowledged, maybe ignored) or 4xx, never a 5xx unless the store is down, the server keeps
 * running, and the sink only ever receives well-formed envelopes and delivery reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import { InboundEnvelopeSchema } from "../../../src/channels/inboundEnvelopeSchema.js";
import { telegramWebhook } from "../../../src/channels/telegram/telegramWebhook.js";
import { whatsappWebhook } from "../../../src/channels/whatsapp/whatsappWebhook.js";
import { Rng, mutatedBody } from "../../helpers/channels/fuzzBodies.js";
import { listenLocal, request } from "../../helpers/channels/httpClient.js";
import { RecordingSink } from "../../helpers/channels/recordingSink.js";
import { tgCallback, tgEdited, tgLocation, tgPhoto, tgSticker, tgText } from "../../helpers/channels/telegramUpdates.js";
import {
  WA_APP_SECRET,
  WA_VERIFY_TOKEN,
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

const ROUNDS = Number(process.env["FUZZ_ROUNDS"] ?? 2500);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20240601);
const TG_SECRET = "fuzz_secret";

const DeliveryStatusSchema = z.object({
  channel: z.literal("whatsapp"),
  channelMessageId: z.string().min(1),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  at: z.date().refine((d) => !Number.isNaN(d.getTime())),
  errorCode: z.string().regex(/^-?\d+$/).optional(),
});

const telegramSeeds = [tgText(1, "hello"), tgText(2, "/start site_goma"), tgText(3, "مرحبا"), tgCallback(4, "yes"), tgLocation(5, -1.67, 29.22), tgPhoto(6), tgSticker(7), tgEdited(8)];
const whatsappSeeds = [
  waBody({ messages: [waText("wamid.1", "Привіт")] }),
  waBody({ messages: [waButtonReply("wamid.2", "yes"), waListReply("wamid.3", "goma")] }),
  waBody({ messages: [waLocation("wamid.4"), waImage("wamid.5"), waAudio("wamid.6"), waTemplateButton("wamid.7", "reopen")] }),
  waBody({ statuses: [waStatus("wamid.8", "delivered"), waStatus("wamid.9", "failed", 131047)] }),
];

let app: FastifyInstance;
let base: string;
const sink = new RecordingSink();

beforeAll(async () => {
  app = Fastify();
  await app.register(telegramWebhook({ secretToken: TG_SECRET, sink }));
  await app.register(whatsappWebhook({ appSecret: WA_APP_SECRET, verifyToken: WA_VERIFY_TOKEN, sink }));
  base = await listenLocal(app);
});
afterAll(async () => {
  await app.close();
});

type Fire = (body: Buffer, rng: Rng) => Promise<number>;

const fireTelegram: Fire = async (body) =>
  (await request(base, "POST", "/webhooks/telegram", { headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET }, body })).status;

const fireWhatsApp: Fire = async (body, rng) => {
  // Mostly signed, to reach the parser; some with a stale or missing signature.
  const roll = rng.int(20);
  const signature = roll === 0 ? undefined : roll === 1 ? sign(Buffer.concat([body, Buffer.from(" ")])) : sign(body);
  const headers: Record<string, string> = { "content-type": rng.pick(["application/json", "application/json; charset=utf-8", "text/plain"]) };
  if (signature !== undefined) headers["x-hub-signature-256"] = signature;
  return (await request(base, "POST", "/webhooks/whatsapp", { headers, body })).status;
};

async function fuzz(seeds: readonly unknown[], fire: Fire, seed: number): Promise<Map<number, number>> {
  const rng = new Rng(seed);
  const seen = new Map<number, number>();
  for (let i = 0; i < ROUNDS; i++) {
    const body = mutatedBody(rng, rng.pick(seeds));
    const status = await fire(body, rng);
    seen.set(status, (seen.get(status) ?? 0) + 1);
    if (status >= 500 || (status >= 300 && status < 400)) throw new Error(`round ${i} (seed ${seed}): status ${status} for ${body.subarray(0, 200).toString("utf8")}`);
  }
  return seen;
}

function expectOnlyWellFormed(): void {
  for (const envelope of [...sink.envelopes, ...sink.duplicates]) expect(InboundEnvelopeSchema.safeParse(envelope).success).toBe(true);
  for (const status of sink.statuses) expect(DeliveryStatusSchema.safeParse(status).success).toBe(true);
}

describe("webhook fuzz", () => {
  it(`Telegram: ${ROUNDS} mutated updates → 200 or 4xx, only well-formed envelopes stored`, async () => {
    const seen = await fuzz(telegramSeeds, fireTelegram, SEED);
    expect([...seen.keys()].every((s) => s === 200 || (s >= 400 && s < 500))).toBe(true);
    expect(seen.get(200)).toBeGreaterThan(ROUNDS / 20);
    expect(seen.get(400)).toBeGreaterThan(ROUNDS / 20);
    expectOnlyWellFormed();
    expect((await fireTelegram(Buffer.from(JSON.stringify(tgText(999_999, "still alive"))), new Rng(1)))).toBe(200);
  });

  it(`WhatsApp: ${ROUNDS} mutated, mostly re-signed bodies → 200 or 4xx, only well-formed envelopes and reports stored`, async () => {
    const seen = await fuzz(whatsappSeeds, fireWhatsApp, SEED + 1);
    expect([...seen.keys()].every((s) => s === 200 || (s >= 400 && s < 500))).toBe(true);
    expect(seen.get(200)).toBeGreaterThan(ROUNDS / 20);
    expect(seen.get(400)).toBeGreaterThan(ROUNDS / 20);
    expect(seen.get(401)).toBeGreaterThan(0);
    expectOnlyWellFormed();
  });

  it("answers 503, never 500, when the store is down, whatever the body", async () => {
    sink.failing = true;
    try {
      const rng = new Rng(SEED + 2);
      for (let i = 0; i < 200; i++) {
        const status = await fireWhatsApp(mutatedBody(rng, rng.pick(whatsappSeeds)), rng);
        expect(status === 200 || status === 503 || (status >= 400 && status < 500)).toBe(true);
      }
    } finally {
      sink.failing = false;
    }
  });
});
