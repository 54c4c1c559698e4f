/**
 * Sessions: API tokens and console sign-ins, each under the SHA-256 of its token. An expired session
 * is never returned, whether or not the TTL monitor has removed it yet (the server's monitor runs
 * once a minute). Console sessions are stored with `kind: "console"`, their CSRF token and the time
 * they were last used; API-token documents (older ones included) carry no kind.
 */
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase, DocFilter } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import type { ConsoleSessionState, Session, SessionKind, SessionStore } from "../../ports/sessionStore.js";
import { DuplicateRecordError } from "../../ports/storeErrors.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

const SessionDocSchema = z.object({
  _id: z.string(),
  userId: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  kind: z.literal("console").optional(),
  csrfToken: z.string().optional(),
  lastSeenAt: z.date().optional(),
});

const CONSOLE = "console";

function kindFilter(kind: SessionKind): DocFilter {
  // `$ne` also matches documents without the field: API tokens issued before kinds existed.
  return kind === "console" ? { kind: CONSOLE } : { kind: { $ne: CONSOLE } };
}

export class SessionRepository implements SessionStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.sessions);
  }

  async create(userId: string, expiresAt: Date): Promise<Session> {
    return this.createWithId(this.deps.ids.uuid(), userId, expiresAt);
  }

  async createWithId(id: string, userId: string, expiresAt: Date, state?: ConsoleSessionState): Promise<Session> {
    const base = { id, userId, createdAt: this.deps.clock.now(), expiresAt };
    const extra = state ? { kind: CONSOLE, csrfToken: state.csrfToken, lastSeenAt: state.lastSeenAt } : {};
    try {
      await this.collection.insertOne({ _id: id, userId, createdAt: base.createdAt, expiresAt, ...extra });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateRecordError(COLLECTIONS.sessions, "_id");
      throw error;
    }
    return state ? { ...base, console: { ...state } } : base;
  }

  async get(id: string): Promise<Session | null> {
    const raw = await this.collection.findOne({ _id: id, expiresAt: { $gt: this.deps.clock.now() } });
    if (!raw) return null;
    const { _id, kind, csrfToken, lastSeenAt, ...rest } = parseStored(SessionDocSchema, COLLECTIONS.sessions, raw);
    if (kind !== CONSOLE) return { ...rest, id: _id };
    // A console document missing its CSRF token or activity time is unusable: treated as absent.
    if (csrfToken === undefined || lastSeenAt === undefined) return null;
    return { ...rest, id: _id, console: { csrfToken, lastSeenAt } };
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }

  async touch(id: string, lastSeenAt: Date): Promise<void> {
    await this.collection.updateOne({ _id: id, kind: CONSOLE }, { $set: { lastSeenAt } });
  }

  async deleteForUser(userId: string, kind?: SessionKind): Promise<number> {
    const result = await this.collection.deleteMany(kind ? { userId, ...kindFilter(kind) } : { userId });
    return result.deletedCount;
  }
}
