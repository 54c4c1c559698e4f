/**
 * Lays out channel-neutral content as Telegram messages: one inline-keyboard button per choice
 * (callback_data = the choice id), a reply keyboard with a location button when a place is asked
 * for, and numbered lines when buttons cannot carry the choices (a multiple choice, where the person
 * types "1, 3"; ids longer than Telegram's 64-byte callback data). Text over 4096 is split on
 * paragraph, line or word boundaries; the keyboard goes on the last part.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { OutboundChoice, OutboundContent } from "../../ports/channelPort.js";
import { numberedLines, paragraphs } from "../text/numberedLines.js";
import { splitText } from "../text/splitText.js";

export const TELEGRAM_TEXT_LIMIT = 4096;
const CALLBACK_DATA_BYTES = 64;
/** Two buttons share a row when both labels are this short, so that short lists stay compact. */
const SHORT_LABEL = 14;
const MAX_BUTTONS = 100;

export type TelegramMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

export interface TelegramOutgoing {
  readonly text: string;
  readonly markup: TelegramMarkup;
}

function fitsCallbackData(choice: OutboundChoice): boolean {
  const bytes = Buffer.byteLength(choice.id, "utf8");
  return bytes > 0 && bytes <= CALLBACK_DATA_BYTES;
}

function inlineKeyboard(choices: readonly OutboundChoice[]): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i];
    if (!choice) continue;
    const next = choices[i + 1];
    const button = { text: choice.label, callback_data: choice.id };
    if (next && choice.label.length <= SHORT_LABEL && next.label.length <= SHORT_LABEL) {
      rows.push([button, { text: next.label, callback_data: next.id }]);
      i++;
    } else rows.push([button]);
  }
  return { inline_keyboard: rows };
}

function locationKeyboard(label: string): ReplyKeyboardMarkup {
  return { keyboard: [[{ text: label, request_location: true }]], one_time_keyboard: true, resize_keyboard: true };
}

export function telegramMessages(content: OutboundContent, locationButtonText: string): TelegramOutgoing[] {
  const { choices } = content;
  const asButtons =
    choices.length > 0 && !content.multiple && content.input !== "location" && choices.length <= MAX_BUTTONS && choices.every(fitsCallbackData);
  const lines = choices.length > 0 && !asButtons ? numberedLines(choices) : undefined;
  const text = paragraphs(content.text, lines, content.hint);
  // A plain message removes a location keyboard left over from an earlier question.
  const markup: TelegramMarkup = asButtons
    ? inlineKeyboard(choices)
    : content.input === "location"
      ? locationKeyboard(locationButtonText)
      : { remove_keyboard: true };
  const parts = splitText(text === "" ? "…" : text, TELEGRAM_TEXT_LIMIT);
  return parts.map((part, index) => ({ text: part, markup: index === parts.length - 1 ? markup : { remove_keyboard: true } }));
}
