/**
 * The API's inputs as zod schemas (strict: an unknown field is an error, not silently ignored), and
 * `parseInput`, which turns a failure into INVALID_INPUT with the paths and zod codes of the
 * problems: never the values, which may be a family's words.
 */
import { z } from "zod";
import { KinlinkError } from "../../domain/errors.js";

export const REPLY_MAX_CHARS = 2000;
export const LIST_MAX_LIMIT = 200;

export const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(50),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** claim, release, hand-back: nothing to send, but an empty JSON object is accepted too. */
export const EmptyBody = z.strictObject({}).optional();
export const TransferBody = z.strictObject({ to: z.string().min(1).max(64) });
export const ResolveBody = z.strictObject({ outcome: z.enum(["resolved", "referred", "no_action_needed", "duplicate"]) });
export const TranslateBody = z.strictObject({ to: z.string().regex(/^[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?$/) });
export const ReplyBody = z.strictObject({ text: z.string().trim().min(1).max(REPLY_MAX_CHARS) });

export interface InputIssue {
  readonly path: string;
  readonly code: string;
}

export class InvalidInputError extends KinlinkError {
  readonly code = "INVALID_INPUT";
  constructor(
    readonly where: "params" | "query" | "body",
    readonly issues: readonly InputIssue[],
  ) {
    super(`invalid ${where}: ${issues.map((issue) => `${issue.path || "(root)"} ${issue.code}`).join(", ")}`, { where });
  }
}

export function parseInput<T extends z.ZodType>(schema: T, where: InvalidInputError["where"], value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    where,
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), code: issue.code })),
  );
}
