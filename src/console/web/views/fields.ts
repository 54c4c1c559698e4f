/**
 * Record fields as people read them: grouped as a caseworker thinks about a child (who wrote, the
 * child, where they are now, the separation, family, needs, consent, tracing), labelled from the
 * catalog by Primero field name (`field.name_first`), with unknown and custom (`x_`) fields under
 * "Other" with a label made from the name. Values keep their own script direction (dir="auto").
 */
import { html, type Html } from "../html.js";
import type { Translate } from "../i18n/consoleI18n.js";
import { humanize } from "./parts.js";

export const FIELD_GROUPS: readonly { readonly key: string; readonly fields: readonly string[] }[] = [
  { key: "reporter", fields: ["reporter_type", "reporter_relationship", "reporter_name", "reporter_phone", "language"] },
  { key: "child", fields: ["name_first", "name_last", "name_nickname", "name_other", "sex", "age", "age_estimated", "date_of_birth", "date_of_birth_estimated", "nationality", "distinguishing_features", "photo"] },
  { key: "now", fields: ["location_current", "protection_status", "caregiver_name", "caregiver_relationship", "has_safe_shelter", "feels_safe_now", "contact_channel", "contact_phone"] },
  { key: "separation", fields: ["date_of_separation", "date_of_separation_estimated", "separation_cause", "location_separation", "location_last", "family_phone"] },
  { key: "family", fields: ["mother_name", "father_name", "siblings_names", "accompanying_siblings"] },
  { key: "needs", fields: ["protection_concerns", "urgent_needs", "additional_info", "risk_level"] },
  { key: "consent", fields: ["consent_for_services", "consent_for_tracing", "disclosure_other_orgs", "consent_for_reporting", "consent_for_photo", "consent_source"] },
  { key: "tracing", fields: ["inquirer_name", "inquirer_relationship", "inquirer_phone", "inquirer_location", "tracing_request_for", "relation", "sought_children", "sought_relatives"] },
];

export function fieldLabel(t: Translate, name: string): string {
  return t.has(`field.${name}`) ? t(`field.${name}`) : humanize(name);
}

export function fieldValue(t: Translate, value: unknown): Html {
  if (value === null || value === undefined || value === "") return html`<span class="muted">—</span>`;
  if (typeof value === "boolean") return html`${value ? t("common.yes") : t("common.no")}`;
  if (typeof value === "string" || typeof value === "number") return html`<span dir="auto">${String(value)}</span>`;
  if (value instanceof Date) return html`<span>${value.toISOString().slice(0, 10)}</span>`;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null)) return html`<span dir="auto">${value.map((v) => String(v)).join(", ")}</span>`;
    return html`<ol class="items">${value.map((v) => html`<li>${fieldValue(t, v)}</li>`)}</ol>`;
  }
  if (typeof value === "object") {
    return html`<dl class="nested">${Object.entries(value).map(([k, v]) => html`<dt>${fieldLabel(t, k)}</dt><dd>${fieldValue(t, v)}</dd>`)}</dl>`;
  }
  return html`<span class="muted">?</span>`;
}

/** The groups that have at least one value, in order, then whatever is left under "Other". */
export function groupFields(fields: Readonly<Record<string, unknown>>): { key: string; entries: [string, unknown][] }[] {
  const present = (name: string) => Object.hasOwn(fields, name) && !name.startsWith("_");
  const placed = new Set<string>();
  const groups = FIELD_GROUPS.map((group) => {
    const entries = group.fields.filter(present).map((name): [string, unknown] => [name, fields[name]]);
    for (const [name] of entries) placed.add(name);
    return { key: group.key, entries };
  });
  const rest = Object.keys(fields).filter((name) => present(name) && !placed.has(name)).sort().map((name): [string, unknown] => [name, fields[name]]);
  return [...groups, { key: "other", entries: rest }].filter((group) => group.entries.length > 0);
}

export function fieldGroups(t: Translate, fields: Readonly<Record<string, unknown>>, level = 2): Html {
  const groups = groupFields(fields);
  if (groups.length === 0) return html`<p class="muted">${t("common.noAnswers")}</p>`;
  const heading = (text: string) => (level === 2 ? html`<h2>${text}</h2>` : html`<h3>${text}</h3>`);
  return html`${groups.map(
    (group) => html`<section class="fields">${heading(t(`group.${group.key}`))}<dl>${group.entries.map(
      ([name, value]) => html`<dt title="${name}">${fieldLabel(t, name)}</dt><dd>${fieldValue(t, value)}</dd>`,
    )}</dl></section>`,
  )}`;
}
