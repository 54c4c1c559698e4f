/**
 * The admin pages: users (create, change role, disable or enable, reset password, end sessions),
 * the organisation with its staff by role, the deployment settings (read-only: they live in
 * deployment.yaml and are checked by `kinlink dialogs check`), and the audit log with filters.
 * A sub-menu links the four; each is its own URL so that each works without script.
 */
import type { AuditViewEntry } from "../../../app/admin/auditViewer.js";
import type { DeploymentSettings, OrganisationSummary } from "../../../app/admin/settingsView.js";
import type { ConsoleSession } from "../../auth/consoleAuth.js";
import { ROLES } from "../../auth/roles.js";
import type { UserSummary } from "../../../app/admin/userAdmin.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { csrfField, dateTime } from "./parts.js";

const TABS = [
  { key: "users", href: "/console/admin" },
  { key: "organisations", href: "/console/admin/organisations" },
  { key: "settings", href: "/console/admin/settings" },
  { key: "audit", href: "/console/admin/audit" },
] as const;
type Tab = (typeof TABS)[number]["key"];

function adminPage(ctx: PageContext, tab: Tab, body: Html): Html {
  const { t } = ctx;
  const tabs = html`<nav class="tabs" aria-label="${t("admin.sections")}"><ul>${TABS.map(
    (item) => html`<li><a href="${item.href}"${item.key === tab ? html` aria-current="page"` : ""}>${t(`admin.tab.${item.key}`)}</a></li>`,
  )}</ul></nav>`;
  return page(ctx, { title: t(`admin.tab.${tab}`), body: html`${tabs}${body}`, section: "admin", wide: true });
}

function roleSelect(t: Translate, id: string, selected?: string): Html {
  return html`<select id="${id}" name="role">${ROLES.map((role) => html`<option value="${role}"${role === selected ? html` selected` : ""}>${t(`role.${role}`)}</option>`)}</select>`;
}

function userRow(t: Translate, session: ConsoleSession, user: UserSummary): Html {
  const self = user.id === session.actor.userId;
  const post = (action: string, content: Html) => html`<form method="post" action="/console/admin/users/${user.id}/${action}" class="inline">${csrfField(session)}${content}</form>`;
  return html`<tr${user.disabled ? html` class="disabled"` : ""}>
<th scope="row"><code>${user.username}</code></th><td dir="auto">${user.displayName}</td><td>${t(`role.${user.role}`)}</td>
<td>${user.disabled ? t("users.disabled") : t("users.active")}</td>
<td class="actions">${self
    ? html`<span class="muted">${t("users.you")}</span>`
    : html`<details class="more"><summary>${t("users.manage", { name: user.username })}</summary>
${post("role", html`<label for="role-${user.id}">${t("users.role")}</label>${roleSelect(t, `role-${user.id}`, user.role)}<button type="submit">${t("users.changeRole")}</button>`)}
${post(user.disabled ? "enable" : "disable", html`<button type="submit">${user.disabled ? t("users.enable") : t("users.disable")}</button>`)}
${post("password", html`<label for="pw-${user.id}">${t("users.newPassword")}</label><input id="pw-${user.id}" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required><button type="submit">${t("users.resetPassword")}</button>`)}
${post("sessions", html`<button type="submit">${t("users.revokeSessions")}</button>`)}
</details>`}</td></tr>`;
}

export function usersPage(ctx: PageContext, users: readonly UserSummary[] | null): Html {
  const { t, session } = ctx;
  if (!session) return html``;
  if (!users) return adminPage(ctx, "users", html`<p>${t("admin.unavailable")}</p>`);
  const create = html`<section class="card" aria-labelledby="create-title"><h2 id="create-title">${t("users.create")}</h2>
<form method="post" action="/console/admin/users" class="grid">${csrfField(session)}
<p><label for="new-username">${t("login.username")}</label><input id="new-username" name="username" required maxlength="64" pattern="[a-z0-9._-]{2,64}" autocomplete="off" aria-describedby="username-hint"><span class="hint" id="username-hint">${t("users.usernameHint")}</span></p>
<p><label for="new-name">${t("users.displayName")}</label><input id="new-name" name="displayName" required maxlength="100" dir="auto"></p>
<p><label for="new-role">${t("users.role")}</label>${roleSelect(t, "new-role", "caseworker")}</p>
<p><label for="new-password">${t("login.password")}</label><input id="new-password" name="password" type="password" required minlength="12" maxlength="256" autocomplete="new-password" aria-describedby="pw-hint"><span class="hint" id="pw-hint">${t("users.passwordHint")}</span></p>
<p><button type="submit">${t("users.createButton")}</button></p>
</form></section>`;
  const table = html`<table class="users"><caption class="visually-hidden">${t("admin.tab.users")}</caption>
<thead><tr><th scope="col">${t("login.username")}</th><th scope="col">${t("users.displayName")}</th><th scope="col">${t("users.role")}</th><th scope="col">${t("users.state")}</th><th scope="col">${t("queue.col.actions")}</th></tr></thead>
<tbody>${users.map((user) => userRow(t, session, user))}</tbody></table>`;
  return adminPage(ctx, "users", html`${table}${create}`);
}

