/**
 * One case or tracing request: its fields by group, the sought children, consents, status history
 * and audit trail; an edit form for the plain fields (the version it was read at travels in a hidden
 * field, so an edit made meanwhile by someone else is refused, not overwritten); and a status
 * control offering only the moves allowed from where the record stands.
 */
import { isEditableField } from "../../../app/records/recordFieldInput.js";
import type { RecordDetail } from "../../../app/records/recordService.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { fieldGroups, fieldLabel } from "./fields.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { csrfField, dateTime, riskBadge } from "./parts.js";
import type { ConsoleSession } from "../../auth/consoleAuth.js";

export interface RecordView {
  readonly record: RecordDetail;
  readonly base: string;
  /** Display names for user ids in the history and audit trail. */
  readonly names: ReadonlyMap<string, string>;
}

export type FieldType = "text" | "number" | "boolean";

export function fieldType(value: unknown): FieldType | undefined {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return undefined;
}

function editInput(t: Translate, name: string, value: unknown): Html {
  const type = fieldType(value);
  const id = `f-${name}`;
  const label = html`<label for="${id}">${fieldLabel(t, name)}</label>`;
  const meta = html`<input type="hidden" name="t.${name}" value="${type ?? "text"}"><input type="hidden" name="o.${name}" value="${String(value)}">`;
  if (type === "boolean") {
    return html`<p>${label}<select id="${id}" name="f.${name}"><option value="true"${value === true ? html` selected` : ""}>${t("common.yes")}</option><option value="false"${value === false ? html` selected` : ""}>${t("common.no")}</option><option value="">${t("records.clear")}</option></select>${meta}</p>`;
  }
  const input = type === "number" ? html`<input id="${id}" name="f.${name}" type="number" step="any" value="${String(value)}">` : html`<input id="${id}" name="f.${name}" maxlength="2000" dir="auto" value="${String(value)}">`;
  return html`<p>${label}${input}${meta}</p>`;
}

function editForm(ctx: PageContext, session: ConsoleSession, view: RecordView): Html {
  const { t } = ctx;
  const { record } = view;
  const editable = Object.entries(record.fields).filter(([name, value]) => isEditableField(name) && fieldType(value) !== undefined);
  if (editable.length === 0) return html``;
  return html`<section class="card" aria-labelledby="edit-title"><h2 id="edit-title">${t("records.edit")}</h2>
<form method="post" action="${view.base}/${record.id}" class="stack">${csrfField(session)}
<input type="hidden" name="version" value="${record.version}">
${editable.map(([name, value]) => editInput(t, name, value))}
<p class="hint">${t("records.editHint")}</p>
<p><button type="submit">${t("records.save")}</button></p>
</form></section>`;
}

function statusForm(ctx: PageContext, session: ConsoleSession, view: RecordView): Html {
  const { t } = ctx;
  const { record } = view;
  if (record.nextStatuses.length === 0) return html``;
  return html`<form method="post" action="${view.base}/${record.id}/status" class="row">${csrfField(session)}
<label for="to">${t("records.moveTo")}</label>
<select id="to" name="to">${record.nextStatuses.map((s) => html`<option value="${s}">${t(`recordStatus.${s}`)}</option>`)}</select>
<button type="submit">${t("records.changeStatus")}</button></form>`;
}

export function recordPage(ctx: PageContext, view: RecordView): Html {
  const { t, session } = ctx;
  if (!session) return html``;
  const { record } = view;
  const who = (id: string) => view.names.get(id) ?? (id === "system" ? t("records.system") : id);
  const isCase = record.kind === "case";
  const body = html`<p><a href="${view.base}">${t(isCase ? "records.backCases" : "records.backTracing")}</a></p>
<dl class="facts card">
<dt>${t("records.ref")}</dt><dd><code>${record.shortRef}</code></dd>
<dt>${t("records.status")}</dt><dd>${t(`recordStatus.${record.status}`)}</dd>
${isCase ? html`<dt>${t("records.risk")}</dt><dd>${riskBadge(t, record.riskLevel)}</dd>` : ""}
<dt>${t("records.created")}</dt><dd>${dateTime(t, record.createdAt)}</dd>
<dt>${t("records.updated")}</dt><dd>${dateTime(t, record.updatedAt)}</dd>
</dl>
${statusForm(ctx, session, view)}
<div class="columns">
<div>
${fieldGroups(t, record.fields)}
${record.soughtChildren.length > 0
  ? html`<section class="fields"><h2>${t("records.soughtChildren")}</h2>${record.soughtChildren.map((child, index) => html`<h3>${t("records.soughtChild", { n: index + 1 })}</h3>${fieldGroups(t, child, 4)}`)}</section>`
  : ""}
</div>
<div class="side">${editForm(ctx, session, view)}</div>
</div>
<section aria-labelledby="consents-title"><h2 id="consents-title">${t("records.consents")}</h2>
${record.consents.length === 0 ? html`<p class="muted">${t("records.noConsents")}</p>` : html`<table><thead><tr><th scope="col">${t("records.purpose")}</th><th scope="col">${t("records.given")}</th><th scope="col">${t("records.source")}</th><th scope="col">${t("records.when")}</th></tr></thead>
<tbody>${record.consents.map((c) => html`<tr><td>${t(`consent.${c.purpose}`)}</td><td>${c.given && !c.withdrawnAt ? t("common.yes") : t("common.no")}${c.withdrawnAt ? html` (${t("records.withdrawn")} ${dateTime(t, c.withdrawnAt)})` : ""}</td><td>${t(`consentSource.${c.source}`)}</td><td>${dateTime(t, c.recordedAt)}</td></tr>`)}</tbody></table>`}
</section>
<section aria-labelledby="history-title"><h2 id="history-title">${t("records.history")}</h2>
<table><thead><tr><th scope="col">${t("records.when")}</th><th scope="col">${t("records.from")}</th><th scope="col">${t("records.to")}</th><th scope="col">${t("records.by")}</th></tr></thead>
<tbody>${record.history.map((h) => html`<tr><td>${dateTime(t, h.at)}</td><td>${h.from ? t(`recordStatus.${h.from}`) : "—"}</td><td>${t(`recordStatus.${h.to}`)}</td><td>${who(h.by)}</td></tr>`)}</tbody></table>
</section>
<section aria-labelledby="audit-title"><h2 id="audit-title">${t("records.audit")}</h2>
<table><thead><tr><th scope="col">${t("records.when")}</th><th scope="col">${t("audit.actor")}</th><th scope="col">${t("audit.action")}</th><th scope="col">${t("audit.details")}</th></tr></thead>
<tbody>${record.audit.map((a) => html`<tr><td>${dateTime(t, a.at)}</td><td>${who(a.actor)}</td><td><code>${a.action}</code></td><td>${Object.entries(a.details).map(([k, v]) => `${k}=${String(v)}`).join(" ")}</td></tr>`)}</tbody></table>
</section>`;
  return page(ctx, { title: t(isCase ? "records.caseTitle" : "records.tracingRecordTitle", { ref: record.shortRef }), body, section: isCase ? "cases" : "tracing", wide: true });
}
