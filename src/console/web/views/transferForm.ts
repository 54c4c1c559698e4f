/**
 * Handing a claimed conversation to a colleague: a list of the people the transfer use case accepts
 * (active caseworkers and supervisors of the organisation, never yourself nor whoever holds it now),
 * so nobody has to remember or type a username. The server checks the choice again.
 */
import type { Colleague } from "../../../app/queue/colleagues.js";
import type { ConsoleSession } from "../../auth/consoleAuth.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { csrfField } from "./parts.js";

export interface TransferFormOptions {
  readonly escalationId: string;
  /** Whoever holds the conversation now: not offered. */
  readonly assignee: string | null;
  /** The id of the <select>, unique on the page. */
  readonly fieldId: string;
  readonly layout: "row" | "stack";
}

export function transferForm(t: Translate, session: ConsoleSession, colleagues: readonly Colleague[], options: TransferFormOptions): Html {
  const choices = colleagues.filter((colleague) => colleague.id !== options.assignee);
  if (choices.length === 0) return html`<p class="muted">${t("queue.noColleague")}</p>`;
  return html`<form method="post" action="/console/escalations/${options.escalationId}/transfer" class="${options.layout}">${csrfField(session)}
<label for="${options.fieldId}">${t("queue.transferTo")}</label>
<select id="${options.fieldId}" name="to" required><option value="">${t("queue.chooseColleague")}</option>${choices.map(
    (colleague) => html`<option value="${colleague.id}">${colleague.displayName} (${colleague.username}) · ${t.has(`role.${colleague.role}`) ? t(`role.${colleague.role}`) : colleague.role}</option>`,
  )}</select>
<button type="submit">${t("queue.transfer")}</button></form>`;
}
