/**
 * One conversation, for the caseworker who holds it (or a supervisor): the handoff summary (answers
 * by field, the flags the bot raised), the transcript with the person's own words (each line keeps
 * its own direction, so Arabic reads right to left inside a French page), the reply box with quick
 * replies in the family's language, and hand back / transfer / resolve. Without script everything
 * is a form; with it, new lines arrive live and replies go without a reload.
 */
import type { Colleague } from "../../../app/queue/colleagues.js";
import type { Handoff, QueueOutcome, TranscriptLine } from "../../../app/queue/queueService.js";
import type { ConsoleSession } from "../../auth/consoleAuth.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { fieldGroups } from "./fields.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { categoryLabel, csrfField, dateTime, humanize, reasonList, riskBadge } from "./parts.js";
import { quickReplyButtons, type QuickReplyView } from "./quickReplies.js";
import { relativeTime } from "./relativeTime.js";
import { transferForm } from "./transferForm.js";

export const OUTCOMES: readonly QueueOutcome[] = ["resolved", "referred", "no_action_needed", "duplicate"];

export interface ConversationView {
  readonly handoff: Handoff;
  readonly now: Date;
  /** Display names of the caseworkers in the transcript and of the assignee, by user id. */
  readonly names: ReadonlyMap<string, string>;
  /** Quick replies as the family will read them, with the reader's language beside. */
  readonly quick: QuickReplyView;
  /** Who the conversation can be transferred to. */
  readonly colleagues: readonly Colleague[];
  readonly translation: TranslationView;
}

/** Whether the deployment can translate, and the translation when one was asked for (by line: at|text). */
export interface TranslationView {
  readonly available: boolean;
  readonly lines?: ReadonlyMap<string, string>;
  readonly to?: string;
  readonly failed?: boolean;
}

function line(t: Translate, names: ReadonlyMap<string, string>, entry: TranscriptLine, translation: TranslationView): Html {
  const who = entry.from === "caseworker" ? (names.get(entry.by ?? "") ?? t("conversation.from.caseworker")) : t(`conversation.from.${entry.from}`);
  const translated = translation.lines?.get(`${entry.at}|${entry.text}`);
  // The original stays first: the translation is a machine's reading, to check with the family.
  const below = translated === undefined || translated === entry.text ? "" : html`<p class="translation" lang="${translation.to ?? ""}" dir="auto"><span class="muted">${t("conversation.translation.label")}</span> ${translated}</p>`;
  return html`<li class="line from-${entry.from}"><span class="meta">${who} · ${dateTime(t, entry.at)}</span><p dir="auto">${entry.text}</p>${below}</li>`;
}

function translationControl(t: Translate, id: string, translation: TranslationView): Html {
  if (!translation.available) return html``;
  if (translation.failed) return html`<p class="hint" role="status">${t("conversation.translation.failed")}</p>`;
  if (translation.lines) return html`<p class="hint">${t("conversation.translation.shown")} <a href="/console/escalations/${id}">${t("conversation.translation.hide")}</a></p>`;
  return html`<p class="hint"><a href="/console/escalations/${id}?translate=1">${t("conversation.translation.show")}</a> ${t("conversation.translation.privacy")}</p>`;
}

function summary(t: Translate, view: ConversationView): Html {
  const { escalation, flags } = view.handoff;
  const assignee = escalation.assignee ? (view.names.get(escalation.assignee) ?? escalation.assignee) : null;
  return html`<section aria-labelledby="summary-title" class="card">
<h2 id="summary-title">${t("conversation.summary")}</h2>
<dl class="facts">
<dt>${t("queue.col.risk")}</dt><dd>${riskBadge(t, escalation.riskLevel)} ${escalation.riskCategories.map((c) => categoryLabel(t, c)).join(", ")}</dd>
<dt>${t("queue.col.reasons")}</dt><dd>${reasonList(t, escalation.reasons)}</dd>
<dt>${t("queue.col.status")}</dt><dd>${t(`status.${escalation.status}`)}${assignee ? html` · ${assignee}` : ""}</dd>
<dt>${t("queue.col.waiting")}</dt><dd>${relativeTime(t, escalation.createdAt, view.now)}</dd>
${escalation.language ? html`<dt>${t("conversation.language")}</dt><dd>${escalation.channel ?? ""} · ${escalation.language}</dd>` : ""}
</dl>
${flags.length > 0
  ? html`<h3>${t("conversation.flags")}</h3><ul class="flags">${flags.map(
      (f) => html`<li>${riskBadge(t, f.level)} ${categoryLabel(t, f.category)} <span class="muted" title="${f.rule}">${humanize(f.rule.split(/[.:]/).pop() ?? f.rule)}</span>${f.disputed ? html` <span class="tag">${t("conversation.disputed")}</span>` : ""}</li>`,
    )}</ul>`
  : ""}
<h3>${t("conversation.answers")}</h3>
${fieldGroups(t, view.handoff.answers, 4)}
</section>`;
}

