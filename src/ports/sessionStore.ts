/**
 * Server-side sessions: API tokens (service accounts, `Authorization: Bearer`) and console sign-ins
 * (the session cookie). Both are stored under the SHA-256 of their token, never the token. Expired
 * sessions are never returned and are purged by a TTL index.
 */

/** What a console (cookie) session adds; API-token sessions have none of it. */
export interface ConsoleSessionState {
  /** The session's CSRF token: sent back by the page on every unsafe request. */
  readonly csrfToken: string;
  /** For the idle timeout; refreshed at most once a minute to spare writes. */
  readonly lastSeenAt: Date;
}

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** Present on console sessions only (stored with `kind: "console"`). */
  readonly console?: ConsoleSessionState;
}

export type SessionKind = "api" | "console";

export interface SessionStore {
  create(userId: string, expiresAt: Date): Promise<Session>;
  /**
   * A session under an id the caller chose: tokens are stored as their SHA-256 (the id), so the
   * token itself is never stored. With `console`, a console session. Throws DUPLICATE_RECORD if the
   * id exists.
   */
  createWithId(id: string, userId: string, expiresAt: Date, console?: ConsoleSessionState): Promise<Session>;
  get(id: string): Promise<Session | null>;
  delete(id: string): Promise<void>;
  /** Records activity on a console session (the idle timer). */
  touch(id: string, lastSeenAt: Date): Promise<void>;
  /** Revokes a user's sessions, of one kind or all; returns how many there were. */
  deleteForUser(userId: string, kind?: SessionKind): Promise<number>;
}
