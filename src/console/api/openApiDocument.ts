/**
 * The API's OpenAPI 3.1 description, written by hand next to the routes (a test checks that every
 * registered API route is in it, and nothing else). Served at GET /api/v1/openapi.json.
 */
import { RISK_CATEGORIES, RISK_LEVELS } from "../../domain/risk.js";
import { ESCALATION_STATUSES } from "../../domain/escalation.js";
import { CASE_STATUSES } from "../../domain/caseRecord.js";
import { TRACING_STATUSES } from "../../domain/tracingRequest.js";
import { LIST_MAX_LIMIT, REPLY_MAX_CHARS } from "./apiInput.js";
import { AUTH_PATHS, AUTH_SCHEMAS, AUTH_SECURITY_SCHEMES, USERS_PATHS } from "./authOpenApi.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
const item = { description: "The escalation after the change", content: json({ type: "object", required: ["escalation"], properties: { escalation: ref("QueueItem") } }) };
const caseErrors = {
  "400": error("INVALID_INPUT"),
  "401": error("UNAUTHORIZED: no, a malformed, an unknown or an expired token"),
  "403": error("FORBIDDEN: the role may not do this, or the case is not visible to this user"),
  "404": error("NOT_FOUND"),
};
const changeErrors = { ...caseErrors, "409": error("ESCALATION_ALREADY_CLAIMED, NOT_ASSIGNEE, AT_CAPACITY or INVALID_STATUS_TRANSITION") };

function action(summary: string, body?: object) {
  return {
    post: {
      summary,
      parameters: [idParam],
      ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
      responses: { "200": item, ...changeErrors },
    },
  };
}

const limitParam = { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: LIST_MAX_LIMIT, default: 50 } };
const itemsOf = (schema: object) => ({ type: "object", required: ["items"], properties: { items: { type: "array", items: schema } } });
const recordErrors = { ...caseErrors, "409": error("VERSION_CONFLICT (reload and edit again) or INVALID_STATUS_TRANSITION") };

