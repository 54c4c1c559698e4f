/**
 * The person's own account: change the password, and turn the authenticator-app second factor on
 * (the secret and the otpauth:// URI are shown as text to type or paste: no QR library on the page)
 * or off (with the password, so a stolen session alone cannot remove it).
 */
import { html, type Html } from "../html.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { csrfField } from "./parts.js";

export interface AccountView {
  /** An enrolment just started: what to put into the authenticator app. */
  readonly enrolment?: { readonly secret: string; readonly uri: string };
}

export function accountPage(ctx: PageContext, view: AccountView): Html {
  const { t, session } = ctx;
  if (!session) return html``;
  const password = html`<section class="card" aria-labelledby="pw-title"><h2 id="pw-title">${t("account.password")}</h2>
<form method="post" action="/console/account/password" class="stack">${csrfField(session)}
<input type="text" name="username" value="${session.username}" autocomplete="username" hidden>
<p><label for="current">${t("account.current")}</label><input id="current" name="current" type="password" autocomplete="current-password" required maxlength="256"></p>
<p><label for="next">${t("account.next")}</label><input id="next" name="next" type="password" autocomplete="new-password" required minlength="12" maxlength="256" aria-describedby="next-hint"><span class="hint" id="next-hint">${t("users.passwordHint")}</span></p>
<p><button type="submit">${t("account.change")}</button></p>
<p class="hint">${t("account.signInAgain")}</p>
</form></section>`;
  const totp = session.totpEnabled
    ? html`<p>${t("account.totpOn")}</p>
<form method="post" action="/console/account/totp/disable" class="stack">${csrfField(session)}
<p><label for="totp-password">${t("login.password")}</label><input id="totp-password" name="password" type="password" autocomplete="current-password" required maxlength="256"></p>
<p><button type="submit">${t("account.totpDisable")}</button></p></form>`
    : view.enrolment
      ? html`<ol class="steps"><li>${t("account.totpStep1")}<dl class="facts"><dt>${t("account.totpSecret")}</dt><dd><code class="secret" dir="ltr">${view.enrolment.secret}</code></dd><dt>${t("account.totpUri")}</dt><dd><code class="secret" dir="ltr">${view.enrolment.uri}</code></dd></dl></li>
<li>${t("account.totpStep2")}
<form method="post" action="/console/account/totp/confirm" class="row">${csrfField(session)}
<label for="code">${t("login.totp")}</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>
<button type="submit">${t("account.totpConfirm")}</button></form></li></ol>`
      : html`<p>${t("account.totpOff")}</p>
<form method="post" action="/console/account/totp/begin">${csrfField(session)}<button type="submit">${t("account.totpBegin")}</button></form>`;
  const body = html`<dl class="facts"><dt>${t("login.username")}</dt><dd><code>${session.username}</code></dd><dt>${t("users.role")}</dt><dd>${t(`role.${session.actor.role}`)}</dd></dl>
${password}
<section class="card" aria-labelledby="totp-title"><h2 id="totp-title">${t("account.totp")}</h2>${totp}</section>`;
  return page(ctx, { title: t("account.title"), body, section: "account" });
}
