/**
 * Production storage: the official driver, with the driver's collections passed straight through
 * as DocCollections (a type-level test keeps the port a subset of the driver's API).
 *
 * Majority write concern so that an acknowledged write survives a primary failover; majority read
 * concern so that a read never returns a write that could still be rolled back. No transactions:
 * every operation the repositories issue is a single-document atomic write, which is what lets
 * many stateless kinlink instances share one replica set or a sharded cluster.
 */
import type { DocCollection, DocDatabase, StoredDoc } from "../../ports/docCollection.js";

/**
 * The driver is imported here, when a MongoDB store is opened, and not when this module is: it is
 * large (some 20 MB resident), and a deployment on the embedded store never needs it.
 */
async function loadDriver(): Promise<typeof import("mongodb")> {
  try {
    return await import("mongodb");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the MongoDB store needs the "mongodb" package, which could not be loaded (${reason}); reinstall the dependencies with npm ci`, { cause: error });
  }
}

export interface MongoOptions {
  readonly uri: string;
  /** Defaults to "kinlink" (a database named in the URI is not used: the driver would fall back to "test"). */
  readonly dbName?: string | undefined;
}

export async function openMongoDatabase(options: MongoOptions): Promise<DocDatabase & { drop(): Promise<void> }> {
  const { MongoClient } = await loadDriver();
  const client = new MongoClient(options.uri, {
    writeConcern: { w: "majority", journal: true },
    readConcern: { level: "majority" },
    retryWrites: true,
    appName: "kinlink",
  });
  await client.connect();
  const db = client.db(options.dbName ?? "kinlink");
  return {
    collection(name: string): DocCollection<StoredDoc> {
      return db.collection<StoredDoc>(name);
    },
    async close() {
      await client.close();
    },
    /** For tests: removes the whole database. */
    async drop() {
      await db.dropDatabase();
    },
  };
}
