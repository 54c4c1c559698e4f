/** The pages for a refusal or failure: what happened in plain words, and a way back. Never a detail. */
import { html, type Html } from "../html.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";

export function errorPage(ctx: PageContext, status: 400 | 403 | 404 | 500): Html {
  const { t } = ctx;
  return page(ctx, {
    title: t(`errors.${status}.title`),
    body: html`<p>${t(`errors.${status}.text`)}</p><p><a href="/console">${t("errors.back")}</a></p>`,
  });
}
