/**
 * The frame of every console page: <html lang dir> (Arabic right to left), a skip link, the header
 * with the menu the person's role may use, the language switch and sign-out, the main landmark with
 * the page title and the flash message, and one polite live region that scripts announce into.
 * No inline script or style: the CSP forbids both.
 */
import { CONSOLE_LANGUAGES } from "../i18n/consoleI18n.js";
import { html, type Html } from "../html.js";
import type { PageContext } from "./pageContext.js";
import { csrfField } from "./parts.js";

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  /** Script files from assets/ that enhance this page (loaded deferred). */
  readonly scripts?: readonly string[];
  /** The menu entry to mark as current. */
  readonly section?: string;
  /** Wider main area (tables, the conversation). */
  readonly wide?: boolean;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: "English", fr: "Français", ar: "العربية" };

function languageSwitch(ctx: PageContext): Html {
  const back = encodeURIComponent(ctx.path);
  return html`<nav class="langs" aria-label="${ctx.t("layout.language")}"><ul>${CONSOLE_LANGUAGES.map((code) =>
    code === ctx.t.lang
      ? html`<li><span aria-current="true" lang="${code}">${LANGUAGE_NAMES[code]}</span></li>`
      : html`<li><a href="/console/language/${code}?back=${back}" lang="${code}" hreflang="${code}">${LANGUAGE_NAMES[code]}</a></li>`,
  )}</ul></nav>`;
}

function header(ctx: PageContext, section: string | undefined): Html {
  const { t, session } = ctx;
  const menu = session
    ? html`<nav class="menu" aria-label="${t("layout.menu")}"><ul>${ctx.nav.map(
        (item) => html`<li><a href="${item.href}"${item.key === section ? html` aria-current="page"` : ""}>${t(`nav.${item.key}`)}</a></li>`,
      )}</ul></nav>`
    : "";
  const who = session
    ? html`<div class="who"><span>${session.displayName} · ${t(`role.${session.actor.role}`)}</span>
<form method="post" action="/console/logout">${csrfField(session)}<button type="submit" class="link">${t("layout.signOut")}</button></form></div>`
    : "";
  return html`<header class="top"><a class="brand" href="/console">kinlink</a>${menu}${who}${languageSwitch(ctx)}</header>`;
}

export function page(ctx: PageContext, options: PageOptions): Html {
  const { t } = ctx;
  // A code the catalog does not know (a new use-case refusal) still reads as a plain failure.
  const flashKey = ctx.flash && (t.has(`flash.${ctx.flash.code}`) ? `flash.${ctx.flash.code}` : ctx.flash.kind === "error" ? "flash.error.generic" : undefined);
  const flash = ctx.flash && flashKey
    ? html`<p class="flash ${ctx.flash.kind}" role="${ctx.flash.kind === "error" ? "alert" : "status"}">${t(flashKey)}</p>`
    : "";
  return html`<!doctype html>
<html lang="${t.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${ctx.session ? html`<meta name="csrf-token" content="${ctx.session.csrfToken}">` : ""}
<title>${options.title} · kinlink</title>
<link rel="stylesheet" href="${ctx.asset("console.css")}">
${(options.scripts ?? []).map((name) => html`<script src="${ctx.asset(name)}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">${t("layout.skip")}</a>
${header(ctx, options.section)}
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : ""}>
<h1>${options.title}</h1>
${flash}
${options.body}
</main>
<div id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
</body>
</html>`;
}
