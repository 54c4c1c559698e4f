/**
 * Console sessions. An expired session is never returned, whether or not the TTL monitor has
 * removed it yet (the server's monitor runs once a minute).
 */
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { DocDatabase } from "../../ports/docCollection.js";
import type { Ids } from "../../ports/ids.js";
import type { Session, SessionStore } from "../../ports/sessionStore.js";
import { DuplicateRecordError } from "../../ports/storeErrors.js";
import { COLLECTIONS } from "./collectionNames.js";
import { isDuplicateKeyError } from "./isDuplicateKeyError.js";
import { parseStored } from "./parseStored.js";

const SessionDocSchema = z.object({ _id: z.string(), userId: z.string(), createdAt: z.date(), expiresAt: z.date() });

export class SessionRepository implements SessionStore {
  private readonly collection;

  constructor(private readonly deps: { readonly db: DocDatabase; readonly clock: Clock; readonly ids: Ids }) {
    this.collection = deps.db.collection(COLLECTIONS.sessions);
  }

  async create(userId: string, expiresAt: Date): Promise<Session> {
    return this.createWithId(this.deps.ids.uuid(), userId, expiresAt);
  }

  async createWithId(id: string, userId: string, expiresAt: Date): Promise<Session> {
    const session: Session = { id, userId, createdAt: this.deps.clock.now(), expiresAt };
    const { id: _id, ...rest } = session;
    try {
      await this.collection.insertOne({ _id, ...rest });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateRecordError(COLLECTIONS.sessions, "_id");
      throw error;
    }
    return session;
  }

  async get(id: string): Promise<Session | null> {
    const raw = await this.collection.findOne({ _id: id, expiresAt: { $gt: this.deps.clock.now() } });
    if (!raw) return null;
    const { _id, ...rest } = parseStored(SessionDocSchema, COLLECTIONS.sessions, raw);
    return { ...rest, id: _id };
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }
}
