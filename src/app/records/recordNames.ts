/**
 * How a record is named in lists, and how a caseworker's search text is compared with names:
 * case-insensitive and accent-insensitive ("Amelie" finds "Amélie"; Arabic diacritics are ignored).
 * Cross-script matching (Arabic ↔ Latin ↔ Cyrillic) belongs to the tracing-match issue.
 */
import type { CaseRecord } from "../../domain/caseRecord.js";
import type { TracingRequest } from "../../domain/tracingRequest.js";

const NAME_FIELDS = ["name_first", "name_last", "name_nickname", "name_other", "inquirer_name"] as const;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** "First Last", else the nickname, else (tracing) the inquirer's name; null when none was given. */
export function recordDisplayName(record: CaseRecord | TracingRequest): string | null {
  const f = record.fields;
  const full = [text(f["name_first"]), text(f["name_last"])].filter((part) => part !== undefined).join(" ");
  return full || text(f["name_nickname"]) || text(f["inquirer_name"]) || null;
}

/** Lower case, compatibility forms folded, combining marks (Latin accents, Arabic harakat) removed. */
export function foldForSearch(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();
}

export function matchesName(record: CaseRecord | TracingRequest, query: string): boolean {
  const needle = foldForSearch(query);
  if (needle === "") return false;
  const names: unknown[] = NAME_FIELDS.map((field) => record.fields[field]);
  if ("soughtChildren" in record) for (const child of record.soughtChildren) names.push(child["name_first"], child["name_last"], child["name_nickname"]);
  return names.some((name) => typeof name === "string" && foldForSearch(name).includes(needle));
}
