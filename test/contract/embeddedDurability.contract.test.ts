/**
 * The embedded backend's durability: whatever was acknowledged before a crash survives it, exactly
 * once; a torn journal tail is dropped without harming what came before or what comes after; a
 * second process cannot open the same directory.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFile } from "node:child_process";
import { copyFile, readdir, stat, truncate } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { ObjectId } from "bson";
import type { DocCollection } from "../../src/ports/docCollection.js";
import { EmbeddedDatabase } from "../../src/storage/embedded/embeddedDatabase.js";
import { LOCK_FILE } from "../../src/storage/embedded/lockFile.js";
import { tempDir } from "../helpers/storage/backends.js";
import { FakeClock } from "../helpers/storage/fakeClock.js";
import { seededRandom } from "../helpers/storage/seededRandom.js";

type Doc = { _id: string; [field: string]: unknown };
type Model = ReadonlyMap<string, Doc>;

const run = promisify(execFile);
const clock = new FakeClock();
const open = (dataDir: string) => EmbeddedDatabase.open({ dataDir, clock, ttlSweepIntervalMs: 0 });

async function currentJournal(dir: string): Promise<string> {
  const journals = (await readdir(dir)).filter((file) => file.startsWith("journal-")).sort();
  const last = journals.at(-1);
  if (!last) throw new Error("no journal");
  return last;
}

/** Tests write arbitrary fields; the port's StoredDoc only promises `_id`. */
const typed = (db: EmbeddedDatabase, name: string) => db.collection(name) as unknown as DocCollection<{ _id: unknown; [field: string]: unknown }>;

async function contents(db: EmbeddedDatabase): Promise<Doc[]> {
  const docs = await typed(db, "things").find({}, { sort: { _id: 1 } }).toArray();
  return docs as Doc[];
}

const sorted = (model: Model): Doc[] => [...model.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));

/** Copies the data files (not the lock: the "crashed" owner is this very process) to a fresh dir. */
async function crashCopy(from: string, to: string, journal: string, cut: number): Promise<void> {
  for (const file of await readdir(from)) if (file !== LOCK_FILE) await copyFile(join(from, file), join(to, file));
  await truncate(join(to, journal), cut);
}

