/**
 * A conversation's dialog state: plain, serialisable data with a schema version, stored by the host
 * between messages and parsed with `parseSession` when read back (never cast).
 */
import { z } from "zod";
import { RiskCategorySchema, RiskLevelSchema } from "../../domain/risk.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** JSON data: finite numbers, plain objects and arrays, all the way down. */
function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isPlainObject(value) && Object.values(value).every(isJsonValue);
}

/** An object literal (of any realm: tests run in VM contexts), not an array, Date or class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * A check, not a union of schemas: a union tries each branch at every node of the answers and
 * builds the failed branches' issues, which made reading a session back most of a turn's parsing.
 */
export const JsonValueSchema: z.ZodType<JsonValue> = z.custom<JsonValue>(isJsonValue, { message: "not JSON data" });
export const JsonObjectSchema: z.ZodType<JsonObject> = z.custom<JsonObject>((value) => isPlainObject(value) && isJsonValue(value), { message: "not a JSON object" });

export const SESSION_SCHEMA_VERSION = 1;

export const AudienceSchema = z.enum(["child", "adult"]);
export type Audience = z.infer<typeof AudienceSchema>;

export const AnswerStatusSchema = z.enum(["answered", "dont_know", "skipped", "not_understood"]);
export type AnswerStatus = z.infer<typeof AnswerStatusSchema>;

export const SessionStatusSchema = z.enum(["active", "paused", "waiting", "completed", "ended", "expired"]);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Where the record's fields for the current frame live: `[]` is the record, `["sought_children", 1]` an item. */
export const ScopeSchema = z.array(z.union([z.string(), z.number().int().min(0)]));
export type Scope = z.infer<typeof ScopeSchema>;

export const FrameSchema = z.object({
  dialog: z.string(),
  version: z.number().int(),
  step: z.string(),
  retries: z.number().int().min(0),
  scope: ScopeSchema,
  /** On a repeat step: waiting for the answer to "another one?". */
  askingMore: z.boolean().optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

export const RiskFlagSchema = z.object({
  rule: z.string(),
  category: RiskCategorySchema,
  level: RiskLevelSchema,
  dialog: z.string(),
  step: z.string(),
  reason: z.string().optional(),
  at: z.string(),
  disputed: z.boolean().optional(),
});
export type RiskFlag = z.infer<typeof RiskFlagSchema>;

/** What to undo on "back": the position before a question was answered, and the values it overwrote. */
export const HistoryEntrySchema = z.object({
  stack: z.array(FrameSchema),
  changes: z.array(z.object({ path: z.string(), previous: JsonValueSchema.optional(), previousStatus: AnswerStatusSchema.optional() })),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const PendingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("confirm"), command: z.enum(["restart", "stop"]) }),
  z.object({ kind: z.literal("language") }),
  /** First contact: which flow (intake, tracing...) the person wants. */
  z.object({ kind: z.literal("flow"), flows: z.array(z.string()).min(1) }),
]);
export type Pending = z.infer<typeof PendingSchema>;

export const SessionSchema = z.object({
  schema: z.literal(SESSION_SCHEMA_VERSION),
  /** The flow being run; "" at the entry menus, before one is chosen. */
  dialog: z.string(),
  dialogVersion: z.number().int(),
  lang: z.string(),
  audience: AudienceSchema.optional(),
  status: SessionStatusSchema,
  stack: z.array(FrameSchema),
  record: JsonObjectSchema,
  /** Local variables (`_name`): steer the dialog, never part of the record. */
  vars: JsonObjectSchema,
  answerStatus: z.record(z.string(), AnswerStatusSchema),
  flags: z.array(RiskFlagSchema),
  history: z.array(HistoryEntrySchema),
  pending: PendingSchema.optional(),
  startedAt: z.string(),
  lastActivityAt: z.string(),
  remindedAt: z.string().optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** Older session shapes, upgraded one version at a time. Add a function when the schema changes. */
const migrations: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

const EnvelopeSchema = z.object({ schema: z.number().int() }).passthrough();

/** Reads a stored session: upgrades older schema versions, then validates. */
export function parseSession(raw: unknown): Session {
  const envelope = EnvelopeSchema.parse(raw);
  let current: Record<string, unknown> = envelope;
  for (let version = envelope.schema; version < SESSION_SCHEMA_VERSION; version++) {
    const migrate = migrations[version];
    if (!migrate) throw new Error(`no migration for session schema ${version}`);
    current = migrate(current);
  }
  return SessionSchema.parse(current);
}