function controls(t: Translate, session: ConsoleSession, view: ConversationView): Html {
  const { escalation } = view.handoff;
  const id = escalation.id;
  const post = (name: string, label: string) => html`<form method="post" action="/console/escalations/${id}/${name}" class="inline">${csrfField(session)}<button type="submit">${label}</button></form>`;
  if (escalation.status === "pending" || escalation.status === "released") return html`<p>${post("claim", t("queue.claim"))}</p>`;
  const holds = escalation.status === "claimed" && (escalation.assignee === session.actor.userId || session.actor.role !== "caseworker");
  if (!holds) return html`<p class="muted">${t("conversation.notYours")}</p>`;
  return html`<section aria-labelledby="reply-title" class="card">
<h2 id="reply-title">${t("conversation.reply")}</h2>
<form method="post" action="/console/escalations/${id}/reply" id="reply-form" class="stack" data-sending="${t("conversation.sending")}" data-sent="${t("conversation.sent")}" data-failed="${t("conversation.failed")}">
${csrfField(session)}
<label for="reply-text">${t("conversation.replyLabel")}</label>
<textarea id="reply-text" name="text" rows="3" maxlength="2000" required dir="auto" aria-describedby="reply-hint"></textarea>
<span class="hint" id="reply-hint">${t("conversation.replyHint")}</span>
<div class="row"><button type="submit">${t("conversation.send")}</button></div>
${quickReplyButtons(t, view.quick)}
<p class="hint" id="reply-status" role="status"></p>
</form>
</section>
<section aria-labelledby="close-title" class="card">
<h2 id="close-title">${t("conversation.finish")}</h2>
<div class="row">${post("hand-back", t("conversation.handBack"))}${post("release", t("queue.release"))}</div>
<form method="post" action="/console/escalations/${id}/resolve" class="row">${csrfField(session)}
<label for="outcome">${t("queue.outcome")}</label>
<select id="outcome" name="outcome">${OUTCOMES.map((o) => html`<option value="${o}">${t(`outcome.${o}`)}</option>`)}</select>
<button type="submit">${t("queue.resolve")}</button></form>
${transferForm(t, session, view.colleagues, { escalationId: id, assignee: escalation.assignee, fieldId: "transfer-to", layout: "row" })}
</section>`;
}

export function conversationPage(ctx: PageContext, view: ConversationView): Html {
  const { t, session } = ctx;
  if (!session) return html``;
  const { escalation, transcript } = view.handoff;
  const live = escalation.status === "claimed" && (escalation.assignee === session.actor.userId || session.actor.role !== "caseworker");
  const body = html`<p><a href="/console">${t("conversation.back")}</a></p>
<div class="columns">
<section aria-labelledby="transcript-title" class="card transcript-card">
<h2 id="transcript-title">${t("conversation.transcript")}</h2>
${translationControl(t, escalation.id, view.translation)}
<ol id="transcript" class="transcript"${live ? html` data-stream="/api/v1/escalations/${escalation.id}/events"` : ""} data-new="${t("conversation.newLines")}" data-person="${t("conversation.from.person")}" data-bot="${t("conversation.from.bot")}" data-caseworker="${t("conversation.from.caseworker")}">
${transcript.length === 0 ? html`<li class="muted empty">${t("conversation.noLines")}</li>` : transcript.map((entry) => line(t, view.names, entry, view.translation))}
</ol>
</section>
<div class="side">${controls(t, session, view)}${summary(t, view)}</div>
</div>`;
  return page(ctx, { title: t("conversation.title"), body, scripts: ["times.js", "conversation.js"], section: "queue", wide: true });
}