describe("embedded store durability", () => {
  const random = seededRandom(20250301);
  let source: { path: string; remove(): Promise<void> };
  /** State after each acknowledged operation, with the journal size at that moment. */
  const acked: { size: number; model: Model }[] = [];
  let baseline: Model = new Map();
  let journal = "";
  let crashed: EmbeddedDatabase | undefined;

  beforeAll(async () => {
    source = await tempDir();
    const db = await open(source.path);
    crashed = db;
    const things = typed(db, "things");
    await things.createIndex({ key: 1 }, { unique: true });
    const model = new Map<string, Doc>();
    const apply = async (step: number): Promise<void> => {
      const choice = random();
      const existing = [...model.keys()];
      if (choice < 0.5 || existing.length === 0) {
        const doc: Doc = { _id: `d${String(step).padStart(4, "0")}`, key: step, at: clock.tick(), ref: new ObjectId(), text: "x".repeat(Math.floor(random() * 300)) };
        await things.insertOne(doc);
        model.set(doc._id, doc);
      } else if (choice < 0.85) {
        const id = existing[Math.floor(random() * existing.length)] ?? "";
        const after = await things.findOneAndUpdate({ _id: id }, { $inc: { hits: 1 }, $push: { log: step } }, { returnDocument: "after" });
        model.set(id, after as Doc);
      } else {
        const id = existing[Math.floor(random() * existing.length)] ?? "";
        await things.deleteOne({ _id: id });
        model.delete(id);
      }
    };
    for (let step = 0; step < 60; step++) await apply(step);
    // A snapshot mid-way: recovery must combine it with the newer journal generation.
    await db.snapshot();
    baseline = new Map(model);
    journal = await currentJournal(source.path);
    for (let step = 60; step < 200; step++) {
      await apply(step);
      acked.push({ size: (await stat(join(source.path, journal))).size, model: new Map(model) });
    }
    // Simulated crash: the database is never closed (closing would write a clean snapshot).
  });

  afterAll(async () => {
    await crashed?.close();
    await source.remove();
  });

  it("keeps exactly what was acknowledged before the crash point, at 40 random cut points", async () => {
    const finalSize = acked.at(-1)?.size ?? 0;
    const cuts = [0, 1, 7, finalSize - 1, finalSize, ...Array.from({ length: 35 }, () => Math.floor(random() * finalSize))];
    for (const cut of cuts) {
      const target = await tempDir();
      await crashCopy(source.path, target.path, journal, cut);
      const expected = [...acked].reverse().find((entry) => entry.size <= cut)?.model ?? baseline;
      const db = await open(target.path);
      expect({ cut, docs: await contents(db) }).toEqual({ cut, docs: sorted(expected) });
      await db.close();
      await target.remove();
    }
  });

  it("drops a torn tail for good: writes after recovery survive the next restart", async () => {
    const middle = acked[Math.floor(acked.length / 2)];
    if (!middle) throw new Error("no operations recorded");
    const target = await tempDir();
    await crashCopy(source.path, target.path, journal, middle.size + 5);
    const first = await open(target.path);
    await typed(first, "things").insertOne({ _id: "after-crash", key: -1 });
    // No close: a second crash, this time right after an acknowledged write.
    await copyFile(join(target.path, await currentJournal(target.path)), join(target.path, "kept.bak"));
    const again = await tempDir();
    for (const file of await readdir(target.path)) if (file !== LOCK_FILE && file !== "kept.bak") await copyFile(join(target.path, file), join(again.path, file));
    const second = await open(again.path);
    const docs = await contents(second);
    expect(docs).toEqual(sorted(new Map([...middle.model, ["after-crash", { _id: "after-crash", key: -1 }]])));
    await Promise.all([first.close(), second.close()]);
    await Promise.all([target.remove(), again.remove()]);
  });

  it("loses nothing when snapshots rotate the journal under concurrent writes", async () => {
    const dir = await tempDir();
    const db = await EmbeddedDatabase.open({ dataDir: dir.path, clock, ttlSweepIntervalMs: 0, snapshotAfterBytes: 4096 });
    const things = typed(db, "things");
    const ids = Array.from({ length: 400 }, (_, i) => `c${String(i).padStart(3, "0")}`);
    for (let start = 0; start < ids.length; start += 50) {
      const batch = ids.slice(start, start + 50);
      await Promise.all(batch.map((id) => things.insertOne({ _id: id, hits: 0, pad: "p".repeat(64) })));
      await Promise.all(ids.slice(0, start + 50).map((id) => things.updateOne({ _id: id }, { $inc: { hits: 1 } })));
      await Promise.all(batch.filter((_, i) => i % 10 === 0).map((id) => things.deleteOne({ _id: id })));
    }
    await db.snapshotSettled();
    // Several snapshots ran while writes were in flight (the first journal generation is gone).
    expect(await readdir(dir.path)).toContain("snapshot.bson");
    expect(await currentJournal(dir.path)).not.toBe("journal-0000000001.log");
    const expected = (await contents(db)).map((doc) => ({ ...doc }));
    expect(expected).toHaveLength(360);
    expect(expected.find((doc) => doc._id === "c001")?.["hits"]).toBe(8);
    const crashed = await tempDir();
    for (const file of await readdir(dir.path)) if (file !== LOCK_FILE) await copyFile(join(dir.path, file), join(crashed.path, file));
    const recovered = await open(crashed.path);
    expect(await contents(recovered)).toEqual(expected);
    await Promise.all([db.close(), recovered.close()]);
    await Promise.all([dir.remove(), crashed.remove()]);
  });

  it("restores everything after a clean close, unique indexes included", async () => {
    const dir = await tempDir();
    const db = await open(dir.path);
    await typed(db, "users").createIndex({ name: 1 }, { unique: true });
    await Promise.all(Array.from({ length: 100 }, (_, i) => typed(db, "users").insertOne({ _id: i, name: `n${i}` })));
    await db.close();
    const reopened = await open(dir.path);
    expect(await typed(reopened, "users").countDocuments({})).toBe(100);
    await expect(typed(reopened, "users").insertOne({ _id: "x", name: "n7" })).rejects.toMatchObject({ code: 11000 });
    await reopened.close();
    await dir.remove();
  });
});

describe("embedded store lock", () => {
  const child = async (dataDir: string): Promise<{ ok: boolean; code?: string; message?: string }> => {
    const script = join(process.cwd(), "test/helpers/storage/openInChild.ts");
    const result = await run(process.execPath, ["--import", "tsx", script, dataDir], { env: { ...process.env, NODE_OPTIONS: "" } }).catch(
      (error: { stdout: string }) => error,
    );
    return JSON.parse(result.stdout) as { ok: boolean; code?: string; message?: string };
  };

  it("makes a second process fail with a message naming the data directory", async () => {
    const dir = await tempDir();
    const db = await open(dir.path);
    const outcome = await child(dir.path);
    expect(outcome.ok).toBe(false);
    expect(outcome.code).toBe("STORE_LOCKED");
    expect(outcome.message).toContain(dir.path);
    expect(outcome.message).toContain(`pid ${process.pid}`);
    await expect(open(dir.path)).rejects.toMatchObject({ code: "STORE_LOCKED" });
    await db.close();
    expect((await child(dir.path)).ok).toBe(true);
    await dir.remove();
  });
});
