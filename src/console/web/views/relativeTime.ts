/**
 * "in 42 minutes", "il y a 5 minutes", "منذ ٥ دقائق": times relative to now in the reader's language
 * through Intl (no words of ours to translate). The page script recomputes the same text every
 * few seconds from the `data-at` attribute, so countdowns move without a reload.
 */
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";

export function relativeText(lang: string, at: Date, now: Date): string {
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  return Math.abs(minutes) < 120 ? format.format(minutes, "minute") : format.format(Math.round(minutes / 60), "hour");
}

/** A <time> that the script keeps current; `overdue` marks a service level already missed. */
export function relativeTime(t: Translate, at: string, now: Date, options: { sla?: boolean } = {}): Html {
  const date = new Date(at);
  const overdue = options.sla === true && date.getTime() <= now.getTime();
  return html`<time datetime="${date.toISOString()}" data-at="${date.toISOString()}"${options.sla ? html` data-sla` : ""} class="${overdue ? "overdue" : ""}">${relativeText(t.lang, date, now)}</time>`;
}
