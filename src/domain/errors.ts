/**
 * The base of kinlink's own errors. `code` is stable (edges map it to HTTP statuses or chat replies;
 * alerts and tests match on it) and `context` holds only identifiers and counts: never personal data
 * or message text, because errors end up in logs (ARCHITECTURE.md habit 8).
 *
 * Example: `new ConversationVersionConflictError({ conversationId: "c-1", expected: 3 })` has
 * code "CONVERSATION_VERSION_CONFLICT".
 */
export type ErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

export abstract class KinlinkError extends Error {
  abstract readonly code: string;
  readonly context: ErrorContext;

  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }
}

export function isKinlinkError(value: unknown): value is KinlinkError {
  return value instanceof KinlinkError;
}
