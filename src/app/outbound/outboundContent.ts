/** Outbound content as stored in the outbox, parsed before delivery (the store gives back `unknown`). */
import { z } from "zod";
import type { OutboundContent } from "../../ports/channelPort.js";

export const OutboundContentSchema: z.ZodType<OutboundContent> = z.object({
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
  multiple: z.boolean(),
  hint: z.string().optional(),
  urgent: z.boolean(),
  input: z.enum(["location", "photo"]).optional(),
  lang: z.string(),
  direction: z.enum(["ltr", "rtl"]),
});
