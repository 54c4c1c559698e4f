/**
 * Small pieces several pages share: the CSRF hidden field, dates in the reader's language, risk
 * badges, readable labels for escalation reasons, and paging links.
 */
import { CSRF_FIELD, type ConsoleSession } from "../../auth/consoleAuth.js";
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";

export function csrfField(session: ConsoleSession | null): Html {
  return session ? html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrfToken}">` : html``;
}

/** A date as the reader's language writes it, with the machine-readable value in <time>. */
export function dateTime(t: Translate, value: string | Date): Html {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return html``;
  const text = new Intl.DateTimeFormat(t.lang, { dateStyle: "medium", timeStyle: "short" }).format(date);
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}

export function riskBadge(t: Translate, level: string | null): Html {
  if (!level) return html`<span class="muted">—</span>`;
  return html`<span class="risk risk-${level}">${t(`risk.level.${level}`)}</span>`;
}

/**
 * Reasons are codes (`text:en:self_harm.wish_to_die`, `rule:intake.not_safe_now`,
 * `handoff:user_request`, `record:case`): shown as "category · where it came from", with the code in
 * a title for whoever wants the detail. Never the person's words: the codes hold none.
 */
export function reasonLabel(t: Translate, code: string): string {
  const [source = "", ...rest] = code.split(":");
  const detail = rest.join(":");
  switch (source) {
    case "text": {
      const category = detail.split(":").pop()?.split(".")[0] ?? "";
      return `${categoryLabel(t, category)} · ${t("reason.text")}`;
    }
    case "rule":
      return `${t("reason.rule")} · ${humanize(detail.split(".").pop() ?? detail)}`;
    case "handoff":
      return t.has(`reason.handoff_${detail}`) ? t(`reason.handoff_${detail}`) : `${t("reason.handoff")} · ${humanize(detail)}`;
    case "record":
      return t("reason.record");
    default:
      return humanize(code);
  }
}

export function categoryLabel(t: Translate, category: string): string {
  return t.has(`risk.category.${category}`) ? t(`risk.category.${category}`) : humanize(category);
}

export function reasonList(t: Translate, reasons: readonly string[]): Html {
  return html`<ul class="reasons">${reasons.map((code) => html`<li title="${code}">${reasonLabel(t, code)}</li>`)}</ul>`;
}

export function humanize(name: string): string {
  const words = name.replace(/^x_/, "").replace(/[_.-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Previous / next" links that keep the other query parameters. */
export function pager(t: Translate, path: string, query: Readonly<Record<string, string | number | undefined>>, page: { skip: number; limit: number; count: number }): Html {
  const link = (skip: number): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
    if (skip > 0) params.set("skip", String(skip));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  const previous = page.skip > 0 ? html`<a href="${link(Math.max(0, page.skip - page.limit))}" rel="prev">${t("paging.previous")}</a>` : "";
  // One more row than shown was asked for: its presence means there is a next page.
  const next = page.count > page.limit ? html`<a href="${link(page.skip + page.limit)}" rel="next">${t("paging.next")}</a>` : "";
  return previous || next ? html`<nav class="pager" aria-label="${t("paging.label")}">${previous}${next}</nav>` : html``;
}
