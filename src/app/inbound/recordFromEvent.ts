/**
 * Turns a completed dialog into what the stores keep: a case or a tracing request with its fields
 * (Primero names), the provisional risk, and one consent record per purpose the person answered,
 * saying who consented (the child, a caregiver, another adult).
 */
import type { JsonObject, JsonValue } from "../../dialog/engine/session.js";
import type { RecordCompletedEvent } from "../../dialog/events/index.js";
import type { ConsentPurpose, ConsentRecord, ConsentSource } from "../../domain/consent.js";
import type { Conversation } from "../../domain/conversation.js";
import { maxRiskLevel, type RiskCategory } from "../../domain/risk.js";
import type { NewCase } from "../../ports/caseStore.js";
import type { NewTracingRequest } from "../../ports/tracingRequestStore.js";

/** Record field -> consent purpose. */
const CONSENT_FIELDS: Readonly<Record<string, ConsentPurpose>> = {
  consent_for_services: "services",
  consent_for_tracing: "tracing",
  disclosure_other_orgs: "disclosure_other_orgs",
  consent_for_reporting: "reporting",
  consent_for_photo: "photo",
};

function consentSource(fields: RecordCompletedEvent["fields"]): ConsentSource {
  const source = fields["consent_source"] ?? fields["reporter_type"];
  if (source === "child") return "child";
  if (source === "parent") return "caregiver";
  return "other_adult";
}

export function consentsFrom(event: RecordCompletedEvent, at: Date): ConsentRecord[] {
  const source = consentSource(event.fields);
  const records: ConsentRecord[] = [];
  for (const [field, purpose] of Object.entries(CONSENT_FIELDS)) {
    const value = event.fields[field];
    if (typeof value === "boolean") records.push({ purpose, given: value, source, recordedAt: at });
  }
  return records;
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function recordFromEvent(event: RecordCompletedEvent, conversation: Conversation, now: Date, organisation: string): { case: NewCase & { id: string }; tracing: NewTracingRequest & { id: string } } {
  const consents = consentsFrom(event, now);
  const riskLevel = maxRiskLevel(event.flags.map((f) => f.level));
  const riskCategories = [...new Set<RiskCategory>(event.flags.map((f) => f.category))];
  const { sought_children: sought, ...fields } = event.fields;
  const base = { id: event.recordId, subjectId: conversation.subjectId, organisation, conversationId: conversation.id, consents, createdBy: "bot" };
  return {
    case: { ...base, fields: event.fields, riskLevel, riskCategories },
    tracing: {
      ...base,
      fields,
      soughtChildren: Array.isArray(sought) ? sought.filter(isObject) : [],
    },
  };
}
