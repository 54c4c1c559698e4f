/**
 * Cases and tracing requests, on the RecordService (which scopes to the organisation, audit-logs
 * every read and edit, and answers NOT_FOUND for another organisation's record).
 *
 *   GET  /console/cases | /console/tracing                 ?q&status&risk&skip   the list
 *   GET  /console/cases/:id | /console/tracing/:id         the record
 *   POST /console/cases/:id | /console/tracing/:id         edit: version, f.<field>, t.<field>, o.<field>
 *   POST /console/cases/:id/status | /console/tracing/:id/status   to=<next status>
 *
 * The edit form carries each field's type (`t.`) and the value it showed (`o.`), so only fields the
 * person actually changed are sent (the audit log then names just those).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { RecordKind } from "../../../app/records/recordService.js";
import { CASE_STATUSES } from "../../../domain/caseRecord.js";
import { RISK_LEVELS } from "../../../domain/risk.js";
import { TRACING_STATUSES } from "../../../domain/tracingRequest.js";
import { CSRF_FIELD } from "../../auth/consoleAuth.js";
import { recordListPage } from "../views/recordListPage.js";
import { recordPage } from "../views/recordPage.js";
import { PageError, type PageKit } from "./pageKit.js";

const PAGE_SIZE = 25;
const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const ListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: z.string().max(40).optional(),
  risk: z.enum(RISK_LEVELS).optional().or(z.literal("").transform(() => undefined)),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
});
const StatusForm = z.strictObject({ [CSRF_FIELD]: z.string().max(200).optional(), to: z.string().min(1).max(40) });
/** `f.<name>` new value, `t.<name>` its type, `o.<name>` the value the form showed. */
const EditForm = z
  .record(z.string().max(80), z.string().max(2000))
  .refine((form) => Object.keys(form).length <= 320)
  .transform((form, context) => {
    const version = Number(form["version"]);
    if (!Number.isInteger(version) || version < 0) context.addIssue({ code: "custom", message: "version" });
    const changes: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith("f.")) continue;
      const name = key.slice(2);
      if (form[`o.${name}`] === value) continue;
      const type = form[`t.${name}`];
      if (value === "") changes[name] = null;
      else if (type === "number") {
        const number = Number(value);
        if (!Number.isFinite(number)) context.addIssue({ code: "custom", message: "number", path: [key] });
        changes[name] = number;
      } else if (type === "boolean") changes[name] = value === "true";
      else changes[name] = value;
    }
    return { version, changes };
  });

interface KindPages {
  readonly kind: RecordKind;
  readonly base: string;
  readonly statuses: readonly string[];
}

const KINDS: readonly KindPages[] = [
  { kind: "case", base: "/console/cases", statuses: CASE_STATUSES },
  { kind: "tracing_request", base: "/console/tracing", statuses: TRACING_STATUSES },
];

export function recordRoutes(kit: PageKit) {
  const { deps } = kit;
  const service = () => {
    if (!deps.records) throw new PageError(404, "NOT_FOUND");
    return deps.records;
  };

  return async (app: FastifyInstance): Promise<void> => {
    for (const { kind, base, statuses } of KINDS) {
      app.get(base, async (request, reply) => {
        const query = kit.parse(ListQuery, request.query);
        const status = statuses.includes(query.status ?? "") ? query.status : undefined;
        const rows = await service().list(kit.actor(request), kind, {
          ...(query.q ? { q: query.q } : {}),
          ...(status ? { status } : {}),
          ...(query.risk && kind === "case" ? { riskLevel: query.risk } : {}),
          limit: PAGE_SIZE + 1,
          skip: query.skip,
        });
        const view = { kind, base, statuses, rows, query: { q: query.q, status, risk: query.risk, skip: query.skip, limit: PAGE_SIZE } };
        return kit.send(reply, recordListPage(kit.context(request, reply), view));
      });

      app.get(`${base}/:id`, async (request, reply) => {
        const { id } = kit.parse(IdParams, request.params);
        const record = await service().get(kit.actor(request), kind, id);
        const people = await kit.displayNames([...record.history.map((h) => h.by), ...record.audit.map((a) => a.actor)]);
        return kit.send(reply, recordPage(kit.context(request, reply), { record, base, names: people }));
      });

      app.post(`${base}/:id`, { bodyLimit: 128 * 1024 }, async (request, reply) => {
        const { id } = kit.parse(IdParams, request.params);
        const { version, changes } = kit.parse(EditForm, request.body);
        if (Object.keys(changes).length === 0) return kit.done(reply, `${base}/${id}`, { ok: "noChanges" });
        try {
          await service().updateFields(kit.actor(request), kind, id, version, changes);
        } catch (error) {
          return kit.done(reply, `${base}/${id}`, { error });
        }
        return kit.done(reply, `${base}/${id}`, { ok: "saved" });
      });

      app.post(`${base}/:id/status`, { bodyLimit: 4 * 1024 }, async (request, reply) => {
        const { id } = kit.parse(IdParams, request.params);
        const { to } = kit.parse(StatusForm, request.body);
        try {
          await service().changeStatus(kit.actor(request), kind, id, to);
        } catch (error) {
          return kit.done(reply, `${base}/${id}`, { error });
        }
        return kit.done(reply, `${base}/${id}`, { ok: "statusChanged" });
      });
    }
  };
}
