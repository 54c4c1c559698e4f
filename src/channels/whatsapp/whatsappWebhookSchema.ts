/**
 * The parts of a WhatsApp Cloud API webhook kinlink reads, as zod. Unknown fields are stripped, not
 * rejected (Meta adds fields over time). Message types kinlink does not read (audio, video,
 * stickers, reactions, contacts, orders, system notices...) still parse, as `OtherMessage`, so that
 * they can be acknowledged and skipped; a message of a known type with the wrong shape does not.
 * Example: { object: "whatsapp_business_account", entry: [{ id: "WABA", changes: [{ field: "messages",
 * value: { metadata: { phone_number_id: "1055" }, messages: [{ id: "wamid.X", from: "243810000000",
 * timestamp: "1717000000", type: "text", text: { body: "Bonjour" } }] } }] }] }.
 */
import { z } from "zod";

/** Seconds since the epoch, as Meta sends them: a string of digits. */
const Timestamp = z.string().regex(/^\d{1,12}$/);

const MessageBase = z.object({
  id: z.string().min(1),
  /** The sender's wa_id (phone number with country code, digits only). */
  from: z.string().min(1).optional(),
  timestamp: Timestamp,
});

const KNOWN_TYPES = ["text", "interactive", "location", "image", "button"] as const;

const KnownMessage = z.discriminatedUnion("type", [
  MessageBase.extend({ type: z.literal("text"), text: z.object({ body: z.string() }) }),
  MessageBase.extend({
    type: z.literal("interactive"),
    interactive: z.object({
      type: z.string(),
      button_reply: z.object({ id: z.string() }).optional(),
      list_reply: z.object({ id: z.string() }).optional(),
    }),
  }),
  MessageBase.extend({
    type: z.literal("location"),
    location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }),
  }),
  MessageBase.extend({ type: z.literal("image"), image: z.object({ id: z.string().min(1) }) }),
  /** A quick-reply button of a template message (the reopen invitation). */
  MessageBase.extend({ type: z.literal("button"), button: z.object({ payload: z.string().optional(), text: z.string() }) }),
]);

const OtherMessage = MessageBase.extend({
  type: z.string().refine((type) => !KNOWN_TYPES.some((known) => known === type), "known type with a wrong shape"),
});

export const WhatsAppMessageSchema = z.union([KnownMessage, OtherMessage]);
export type WhatsAppMessage = z.infer<typeof WhatsAppMessageSchema>;

export const WhatsAppStatusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: Timestamp,
  errors: z.array(z.object({ code: z.number().int() })).optional(),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatusSchema>;

export const WhatsAppMessagesValueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string() }).optional(),
  messages: z.array(WhatsAppMessageSchema).optional(),
  statuses: z.array(WhatsAppStatusSchema).optional(),
});

export const WhatsAppWebhookSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
