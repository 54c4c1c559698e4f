/** Telegram updates as the Bot API sends them (typed by grammY's own `Update`), for webhook and polling tests. */
import type { Update } from "grammy/types";

export const CHAT_ID = 5551234;
const DATE = 1_717_000_000;

const user = (languageCode?: string) => ({ id: CHAT_ID, is_bot: false, first_name: "A", ...(languageCode ? { language_code: languageCode } : {}) });
const chat = { id: CHAT_ID, type: "private" as const, first_name: "A" };

export function tgText(updateId: number, text: string, languageCode = "fr"): Update {
  return { update_id: updateId, message: { message_id: updateId + 10, date: DATE, chat, from: user(languageCode), text } };
}

export function tgCallback(updateId: number, data: string, queryId = `cq${updateId}`): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: queryId,
      from: user("uk"),
      chat_instance: "ci",
      data,
      message: { message_id: 77, date: DATE - 60, chat, text: "Who is writing?" },
    },
  };
}

export function tgLocation(updateId: number, latitude: number, longitude: number): Update {
  return { update_id: updateId, message: { message_id: updateId + 10, date: DATE, chat, from: user(), location: { latitude, longitude } } };
}

export function tgPhoto(updateId: number): Update {
  return {
    update_id: updateId,
    message: {
      message_id: updateId + 10,
      date: DATE,
      chat,
      from: user(),
      photo: [
        { file_id: "small-id", file_unique_id: "s", width: 90, height: 60 },
        { file_id: "large-id", file_unique_id: "l", width: 1280, height: 853 },
        { file_id: "medium-id", file_unique_id: "m", width: 320, height: 213 },
      ],
    },
  };
}

export function tgSticker(updateId: number): Update {
  return {
    update_id: updateId,
    message: {
      message_id: updateId + 10,
      date: DATE,
      chat,
      from: user(),
      sticker: { file_id: "st", file_unique_id: "st", type: "regular", width: 512, height: 512, is_animated: false, is_video: false },
    },
  };
}

export function tgEdited(updateId: number): Update {
  return { update_id: updateId, edited_message: { message_id: 3, date: DATE, edit_date: DATE + 5, chat, from: user(), text: "edited" } };
}

export function tgGroupText(updateId: number): Update {
  return { update_id: updateId, message: { message_id: 9, date: DATE, chat: { id: -100123, type: "supergroup", title: "G" }, from: user(), text: "hello" } };
}

export const TG_DATE = new Date(DATE * 1000);
