/** Console login sessions; expired ones are never returned and are purged by a TTL index. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface SessionStore {
  create(userId: string, expiresAt: Date): Promise<Session>;
  /**
   * A session under an id the caller chose: API tokens are stored as their SHA-256 (the id), so the
   * token itself is never stored. Throws DUPLICATE_RECORD if the id exists.
   */
  createWithId(id: string, userId: string, expiresAt: Date): Promise<Session>;
  get(id: string): Promise<Session | null>;
  delete(id: string): Promise<void>;
}
