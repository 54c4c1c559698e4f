/**
 * The API's OpenAPI 3.1 description, written by hand next to the routes (a test checks that every
 * registered API route is in it, and nothing else). Served at GET /api/v1/openapi.json.
 */
import { RISK_CATEGORIES, RISK_LEVELS } from "../../domain/risk.js";
import { ESCALATION_STATUSES } from "../../domain/escalation.js";
import { LIST_MAX_LIMIT, REPLY_MAX_CHARS } from "./apiInput.js";

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

const schemas = {
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
    required: ["escalation", "answers", "flags", "transcript"],
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
    },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "kinlink caseworker API", version: "1.0.0", description: "The caseworker queue and handoff. Every call needs `Authorization: Bearer <token>` (`kinlink users token`)." },
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas },
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
  },
};
