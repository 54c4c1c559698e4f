/**
 * The sign-in page: username, password, and the authenticator code once the account turns out to
 * need it. Errors are generic (a wrong username and a wrong password read the same). In demo mode,
 * and only for someone on this very machine, a clearly marked box lists the demo accounts.
 */
import type { DemoAccount } from "../../auth/demoAccounts.js";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { html, type Html } from "../html.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";

export interface LoginView {
  /** The double-submit value the form echoes (login CSRF, before any session exists). */
  readonly loginToken: string;
  readonly username?: string;
  readonly next?: string;
  readonly askTotp?: boolean;
  readonly error?: { readonly code: "INVALID_CREDENTIALS" | "TOTP_REQUIRED" | "LOCKED" | "INVALID_INPUT" | "EXPIRED_FORM"; readonly minutes?: number };
  readonly demoAccounts: readonly DemoAccount[];
}

function demoBox(ctx: PageContext, accounts: readonly DemoAccount[]): Html {
  const { t } = ctx;
  if (accounts.length === 0) return html``;
  return html`<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title"><span class="tag">${t("login.demo.tag")}</span> ${t("login.demo.title")}</h2>
<p>${t("login.demo.text")}</p>
<table><caption class="visually-hidden">${t("login.demo.title")}</caption>
<thead><tr><th scope="col">${t("login.username")}</th><th scope="col">${t("login.password")}</th><th scope="col">${t("users.role")}</th><th scope="col">${t("users.organisation")}</th></tr></thead>
<tbody>${accounts.map((a) => html`<tr><td><code>${a.username}</code></td><td><code>${a.password}</code></td><td>${t(`role.${a.role}`)}</td><td>${a.organisation}</td></tr>`)}</tbody>
</table></section>`;
}

export function loginPage(ctx: PageContext, view: LoginView): Html {
  const { t } = ctx;
  const error = view.error
    ? html`<p class="flash error" role="alert" id="login-error">${t(`login.error.${view.error.code}`, { minutes: view.error.minutes ?? 15 })}</p>`
    : "";
  const described = view.error ? html` aria-describedby="login-error"` : "";
  const body = html`${error}
<form method="post" action="/console/login" class="login stack"${described}>
<input type="hidden" name="${CSRF_FIELD}" value="${view.loginToken}">
${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : ""}
<p><label for="username">${t("login.username")}</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${view.username ?? ""}" autocapitalize="none" spellcheck="false"${view.askTotp ? "" : html` autofocus`}></p>
<p><label for="password">${t("login.password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"></p>
${view.askTotp
  ? html`<p><label for="totp">${t("login.totp")}</label>
<input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="totp-hint" autofocus>
<span class="hint" id="totp-hint">${t("login.totpHint")}</span></p>`
  : ""}
<p><button type="submit">${t("login.submit")}</button></p>
</form>
${demoBox(ctx, view.demoAccounts)}`;
  return page(ctx, { title: t("login.title"), body });
}
