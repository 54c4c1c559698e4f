/**
 * Simulated families: the intake played step by step over Telegram (updates with the secret header)
 * or WhatsApp (Cloud API webhooks signed with X-Hub-Signature-256 over the raw bytes), as the
 * platforms send them. A fraction type a disclosure part-way, which brings help contacts and the
 * safety module's "what next?" before the intake goes on (and opens an escalation).
 */
import { sign, waBody } from "../test/helpers/channels/whatsappWebhooks.js";

export type Step = { readonly text: string } | { readonly choice: string };
export type Channel = "telegram" | "whatsapp";
export type Variant = "intake" | "disclosure";

/** The whole intake as a parent (the e2e test's WhatsApp path): typed answers, buttons, list rows. */
const INTAKE: readonly Step[] = [
  { text: "hi" }, { choice: "en" }, { choice: "intake" }, { choice: "parent" }, { text: "6" }, { choice: "yes" }, { choice: "yes" }, { choice: "no" }, { choice: "no" },
  { text: "Amani" }, { text: "Yusuf" }, { text: "skip" }, { choice: "female" }, { text: "Goma" }, { choice: "with_caregiver" }, { choice: "yes" },
  { text: "Mama Neema" }, { choice: "food" }, { choice: "this_chat" }, { text: "skip" },
];
/** After the age: a free-text disclosure, then "go on" from the safety module's menu. */
const DISCLOSURE_AT = 5;
const DISCLOSURE: readonly Step[] = [...INTAKE.slice(0, DISCLOSURE_AT), { text: "i just want to die" }, { choice: "continue" }, ...INTAKE.slice(DISCLOSURE_AT)];

export function script(variant: Variant): readonly Step[] {
  return variant === "disclosure" ? DISCLOSURE : INTAKE;
}

export interface WebhookTarget {
  readonly telegramSecret: string;
  readonly appSecret: string;
  readonly phoneNumberId: string;
}

export interface Webhook {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** A case reference (`7F3K-9QDZ`): the one part of the intake's replies that differs between families. */
const REFERENCE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;

/** A reply as the family sees it, comparable between families: its text or interactive message, the reference masked. */
export function replyText(channel: Channel, body: Readonly<Record<string, unknown>>): string {
  const shown = channel === "telegram" ? String(body["text"]) : JSON.stringify(body["text"] ?? body["interactive"] ?? body["template"] ?? null);
  return shown.replace(REFERENCE, "<ref>");
}

let updateId = 1;
let wamid = 1;

/** The family's address on its channel: a Telegram chat id, or a WhatsApp number (+243: DR Congo). */
export function recipientFor(channel: Channel, n: number): string {
  return channel === "telegram" ? String(7_000_000_000 + n) : `2438${String(n).padStart(8, "0")}`;
}

export function webhookFor(target: WebhookTarget, channel: Channel, recipient: string, step: Step): Webhook {
  const now = Math.floor(Date.now() / 1000);
  if (channel === "telegram") {
    const id = Number(recipient);
    const user = { id, is_bot: false, first_name: "A", language_code: "en" };
    const chat = { id, type: "private", first_name: "A" };
    const n = updateId++;
    const update =
      "text" in step
        ? { update_id: n, message: { message_id: n, date: now, chat, from: user, text: step.text } }
        : { update_id: n, callback_query: { id: `cq${n}`, from: user, chat_instance: "ci", data: step.choice, message: { message_id: n, date: now - 1, chat, text: "?" } } };
    return { path: "/webhooks/telegram", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": target.telegramSecret }, body: Buffer.from(JSON.stringify(update)) };
  }
  const message =
    "text" in step
      ? { from: recipient, id: `wamid.BENCH${wamid++}`, timestamp: String(now), type: "text", text: { body: step.text } }
      : { from: recipient, id: `wamid.BENCH${wamid++}`, timestamp: String(now), type: "interactive", interactive: { type: "button_reply", button_reply: { id: step.choice, title: step.choice } } };
  const body = waBody({ messages: [message] }, target.phoneNumberId);
  const raw = Buffer.from(JSON.stringify(body));
  const signature = sign(raw, target.appSecret);
  return { path: "/webhooks/whatsapp", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body: raw };
}
