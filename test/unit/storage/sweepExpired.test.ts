import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { EmbeddedDatabase } from "../../../src/storage/embedded/embeddedDatabase.js";
import { tempDir } from "../../helpers/storage/backends.js";
import { FakeClock } from "../../helpers/storage/fakeClock.js";

describe("TTL sweep on an injected clock", () => {
  let dir: { path: string; remove(): Promise<void> };
  let db: EmbeddedDatabase;
  const clock = new FakeClock();

  beforeEach(async () => {
    dir = await tempDir();
    db = await EmbeddedDatabase.open({ dataDir: dir.path, clock, ttlSweepIntervalMs: 0 });
  });
  afterEach(async () => {
    await db.close();
    await dir.remove();
  });

  it("deletes a document once its date plus expireAfterSeconds has passed, durably", async () => {
    const events = db.collection("events");
    await events.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const start = clock.now();
    await events.insertOne({ _id: "a", at: start });
    await events.insertOne({ _id: "b", at: new Date(start.getTime() + 30_000) });
    await events.insertOne({ _id: "c", at: "not a date" });
    await events.insertOne({ _id: "d", at: [new Date(start.getTime() + 90_000), new Date(start.getTime() - 1)] });
    clock.advance(59_000);
    expect(await db.sweepExpired()).toBe(0);
    clock.advance(1_000);
    expect(await db.sweepExpired()).toBe(2);
    clock.advance(30_000);
    expect(await db.sweepExpired()).toBe(1);
    await db.close();
    db = await EmbeddedDatabase.open({ dataDir: dir.path, clock, ttlSweepIntervalMs: 0 });
    expect((await db.collection("events").find({}).toArray()).map((doc) => doc._id)).toEqual(["c"]);
  });
});
