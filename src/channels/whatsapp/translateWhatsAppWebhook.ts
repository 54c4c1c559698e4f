/**
 * Turns a verified WhatsApp webhook body into envelopes and delivery reports. All or nothing: a body
 * that does not parse is refused as a whole (400) before anything is stored.
 *
 * The dedupe key is the message's `wamid`, which Meta repeats on every redelivery. Audio and voice
 * notes, video, documents, stickers and reactions are skipped: kinlink's `Input` has no kind for them
 * yet (turning a voice note into an empty text or a fake photo would mislead the engine).
 */
import { MAX_INPUT_LENGTH, type Input } from "../../dialog/engine/input.js";
import type { DeliveryStatus, InboundEnvelope } from "../../ports/channelPort.js";
import { checkedEnvelope } from "../inboundEnvelopeSchema.js";
import { fitText } from "../text/fitText.js";
import { WhatsAppMessagesValueSchema, WhatsAppWebhookSchema, type WhatsAppMessage, type WhatsAppStatus } from "./whatsappWebhookSchema.js";

export interface WhatsAppTranslation {
  readonly envelopes: readonly InboundEnvelope[];
  readonly statuses: readonly DeliveryStatus[];
  /** Why messages or changes were skipped, one code each, for logs and metrics. */
  readonly ignored: readonly string[];
}

const REPORTED = ["sent", "delivered", "read", "failed"] as const;

function messageInput(message: WhatsAppMessage): Input | string {
  if ("text" in message) return { type: "text", text: fitText(message.text.body, MAX_INPUT_LENGTH) };
  if ("interactive" in message) {
    const reply = message.interactive.button_reply ?? message.interactive.list_reply;
    return reply ? { type: "choice", id: reply.id } : "UNSUPPORTED_INTERACTIVE";
  }
  if ("location" in message) {
    const { latitude, longitude, name, address } = message.location;
    const label = name ?? address;
    return { type: "location", latitude, longitude, ...(label ? { name: fitText(label, 300) } : {}) };
  }
  if ("image" in message) return { type: "photo", ref: message.image.id };
  if ("button" in message) {
    // A template's quick reply: its payload when we set one, else the words on the button.
    const { payload, text } = message.button;
    return payload ? { type: "choice", id: payload } : { type: "text", text: fitText(text, MAX_INPUT_LENGTH) };
  }
  if (message.type === "audio" || message.type === "video" || message.type === "document" || message.type === "sticker") return { type: "media", kind: message.type };
  return `UNSUPPORTED_${message.type.toUpperCase().replace(/[^A-Z0-9]/g, "_").slice(0, 24)}`;
}

function envelopeOf(message: WhatsAppMessage): InboundEnvelope | string {
  if (message.from === undefined) return "NO_SENDER";
  const input = messageInput(message);
  if (typeof input === "string") return input;
  const envelope = checkedEnvelope({
    channel: "whatsapp",
    channelMessageId: message.id,
    channelUserId: message.from,
    input,
    sentAt: new Date(Number(message.timestamp) * 1000),
    hints: { phone: message.from },
  });
  return envelope ?? "INVALID_INPUT";
}

function statusOf(status: WhatsAppStatus): DeliveryStatus | string {
  const reported = REPORTED.find((known) => known === status.status);
  if (!reported) return "UNREPORTED_STATUS";
  const code = status.errors?.[0]?.code;
  return {
    channel: "whatsapp",
    channelMessageId: status.id,
    status: reported,
    at: new Date(Number(status.timestamp) * 1000),
    ...(code !== undefined ? { errorCode: String(code) } : {}),
  };
}

/** `undefined` when the body is not a WhatsApp webhook kinlink can read (the route answers 400). */
export function translateWhatsAppWebhook(body: unknown, phoneNumberId?: string): WhatsAppTranslation | undefined {
  const parsed = WhatsAppWebhookSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const envelopes: InboundEnvelope[] = [];
  const statuses: DeliveryStatus[] = [];
  const ignored: string[] = [];
  const result: WhatsAppTranslation = { envelopes, statuses, ignored };
  if (parsed.data.object !== "whatsapp_business_account") return { envelopes, statuses, ignored: ["OTHER_OBJECT"] };
  for (const change of parsed.data.entry.flatMap((entry) => entry.changes)) {
    if (change.field !== "messages") {
      ignored.push("OTHER_FIELD");
      continue;
    }
    const value = WhatsAppMessagesValueSchema.safeParse(change.value);
    if (!value.success) return undefined;
    if (phoneNumberId !== undefined && value.data.metadata?.phone_number_id !== phoneNumberId) {
      ignored.push("OTHER_NUMBER");
      continue;
    }
    for (const message of value.data.messages ?? []) {
      const envelope = envelopeOf(message);
      if (typeof envelope === "string") ignored.push(envelope);
      else envelopes.push(envelope);
    }
    for (const status of value.data.statuses ?? []) {
      const report = statusOf(status);
      if (typeof report === "string") ignored.push(report);
      else statuses.push(report);
    }
  }
  return result;
}
