/**
 * The caseworker's quick replies as the family will read them. The texts are messages of the
 * deployment's locales (`common:caseworker.quick.*`, required in every language by `kinlink dialogs
 * check`), rendered by its translator in the family's language and for their audience, with the help
 * contacts filled in. The reply box previews them with this; the reply use case renders the same key
 * for the same recipient when one is sent, so what the caseworker sees is what goes out.
 */
import { QUICK_REPLIES, quickReplyKey, type QuickReply } from "../../dialog/engine/messageKeys.js";
import type { Audience } from "../../dialog/engine/session.js";
import type { Translator } from "../../i18n/translator.js";

export { QUICK_REPLIES, quickReplyKey, type QuickReply };

export interface QuickReplyText {
  readonly id: QuickReply;
  readonly text: string;
}

/** Every quick reply in `lang`, worded for `audience` when the locale has a variant for it. */
export type QuickReplyTexts = (lang: string, audience?: Audience) => readonly QuickReplyText[];

export function quickReplyTexts(translator: Pick<Translator, "render">): QuickReplyTexts {
  return (lang, audience) => QUICK_REPLIES.map((id) => ({ id, text: translator.render(quickReplyKey(id), lang, audience) }));
}