/** The four routes cases and tracing requests share. */
function recordPaths(base: string, noun: string, statuses: string[]) {
  const detail = { description: `The ${noun}, with its history and consents`, content: json(ref("RecordDetail")) };
  return {
    [base]: {
      get: {
        summary: `Your organisation's ${noun}s, newest first; q is a short reference or part of a name`,
        parameters: [
          { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
          { name: "status", in: "query", schema: { enum: statuses } },
          { name: "riskLevel", in: "query", schema: { enum: [...RISK_LEVELS] } },
          limitParam,
          { name: "skip", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
        ],
        responses: { "200": { description: "Rows", content: json(itemsOf(ref("RecordSummary"))) }, "400": caseErrors["400"], "401": caseErrors["401"], "403": caseErrors["403"] },
      },
    },
    [`${base}/{id}`]: {
      get: { summary: `One ${noun} (audit-logged as a read)`, parameters: [idParam], responses: { "200": detail, ...caseErrors } },
      patch: {
        summary: `Edit fields of the ${noun} it was at \`version\`; null clears a field (audit-logged with the field names)`,
        parameters: [idParam],
        requestBody: { required: true, content: json({ type: "object", required: ["version", "fields"], additionalProperties: false, properties: { version: { type: "integer" }, fields: { type: "object" } } }) },
        responses: { "200": detail, ...recordErrors },
      },
    },
    [`${base}/{id}/status`]: {
      post: {
        summary: `Move the ${noun} to another status (only the moves its lifecycle allows)`,
        parameters: [idParam],
        requestBody: { required: true, content: json({ type: "object", required: ["to"], additionalProperties: false, properties: { to: { enum: statuses } } }) },
        responses: { "200": detail, ...recordErrors },
      },
    },
  };
}

const schemas = {
  RecordSummary: {
    type: "object",
    required: ["kind", "id", "shortRef", "status", "displayName", "riskLevel", "createdAt", "updatedAt"],
    properties: {
      kind: { enum: ["case", "tracing_request"] },
      id: { type: "string" },
      shortRef: { type: "string" },
      status: { type: "string" },
      displayName: { type: ["string", "null"] },
      riskLevel: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  RecordDetail: {
    type: "object",
    description: "A RecordSummary plus version, fields (Primero names), soughtChildren, riskCategories, consents, history, nextStatuses and the record's audit trail",
  },
  AuditEntry: {
    type: "object",
    required: ["id", "at", "actor", "action", "targetType", "targetId", "details", "username"],
    properties: {
      id: { type: "string" },
      at: { type: "string", format: "date-time" },
      actor: { type: "string" },
      username: { type: ["string", "null"] },
      action: { type: "string" },
      targetType: { type: "string" },
      targetId: { type: "string" },
      details: { type: "object", description: "Ids and codes only" },
    },
  },
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: { type: "string", description: "A stable code" },
      issues: { type: "array", items: { type: "object", properties: { in: { type: "string" }, path: { type: "string" }, code: { type: "string" } } } },
    },
  },
  QueueItem: {
    type: "object",
    description: "A queue row: no personal data",
    required: ["id", "status", "riskLevel", "riskCategories", "reasons", "priority", "assignee", "slaDueAt", "slaBreached", "createdAt", "channel", "language"],
    properties: {
      id: { type: "string" },
      status: { enum: [...ESCALATION_STATUSES] },
      riskLevel: { enum: [...RISK_LEVELS] },
      riskCategories: { type: "array", items: { enum: [...RISK_CATEGORIES] } },
      reasons: { type: "array", items: { type: "string" }, description: "Codes such as rule:intake.not_safe_now or handoff:user_request" },
      priority: { type: "integer", description: "Higher is more urgent" },
      assignee: { type: ["string", "null"] },
      slaDueAt: { type: "string", format: "date-time" },
      slaBreached: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      channel: { type: ["string", "null"] },
      language: { type: ["string", "null"] },
    },
  },
  TranscriptLine: {
    type: "object",
    required: ["at", "from", "text"],
    properties: { at: { type: "string", format: "date-time" }, from: { enum: ["person", "bot", "caseworker"] }, text: { type: "string" }, by: { type: "string" } },
  },
  Handoff: {
    type: "object",
    required: ["escalation", "answers", "flags", "transcript", "recipient"],
    properties: {
      escalation: ref("QueueItem"),
      answers: { type: "object", description: "Answers collected so far, by Primero field name" },
      flags: {
        type: "array",
        items: {
          type: "object",
          required: ["rule", "category", "level", "disputed"],
          properties: { rule: { type: "string" }, category: { enum: [...RISK_CATEGORIES] }, level: { enum: [...RISK_LEVELS] }, disputed: { type: "boolean" } },
        },
      },
      transcript: { type: "array", items: ref("TranscriptLine"), description: "Oldest first" },
      recipient: {
        type: "object",
        description: "How replies reach the person: their language (the deployment's default before they chose one), and child or adult wording when known",
        required: ["language", "audience"],
        properties: { language: { type: "string" }, audience: { enum: ["child", "adult", null] } },
      },
    },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "kinlink caseworker API", version: "1.0.0", description: "The caseworker queue and handoff. Every call but sign-in needs `Authorization: Bearer <token>` (`kinlink users token`) or the console's session cookie (then unsafe requests carry `x-csrf-token`)." },
  security: [{ bearer: [] }, { cookie: [] }],
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" }, ...AUTH_SECURITY_SCHEMES }, schemas: { ...schemas, ...AUTH_SCHEMAS } },
  paths: {
    "/api/v1/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) }, "401": caseErrors["401"] } } },
    "/api/v1/escalations": {
      get: {
        summary: "The queue: pending and released escalations, most urgent first, then oldest first",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: LIST_MAX_LIMIT, default: 50 } },
          { name: "skip", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
        ],
        responses: { "200": { description: "Queue rows", content: json({ type: "object", required: ["items"], properties: { items: { type: "array", items: ref("QueueItem") } } }) }, "400": caseErrors["400"], "401": caseErrors["401"], "403": caseErrors["403"] },
      },
    },
    "/api/v1/escalations/stream": {
      get: {
        summary: "Server-Sent Events: `event: changed` whenever your organisation's queue changes (re-list to see what); comment pings keep it open",
        responses: { "200": { description: "An event stream", content: { "text/event-stream": { schema: { type: "string" } } } }, "401": caseErrors["401"], "403": caseErrors["403"] },
      },
    },
    "/api/v1/escalations/{id}": {
      get: { summary: "The handoff summary (audit-logged as a read of the case)", parameters: [idParam], responses: { "200": { description: "Handoff", content: json(ref("Handoff")) }, ...caseErrors } },
    },
    "/api/v1/escalations/{id}/events": {
      get: {
        summary: "Live transcript lines while the conversation is held: Server-Sent Events, `event: line`, `data:` a TranscriptLine; comment pings keep it open",
        parameters: [idParam],
        responses: { "200": { description: "An event stream", content: { "text/event-stream": { schema: { type: "string" } } } }, ...changeErrors },
      },
    },
    "/api/v1/escalations/{id}/claim": action("Take the conversation: the bot steps back and the family's messages come to you"),
    "/api/v1/escalations/{id}/release": action("Put it back in the queue for someone else"),
    "/api/v1/escalations/{id}/hand-back": action("Give the conversation back to the bot, which resumes where it left off; resolves the escalation"),
    "/api/v1/escalations/{id}/transfer": action("Hand a claimed escalation to a colleague (supervisors, or the assignee)", {
      type: "object",
      required: ["to"],
      additionalProperties: false,
      properties: { to: { type: "string", description: "The colleague's user id" } },
    }),
    "/api/v1/escalations/{id}/resolve": action("Close it with an outcome", {
      type: "object",
      required: ["outcome"],
      additionalProperties: false,
      properties: { outcome: { enum: ["resolved", "referred", "no_action_needed", "duplicate"] } },
    }),
    "/api/v1/escalations/{id}/replies": {
      post: {
        summary: "Send a message to the family through their channel",
        parameters: [idParam],
        requestBody: { required: true, content: json({ type: "object", required: ["text"], additionalProperties: false, properties: { text: { type: "string", minLength: 1, maxLength: REPLY_MAX_CHARS } } }) },
        responses: { "202": { description: "Accepted for delivery", content: json({ type: "object", properties: { status: { const: "accepted" } } }) }, ...changeErrors },
      },
    },
    "/api/v1/escalations/{id}/translate": {
      post: {
        summary: "The transcript with the family's and the bot's lines translated by the deployment's language model (503 TRANSLATION_UNAVAILABLE when it has none or it fails); the text leaves the deployment for the model provider",
        parameters: [idParam],
        requestBody: { required: true, content: json({ type: "object", required: ["to"], additionalProperties: false, properties: { to: { type: "string", description: "A language code, e.g. en" } } }) },
        responses: {
          "200": { description: "Lines, oldest first, each with `translation` (null for caseworker lines and markers)", content: json({ type: "object", required: ["to", "lines"], properties: { to: { type: "string" }, lines: { type: "array", items: ref("TranscriptLine") } } }) },
          ...caseErrors,
          "503": error("TRANSLATION_UNAVAILABLE"),
        },
      },
    },
    ...recordPaths("/api/v1/cases", "case", [...CASE_STATUSES]),
    ...recordPaths("/api/v1/tracing-requests", "tracing request", [...TRACING_STATUSES]),
    "/api/v1/audit": {
      get: {
        summary: "Your organisation's audit log, newest first (supervisors and admins); reading it is logged too",
        parameters: [
          { name: "username", in: "query", schema: { type: "string" } },
          { name: "action", in: "query", schema: { type: "string" }, description: "e.g. case.viewed, escalation.claimed, auth.login_failed" },
          { name: "targetType", in: "query", schema: { type: "string" } },
          { name: "targetId", in: "query", schema: { type: "string" } },
          { name: "before", in: "query", schema: { type: "string", format: "date-time" }, description: "Page back: the previous page's last `at`" },
          limitParam,
        ],
        responses: { "200": { description: "Entries", content: json(itemsOf(ref("AuditEntry"))) }, "400": caseErrors["400"], "401": caseErrors["401"], "403": caseErrors["403"] },
      },
    },
    "/api/v1/settings": {
      get: { summary: "The deployment's settings (deployment.yaml) and SLA defaults (admins)", responses: { "200": { description: "Settings", content: json({ type: "object" }) }, "401": caseErrors["401"], "403": caseErrors["403"] } },
    },
    "/api/v1/organisations": {
      get: { summary: "Your organisation: staff by role and queue size (admins)", responses: { "200": { description: "Organisations", content: json(itemsOf({ type: "object" })) }, "401": caseErrors["401"], "403": caseErrors["403"] } },
    },
    ...AUTH_PATHS,
    ...USERS_PATHS,
  },
};
