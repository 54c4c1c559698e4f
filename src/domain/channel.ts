/**
 * The messaging channels kinlink talks on. Stored with every conversation and message so that a
 * reply goes back the way the person came. Example: "whatsapp".
 */
import { z } from "zod";

export const CHANNELS = ["telegram", "whatsapp", "botpress", "web"] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;
