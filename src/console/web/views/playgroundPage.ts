/**
 * The dialog playground inside the console, as an iframe of /playground (same origin; the CSP's
 * frame-ancestors 'self' allows it). Staff try dialogs here; a newcomer types a disclosure and
 * watches it arrive in the queue in another tab.
 */
import { html, type Html } from "../html.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";

export function playgroundPage(ctx: PageContext): Html {
  const { t } = ctx;
  const body = html`<p class="lead">${t("playground.intro")}</p>
<p><a href="/playground" target="_blank" rel="noopener">${t("playground.newTab")}</a></p>
<iframe src="/playground" title="${t("playground.frame")}" class="playground"></iframe>`;
  return page(ctx, { title: t("playground.title"), body, section: "playground", wide: true });
}
