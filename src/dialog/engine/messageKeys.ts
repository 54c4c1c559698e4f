/**
 * The `common` messages the engine itself (and the host) sends (besides those the dialogs name). Every shipped
 * language must have them; `kinlink dialogs check` says which are missing. A unit test keeps this
 * list equal to the keys the engine's source uses.
 */

/**
 * The quick replies a caseworker sends with one click from the console's reply box. They live in the
 * deployment's locales (not the console's catalogs) so that each goes out in the family's own
 * language, and the NGO localizes and reviews them with every other message.
 */
export const QUICK_REPLIES = ["here", "safe", "not_your_fault", "take_your_time", "danger", "later"] as const;
export type QuickReply = (typeof QUICK_REPLIES)[number];
/** The group of `locales/<lang>/common.json` that holds them (backquoted: the engine-keys test reads "common:…" strings as keys). */
export const QUICK_REPLY_PREFIX = `common:caseworker.quick.`;
export const quickReplyKey = (id: QuickReply): string => `${QUICK_REPLY_PREFIX}${id}`;

/** Every `common` message the engine and the host send, quick replies included. */
export const ENGINE_MESSAGE_KEYS: readonly string[] = [
  "common:answer.yes",
  "common:answer.no",
  "common:answer.dont_know",
  "common:answer.skip",
  "common:safety.contacts",
  "common:confirm.restart",
  "common:confirm.stop",
  "common:confirm.cancelled",
  "common:language.choose",
  "common:language.name",
  "common:menu.choose",
  "common:back.at_start",
  "common:person.requested",
  "common:person.waiting",
  // Sent by the host when a caseworker joins, and when they hand the conversation back to the bot.
  "common:person.joined",
  "common:person.handback",
  "common:pause.saved",
  "common:pause.welcome_back",
  "common:stop.done",
  "common:done.already",
  "common:reminder",
  "common:migrated.restart",
  "common:repeat.limit",
  "common:invalid.not_a_number",
  "common:invalid.ambiguous_number",
  "common:invalid.not_a_whole_number",
  "common:invalid.out_of_range",
  "common:invalid.not_a_date",
  "common:invalid.date_in_future",
  "common:invalid.not_a_choice",
  "common:invalid.not_yes_no",
  "common:invalid.not_a_phone",
  "common:invalid.not_a_place",
  "common:invalid.too_long",
  "common:invalid.empty",
  "common:invalid.required",
  "common:invalid.unexpected_location",
  "common:invalid.unexpected_photo",
  "common:invalid.unexpected_media",
  "common:invalid.not_a_photo",
  "common:invalid.moving_on",
  "common:invalid.offer_person",
  ...QUICK_REPLIES.map(quickReplyKey),
];
