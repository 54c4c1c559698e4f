/**
 * Turns errors into the API's answers at the edge (ARCHITECTURE.md habit 8): a use case's error code
 * (queue, records, audit) becomes its status, invalid input a 400 naming the fields, Fastify's own refusals (bad JSON, too
 * large, rate limited) their status with a stable code, and anything else a 500 that says nothing.
 * The body is always `{"error": CODE}` (plus `issues` for input), never a message: messages can
 * carry ids an attacker should not learn, and a family's words must never be echoed.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { QueueErrorCode } from "../../app/queue/queueService.js";
import { QueueError } from "../../app/queue/queueService.js";
import { AuditViewError } from "../../app/admin/auditViewer.js";
import { RecordError, type RecordErrorCode } from "../../app/records/recordService.js";
import { isKinlinkError } from "../../domain/errors.js";
import { InvalidInputError } from "./apiInput.js";

const QUEUE_STATUS: Readonly<Record<QueueErrorCode, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  ESCALATION_ALREADY_CLAIMED: 409,
  NOT_ASSIGNEE: 409,
  AT_CAPACITY: 409,
  INVALID_STATUS_TRANSITION: 409,
  INVALID_INPUT: 400,
  TRANSLATION_UNAVAILABLE: 503,
};

const RECORD_STATUS: Readonly<Record<RecordErrorCode, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VERSION_CONFLICT: 409,
  INVALID_STATUS_TRANSITION: 409,
  INVALID_INPUT: 400,
};

const HTTP_CODES: Readonly<Record<number, string>> = {
  400: "INVALID_INPUT",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

export type ApiReport = (code: string, context: Readonly<Record<string, string | number>>) => void;

function clientStatus(error: Error): number | undefined {
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

export function apiErrorHandler(report?: ApiReport) {
  return async (error: Error, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = `${request.method} ${request.routeOptions.url ?? "?"}`;
    if (error instanceof QueueError) {
      await reply.code(QUEUE_STATUS[error.code]).send({ error: error.code });
      return;
    }
    if (error instanceof RecordError || error instanceof AuditViewError) {
      await reply.code(RECORD_STATUS[error.code]).send({ error: error.code });
      return;
    }
    if (error instanceof InvalidInputError) {
      await reply.code(400).send({ error: error.code, issues: error.issues.map((issue) => ({ in: error.where, ...issue })) });
      return;
    }
    const status = clientStatus(error);
    if (status !== undefined) {
      await reply.code(status).send({ error: HTTP_CODES[status] ?? "BAD_REQUEST" });
      return;
    }
    report?.("API_ERROR", { route, code: isKinlinkError(error) ? error.code : error.name });
    await reply.code(500).send({ error: "INTERNAL" });
  };
}
