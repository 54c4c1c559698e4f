/**
 * The storage backends every contract suite runs on: the embedded store always (in a fresh temp
 * directory), twice: with its default cache, and with no cache at all, so that every document is
 * cold (read back from disk by every query, see src/storage/embedded/docCache.ts); and a real
 * MongoDB whenever MONGODB_URI is set (in a database unique to the run, dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import type { Clock } from "../../../src/ports/clock.js";
import type { DocDatabase } from "../../../src/ports/docCollection.js";
import type { Ids } from "../../../src/ports/ids.js";
import { EmbeddedDatabase } from "../../../src/storage/embedded/embeddedDatabase.js";
import type { FieldCodec } from "../../../src/storage/fieldCodec.js";
import { openMongoDatabase } from "../../../src/storage/mongo/openMongoDatabase.js";
import { openStore, type OpenedStore } from "../../../src/storage/openStore.js";
import { FakeClock } from "./fakeClock.js";

export const TEST_HASH_SECRET = "contract-test-hash-secret-0123456789";

export interface TestDb {
  readonly db: DocDatabase;
  /** Deletes expired documents now (embedded) — the server's monitor cannot be driven by a test. */
  sweepExpired(): Promise<number>;
  cleanup(): Promise<void>;
}

export interface TestStoreOptions {
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly codec?: FieldCodec;
}

export interface Backend {
  /** "embedded" (default cache), "embedded, every document cold" or "mongo". */
  readonly name: string;
  openDb(clock?: Clock): Promise<TestDb>;
  openStore(options?: TestStoreOptions): Promise<OpenedStore & { cleanup(): Promise<void> }>;
}

export async function tempDir(prefix = "kinlink-store-"): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

function embeddedBackend(name: string, cacheBytes?: number): Backend {
  const cache = cacheBytes === undefined ? {} : { cacheBytes };
  return {
    name,
    async openDb(clock = new FakeClock()) {
      const dir = await tempDir();
      const db = await EmbeddedDatabase.open({ dataDir: dir.path, clock, ttlSweepIntervalMs: 0, ...cache });
      return { db, sweepExpired: () => db.sweepExpired(), cleanup: async () => { await db.close(); await dir.remove(); } };
    },
    async openStore(options = {}) {
      const dir = await tempDir();
      const store = await openStore({ kind: "embedded", dataDir: dir.path, ttlSweepIntervalMs: 0, hashSecret: TEST_HASH_SECRET, ...cache, ...options });
      return { ...store, cleanup: async () => { await store.close(); await dir.remove(); } };
    },
  };
}

const embedded = embeddedBackend("embedded");
/** Same store with a cache of 0 bytes: every document is evicted to disk as soon as it is written or read. */
export const EMBEDDED_COLD = embeddedBackend("embedded, every document cold", 0);

function uniqueDbName(): string {
  return `kinlink_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

function mongo(uri: string): Backend {
  return {
    name: "mongo",
    async openDb() {
      const dbName = uniqueDbName();
      const db = await openMongoDatabase({ uri, dbName });
      return { db, sweepExpired: () => Promise.resolve(0), cleanup: async () => { await db.drop(); await db.close(); } };
    },
    async openStore(options = {}) {
      const dbName = uniqueDbName();
      const store = await openStore({ kind: "mongo", uri, dbName, hashSecret: TEST_HASH_SECRET, ...options });
      return { ...store, cleanup: async () => { await store.close(); await dropDatabase(uri, dbName); } };
    },
  };
}

const uri = process.env["MONGODB_URI"];
export const BACKENDS: readonly Backend[] = uri ? [embedded, EMBEDDED_COLD, mongo(uri)] : [embedded, EMBEDDED_COLD];
