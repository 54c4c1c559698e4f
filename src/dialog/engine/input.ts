/**
 * What a person sent, after a channel adapter translated it. Channels parse their payloads into this
 * (zod at the edge); the engine never sees a channel's types.
 */
import { z } from "zod";
import { COMMANDS } from "../answers/vocabulary.js";

/** Longest text accepted from a person; channels reject longer bodies before they reach the engine. */
export const MAX_INPUT_LENGTH = 4096;

export const InputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().max(MAX_INPUT_LENGTH) }),
  /** A button or list row was pressed. */
  z.object({ type: z.literal("choice"), id: z.string().max(64) }),
  z.object({ type: z.literal("command"), command: z.enum(COMMANDS) }),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(300).optional(),
  }),
  /** A photo, by the reference the channel's media store gives it. */
  z.object({ type: z.literal("photo"), ref: z.string().max(512) }),
  /** A voice note, video, file or sticker: the bot cannot read it, and says so kindly rather than stay silent. */
  z.object({ type: z.literal("media"), kind: z.enum(["audio", "video", "document", "sticker"]) }),
]);
export type Input = z.infer<typeof InputSchema>;
