/**
 * Cases or tracing requests of the person's organisation: a search box (short reference or part of
 * a name) and filters as a plain GET form, a table with headers, and paging links.
 */
import type { RecordKind, RecordSummary } from "../../../app/records/recordService.js";
import { RISK_LEVELS } from "../../../domain/risk.js";
import { html, type Html } from "../html.js";
import { page } from "./layout.js";
import type { PageContext } from "./pageContext.js";
import { dateTime, pager, riskBadge } from "./parts.js";

export interface RecordListView {
  readonly kind: RecordKind;
  readonly base: string;
  readonly statuses: readonly string[];
  readonly query: { readonly q?: string | undefined; readonly status?: string | undefined; readonly risk?: string | undefined; readonly skip: number; readonly limit: number };
  /** Up to limit + 1 rows: the extra one only says that there is a next page. */
  readonly rows: readonly RecordSummary[];
}

export function recordListPage(ctx: PageContext, view: RecordListView): Html {
  const { t } = ctx;
  const { query } = view;
  const isCase = view.kind === "case";
  const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${value === selected ? html` selected` : ""}>${label}</option>`;
  const filters = html`<form method="get" action="${view.base}" class="filters" role="search">
<p><label for="q">${t("records.search")}</label><input id="q" name="q" type="search" maxlength="100" value="${query.q ?? ""}" dir="auto" aria-describedby="q-hint"><span class="hint" id="q-hint">${t("records.searchHint")}</span></p>
<p><label for="status">${t("records.status")}</label><select id="status" name="status">${option("", t("records.any"), query.status ?? "")}${view.statuses.map((s) => option(s, t(`recordStatus.${s}`), query.status))}</select></p>
${isCase ? html`<p><label for="risk">${t("records.risk")}</label><select id="risk" name="risk">${option("", t("records.any"), query.risk ?? "")}${RISK_LEVELS.map((level) => option(level, t(`risk.level.${level}`), query.risk))}</select></p>` : ""}
<p><button type="submit">${t("records.filter")}</button></p>
</form>`;
  const shown = view.rows.slice(0, query.limit);
  const table = shown.length === 0
    ? html`<p class="empty">${t("records.none")}</p>`
    : html`<table class="records"><caption class="visually-hidden">${t(isCase ? "records.casesCaption" : "records.tracingCaption")}</caption>
<thead><tr><th scope="col">${t("records.ref")}</th><th scope="col">${t(isCase ? "records.child" : "records.inquirer")}</th><th scope="col">${t("records.status")}</th>${isCase ? html`<th scope="col">${t("records.risk")}</th>` : ""}<th scope="col">${t("records.created")}</th><th scope="col">${t("records.updated")}</th></tr></thead>
<tbody>${shown.map(
        (row) => html`<tr><th scope="row"><a href="${view.base}/${row.id}"><code>${row.shortRef}</code></a></th><td dir="auto">${row.displayName ?? html`<span class="muted">${t("records.noName")}</span>`}</td><td>${t(`recordStatus.${row.status}`)}</td>${isCase ? html`<td>${riskBadge(t, row.riskLevel)}</td>` : ""}<td>${dateTime(t, row.createdAt)}</td><td>${dateTime(t, row.updatedAt)}</td></tr>`,
      )}</tbody></table>`;
  const paging = pager(t, view.base, { q: query.q, status: query.status, risk: query.risk }, { skip: query.skip, limit: query.limit, count: view.rows.length });
  return page(ctx, { title: t(isCase ? "records.casesTitle" : "records.tracingTitle"), body: html`${filters}${table}${paging}`, section: isCase ? "cases" : "tracing", wide: true });
}
