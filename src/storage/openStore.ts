/**
 * Opens the storage backend chosen by plain options (the composition root reads the environment)
 * and builds every repository on it, written once against the DocCollection port.
 *
 *   const store = await openStore({ kind: "embedded", dataDir: "./data", hashSecret });
 *   const store = await openStore({ kind: "mongo", uri: "mongodb://…", hashSecret });
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../ports/clock.js";
import type { DocDatabase } from "../ports/docCollection.js";
import type { Ids } from "../ports/ids.js";
import type { Stores } from "../ports/stores.js";
import { EmbeddedDatabase } from "./embedded/embeddedDatabase.js";
import { plaintextFieldCodec, type FieldCodec } from "./fieldCodec.js";
import { openMongoDatabase } from "./mongo/openMongoDatabase.js";
import { AuditLogRepository } from "./repositories/auditLogRepository.js";
import { CaseRepository } from "./repositories/caseRepository.js";
import { ConversationRepository } from "./repositories/conversationRepository.js";
import { ensureIndexes } from "./repositories/ensureIndexes.js";
import { EscalationRepository } from "./repositories/escalationRepository.js";
import { InboxRepository } from "./repositories/inboxRepository.js";
import { OutboxRepository } from "./repositories/outboxRepository.js";
import { TranscriptRepository } from "./repositories/transcriptRepository.js";
import { SessionRepository } from "./repositories/sessionRepository.js";
import { TracingRequestRepository } from "./repositories/tracingRequestRepository.js";
import { UserRepository } from "./repositories/userRepository.js";

export type BackendOptions =
  | { readonly kind: "embedded"; readonly dataDir: string; readonly snapshotAfterBytes?: number; readonly ttlSweepIntervalMs?: number; readonly cacheBytes?: number | undefined }
  | { readonly kind: "mongo"; readonly uri: string; readonly dbName?: string | undefined };

export type StoreOptions = BackendOptions & {
  /** Keys the HMAC of channel user ids (conversation lookup). Changing it orphans existing conversations. */
  readonly hashSecret: string;
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly codec?: FieldCodec;
  /** Storage events worth logging (codes and counts only), e.g. a torn journal tail dropped. */
  readonly onEvent?: (event: string, context: Readonly<Record<string, number | string>>) => void;
};

export interface OpenedStore extends Stores {
  readonly backend: "embedded" | "mongo";
  /** The raw port, for maintenance and tests. */
  readonly db: DocDatabase;
  /** Deletes expired documents now (embedded); the server's TTL monitor does this itself (mongo: 0). */
  sweepExpired(): Promise<number>;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const randomIds: Ids = { uuid: () => randomUUID() };

async function openBackend(options: StoreOptions, clock: Clock): Promise<{ db: DocDatabase; sweep: () => Promise<number> }> {
  if (options.kind === "mongo") {
    const db = await openMongoDatabase({ uri: options.uri, dbName: options.dbName });
    return { db, sweep: () => Promise.resolve(0) };
  }
  const db = await EmbeddedDatabase.open({
    dataDir: options.dataDir,
    clock,
    ...(options.snapshotAfterBytes === undefined ? {} : { snapshotAfterBytes: options.snapshotAfterBytes }),
    ...(options.ttlSweepIntervalMs === undefined ? {} : { ttlSweepIntervalMs: options.ttlSweepIntervalMs }),
    ...(options.cacheBytes === undefined ? {} : { cacheBytes: options.cacheBytes }),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { db, sweep: () => db.sweepExpired() };
}

export async function openStore(options: StoreOptions): Promise<OpenedStore> {
  if (options.hashSecret.length < 16) throw new RangeError("the hash secret must be at least 16 characters");
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const codec = options.codec ?? plaintextFieldCodec;
  const { db, sweep } = await openBackend(options, clock);
  try {
    await ensureIndexes(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    backend: options.kind,
    db,
    conversations: new ConversationRepository({ db, codec, clock, ids, hashSecret: options.hashSecret }),
    inbox: new InboxRepository({ db, codec, clock }),
    outbox: new OutboxRepository({ db, codec, clock }),
    cases: new CaseRepository({ db, codec, clock, ids }),
    tracingRequests: new TracingRequestRepository({ db, codec, clock, ids }),
    escalations: new EscalationRepository({ db, clock, ids }),
    auditLog: new AuditLogRepository({ db, clock, ids }),
    users: new UserRepository({ db, codec, clock, ids }),
    sessions: new SessionRepository({ db, clock, ids }),
    transcripts: new TranscriptRepository({ db, codec, clock, ids }),
    sweepExpired: sweep,
    close: () => db.close(),
  };
}
