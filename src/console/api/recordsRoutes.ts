/**
 * Cases and tracing requests as a JSON API, on the RecordService use cases (which check the role and
 * the organisation, and audit-log every read and change). Same shape for both kinds:
 *
 *   GET   /api/v1/cases?q&status&riskLevel&limit&skip   -> { items: RecordSummary[] }   newest first
 *   GET   /api/v1/cases/:id                             -> RecordDetail                  (audit: viewed)
 *   PATCH /api/v1/cases/:id   { version, fields }       -> RecordDetail   409 VERSION_CONFLICT if stale
 *   POST  /api/v1/cases/:id/status { to }               -> RecordDetail   409 if the move is not allowed
 *   (and the same under /api/v1/tracing-requests)
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { RecordKind, RecordService } from "../../app/records/recordService.js";
import { RiskLevelSchema } from "../../domain/risk.js";
import type { ActorOf } from "../permissions/apiGuard.js";
import { apiErrorHandler, type ApiReport } from "./apiErrorHandler.js";
import { IdParams, LIST_MAX_LIMIT, parseInput } from "./apiInput.js";
import { apiDefaults } from "./apiDefaults.js";

export const RECORD_PATHS: Readonly<Record<RecordKind, string>> = { case: "/api/v1/cases", tracing_request: "/api/v1/tracing-requests" };

const RecordListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  riskLevel: RiskLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(50),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
});
const UpdateBody = z.strictObject({ version: z.number().int().min(1), fields: z.record(z.string().max(64), z.unknown()) });
const StatusBody = z.strictObject({ to: z.string().regex(/^[a-z_]{1,40}$/) });
/** Field edits are small; anything bigger is refused before it is parsed. */
const BODY_LIMIT = 256 * 1024;

export interface RecordsRoutesOptions {
  readonly records: RecordService;
  readonly actorOf: ActorOf;
  readonly report?: ApiReport;
}

export function recordsRoutes(options: RecordsRoutesOptions): FastifyPluginAsync {
  const { records, actorOf } = options;
  return async (app) => {
    apiDefaults(app, apiErrorHandler(options.report));
    for (const [kind, path] of Object.entries(RECORD_PATHS) as [RecordKind, string][]) {
      app.get(path, async (request) => {
        const { q, status, riskLevel, limit, skip } = parseInput(RecordListQuery, "query", request.query);
        return { items: await records.list(actorOf(request), kind, { limit, skip, ...(q ? { q } : {}), ...(status ? { status } : {}), ...(riskLevel ? { riskLevel } : {}) }) };
      });
      app.get(`${path}/:id`, async (request) => {
        const { id } = parseInput(IdParams, "params", request.params);
        return records.get(actorOf(request), kind, id);
      });
      app.patch(`${path}/:id`, { bodyLimit: BODY_LIMIT }, async (request) => {
        const { id } = parseInput(IdParams, "params", request.params);
        const { version, fields } = parseInput(UpdateBody, "body", request.body);
        return records.updateFields(actorOf(request), kind, id, version, fields);
      });
      app.post(`${path}/:id/status`, { bodyLimit: BODY_LIMIT }, async (request) => {
        const { id } = parseInput(IdParams, "params", request.params);
        const { to } = parseInput(StatusBody, "body", request.body);
        return records.changeStatus(actorOf(request), kind, id, to);
      });
    }
  };
}
