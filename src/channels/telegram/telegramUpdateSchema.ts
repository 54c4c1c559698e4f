/**
 * The parts of a Telegram Bot API `Update` kinlink reads, as zod. Other fields and other update kinds
 * (edited messages, channel posts, reactions, member changes...) are stripped, not rejected: Telegram
 * adds fields over time and an unknown one must not turn into a 400 and a redelivery loop.
 * Example: { update_id: 731, message: { message_id: 5, date: 1717000000, chat: { id: 42, type: "private" }, text: "hi" } }.
 */
import { z } from "zod";

const ChatSchema = z.object({ id: z.number().int(), type: z.string() });

const UserSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  language_code: z.string().optional(),
});

const LocationSchema = z.object({ latitude: z.number(), longitude: z.number() });

const PhotoSizeSchema = z.object({
  file_id: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});

export const TelegramMessageSchema = z.object({
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  chat: ChatSchema,
  from: UserSchema.optional(),
  text: z.string().optional(),
  location: LocationSchema.optional(),
  venue: z.object({ location: LocationSchema, title: z.string() }).optional(),
  photo: z.array(PhotoSizeSchema).optional(),
  // Only their presence matters: the bot answers that it cannot read them.
  voice: z.object({}).passthrough().optional(),
  audio: z.object({}).passthrough().optional(),
  video: z.object({}).passthrough().optional(),
  video_note: z.object({}).passthrough().optional(),
  document: z.object({}).passthrough().optional(),
  sticker: z.object({}).passthrough().optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessageSchema>;

export const TelegramCallbackQuerySchema = z.object({
  id: z.string(),
  from: UserSchema,
  /** Absent for buttons under inline-mode messages, which kinlink does not send. */
  message: z.object({ chat: ChatSchema }).optional(),
  data: z.string().optional(),
});
export type TelegramCallbackQuery = z.infer<typeof TelegramCallbackQuerySchema>;

export const TelegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: TelegramMessageSchema.optional(),
  callback_query: TelegramCallbackQuerySchema.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdateSchema>;
