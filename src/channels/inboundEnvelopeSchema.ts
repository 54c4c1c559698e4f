/**
 * The shape every channel adapter must hand to `InboundSink.receive`, as zod, so that an adapter
 * checks what it built before it persists it (a location out of range or an over-long choice id is
 * dropped here instead of reaching the engine), and tests can check the same.
 * Example: { channel: "telegram", channelMessageId: "731", channelUserId: "5551234", input: { type: "text", text: "hi" },
 * sentAt: new Date(...), hints: { languageCode: "fr" } }.
 */
import { z } from "zod";
import { InputSchema } from "../dialog/engine/input.js";
import { ChannelSchema } from "../domain/channel.js";
import type { InboundEnvelope } from "../ports/channelPort.js";

export const InboundEnvelopeSchema = z.object({
  channel: ChannelSchema,
  channelMessageId: z.string().min(1).max(256),
  channelUserId: z.string().min(1).max(256),
  input: InputSchema,
  sentAt: z.date().refine((d) => !Number.isNaN(d.getTime()), "invalid date"),
  hints: z.object({
    languageCode: z.string().min(1).max(35).optional(),
    phone: z.string().min(1).max(32).optional(),
    startPayload: z.string().min(1).max(64).optional(),
  }),
});

/** The envelope if it is well formed, else undefined (the adapter then ignores the message). */
export function checkedEnvelope(candidate: InboundEnvelope): InboundEnvelope | undefined {
  const parsed = InboundEnvelopeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
