/**
 * Run as a separate process by the cold-store kill test: writes to the embedded store in argv[2]
 * with a cache of 0 bytes (every document cold) and small snapshots, reports on stdout once every
 * write is acknowledged, then waits to be killed.
 */
import { EmbeddedDatabase } from "../../../src/storage/embedded/embeddedDatabase.js";

const dataDir = process.argv[2] ?? "";
const db = await EmbeddedDatabase.open({ dataDir, clock: { now: () => new Date() }, ttlSweepIntervalMs: 0, cacheBytes: 0, snapshotAfterBytes: 16 * 1024 });
const things = db.collection("things");
await things.createIndex({ n: 1 }, { unique: true });
const ids = Array.from({ length: 400 }, (_, i) => `k${String(i).padStart(4, "0")}`);
await Promise.all(ids.map((id, n) => things.insertOne({ _id: id, n, hits: 0, pad: "p".repeat(100) })));
await Promise.all(ids.map((id) => things.updateOne({ _id: id }, { $inc: { hits: 1 } })));
await Promise.all(ids.filter((_, n) => n % 3 === 0).map((id) => things.updateOne({ _id: id }, { $inc: { hits: 1 } })));
process.stdout.write(`acknowledged ${await things.countDocuments({})}\n`);
setInterval(() => undefined, 1000);
