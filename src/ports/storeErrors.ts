/**
 * Errors the stores raise, with stable codes. Messages name record ids and codes only.
 */
import { KinlinkError } from "../domain/errors.js";

/** Another writer saved the conversation since it was read: reload, re-run the turn, save again. */
export class ConversationVersionConflictError extends KinlinkError {
  readonly code = "CONVERSATION_VERSION_CONFLICT";
  constructor(conversationId: string, expectedVersion: number) {
    super(`conversation ${conversationId} is no longer at version ${expectedVersion}`, {
      conversationId,
      expectedVersion,
    });
  }
}

/** A record changed since it was read (cases, tracing requests). */
export class RecordVersionConflictError extends KinlinkError {
  readonly code = "RECORD_VERSION_CONFLICT";
  constructor(collection: string, id: string, expectedVersion: number) {
    super(`${collection} ${id} is no longer at version ${expectedVersion}`, { collection, id, expectedVersion });
  }
}

export class RecordNotFoundError extends KinlinkError {
  readonly code = "RECORD_NOT_FOUND";
  constructor(collection: string, id: string) {
    super(`${collection} ${id} not found`, { collection, id });
  }
}

/** Someone else claimed the escalation first (or it is no longer in the queue). */
export class EscalationAlreadyClaimedError extends KinlinkError {
  readonly code = "ESCALATION_ALREADY_CLAIMED";
  constructor(escalationId: string) {
    super(`escalation ${escalationId} is not claimable`, { escalationId });
  }
}

/** A status move the record's lifecycle does not allow, or by someone who does not hold it. */
export class InvalidTransitionError extends KinlinkError {
  readonly code = "INVALID_STATUS_TRANSITION";
  constructor(collection: string, id: string, to: string) {
    super(`${collection} ${id} cannot move to ${to}`, { collection, id, to });
  }
}

/** A unique value (username, short reference) is already taken. */
export class DuplicateRecordError extends KinlinkError {
  readonly code = "DUPLICATE_RECORD";
  constructor(collection: string, index: string) {
    super(`${collection}: duplicate value for ${index}`, { collection, index });
  }
}

/** A stored document does not have the shape this version reads: a migration is missing. */
export class StoredDocumentInvalidError extends KinlinkError {
  readonly code = "STORED_DOCUMENT_INVALID";
  constructor(collection: string, paths: string) {
    super(`${collection}: stored document does not match the schema at ${paths}`, { collection, paths });
  }
}
