/** What the inbox keeps of a message: the person's input and the channel's hints. Parsed when read back. */
import { z } from "zod";
import { InputSchema } from "../../dialog/engine/input.js";

export const StoredPayloadSchema = z.object({
  input: InputSchema,
  hints: z
    .object({ languageCode: z.string().max(35).optional(), phone: z.string().max(32).optional(), startPayload: z.string().max(64).optional() })
    .default({}),
});
export type StoredPayload = z.infer<typeof StoredPayloadSchema>;