export function organisationsPage(ctx: PageContext, organisations: readonly OrganisationSummary[] | null): Html {
  const { t } = ctx;
  if (!organisations) return adminPage(ctx, "organisations", html`<p>${t("admin.unavailable")}</p>`);
  return adminPage(
    ctx,
    "organisations",
    html`<table><thead><tr><th scope="col">${t("org.id")}</th><th scope="col">${t("org.name")}</th>${ROLES.map((role) => html`<th scope="col">${t(`role.${role}`)}</th>`)}<th scope="col">${t("org.queued")}</th></tr></thead>
<tbody>${organisations.map((org) => html`<tr><th scope="row"><code>${org.id}</code></th><td>${org.name ?? "—"}</td>${ROLES.map((role) => html`<td>${org.users[role] ?? 0}</td>`)}<td>${org.queued}</td></tr>`)}</tbody></table>`,
  );
}

export function settingsPage(ctx: PageContext, settings: DeploymentSettings | null): Html {
  const { t } = ctx;
  if (!settings) return adminPage(ctx, "settings", html`<p>${t("admin.unavailable")}</p>`);
  return adminPage(
    ctx,
    "settings",
    html`<p class="note">${t("settings.note")}</p>
${settings.demo ? html`<p class="flash error">${t("settings.demo")}</p>` : ""}
<dl class="facts card">
<dt>${t("org.name")}</dt><dd>${settings.organisation} (<code>${settings.organisationId}</code>)</dd>
<dt>${t("settings.languages")}</dt><dd>${settings.languages.join(", ")} · ${t("settings.default")} ${settings.defaultLanguage}</dd>
<dt>${t("settings.emergency")}</dt><dd dir="ltr">${settings.helpContacts.emergency}</dd>
<dt>${t("settings.helpline")}</dt><dd dir="ltr">${settings.helpContacts.helpline}</dd>
<dt>${t("settings.slaHigh")}</dt><dd>${t("settings.minutes", { n: settings.sla.highMinutes })}</dd>
<dt>${t("settings.slaOther")}</dt><dd>${t("settings.minutes", { n: settings.sla.otherMinutes })}</dd>
<dt>${t("settings.capacity")}</dt><dd>${settings.capacity}</dd>
</dl>`,
  );
}

export interface AuditView {
  readonly entries: readonly AuditViewEntry[] | null;
  readonly query: { readonly actor?: string | undefined; readonly action?: string | undefined; readonly targetType?: string | undefined; readonly targetId?: string | undefined };
  /** The `before` cursor of the next (older) page, when there is one. */
  readonly older?: string | undefined;
  readonly paged: boolean;
}

export function auditPage(ctx: PageContext, view: AuditView): Html {
  const { t } = ctx;
  if (!view.entries) return adminPage(ctx, "audit", html`<p>${t("admin.unavailable")}</p>`);
  const q = view.query;
  const input = (name: keyof AuditView["query"], label: string) => html`<p><label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" maxlength="100" value="${q[name] ?? ""}" autocomplete="off"></p>`;
  const filters = html`<form method="get" action="/console/admin/audit" class="filters" role="search">
${input("actor", t("audit.actorFilter"))}${input("action", t("audit.action"))}${input("targetType", t("audit.targetType"))}${input("targetId", t("audit.targetId"))}
<p><button type="submit">${t("records.filter")}</button></p></form>`;
  const params = (extra: Record<string, string>) => new URLSearchParams(Object.entries({ ...q, ...extra }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
  const paging = html`<nav class="pager" aria-label="${t("paging.label")}">${view.paged ? html`<a href="/console/admin/audit?${params({})}">${t("paging.newest")}</a>` : ""}${view.older ? html`<a href="/console/admin/audit?${params({ before: view.older })}" rel="next">${t("paging.older")}</a>` : ""}</nav>`;
  const table = view.entries.length === 0
    ? html`<p class="empty">${t("audit.none")}</p>`
    : html`<table class="audit"><caption class="visually-hidden">${t("admin.tab.audit")}</caption>
<thead><tr><th scope="col">${t("records.when")}</th><th scope="col">${t("audit.actor")}</th><th scope="col">${t("audit.action")}</th><th scope="col">${t("audit.target")}</th><th scope="col">${t("audit.details")}</th></tr></thead>
<tbody>${view.entries.map(
        (e) => html`<tr><td>${dateTime(t, e.at)}</td><td>${e.username ?? e.actor}</td><td><code>${e.action}</code></td><td><code>${e.targetType}</code> <code class="id">${e.targetId}</code></td><td>${Object.entries(e.details).map(([k, v]) => `${k}=${String(v)}`).join(" ")}</td></tr>`,
      )}</tbody></table>`;
  return adminPage(ctx, "audit", html`${filters}${table}${paging}`);
}
