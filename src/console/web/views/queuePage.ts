/**
 * The queue: escalations by priority, then waiting time (the use case sorts), each with its risk
 * level, categories, reasons (as labels, codes in a title), how long it has waited, the service-level
 * countdown, status and assignee, and the actions the person may take; 50 to a page, with how many
 * wait in all. Every action is a plain form; the script only refreshes the live part (counts, rows,
 * paging) when the server says the queue changed. `queueLive` is also served alone, for that refresh,
 * for the page the person is on.
 */
import type { Colleague } from "../../../app/queue/colleagues.js";
import type { QueueCount, QueueItem } from "../../../app/queue/queueService.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { categoryLabel, csrfField, pager, reasonList, riskBadge } from "./parts.js";
import { relativeTime } from "./relativeTime.js";
import { OUTCOMES } from "./conversationPage.js";
import type { ConsoleSession } from "../../auth/consoleAuth.js";
import { transferForm } from "./transferForm.js";

export interface QueueRow {
  readonly item: QueueItem;
  /** The assignee's display name, when someone holds it. */
  readonly assigneeName: string | null;
}

export interface QueueView {
  readonly rows: readonly QueueRow[];
  readonly now: Date;
  /** Whether the person's role may act on escalations (admins only see the queue). */
  readonly canAct: boolean;
  /** Who conversations can be transferred to (empty when the person cannot act). */
  readonly colleagues: readonly Colleague[];
  /** Where this page starts, its size, and the queue's size. */
  readonly page: { readonly skip: number; readonly limit: number };
  readonly count: QueueCount;
}

export const QUEUE_PATH = "/console";
export const QUEUE_LIVE_PATH = "/console/queue/rows";

/** The URL of a page of the queue (or of its live part): `?skip=` only past the first page. */
export function queueUrl(path: string, skip: number): string {
  return skip > 0 ? `${path}?skip=${skip}` : path;
}

function actions(t: Translate, session: ConsoleSession, row: QueueRow, view: QueueView): Html {
  if (!view.canAct) return html``;
  const { item } = row;
  const action = (name: string, label: string, extra: Html | string = "") =>
    html`<form method="post" action="/console/escalations/${item.id}/${name}" class="inline">${csrfField(session)}${extra}<button type="submit" data-focus="${item.id}:${name}">${label}</button></form>`;
  if (item.status === "pending" || item.status === "released") return action("claim", t("queue.claim"));
  const mine = item.assignee === session.actor.userId;
  if (!mine && session.actor.role === "caseworker") return html`<span class="muted">${t("queue.takenBy", { name: row.assigneeName ?? "?" })}</span>`;
  return html`<a href="/console/escalations/${item.id}" class="button">${t("queue.open")}</a>
${action("release", t("queue.release"))}
<details class="more"><summary>${t("queue.more")}</summary>
${transferForm(t, session, view.colleagues, { escalationId: item.id, assignee: item.assignee, fieldId: `to-${item.id}`, layout: "stack" })}
<form method="post" action="/console/escalations/${item.id}/resolve" class="stack">${csrfField(session)}
<label for="outcome-${item.id}">${t("queue.outcome")}</label>
<select id="outcome-${item.id}" name="outcome">${OUTCOMES.map((o) => html`<option value="${o}">${t(`outcome.${o}`)}</option>`)}</select>
<button type="submit">${t("queue.resolve")}</button></form>
</details>`;
}

function queueRows(ctx: PageContext, view: QueueView): Html {
  const { t, session } = ctx;
  if (!session) return html``;
  // Past the end of a queue that shrank meanwhile: the pager still leads back.
  if (view.rows.length === 0) return html`<tr><td colspan="7" class="empty">${t(view.count.listed === 0 ? "queue.empty" : "queue.pageEmpty")}</td></tr>`;
  return html`${view.rows.map((row) => {
    const { item } = row;
    const mine = item.assignee === session.actor.userId;
    return html`<tr class="level-${item.riskLevel}${mine ? " mine" : ""}" data-id="${item.id}">
<td>${riskBadge(t, item.riskLevel)}<ul class="cats">${item.riskCategories.map((c) => html`<li>${categoryLabel(t, c)}</li>`)}</ul></td>
<td>${reasonList(t, item.reasons)}</td>
<td>${relativeTime(t, item.createdAt, view.now)}</td>
<td>${item.status === "claimed" ? html`<span class="muted">${t("queue.taken")}</span>` : relativeTime(t, item.slaDueAt, view.now, { sla: true })}</td>
<td>${t(`status.${item.status}`)}${item.language ? html` <span class="muted">· ${item.channel ?? ""} ${item.language}</span>` : ""}</td>
<td>${mine ? t("queue.you") : (row.assigneeName ?? html`<span class="muted">—</span>`)}</td>
<td class="actions">${actions(t, session, row, view)}</td>
</tr>`;
  })}`;
}

/** The part of the page the live refresh replaces: the counts, the table, the paging links. */
export function queueLive(ctx: PageContext, view: QueueView): Html {
  const { t } = ctx;
  const { skip, limit } = view.page;
  const shown = view.rows.length > 0 ? t("queue.showing", { from: skip + 1, to: skip + view.rows.length, total: view.count.listed }) : "";
  return html`<p id="queue-count" data-listed="${view.count.listed}">${t("queue.count", { waiting: view.count.waiting, listed: view.count.listed })}${view.count.listed > limit && shown ? html` <span class="muted">${shown}</span>` : ""}</p>
<table class="queue" id="queue">
<caption class="visually-hidden">${t("queue.caption")}</caption>
<thead><tr>
<th scope="col">${t("queue.col.risk")}</th><th scope="col">${t("queue.col.reasons")}</th><th scope="col">${t("queue.col.waiting")}</th>
<th scope="col">${t("queue.col.sla")}</th><th scope="col">${t("queue.col.status")}</th><th scope="col">${t("queue.col.assignee")}</th><th scope="col">${t("queue.col.actions")}</th>
</tr></thead>
<tbody>${queueRows(ctx, view)}</tbody>
</table>
${pager(t, QUEUE_PATH, {}, { skip, limit, count: view.count.listed - skip })}`;
}

export function queuePage(ctx: PageContext, view: QueueView): Html {
  const { t } = ctx;
  const body = html`<p class="lead">${t("queue.intro")}</p>
<div id="queue-live" data-live="${queueUrl(QUEUE_LIVE_PATH, view.page.skip)}" data-updated="${t("queue.updated")}">
${queueLive(ctx, view)}
</div>
<p class="hint" id="live-status" data-offline="${t("queue.offline")}"></p>`;
  return page(ctx, { title: t("queue.title"), body, scripts: ["times.js", "queue.js"], section: "queue", wide: true });
}
