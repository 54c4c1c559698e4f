/**
 * The embedded store with documents on disk (src/storage/embedded/docCache.ts): only a bounded
 * working set stays in memory, queries read cold documents back, recovery loads within the budget,
 * snapshots reclaim the cold files, and a kill -9 loses nothing acknowledged. (The whole contract
 * suite also runs with a cache of 0 bytes: the "every document cold" backend in backends.ts.)
 */
import { describe, expect, it } from "@jest/globals";
import { spawn } from "node:child_process";
import { copyFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { ObjectId } from "bson";
import type { DocCollection } from "../../src/ports/docCollection.js";
import { EmbeddedDatabase } from "../../src/storage/embedded/embeddedDatabase.js";
import { LOCK_FILE } from "../../src/storage/embedded/lockFile.js";
import { tempDir } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";

type Doc = { _id: unknown; [field: string]: unknown };

const clock = new FakeClock();
const open = (dataDir: string, cacheBytes: number, more: { snapshotAfterBytes?: number } = {}) =>
  EmbeddedDatabase.open({ dataDir, clock, ttlSweepIntervalMs: 0, cacheBytes, ...more });
const things = (db: EmbeddedDatabase) => db.collection("things") as unknown as DocCollection<Doc>;

const T0 = Date.UTC(2025, 0, 1);
function thing(i: number): Doc {
  return {
    _id: `t${String(i).padStart(5, "0")}`,
    group: `g${i % 10}`,
    at: new Date(T0 + i * 1000),
    n: i,
    ref: new ObjectId(i.toString(16).padStart(24, "0")),
    nested: { list: [i, "x", { deep: i % 3 }], note: "y".repeat(40) },
  };
}

async function fill(db: EmbeddedDatabase, count: number): Promise<void> {
  const collection = things(db);
  await collection.createIndex({ group: 1, at: 1 });
  await collection.createIndex({ n: 1 }, { unique: true });
  await Promise.all(Array.from({ length: count }, (_, i) => collection.insertOne(thing(i))));
}

async function everything(db: EmbeddedDatabase): Promise<Doc[]> {
  return things(db).find({}, { sort: { _id: 1 } }).toArray();
}

/** Copies the data files, as a process killed now would leave them (the lock's owner is this process). */
async function crashCopy(from: string): Promise<{ path: string; remove(): Promise<void> }> {
  const to = await tempDir();
  for (const file of await readdir(from)) if (file !== LOCK_FILE) await copyFile(join(from, file), join(to.path, file));
  return to;
}

describe("embedded store with cold documents", () => {
  it("keeps no document in memory with a cache of 0, and answers every query exactly", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await fill(db, 300);
    expect(db.cacheStats()).toMatchObject({ hotDocuments: 0, hotBytes: 0 });
    expect(db.cacheStats().coldFileBytes).toBeGreaterThan(300 * 100);

    expect(await everything(db)).toEqual(Array.from({ length: 300 }, (_, i) => thing(i)));
    expect(await things(db).findOne({ _id: "t00007" })).toEqual(thing(7));
    expect(await things(db).find({ "nested.list.2.deep": 1, n: { $lt: 20 } }, { sort: { n: -1 } }).toArray()).toEqual(
      [19, 16, 13, 10, 7, 4, 1].map(thing),
    );
    expect(await things(db).countDocuments({ group: "g3" })).toBe(30);
    const reads = db.cacheStats().coldReads;
    // An index-planned query reads only what it returns (and the entry that ends the page); with
    // no cache at all, each result is read again as it is copied out.
    const page = await things(db).find({ group: "g4", at: { $gte: new Date(T0 + 100_000) } }, { sort: { at: 1 }, limit: 5 }).toArray();
    expect(page.map((doc) => doc["n"])).toEqual([104, 114, 124, 134, 144]);
    expect(db.cacheStats().coldReads - reads).toBeLessThanOrEqual(2 * (5 + 1));

    // Candidates an index gives (a group's 30) are read only if the conditions on other indexed fields hold.
    const before = db.cacheStats().coldReads;
    expect((await things(db).find({ group: "g4", n: { $lt: 50 } }).toArray()).map((doc) => doc["n"])).toEqual([4, 14, 24, 34, 44]);
    expect(db.cacheStats().coldReads - before).toBeLessThanOrEqual(2 * 5);

    // Updates of cold documents: their own result, other fields intact, still cold afterwards.
    const after = await things(db).findOneAndUpdate({ _id: "t00002" }, { $inc: { n: 1000 }, $push: { "nested.list": "z" } }, { returnDocument: "after" });
    expect(after).toEqual({ ...thing(2), n: 1002, nested: { ...thing(2)["nested"] as object, list: [2, "x", { deep: 2 }, "z"] } });
    await expect(things(db).updateOne({ _id: "t00003" }, { $set: { n: 1002 } })).rejects.toMatchObject({ code: 11000 });
    expect(await things(db).findOne({ n: 1002 })).toEqual(after);
    await things(db).deleteMany({ group: "g9" });
    expect(await things(db).countDocuments({})).toBe(270);
    expect(await things(db).aggregate([{ $match: { group: "g1" } }, { $group: { _id: "$group", total: { $sum: "$n" } } }]).toArray()).toEqual([
      { _id: "g1", total: Array.from({ length: 30 }, (_, k) => 1 + 10 * k).reduce((a, b) => a + b, 0) },
    ]);
    expect(db.cacheStats()).toMatchObject({ hotDocuments: 0, hotBytes: 0 });
    await db.close();
    await dir.remove();
  });

  it("stays within a small budget while scanning a collection larger than it", async () => {
    const dir = await tempDir();
    const budget = 16 * 1024;
    const db = await open(dir.path, budget);
    await fill(db, 2000);
    expect(db.cacheStats().hotBytes).toBeLessThanOrEqual(budget);
    expect(await things(db).countDocuments({ "nested.note": { $exists: true } })).toBe(2000);
    expect((await everything(db)).length).toBe(2000);
    const stats = db.cacheStats();
    expect(stats.hotBytes).toBeLessThanOrEqual(budget);
    expect(stats.hotDocuments).toBeGreaterThan(0);
    await db.close();
    await dir.remove();
  });

  it("answers a repeated filter no index serves from remembered matches, kept exact by writes", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await fill(db, 400);
    const collection = things(db);
    await Promise.all([3, 50, 120].map((n) => collection.updateOne({ n }, { $push: { queue: { $each: ["a"] } } })));
    const filter = { "queue.0": { $exists: true } };
    const pending = async () => (await collection.find(filter, { sort: { n: -1 }, limit: 10 }).toArray()).map((doc) => doc["n"]);
    expect(await pending()).toEqual([120, 50, 3]);
    expect(await pending()).toEqual([120, 50, 3]);
    // Remembered now: a third query reads its three matches, not the 400 documents.
    const reads = db.cacheStats().coldReads;
    expect(await pending()).toEqual([120, 50, 3]);
    expect(db.cacheStats().coldReads - reads).toBeLessThanOrEqual(2 * 3);
    await collection.updateOne({ n: 50 }, { $set: { queue: [] } });
    await collection.updateOne({ n: 7 }, { $set: { queue: ["b"] } });
    await collection.deleteOne({ n: 3 });
    await collection.insertOne({ ...thing(1000), queue: ["c"] });
    expect(await pending()).toEqual([1000, 120, 7]);
    expect(await collection.countDocuments(filter)).toBe(3);
    expect(await collection.find(filter).toArray()).toEqual(
      (await collection.find({}).toArray()).filter((doc) => Array.isArray(doc["queue"]) && doc["queue"].length > 0),
    );
    await db.close();
    await dir.remove();
  });

  it("counts cold documents by their indexed fields without reading them, and reads them when a condition needs the document", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await fill(db, 300);
    const reads = db.cacheStats().coldReads;
    expect(await things(db).countDocuments({ group: { $in: ["g3", "g4"] }, at: { $gte: new Date(T0 + 100_000) } })).toBe(40);
    expect(await things(db).countDocuments({ group: "g3", n: { $lt: 100 } })).toBe(10);
    expect(db.cacheStats().coldReads).toBe(reads);
    // A condition on a field no index holds: the group's 30 candidates are read.
    expect(await things(db).countDocuments({ group: "g3", "nested.list.2.deep": 0 })).toBe(10);
    expect(db.cacheStats().coldReads - reads).toBe(30);
    await db.close();
    await dir.remove();
  });

  it("expires cold documents by their indexed date without reading them", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await things(db).createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => things(db).insertOne({ _id: `e${i}`, expiresAt: new Date(clock.now().getTime() + (i < 20 ? 1000 : 3_600_000)) })));
    clock.advance(2000);
    const reads = db.cacheStats().coldReads;
    expect(await db.sweepExpired()).toBe(20);
    expect(db.cacheStats().coldReads).toBe(reads);
    expect(await things(db).countDocuments({})).toBe(30);
    await db.close();
    await dir.remove();
  });

  it("recovers cold documents from the snapshot and the journal, loading within the budget", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await fill(db, 500);
    await db.snapshot();
    // After the snapshot, patches of documents that are only in the snapshot file.
    await Promise.all(Array.from({ length: 100 }, (_, i) => things(db).updateOne({ _id: thing(i * 5)._id }, { $set: { touched: i } })));
    await things(db).deleteOne({ _id: "t00001" });
    const expected = await everything(db);
    const crashed = await crashCopy(dir.path);

    const budget = 8 * 1024;
    const recovered = await open(crashed.path, budget);
    expect(recovered.cacheStats().hotBytes).toBeLessThanOrEqual(budget);
    expect(await everything(recovered)).toEqual(expected);
    expect(await things(recovered).findOne({ _id: "t00010" })).toEqual({ ...thing(10), touched: 2 });
    await expect(things(recovered).insertOne({ ...thing(9999), n: 42 })).rejects.toMatchObject({ code: 11000 });
    await recovered.close();
    // A clean close leaves a snapshot holding everything, read back cold again.
    const reopened = await open(crashed.path, 0);
    expect(await everything(reopened)).toEqual(expected);
    await reopened.close();
    await db.close();
    await Promise.all([dir.remove(), crashed.remove()]);
  });

  it("reclaims the cold files with a snapshot, and starts one when they grow", async () => {
    const dir = await tempDir();
    const db = await open(dir.path, 0);
    await fill(db, 200);
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 200 }, (_, i) => things(db).updateOne({ _id: thing(i)._id }, { $set: { round } })));
    }
    const before = db.cacheStats();
    expect(before.coldFileBytes).toBeGreaterThan(6 * 200 * 100);
    await db.snapshot();
    // Every document is now read from the new snapshot: the old cold file is closed, nothing is in a new one.
    expect(db.cacheStats()).toMatchObject({ coldFileBytes: 0, openFiles: 1, hotDocuments: 0 });
    expect((await everything(db)).map((doc) => doc["round"])).toEqual(Array.from({ length: 200 }, () => 4));
    await db.close();

    // With a small snapshot threshold the cold files never grow far past it.
    const small = await open(dir.path, 0, { snapshotAfterBytes: 32 * 1024 });
    let largest = 0;
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 200 }, (_, i) => things(small).updateOne({ _id: thing(i)._id }, { $set: { again: round } })));
      await small.snapshotSettled();
      largest = Math.max(largest, small.cacheStats().coldFileBytes);
    }
    expect(largest).toBeLessThan(4 * 32 * 1024 + 64 * 1024);
    expect((await everything(small)).every((doc) => doc["again"] === 9)).toBe(true);
    await small.close();
    await dir.remove();
  });

  it("reads everything back after kill -9 of a process holding cold documents", async () => {
    const dir = await tempDir();
    const script = join(process.cwd(), "test/helpers/storage/writeColdInChild.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script, dir.path], { env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "inherit"] });
    const acknowledged = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.trim());
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(acknowledged).toBe("acknowledged 400");
    // The cold file was unlinked when created: nothing but the store's own files is left.
    expect((await readdir(dir.path)).filter((file) => file.startsWith("cold-"))).toEqual([]);
    const db = await open(dir.path, 4096);
    const docs = await everything(db);
    expect(docs).toHaveLength(400);
    expect(docs.every((doc, i) => doc["n"] === i && doc["hits"] === (i % 3 === 0 ? 2 : 1))).toBe(true);
    await db.close();
    await dir.remove();
  }, 30_000);
});
