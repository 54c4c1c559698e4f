/**
 * The reply box's quick replies. Each button shows the text exactly as the family will receive it
 * (their language, worded for a child or an adult), with its meaning in the caseworker's language on
 * a second line, so nobody sends words they cannot read. The texts are messages of the deployment's
 * locales (`common:caseworker.quick.*`), localized and reviewed with the dialogs; the server renders
 * the same key for the same person when one is sent.
 */
import type { Handoff } from "../../../app/queue/queueService.js";
import type { QuickReply, QuickReplyTexts } from "../../../app/queue/quickReplies.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";

export interface QuickReplyChoice {
  readonly id: QuickReply;
  /** As the family reads it. */
  readonly text: string;
  /** The same reply in the caseworker's language; null when that is the family's language. */
  readonly gloss: string | null;
}

export interface QuickReplyView {
  /** The family's language (a BCP 47 code). */
  readonly lang: string;
  readonly replies: readonly QuickReplyChoice[];
}

export function quickReplyView(texts: QuickReplyTexts, recipient: Handoff["recipient"], readerLang: string): QuickReplyView {
  const audience = recipient.audience ?? undefined;
  const theirs = texts(recipient.language, audience);
  const same = recipient.language.split("-")[0] === readerLang;
  const ours = same ? [] : texts(readerLang, audience);
  return { lang: recipient.language, replies: theirs.map((reply, i) => ({ id: reply.id, text: reply.text, gloss: same ? null : (ours[i]?.text ?? null) })) };
}

/** "Kiswahili" for `sw`, in the reader's language; the code itself when the runtime does not know it. */
function languageName(readerLang: string, code: string): string {
  try {
    return new Intl.DisplayNames([readerLang], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Submit buttons of the reply form: `quick=<id>`. */
export function quickReplyButtons(t: Translate, view: QuickReplyView): Html {
  if (view.replies.length === 0) return html``;
  return html`<fieldset class="quick"><legend>${t("conversation.quick", { language: languageName(t.lang, view.lang) })}</legend>
${view.replies.map(
  (reply) => html`<button type="submit" name="quick" value="${reply.id}" formnovalidate class="secondary"><span lang="${view.lang}" dir="auto">${reply.text}</span>${reply.gloss === null ? "" : html`<span class="gloss" lang="${t.lang}" dir="auto">${reply.gloss}</span>`}</button>`,
)}
</fieldset>`;
}
